"""Tables 2, 3 and 4 of the 2019 and 2021 editions, read cell by cell.

The three standard tables of an annual report (templates.md §2–§3):

* table 2, 主动公开政府信息情况: stacked blocks 第二十条第（一）（五）（六）（八）项
  (and （九）in 2019), each with its own column list;
* table 3, 收到和处理政府信息公开申请情况: 25 rows (2021) or 23 rows (2019) by
  seven applicant columns;
* table 4, 行政复议、行政诉讼情况: one row of 15 fixed positions.

Every layout arrives as the same thing: blocks of a
:class:`~govdisclosure.document.Document` (HTML grids, ``|`` and markdown
rows, PDF rows, one cell per line, and the paragraphs between them). The
reader turns them into *logical rows*: label cells followed by value cells.
Values are tied to a template row **by its label**, never by counting rows;
the label is the row's own label, widened backwards over label-only lines of
the same block when a PDF broke it (``（二）部分公开（…只计这一情`` +
``形，不计其他情形） 447 …``). Columns are the row's values in reading
order, matched against the column list of the row (V9). A row whose value
count does not fit its columns is reported (``table_row_unaligned``) and
yields nothing, so one dropped blank cell never shifts a neighbour.

Rows that lost their label (a PDF-to-markdown conversion, V4) are placed by
template order only between two labelled rows whose gap has exactly that many
rows, and only when R2/R3 then hold; otherwise they are reported and dropped.
The edition is decided per table from its labels (V2), never from the year.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal, NamedTuple, Protocol, cast

import attrs

from ..document import Block, Document, Table, _draft_class
from ..facts import FactValue, Figure
from ..model import BlankKind, Finding, Provenance
from ..numbers import blank_kind, read_number
from .template import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    EDITION_2019_MARKERS,
    EDITION_2021_MARKERS,
    PROACTIVE_COLUMNS,
    PROACTIVE_ROWS,
    REVIEW_KEYS,
    T2_CUES,
    T3_2021_ONLY,
    T3_CUES,
    T4_CUES,
    ColumnKind,
    RowSpec,
    TemplateEdition,
    fold_label,
    fold_labels,
    match_rows,
    may_hold_cue,
)

__all__ = ["TableResult", "read_tables"]

_DIGIT = re.compile(r"\d")
_ORPHAN = re.compile(r"\d{1,6}")
_R1_ROWS = ("new_received", "carried_over", "results.total", "carried_to_next")
_MAX_LABEL_WIDEN = 12
"""How many label cells back a broken label may be widened (a vertical 三、本年度办理结果 is 9)."""
_T3_KEYS = {
    spec.key: tuple(f"applications.{spec.key}.{c}" for c in APPLICANT_COLUMNS)
    for spec in APPLICATION_ROWS
}
"""The fact keys of each table 3 row, column by column."""
_T4_KEYS = tuple(f"review_litigation.{key}" for key in REVIEW_KEYS)
"""The fact keys of table 4's 15 positions."""
_COUNT: ColumnKind = "int"
_T3_KINDS = (_COUNT,) * len(APPLICANT_COLUMNS)
_T4_KINDS = (_COUNT,) * len(REVIEW_KEYS)
"""Every column of tables 3 and 4 is a count."""


_FIGURE_DRAFT = _draft_class(Figure)


def _figure(key: str, value: FactValue, provenance: Provenance) -> Figure:
    """``Figure(key=key, value=value, provenance=provenance)`` by the fast path.

    The reader makes one per cell of the tables, hundreds per document (see
    :func:`~govdisclosure.document._draft_class`).
    """
    new: Any = object.__new__(_FIGURE_DRAFT)
    new.key = key
    new.value = value
    new.provenance = provenance
    new.__class__ = Figure
    figure: Figure = new
    return figure


@attrs.frozen(kw_only=True)
class TableResult:
    """Figures read from the standard tables, the edition they follow, findings.

    ``editions`` gives the edition decided for each table that was found
    (``{"proactive": "2019", "applications": "2021"}``); ``edition`` is the
    report-level one (table 3's, else table 2's).
    """

    edition: Literal["2019", "2021"] | None = None
    figures: tuple[Figure, ...] = ()
    findings: tuple[Finding, ...] = ()
    editions: dict[str, str] = attrs.field(factory=dict)


# --------------------------------------------------------------------------- cells and rows


class _Span(Protocol):
    """Anything with text and a span of :attr:`Document.text`: a table cell or a text block."""

    @property
    def text(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class _Reading(NamedTuple):
    """What a cell's text says as a value: the number (``None`` for a blank), how written.

    ``as_count`` is the value as the figure of a count column (``"int"``) when it
    is a valid one, worked out once per cell text (see :meth:`_Reader._check`).
    """

    value: int | Decimal | None
    blank: BlankKind | None = None
    unit: str | None = None
    signed: bool = False
    unreadable: bool = False
    as_count: int | None = None


_UNREADABLE = _Reading(value=None, unreadable=True)
"""The reading of a cell in a row's value part that is not a number."""

_Value = tuple[_Span, _Reading]
"""A value cell and how it reads (a plain pair: rows hold thousands of them)."""


class _Row(NamedTuple):
    """A logical row: the labels before it in its block, its own labels, its values.

    Labels are the cells (or the text block) themselves; ``label`` is their
    text, joined.
    """

    block: int
    context: tuple[_Span, ...]
    labels: tuple[_Span, ...]
    values: tuple[_Value, ...]
    label: str

    @property
    def start(self) -> int:
        first = self.labels[0] if self.labels else self.values[0][0]
        return first.start

    @property
    def end(self) -> int:
        return self.values[-1][0].end if self.values else self.labels[-1].end


@functools.lru_cache(maxsize=8192)
def _reading(text: str) -> _Reading | None:
    """The cell ``text`` as a value, or ``None`` when it is a label.

    Cached: the same few cell texts (``0``, ``/``, the template's labels) fill
    every report.
    """
    kind = blank_kind(text)
    if kind is not None:
        return _Reading(value=None, blank=kind)
    if not _DIGIT.search(text):
        num = read_number(text)
        if num is not None and num.placeholder:
            return _Reading(value=None, unreadable=True)
        return None  # Chinese numerals in a table cell are label fragments (三、 本 年)
    num = read_number(text)
    if num is None or num.end - num.start < len(text.strip()):
        return None
    reading = _Reading(
        value=num.value,
        unit=num.unit,
        signed=num.signed,
        unreadable=num.value is None or num.approximate or num.placeholder,
    )
    if reading.value is not None and not _Reader._check(text, reading, "int"):
        reading = reading._replace(as_count=int(reading.value))
    return reading


_fold = functools.lru_cache(maxsize=8192)(fold_label)
""":func:`fold_label` for cell labels, which repeat across reports."""


class _Cues(NamedTuple):
    """Which tables' cues a label or paragraph holds, once folded."""

    t2: bool
    t3: bool
    t4: bool


_NO_CUES = _Cues(t2=False, t3=False, t4=False)
_ANY_CUE = re.compile("|".join(p.pattern for p in (T2_CUES, T3_CUES, T4_CUES)))
"""Any cue: one scan where there is none (most text) instead of three."""


def _cues(folded: str) -> _Cues:
    """The cues the folded text ``folded`` holds."""
    if not _ANY_CUE.search(folded):
        return _NO_CUES
    return _Cues(
        t2=T2_CUES.search(folded) is not None,
        t3=T3_CUES.search(folded) is not None,
        t4=T4_CUES.search(folded) is not None,
    )


@functools.lru_cache(maxsize=8192)
def _label_cues(label: str) -> _Cues:
    """The cues of the label text ``label`` (a row's cells, joined), which repeat across reports."""
    return _cues(_fold(label))


def _paragraph_cues(text: str) -> _Cues:
    """The cues of the paragraph ``text``, folded only when it may hold one (not cached: prose)."""
    return _cues(fold_label(text)) if may_hold_cue(text) else _NO_CUES


_HAN = re.compile("[\u4e00-\u9fff]")
"""A CJK ideograph: its own NFKC form, so a text holding one never folds to digits only."""


def _is_orphan(text: str) -> bool:
    """True when the paragraph ``text`` folds to a lone number (a cell a PDF pushed out of its row)."""
    return not _HAN.search(text) and _ORPHAN.fullmatch(fold_label(text)) is not None


@functools.lru_cache(maxsize=8192)
def _hits(label: str, table: Literal["applications", "proactive"]) -> tuple[RowSpec, ...]:
    """The template rows of ``table`` that the joined label text ``label`` matches."""
    specs = APPLICATION_ROWS if table == "applications" else PROACTIVE_ROWS
    return tuple(match_rows(_fold(label), specs))


def _table_rows(index: int, table: Table) -> list[_Row]:
    """The logical rows of ``table``, block ``index`` of its document, in reading order."""
    if table.layout == "lines":
        return _line_rows(index, table)
    out: list[_Row] = []
    context: tuple[_Span, ...] = ()
    for row in table.rows:
        first = 0
        while first < len(row) - 1 and row[first].is_blank:
            first += 1
        cells = row[first:]
        readings = [_reading(cell.text) for cell in cells]
        k = 0
        while k < len(readings) and readings[k] is None:
            k += 1
        labels = cells[:k]
        label = "".join([c.text for c in labels])
        if k < len(cells):
            rest = readings[k:]
            if None in rest:  # a cell that is not a number, in the value part
                rest = [_UNREADABLE if r is None else r for r in rest]
            values = tuple(zip(cells[k:], cast("list[_Reading]", rest), strict=True))
            out.append(_Row(index, context, labels, values, label))
            context = ()
        elif labels:
            out.append(_Row(index, (), labels, (), label))
            context = (*context, *labels)[-_MAX_LABEL_WIDEN:]
    return out


def _line_rows(index: int, table: Table) -> list[_Row]:
    """:func:`_table_rows` of a one-cell-per-line table: a label cell after values starts a row."""
    out: list[_Row] = []
    context: tuple[_Span, ...] = ()
    labels: list[_Span] = []
    values: list[_Value] = []

    def flush() -> None:
        nonlocal context, labels, values
        label = "".join([c.text for c in labels])
        if values:
            out.append(_Row(index, context, tuple(labels), tuple(values), label))
            context, labels, values = (), [], []
        elif labels:
            out.append(_Row(index, (), tuple(labels), (), label))
            context = (*context, *labels)[-_MAX_LABEL_WIDEN:]
            labels = []

    for row in table.rows:
        for cell in row:
            reading = _reading(cell.text)
            if reading is None:
                if values:
                    flush()
                labels.append(cell)
            else:
                values.append((cell, reading))
    flush()
    return out


# --------------------------------------------------------------------------- matching


def _match(row: _Row, table: Literal["applications", "proactive"]) -> tuple[RowSpec | None, bool]:
    """The template row of ``row`` (own label first, then widened); ``(None, True)`` if ambiguous."""
    own, context = len(row.labels), row.context
    if own > _MAX_LABEL_WIDEN:
        return None, False
    # Own labels and the last ``extra`` context cells, up to _MAX_LABEL_WIDEN cells in all.
    for extra in range(0 if own else 1, min(len(context), _MAX_LABEL_WIDEN - own) + 1):
        label = "".join(c.text for c in context[-extra:]) + row.label if extra else row.label
        hits = _hits(label, table)
        if len(hits) == 1:
            return hits[0], False
        if len(hits) > 1:
            return None, True
    return None, False


def _fit(values: Sequence[_Value], n: int) -> Sequence[_Value] | None:
    """``values`` trimmed of stray blank cells at the ends to exactly ``n``, or ``None``."""
    if len(values) <= n:
        return values if len(values) == n else None
    vals = list(values)
    while len(vals) > n and vals[-1][1].blank is not None:
        vals.pop()
    while len(vals) > n and vals[0][1].blank is not None:
        vals.pop(0)
    return vals if len(vals) == n else None


# --------------------------------------------------------------------------- the reader


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.figures: list[Figure] = []
        self.findings: list[Finding] = []
        self.editions: dict[str, str] = {}
        # What the driver sorts the document's rows into, and where it is.
        self.t2: list[tuple[_Row, RowSpec]] = []
        self.t2_text: list[str] = []  # the labels and paragraphs of table 2, folded when read
        self.t3: list[tuple[_Row, RowSpec | None]] = []
        self.t4: list[_Row] = []
        self.orphans: list[_Row] = []
        self.seen_t2 = self.seen_t3 = self.seen_t4 = False

    # ----------------------------------------------------------------- output

    def finding(
        self,
        code: str,
        message: str,
        row: _Row | None,
        *,
        keys: Sequence[str] = (),
        severity: Literal["error", "warning", "info"] = "warning",
    ) -> None:
        evidence = self.doc.text[row.start : row.end] if row is not None else ""
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                message=message,
                keys=tuple(keys),
                evidence=evidence[:200],
                start=row.start if row is not None else None,
                end=row.end if row is not None else None,
            )
        )

    def emit(
        self,
        keys: Sequence[str],
        values: Sequence[_Value],
        kinds: Sequence[ColumnKind],
        row: _Row,
        note: str = "",
    ) -> None:
        """Figures for the cells ``values`` of ``row``, under ``keys``, in columns of ``kinds``.

        A blank cell gives a ``None`` figure with its blank kind; a value that
        its column does not allow is reported (``table_value_invalid``) and
        gives nothing. An ``"amount"`` column gives its unit as a second figure.
        """
        row_keys: list[str] = []
        cells: list[_Span] = []
        blanks: list[BlankKind | None] = []
        facts: list[FactValue] = []
        units: dict[int, str | None] = {}  # the unit of an amount, by its place in row_keys
        for key, (cell, reading), kind in zip(keys, values, kinds, strict=True):
            fact: FactValue
            if reading.blank is not None:
                fact = None
            elif kind == "int" and reading.as_count is not None:
                fact = reading.as_count  # the common case, checked once per cell text
            else:
                problem = self._check(cell.text, reading, kind)
                if problem:
                    self.finding("table_value_invalid", f"{key}: {problem}", row, keys=(key,))
                    continue
                assert reading.value is not None
                number = reading.value
                fact = Decimal(number) if kind in ("decimal", "amount") else int(number)
                if kind == "amount":
                    units[len(row_keys)] = reading.unit
            row_keys.append(key)
            cells.append(cell)
            blanks.append(reading.blank)
            facts.append(fact)
        provenance = self.doc._provenances(row_keys, cells, blanks, note)
        figures = self.figures
        if not units:
            figures.extend(map(_figure, row_keys, facts, provenance))
            return
        for n, (key, fact, prov) in enumerate(zip(row_keys, facts, provenance, strict=True)):
            figures.append(_figure(key, fact, prov))
            if n in units:
                unit_key = key + "_unit"
                figures.append(_figure(unit_key, units[n], attrs.evolve(prov, key=unit_key)))

    @staticmethod
    def _check(text: str, reading: _Reading, kind: ColumnKind) -> str:
        """What is wrong with the cell ``text`` (read as ``reading``) in a ``kind`` column."""
        value, unit = reading.value, reading.unit
        if reading.unreadable or value is None:
            return f"unreadable value {text!r}"
        if kind == "decimal":
            if unit not in (None, "万元"):
                return f"unit {unit!r} where the column is in 万元"
            return "" if value >= 0 else f"negative amount {text!r}"
        if kind == "amount":
            return "" if value >= 0 else f"negative amount {text!r}"
        if isinstance(value, Decimal) and value != value.to_integral_value():
            return f"a count must be a whole number, not {text!r}"
        if unit not in (None, "件", "个", "项", "条"):
            return f"unexpected unit {unit!r}"
        if kind == "int" and (value < 0 or reading.signed):
            return f"a count cannot be signed ({text!r})"
        return ""

    # ----------------------------------------------------------------- driver

    def read(self) -> TableResult:
        for index, block in enumerate(self.doc.blocks):
            if block.table is None:
                if block.text.strip():
                    self.paragraph(index, block)
                continue
            for row in _table_rows(index, block.table):
                if row.values:
                    self.value_row(row)
                else:
                    self.cue(_label_cues(row.label), row.label)  # no context
        t2, t3, t4 = self.t2, self.t3, self.t4
        ed2 = self.proactive(t2, self.t2_text) if t2 else None
        ed3 = self.applications(t3, ed2, self.orphans) if t3 else None
        if t4:
            self.review(t4)
        edition = ed3 or ed2
        return TableResult(
            edition=edition,
            figures=tuple(self.figures),
            findings=tuple(self.findings),
            editions=dict(self.editions),
        )

    def paragraph(self, index: int, block: Block) -> None:
        """Sort the paragraph ``block`` (block ``index``): a cue, or a number a PDF cut off."""
        text = block.text
        if self.seen_t3 and not self.seen_t4 and _is_orphan(text):
            self.orphans.append(_Row(index, (), (block,), (), text))
            return
        self.cue(_paragraph_cues(text), text)

    def cue(self, cues: _Cues, text: str) -> None:
        """Follow the cues of a paragraph or a row of labels only, whose text is ``text``."""
        if cues.t3:
            self.seen_t3, self.seen_t4 = True, False
        elif self.seen_t3 and cues.t4:
            self.seen_t4 = True
        elif cues.t2 and not self.seen_t3:
            self.seen_t2 = True
        if self.seen_t2 and not self.seen_t3:
            self.t2_text.append(text)

    def value_row(self, row: _Row) -> None:
        """Sort a row with values into table 2, 3 or 4, by its label and where it is."""
        seen_t2, seen_t3, seen_t4 = self.seen_t2, self.seen_t3, self.seen_t4
        if (
            (seen_t3 or seen_t4)
            and _fit(row.values, 15) is not None
            and (not _fold(row.label) or _label_cues(row.label).t4)
        ):
            self.t4.append(row)
            return
        spec3, ambiguous3 = _match(row, "applications")
        spec2, _ = _match(row, "proactive") if not seen_t3 or not spec3 else (None, False)
        if spec2 is not None and not seen_t3:
            label = "".join(c.text for c in row.context) + row.label
            if seen_t2 or _label_cues(label).t2:
                self.t2.append((row, spec2))
                self.t2_text.append(label)
                return
        if spec3 is not None and (seen_t3 or spec3.key == "new_received"):
            self.seen_t3, self.seen_t4 = True, False
            self.t3.append((row, spec3))
            return
        if (seen_t3 and not seen_t4 and not row.labels) or (ambiguous3 and seen_t3):
            self.t3.append((row, None))
            return
        if spec2 is not None and seen_t3:
            self.finding("table_row_out_of_place", "a table 2 row after table 3", row)

    # ----------------------------------------------------------------- table 2

    def proactive(
        self, rows: list[tuple[_Row, RowSpec]], text: list[str]
    ) -> TemplateEdition | None:
        """Read table 2 from its ``rows``; ``text`` is the table's labels and paragraphs."""
        joined = fold_labels(text)
        has21 = bool(EDITION_2021_MARKERS.search(joined))
        has19 = bool(EDITION_2019_MARKERS.search(joined))
        edition: TemplateEdition | None = (
            "2021" if has21 and not has19 else "2019" if has19 and not has21 else None
        )
        if edition is None:
            votes = set()
            for row, spec in rows:
                for ed in ("2019", "2021"):
                    cols = PROACTIVE_COLUMNS.get((ed, spec.key))
                    other = PROACTIVE_COLUMNS.get(("2021" if ed == "2019" else "2019", spec.key))
                    if (
                        cols
                        and _fit(row.values, len(cols))
                        and not (other and _fit(row.values, len(other)))
                    ):
                        votes.add(ed)
            if len(votes) == 1:
                edition = votes.pop()  # type: ignore[assignment]
        if edition is None:
            self.finding(
                "table_edition_unknown",
                "table 2 headers match neither (or both) editions; its rows are not read",
                rows[0][0],
            )
            return None
        self.editions["proactive"] = edition
        done: set[str] = set()
        for row, spec in rows:
            cols = PROACTIVE_COLUMNS.get((edition, spec.key))
            if cols is None:
                self.finding(
                    "table_row_unexpected", f"row {spec.key} is not in the {edition} table 2", row
                )
                continue
            if spec.key in done:
                self.finding(
                    "table_row_duplicate",
                    f"table 2 row {spec.key} appears twice; kept the first",
                    row,
                )
                continue
            vals = _fit(row.values, len(cols))
            keys = [f"proactive.{spec.key}.{c}" for c, _ in cols]
            if vals is None:
                self.finding(
                    "table_row_unaligned",
                    f"table 2 row {spec.key}: {len(row.values)} cells for {len(cols)} columns",
                    row,
                    keys=keys,
                )
                continue
            done.add(spec.key)
            self.emit(keys, vals, [kind for _, kind in cols], row)
        return edition

    # ----------------------------------------------------------------- table 3

    def applications(
        self,
        rows: list[tuple[_Row, RowSpec | None]],
        fallback: TemplateEdition | None,
        orphans: Sequence[_Row] = (),
    ) -> TemplateEdition | None:
        keys = {spec.key for _, spec in rows if spec is not None}
        edition: TemplateEdition | None
        if keys & T3_2021_ONLY:
            edition = "2021"
        elif "results.other" in keys:
            edition = "2019"
        else:
            edition = fallback
        if edition is not None:
            self.editions["applications"] = edition
        order = [s.key for s in APPLICATION_ROWS if edition is None or edition in s.editions]
        n = len(APPLICANT_COLUMNS)
        placed: dict[str, tuple[_Row, Sequence[_Value], bool]] = {}
        unlabelled: list[_Row] = []
        prev: str | None = None

        def place_run(after: str | None, before: str | None) -> None:
            if not unlabelled:
                return
            run = list(unlabelled)
            unlabelled.clear()
            if after is not None and before is not None and edition is not None:
                gap = order.index(before) - order.index(after) - 1
                fitted = [_fit(r.values, n) for r in run]
                if gap == len(run) and all(f is not None for f in fitted):
                    for k, (r, f) in enumerate(zip(run, fitted, strict=True)):
                        assert f is not None
                        placed.setdefault(order[order.index(after) + 1 + k], (r, f, True))
                    return
            for r in run:
                self.finding(
                    "table_row_unaligned",
                    "a table 3 row without a usable label that template order cannot place",
                    r,
                )

        for row, spec in rows:
            if spec is None:
                unlabelled.append(row)
                continue
            if spec.key not in order:
                self.finding(
                    "table_row_unexpected",
                    f"row {spec.key} is not a leaf of the {edition} table 3 (a subtotal?); not read",
                    row,
                    severity="info",
                )
                continue
            if spec.key in placed:
                self.finding(
                    "table_row_duplicate",
                    f"table 3 row {spec.key} appears twice; kept the first",
                    row,
                )
                continue
            vals = _fit(row.values, n)
            if vals is None:
                self.finding(
                    "table_row_unaligned",
                    f"table 3 row {spec.key}: {len(row.values)} cells for {n} columns",
                    row,
                    keys=_T3_KEYS[spec.key],
                )
                place_run(None, None)
                prev = None
                continue
            place_run(prev, spec.key)
            placed[spec.key] = (row, vals, False)
            prev = spec.key
        place_run(None, None)
        if any(p for _, _, p in placed.values()) and not self._confirm(placed, order):
            for key in [k for k, (_, _, p) in placed.items() if p]:
                row = placed.pop(key)[0]
                self.finding(
                    "table_row_unconfirmed",
                    f"a label-less row would be {key} by template order, but R2/R3 do not confirm it",
                    row,
                    keys=_T3_KEYS[key],
                )
        if len(orphans) == 1:
            self._recover(placed, orphans[0])
        for key in order:
            if key not in placed:
                continue
            row, vals, was_placed = placed[key]
            note = (
                "label lost; placed by template order, confirmed by R2 and R3" if was_placed else ""
            )
            self.emit(_T3_KEYS[key], vals, _T3_KINDS, row, note)
        return edition

    def _recover(
        self, placed: dict[str, tuple[_Row, Sequence[_Value], bool]], orphan: _Row
    ) -> None:
        """Put a number a PDF conversion pushed out of its row back into the one empty 总计 cell.

        Only for text layouts, only with a single stray number and a single empty
        总计 cell among the R1 rows, and only when R3 (the row's parts) and R1
        (the 总计 column) both give exactly that number.
        """

        def total(k: str) -> _Value:
            return placed[k][1][-1]

        empty = [
            k
            for k in _R1_ROWS
            if k in placed and total(k)[1].blank == "empty" and not total(k)[0].text.strip()
        ]
        if len(empty) != 1 or any(k not in placed for k in _R1_ROWS):
            return
        key = empty[0]
        row, vals, was_placed = placed[key]
        table = self.doc.blocks[row.block].table
        if table is None or table.layout == "grid":
            return
        label = orphan.labels[0]
        number = int(label.text.strip())

        def tot(k: str) -> int:
            v = number if k == key else total(k)[1].value
            return int(v) if isinstance(v, int | Decimal) else 0

        parts = sum(int(r.value) for _, r in vals[:-1] if isinstance(r.value, int | Decimal))
        r1 = tot("new_received") + tot("carried_over") == tot("results.total") + tot(
            "carried_to_next"
        )
        if parts != number or not r1:
            return
        moved: _Value = (label, _Reading(value=number))
        placed[key] = (row, [*vals[:-1], moved], was_placed)
        self.finding(
            "table_cell_recovered",
            f"the empty 总计 cell of {key} was filled with the stray number {number} "
            "found inside the table; R1 and R3 both give it",
            orphan,
            keys=[f"applications.{key}.total"],
            severity="info",
        )

    @staticmethod
    def _confirm(placed: dict[str, tuple[_Row, Sequence[_Value], bool]], order: list[str]) -> bool:
        """True when every placed row passes R3 and R2 holds in every column."""

        def num(cell: _Value) -> int:
            value = cell[1].value
            return int(value) if isinstance(value, int | Decimal) else 0

        for _, vals, was_placed in placed.values():
            if (
                was_placed
                and vals[-1][1].value is not None
                and sum(num(c) for c in vals[:-1]) != num(vals[-1])
            ):
                return False
        if "results.total" not in placed:
            return False
        leaves = [k for k in order if k.startswith("results.") and k != "results.total"]
        if any(k not in placed for k in leaves):
            return False
        total = placed["results.total"][1]
        for c in range(len(APPLICANT_COLUMNS)):
            if total[c][1].value is None:
                continue
            if sum(num(placed[k][1][c]) for k in leaves) != num(total[c]):
                return False
        return True

    # ----------------------------------------------------------------- table 4

    def review(self, rows: list[_Row]) -> None:
        row = rows[0]
        if len(rows) > 1:
            self.finding(
                "table_row_duplicate", "more than one table 4 data row; read the first", rows[1]
            )
        vals = _fit(row.values, len(REVIEW_KEYS))
        assert vals is not None
        self.emit(_T4_KEYS, vals, _T4_KINDS, row)


def read_tables(doc: Document) -> TableResult:
    """Read tables 2, 3 and 4 of ``doc`` into figures keyed by fact key.

    >>> from govdisclosure.text import read_text
    >>> res = read_tables(read_text("第二十条第（五）项\\n信息内容 本年处理决定数量\\n行政许可 97\\n"))
    >>> res.edition, [(f.key, f.value) for f in res.figures]
    ('2021', [('proactive.administrative_licensing.decisions', 97)])
    """
    return _Reader(doc).read()
