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

import re
from collections.abc import Iterator
from typing import Literal

from .document import Document, DocumentBuilder, Mark, Piece, TableLayout
from .extract.template import T2_CUES, T3_CUES, T4_CUES, fold_label
from .normalization import NormalizeConfig, normalize_piece, resolve_config
from .offsets import OffsetMap

__all__ = ["read_text"]

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_LINE = re.compile(r"[^\n]*")
_BLANK = re.compile(r"^[\s\u00a0\u3000]+$")
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
_MAX_LABEL_LINE = 40
"""A table's label line is short; a longer line is prose and closes the region."""

LineKind = Literal["empty", "blank", "page", "pipe", "rule", "numbers", "text"]


def _kind(text: str) -> LineKind:
    if not text:
        return "empty"
    if _BLANK.match(text):
        return "blank"
    if _PAGE_MARK.match(text):
        return "page"
    if _MD_RULE.match(text) and "|" in text:
        return "rule"
    if text.count("|") >= 2 or text.lstrip().startswith("|"):
        return "pipe"
    m = _NUM_ROW.match(text)
    if m and not _SENTENCE_END.search(m.group("label")) and len(m.group("label")) <= 80:
        label = m.group("label")
        if not label or label[-1].isspace() or not label[-1].isdigit():
            return "numbers"
    return "text"


def _slice(piece: Piece, a: int, b: int) -> Piece:
    """The part ``[a, b)`` of a normalised piece, with its own map back to the raw text."""
    if a == 0 and b == len(piece.text):
        return piece
    if not piece.marks and piece.map.is_identity:
        return Piece(
            text=piece.text[a:b],
            raw=piece.raw[a:b],
            map=OffsetMap.identity(b - a),
            raw_start=None if piece.raw_start is None else piece.raw_start + a,
            path=piece.path,
            fixes=piece.fixes,
        )
    ra, rb = piece.map.source_span(a, b)
    segments: list[tuple[int, int, int, int]] = []
    for ds, de, ss, se in piece.map.segments():
        lo, hi = max(ds, a), min(de, b)
        if lo >= hi:
            continue
        if (de - ds) == (se - ss):
            segments.append((lo - a, hi - a, ss + lo - ds - ra, ss + hi - ds - ra))
        else:
            segments.append((lo - a, hi - a, max(ss - ra, 0), min(se - ra, rb - ra)))
    omap = OffsetMap(segments, derived_length=b - a, source_length=rb - ra)
    marks = tuple(
        Mark(kind=m.kind, start=max(m.start, a) - a, end=min(m.end, b) - a, note=m.note)
        for m in piece.marks
        if m.start < b and m.end > a
    )
    return Piece(
        text=piece.text[a:b],
        raw=piece.raw[ra:rb],
        map=omap,
        raw_start=None if piece.raw_start is None else piece.raw_start + ra,
        path=piece.path,
        marks=marks,
        fixes=piece.fixes,
    )


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _pipe_cells(piece: Piece) -> list[Piece]:
    text = piece.text
    bounds = [i for i, ch in enumerate(text) if ch == "|"]
    edges = [-1, *bounds, len(text)]
    cells: list[Piece] = []
    for k in range(len(edges) - 1):
        a, b = edges[k] + 1, edges[k + 1]
        # The empty stretch before a leading "|" or after a trailing "|" is not a cell.
        if (k == 0 or k == len(edges) - 2) and not text[a:b].strip():
            continue
        sa, sb = _strip_span(text, a, b)
        cells.append(_slice(piece, sa, sb) if sb > sa else _slice(piece, a, b))
    return cells


def _number_cells(piece: Piece) -> list[Piece]:
    m = _NUM_ROW.match(piece.text)
    assert m is not None
    cells: list[Piece] = []
    la, lb = _strip_span(piece.text, 0, m.end("label"))
    if lb > la:
        cells.append(_slice(piece, la, lb))
    for t in _TOKEN_RE.finditer(piece.text, m.start("values")):
        cells.append(_slice(piece, t.start(), t.end()))
    return cells


def _is_cue(text: str) -> bool:
    folded = fold_label(text)
    return bool(T2_CUES.search(folded) or T3_CUES.search(folded) or T4_CUES.search(folded))


def _regions(lines: list[tuple[Piece, LineKind]]) -> Iterator[tuple[str, int, int]]:
    """Yield ``(what, start, end)`` over line indexes: ``"pipe"``, ``"cells"`` or ``"text"``."""
    n = len(lines)
    i = 0
    while i < n:
        piece, kind = lines[i]
        if kind in ("pipe", "rule"):
            j = i
            while j < n and lines[j][1] in ("pipe", "rule"):
                j += 1
            yield "pipe", i, j
            i = j
            continue
        if (
            kind in ("text", "numbers")
            and _is_cue(piece.text)
            and not _SECTION_HEADING.match(piece.text.strip())
        ):
            j = i
            last_value = -1
            while j < n:
                p, k = lines[j]
                if k in ("pipe", "rule"):
                    break
                if k == "text":
                    t = p.text.strip()
                    if _SECTION_HEADING.match(t) and j > i:
                        break
                    if len(t) > _MAX_LABEL_LINE or _SENTENCE_END.search(t):
                        break
                if k == "numbers":
                    last_value = j
                j += 1
            if last_value >= 0:
                yield "cells", i, last_value + 1
                i = last_value + 1
                continue
        yield "text", i, i + 1
        i += 1


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
    cfg = resolve_config(config, text)
    builder = DocumentBuilder(source_kind="text", source=source)
    lines: list[tuple[Piece, LineKind]] = []
    for m in _LINE.finditer(text):
        if m.start() and m.start() == m.end() and text[m.start() - 1 : m.start()] != "\n":
            continue  # the empty match finditer yields right after each line
        piece = normalize_piece(m.group(0), cfg, raw_start=m.start())
        raw_kind = _kind(m.group(0))
        kind = raw_kind if raw_kind in ("blank", "empty") else _kind(piece.text)
        if kind == "empty" and raw_kind != "empty":
            kind = "page"  # the normaliser dropped the whole line (a page mark)
        lines.append((piece, kind))
    for what, a, b in _regions(lines):
        if what == "text":
            piece, kind = lines[a]
            if kind in ("empty", "blank", "page"):
                continue
            stripped = piece.text.strip()
            heading = bool(_HEADING.match(piece.text)) and len(stripped) < 60
            builder.add_text(piece, kind="heading" if heading else "paragraph")
            continue
        chunk = lines[a:b]
        layout: TableLayout
        rows: list[list[Piece]] = []
        if what == "pipe":
            layout = "markdown" if any(k == "rule" for _, k in chunk) else "pipe"
            rows = [_pipe_cells(p) for p, k in chunk if k == "pipe"]
        else:
            pdf = any(k == "numbers" and len(_number_cells(p)) > 1 for p, k in chunk)
            layout = "pdf" if pdf else "lines"
            for p, k in chunk:
                if k in ("empty", "page"):
                    continue
                if k == "blank":
                    if not pdf:
                        rows.append([p])
                    continue
                if k == "numbers":
                    rows.append(
                        _number_cells(p)
                        if pdf
                        else [_slice(p, *_strip_span(p.text, 0, len(p.text)))]
                    )
                else:
                    rows.append([_slice(p, *_strip_span(p.text, 0, len(p.text)))])
        builder.add_table([r for r in rows if r], layout=layout)
    return builder.build()
