"""Shared fixtures: the real documents copied from the project's corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import CORPUS, is_report


@pytest.fixture(params=[p for p in CORPUS if is_report(p)], ids=lambda p: p.stem)
def report_path(request: pytest.FixtureRequest) -> Path:
    """Each corpus document that is an annual report."""
    path: Path = request.param
    return path
