"""HTML → Document. PLACEHOLDER (issue 3 replaces it): text content, one block per line."""

from __future__ import annotations

import lxml.html

from .document import Document
from .normalize import NormalizeConfig
from .text import read_text

__all__ = ["read_html"]


def read_html(html: str, *, source: str = "<string>", config: NormalizeConfig | None = None) -> Document:
    """Read a saved government web page into a Document."""
    root = lxml.html.fromstring(html)
    text = "\n".join(t.strip() for t in root.itertext() if t.strip())
    return read_text(text, source=source, config=config)
