"""Figures read from sentences: the phrasing catalogue, scope, ambiguity, editions, provenance."""

from __future__ import annotations

import bisect
import itertools
import json
import re
import re._constants as sre_constants
import re._parser as sre_parser
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure
from corpus import FIXTURES, SEEDS, gold
from govdisclosure.document import Document
from govdisclosure.extract.freetext import (
    _CASES,
    _COUNT,
    _MONEY,
    _NONE_BODY,
    _NONE_FIRST,
    _QUANTITY,
    _SENTENCE,
    _STAT_LABEL_ENDS,
    RULES,
    STAT_LABELS,
    NarrativeResult,
    _flow,
    _Reader,
    _section_at,
    read_narrative,
)
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


# --------------------------------------------------------------------------- prefilters
# read_sentences tries a rule only on sentences holding one of its ``needs`` (and, for
# a rule reading a number, a quantity); these tests check those shortcuts change nothing.

_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)


def _language(items: Any) -> set[str] | None:
    """Every string a parsed regex sequence matches, or ``None`` if there are many."""
    out = {""}
    for op, av in items:
        alts: set[str] | None
        if op is sre_constants.LITERAL:
            alts = {chr(av)}
        elif op in _ZERO_WIDTH:
            alts = {""}  # ignoring an assertion only adds strings: still a safe check
        elif op is sre_constants.SUBPATTERN:
            alts = _language(av[3])
        elif op is sre_constants.BRANCH:
            branches = [_language(b) for b in av[1]]
            alts = None if None in branches else set().union(*branches)  # type: ignore[arg-type]
        elif op is sre_constants.IN and all(o is sre_constants.LITERAL for o, _ in av):
            alts = {chr(c) for _, c in av}
        elif op in _REPEATS and av[1] <= 4:
            inner = _language(av[2])
            alts = (
                None
                if inner is None
                else {
                    "".join(p)
                    for k in range(av[0], av[1] + 1)
                    for p in itertools.product(inner, repeat=k)
                }
            )
        else:
            return None
        if alts is None:
            return None
        out = {a + b for a in out for b in alts}
        if len(out) > 5000:
            return None
    return out


def _always_holds(items: Any, needs: tuple[str, ...]) -> bool:
    """Whether every string the parsed sequence matches holds one of ``needs``."""
    items = list(items)
    for i in range(len(items)):
        for j in range(i + 1, len(items) + 1):
            strings = _language(items[i:j])
            if strings is None:
                break
            if all(any(n in s for n in needs) for s in strings):
                return True
    for op, av in items:
        if op is sre_constants.SUBPATTERN and _always_holds(av[3], needs):
            return True
        if op is sre_constants.BRANCH and all(_always_holds(b, needs) for b in av[1]):
            return True
        if op in _REPEATS and av[0] >= 1 and _always_holds(av[2], needs):
            return True
    return False


def test_language_helper() -> None:
    assert _language(sre_parser.parse("(?:共|共计)(?:审核)?公开")) == {
        "共公开",
        "共计公开",
        "共审核公开",
        "共计审核公开",
    }
    assert _language(sre_parser.parse("收到.")) is None
    assert _always_holds(sre_parser.parse("未(?:收到|受理)[^。]{0,4}?申请"), ("申请",))
    assert not _always_holds(sre_parser.parse("未(?:收到|受理)?申"), ("申请",))


@pytest.mark.parametrize("index", range(len(RULES)), ids=lambda i: f"{i}:{RULES[i].key}")
def test_rule_needs_are_in_every_match(index: int) -> None:
    rule = RULES[index]
    assert rule.needs
    assert _always_holds(sre_parser.parse(rule.pattern.pattern), rule.needs)


def test_every_figure_rule_reads_a_quantity() -> None:
    # _QUANTITY is made of the pieces of these slots: a sentence without it holds no figure.
    for rule in RULES:
        if not rule.zero:
            assert any(slot in rule.pattern.pattern for slot in (_COUNT, _CASES, _MONEY)), rule
    for quantity in ("55条", "三件", "xx条", "1,234个", "2.5万元", "3万余起", "约10次"):
        assert _QUANTITY.search(quantity), quantity


def test_none_bodies_begin_as_the_prefilter_expects() -> None:
    bodies = _language(sre_parser.parse(_NONE_BODY.pattern))
    assert bodies
    assert all(body[:1] and body[0] in _NONE_FIRST for body in bodies)


def test_statistics_labels_end_as_the_prefilter_expects() -> None:
    for _, pattern, _ in STAT_LABELS:
        labels = _language(sre_parser.parse(pattern.pattern))
        assert labels, pattern
        assert all(label.endswith(_STAT_LABEL_ENDS) for label in labels), pattern


def _read_every_sentence(reader: _Reader) -> None:
    """read_sentences without prefilters: every rule on every sentence."""
    for m in _SENTENCE.finditer(reader.flow.text):
        base, sentence = m.start(), m.group(0)
        section = _section_at(reader.sections, reader.starts, reader.flow.pos(base))
        for rule in RULES:
            claim = reader.edition in rule.claim_editions
            if reader.edition not in rule.editions and not claim:
                continue
            if (
                rule.context is not None
                and section not in rule.sections
                and not rule.context.search(sentence)
            ):
                continue
            for found in rule.pattern.finditer(sentence):
                reader._take(rule, found, base, sentence, claim=claim)


def _same_as_every_sentence(doc: Document, edition: Edition, year: int | None) -> None:
    sections = segment(doc)
    fast, slow = _Reader(doc, sections, edition, year), _Reader(doc, sections, edition, year)
    fast.read_sentences()
    _read_every_sentence(slow)
    assert fast.candidates == slow.candidates
    assert fast.findings == slow.findings


@pytest.mark.parametrize("path", NARRATIVE_DOCS, ids=lambda p: p.stem)
@pytest.mark.parametrize("edition", ["pre2019", "2019", "2021"])
def test_prefilters_change_no_reading_of_real_documents(path: Path, edition: Edition) -> None:
    doc = govdisclosure.load(path)
    _same_as_every_sentence(doc, edition, 2017)
    _same_as_every_sentence(doc, edition, None)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['key']}:{c['sentence'][:14]}")
def test_prefilters_change_no_reading_of_the_catalogue(case: dict[str, Any]) -> None:
    heading = HEADINGS[case["key"].split(".")[0]]
    doc = read_text(f"{heading}\n{case['sentence']}")
    for edition in ("pre2019", "2021"):
        _same_as_every_sentence(doc, edition, case["year"] or 2018)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="主动公开政府信息条件个项起次年度0123456789xX余多万元。，；;\n 一二三十是、（）没有未无不收取费用行政复议诉讼申请受理办结延期举报投诉网站共计发布",
        max_size=160,
    )
)
def test_prefilters_change_no_reading_of_junk(text: str) -> None:
    doc = read_text("三、依申请公开政府信息情况\n" + text)
    _same_as_every_sentence(doc, "pre2019", 2018)
    _same_as_every_sentence(doc, "2021", None)


@pytest.mark.parametrize("path", NARRATIVE_DOCS, ids=lambda p: p.stem)
def test_flow_offsets_are_those_of_its_characters(path: Path) -> None:
    doc = govdisclosure.load(path)
    flow = _flow(doc)
    pos = [flow.pos(i) for i in range(len(flow.text))]
    assert pos == sorted(pos)
    for i, ch in enumerate(flow.text):
        if not ch.isspace():
            assert doc.text[pos[i]] == ch
    for offset in range(0, len(doc.text) + 2, 7):
        assert flow.index(offset) == min(bisect.bisect_left(pos, offset), len(pos) - 1)
