"""Template tables of the 2019 and 2021 editions. PLACEHOLDER (issue 4 replaces it)."""

from __future__ import annotations

from typing import Literal

import attrs

from ..document import Document
from ..facts import Figure
from ..model import Finding

__all__ = ["TableResult", "read_tables"]


@attrs.frozen(kw_only=True)
class TableResult:
    """Figures read from the standard tables, the edition they follow, findings."""

    edition: Literal["2019", "2021"] | None = None
    figures: tuple[Figure, ...] = ()
    findings: tuple[Finding, ...] = ()


def read_tables(doc: Document) -> TableResult:
    """Read tables 2, 3 and 4 of ``doc``."""
    return TableResult()
