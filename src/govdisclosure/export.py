"""Tidy tables of facts: long and wide rows, JSON Lines, CSV, Parquet and DataFrames.

Two shapes of the same facts (:meth:`~govdisclosure.AnnualReport.facts`):

``long``
    One row per report and fact key: :data:`LONG_COLUMNS`. ``value`` is the
    exact text of the value (``12``, ``3.5``, ``2024-01-17``), ``number`` the
    same value as a float for numeric keys, and ``start``/``end``/``raw`` the
    source span it was read from (offsets into the normalised document text,
    see :class:`~govdisclosure.Provenance`). A key the report's edition can
    state but the report does not is a row with an empty value: blank is not 0.
``wide``
    One row per report: :data:`META_COLUMNS`, then one column per key of the
    whole vocabulary, in vocabulary order, so every row of a batch has the
    same columns whatever the edition (a key the edition cannot state is empty).

Every input gets a record, so a document that is not a report, or that could
not be read, is a row too: ``status`` is ``ok``, ``not_annual_report`` or
``error`` and ``error_type``/``error_message`` say why.

Optional dependencies are imported only when used: pyarrow for Parquet
(``pip install 'govdisclosure[parquet]'``), pandas for :func:`to_dataframe`
(``pip install 'govdisclosure[pandas]'``).

>>> import govdisclosure
>>> report = govdisclosure.parse("tests/fixtures/seeds/001_213733622d4d3974.txt")
>>> row = long_rows("001", report)[0]
>>> row[:3]
('001', 'ok', 'kind')
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import math
import os
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal, Protocol, TypeAlias

import attrs

from .errors import InputError
from .facts import FactValue, vocabulary
from .model import AnnualReport, Provenance

__all__ = [
    "FORMATS",
    "LONG_COLUMNS",
    "META_COLUMNS",
    "SHAPES",
    "STATUSES",
    "Format",
    "MissingExtraError",
    "Renderer",
    "Row",
    "Shape",
    "Sink",
    "Status",
    "existing_ids",
    "json_value",
    "long_rows",
    "open_sink",
    "to_dataframe",
    "wide_columns",
    "wide_row",
]

Format = Literal["jsonl", "csv", "parquet"]
Shape = Literal["long", "wide"]
Status = Literal["ok", "not_annual_report", "error"]
Row: TypeAlias = tuple[Any, ...]

FORMATS: tuple[Format, ...] = ("jsonl", "csv", "parquet")
SHAPES: tuple[Shape, ...] = ("long", "wide")
STATUSES: tuple[Status, ...] = ("ok", "not_annual_report", "error")

META_COLUMNS = ("id", "status", "error_type", "error_message")
"""The first columns of a wide row: which input, and what happened to it."""

LONG_COLUMNS = (
    "id",
    "status",
    "key",
    "value",
    "number",
    "start",
    "end",
    "raw",
    "error_type",
    "error_message",
)
"""The columns of a long row: one fact of one report, with its source span."""

_NUMERIC_TYPES = frozenset({"int", "signed int", "decimal"})
_FLOAT_EXACT_DIGITS = 15  # a Decimal with at most this many digits survives float() exactly as text

PARQUET_EXTRA = "parquet"
PANDAS_EXTRA = "pandas"
PARQUET_ROW_GROUP_ROWS = 64_000
"""Rows buffered before a Parquet row group is written (memory stays flat)."""


class MissingExtraError(InputError):
    """An optional dependency (pyarrow, pandas, dask) is needed but not installed."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"{module} is not installed; install it with: pip install 'govdisclosure[{extra}]'",
            context={"module": module, "extra": extra},
        )
        self.module = module
        self.extra = extra


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(module, extra) from exc


# --------------------------------------------------------------------------- values


def value_text(value: FactValue) -> str | None:
    """The exact text of a fact value (``None`` stays ``None``).

    >>> value_text(Decimal("3.50")), value_text(dt.date(2024, 1, 17)), value_text(0)
    ('3.50', '2024-01-17', '0')
    """
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def json_value(value: FactValue) -> Any:
    """A fact value as JSON sees it: ``Decimal`` → number, ``date`` → ``"YYYY-MM-DD"``.

    A Decimal too long to survive a float exactly is kept as a string rather
    than rounded in silence.

    >>> json_value(Decimal("12.35")), json_value(dt.date(2024, 1, 17)), json_value(None)
    (12.35, '2024-01-17', None)
    """
    if isinstance(value, Decimal):
        if len(value.as_tuple().digits) <= _FLOAT_EXACT_DIGITS:
            return float(value)
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _number(key_type: str, value: FactValue) -> float | None:
    if value is None or key_type not in _NUMERIC_TYPES:
        return None
    if isinstance(value, int | Decimal):
        try:
            return float(value)
        except OverflowError:  # past 1e308: no float holds it; the exact value is in `value`
            return None
    return None


def _spans(report: AnnualReport) -> dict[str, Provenance]:
    # provenance is sorted by (key, start): the first one per key is what provenance_of returns.
    out: dict[str, Provenance] = {}
    for p in report.provenance:
        out.setdefault(p.key, p)
    return out


@functools.cache
def _key_types() -> dict[str, str]:
    return {k.key: k.type for k in vocabulary()}


# --------------------------------------------------------------------------- rows


def long_rows(report_id: str, report: AnnualReport, *, skip_null: bool = False) -> list[Row]:
    """The long rows (:data:`LONG_COLUMNS`) of one report, in vocabulary order.

    ``skip_null`` leaves out keys whose value is ``None`` (not stated).
    """
    types = _key_types()
    spans = _spans(report)
    rows: list[Row] = []
    for key, value in report.facts().items():
        if value is None and skip_null:
            continue
        p = spans.get(key)
        rows.append(
            (
                report_id,
                "ok",
                key,
                value_text(value),
                _number(types.get(key, "str"), value),
                p.start if p else None,
                p.end if p else None,
                p.raw if p else None,
                None,
                None,
            )
        )
    return rows


def failure_long_row(report_id: str, status: Status, error_type: str, message: str) -> Row:
    """The single long row recording an input that gave no report."""
    return (report_id, status, None, None, None, None, None, None, error_type, message)


def wide_columns() -> tuple[str, ...]:
    """:data:`META_COLUMNS` then every fact key of the vocabulary, in order."""
    return META_COLUMNS + tuple(k.key for k in vocabulary())


def wide_row(report_id: str, report: AnnualReport) -> Row:
    """One wide row (:func:`wide_columns`): values keep their Python types (``None`` = empty)."""
    facts = report.facts()
    return (report_id, "ok", None, None, *(facts.get(k.key) for k in vocabulary()))


def failure_wide_row(report_id: str, status: Status, error_type: str, message: str) -> Row:
    """The wide row recording an input that gave no report."""
    return (report_id, status, error_type, message, *(None for _ in vocabulary()))


# --------------------------------------------------------------------------- rendering


@attrs.frozen(kw_only=True)
class Renderer:
    """How each outcome becomes output; runs in the worker process, so it is small and picklable.

    ``facts=False`` renders whole reports (JSON Lines only); with ``facts=True``
    the facts are rendered in ``shape`` for ``format``. The payload is text for
    ``jsonl`` and ``csv`` (ready to append) and a list of row tuples for ``parquet``.
    """

    format: Format = "jsonl"
    facts: bool = False
    shape: Shape = "long"
    skip_null: bool = False

    def render_report(self, report_id: str, report: AnnualReport) -> str | list[Row]:
        """The output of a parsed report."""
        if not self.facts:
            return f'{{"id":{_dumps(report_id)},"status":"ok","report":{report.to_json()}}}\n'
        if self.shape == "long":
            rows = long_rows(report_id, report, skip_null=self.skip_null)
        else:
            rows = [wide_row(report_id, report)]
        return self._encode(rows)

    def render_failure(
        self, report_id: str, status: Status, error_type: str, message: str
    ) -> str | list[Row]:
        """The output of an input that gave no report: one record with its error."""
        if self.format == "jsonl":
            record = {
                "id": report_id,
                "status": status,
                "error": {"type": error_type, "message": message},
            }
            return _dumps(record) + "\n"
        if self.shape == "long":
            row = failure_long_row(report_id, status, error_type, message)
        else:
            row = failure_wide_row(report_id, status, error_type, message)
        return self._encode([row])

    def columns(self) -> tuple[str, ...]:
        """The table columns of this renderer's shape."""
        return LONG_COLUMNS if self.shape == "long" else wide_columns()

    def _encode(self, rows: list[Row]) -> str | list[Row]:
        if self.format == "parquet":
            return rows
        if self.format == "csv":
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\n")
            writer.writerows(tuple(_csv_cell(v) for v in row) for row in rows)
            return buf.getvalue()
        columns = self.columns()
        if self.shape == "wide":
            out = []
            for row in rows:
                meta = dict(zip(META_COLUMNS, row[: len(META_COLUMNS)], strict=True))
                facts = {
                    k: json_value(v)
                    for k, v in zip(
                        columns[len(META_COLUMNS) :], row[len(META_COLUMNS) :], strict=True
                    )
                }
                out.append(_dumps({"id": meta["id"], "status": "ok", "facts": facts}) + "\n")
            return "".join(out)
        return "".join(map(_long_json_line, rows))


_LONG_ERROR_ONLY = frozenset({"error_type", "error_message"})
_LONG_JSON_HEADS = tuple(
    ("{" if i == 0 else ",") + json.dumps(c) + ":"
    for i, c in enumerate(c for c in LONG_COLUMNS if c not in _LONG_ERROR_ONLY)
)
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=json_value)
_dumps = _ENCODER.encode
_json_str = json.encoder.encode_basestring  # what _dumps does to a str, at C speed


def _json_scalar(value: Any) -> str:
    if value is None:
        return "null"
    kind = type(value)
    if kind is str:
        return _json_str(value)
    if kind is int or (kind is float and math.isfinite(value)):
        return repr(value)  # what json writes for them
    return _dumps(value)


def _long_json_line(row: Row) -> str:
    """One ok long row as a JSON Lines record, without the error columns.

    The same text as ``_dumps`` of the row's dict (tested), written field by
    field: a report has a hundred or more such rows.
    """
    return "".join(map(str.__add__, _LONG_JSON_HEADS, map(_json_scalar, row))) + "}\n"


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- sinks


class Sink(Protocol):
    """Where rendered payloads go, in order; :meth:`close` finishes the file."""

    def write(self, payload: str | list[Row]) -> None:
        """Append one rendered payload."""

    def close(self) -> None:
        """Flush and close."""


class _TextSink:
    def __init__(self, stream: IO[str], *, owned: bool) -> None:
        self._stream = stream
        self._owned = owned

    def write(self, payload: str | list[Row]) -> None:
        assert isinstance(payload, str)
        self._stream.write(payload)

    def close(self) -> None:
        self._stream.flush()
        if self._owned:
            self._stream.close()


class _ParquetSink:
    """Streams rows into row groups; on resume, copies the old file's row groups first."""

    def __init__(self, path: Path, renderer: Renderer, *, keep_existing: bool) -> None:
        pa = _require("pyarrow", PARQUET_EXTRA)
        pq = _require("pyarrow.parquet", PARQUET_EXTRA)
        self._pa = pa
        self._columns = renderer.columns()
        self._schema = _arrow_schema(pa, renderer.shape)
        self._path = path
        self._tmp = path.with_name(path.name + ".partial")
        self._writer = pq.ParquetWriter(str(self._tmp), self._schema)
        if keep_existing and path.exists():
            old = pq.ParquetFile(str(path))
            if old.schema_arrow.names != self._schema.names:
                self._writer.close()
                self._tmp.unlink()
                raise InputError(
                    "cannot resume: the existing Parquet file has other columns (another --shape?)",
                    context={"source": str(path)},
                )
            for i in range(old.num_row_groups):
                self._writer.write_table(old.read_row_group(i).cast(self._schema))
        self._rows: list[Row] = []

    def write(self, payload: str | list[Row]) -> None:
        assert isinstance(payload, list)
        self._rows.extend(payload)
        if len(self._rows) >= PARQUET_ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        columns = list(zip(*self._rows, strict=True))
        arrays = [
            _arrow_array(self._pa, field.type, values)
            for field, values in zip(self._schema, columns, strict=True)
        ]
        self._writer.write_table(self._pa.Table.from_arrays(arrays, schema=self._schema))
        self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
        os.replace(self._tmp, self._path)


def _arrow_type(pa: Any, key_type: str) -> Any:
    if key_type in ("int", "signed int"):
        return pa.int64()
    if key_type == "date":
        return pa.date32()
    # Decimals are kept as their exact text: a fixed-scale decimal column could not
    # hold every value the reports write without rounding.
    return pa.string()


def _arrow_schema(pa: Any, shape: Shape) -> Any:
    if shape == "long":
        types = {"number": pa.float64(), "start": pa.int64(), "end": pa.int64()}
        return pa.schema([(c, types.get(c, pa.string())) for c in LONG_COLUMNS])
    fields = [(c, pa.string()) for c in META_COLUMNS]
    fields += [(k.key, _arrow_type(pa, k.type)) for k in vocabulary()]
    return pa.schema(fields)


def _arrow_array(pa: Any, type_: Any, values: Sequence[Any]) -> Any:
    if type_ == pa.string():
        values = [value_text(v) for v in values]
    return pa.array(values, type=type_)


def open_sink(out: str | os.PathLike[str], renderer: Renderer, *, append: bool = False) -> Sink:
    """Open ``out`` (``"-"`` is stdout) for ``renderer``'s format.

    ``append`` continues an existing file (for ``--resume``); a new CSV file
    gets a header row. Parquet needs pyarrow (:class:`MissingExtraError` otherwise).
    """
    if renderer.format == "parquet":
        if str(out) == "-":
            raise InputError("Parquet cannot be written to stdout; give a file with -o")
        return _ParquetSink(Path(out), renderer, keep_existing=append)
    if str(out) == "-":
        import sys

        stream: IO[str] = sys.stdout
        owned = False
        fresh = True
    else:
        path = Path(out)
        fresh = not (append and path.exists() and path.stat().st_size > 0)
        if not fresh:
            _truncate_partial_line(path)
        stream = path.open("a" if not fresh else "w", encoding="utf-8", newline="")
        owned = True
    if renderer.format == "csv" and fresh:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow(renderer.columns())
        stream.write(buf.getvalue())
    return _TextSink(stream, owned=owned)


def _truncate_partial_line(path: Path) -> None:
    # A batch killed mid-write leaves half a line; cut it so the resumed run starts clean.
    with path.open("rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        if size == 0:
            return
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        block = 1 << 16
        pos = size
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                fh.truncate(start + nl + 1)
                return
            pos = start
        fh.truncate(0)


def existing_ids(out: str | os.PathLike[str], format: Format) -> set[str]:
    """The input ids already recorded in ``out`` (empty when it does not exist).

    Used by ``--resume``. A truncated last line (a run that was killed) is ignored.
    """
    path = Path(out)
    if not path.exists():
        return set()
    ids: set[str] = set()
    if format == "parquet":
        pq = _require("pyarrow.parquet", PARQUET_EXTRA)
        pf = pq.ParquetFile(str(path))
        for i in range(pf.num_row_groups):
            ids.update(pf.read_row_group(i, columns=["id"]).column("id").to_pylist())
        return ids
    with path.open(encoding="utf-8", newline="") as fh:
        if format == "csv":
            reader = csv.reader(fh)
            next(reader, None)
            for row in reader:
                if row:
                    ids.add(row[0])
            return ids
        for line in fh:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                ids.add(record["id"])
    return ids


# --------------------------------------------------------------------------- dataframes


def _items(reports: Iterable[Any]) -> Iterator[tuple[str, AnnualReport | None, Status, str, str]]:
    for item in reports:
        if isinstance(item, AnnualReport):
            yield item.source.name, item, "ok", "", ""
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], AnnualReport):
            yield str(item[0]), item[1], "ok", "", ""
        elif hasattr(item, "status") and hasattr(item, "report"):  # a batch.BatchResult
            error = item.error
            yield (
                item.id,
                item.report,
                item.status,
                error.type if error else "",
                error.message if error else "",
            )
        else:
            raise InputError(
                f"cannot tabulate a {type(item).__name__}; pass AnnualReports, "
                "(id, report) pairs or BatchResults"
            )


# pandas and pyarrow ship no type information, and are optional: their objects are typed Any.
def to_dataframe(reports: Iterable[Any], shape: Shape = "long") -> Any:
    """A pandas DataFrame of the facts of ``reports`` in ``shape`` (``long`` or ``wide``).

    ``reports`` may hold :class:`~govdisclosure.AnnualReport` objects (their id is
    ``report.source.name``), ``(id, report)`` pairs, or the results of
    :func:`govdisclosure.batch.parse_many` (failures become rows with their error).
    Integer columns use pandas' nullable ``Int64``, so a blank stays missing and
    is never 0. Needs pandas (``pip install 'govdisclosure[pandas]'``).
    """
    pd = _require("pandas", PANDAS_EXTRA)
    if shape not in SHAPES:
        raise InputError(f"shape must be one of {', '.join(SHAPES)}, not {shape!r}")
    rows: list[Row] = []
    for rid, report, status, etype, message in _items(reports):
        if shape == "long":
            if report is not None:
                rows.extend(long_rows(rid, report))
            else:
                rows.append(failure_long_row(rid, status, etype, message))
        elif report is not None:
            rows.append(wide_row(rid, report))
        else:
            rows.append(failure_wide_row(rid, status, etype, message))
    columns = LONG_COLUMNS if shape == "long" else wide_columns()
    frame = pd.DataFrame.from_records(rows, columns=list(columns))
    if shape == "long":
        return frame.astype({"number": "Float64", "start": "Int64", "end": "Int64"})
    int_keys = {k.key: "Int64" for k in vocabulary() if k.type in ("int", "signed int")}
    return frame.astype(int_keys)
