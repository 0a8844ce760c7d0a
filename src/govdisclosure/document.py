"""The clean, typed document every input becomes before any figure is read.

HTML pages and plain text meet here: both are turned into a :class:`Document`,
an ordered tuple of :class:`Block` objects (headings, paragraphs, tables),
whose normalised text is concatenated in :attr:`Document.text`. Tables keep
their cells, with grid coordinates that honour ``rowspan``/``colspan``, so one
table reader serves a real ``<table>``, a one-cell-per-line text dump, ``|``
rows and space-separated PDF rows.

Every character of :attr:`Document.text` can be traced back to where it came
from: :meth:`Document.locate` maps a span to the original input (string
offsets for text input; the element path and offsets inside that element's
text for HTML).

Readers (``html.py``, ``text.py``) build documents with
:class:`DocumentBuilder` from :class:`Piece` objects: a normalised piece of
source text with its :class:`~govdisclosure.offsets.OffsetMap` back to the raw
text it was made from.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal

import attrs

from .model import BlankKind, Provenance
from .offsets import OffsetMap

__all__ = [
    "Block",
    "BlockKind",
    "Cell",
    "Document",
    "DocumentBuilder",
    "Mark",
    "Piece",
    "SourceLocation",
    "Table",
    "TableLayout",
]

BlockKind = Literal["heading", "paragraph", "table"]
TableLayout = Literal["grid", "lines", "pipe", "markdown", "pdf"]
"""How a table reached us: a real HTML grid, one cell per line, ``|`` rows,
a markdown table, or space-separated rows from a PDF text layer."""


@attrs.frozen(kw_only=True)
class Mark:
    """A span a fixer flagged instead of repairing (spam, damaged mojibake).

    Offsets are local to the piece's normalised text until the builder lifts
    them into :attr:`Document.marks`, where they are offsets into
    :attr:`Document.text`.
    """

    kind: Literal["spam", "damaged"]
    start: int
    end: int
    note: str = ""


@attrs.frozen(kw_only=True, eq=False)
class Piece:
    """A normalised piece of source text and the way back to its raw form.

    ``raw_start`` is where ``raw`` begins in the original input string (text
    input); ``path`` is the element path of ``raw`` in an HTML page (HTML input).
    """

    text: str
    raw: str
    map: OffsetMap
    raw_start: int | None = None
    path: str | None = None
    marks: tuple[Mark, ...] = ()
    fixes: tuple[str, ...] = ()

    @classmethod
    def verbatim(cls, raw: str, *, raw_start: int | None = None, path: str | None = None) -> Piece:
        """A piece that needed no repair."""
        return cls(
            text=raw, raw=raw, map=OffsetMap.identity(len(raw)), raw_start=raw_start, path=path
        )


@attrs.frozen(kw_only=True)
class SourceLocation:
    """Where a span of :attr:`Document.text` came from in the original input.

    For text input ``start``/``end`` are offsets into the decoded input string
    and ``path`` is ``None``. For HTML, ``path`` is the element path and
    ``start``/``end`` are offsets into that element's text content. ``raw`` is
    the source text itself.
    """

    start: int
    end: int
    raw: str
    path: str | None = None


@attrs.frozen(kw_only=True)
class Cell:
    """One table cell: its text, its span in :attr:`Document.text`, its place in the grid.

    ``row``/``col`` are grid coordinates after ``rowspan``/``colspan`` are
    honoured (the cell's top-left corner). Text layouts have no spans.
    """

    text: str
    start: int
    end: int
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1

    @property
    def is_blank(self) -> bool:
        """True when the cell holds nothing but white space."""
        return not self.text.strip()


@attrs.frozen(kw_only=True)
class Table:
    """A table as rows of cells in reading order.

    For ``layout="grid"`` the rows are the HTML rows with real coordinates.
    For text layouts each source line is a row; a ``"lines"`` table (one cell
    per line) therefore has one-cell rows, and the reader treats it as a cell
    sequence.
    """

    rows: tuple[tuple[Cell, ...], ...]
    layout: TableLayout = "grid"

    @property
    def n_cols(self) -> int:
        """Width of the grid (the largest ``col + colspan`` of any cell)."""
        return max((c.col + c.colspan for row in self.rows for c in row), default=0)

    def cells(self) -> Iterator[Cell]:
        """All cells in reading order."""
        for row in self.rows:
            yield from row

    def grid(self) -> list[list[Cell | None]]:
        """The expanded grid: every position covered by a span holds the spanning cell."""
        n_rows = max((c.row + c.rowspan for c in self.cells()), default=0)
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(n_rows)]
        for c in self.cells():
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[r][k] = c
        return out


@attrs.frozen(kw_only=True)
class Block:
    """A heading, a paragraph or a table, with its span in :attr:`Document.text`."""

    kind: BlockKind
    text: str
    start: int
    end: int
    table: Table | None = None
    path: str | None = None


@attrs.frozen(kw_only=True, eq=False)
class Document:
    """A decoded, cleaned document: ordered blocks over one normalised text.

    ``metadata`` holds what the page states about itself (the 信息公开 box:
    索引号, 发布机构, 发布日期 …; the ``<title>``; the breadcrumb), keyed by the
    label as printed. ``fixes`` names the fixers that changed something, in
    order; ``marks`` are spans fixers flagged (offsets into :attr:`text`).
    """

    blocks: tuple[Block, ...]
    text: str
    source_kind: Literal["text", "html"]
    source: str
    encoding: str | None = None
    metadata: Mapping[str, str] = attrs.field(factory=dict)
    fixes: tuple[str, ...] = ()
    marks: tuple[Mark, ...] = ()
    _starts: list[int] = attrs.field(factory=list, repr=False, alias="starts")
    _pieces: list[Piece] = attrs.field(factory=list, repr=False, alias="pieces")

    def __repr__(self) -> str:
        counts = {
            k: sum(1 for b in self.blocks if b.kind == k) for k in ("heading", "paragraph", "table")
        }
        return (
            f"<Document {self.source_kind} {len(self.text)} chars: "
            f"{counts['heading']} headings, {counts['paragraph']} paragraphs, "
            f"{counts['table']} tables>"
        )

    @property
    def tables(self) -> tuple[Table, ...]:
        """The tables, in document order."""
        return tuple(b.table for b in self.blocks if b.table is not None)

    def locate(self, start: int, end: int) -> SourceLocation:
        """Map the span ``[start, end)`` of :attr:`text` back to the original input.

        A span that crosses pieces is located from the piece holding ``start``
        to the end of that piece.
        """
        a, b, raw, path = self._source(start, end)
        return SourceLocation(start=a, end=b, raw=raw, path=path)

    def _source(self, start: int, end: int) -> tuple[int, int, str, str | None]:
        """:meth:`locate` as a plain tuple ``(start, end, raw, path)``."""
        pieces, starts = self._pieces, self._starts
        if not pieces:
            return start, end, self.text[start:end], None
        i = bisect.bisect_right(starts, start) - 1
        if i < 0:
            i = 0
        piece = pieces[i]
        local_start = start - starts[i]
        if local_start < 0:
            local_start = 0
        local_end = end - starts[i]
        if local_end < local_start:
            local_end = local_start
        if local_end > len(piece.text):
            local_end = len(piece.text)
        a, b = piece.map.source_span(local_start, local_end)
        offset = piece.raw_start or 0
        return a + offset, b + offset, piece.raw[a:b], piece.path

    def provenance(
        self,
        key: str,
        start: int,
        end: int,
        *,
        approximate: bool = False,
        blank: BlankKind | None = None,
        note: str = "",
    ) -> Provenance:
        """Provenance for fact ``key`` read from ``[start, end)`` of :attr:`text`."""
        source_start, source_end, raw, path = self._source(start, end)
        return Provenance(
            key=key,
            start=start,
            end=end,
            raw=raw,
            source_start=source_start,
            source_end=source_end,
            source_path=path,
            approximate=approximate,
            blank=blank,
            note=note,
        )

    def source_text(self) -> str:
        """The raw text of all pieces, in document order (handy for spotting what was repaired)."""
        return "\n".join(p.raw for p in self._pieces)


class DocumentBuilder:
    """Assembles a :class:`Document` from normalised pieces.

    Blocks are separated by ``"\\n"`` in :attr:`Document.text`; table cells by
    ``"\\t"`` within a row and rows by ``"\\n"``.
    """

    def __init__(self, *, source_kind: Literal["text", "html"], source: str = "<string>") -> None:
        self._source_kind: Literal["text", "html"] = source_kind
        self._source = source
        self._parts: list[str] = []
        self._len = 0
        self._blocks: list[Block] = []
        self._starts: list[int] = []
        self._pieces: list[Piece] = []
        self._fixes: list[str] = []
        self._marks: list[Mark] = []

    def _sep(self, sep: str) -> None:
        if self._len:
            self._parts.append(sep)
            self._len += len(sep)

    def _put(self, piece: Piece) -> tuple[int, int]:
        start = self._len
        self._parts.append(piece.text)
        self._len += len(piece.text)
        self._starts.append(start)
        self._pieces.append(piece)
        for fix in piece.fixes:
            if fix not in self._fixes:
                self._fixes.append(fix)
        for m in piece.marks:
            self._marks.append(attrs.evolve(m, start=m.start + start, end=m.end + start))
        return start, self._len

    def add_text(
        self, piece: Piece, *, kind: Literal["heading", "paragraph"] = "paragraph"
    ) -> Block | None:
        """Append a heading or paragraph; empty pieces are skipped."""
        if not piece.text.strip():
            return None
        self._sep("\n")
        start, end = self._put(piece)
        block = Block(kind=kind, text=piece.text, start=start, end=end, path=piece.path)
        self._blocks.append(block)
        return block

    def add_table(
        self,
        rows: Sequence[Sequence[Piece]],
        *,
        layout: TableLayout,
        spans: Sequence[Sequence[tuple[int, int, int, int]]] | None = None,
        path: str | None = None,
    ) -> Block | None:
        """Append a table.

        ``spans`` gives, per cell, ``(row, col, rowspan, colspan)``; without it
        cells are placed on a plain grid (row ``i``, column ``j``).
        """
        if not any(rows):
            return None
        self._sep("\n")
        block_start = self._len
        out_rows: list[tuple[Cell, ...]] = []
        for i, row in enumerate(rows):
            if i:
                self._parts.append("\n")
                self._len += 1
            cells: list[Cell] = []
            for j, piece in enumerate(row):
                if j:
                    self._parts.append("\t")
                    self._len += 1
                start, end = self._put(piece)
                r, c, rs, cs = spans[i][j] if spans is not None else (i, j, 1, 1)
                cells.append(
                    Cell(
                        text=piece.text, start=start, end=end, row=r, col=c, rowspan=rs, colspan=cs
                    )
                )
            out_rows.append(tuple(cells))
        table = Table(rows=tuple(out_rows), layout=layout)
        block = Block(
            kind="table",
            text="",
            start=block_start,
            end=self._len,
            table=table,
            path=path,
        )
        self._blocks.append(block)
        return block

    def build(
        self,
        *,
        encoding: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> Document:
        """Finish the document."""
        text = "".join(self._parts)
        blocks = tuple(
            attrs.evolve(b, text=text[b.start : b.end]) if b.kind == "table" else b
            for b in self._blocks
        )
        return Document(
            blocks=blocks,
            text=text,
            source_kind=self._source_kind,
            source=self._source,
            encoding=encoding,
            metadata=dict(metadata or {}),
            fixes=tuple(self._fixes),
            marks=tuple(self._marks),
            starts=self._starts,
            pieces=self._pieces,
        )
