"""The command line as a user runs it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govdisclosure.cli import EXIT_INVALID, EXIT_NOT_REPORT, EXIT_OK, EXIT_USAGE, main

FIXTURES = Path(__file__).parent / "fixtures"
REPORT = FIXTURES / "seeds" / "001_213733622d4d3974.txt"
OTHER = FIXTURES / "seeds" / "000_8f17dc3a465f5641.txt"
NOT_REPORT = FIXTURES / "seeds" / "003_63b3421129059ba8.txt"


def test_parse_prints_the_report_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(REPORT)]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"]
    assert data["edition"] == "2019"


def test_parse_facts_prints_flat_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--facts", "--indent", "2", str(REPORT)]) == EXIT_OK
    facts = json.loads(capsys.readouterr().out)
    assert facts["kind"] == "annual_report"
    assert "applications.new_received.total" in facts


def test_several_files_give_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--facts", "--indent", "2", str(REPORT), str(OTHER)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["kind"] for line in lines] == ["annual_report", "annual_report"]


def test_not_a_report_exits_1_with_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--facts", str(NOT_REPORT)]) == EXIT_NOT_REPORT
    captured = capsys.readouterr()
    assert json.loads(captured.out)["kind"] == "not_annual_report"
    err = captured.err.strip().splitlines()
    assert len(err) == 1
    assert str(NOT_REPORT) in err[0]


def test_missing_file_names_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "nope.html"]) == EXIT_NOT_REPORT
    assert "nope.html: no such file" in capsys.readouterr().err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse"]) == EXIT_USAGE
    assert main(["frobnicate"]) == EXIT_USAGE


def test_detect_reports_each_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["detect", str(REPORT), str(NOT_REPORT)]) == EXIT_NOT_REPORT
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["is_annual_report"] for d in lines] == [True, False]


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["title"] == "govdisclosure AnnualReport"


def test_stdin_is_read_with_dash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.read_bytes())))
    assert main(["parse", "--facts", "-"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["edition"] == "2019"


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.startswith("govdisclosure ")


def _inconsistent_report(tmp_path: Path) -> Path:
    # Seed 001 with one cell changed: 自然人 new requests 0 → 5 breaks R1 and R3.
    text = REPORT.read_text("utf-8")
    i = text.index("0", text.index("一、本年新收政府信息公开申请数量"))
    path = tmp_path / "inconsistent.txt"
    path.write_text(text[:i] + "5" + text[i + 1 :], "utf-8")
    return path


def test_strict_exits_3_when_the_tables_contradict_themselves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _inconsistent_report(tmp_path)
    assert main(["parse", "--strict", str(path)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "balance_mismatch" in err
    assert "drop --strict" in err


def test_without_strict_the_findings_are_in_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(_inconsistent_report(tmp_path))]) == EXIT_OK
    codes = {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert {"balance_mismatch", "row_total_mismatch"} <= codes
