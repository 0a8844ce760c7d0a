"""govdisclosure batch and parse_many over the real fixtures: one record per input, in order."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import AnnualReport, GovDisclosureError, NotAnnualReportError
from govdisclosure.batch import (
    BatchResult,
    Progress,
    configure_parser,
    iter_inputs,
    map_ordered,
    parse_many,
    run,
)
from govdisclosure.export import STATUSES

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
REAL = FIXTURES / "real"
SEED_001 = SEEDS / "001_213733622d4d3974.txt"
SEED_003 = SEEDS / "003_63b3421129059ba8.txt"
SHUYANG = REAL / "shuyang_fgj_2023.html"
# The bytes of a PNG header: no text encoding reads this.
JUNK = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


def batch(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="govdisclosure batch")
    configure_parser(parser)
    return run(parser.parse_args(list(argv)))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def expected_status(path: Path) -> str:
    """What govdisclosure.parse makes of ``path``, as a batch status."""
    try:
        govdisclosure.parse(path)
    except NotAnnualReportError:
        return "not_annual_report"
    except GovDisclosureError:
        return "error"
    return "ok"


@pytest.fixture
def junk(tmp_path: Path) -> Path:
    path = tmp_path / "junk.txt"
    path.write_bytes(JUNK)
    return path


def test_batch_records_every_input_in_order(tmp_path: Path, junk: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert batch(str(FIXTURES), str(junk), "-o", str(out), "-j", "1") == 0
    expected = [task[0] for task in iter_inputs([str(FIXTURES), str(junk)])]
    records = read_jsonl(out)
    assert [r["id"] for r in records] == expected
    assert len(expected) == len({*expected})


def test_batch_status_agrees_with_parse(tmp_path: Path, junk: Path) -> None:
    out = tmp_path / "out.jsonl"
    batch(str(FIXTURES), str(junk), "-o", str(out), "-j", "1")
    for record in read_jsonl(out):
        assert record["status"] == expected_status(Path(record["id"])), record["id"]


def test_batch_records_the_non_report_seed_with_its_error(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    batch(str(SEED_003), "-o", str(out))
    (record,) = read_jsonl(out)
    assert record["status"] == "not_annual_report"
    assert record["error"]["type"] == "NotAnnualReportError"
    assert record["error"]["message"]


def test_batch_records_junk_as_an_error_and_goes_on(tmp_path: Path, junk: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert batch(str(junk), str(SEED_001), "-o", str(out)) == 0
    first, second = read_jsonl(out)
    assert first["status"] == "error"
    assert first["error"]["type"] == "DecodeError"
    assert second["status"] == "ok"


def test_batch_report_records_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    batch(str(SEED_001), str(SHUYANG), "-o", str(out))
    for record in read_jsonl(out):
        report = AnnualReport.from_json(json.dumps(record["report"]))
        assert report.facts() == govdisclosure.parse(Path(record["id"])).facts()


def test_batch_prints_the_summary(
    tmp_path: Path, junk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    batch(str(SEED_001), str(SEED_003), str(junk), "-o", str(out))
    err = capsys.readouterr().err
    assert "3 input(s)" in err
    assert "1 parsed, 1 not reports, 1 failed" in err
    assert "DecodeError 1" in err
    assert "findings:" in err


def test_batch_summary_counts_findings_by_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    batch(str(SEEDS), str(REAL), "-o", str(out))
    err = capsys.readouterr().err
    codes: dict[str, int] = {}
    for record in read_jsonl(out):
        for finding in (record.get("report") or {}).get("findings", []):
            codes[finding["code"]] = codes.get(finding["code"], 0) + 1
    line = next(x for x in err.splitlines() if x.startswith("findings:"))
    for code, n in codes.items():
        assert f"{code} {n}" in line


def test_batch_order_is_input_order_with_two_jobs(tmp_path: Path, junk: Path) -> None:
    out = tmp_path / "out.jsonl"
    inputs = [str(SHUYANG), str(FIXTURES), str(junk), str(SEED_001)]
    assert batch(*inputs, "-o", str(out), "-j", "2", "--chunksize", "1") == 0
    assert [r["id"] for r in read_jsonl(out)] == [t[0] for t in iter_inputs(inputs)]


def test_batch_two_jobs_give_the_same_output_as_one(tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    batch(str(FIXTURES), "-o", str(one), "-j", "1", "--facts")
    batch(str(FIXTURES), "-o", str(two), "-j", "2", "--chunksize", "2", "--facts")
    assert one.read_text("utf-8") == two.read_text("utf-8")


def test_batch_resume_skips_done_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    batch(str(SEED_001), "-o", str(out))
    first = out.read_text("utf-8")
    capsys.readouterr()
    batch(str(SEED_001), str(SEED_003), "-o", str(out), "--resume")
    assert out.read_text("utf-8").startswith(first)
    assert [r["id"] for r in read_jsonl(out)] == [str(SEED_001), str(SEED_003)]
    assert "1 skipped" in capsys.readouterr().err


def test_batch_resume_drops_a_half_written_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    batch(str(SEED_001), "-o", str(out))
    with out.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "' + str(SEED_003) + '", "status": "o')  # killed mid-write
    batch(str(SEED_001), str(SEED_003), "-o", str(out), "--resume")
    assert [r["id"] for r in read_jsonl(out)] == [str(SEED_001), str(SEED_003)]


def test_batch_resume_appends_to_csv_without_a_second_header(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    batch(str(SEED_001), "-o", str(out), "--shape", "wide")
    batch(str(SEED_001), str(SEED_003), "-o", str(out), "--shape", "wide", "--resume")
    lines = out.read_text("utf-8").splitlines()
    assert lines[0].startswith("id,status,")
    assert [line.split(",", 1)[0] for line in lines[1:]] == [str(SEED_001), str(SEED_003)]


def test_batch_resume_continues_a_parquet_file(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "out.parquet"
    batch(str(SEED_001), "-o", str(out), "--shape", "wide")
    batch(str(SEED_001), str(SEED_003), str(SHUYANG), "-o", str(out), "--shape", "wide", "--resume")
    frame = pd.read_parquet(out)
    assert list(frame["id"]) == [str(SEED_001), str(SEED_003), str(SHUYANG)]


def test_batch_parquet_long_loads_in_pandas_and_duckdb(tmp_path: Path, junk: Path) -> None:
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "facts.parquet"
    assert batch(str(FIXTURES), str(junk), "-o", str(out), "--format", "parquet") == 0
    frame = pd.read_parquet(out)
    ok = frame[frame["status"] == "ok"]
    report = govdisclosure.parse(SEED_001)
    rows = ok[ok["id"] == str(SEED_001)]
    assert list(rows["key"]) == list(report.facts())
    counts = dict(
        duckdb.sql(f"select status, count(distinct id) from '{out}' group by status").fetchall()
    )
    assert sum(counts.values()) == len(list(iter_inputs([str(FIXTURES), str(junk)])))
    assert counts["error"] == 1


def test_batch_parquet_wide_has_typed_columns(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "facts.parquet"
    batch(str(SEED_001), str(SEED_003), "-o", str(out), "--shape", "wide")
    report = govdisclosure.parse(SEED_001)
    received = report.facts()["applications.new_received.total"]
    value = duckdb.sql(
        f"""select "applications.new_received.total" from '{out}' where id = '{SEED_001}'"""
    ).fetchall()
    assert value == [(received,)]
    kinds = {row[0]: row[1] for row in duckdb.sql(f"describe select * from '{out}'").fetchall()}
    assert kinds["year"] == "BIGINT"
    assert kinds["published"] == "DATE"


def test_batch_facts_jsonl_wide_is_one_line_per_input(tmp_path: Path, junk: Path) -> None:
    out = tmp_path / "facts.jsonl"
    batch(str(SEED_001), str(junk), "-o", str(out), "--facts", "--shape", "wide")
    ok, failed = read_jsonl(out)
    facts = govdisclosure.parse(SEED_001).facts()
    assert (
        ok["facts"]["applications.new_received.total"] == facts["applications.new_received.total"]
    )
    assert failed["status"] == "error"


def test_batch_reads_jsonl_records(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    html = SHUYANG.read_text("utf-8")
    lines = [
        {"id": "a", "text": SEED_001.read_text("utf-8")},
        {"id": "b", "html": html},
        {"id": "c", "path": os.path.relpath(SEED_003, tmp_path)},
        {"id": "d"},
    ]
    records.write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\nnot json\n", "utf-8"
    )
    out = tmp_path / "out.jsonl"
    batch(str(records), "-o", str(out))
    got = [(r["id"], r["status"]) for r in read_jsonl(out)]
    assert got == [
        ("a", expected_status(SEED_001)),
        ("b", expected_status(SHUYANG)),
        ("c", "not_annual_report"),
        ("d", "error"),
        (f"{records}:5", "error"),
    ]


def test_batch_never_reads_its_own_output(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SEED_001.read_text("utf-8"), "utf-8")
    out = tmp_path / "in" / "out.jsonl"
    batch(str(tmp_path / "in"), "-o", str(out))
    batch(str(tmp_path / "in"), "-o", str(out))
    assert [r["id"] for r in read_jsonl(out)] == [str(tmp_path / "in" / "a.txt")]


def test_batch_expands_globs(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    batch(str(SEEDS / "00[13]_*.txt"), "-o", str(out))
    assert [r["id"] for r in read_jsonl(out)] == [str(SEED_001), str(SEED_003)]


def test_batch_missing_input_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert batch(str(tmp_path / "nope"), "-o", str(tmp_path / "out.jsonl")) == 2
    assert "nope" in capsys.readouterr().err


def test_batch_parquet_without_pyarrow_says_which_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert batch(str(SEED_001), "-o", str(tmp_path / "out.parquet")) == 2
    assert "govdisclosure[parquet]" in capsys.readouterr().err


def test_batch_resume_to_stdout_is_a_usage_error() -> None:
    assert batch(str(SEED_001), "-o", "-", "--resume") == 2


def test_parse_many_yields_one_result_per_source_in_order() -> None:
    sources = [SHUYANG, SEED_003, SEED_001, "政府信息公开工作年度报告\n没有数字", b"\x00\x01"]
    results = list(parse_many(sources, workers=2, chunksize=1))
    assert [r.id for r in results] == [str(SHUYANG), str(SEED_003), str(SEED_001), "#3", "#4"]
    assert results[1].status == "not_annual_report"
    assert results[4].status == "error"
    assert results[2].report is not None
    assert results[2].report.facts() == govdisclosure.parse(SEED_001).facts()


def test_parse_many_is_lazy() -> None:
    consumed = []

    def sources() -> Any:
        for i in range(1000):
            consumed.append(i)
            yield str(SEED_003)

    results = parse_many(sources(), workers=1, chunksize=4)
    next(results)
    assert len(consumed) <= 8


def _die_on_crash_marker(chunk: list[str]) -> list[str]:
    if "crash" in chunk:
        os._exit(1)  # a segfault in a C extension looks like this to the pool
    return [s.upper() for s in chunk]


def test_map_ordered_survives_a_dying_worker() -> None:
    chunks = [["a", "b"], ["c", "crash"], ["d"], ["e"]]
    out = list(map_ordered(_die_on_crash_marker, chunks, workers=2, on_crash=lambda s: f"died:{s}"))
    assert out == [["A", "B"], ["C", "died:crash"], ["D"], ["E"]]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.binary(max_size=200), st.text(max_size=200)), max_size=5))
def test_parse_many_never_raises_on_junk(sources: list[Any]) -> None:
    results = list(parse_many(sources, workers=1))
    assert len(results) == len(sources)
    assert all(isinstance(r, BatchResult) and r.status in STATUSES for r in results)
    assert all((r.report is None) == (r.status != "ok") for r in results)


def test_progress_line_shows_rate_and_eta() -> None:
    import io

    progress = Progress(10, stream=io.StringIO(), enabled=False)
    progress.advance(5)
    line = progress.line()
    assert "5/10" in line
    assert "/s" in line
    assert "ETA" in line


def test_progress_draws_nothing_when_disabled() -> None:
    import io

    stream = io.StringIO()
    progress = Progress(10, stream=stream, enabled=False)
    progress.advance(10)
    progress.close()
    assert stream.getvalue() == ""


# --------------------------------------------------------------------------- time limit, SIGTERM


@pytest.fixture
def stuck(tmp_path: Path) -> Path:
    """An input the patched parsers below get stuck on (its name says ``stuck``)."""
    path = tmp_path / "stuck.txt"
    path.write_text("政府信息公开工作年度报告", "utf-8")
    return path


def _slow_parse(source: Any, **_: Any) -> AnnualReport:
    """A parser stuck in a Python loop on any input naming ``stuck``."""
    if "stuck" in str(source):
        while True:
            pass
    return govdisclosure.parse(source)


def _deaf_parse(source: Any, **_: Any) -> AnnualReport:
    """A parser stuck where the time-limit signal cannot reach it (as if inside C code)."""
    if "stuck" in str(source):
        import signal
        import time

        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return govdisclosure.parse(source)


def test_parse_many_records_an_input_over_the_time_limit(
    stuck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(govdisclosure.batch, "parse", _slow_parse)
    results = list(parse_many([SEED_001, stuck, SEED_003], workers=1, timeout=0.3))
    assert [r.status for r in results] == ["ok", "error", "not_annual_report"]
    error = results[1].error
    assert error is not None
    assert error.type == "TimeLimitError"
    assert "0.3 s" in error.message
    assert "--timeout" in error.message


def test_batch_time_limit_in_worker_processes(
    tmp_path: Path, stuck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(govdisclosure.batch, "parse", _slow_parse)  # workers are forked
    out = tmp_path / "out.jsonl"
    inputs = [str(SEED_001), str(stuck), str(SEED_003)]
    assert batch(*inputs, "-o", str(out), "-j", "2", "--chunksize", "1", "--timeout", "0.3") == 0
    records = read_jsonl(out)
    assert [r["status"] for r in records] == ["ok", "error", "not_annual_report"]
    assert records[1]["error"]["type"] == "TimeLimitError"


def test_batch_watchdog_ends_a_worker_deaf_to_the_time_limit(
    stuck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(govdisclosure.batch, "parse", _deaf_parse)
    monkeypatch.setattr(govdisclosure.batch, "WATCHDOG_GRACE", 0.3)
    results = list(parse_many([SEED_001, stuck, SEED_003], workers=2, chunksize=3, timeout=0.2))
    assert [r.status for r in results] == ["ok", "error", "not_annual_report"]
    assert results[1].error is not None
    assert results[1].error.type == "WorkerCrash"


def test_parse_many_restores_the_callers_alarm_handler() -> None:
    import signal

    def mine(signum: int, frame: object) -> None:
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        list(parse_many([SEED_001], workers=1, timeout=5))
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_batch_negative_timeout_is_a_usage_error() -> None:
    assert batch(str(SEED_001), "-o", "-", "--timeout", "-1") == 2
    with pytest.raises(GovDisclosureError, match="timeout"):
        list(parse_many([SEED_001], timeout=-1))


def test_batch_sigterm_closes_the_output_and_ends_the_workers(tmp_path: Path) -> None:
    import signal
    import subprocess
    import time

    records = tmp_path / "many.jsonl"
    with records.open("w", encoding="utf-8") as f:
        for i in range(5000):
            f.write(json.dumps({"id": f"r{i}", "path": str(SEED_001)}) + "\n")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "govdisclosure.batch", str(records), "-o", str(out), "-j", "2"],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while (not out.exists() or out.stat().st_size == 0) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    sent = time.monotonic()
    _, stderr = proc.communicate(timeout=60)
    assert time.monotonic() - sent < 10  # the chunks in flight finish, no more
    assert proc.returncode == 143
    assert "--resume" in stderr
    lines = read_jsonl(out)  # every line is whole JSON
    assert 0 < len(lines) < 5000
    assert [r["id"] for r in lines] == [f"r{i}" for i in range(len(lines))]
    children = subprocess.run(
        ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True, check=False
    )
    assert children.stdout == ""
