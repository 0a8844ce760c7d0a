from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from govdisclosure import AnnualReport
from govdisclosure.facts import Figure, assemble, fact_key, keys_for, vocabulary
from govdisclosure.model import Organ, Provenance, Region

SPEC = Path(__file__).parent.parent / "src" / "govdisclosure" / "data" / "facts.json"


def test_vocabulary_is_the_bundled_facts_json() -> None:
    raw = json.loads(SPEC.read_text("utf-8"))
    assert [k.key for k in vocabulary()] == [e["key"] for e in raw["keys"]]


@pytest.mark.parametrize(("edition", "cells"), [("2019", 22 + 161 + 15), ("2021", 10 + 175 + 15)])
def test_each_table_edition_has_every_template_cell(edition: str, cells: int) -> None:
    table_keys = [
        k
        for k in keys_for(edition)  # type: ignore[arg-type]
        if k.startswith(("proactive.", "applications.", "review_litigation."))
        and not k.startswith(("proactive.total", "proactive.channels"))
        and not k.endswith("amount_unit")
        and k != "applications.received_by"
    ]
    assert len(table_keys) == cells


@pytest.mark.parametrize("edition", ["pre2019", "2019", "2021"])
def test_every_key_of_an_edition_resolves_on_an_empty_report(edition: str) -> None:
    facts = AnnualReport(edition=edition).facts()  # type: ignore[arg-type]
    assert set(facts) == set(keys_for(edition))  # type: ignore[arg-type]
    assert facts["kind"] == "annual_report"
    assert all(v is None for k, v in facts.items() if k not in {"kind", "edition"})


def test_assemble_builds_nested_groups_from_flat_keys() -> None:
    parts = assemble(
        [
            Figure(key="applications.results.not_disclosed.state_secret.natural_person", value=2),
            Figure(key="applications.results.other.no_correction.total", value=10),
            Figure(key="proactive.administrative_fees.amount_wan", value=Decimal("96171.6")),
            Figure(key="fees.collected_yuan", value=Decimal(0)),
        ]
    )
    report = AnnualReport.from_parts(edition="2021", **parts)
    assert report.applications.results.not_disclosed.state_secret.natural_person == 2
    assert report.applications.results.other.no_correction.total == 10
    facts = report.facts()
    assert facts["proactive.administrative_fees.amount_wan"] == Decimal("96171.6")
    assert facts["applications.results.not_disclosed.state_secret.total"] is None


def test_assemble_later_figure_wins_but_keeps_the_last_stated_provenance() -> None:
    key = "review_litigation.review.total"
    where = Provenance(key=key, start=3, end=4, raw="7")
    parts = assemble(
        [Figure(key=key, value=7, provenance=where), Figure(key=key, value=8, provenance=None)]
    )
    assert parts["review_litigation"].review.total == 8
    assert parts["provenance"] == (where,)


@pytest.mark.parametrize("edition", ["pre2019", "2019", "2021"])
def test_assemble_in_one_pass_equals_the_nested_dicts_road(edition: str) -> None:
    from govdisclosure.facts import _GROUPS, _build, _strip, _trees

    figures = [
        Figure(key=key, value=n, provenance=Provenance(key=key, start=n, end=n + 1, raw=str(n)))
        for n, key in enumerate(keys_for(edition))  # type: ignore[arg-type]
        if key.partition(".")[0] in _GROUPS
    ]
    figures += figures[:7]  # repeated keys: the later figure wins
    parts = assemble(figures)
    nested = {name: _build(_GROUPS[name], _strip(t)) for name, t in _trees(figures).items()}
    assert list(parts) == [*nested, "provenance"]
    assert all(parts[name] == nested[name] for name in nested)
    report = AnnualReport.from_parts(edition=edition, **parts)  # type: ignore[arg-type]
    facts = report.facts()
    assert all(facts[f.key] == f.value for f in figures)


def test_assemble_refuses_a_key_used_as_a_value_and_a_group() -> None:
    with pytest.raises(KeyError, match="both as a value and as a group"):
        assemble(
            [
                Figure(key="applications.new_received", value=1),
                Figure(key="applications.new_received.total", value=2),
            ]
        )


def test_zero_and_none_stay_apart_in_facts() -> None:
    parts = assemble([Figure(key="review_litigation.review.total", value=0)])
    facts = AnnualReport.from_parts(edition="2021", **parts).facts()
    assert facts["review_litigation.review.total"] == 0
    assert facts["review_litigation.review.upheld"] is None


def test_metadata_keys_come_from_the_report() -> None:
    report = AnnualReport(
        edition="pre2019",
        organ=Organ(name="北平镇人民政府"),
        region=Region(province="山西省", city="临汾市", county="古县"),
        year=2018,
        published=dt.date(2019, 2, 20),
    )
    facts = report.facts()
    assert (facts["organ"], facts["year"], facts["published"]) == (
        "北平镇人民政府",
        2018,
        dt.date(2019, 2, 20),
    )
    assert facts["region.county"] == "古县"


def test_unknown_key_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        fact_key("applications.nonsense")


def test_fact_types_match_the_model_types() -> None:
    # A decimal key must hold a Decimal-typed field; an int key an int field.
    from govdisclosure import model

    expected = {"int": int, "signed int": int, "decimal": Decimal, "str": str}
    for entry in vocabulary():
        group, _, rest = entry.key.partition(".")
        if group not in {"proactive", "applications", "review_litigation", "complaints", "fees"}:
            continue
        cls: type = {
            "proactive": model.ProactiveDisclosure,
            "applications": model.ApplicationStats,
            "review_litigation": model.ReviewLitigation,
            "complaints": model.Complaints,
            "fees": model.Fees,
        }[group]
        *path, leaf = rest.split(".")
        for part in path:
            attrs.resolve_types(cls)
            cls = attrs.fields_dict(cls)[part].type  # type: ignore[assignment]
        attrs.resolve_types(cls)
        field_type = attrs.fields_dict(cls)[leaf].type
        assert expected[entry.type] in getattr(field_type, "__args__", (field_type,)), entry.key
