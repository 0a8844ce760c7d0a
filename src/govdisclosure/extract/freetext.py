"""Figures stated in sentences. PLACEHOLDER (issue 7 replaces it)."""

from __future__ import annotations

import attrs

from ..document import Document
from ..facts import Figure
from ..model import CategoryCount, Edition, Finding, Section, YearCount

__all__ = ["NarrativeResult", "read_narrative"]


@attrs.frozen(kw_only=True)
class NarrativeResult:
    """Figures from the text; ``claims`` are figures only used to cross-check tables."""

    figures: tuple[Figure, ...] = ()
    claims: tuple[Figure, ...] = ()
    categories: tuple[CategoryCount, ...] = ()
    history: tuple[YearCount, ...] = ()
    findings: tuple[Finding, ...] = ()


def read_narrative(
    doc: Document, sections: tuple[Section, ...], *, edition: Edition, year: int | None
) -> NarrativeResult:
    """Read the figures the text states."""
    return NarrativeResult()
