"""Sections by canonical id. PLACEHOLDER (issue 7 replaces it)."""

from __future__ import annotations

from .document import Document
from .model import Section

__all__ = ["segment"]


def segment(doc: Document) -> tuple[Section, ...]:
    """Split ``doc`` into sections keyed by canonical id."""
    return ()
