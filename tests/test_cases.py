"""Golden normalisation cases from tests/cases/*.jsonl (format: tests/cases/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govdisclosure.normalization import normalize
from govdisclosure.normalization.fixers import FIXERS

CASES_DIR = Path(__file__).parent / "cases"
FIELDS = {"label", "comment", "input", "expected", "expect"}


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            marks = [pytest.mark.xfail(strict=True)] if case["expect"] == "fail" else []
            params.append(pytest.param(case, id=case["label"], marks=marks))
    return params


CASES = _load()


def test_cases_are_well_formed() -> None:
    labels = [p.values[0]["label"] for p in CASES]
    assert len(labels) == len(set(labels))
    for param in CASES:
        case = param.values[0]
        assert case.keys() >= FIELDS
        assert case["expect"] in ("pass", "fail")
        assert case.get("fixer", "to_simplified") in FIXERS


@pytest.mark.parametrize("case", CASES)
def test_case(case: dict[str, str]) -> None:
    fixer = case.get("fixer")
    out = FIXERS[fixer](case["input"]).text if fixer else normalize(case["input"]).text
    assert out == case["expected"]
