"""Plain text → :class:`~govdisclosure.document.Document`.

PLACEHOLDER (being extended by the table work of issue 4): splits lines into
headings and paragraphs; flattened tables are not recognised yet.
"""

from __future__ import annotations

import re

from .document import Document, DocumentBuilder
from .normalize import NormalizeConfig, normalize_piece, resolve_config

__all__ = ["read_text"]

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_LINE = re.compile(r"[^\n]*")


def read_text(text: str, *, source: str = "<string>", config: NormalizeConfig | None = None) -> Document:
    """Read plain text (copied pages, PDF text layers, markdown) into a Document."""
    cfg = resolve_config(config, text)
    builder = DocumentBuilder(source_kind="text", source=source)
    for m in _LINE.finditer(text):
        if not m.group(0).strip():
            continue
        piece = normalize_piece(m.group(0), cfg, raw_start=m.start())
        kind = "heading" if _HEADING.match(piece.text) and len(piece.text) < 60 else "paragraph"
        builder.add_text(piece, kind=kind)
    return builder.build()
