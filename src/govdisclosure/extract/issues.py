"""Problems and improvements as :class:`~govdisclosure.model.Issue` items.

Section 五 (2019/2021) or 六 (pre-2019) of a report lists the main problems
of the year's disclosure work and the measures to improve it. Reports write
the two lists in one of three ways:

* under sub-headings (``（一）主要问题`` / ``（二）改进情况``; ``(一)主要问题。`` with
  the text on the same line; ``存在问题`` / ``整改措施`` / ``工作思路及打算``);
* in one run of text, problems first, then a turn such as ``下一步`` or
  ``针对上述问题`` before the measures;
* under a title that names only one of the two.

Items are marked ``一是``/``二是``, ``1、``/``2、`` or ``（一）``/``（二）``. A marker
whose numeral was lost (``是进一步规范公开内容`` between 一是 and 三是) or garbled
(``。、`` where ``4、`` was) still opens an item when it starts a line and the
sequence around it has a gap for it; such an item has ``ordinal=None``.

When the report's sub-heading for problems was lost with the section heading
(kewei: the 五、 heading vanished into the tables), the sub-headings are
looked for in the whole document.

>>> from govdisclosure.text import read_text
>>> from govdisclosure.segment import segment
>>> doc = read_text("五、存在的主要问题及改进情况\\n一是公开不及时；二是形式单一。下一步，一是加强培训。")
>>> [(i.kind, i.ordinal) for i in read_issues(doc, segment(doc))]
[('problem', 1), ('problem', 2), ('improvement', 1)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Literal

import attrs

from ..document import Document
from ..model import Issue, Section
from ..segment import TOP_ORDINAL

__all__ = ["IMPROVEMENT_HEAD", "MARKERS", "PROBLEM_HEAD", "TURN", "read_issues"]

Kind = Literal["problem", "improvement"]

PROBLEM_HEAD = re.compile(r"(?:存在|主要|突出)[^。，]{0,6}(?:问题|不足)(?:和不足|及不足)?$|^问题$")
"""A sub-heading title that opens the list of problems."""

IMPROVEMENT_HEAD = re.compile(
    r"(?:改进|整改|改善)(?:措施|情况|方向|计划|举措)$|工作(?:思路|打算|计划|设想)(?:及打算|和打算)?$"
    r"|下一步(?:工作)?(?:打算|计划|措施|思路)?$|努力方向$"
)
"""A sub-heading title that opens the list of improvement measures."""

_PAREN_ORDINAL = r"[（(][一二三四五六七八九十]{1,2}[)）]"


def _sub_head_pattern(ordinal: str) -> re.Pattern[str]:
    """A sub-heading line (group ``head``) opened by ``ordinal``, to search for in
    ``"\\n" + text``: led by a literal line break, the pattern lets the regex engine
    jump from line to line."""
    return re.compile(
        rf"\n(?P<head>[ \t\u3000]*{ordinal}"
        r"[ \t\u3000]*(?P<title>[^。：:，,；;\n]{2,20}?)[ \t\u3000]*(?:[。：:]|$))",
        re.MULTILINE,
    )


_SUB_HEAD = _sub_head_pattern(
    rf"(?:{_PAREN_ORDINAL}|[一二三四五六七八九十]{{1,2}}[、.．]|\d{{1,2}}[、.．])"
)
_PAREN_SUB_HEAD = _sub_head_pattern(_PAREN_ORDINAL)
"""The sub-headings of :data:`_SUB_HEAD` numbered ``（一）``."""

TURN = re.compile(
    r"(?:^|(?<=[。；;\n]))\s*(?:下一步|今后|明年|新的一年|(?:19|20)\d{2}年[，,]?[^。，,]{0,20}?将"
    r"|针对(?:以上|上述|存在的?|这些)[^。，,]{0,6}(?:问题|不足))"
)
"""Where a run of text turns from the problems to the measures."""

_GARBLED_HEAD_MAX = 6
"""Longest unrecognised sub-heading title taken as the improvements heading."""
_PARAGRAPH_END = re.compile(r"[。！？!?]\s*\n")
_CN = "一二三四五六七八九十"
MARKERS: dict[str, re.Pattern[str]] = {
    # After the text's start, a line break, white space or punctuation (checked once the
    # first numeral is read, so the engine can skip to the numerals).
    "shi": re.compile(rf"(?P<n>[{_CN}](?<![^\s，,。；;：:、].)[{_CN}]?)是(?![否的])"),
    "arabic": re.compile(r"^[ \t\u3000]*(?P<n>\d{1,2})[ \t]*[、．.](?!\d)", re.MULTILINE),
    "paren": re.compile(rf"^[ \t\u3000]*[（(](?P<n>[{_CN}]{{1,2}})[)）]", re.MULTILINE),
}
"""Item markers by family: ``一是``, ``1、``, ``（一）``."""

LOST_MARKERS: dict[str, re.Pattern[str]] = {
    "shi": re.compile(r"^[ \t\u3000]*是(?=[\u4e00-\u9fff])", re.MULTILINE),
    "arabic": re.compile(r"^[ \t\u3000]*[^\w\s]?[、．](?=[\u4e00-\u9fff])", re.MULTILINE),
    "paren": re.compile(r"^[ \t\u3000]*[（(][^\w)）]?[)）]", re.MULTILINE),
}
"""A marker whose numeral was lost or garbled, at the start of a line."""

_FAMILY_NEEDS: dict[str, tuple[str, ...]] = {
    "shi": ("是",),
    "arabic": ("、", "．", "."),
    "paren": ("（", "("),
}
"""Every marker and lost marker of a family holds one of these: a cheap first test."""


@attrs.frozen
class _Marker:
    start: int
    end: int
    ordinal: int | None
    line_start: bool


def _cn_value(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN.index(s[1]) + 1
    if len(s) == 2 and s.endswith("十"):
        return (_CN.index(s[0]) + 1) * 10
    return _CN.index(s[0]) + 1 if len(s) == 1 else 10 + _CN.index(s[1]) + 1


def _markers(text: str, family: str) -> list[_Marker]:
    out: list[_Marker] = []
    if not any(need in text for need in _FAMILY_NEEDS[family]):
        return out
    for m in MARKERS[family].finditer(text):
        n = m.group("n")
        value = int(n) if n.isdigit() else _cn_value(n)
        out.append(_Marker(m.start("n"), m.end(), value, _at_line_start(text, m.start("n"))))
    for m in LOST_MARKERS[family].finditer(text):
        out.append(_Marker(m.start(), m.end(), None, True))
    return sorted(out, key=lambda k: k.start)


def _at_line_start(text: str, pos: int) -> bool:
    i = text.rfind("\n", 0, pos) + 1
    return not text[i:pos].strip()


def _sequence(markers: list[_Marker]) -> list[_Marker]:
    """The run of markers numbered 1, 2, 3 … (lost markers fill their gap)."""
    out: list[_Marker] = []
    expected = 1
    for i, m in enumerate(markers):
        if m.ordinal is None:
            later = next((k.ordinal for k in markers[i + 1 :] if k.ordinal is not None), None)
            fits = later == expected + 1 if later is not None else bool(out and out[-1].line_start)
            if out and fits:
                out.append(m)
                expected += 1
            continue
        if m.ordinal == expected:
            out.append(m)
            expected += 1
        elif m.ordinal < expected and out:
            break  # a new list starts: keep the first one
    return out


def _items(doc: Document, start: int, end: int, kind: Kind) -> list[Issue]:
    text = doc.text[start:end]
    best: list[_Marker] = []
    for family in MARKERS:
        run = _sequence(_markers(text, family))
        if len(run) > len(best) or (len(run) == len(best) and run and run[0].start < best[0].start):
            best = run
    out: list[Issue] = []
    for i, m in enumerate(best):
        stop = best[i + 1].start if i + 1 < len(best) else len(text)
        body = text[m.end : stop]
        para = _PARAGRAPH_END.search(body)
        if para is not None:
            body = body[: para.start() + 1]  # an item ends with its paragraph
        stripped = body.strip()
        if not stripped:
            continue
        lead = len(body) - len(body.lstrip())
        a = start + m.end + lead
        out.append(
            Issue(kind=kind, ordinal=m.ordinal, text=stripped, start=a, end=a + len(stripped))
        )
    return out


def _sub_heads(
    text: str, pattern: re.Pattern[str] = _SUB_HEAD
) -> list[tuple[Kind, int, int, bool]]:
    """Sub-headings of the two lists: ``(kind, start, body start, title recognised)``.

    ``pattern`` is :data:`_SUB_HEAD` or one of its styles (:data:`_PAREN_SUB_HEAD`).

    A short sub-heading whose title is not recognised (garbled: ``（二）漳措``)
    right after a recognised problems heading of the same style is taken as
    the improvements heading: problems come first, and there are two lists.
    """
    heads: list[tuple[Kind, int, int, bool]] = []
    previous: tuple[Kind, str] | None = None
    for m in pattern.finditer("\n" + text):
        start, end = m.start("head") - 1, m.end() - 1  # in text
        t = m.group("title").strip()
        style = _ordinal_style(m.group("head"))
        if PROBLEM_HEAD.search(t):
            heads.append(("problem", start, end, True))
            previous = ("problem", style)
        elif IMPROVEMENT_HEAD.search(t):
            heads.append(("improvement", start, end, True))
            previous = ("improvement", style)
        elif previous == ("problem", style) and style != "arabic" and len(t) <= _GARBLED_HEAD_MAX:
            heads.append(("improvement", start, end, False))
            previous = ("improvement", style)
    return heads


def _ordinal_style(head: str) -> str:
    head = head.strip()
    if head[:1] in "（(":
        return "paren"
    return "arabic" if head[:1].isdigit() else "cn"


def _split(doc: Document, start: int, end: int, title: str) -> list[tuple[Kind, int, int]]:
    """The problem and improvement regions of ``[start, end)``."""
    text = doc.text[start:end]
    heads = _sub_heads(text)
    if heads:
        return [
            (kind, start + body, start + (heads[i + 1][1] if i + 1 < len(heads) else len(text)))
            for i, (kind, _, body, _known) in enumerate(heads)
        ]
    turn = TURN.search(text)
    names_problem = bool(re.search(r"问题|不足", title))
    names_improvement = bool(re.search(r"改进|整改|措施|打算|思路|计划", title))
    if turn is not None and names_problem:
        return [
            ("problem", start, start + turn.start()),
            ("improvement", start + turn.start(), end),
        ]
    if names_problem and not names_improvement:
        return [("problem", start, end)]
    if names_improvement and not names_problem:
        return [("improvement", start, end)]
    return []  # both lists under one title with no visible turn: which item is which is unknown


def _next_top_heading(doc: Document, after: int) -> int:
    first = bisect.bisect_right(doc.blocks, after, key=lambda b: b.start)
    for block in doc.blocks[first:]:
        if (
            block.kind != "table"
            and TOP_ORDINAL.match(block.text)
            and (not block.text.strip().startswith(("、", "．")) or len(block.text) < 40)
        ):
            return block.start
    return len(doc.text)


def _orphan_regions(doc: Document) -> list[tuple[Kind, int, int]]:
    """Sub-headed lists outside any problems section (its heading was lost)."""
    # Only recognised ``（一）`` sub-headings count here.
    heads = [h for h in _sub_heads(doc.text, _PAREN_SUB_HEAD) if h[3]]
    out: list[tuple[Kind, int, int]] = []
    for i, (kind, _, body, _known) in enumerate(heads):
        stop = _next_top_heading(doc, body)
        if i + 1 < len(heads):
            stop = min(stop, heads[i + 1][1])
        out.append((kind, body, stop))
    return out


def read_issues(doc: Document, sections: tuple[Section, ...]) -> tuple[Issue, ...]:
    """Split the problems/improvements section into items.

    Returns the problems and the improvement measures in document order. A
    list written without markers (three problems separated by ``；``) yields no
    items: counting it would be a guess.
    """
    regions: list[tuple[Kind, int, int]] = []
    found = _problem_sections(sections)
    for section in found:
        regions.extend(_split(doc, section.start, section.end, section.title))
    if not found:
        regions = _orphan_regions(doc)
    out: list[Issue] = []
    for kind, start, end in regions:
        out.extend(_items(doc, start, end, kind))
    return tuple(out)


def _problem_sections(sections: Sequence[Section]) -> list[Section]:
    return [s for s in sections if s.id == "problems_improvements"]
