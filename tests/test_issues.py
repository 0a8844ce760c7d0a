"""Problems and improvements as items: markers, lost and garbled ordinals, gold counts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure
from corpus import FIXTURES, SEEDS, gold
from govdisclosure.extract.issues import (
    _FAMILY_NEEDS,
    _PAREN_SUB_HEAD,
    _SUB_HEAD,
    LOST_MARKERS,
    MARKERS,
    read_issues,
)
from govdisclosure.model import Issue
from govdisclosure.segment import segment
from govdisclosure.text import read_text


def _issues(text: str) -> tuple[Issue, ...]:
    doc = read_text(text)
    return read_issues(doc, segment(doc))


def _counts(issues: tuple[Issue, ...]) -> tuple[int, int]:
    return (
        sum(1 for i in issues if i.kind == "problem"),
        sum(1 for i in issues if i.kind == "improvement"),
    )


def test_shi_markers_split_at_the_turn() -> None:
    issues = _issues(
        "五、存在的主要问题及改进情况\n主要表现在：一是意识不强；二是质量不齐。\n下一步，一是加强培训。二是扩大范围。"
    )
    assert _counts(issues) == (2, 2)
    assert [i.text for i in issues][:2] == ["意识不强；", "质量不齐。"]


def test_lost_shi_ordinal_fills_its_gap() -> None:
    issues = _issues(
        "四、存在问题及改进措施\n还存在差距：一是意识不强；二是质量不齐。\n下一步：\n一是加强学习。\n是进一步规范公开内容。\n三是扩大公开范围。"
    )
    improvements = [i for i in issues if i.kind == "improvement"]
    assert [i.ordinal for i in improvements] == [1, None, 3]


def test_garbled_arabic_ordinals_count_as_items() -> None:
    issues = _issues(
        "三、存在问题及整改措施\n（一）存在问题\n1、认知尚浅。\n2、利用率不高。\n（二）整改措施\n"
        "1、加强队伍建设。\n2、广泛宣传。\n。、加大采集力度。\n4、创新方式。\n。、强化职能。"
    )
    assert _counts(issues) == (2, 5)
    assert [i.ordinal for i in issues if i.kind == "improvement"] == [1, 2, None, 4, None]


def test_unmarked_problem_list_is_not_counted() -> None:
    issues = _issues(
        "五、存在的主要问题及整改措施\n（一）存在的主要问题。\n意识松懈；效率有待提高；能力有待提升。\n"
        "（二）整改措施。\n加大力度，一是完善机制。二是加强平台建设。"
    )
    assert _counts(issues) == (0, 2)


def test_inline_sub_headings() -> None:
    issues = _issues(
        "六、政府信息公开工作存在的主要问题及改进措施\n(一)主要问题。仍有差距。一是不充分；二是不到位。\n"
        "(二)工作思路及打算。2018年，一是突破。二是完善。三是回应。"
    )
    assert _counts(issues) == (2, 3)


def test_title_with_both_lists_and_no_turn_yields_nothing() -> None:
    assert _issues("五、存在问题及改进措施\n一是意识不强；二是质量不齐。") == ()


def test_restarted_numbering_keeps_the_first_list() -> None:
    issues = _issues("五、存在的主要问题\n一是甲；二是乙。其中一是丙。")
    assert [i.ordinal for i in issues] == [1, 2]


def test_items_end_with_their_paragraph() -> None:
    issues = _issues("五、存在的主要问题\n一是甲。\n二是乙。\n\n网站地图 联系我们")
    assert issues[-1].text == "乙。"


def test_issue_offsets_point_at_their_text() -> None:
    doc = read_text("五、存在的主要问题\n一是意识不强；二是质量不齐。")
    for issue in read_issues(doc, segment(doc)):
        assert issue.start is not None
        assert issue.end is not None
        assert doc.text[issue.start : issue.end] == issue.text


def test_sub_headings_found_when_the_section_heading_was_lost() -> None:
    doc = govdisclosure.load(FIXTURES / "real" / "kewei_2024.md")
    issues = read_issues(doc, segment(doc))
    assert _counts(issues) == (0, 3)


ISSUE_DOCS = [
    p
    for p in [
        *SEEDS,
        FIXTURES / "real" / "kewei_2024.md",
        FIXTURES / "real" / "shuyang_fgj_2023.html",
    ]
    if any(k.startswith("issues.") for k in gold(p))
]


@pytest.mark.parametrize("path", ISSUE_DOCS, ids=lambda p: p.stem)
def test_issue_counts_match_gold(path: object) -> None:
    expected = {k: v for k, v in gold(path).items() if k.startswith("issues.")}  # type: ignore[arg-type]
    facts = govdisclosure.parse(path).facts()  # type: ignore[arg-type]
    assert {k: facts[k] for k in expected} == expected


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="一二三四是、。；\n（）1234下一步问题改进措施甲乙", max_size=100))
def test_junk_never_raises_and_offsets_hold(text: str) -> None:
    doc = read_text("五、存在问题及改进措施\n" + text)
    for issue in read_issues(doc, segment(doc)):
        assert issue.start is not None
        assert issue.end is not None
        assert doc.text[issue.start : issue.end] == issue.text


# The patterns below are written for speed; these are their plain forms.
_PLAIN_SHI = re.compile(
    r"(?:^|(?<=[\s，,。；;：:、]))(?P<n>[一二三四五六七八九十]{1,2})是(?![否的])", re.M
)
_PLAIN_SUB_HEAD = re.compile(
    r"^[ \t\u3000]*(?:[（(][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}[、.．]|\d{1,2}[、.．])"
    r"[ \t\u3000]*(?P<title>[^。：:，,；;\n]{2,20}?)[ \t\u3000]*(?:[。：:]|$)",
    re.M,
)
_JUNK = st.text(alphabet="一二三十是否的，。：、 \t\u3000\n（）(1２.．甲问题改进措施", max_size=60)


@settings(max_examples=500, deadline=None)
@given(_JUNK)
def test_shi_marker_pattern_is_its_plain_form(text: str) -> None:
    fast = [(m.start("n"), m.end()) for m in MARKERS["shi"].finditer(text)]
    assert fast == [(m.start("n"), m.end()) for m in _PLAIN_SHI.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(_JUNK)
def test_sub_head_pattern_is_its_plain_form(text: str) -> None:
    fast = [(m.start("head") - 1, m.end() - 1) for m in _SUB_HEAD.finditer("\n" + text)]
    assert fast == [m.span() for m in _PLAIN_SUB_HEAD.finditer(text)]
    paren = [(m.start("head") - 1, m.end() - 1) for m in _PAREN_SUB_HEAD.finditer("\n" + text)]
    assert paren == [
        m.span() for m in _PLAIN_SUB_HEAD.finditer(text) if m.group().strip()[0] in "（("
    ]


@settings(max_examples=500, deadline=None)
@given(_JUNK)
def test_markers_hold_what_their_family_needs(text: str) -> None:
    for family, needs in _FAMILY_NEEDS.items():
        for pattern in (MARKERS[family], LOST_MARKERS[family]):
            for m in pattern.finditer(text):
                assert any(need in m.group() for need in needs), (family, m.group())
