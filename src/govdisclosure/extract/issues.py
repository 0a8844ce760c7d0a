"""Problems and improvements as Issue items. PLACEHOLDER (issue 7 replaces it)."""

from __future__ import annotations

from ..document import Document
from ..model import Issue, Section

__all__ = ["read_issues"]


def read_issues(doc: Document, sections: tuple[Section, ...]) -> tuple[Issue, ...]:
    """Split the problems/improvements section into items."""
    return ()
