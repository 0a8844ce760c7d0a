from __future__ import annotations

import datetime as dt
import json
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure
from corpus import CORPUS, is_report
from govdisclosure import AnnualReport, SchemaError, model
from govdisclosure.serialize import generate_json_schema

SHIPPED = Path(__file__).parent.parent / "src" / "govdisclosure" / "data" / "report.schema.json"
COUNTS = st.one_of(st.none(), st.integers(min_value=-(10**12), max_value=10**12))


def _strategy(tp: Any) -> st.SearchStrategy[Any]:
    origin = get_origin(tp)
    if tp is int:
        return st.integers(min_value=-(10**12), max_value=10**12)
    if tp is str:
        return st.text(max_size=12)
    if tp is bool:
        return st.booleans()
    if tp is Decimal:
        return st.decimals(allow_nan=False, allow_infinity=False)
    if tp is dt.date:
        return st.dates()
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if origin in (Union, types.UnionType):
        return st.one_of(*[_strategy(a) for a in get_args(tp)])
    if tp is type(None):
        return st.none()
    if origin is tuple:
        return st.lists(_strategy(get_args(tp)[0]), max_size=2).map(tuple)
    if isinstance(tp, type) and attrs.has(tp):
        hints = typing.get_type_hints(tp, vars(model))
        fields = {f.name: _strategy(hints[f.name]) for f in attrs.fields(tp)}
        return st.fixed_dictionaries(fields).map(lambda kw: tp(**kw))
    raise TypeError(tp)


REPORTS = _strategy(AnnualReport)


@settings(max_examples=60, deadline=None)
@given(REPORTS)
def test_json_round_trip_is_lossless(report: AnnualReport) -> None:
    assert AnnualReport.from_json(report.to_json()) == report


@settings(max_examples=30, deadline=None)
@given(REPORTS)
def test_every_generated_report_validates_against_the_schema(report: AnnualReport) -> None:
    jsonschema.validate(json.loads(report.to_json()), govdisclosure.json_schema())


def test_shipped_schema_matches_the_model() -> None:
    # If this fails after a model change, regenerate the file with
    #   make schema
    # and bump SCHEMA_VERSION as the changelog policy says.
    assert json.loads(SHIPPED.read_text("utf-8")) == generate_json_schema()


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(govdisclosure.json_schema())


@pytest.mark.parametrize("path", [p for p in CORPUS if is_report(p)], ids=lambda p: p.stem)
def test_corpus_reports_round_trip_and_validate(path: Path) -> None:
    report = govdisclosure.parse(path)
    payload = report.to_json()
    assert AnnualReport.from_json(payload) == report
    jsonschema.validate(json.loads(payload), govdisclosure.json_schema())
    assert set(report.facts()) <= {k.key for k in govdisclosure.vocabulary()}


def test_top_level_carries_the_schema_version() -> None:
    assert (
        json.loads(AnnualReport(edition="2021").to_json())["schema_version"]
        == govdisclosure.SCHEMA_VERSION
    )


def test_decimal_money_is_written_as_a_json_number() -> None:
    report = AnnualReport(edition="2021", fees=model.Fees(collected_yuan=Decimal("380.5")))
    assert json.loads(report.to_json())["fees"]["collected_yuan"] == 380.5


def _payload(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(AnnualReport(edition="2021").to_json())
    data.update(changes)
    return data


def test_malformed_payload_lists_each_problem_with_its_path() -> None:
    data = _payload(year="2020")
    data["applications"]["new_received"]["total"] = "many"
    with pytest.raises(SchemaError) as info:
        AnnualReport.from_json(json.dumps(data))
    problems = info.value.problems
    assert any(p.endswith("@ $.year") for p in problems)
    assert any(p.endswith("@ $.applications.new_received.total") for p in problems)


def test_unknown_key_is_refused_with_its_place() -> None:
    data = _payload()
    data["region"]["planet"] = "earth"
    with pytest.raises(SchemaError) as info:
        AnnualReport.from_json(json.dumps(data))
    assert info.value.problems == ("unknown key 'planet' @ $.region",)


def test_missing_required_field_is_named() -> None:
    data = _payload()
    del data["edition"]
    with pytest.raises(SchemaError) as info:
        AnnualReport.from_json(json.dumps(data))
    assert "required field missing @ $.edition" in info.value.problems


@pytest.mark.parametrize(
    "payload",
    ["", "not json", "[]", '{"edition": "2021"}', '{"schema_version": "9.0", "edition": "2021"}'],
)
def test_bad_payloads_raise_schema_error(payload: str) -> None:
    with pytest.raises(SchemaError):
        AnnualReport.from_json(payload)


def test_schema_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="schema"):
        AnnualReport.from_json('{"schema_version": "1.0", "edition": "1999"}')


def test_booleans_are_not_counts() -> None:
    data = _payload()
    data["complaints"]["total"] = True
    with pytest.raises(SchemaError, match="complaints"):
        AnnualReport.from_json(json.dumps(data))
