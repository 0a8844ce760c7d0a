"""The Dask recipe on Dask's local schedulers, and the partition functions it maps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure.batch import iter_inputs, parse_many
from govdisclosure.cluster import (
    bag_of_paths,
    facts_bag,
    facts_partition,
    parse_bag,
    parse_partition,
    partition_count,
)

FIXTURES = Path(__file__).parent / "fixtures"
SEED_001 = FIXTURES / "seeds" / "001_213733622d4d3974.txt"
PATHS = [t[2] for t in iter_inputs([str(FIXTURES)])]


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_dask_recipe_matches_parse_many(scheduler: str) -> None:
    pytest.importorskip("dask.bag")
    bag = bag_of_paths(PATHS, workers=2)
    records = [json.loads(line) for line in parse_bag(bag).compute(scheduler=scheduler)]
    expected = list(parse_many(PATHS, workers=1))
    assert [r["id"] for r in records] == [r.id for r in expected]
    assert [r["status"] for r in records] == [r.status for r in expected]


def test_dask_bag_is_cut_so_every_worker_is_busy() -> None:
    pytest.importorskip("dask.bag")
    bag = bag_of_paths(PATHS, workers=2)
    assert bag.npartitions == min(len(PATHS), 2 * 4)


def test_dask_facts_bag_gives_wide_rows_per_input() -> None:
    pytest.importorskip("dask.bag")
    rows = facts_bag(bag_of_paths(PATHS, workers=2), shape="wide").compute(scheduler="synchronous")
    assert [r["id"] for r in rows] == PATHS
    ok = next(r for r in rows if r["id"] == str(SEED_001))
    facts = govdisclosure.parse(SEED_001).facts()
    assert {k: ok[k] for k in facts} == facts


def test_parse_partition_records_failures_in_place() -> None:
    lines = parse_partition([b"\x00\x01\x02", str(SEED_001)])
    first, second = (json.loads(x) for x in lines)
    assert first["status"] == "error"
    assert second["status"] == "ok"


def test_facts_partition_long_gives_a_row_per_key() -> None:
    rows = facts_partition([SEED_001])
    assert [r["key"] for r in rows] == list(govdisclosure.parse(SEED_001).facts())


def test_partition_count_never_exceeds_items() -> None:
    assert partition_count(5, workers=4) == 5
    assert partition_count(100, workers=4) == 16
