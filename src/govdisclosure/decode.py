"""Bytes → str. PLACEHOLDER (issue 3 replaces it): UTF-8 (BOM aware), else GB18030."""

from __future__ import annotations

from .errors import DecodeError

__all__ = ["decode"]


def decode(data: bytes, *, source: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``."""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise DecodeError("not UTF-8 or GB18030", tried=("utf-8", "gb18030"), context={"source": source})
