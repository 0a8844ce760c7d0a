"""The typed model: immutability, None versus zero, a useful repr."""

from __future__ import annotations

import attrs
import pytest

from govdisclosure import AnnualReport, ApplicantCounts, Finding, Issue, Organ
from govdisclosure.model import ApplicationStats, Provenance


def test_models_are_frozen() -> None:
    report = AnnualReport(edition="2021")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.year = 2020  # type: ignore[misc]


def test_models_are_hashable_values() -> None:
    a = AnnualReport(
        edition="2021", year=2022, issues=(Issue(kind="problem", ordinal=1, text="x"),)
    )
    b = AnnualReport(
        edition="2021", year=2022, issues=(Issue(kind="problem", ordinal=1, text="x"),)
    )
    assert a == b
    assert hash(a) == hash(b)


def test_none_and_zero_differ() -> None:
    assert ApplicantCounts(total=0) != ApplicantCounts()
    assert ApplicantCounts().is_empty()
    assert not ApplicantCounts(total=0).is_empty()


def test_repr_shows_organ_year_edition_headline_and_findings() -> None:
    report = AnnualReport(
        edition="2021",
        organ=Organ(name="沭阳县发展和改革局"),
        year=2023,
        applications=ApplicationStats(new_received=ApplicantCounts(total=26)),
        findings=(Finding(code="r1_unbalanced", severity="error", message="m"),),
    )
    text = repr(report)
    for part in (
        "沭阳县发展和改革局",
        "2023",
        "edition=2021",
        "received=26",
        "findings=1",
        "errors=1",
    ):
        assert part in text


def test_from_parts_drops_duplicate_findings() -> None:
    f = Finding(code="x", severity="warning", message="m")
    assert AnnualReport.from_parts(edition="2021", findings=(f, f)).findings == (f,)


def test_adding_findings_keeps_the_rest_and_the_rules_of_from_parts() -> None:
    f, g = (Finding(code=c, severity="warning", message="m") for c in "fg")
    where = (
        Provenance(key="b", start=1, end=2, raw="1"),
        Provenance(key="a", start=5, end=6, raw="2"),
    )
    report = AnnualReport.from_parts(edition="2021", year=2022, findings=(f,), provenance=where)
    more = report._with_findings((g, f, g))
    assert more.findings == (f, g)
    assert more == attrs.evolve(report, findings=(f, g))
    assert [p.key for p in more.provenance] == ["a", "b"]


def test_problems_and_improvements_split_the_issue_list() -> None:
    report = AnnualReport(
        edition="pre2019",
        issues=(
            Issue(kind="problem", ordinal=1, text="a"),
            Issue(kind="improvement", ordinal=1, text="b"),
            Issue(kind="improvement", ordinal=2, text="c"),
        ),
    )
    facts = report.facts()
    assert (facts["issues.problems"], facts["issues.improvements"]) == (1, 2)


def test_html_repr_escapes_text() -> None:
    report = AnnualReport(edition="2021", title="<script>x</script>")
    assert "<script>" not in report._repr_html_()
