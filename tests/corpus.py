"""The real corpus documents copied into tests/fixtures, and their gold facts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted(p for p in (FIXTURES / "seeds").iterdir() if p.suffix in {".txt", ".html", ".md"})
REAL = sorted(
    p
    for p in (FIXTURES / "real").iterdir()
    if p.suffix in {".txt", ".html", ".md"} and p.name != "MANIFEST.md"
)
CORPUS = SEEDS + REAL


def gold(path: Path) -> dict[str, Any]:
    """The hand-checked expected facts of a corpus document (``_notes`` removed)."""
    data: dict[str, Any] = json.loads(path.with_name(path.stem + ".gold.json").read_text("utf-8"))
    data.pop("_notes", None)
    return data


def is_report(path: Path) -> bool:
    return gold(path).get("kind") == "annual_report"
