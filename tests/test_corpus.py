"""End to end: every corpus document gives exactly its hand-checked gold facts.

A gold key with a value must come out exactly so; a gold key with ``null``
must come out ``None``; keys the gold file does not list are not judged.
Organs are compared as facts.md says: without 人民政府/办事处 and without the
region prefix.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govdisclosure
from corpus import CORPUS, gold

_ORGAN_NOISE = re.compile(r"人民政府|办事处")


def _organ(name: str | None, region: dict[str, Any]) -> str | None:
    if name is None:
        return None
    out = _ORGAN_NOISE.sub("", name)
    prefixes = [region.get(k) for k in ("region.province", "region.city", "region.county")]
    changed = True
    while changed:
        changed = False
        for p in prefixes:
            if p and out.startswith(p) and len(out) > len(p):
                out = out[len(p) :]
                changed = True
    return out


def _same(expected: Any, actual: Any) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(actual, Decimal):
        return actual == Decimal(str(expected))
    if isinstance(actual, dt.date):
        return actual.isoformat() == expected
    return bool(actual == expected) and type(actual) is not bool


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_document_gives_its_gold_facts(path: Path) -> None:
    expected = gold(path)
    if expected["kind"] != "annual_report":
        with pytest.raises(govdisclosure.NotAnnualReportError):
            govdisclosure.parse(path)
        return
    facts = govdisclosure.parse(path).facts()
    wrong = {}
    for key, value in expected.items():
        if key not in facts:
            wrong[key] = (value, "<missing>")
            continue
        actual = facts[key]
        if key == "organ":
            region = {k: v for k, v in expected.items() if k.startswith("region.")}
            if _organ(value, region) != _organ(actual, region):  # type: ignore[arg-type]
                wrong[key] = (value, actual)
        elif not _same(value, actual):
            wrong[key] = (value, actual)
    assert not wrong, f"{len(wrong)} of {len(expected)} gold facts differ: {wrong}"
