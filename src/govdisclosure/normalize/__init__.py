"""Text repair: named fixers, a frozen config, explained steps, offsets back to the source.

PLACEHOLDER (being replaced by the normalisation work of issue 3): for now the
pipeline passes text through unchanged so the other stages can be built.
"""

from __future__ import annotations

import attrs

from ..document import Piece
from ..offsets import OffsetMap

__all__ = ["NormalizeConfig", "NormalizedText", "normalize", "normalize_piece", "resolve_config"]


@attrs.frozen(kw_only=True)
class NormalizeConfig:
    """Which fixers run. ``to_simplified=None`` means: decide from the text."""

    to_simplified: bool | None = None


@attrs.frozen(kw_only=True, eq=False)
class NormalizedText:
    """The result of :func:`normalize`: text, the fixers applied, the map back."""

    text: str
    steps: tuple[str, ...]
    map: OffsetMap


def resolve_config(config: NormalizeConfig | None, sample: str) -> NormalizeConfig:
    """Decide the document-level switches (traditional script?) once, from ``sample``."""
    return config or NormalizeConfig(to_simplified=False)


def normalize_piece(
    raw: str,
    config: NormalizeConfig,
    *,
    raw_start: int | None = None,
    path: str | None = None,
) -> Piece:
    """Normalise one piece of source text (a line, a cell, an element's text)."""
    return Piece.verbatim(raw, raw_start=raw_start, path=path)


def normalize(text: str, config: NormalizeConfig | None = None) -> NormalizedText:
    """Normalise ``text`` and explain what changed."""
    return NormalizedText(text=text, steps=(), map=OffsetMap.identity(len(text)))
