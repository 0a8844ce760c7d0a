"""Fact tables: long rows with spans, wide rows over the whole vocabulary, DataFrames, resume ids."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure.batch import parse_many
from govdisclosure.export import (
    LONG_COLUMNS,
    META_COLUMNS,
    Renderer,
    _long_json_line,
    _number,
    existing_ids,
    json_value,
    long_rows,
    open_sink,
    to_dataframe,
    value_text,
    wide_columns,
    wide_row,
)
from govdisclosure.facts import vocabulary

FIXTURES = Path(__file__).parent / "fixtures"
SEED_001 = FIXTURES / "seeds" / "001_213733622d4d3974.txt"
SEED_003 = FIXTURES / "seeds" / "003_63b3421129059ba8.txt"
SHUYANG = FIXTURES / "real" / "shuyang_fgj_2023.html"


@pytest.fixture(scope="module")
def report() -> govdisclosure.AnnualReport:
    return govdisclosure.parse(SHUYANG)


def test_long_rows_hold_every_fact_in_order(report: govdisclosure.AnnualReport) -> None:
    rows = long_rows("s", report)
    facts = report.facts()
    assert [r[2] for r in rows] == list(facts)
    assert [r[3] for r in rows] == [value_text(v) for v in facts.values()]


def test_long_rows_carry_the_source_span(report: govdisclosure.AnnualReport) -> None:
    columns = {c: i for i, c in enumerate(LONG_COLUMNS)}
    for row in long_rows("s", report):
        p = report.provenance_of(row[columns["key"]])
        span = (row[columns["start"]], row[columns["end"]], row[columns["raw"]])
        assert span == ((p.start, p.end, p.raw) if p else (None, None, None))


def test_long_rows_number_is_the_value_for_counts(report: govdisclosure.AnnualReport) -> None:
    for row in long_rows("s", report):
        value = report.facts()[row[2]]
        if isinstance(value, int):
            assert row[4] == float(value)


def test_long_rows_skip_null_drops_only_unstated_keys(report: govdisclosure.AnnualReport) -> None:
    kept = {r[2] for r in long_rows("s", report, skip_null=True)}
    assert kept == {k for k, v in report.facts().items() if v is not None}


def test_wide_row_spans_the_whole_vocabulary(report: govdisclosure.AnnualReport) -> None:
    row = wide_row("s", report)
    columns = wide_columns()
    assert len(row) == len(columns) == len(META_COLUMNS) + len(vocabulary())
    by_column = dict(zip(columns, row, strict=True))
    for key, value in report.facts().items():
        assert by_column[key] == value


def test_json_value_keeps_decimals_exact() -> None:
    assert json_value(Decimal("0.1")) == 0.1
    long = Decimal("1234567890.1234567890")
    assert json_value(long) == str(long)
    assert json_value(dt.date(2024, 1, 17)) == "2024-01-17"


def test_blank_stays_blank_in_a_csv_row(tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"
    renderer = Renderer(format="csv", facts=True, shape="long")
    sink = open_sink(out, renderer)
    sink.write(renderer.render_report("s", govdisclosure.parse(SEED_001)))
    sink.close()
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    facts = govdisclosure.parse(SEED_001).facts()
    for row in rows:
        assert (row["value"] == "") == (facts[row["key"]] is None)


def test_existing_ids_ignores_a_truncated_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a", "status": "ok"}\n{"id": "b", "sta', "utf-8")
    assert existing_ids(out, "jsonl") == {"a"}


def test_existing_ids_of_a_missing_file_is_empty(tmp_path: Path) -> None:
    assert existing_ids(tmp_path / "none.csv", "csv") == set()


def test_failure_record_names_the_error() -> None:
    line = Renderer().render_failure("x", "error", "DecodeError", "binary")
    assert isinstance(line, str)
    assert json.loads(line) == {
        "id": "x",
        "status": "error",
        "error": {"type": "DecodeError", "message": "binary"},
    }


def test_to_dataframe_long_keeps_blank_apart_from_zero(report: govdisclosure.AnnualReport) -> None:
    pd = pytest.importorskip("pandas")
    frame = to_dataframe([report], shape="long")
    assert str(frame["number"].dtype) == "Float64"
    facts = report.facts()
    for key, number in zip(frame["key"], frame["number"], strict=True):
        value = facts[key]
        if isinstance(value, int | Decimal):
            assert number == float(value)
        else:
            assert pd.isna(number)


def test_to_dataframe_wide_has_nullable_int_columns() -> None:
    pytest.importorskip("pandas")
    frame = to_dataframe(parse_many([SEED_001, SEED_003], workers=1), shape="wide")
    assert list(frame["status"]) == ["ok", "not_annual_report"]
    assert str(frame["applications.new_received.total"].dtype) == "Int64"
    assert frame.loc[1, "error_type"] == "NotAnnualReportError"


def test_to_dataframe_rejects_an_unknown_shape(report: govdisclosure.AnnualReport) -> None:
    pytest.importorskip("pandas")
    with pytest.raises(govdisclosure.InputError):
        to_dataframe([report], shape="tall")  # type: ignore[arg-type]


_LONG_OK_COLUMNS = [c for c in LONG_COLUMNS if c not in ("error_type", "error_message")]


@given(
    st.tuples(
        st.text(),
        st.just("ok"),
        st.text(),
        st.none() | st.text(),
        st.none() | st.floats() | st.integers(),
        st.none() | st.integers(min_value=0),
        st.none() | st.integers(min_value=0),
        st.none() | st.text(),
    )
)
def test_long_json_lines_are_what_json_dumps_writes(row: tuple[Any, ...]) -> None:
    line = _long_json_line((*row, None, None))
    expected = json.dumps(
        dict(zip(_LONG_OK_COLUMNS, row, strict=True)), ensure_ascii=False, separators=(",", ":")
    )
    assert line == expected + "\n"


def test_number_column_is_empty_for_an_integer_no_float_holds() -> None:
    rows = long_rows("r", govdisclosure.parse(SEED_001))
    assert all(r[4] is None or isinstance(r[4], float) for r in rows)
    assert _number("int", 10**400) is None
    assert _number("int", 7) == 7.0
