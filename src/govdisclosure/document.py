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
text it was made from; or from :data:`Run` triples, parts of pieces (the text
reader keeps one piece for all the lines no fixer changed, and adds each line
or cell as a run of it).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, Protocol

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
    "Run",
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


Run = tuple[Piece, int, int]
"""``(piece, start, end)``: the part ``[start, end)`` of ``piece.text``, added to a
document without a piece of its own. Spans located through a run are offsets into
``piece.raw`` (shifted by ``piece.raw_start``); a run of a piece that maps one to
one locates exactly as :func:`~govdisclosure.normalization.slice_piece` of it would."""


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


class _Spanned(Protocol):
    """Anything with a span of :attr:`Document.text`: a cell, a block."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@attrs.frozen(kw_only=True, eq=False)
class Document:
    """A decoded, cleaned document: ordered blocks over one normalised text.

    ``metadata`` holds what the page states about itself (the 信息公开 box:
    索引号, 发布机构, 发布日期 …; the ``<title>``; the breadcrumb), keyed by the
    label as printed. ``fixes`` names the fixers that changed something, in
    order; ``marks`` are spans fixers flagged (offsets into :attr:`text`).

    The way back is kept per run of :attr:`text`: run ``i`` begins at
    ``starts[i]`` and is ``runs[i]`` (without ``runs``, the whole of ``pieces[i]``).
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
    _runs: list[Run] = attrs.field(factory=list, repr=False, alias="runs")

    def __attrs_post_init__(self) -> None:
        if self._pieces and not self._runs:
            object.__setattr__(self, "_runs", [(p, 0, len(p.text)) for p in self._pieces])

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
        runs, starts = self._runs, self._starts
        if not runs:
            return start, end, self.text[start:end], None
        i = bisect_right(starts, start) - 1
        if i < 0:
            i = 0
        piece, lo, hi = runs[i]
        # The span in the piece's text, kept inside the run.
        a = lo + start - starts[i]
        b = lo + end - starts[i]
        if lo <= a <= b <= hi and piece.map.is_identity:
            # The common case (inside the run, text unchanged), which the rest comes down to.
            offset = piece.raw_start or 0
            return a + offset, b + offset, piece.raw[a:b], piece.path
        if a < lo:
            a = lo
        if b < a:
            b = a
        if b > hi:
            b = hi
        omap = piece.map
        if omap.is_identity:
            # What the run's own identity map gives: a span past its end keeps to it.
            if a > hi:
                a = hi
        else:
            a, b = omap.source_span(a, b)
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
        # Provenance(key=key, ...) by the fast path: the table reader asks for hundreds.
        new: Any = object.__new__(_PROVENANCE_DRAFT)
        new.key = key
        new.start = start
        new.end = end
        new.raw = raw
        new.source_start = source_start
        new.source_end = source_end
        new.source_path = path
        new.approximate = approximate
        new.blank = blank
        new.note = note
        new.__class__ = Provenance
        prov: Provenance = new
        return prov

    def _provenances(
        self,
        keys: Sequence[str],
        spans: Sequence[_Spanned],
        blanks: Sequence[BlankKind | None],
        note: str = "",
    ) -> list[Provenance]:
        """``[provenance(key, span.start, span.end, blank=blank, note=note), ...]``, in one pass.

        For the table reader, whose spans (the value cells of a row) follow one
        another through the runs: the run of each is found by walking on from
        the last one rather than by a bisect, and a span inside a run of an
        unchanged piece (which table cells are) is located here, with what is
        looked up once per piece; any other span goes through
        :meth:`provenance`.
        """
        runs, starts = self._runs, self._starts
        if not runs:
            return [
                self.provenance(key, span.start, span.end, blank=blank, note=note)
                for key, span, blank in zip(keys, spans, blanks, strict=True)
            ]
        out: list[Provenance] = []
        last = len(starts) - 1
        i = -1  # the run of the last span
        known: Piece | None = None  # the piece of that run, and what is known of it:
        identity, offset, raw, path = False, 0, "", None
        for key, span, blank in zip(keys, spans, blanks, strict=True):
            start, end = span.start, span.end
            if i < 0 or start < starts[i]:
                i = max(bisect_right(starts, start) - 1, 0)
            while i < last and starts[i + 1] <= start:
                i += 1
            piece, lo, hi = runs[i]
            if piece is not known:
                known = piece
                identity = piece.map.is_identity
                offset = piece.raw_start or 0
                raw, path = piece.raw, piece.path
            shift = lo - starts[i]
            a, b = start + shift, end + shift
            if not (identity and lo <= a <= b <= hi):
                out.append(self.provenance(key, start, end, blank=blank, note=note))
                continue
            # What _source gives for such a span, and Provenance(key=key, ...) by the fast path.
            new: Any = object.__new__(_PROVENANCE_DRAFT)
            new.key = key
            new.start = start
            new.end = end
            new.raw = raw[a:b]
            new.source_start = a + offset
            new.source_end = b + offset
            new.source_path = path
            new.approximate = False
            new.blank = blank
            new.note = note
            new.__class__ = Provenance
            out.append(new)
        return out

    def source_text(self) -> str:
        """The raw text of all pieces, in document order (handy for spotting what was repaired)."""
        return "\n".join(_raw_of(*run) for run in self._runs)


def _raw_of(piece: Piece, lo: int, hi: int) -> str:
    """The raw text the run ``(piece, lo, hi)`` came from."""
    if lo == 0 and hi == len(piece.text):
        return piece.raw
    a, b = piece.map.source_span(lo, hi)
    return piece.raw[a:b]


def _draft_class(cls: type) -> type:
    """A stand-in for the frozen, slotted attrs class ``cls`` that takes plain attribute stores.

    This is the fast construction path for the objects made by the hundred per
    document (cells, provenance, figures). Make an instance of the stand-in with
    :func:`object.__new__`, assign *every* field of ``cls`` to it as a plain
    attribute, then make it a ``cls`` by assigning ``__class__``::

        new = object.__new__(_BLOCK_DRAFT)
        new.kind = "paragraph"
        ...  # every other field
        new.__class__ = Block

    The result is exactly what ``cls(...)`` makes: same type, fields, equality
    and hash, and frozen. Why it is faster: a frozen class refuses attribute
    stores, so its ``__init__`` and the slot descriptors' ``__set__`` are calls
    of some 50 ns a field; the stand-in, a subclass that adds no slot and
    restores the ordinary ``__setattr__``, takes stores that CPython turns into
    direct slot writes, and as it has the layout of ``cls`` its instances may
    become ``cls`` ones (about 2.5 times faster than calling the slot
    descriptors' setters for :class:`~govdisclosure.model.Provenance`). Only
    for classes that validate, convert and post-process nothing.
    """
    fields = attrs.fields(cls)
    if any(f.validator is not None or f.converter is not None for f in fields):
        raise TypeError(f"{cls.__name__} validates or converts its fields")
    if hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"{cls.__name__} has an __attrs_post_init__")
    if "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not slotted")
    draft = type(
        f"_{cls.__name__}Draft",
        (cls,),
        {
            "__slots__": (),
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__module__": __name__,
        },
    )
    probe: Any = object.__new__(draft)
    probe.__class__ = cls  # a TypeError here, at import, if the layouts differ
    return draft


_CELL_DRAFT = _draft_class(Cell)
_BLOCK_DRAFT = _draft_class(Block)
_PROVENANCE_DRAFT = _draft_class(Provenance)


def _block(
    kind: BlockKind, text: str, start: int, end: int, table: Table | None, path: str | None
) -> Block:
    """``Block(kind=kind, text=text, ...)`` by the fast path (see :func:`_draft_class`)."""
    new: Any = object.__new__(_BLOCK_DRAFT)
    new.kind = kind
    new.text = text
    new.start = start
    new.end = end
    new.table = table
    new.path = path
    new.__class__ = Block
    block: Block = new
    return block


class DocumentBuilder:
    """Assembles a :class:`Document` from normalised pieces, or runs of them.

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
        self._runs: list[Run] = []
        self._fixes: list[str] = []
        self._marks: list[Mark] = []
        self._noted: Piece | None = None  # the last piece whose fixes were added

    def _sep(self, sep: str) -> None:
        if self._len:
            self._parts.append(sep)
            self._len += len(sep)

    def _note(self, run: Run, start: int) -> None:
        """Add the fixes of ``run``, which begins at ``start``, and its marks, cut to the run."""
        piece, lo, hi = run
        for fix in piece.fixes:
            if fix not in self._fixes:
                self._fixes.append(fix)
        # Runs of one piece follow one another (a whole text's lines): its fixes are in now.
        self._noted = piece
        if not piece.marks:
            return
        if lo == 0 and hi == len(piece.text):
            for m in piece.marks:
                self._marks.append(attrs.evolve(m, start=m.start + start, end=m.end + start))
            return
        shift = start - lo
        for m in piece.marks:
            if m.start < hi and m.end > lo:
                a, b = max(m.start, lo), min(m.end, hi)
                self._marks.append(attrs.evolve(m, start=a + shift, end=b + shift))

    def add_text(
        self, piece: Piece, *, kind: Literal["heading", "paragraph"] = "paragraph"
    ) -> Block | None:
        """Append a heading or paragraph; empty pieces are skipped."""
        return self.add_text_run((piece, 0, len(piece.text)), kind=kind)

    def add_text_run(
        self, run: Run, *, kind: Literal["heading", "paragraph"] = "paragraph"
    ) -> Block | None:
        """:meth:`add_text` of a :data:`Run`."""
        piece, lo, hi = run
        text = piece.text[lo:hi]
        if not text or text.isspace():
            return None
        start = self._len
        if start:
            self._parts.append("\n")
            start += 1
        self._parts.append(text)
        self._len = end = start + len(text)
        self._starts.append(start)
        self._runs.append(run)
        if piece.marks or (piece.fixes and piece is not self._noted):
            self._note(run, start)
        block = _block(kind, text, start, end, None, piece.path)
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
        runs = [[(piece, 0, len(piece.text)) for piece in row] for row in rows]
        return self.add_table_runs(runs, layout=layout, spans=spans, path=path)

    def add_table_runs(
        self,
        rows: Sequence[Sequence[Run]],
        *,
        layout: TableLayout,
        spans: Sequence[Sequence[tuple[int, int, int, int]]] | None = None,
        path: str | None = None,
    ) -> Block | None:
        """:meth:`add_table` of rows of :data:`Run` cells."""
        if not any(rows):
            return None
        self._sep("\n")
        block_start = pos = self._len
        parts, starts, runs = self._parts, self._starts, self._runs
        first_part = len(parts)
        new = object.__new__
        out_rows: list[tuple[Cell, ...]] = []
        for i, row in enumerate(rows):
            if i:
                parts.append("\n")
                pos += 1
            cells: list[Cell] = []
            for j, run in enumerate(row):
                if j:
                    parts.append("\t")
                    pos += 1
                piece, lo, hi = run
                text = piece.text[lo:hi]
                parts.append(text)
                starts.append(pos)
                runs.append(run)
                if piece.marks or (piece.fixes and piece is not self._noted):
                    self._note(run, pos)
                end = pos + len(text)
                # Cell(text=text, start=pos, ...) by the fast path: a table has hundreds.
                cell: Any = new(_CELL_DRAFT)
                cell.text = text
                cell.start = pos
                cell.end = end
                if spans is None:
                    cell.row = i
                    cell.col = j
                    cell.rowspan = 1
                    cell.colspan = 1
                else:
                    cell.row, cell.col, cell.rowspan, cell.colspan = spans[i][j]
                cell.__class__ = Cell
                cells.append(cell)
                pos = end
            out_rows.append(tuple(cells))
        self._len = pos
        table = Table(rows=tuple(out_rows), layout=layout)
        block = _block("table", "".join(parts[first_part:]), block_start, pos, table, path)
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
        return Document(
            blocks=tuple(self._blocks),
            text=text,
            source_kind=self._source_kind,
            source=self._source,
            encoding=encoding,
            metadata=dict(metadata or {}),
            fixes=tuple(self._fixes),
            marks=tuple(self._marks),
            starts=self._starts,
            runs=self._runs,
        )
