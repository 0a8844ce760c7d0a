"""Plain text → :class:`~govdisclosure.document.Document`.

Text reaches us from copied web pages, PDF text layers and PDF-to-markdown
tools. Its paragraphs and headings become text blocks; its flattened tables
become :class:`~govdisclosure.document.Table` blocks, so that the table reader
sees cells, never raw lines. Four flattenings are recognised:

* ``|`` rows (``第二十条第(一)项 | ||||``) and markdown tables: a run of
  consecutive ``|`` lines is one table (``"markdown"`` when it has a
  ``|---|`` rule, else ``"pipe"``); stray empty cells are kept as blank cells.
* space-separated rows from a PDF text layer (``行政处罚 3985758``,
  ``（四）无 1.本机关不掌握相关政府信息 746 12 0 0 10 1 769``): each line is a
  row of a label cell and value cells (``"pdf"``). Label-only lines (vertical
  labels, header fragments) stay in the table as one-cell rows; page-number
  lines (``- 4 -``) are dropped.
* one cell per line (``"lines"``): a table copied cell by cell, where a line
  holding only spaces is a blank cell.

A table region opens at a template cue (``第二十条第(一)项``, ``信息内容``, the
勾稽 note, ``申请人情况``, ``行政复议`` …) and runs over short lines and rows of
numbers; prose (a long line, a sentence end) and the report's section headings
close it. A region without numbers stays text.

Each line is normalised once; cells are slices of the normalised line that
keep their way back, so :meth:`Document.locate` maps every cell to its place
in the original text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import compress
from typing import Literal, NamedTuple

from .document import Document, DocumentBuilder, Run, TableLayout
from .extract.template import T2_CUES, T3_CUES, T4_CUES, fold_label, may_hold_cue
from .normalization import NormalizeConfig, NormalizedLines, normalize_lines, resolve_config

__all__ = ["read_text"]

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_PAGE_MARK = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)\s*$"
)
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# One value token of a PDF row: a number (signed, grouped, decimal, with a money unit)
# or a written blank. Tokens are separated from the label and from each other by space.
_TOKEN = r"(?:[+\-]?\d[\d,]*(?:\.\d+)?(?:万元|元)?|/|／|—|－|--)"
_NUM_ROW = re.compile(rf"^(?P<label>.*?)(?P<values>(?:(?:^|\s+){_TOKEN})+)\s*$")
_TOKEN_RE = re.compile(_TOKEN)
_SENTENCE_END = re.compile(r"[。；;！!？?]\s*$")
_SECTION_HEADING = re.compile(
    r"^[一二三四五六七八九十]+、(?:政府信息公开工作)?(?:总体情况|概述|主动公开政府信息(?:工作)?情况|"
    r"收到和处理政府信息公开申请情况|(?:因)?政府信息公开(?:申请)?(?:行政复议|工作被申请行政复议)|"
    r"(?:政府信息公开工作)?存在的?主要问题|其他需要报告)"
)
_NUMERALS = frozenset("一二三四五六七八九十")
"""What a :data:`_SECTION_HEADING` begins with (a look at it spares the expression)."""
_HEADING_STARTS = _NUMERALS | {"（", "("}
"""What a :data:`_HEADING` begins with, after white space."""
_MAX_LABEL_LINE = 40
"""A table's label line is short; a longer line is prose and closes the region."""

LineKind = Literal["empty", "blank", "page", "pipe", "rule", "numbers", "text"]


_TOKEN_ENDS = frozenset(",元/／—－-")
"""The last character of a value token that is not a digit."""
_PAGE_MARK_ENDS = frozenset("-—–－页")
"""The last character of a :data:`_PAGE_MARK` line but spaces."""


class _Lines(NamedTuple):
    """What :func:`_scan` finds in the normalised lines."""

    kinds: list[LineKind]
    """The kind of every line."""
    stripped: list[str]
    """Every line's normalised text without the white space around it."""
    present: list[int]
    """The lines that are not empty in the source, in order (an empty line is no block, no row)."""
    content: list[int]
    """The lines of kind ``"text"``, ``"numbers"``, ``"pipe"`` and ``"rule"``, in order."""
    numbers: dict[int, re.Match[str]]
    """The :func:`_number_row` match of every row of numbers but the bare numbers (``7``),
    whose one cell is the stripped line."""


def _scan(lines: NormalizedLines) -> _Lines:
    """The kind of every line, from its raw and its normalised text, and what comes with it.

    A line empty in the source is ``"empty"``, one of white space ``"blank"``;
    one the normaliser emptied is a page mark (``"page"``). Of the others, a
    row of numbers ends in what may end a value token: testing the last
    character spares :func:`_number_row` the rest.
    """
    raw, texts = lines.raw, lines.text
    n = len(raw)
    kinds: list[LineKind] = ["empty"] * n
    stripped = [""] * n
    present = list(compress(range(n), raw))
    content: list[int] = []
    numbers: dict[int, re.Match[str]] = {}
    for i in present:
        text = texts[i]
        line = stripped[i] = text.strip()
        kind: LineKind
        if not line:  # white space in the source (normalised, it stays so) or after normalising
            kinds[i] = "blank" if text or raw[i].isspace() else "page"
            continue
        if line.isdecimal():
            kind = "numbers"  # what _number_row matches, without the expression
        else:
            last = line[-1]
            if last in _PAGE_MARK_ENDS and _PAGE_MARK.match(text):
                kinds[i] = "page"
                continue
            pipe = "|" in text
            if pipe and "---" in text and _MD_RULE.match(text):  # a rule holds three dashes
                kind = "rule"
            elif pipe and (line[0] == "|" or text.count("|") >= 2):
                kind = "pipe"
            elif not (last.isdecimal() or last in _TOKEN_ENDS):
                kind = "text"
            elif row := _number_row(text):
                kind = "numbers"
                numbers[i] = row
            else:
                kind = "text"
        kinds[i] = kind
        content.append(i)
    return _Lines(kinds, stripped, present, content, numbers)


def _number_row(text: str) -> re.Match[str] | None:
    """The :data:`_NUM_ROW` match of a row of a label and numbers, or ``None``.

    :func:`_kind_or_row` calls it only on lines that end in what may end a
    value token (a row does: testing the last character spares the expression).
    """
    m = _NUM_ROW.match(text)
    if m is None:
        return None
    label = m.group("label")
    if _SENTENCE_END.search(label) or len(label) > 80:
        return None
    if label and not label[-1].isspace() and label[-1].isdigit():
        return None  # the values would split a number
    return m


def _stripped(text: str) -> tuple[int, int]:
    """The span of ``text`` without its leading and trailing white space."""
    stripped = text.strip()
    if len(stripped) == len(text):
        return 0, len(text)
    a = len(text) - len(text.lstrip())
    return a, a + len(stripped)


def _pipe_cells(lines: NormalizedLines, i: int) -> list[Run]:
    text = lines.text[i]
    parts = text.split("|")
    last = len(parts) - 1
    cells: list[tuple[int, int]] = []
    a = 0  # where the part begins
    for k, part in enumerate(parts):
        stripped = part.strip()
        if stripped:
            start = a + len(part) - len(part.lstrip())
            cells.append((start, start + len(stripped)))
        elif 0 < k < last:
            # A blank cell; the empty stretch before a leading "|" or after a
            # trailing "|" is not a cell.
            cells.append((a, a + len(part)))
        a += len(part) + 1
    return lines.runs(i, cells)


def _number_spans(m: re.Match[str]) -> list[tuple[int, int]]:
    """The cells of a row of numbers (its :func:`_number_row` match): its label, then each value."""
    text = m.string
    values = m.start("values")
    la, lb = _stripped(text[:values])
    spans = [(la, lb)] if lb > la else []
    spans += [t.span() for t in _TOKEN_RE.finditer(text, values)]
    return spans


_CUES = re.compile("|".join(p.pattern for p in (T2_CUES, T3_CUES, T4_CUES)))
"""Any template cue: one scan instead of three (each alternative starts with a character)."""


def _is_cue(text: str) -> bool:
    return may_hold_cue(text) and _CUES.search(fold_label(text)) is not None


_NO_TEXT = frozenset({"empty", "blank", "page"})
"""Line kinds that are no text block (and open no region)."""


_SENTENCE_ENDS = frozenset("。；;！!？?")
"""What ends a sentence (:data:`_SENTENCE_END` on a stripped line: its last character)."""


def _regions(scan: _Lines) -> Iterator[tuple[str, int, int]]:
    """Yield ``(what, start, end)`` over line indexes: ``"pipe"``, ``"cells"`` or ``"text"``.

    A line outside the regions that is empty, blank or a page mark is skipped;
    only the lines of :attr:`_Lines.content` are looked at.
    """
    kinds, stripped, content = scan.kinds, scan.stripped, scan.content
    n = len(kinds)
    # Backwards, once: which text lines may label a table (short, no sentence
    # end), and where a region from each line would end: after its last row
    # of numbers before a line that closes it (a pipe row, prose, a section
    # heading); 0 when it holds none (then the line opens none, cue or not).
    # Empty, blank lines and page marks close nothing.
    label = [False] * n
    region_end = [0] * n
    end = 0
    for j in reversed(content):
        kind = kinds[j]
        if kind == "numbers":
            end = end or j + 1
        elif kind == "text":
            t = stripped[j]
            label[j] = len(t) <= _MAX_LABEL_LINE and t[-1] not in _SENTENCE_ENDS
            if not label[j] or (t[0] in _NUMERALS and _SECTION_HEADING.match(t)):
                end = 0
        else:  # a pipe row or a rule
            end = 0
        region_end[j] = end
    k, m = 0, len(content)
    while k < m:
        i = content[k]
        kind = kinds[i]
        if kind in ("pipe", "rule"):
            j = i + 1
            while j < n and kinds[j] in ("pipe", "rule"):
                j += 1
            yield "pipe", i, j
            k += j - i  # lines i to j - 1 are all in content
            continue
        if (
            region_end[i]
            and (kind == "numbers" or label[i])
            and _is_cue(stripped[i])
            and not _SECTION_HEADING.match(stripped[i])
        ):
            yield "cells", i, region_end[i]
            k = bisect.bisect_left(content, region_end[i], k)
            continue
        yield "text", i, i + 1
        k += 1


def _cell_rows(
    lines: NormalizedLines, scan: _Lines, a: int, b: int
) -> tuple[TableLayout, list[list[Run]]]:
    """The layout and the rows of the ``"cells"`` region of lines ``[a, b)``.

    The region is ``"pdf"`` when a row of numbers has more than one cell (a
    label or a second value), else ``"lines"``: one stripped cell per line, a
    blank line a blank cell. Empty lines and page marks are no row.
    """
    kinds, numbers = scan.kinds, scan.numbers
    present = scan.present
    region = present[bisect.bisect_left(present, a) : bisect.bisect_left(present, b)]
    rows: list[list[Run]] = []
    # The bare numbers (not in numbers) are one cell each: only the others may make it "pdf".
    spans = {i: _number_spans(numbers[i]) for i in region if i in numbers}
    if any(len(cells) > 1 for cells in spans.values()):
        for i in region:
            kind = kinds[i]
            if kind == "numbers":
                rows.append(lines.runs(i, spans[i]) if i in spans else [lines.stripped_run(i)])
            elif kind == "text":
                rows.append([lines.stripped_run(i)])
        return "pdf", rows
    for i in region:
        kind = kinds[i]
        if kind == "blank":
            rows.append([lines.run(i)])
        elif kind not in _NO_TEXT:
            rows.append([lines.stripped_run(i)])
    return "lines", rows


def read_text(
    text: str, *, source: str = "<string>", config: NormalizeConfig | None = None
) -> Document:
    """Read plain text (copied pages, PDF text layers, markdown) into a Document.

    >>> doc = read_text("第二十条第（五）项\\n信息内容 本年处理决定数量\\n行政许可 97\\n")
    >>> [c.text for c in doc.tables[0].rows[2]]
    ['行政许可', '97']
    >>> doc.locate(doc.tables[0].rows[2][1].start, doc.tables[0].rows[2][1].end).start
    29
    """
    lines = normalize_lines(text, resolve_config(config, text))
    scan = _scan(lines)
    kinds, stripped = scan.kinds, scan.stripped
    builder = DocumentBuilder(source_kind="text", source=source)
    for what, a, b in _regions(scan):
        if what == "text":
            t = stripped[a]
            heading = len(t) < 60 and t[0] in _HEADING_STARTS and bool(_HEADING.match(t))
            builder.add_text_run(lines.run(a), kind="heading" if heading else "paragraph")
            continue
        layout: TableLayout
        rows: list[list[Run]] = []
        if what == "pipe":
            layout = "markdown" if "rule" in kinds[a:b] else "pipe"
            rows = [_pipe_cells(lines, i) for i in range(a, b) if kinds[i] == "pipe"]
        else:
            layout, rows = _cell_rows(lines, scan, a, b)
        builder.add_table_runs([r for r in rows if r], layout=layout)
    return builder.build()
