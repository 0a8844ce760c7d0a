"""Consistency checks → findings. PLACEHOLDER (issue 4 replaces it)."""

from __future__ import annotations

from collections.abc import Sequence

from .facts import Figure
from .model import AnnualReport, Finding

__all__ = ["validate"]


def validate(report: AnnualReport, *, claims: Sequence[Figure] = ()) -> tuple[Finding, ...]:
    """Check ``report`` (and the narrative ``claims``) against the 勾稽 rules."""
    return ()
