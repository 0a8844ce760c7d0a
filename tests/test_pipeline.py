"""The composed pipeline on bad input: typed errors, bounded work, nothing mutated."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import (
    DecodeError,
    GovDisclosureError,
    InputError,
    NotAnnualReportError,
)
from govdisclosure.pipeline import MAX_TEXT_CHARS

SEED_000 = Path(__file__).parent / "fixtures" / "seeds" / "000_8f17dc3a465f5641.txt"


@pytest.mark.parametrize("source", ["", "   \n\n  ", "<html></html>", b""])
def test_empty_input_is_not_an_annual_report(source: str | bytes) -> None:
    with pytest.raises(NotAnnualReportError):
        govdisclosure.parse(source)


def test_binary_junk_is_a_decode_error() -> None:
    junk = bytes(range(256)) * 40
    with pytest.raises(DecodeError, match="binary"):
        govdisclosure.parse(junk)


def test_scripts_only_html_is_not_an_annual_report() -> None:
    page = "<html><head><script>var a = '政府信息公开工作年度报告';</script></head><body></body></html>"
    with pytest.raises(NotAnnualReportError):
        govdisclosure.parse(page)


def test_oversized_text_is_refused_before_any_work() -> None:
    text = "政府信息公开工作年度报告。" * (MAX_TEXT_CHARS // 10)
    with pytest.raises(InputError, match="limit"):
        govdisclosure.parse(text)


def test_missing_file_says_so() -> None:
    with pytest.raises(InputError, match="no such file"):
        govdisclosure.parse("does/not/exist.html")


def test_directory_is_refused_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        govdisclosure.parse_file(tmp_path)


def test_unsupported_type_is_an_input_error() -> None:
    with pytest.raises(InputError, match="cannot parse"):
        govdisclosure.parse(12345)  # type: ignore[arg-type]


def test_path_str_bytes_and_text_give_the_same_report() -> None:
    by_path = govdisclosure.parse(SEED_000)
    by_bytes = govdisclosure.parse(SEED_000.read_bytes(), name=str(SEED_000))
    by_text = govdisclosure.parse_text(SEED_000.read_text("utf-8"), name=str(SEED_000))
    assert by_path.facts() == by_bytes.facts() == by_text.facts()


def test_parse_does_not_mutate_a_bytearray() -> None:
    data = bytearray(SEED_000.read_bytes())
    before = bytes(data)
    govdisclosure.parse(bytes(data))
    assert bytes(data) == before


def test_same_input_same_output() -> None:
    assert govdisclosure.parse(SEED_000).to_json() == govdisclosure.parse(SEED_000).to_json()


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_gives_a_report_or_a_typed_error(text: str) -> None:
    with contextlib.suppress(GovDisclosureError):
        govdisclosure.parse(text)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_a_report_or_a_typed_error(data: bytes) -> None:
    with contextlib.suppress(GovDisclosureError):
        govdisclosure.parse(data)


def test_strict_raises_with_the_findings_and_the_report() -> None:
    seed = Path(__file__).parent / "fixtures" / "seeds" / "001_213733622d4d3974.txt"
    text = seed.read_text("utf-8")
    i = text.index("0", text.index("一、本年新收政府信息公开申请数量"))
    bad = text[:i] + "5" + text[i + 1 :]
    assert govdisclosure.parse(bad).errors()  # lenient: the report, with its findings
    with pytest.raises(govdisclosure.ReportValidationError) as info:
        govdisclosure.parse(bad, strict=True)
    assert {f.code for f in info.value.findings} >= {"balance_mismatch"}
    assert info.value.report is not None
