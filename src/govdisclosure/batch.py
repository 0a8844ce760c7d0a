"""Parse many reports: ``govdisclosure batch`` and :func:`parse_many`.

Inputs are files, folders (walked recursively, in name order), glob patterns,
and ``.jsonl`` files of records ``{"id": ..., "text" | "html" | "path": ...}``
(a relative ``path`` is taken from the ``.jsonl`` file's folder). Each input
gives exactly one result, in input order, whatever happens to it:

``ok``
    a parsed :class:`~govdisclosure.AnnualReport`;
``not_annual_report``
    a readable document that is not a report
    (:class:`~govdisclosure.NotAnnualReportError`);
``error``
    anything else: unreadable bytes, a missing file, a parser crash, a worker
    process that died. The batch goes on.

Work is sent to worker processes in chunks and a bounded window of chunks is
in flight at any time, so memory stays flat however many inputs there are:
inputs are enumerated lazily and results are written as they arrive, never
collected.

>>> results = parse_many(
...     ["tests/fixtures/seeds/001_213733622d4d3974.txt", "tests/fixtures/seeds/003_63b3421129059ba8.txt"],
...     workers=1,
... )
>>> [(r.id.rsplit("/", 1)[1], r.status) for r in results]
[('001_213733622d4d3974.txt', 'ok'), ('003_63b3421129059ba8.txt', 'not_annual_report')]
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import functools
import glob
import itertools
import json
import os
import re
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeAlias, TypeVar

import attrs

from .errors import GovDisclosureError, InputError, NotAnnualReportError, TimeLimitError
from .export import (
    FORMATS,
    SHAPES,
    Format,
    MissingExtraError,
    Renderer,
    Row,
    Status,
    existing_ids,
    open_sink,
)
from .model import AnnualReport
from .pipeline import parse, parse_html, parse_text

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = [
    "DEFAULT_CHUNKSIZE",
    "DEFAULT_TIMEOUT",
    "INPUT_SUFFIXES",
    "RECORD_FIELDS",
    "BatchResult",
    "ErrorInfo",
    "configure_parser",
    "iter_inputs",
    "parse_many",
    "run",
]

INPUT_SUFFIXES = frozenset({".txt", ".text", ".md", ".htm", ".html", ".shtml", ".xhtml"})
"""File name endings read from a folder (other files there are left alone)."""

RECORDS_SUFFIX = ".jsonl"
"""Files of records, one JSON object per line, read from the command line or a folder."""

RECORD_FIELDS = ("text", "html", "path")
"""The field a record carries its document in (exactly one of them)."""

DEFAULT_CHUNKSIZE = 16
"""Inputs per chunk sent to a worker: big enough to hide the hand-off, small enough to balance."""

WINDOW_PER_WORKER = 4
"""Chunks in flight per worker: keeps every worker busy while bounding memory."""

DEFAULT_TIMEOUT = 120.0
"""Seconds one input may take (``--timeout``) before it is recorded as a :class:`TimeLimitError`.

Typical reports take milliseconds; the limit is there so that one pathological
input cannot stall a batch of a million.
"""

WATCHDOG_GRACE = 30.0
"""Seconds past the time limit after which a worker stuck outside Python is killed."""

PROGRESS_INTERVAL = 0.2
"""Seconds between progress-bar redraws."""

_WALKED_SUFFIXES = INPUT_SUFFIXES | {RECORDS_SUFFIX}
_GLOB_MAGIC = re.compile(r"[*?\[]")
_NOT_A_PATH = re.compile(r"[\n<]")

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

Task: TypeAlias = tuple[str, str, Any]
"""``(id, kind, payload)``; kind is ``path``, ``text``, ``html``, ``source`` or ``bad``."""

T = TypeVar("T")
R = TypeVar("R")


@attrs.frozen(kw_only=True)
class ErrorInfo:
    """Why an input gave no report: the exception's class name and its message."""

    type: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """The ``error`` object of a JSON Lines record."""
        return {"type": self.type, "message": self.message}


@attrs.frozen(kw_only=True)
class BatchResult:
    """The result for one input of :func:`parse_many`.

    ``status`` is ``"ok"`` (``report`` is set), ``"not_annual_report"`` or
    ``"error"`` (``error`` says why).
    """

    id: str
    report: AnnualReport | None
    error: ErrorInfo | None
    status: Status

    @property
    def ok(self) -> bool:
        """True when the input was parsed into a report."""
        return self.status == "ok"


# --------------------------------------------------------------------------- inputs


def _walk(folder: Path, exclude: frozenset[Path]) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir():
            yield from _walk(path, exclude)
        elif (
            entry.is_file()
            and path.suffix.lower() in _WALKED_SUFFIXES
            and path.resolve() not in exclude
        ):
            yield path


def _expand(arg: str, exclude: frozenset[Path]) -> Iterator[Path]:
    path = Path(arg)
    if path.is_dir():
        yield from _walk(path, exclude)
    elif path.exists() or not _GLOB_MAGIC.search(arg):
        yield path
    else:
        for match in sorted(glob.iglob(arg, recursive=True)):
            p = Path(match)
            if p.is_dir():
                yield from _walk(p, exclude)
            elif p.resolve() not in exclude:
                yield p


def _records(path: Path) -> Iterator[Task]:
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        yield (str(path), "bad", ("InputError", f"cannot read records file: {exc.strerror}"))
        return
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            yield _record_task(line, f"{path}:{lineno}", path.parent)


def _record_task(line: str, where: str, base: Path) -> Task:
    try:
        record = json.loads(line)
    except ValueError as exc:
        return (where, "bad", ("InputError", f"not a JSON record: {exc}"))
    if not isinstance(record, dict):
        return (where, "bad", ("InputError", "a record must be a JSON object"))
    rid = record.get("id")
    rid = str(rid) if rid is not None else where
    fields = [f for f in RECORD_FIELDS if isinstance(record.get(f), str)]
    if len(fields) != 1:
        return (
            rid,
            "bad",
            ("InputError", f"a record needs exactly one of {', '.join(RECORD_FIELDS)} as a string"),
        )
    field = fields[0]
    payload: Any = record[field]
    if field == "path":
        payload = str(base / payload)
    return (rid, field, payload)


def iter_inputs(inputs: Iterable[str], *, exclude: Iterable[str] = ()) -> Iterator[Task]:
    """The tasks ``inputs`` name, lazily and in order: ``(id, kind, payload)`` tuples.

    A file's id is its path as found; a record's id is its ``id`` field (or
    ``file:line`` when it has none). ``exclude`` names files never to read
    (the batch's own output).
    """
    skip = frozenset(Path(p).resolve() for p in exclude)
    for arg in inputs:
        for path in _expand(arg, skip):
            if path.suffix.lower() == RECORDS_SUFFIX:
                yield from _records(path)
            else:
                yield (str(path), "path", str(path))


def count_inputs(inputs: Iterable[str], *, exclude: Iterable[str] = ()) -> int:
    """How many tasks :func:`iter_inputs` will give (records files are counted by line)."""
    skip = frozenset(Path(p).resolve() for p in exclude)
    n = 0
    for arg in inputs:
        for path in _expand(arg, skip):
            if path.suffix.lower() == RECORDS_SUFFIX:
                try:
                    with path.open("rb") as fh:
                        n += sum(1 for line in fh if line.strip())
                except OSError:
                    n += 1
            else:
                n += 1
    return n


def _missing_inputs(inputs: Sequence[str]) -> list[str]:
    missing = []
    for arg in inputs:
        if Path(arg).exists():
            continue
        if _GLOB_MAGIC.search(arg) and next(glob.iglob(arg, recursive=True), None) is not None:
            continue
        missing.append(arg)
    return missing


# --------------------------------------------------------------------------- work


_IN_WORKER = False
"""True in a batch worker process, where a stuck input may be killed with its process."""


def _mark_worker() -> None:
    global _IN_WORKER
    _IN_WORKER = True


def _arm_watchdog(seconds: float) -> None:
    """End this process after ``seconds``, printing where it was stuck to the real stderr."""
    for stream in (sys.__stderr__, _devnull()):
        try:
            faulthandler.dump_traceback_later(seconds, exit=True, file=stream)  # type: ignore[arg-type]
            return
        except (AttributeError, OSError, ValueError):  # no usable file descriptor
            continue


@functools.cache
def _devnull() -> IO[str]:
    return open(os.devnull, "w")  # kept open for the worker's lifetime


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitError` in the block after ``seconds`` (``None``: no limit).

    The limit is an interval timer (``SIGALRM``), so it applies on POSIX, in a
    process's main thread, which is where batch workers parse; elsewhere (a
    Dask thread, Windows) the block runs without a limit. A timer interrupts
    Python code and regular-expression matching; in a worker process a
    watchdog also ends the process if the input is still stuck
    :data:`WATCHDOG_GRACE` seconds later (inside C code that never returns),
    and the batch records that input as a crash.
    """
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeLimitError(
            f"parsing took longer than {seconds:g} s; raise --timeout if it should finish",
            seconds=seconds,
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    if _IN_WORKER:
        _arm_watchdog(seconds + WATCHDOG_GRACE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if _IN_WORKER:
            faulthandler.cancel_dump_traceback_later()


def _parse_task(
    task: Task, timeout: float | None = None
) -> tuple[AnnualReport | None, Status, ErrorInfo | None]:
    rid, kind, payload = task
    try:
        if kind == "bad":
            etype, message = payload
            return None, "error", ErrorInfo(type=etype, message=message)
        with _time_limit(timeout):
            if kind == "path":
                report = parse(Path(payload))
            elif kind == "text":
                report = parse_text(payload, name=rid)
            elif kind == "html":
                report = parse_html(payload, name=rid)
            else:
                report = parse(payload)
    except NotAnnualReportError as exc:
        return None, "not_annual_report", ErrorInfo(type=type(exc).__name__, message=exc.message)
    except GovDisclosureError as exc:
        return None, "error", ErrorInfo(type=type(exc).__name__, message=exc.message)
    except Exception as exc:  # a parser bug must not stop a million-file batch
        return None, "error", ErrorInfo(type=type(exc).__name__, message=str(exc) or repr(exc))
    return report, "ok", None


def _results_chunk(chunk: list[Task], timeout: float | None = None) -> list[BatchResult]:
    out = []
    for task in chunk:
        report, status, error = _parse_task(task, timeout)
        out.append(BatchResult(id=task[0], report=report, error=error, status=status))
    return out


Outcome: TypeAlias = tuple[str, Status, str | None, tuple[str, ...], "str | list[Row]"]
"""What a worker sends back per input: id, status, error type, finding codes, rendered output."""


def _render_one(task: Task, renderer: Renderer, timeout: float | None) -> Outcome:
    rid = task[0]
    report, status, error = _parse_task(task, timeout)
    if report is not None:
        try:
            payload = renderer.render_report(rid, report)
        except Exception as exc:  # a serialiser bug is this input's error, not the batch's
            status, error = "error", ErrorInfo(type=type(exc).__name__, message=str(exc))
        else:
            return (rid, "ok", None, tuple(f.code for f in report.findings), payload)
    assert error is not None
    return (
        rid,
        status,
        error.type,
        (),
        renderer.render_failure(rid, status, error.type, error.message),
    )


def _render_chunk(
    chunk: list[Task], renderer: Renderer, timeout: float | None = None
) -> list[Outcome]:
    return [_render_one(task, renderer, timeout) for task in chunk]


def _crash_result(task: Task) -> BatchResult:
    return BatchResult(id=task[0], report=None, error=_CRASH, status="error")


def _crash_outcome(renderer: Renderer, task: Task) -> Outcome:
    payload = renderer.render_failure(task[0], "error", _CRASH.type, _CRASH.message)
    return (task[0], "error", _CRASH.type, (), payload)


_CRASH = ErrorInfo(
    type="WorkerCrash",
    message="the worker process parsing this input died (out of memory, or stuck past --timeout)",
)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _new_pool(workers: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, initializer=_mark_worker)


def map_ordered(
    fn: Callable[[list[T]], list[R]],
    chunks: Iterable[list[T]],
    *,
    workers: int,
    on_crash: Callable[[T], R],
    window: int | None = None,
) -> Iterator[list[R]]:
    """Apply ``fn`` to each chunk in ``workers`` processes; yield the results in order.

    At most ``window`` chunks (default ``workers ×`` :data:`WINDOW_PER_WORKER`)
    are in flight, so neither inputs nor results pile up. When a worker
    process dies, the chunk it held is re-run one input at a time in a fresh
    pool, the input that kills it again gets ``on_crash(input)``, and the batch
    goes on. ``workers <= 1`` runs in this process.
    """
    if workers <= 1:
        for chunk in chunks:
            yield fn(chunk)
        return
    from concurrent.futures.process import BrokenProcessPool

    window = window or workers * WINDOW_PER_WORKER
    pool = _new_pool(workers)
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    source = iter(chunks)
    try:
        while True:
            for chunk in itertools.islice(source, window - len(pending)):
                pending.append((chunk, pool.submit(fn, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:
                rest = [c for c, _ in pending]
                pending.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                pool = _new_pool(workers)
                result = []
                for item in chunk:
                    try:
                        result.extend(pool.submit(fn, [item]).result())
                    except BrokenProcessPool:
                        pool.shutdown(wait=True, cancel_futures=True)
                        pool = _new_pool(workers)
                        result.append(on_crash(item))
                pending.extend((c, pool.submit(fn, c)) for c in rest)
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _source_task(index: int, source: Any) -> Task:
    if isinstance(source, Mapping):
        return _record_task(json.dumps(dict(source)), f"#{index}", Path.cwd())
    if isinstance(source, os.PathLike):
        return (os.fspath(source), "path", os.fspath(source))
    if isinstance(source, str) and len(source) <= 1024 and not _NOT_A_PATH.search(source):
        return (source, "source", source)
    return (f"#{index}", "source", source)


def _default_workers() -> int:
    return os.cpu_count() or 1


def parse_many(
    sources: Iterable[Any],
    *,
    workers: int | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Iterator[BatchResult]:
    """Parse ``sources`` in ``workers`` processes (default: all cores); yield results in order.

    Each source is what :func:`govdisclosure.parse` accepts (a path, text,
    HTML, bytes) or a record mapping ``{"id", "text" | "html" | "path"}``.
    A result's ``id`` is the record's id, the path, or ``#index`` for inline
    text. One :class:`BatchResult` per source, never an exception for a bad
    document; ``workers=1`` parses in this process. Sources are consumed
    lazily, a bounded number of chunks ahead.

    An input that takes longer than ``timeout`` seconds is recorded with a
    :class:`~govdisclosure.TimeLimitError` (``None`` or ``0``: no limit). The
    limit uses ``SIGALRM``, so it applies on POSIX in the main thread; with
    ``workers=1`` the caller's own ``SIGALRM`` handler is set aside during each
    parse and restored after it.
    """
    if chunksize < 1:
        raise InputError(f"chunksize must be at least 1, not {chunksize}")
    if timeout is not None and timeout < 0:
        raise InputError(f"timeout must be positive (or None for no limit), not {timeout}")
    tasks = (_source_task(i, s) for i, s in enumerate(sources))
    n = _default_workers() if workers is None else workers
    work = functools.partial(_results_chunk, timeout=timeout)
    for chunk in map_ordered(work, _chunks(tasks, chunksize), workers=n, on_crash=_crash_result):
        yield from chunk


# --------------------------------------------------------------------------- reporting


class Progress:
    """A one-line progress bar on a terminal: done/total, percent, rate and ETA.

    Draws nothing when ``enabled`` is false; redraws at most every
    :data:`PROGRESS_INTERVAL` seconds.
    """

    def __init__(self, total: int | None, *, stream: IO[str], enabled: bool) -> None:
        self.total = total
        self.done = 0
        self._stream = stream
        self._enabled = enabled
        self._start = time.monotonic()
        self._last = 0.0

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more inputs done."""
        self.done += n
        if self._enabled:
            now = time.monotonic()
            if now - self._last >= PROGRESS_INTERVAL:
                self._last = now
                self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The text of the bar."""
        elapsed = max((now or time.monotonic()) - self._start, 1e-9)
        rate = self.done / elapsed
        if self.total:
            left = max(self.total - self.done, 0)
            eta = _clock(left / rate) if rate > 0 else "?"
            width = 24
            filled = int(width * min(self.done / self.total, 1.0))
            bar = "#" * filled + "-" * (width - filled)
            return (
                f"[{bar}] {self.done}/{self.total} {100 * self.done / self.total:3.0f}% "
                f"{rate:,.1f}/s ETA {eta}"
            )
        return f"{self.done} {rate:,.1f}/s"

    def _draw(self, now: float) -> None:
        self._stream.write("\r" + self.line(now) + "\x1b[K")
        self._stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self._enabled:
            self._draw(time.monotonic())
            self._stream.write("\n")
            self._stream.flush()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


@attrs.define
class Summary:
    """Counts of a batch, for the closing report on stderr."""

    statuses: Counter[str] = attrs.Factory(Counter)
    findings: Counter[str] = attrs.Factory(Counter)
    errors: Counter[str] = attrs.Factory(Counter)
    skipped: int = 0
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        """Count one input's outcome."""
        _, status, error_type, codes, _ = outcome
        self.statuses[status] += 1
        self.findings.update(codes)
        if status == "error" and error_type:
            self.errors[error_type] += 1

    def text(self) -> str:
        """The summary lines."""
        total = sum(self.statuses.values())
        rate = total / self.seconds if self.seconds > 0 else 0.0
        lines = [
            f"batch: {total} input(s) in {self.seconds:.1f} s ({rate:,.1f}/s): "
            f"{self.statuses['ok']} parsed, {self.statuses['not_annual_report']} not reports, "
            f"{self.statuses['error']} failed"
            + (f", {self.skipped} skipped (already in output)" if self.skipped else "")
        ]
        if self.errors:
            lines.append("failures: " + _counts(self.errors))
        lines.append("findings: " + (_counts(self.findings) if self.findings else "none"))
        return "\n".join(lines)


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{k} {n}" for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


# --------------------------------------------------------------------------- command line

_SUFFIX_FORMATS: dict[str, Format] = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``govdisclosure batch`` to ``parser``."""
    parser.description = (
        "Parse many reports into JSON Lines (one record per input, in input order), "
        "or their facts into JSON Lines, CSV or Parquet."
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files, folders (recursive), glob patterns, or .jsonl files of "
        '{"id", "text"|"html"|"path"} records',
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="output file ('-' for stdout)"
    )
    parser.add_argument("--facts", action="store_true", help="write facts instead of whole reports")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: from OUT's suffix, else jsonl); csv and parquet imply --facts",
    )
    parser.add_argument(
        "--shape",
        choices=SHAPES,
        default="long",
        help="facts as one row per key (long, with source spans) or per report (wide)",
    )
    parser.add_argument(
        "--skip-null",
        action="store_true",
        help="long shape: leave out keys the report does not state",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: all cores; 1 parses in this process)",
    )
    parser.add_argument(
        "--chunksize",
        type=int,
        default=DEFAULT_CHUNKSIZE,
        metavar="N",
        help=f"inputs sent to a worker at a time (default {DEFAULT_CHUNKSIZE})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"record an input that takes longer as a TimeLimitError (default {DEFAULT_TIMEOUT:g}; "
        "0: no limit)",
    )
    parser.add_argument(
        "--resume", action="store_true", help="skip inputs already recorded in OUT and append"
    )
    parser.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr (auto: when stderr is a terminal)",
    )


def _usage(message: str) -> int:
    print(f"govdisclosure batch: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Run ``govdisclosure batch``; 0 when the batch ran (even with failed inputs), 2 on usage errors."""
    out = str(args.output)
    fmt: Format = args.format or _SUFFIX_FORMATS.get(Path(out).suffix.lower(), "jsonl")
    jobs = _default_workers() if args.jobs is None else args.jobs
    if jobs < 1:
        return _usage(f"-j must be at least 1, not {jobs}")
    if args.chunksize < 1:
        return _usage(f"--chunksize must be at least 1, not {args.chunksize}")
    if args.timeout < 0:
        return _usage(f"--timeout must be 0 (no limit) or more, not {args.timeout:g}")
    if args.resume and out == "-":
        return _usage("--resume needs an output file, not stdout")
    missing = _missing_inputs(args.inputs)
    if missing:
        return _usage("no such file, folder or match: " + ", ".join(missing))
    renderer = Renderer(
        format=fmt, facts=args.facts or fmt != "jsonl", shape=args.shape, skip_null=args.skip_null
    )
    exclude = () if out == "-" else (out,)
    try:
        done = existing_ids(out, fmt) if args.resume else set()
        sink = open_sink(out, renderer, append=args.resume)
    except MissingExtraError as exc:
        return _usage(exc.message)
    except (GovDisclosureError, OSError) as exc:
        return _usage(str(exc))

    stderr = sys.stderr
    show = args.progress == "always" or (args.progress == "auto" and stderr.isatty())
    progress = Progress(
        count_inputs(args.inputs, exclude=exclude) if show else None, stream=stderr, enabled=show
    )
    summary = Summary()
    start = time.monotonic()

    def todo() -> Iterator[Task]:
        for task in iter_inputs(args.inputs, exclude=exclude):
            if task[0] in done:
                summary.skipped += 1
                progress.advance()
                continue
            yield task

    work = functools.partial(_render_chunk, renderer=renderer, timeout=args.timeout or None)
    crash = functools.partial(_crash_outcome, renderer)
    code = EXIT_OK
    try:
        with _stop_on_sigterm():
            for outcomes in map_ordered(
                work, _chunks(todo(), args.chunksize), workers=jobs, on_crash=crash
            ):
                for outcome in outcomes:
                    sink.write(outcome[4])
                    summary.add(outcome)
                progress.advance(len(outcomes))
    except _Terminated:
        code = EXIT_TERMINATED
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    finally:
        sink.close()
        progress.close()
    summary.seconds = time.monotonic() - start
    print(summary.text(), file=stderr)
    if code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
        print("interrupted; run again with --resume to continue", file=stderr)
    return code


class _Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an exception so the batch stops like on Ctrl-C."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Within the block, SIGTERM stops the batch cleanly: output closed, workers shut down."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``batch`` alone (``python -m govdisclosure.batch``), for when no CLI wraps it."""
    parser = argparse.ArgumentParser(prog="govdisclosure batch")
    configure_parser(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
