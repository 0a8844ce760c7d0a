"""Sections by canonical id: where each part of a report begins and ends.

A report is split at its *top-level* headings. The 2019 and 2021 templates
have six (templates.md §2.2, §3.2): ``一、总体情况`` … ``六、其他需要报告的事项``.
Pre-2019 reports follow the 2008 条例 (概述, 主动公开, 依申请公开, 收费及减免,
复议诉讼, 问题及改进, 其他事项) or the 国办发〔2014〕32号 statistics table
(回应解读, 机构建设, 会议培训, 附表); see templates.md §6.1.

Where real reports vary, and what this module does about it:

* Wording drifts (``存在问题及整改措施``, ``政府信息依申请公开办理情况``,
  ``工作思路及打算``): a heading is recognised by keywords
  (:data:`SECTION_PATTERNS`), checked in an order that puts the narrow ids
  first (``因政府信息公开申请行政复议`` is review, not applications).
* The ordinal is lost (``、政府信息公开的收费及减免情况``) or missing
  altogether: an unnumbered line is a heading only when its whole title is
  one of :data:`UNNUMBERED_TITLE` (概述, 附表, 其他需要报告的事项 …).
* A heading broken over two lines (``五、存在的主要问题及`` / ``整改措施``)
  is joined when the first part does not end like a title (:data:`HEADING_END`).
* Several numbering systems in one report (body 一、… 六、, then the tables
  restart at 一、主动公开政府信息情况): every top-level heading closes the
  previous section, and the same id may occur twice.
* A heading may arrive as a paragraph block: block text is checked, not
  :attr:`Block.kind`.

Sub-headings (``（一）``, ``1、``) never open a section.

>>> from govdisclosure.text import read_text
>>> doc = read_text("一、概述\\n本年度工作\\n、政府信息公开的收费及减免情况\\n未收取任何费用。")
>>> [(s.id, s.text) for s in segment(doc)]
[('general', '本年度工作'), ('fees_waivers', '未收取任何费用。')]
"""

from __future__ import annotations

import functools
import re

from .document import Block, Document
from .model import Section

__all__ = [
    "HEADING_MAX_CHARS",
    "SECTION_IDS",
    "SECTION_PATTERNS",
    "TOP_ORDINAL",
    "UNNUMBERED_TITLE",
    "classify_heading",
    "segment",
]

HEADING_MAX_CHARS = 40
"""A line longer than this (after its ordinal) is body text, not a heading."""

TOP_ORDINAL = re.compile(
    r"^\s*(?:"
    r"[一二三四五六七八九十]{1,3}\s*[、．.，,]"  # 一、  二．
    r"|第[一二三四五六七八九十]{1,3}(?:部分|章)[、，,：:\s]?"  # 第一部分
    r"|[^\w\s（(]?[、．]"  # ordinal lost or garbled: 、 or 。、 at line start
    r")\s*"
)
"""The ordinal of a top-level heading (``一、``; lost ``、``; ``第一部分``)."""

SUB_ORDINAL = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[、．.](?!\d))"
)
"""The ordinal of a sub-heading or list item (``（一）``, ``(1)``, ``1、``)."""

_SENTENCE_PUNCT = re.compile(r"[。；;！!？?]")
_NUMBERED = re.compile(r"\s*[一二三四五六七八九十第]")

UNNUMBERED_TITLE = re.compile(
    r"(?:(?:主要)?工作概述|概述|基本工作情况|附表|附件|(?:政府信息公开)?(?:情况)?统计(?:报)?表"
    r"|其他需要报告的事项|需要说明的事项(?:与附表)?)[：:]?"
)
"""Titles that are headings even without an ordinal (matched against the whole title)."""

_HEADING_FIRST = "一二三四五六七八九十第、．主工概基附政情统其需"
# The characters a heading starts with: those TOP_ORDINAL starts with, then the first characters
# of UNNUMBERED_TITLE (keep them in step). A garbled ordinal (``。、``) shows in its second one.
_HEADING_START = re.compile(rf"\s*(?:#+\s*)?(?:[{_HEADING_FIRST}]|\S[、．])")
"""How a heading begins, after white space and Markdown hashes: a quick test before the rest."""

HEADING_END = re.compile(
    r"(?:情况|概述|措施|打算|事项|附表|统计表|附件|问题|思路|建设|保障|管理)[：:]?$"
)
"""How a complete heading title ends; a numbered heading that stops short continues on the next line."""

CAPTION = re.compile(r"^(?:表[一二三四五六七八九十\d]|第二十条)")
"""Table captions (``表二：主动公开政府信息情况``) sit inside a section; they are not headings."""

_MARKDOWN_HASHES = re.compile(r"^\s*#+\s*")

SECTION_IDS: tuple[str, ...] = (
    "general",
    "proactive_disclosure",
    "applications",
    "review_litigation",
    "problems_improvements",
    "other_matters",
    "fees_waivers",
    "responses_interpretation",
    "consultation",
    "capacity",
    "meetings_training",
    "appendix_tables",
)
"""Every canonical section id (templates.md §8.2)."""

SECTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "problems_improvements",
        re.compile(r"问题|改进(?:措施|情况)|整改(?:措施|情况)|工作(?:思路|打算)|下一步"),
    ),
    ("review_litigation", re.compile(r"复议|诉讼|申诉")),
    ("fees_waivers", re.compile(r"收费|减免")),
    (
        "applications",
        re.compile(r"依申请|收到和处理|申请(?:公开)?(?:政府信息)?(?:的)?(?:办理)?情况"),
    ),
    ("proactive_disclosure", re.compile(r"主动公开")),
    ("responses_interpretation", re.compile(r"回应|解读")),
    ("consultation", re.compile(r"咨询")),
    ("capacity", re.compile(r"机构建设|保障经费|人员(?:和|及)?经费")),
    ("meetings_training", re.compile(r"会议|培训")),
    ("other_matters", re.compile(r"其他(?:需要)?(?:报告|说明)?的?事项|需要(?:报告|说明)的事项")),
    ("appendix_tables", re.compile(r"^附(?:表|件)|统计表")),
    ("general", re.compile(r"总体情况|概述|概况|基本(?:工作)?情况")),
)
"""Heading keywords per section id, in the order they are tried (first match wins)."""


def classify_heading(title: str) -> str | None:
    """The section id a heading title names, or ``None``.

    >>> classify_heading("因政府信息公开申请行政复议、提起行政诉讼的情况")
    'review_litigation'
    >>> classify_heading("政府信息公开工作存在的主要问题及改进情况")
    'problems_improvements'
    >>> classify_heading("工作机制保障") is None
    True
    """
    for section_id, pattern in SECTION_PATTERNS:
        if pattern.search(title):
            return section_id
    return None


_classify = functools.lru_cache(maxsize=4096)(classify_heading)
""":func:`classify_heading`, remembered: reports repeat the template's headings."""


def _unspaced(text: str) -> str:
    """``text`` without white space."""
    return "".join(text.split())


def _title(text: str) -> tuple[str, re.Match[str] | None] | None:
    """The title of a heading-shaped line and its top-level ordinal match, or ``None``."""
    text = text.strip()
    if text.startswith("#"):
        text = _MARKDOWN_HASHES.sub("", text)
    if not text or len(text) > HEADING_MAX_CHARS + 8 or SUB_ORDINAL.match(text):
        return None
    m = TOP_ORDINAL.match(text)
    title = _unspaced(text[m.end() :] if m else text)
    if not title or len(title) > HEADING_MAX_CHARS or _SENTENCE_PUNCT.search(title):
        return None
    if CAPTION.match(title):
        return None
    return title, m


def _continuation(block: Block) -> str | None:
    """The text of ``block`` when it can be the second line of a broken heading."""
    if block.kind == "table":
        return None
    text = _unspaced(block.text)
    if not text or len(text) > 20 or _SENTENCE_PUNCT.search(text) or TOP_ORDINAL.match(text):
        return None
    if SUB_ORDINAL.match(text) or text[0].isdigit():
        return None
    return text


def _heading(blocks: tuple[Block, ...], i: int) -> tuple[str, str | None, int] | None:
    """``(title, id, end)`` when ``blocks[i]`` opens a top-level heading.

    ``blocks[i]`` is a text block that begins like a heading (``_HEADING_START``).
    ``id`` is ``None`` for a numbered heading with an unknown title (it still
    closes the previous section); ``end`` is where the heading text ends.
    """
    block = blocks[i]
    found = _title(block.text)
    if found is None:
        return None
    title, m = found
    end = block.end
    if m is not None and not HEADING_END.search(title) and i + 1 < len(blocks):
        more = _continuation(blocks[i + 1])
        if more is not None and HEADING_END.search(title + more):
            title += more
            end = blocks[i + 1].end
    section_id = _classify(title)
    lost = m is not None and not _NUMBERED.match(m.group(0))
    if section_id is None and (m is None or lost):
        return None
    if m is None and not UNNUMBERED_TITLE.fullmatch(title):
        return None
    return title, section_id, end


def segment(doc: Document) -> tuple[Section, ...]:
    """Split ``doc`` into sections keyed by canonical id.

    Each :class:`~govdisclosure.model.Section` holds the text between its
    heading and the next top-level heading (``start``/``end`` are offsets into
    :attr:`Document.text`). Headings with an unknown title close the previous
    section but open none. An id may occur more than once (kewei: the body and
    the tables each have a 主动公开 heading).
    """
    heads: list[tuple[int, int, str, str | None]] = []
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if block.kind == "table" or not _HEADING_START.match(block.text):
            continue  # most blocks fail here, on their first characters
        if heads and block.start < heads[-1][1]:
            continue  # the second line of a broken heading
        found = _heading(blocks, i)
        if found is not None:
            heads.append((block.start, found[2], found[0], found[1]))
    out: list[Section] = []
    text = doc.text
    for i, (_, body_start, title, section_id) in enumerate(heads):
        if section_id is None:
            continue
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        start = body_start
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append(Section(id=section_id, title=title, text=text[start:end], start=start, end=end))
    return tuple(out)
