"""Parse on a cluster: partition functions for Dask, Spark and Ray.

The unit of work is a *partition*: an iterable of sources (paths, text, or
``{"id", "text" | "html" | "path"}`` records) in, a list of plain records out,
one per source and in the same order. Plain means JSON text or ``dict`` of
``str``/``int``/``float``/``None``, so the results cross any process or
language boundary and every engine can write them:

* :func:`parse_partition`: one JSON Lines record per source, the same
  records ``govdisclosure batch`` writes (``{"id", "status", "report" | "error"}``);
* :func:`facts_partition`: tidy fact rows (:data:`~govdisclosure.export.LONG_COLUMNS`
  or the wide columns) as dicts, ready for a DataFrame.

A partition function never raises for a bad document; it records it.

Dask (``pip install 'govdisclosure[dask]'``)::

    bag = bag_of_paths(paths)                 # partitions sized to keep workers busy
    parse_bag(bag).to_textfiles("out/part-*.jsonl")

Spark: ``sc.parallelize(paths, n).mapPartitions(parse_partition)``. Ray:
``ray.data.from_items([{"path": p} for p in paths]).map_batches(...)`` calling
:func:`facts_partition` on each batch's paths. See ``docs/cluster.md``.

>>> lines = parse_partition(["tests/fixtures/seeds/003_63b3421129059ba8.txt"])
>>> json.loads(lines[0])["status"]
'not_annual_report'
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Sequence
from typing import Any

from .batch import _parse_task, _source_task
from .export import (
    LONG_COLUMNS,
    MissingExtraError,
    Renderer,
    Shape,
    failure_long_row,
    failure_wide_row,
    long_rows,
    wide_columns,
    wide_row,
)

__all__ = [
    "PARTITIONS_PER_WORKER",
    "bag_of_paths",
    "facts_bag",
    "facts_partition",
    "parse_bag",
    "parse_partition",
    "partition_count",
]

PARTITIONS_PER_WORKER = 4
"""Partitions per worker: enough that a slow partition does not leave the others idle."""

DASK_EXTRA = "dask"


def _dask_bag() -> Any:
    try:
        import dask.bag
    except ImportError as exc:
        raise MissingExtraError("dask", DASK_EXTRA) from exc
    return dask.bag


def parse_partition(
    sources: Iterable[Any], *, facts: bool = False, shape: Shape = "long"
) -> list[str]:
    """Parse one partition; return one JSON Lines record (with its newline) per source.

    ``facts=True`` gives fact records in ``shape`` instead of whole reports
    (a long-shape report then gives one line per key).
    """
    renderer = Renderer(format="jsonl", facts=facts, shape=shape)
    out: list[str] = []
    for i, source in enumerate(sources):
        task = _source_task(i, source)
        rid = task[0]
        report, status, error = _parse_task(task)
        payload: Any
        if report is not None:
            payload = renderer.render_report(rid, report)
        else:
            assert error is not None
            payload = renderer.render_failure(rid, status, error.type, error.message)
        out.extend(payload.splitlines(keepends=True))
    return out


def facts_partition(
    sources: Iterable[Any], *, shape: Shape = "long", skip_null: bool = False
) -> list[dict[str, Any]]:
    """Parse one partition; return its fact rows as dicts (long: per key, wide: per source).

    Values are text in the long shape (``value``, with ``number`` as a float)
    and keep their Python types in the wide shape. An input that gave no
    report is one row with ``status`` and ``error_type``/``error_message``.
    """
    columns = LONG_COLUMNS if shape == "long" else wide_columns()
    rows: list[tuple[Any, ...]] = []
    for i, source in enumerate(sources):
        task = _source_task(i, source)
        rid = task[0]
        report, status, error = _parse_task(task)
        if report is not None:
            if shape == "long":
                rows.extend(long_rows(rid, report, skip_null=skip_null))
            else:
                rows.append(wide_row(rid, report))
        else:
            assert error is not None
            fail = failure_long_row if shape == "long" else failure_wide_row
            rows.append(fail(rid, status, error.type, error.message))
    return [dict(zip(columns, row, strict=True)) for row in rows]


def partition_count(n_items: int, workers: int | None = None) -> int:
    """How many partitions ``n_items`` sources should be cut into for ``workers`` workers.

    :data:`PARTITIONS_PER_WORKER` per worker (default: this machine's cores),
    never more partitions than items, never fewer than one.

    >>> partition_count(1000, workers=8), partition_count(3, workers=8), partition_count(0, workers=8)
    (32, 3, 1)
    """
    workers = workers or os.cpu_count() or 1
    return max(1, min(n_items, workers * PARTITIONS_PER_WORKER))


def bag_of_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    npartitions: int | None = None,
) -> Any:
    """A ``dask.bag.Bag`` of ``paths`` (as strings) in :func:`partition_count` even partitions.

    ``workers`` is the number of Dask worker processes (or threads) to keep
    busy. Needs ``govdisclosure[dask]``.
    """
    db = _dask_bag()
    items = [os.fspath(p) for p in paths]
    n = npartitions or partition_count(len(items), workers)
    # from_sequence(items, npartitions=n) rounds the partition size up and can give far
    # fewer partitions than asked (9 items, 8 asked → 5); cutting the slices here gives n.
    slices = [items[i * len(items) // n : (i + 1) * len(items) // n] for i in range(n)]
    return db.from_sequence(slices, npartitions=n).flatten()


def parse_bag(bag: Any, *, facts: bool = False, shape: Shape = "long") -> Any:
    """Map :func:`parse_partition` over a bag of sources: a bag of JSON Lines records.

    Write it with ``.to_textfiles("out/part-*.jsonl")`` (one file per partition,
    records in input order within each).
    """
    return bag.map_partitions(functools.partial(parse_partition, facts=facts, shape=shape))


def facts_bag(bag: Any, *, shape: Shape = "long", skip_null: bool = False) -> Any:
    """Map :func:`facts_partition` over a bag of sources: a bag of fact-row dicts.

    ``.to_dataframe()`` turns it into a Dask DataFrame (needs ``dask[dataframe]``).
    """
    return bag.map_partitions(functools.partial(facts_partition, shape=shape, skip_null=skip_null))


def read_records(lines: Iterable[str]) -> list[dict[str, Any]]:
    """Decode JSON Lines records (for example a computed :func:`parse_bag`)."""
    return [json.loads(line) for line in lines if line.strip()]
