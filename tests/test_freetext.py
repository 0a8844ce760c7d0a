"""Figures read from sentences: the phrasing catalogue, scope, ambiguity, editions, provenance."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure
from corpus import FIXTURES, SEEDS, gold
from govdisclosure.document import Document
from govdisclosure.extract.freetext import NarrativeResult, read_narrative
from govdisclosure.facts import Figure
from govdisclosure.model import Edition
from govdisclosure.segment import segment
from govdisclosure.text import read_text

CATALOGUE = Path(__file__).parent / "phrasings" / "sentences.jsonl"
CASES: list[dict[str, Any]] = [
    json.loads(line) for line in CATALOGUE.read_text("utf-8").splitlines() if line.strip()
]

# The heading a sentence of each key family sits under in a pre-2019 report.
HEADINGS = {
    "proactive": "二、主动公开政府信息情况",
    "applications": "三、依申请公开政府信息情况",
    "fees": "四、政府信息公开的收费及减免情况",
    "review_litigation": "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
    "complaints": "五、行政复议、行政诉讼和举报投诉情况",
}


def _read(text: str, *, edition: Edition = "pre2019", year: int | None = 2018) -> NarrativeResult:
    doc = read_text(text)
    return read_narrative(doc, segment(doc), edition=edition, year=year)


def _value(figures: tuple[Figure, ...], key: str) -> object:
    return next((f.value for f in figures if f.key == key), None)


def _figure(figures: tuple[Figure, ...], key: str) -> Figure | None:
    return next((f for f in figures if f.key == key), None)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['key']}:{c['sentence'][:14]}")
def test_catalogue_phrasing(case: dict[str, Any]) -> None:
    heading = HEADINGS[case["key"].split(".")[0]]
    result = _read(f"{heading}\n{case['sentence']}", year=case["year"] or 2018)
    expected = case["expected"]
    got = _value(result.figures, case["key"])
    if isinstance(expected, str):
        assert got == Decimal(expected)
    else:
        assert got == expected


def test_catalogue_has_five_phrasings_per_family() -> None:
    families: dict[str, int] = {}
    for case in CASES:
        family = (
            case["key"].rsplit(".", 1)[0]
            if case["key"].startswith("proactive.")
            else case["key"].split(".")[0]
        )
        families[family] = families.get(family, 0) + 1
    assert all(n >= 5 for n in families.values()), families
    assert sum(1 for c in CASES if c["expected"] is None) >= 10


def test_approximate_figure_is_flagged_in_provenance() -> None:
    result = _read("二、主动公开政府信息情况\n2018年，全镇主动公开政府信息87余条。")
    fig = _figure(result.figures, "proactive.total")
    assert fig is not None
    assert fig.provenance is not None
    assert fig.value == 87
    assert fig.provenance.approximate


def test_ambiguous_total_leaves_a_candidate_finding() -> None:
    result = _read(
        "三、主动公开工作情况\n截至2024年12月31日，市科委通过部门网站当年发布政府信息393件。",
        edition="2021",
        year=2024,
    )
    assert _value(result.figures, "proactive.total") is None
    finding = next(f for f in result.findings if f.code == "narrative_ambiguous")
    assert finding.severity == "info"
    assert "393" in finding.evidence


def test_conflicting_statements_give_none_and_a_finding() -> None:
    result = _read(
        "二、主动公开政府信息情况\n全年累计主动公开政府信息55条。\n全年主动公开政府信息60条。"
    )
    assert _value(result.figures, "proactive.total") is None
    assert [f.code for f in result.findings] == ["narrative_conflict"]


def test_multi_year_figure_without_report_year_is_not_taken() -> None:
    result = _read(
        "三、依申请公开政府信息情况\n近年来，共收到政府信息公开申请3件，其中：2016年1件，2017年2件。",
        year=None,
    )
    assert _value(result.figures, "applications.new_received.total") is None


def test_section_saying_none_gives_zero_for_review_and_litigation() -> None:
    result = _read(
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n六、其他需要报告的事项\n无"
    )
    assert _value(result.figures, "review_litigation.review.total") == 0
    assert _value(result.figures, "review_litigation.litigation.total") == 0
    assert _value(result.figures, "complaints.total") is None


def test_tabular_edition_puts_application_statements_in_claims() -> None:
    text = (FIXTURES / "real" / "kewei_2024.md").read_text("utf-8")
    doc = govdisclosure.load(text)
    result = read_narrative(doc, segment(doc), edition="2021", year=2024)
    claims = {f.key: f.value for f in result.claims}
    assert claims == {
        "applications.new_received.total": 34,
        "applications.carried_over.total": 2,
        "applications.carried_to_next.total": 1,
        "review_litigation.review.total": 1,
        "review_litigation.litigation.total": 0,
    }
    assert {f.key for f in result.figures} == {"fees.collected_yuan"}


def test_pre2019_keeps_application_statements_as_figures() -> None:
    result = _read("三、依申请公开政府信息情况\n全年共受理政府信息公开申请十二件。")
    assert _value(result.figures, "applications.new_received.total") == 12
    assert result.claims == ()


def test_statistics_table_rows_are_read_by_label() -> None:
    text = "\n".join(
        [
            "一、概述",
            "本年度工作有序开展。",
            "附表",
            "（一）收到申请数",
            "件",
            "7",
            "1.当面申请数",
            "件",
            "3",
            "3.网络申请数",
            "件",
            "4",
            "2.同意公开答复数",
            "件",
            "5",
            "七、依申请公开信息收取的费用",
            "万元",
            "0.1",
        ]
    )
    result = _read(text)
    values = {f.key: f.value for f in result.figures}
    assert values["applications.new_received.total"] == 7
    assert values["applications.received_by.in_person"] == 3
    assert values["applications.received_by.online"] == 4
    assert values["applications.responses.granted"] == 5
    assert values["fees.collected_yuan"] == Decimal("1000.0")


def test_categories_of_seed_002_sum_to_its_total() -> None:
    path = next(p for p in SEEDS if p.name.startswith("002_"))
    doc = govdisclosure.load(path)
    result = read_narrative(doc, segment(doc), edition="pre2019", year=2019)
    assert len(result.categories) == 13
    assert (
        sum(c.count or 0 for c in result.categories)
        == _value(result.figures, "proactive.total")
        == 55
    )


def test_channel_list_is_not_read_as_categories() -> None:
    result = _read(
        "二、主动公开政府信息情况\n2017年度全县主动公开政府信息34207条。其中：通过政府网站公开18477条，"
        "政务微信公开1850条，其他方式公开13880条。",
        year=2017,
    )
    assert result.categories == ()
    assert _value(result.figures, "proactive.channels.website") == 18477


def test_history_table_of_seed_004() -> None:
    path = next(p for p in SEEDS if p.name.startswith("004_"))
    doc = govdisclosure.load(path)
    result = read_narrative(doc, segment(doc), edition="pre2019", year=2017)
    assert [(h.year, h.count) for h in result.history] == [
        (2013, 3148),
        (2014, 4524),
        (2015, 22390),
        (2016, 29070),
        (2017, 34207),
    ]


def test_wrapped_pdf_lines_are_read_as_one_sentence() -> None:
    result = _read(
        "一、总体情况\n上海市科委 2024 年深入贯彻条例。2024 年市科委有 1 件涉及政府信息公开工作的行政复\n议，"
        "该行政复议件未被复议审查机关纠错。",
        year=2024,
    )
    assert _value(result.figures, "review_litigation.review.total") == 1


OWNED = (
    "proactive.total",
    "proactive.channels.",
    "applications.new_received.total",
    "applications.received_by.",
    "applications.concluded.",
    "applications.responses.",
    "fees.",
    "review_litigation.review.total",
    "review_litigation.litigation.total",
    "complaints.",
    "issues.",
)
NARRATIVE_DOCS = [
    p
    for p in [
        *SEEDS,
        FIXTURES / "real" / "kewei_2024.md",
        FIXTURES / "real" / "shuyang_fgj_2023.html",
    ]
    if gold(p).get("kind") == "annual_report"
]


@pytest.mark.parametrize("path", NARRATIVE_DOCS, ids=lambda p: p.stem)
def test_narrative_keys_match_gold(path: Path) -> None:
    expected = {k: v for k, v in gold(path).items() if k.startswith(OWNED)}
    if gold(path)["edition"] != "pre2019":
        # Table editions: the tables own application and review keys.
        expected = {
            k: v
            for k, v in expected.items()
            if k.startswith(("proactive.total", "proactive.channels.", "fees.", "issues."))
        }
    facts = govdisclosure.parse(path).facts()
    got = {k: facts[k] for k in expected}
    assert got == {
        k: (Decimal(v) if k.startswith("fees.") and v is not None else v)
        for k, v in expected.items()
    }


_NEGATION = re.compile(r"没有|没|未|无|不")


@pytest.mark.parametrize("path", NARRATIVE_DOCS, ids=lambda p: p.stem)
def test_every_narrative_figure_has_a_span_holding_its_number(path: Path) -> None:
    report = govdisclosure.parse(path)
    doc = govdisclosure.load(path)
    result = read_narrative(doc, segment(doc), edition=report.edition, year=report.year)
    facts = report.facts()
    for fig in result.figures:
        if facts.get(fig.key) != fig.value:
            continue  # a table cell won for this key
        prov = report.provenance_of(fig.key)
        assert prov is not None
        span = report_text(doc, prov.start, prov.end)
        assert prov.raw.strip()
        if fig.value == 0:
            assert "0" in span or "零" in span or _NEGATION.search(span), (fig.key, span)
        else:
            number = format(fig.value, "f") if isinstance(fig.value, Decimal) else str(fig.value)
            assert number.split(".")[0] in span.replace(" ", ""), (fig.key, span)


def report_text(doc: Document, start: int, end: int) -> str:
    return doc.text[start:end]


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet="主动公开政府信息条件年度0123456789xX余万元。，；\n一二三是、（）没有未收取费用行政复议诉讼",
        max_size=120,
    )
)
def test_junk_text_never_raises(text: str) -> None:
    result = _read("二、主动公开政府信息情况\n" + text)
    for fig in result.figures:
        assert fig.provenance is not None
        assert fig.provenance.start <= fig.provenance.end
