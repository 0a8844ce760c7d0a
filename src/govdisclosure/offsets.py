"""Offset maps: the way back from repaired text to the text it was made from.

Every repair (a fixer replacing ``報(bào)告`` by ``报告``, a dropped boilerplate
line) turns a *source* string into a *derived* one. An :class:`OffsetMap`
records that as a short list of segments, so that any span of the derived
text can be mapped back to the span of the source it came from, and maps
compose across a chain of repairs. A segment is either *kept* (same length on
both sides, mapped character by character) or *replaced* (any position inside
maps to the whole source range it replaced).

>>> text, omap = rewrite("ab報(bào)告cd", [(3, 8, "")])
>>> text
'ab報告cd'
>>> omap.source_span(2, 4)
(2, 9)
>>> omap.source_span(4, 6)
(9, 11)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

__all__ = ["OffsetMap", "rewrite", "sub_with_map"]


class OffsetMap:
    """Maps positions of a derived string back to its source string.

    Build one with :meth:`identity`, :func:`rewrite` or :func:`sub_with_map`;
    chain two with :meth:`compose`.
    """

    __slots__ = (
        "_d_end",
        "_d_start",
        "_identity",
        "_linear",
        "_s_end",
        "_s_start",
        "derived_length",
        "source_length",
    )

    def __init__(
        self,
        segments: Iterable[tuple[int, int, int, int]],
        *,
        derived_length: int,
        source_length: int,
    ) -> None:
        d_start: list[int] = []
        d_end: list[int] = []
        s_start: list[int] = []
        s_end: list[int] = []
        linear: list[bool] = []
        for ds, de, ss, se in segments:
            if de <= ds:
                continue
            is_linear = (de - ds) == (se - ss)
            # Merge with the previous kept segment when they continue each other.
            if linear and is_linear and linear[-1] and d_end[-1] == ds and s_end[-1] == ss:
                d_end[-1] = de
                s_end[-1] = se
                continue
            d_start.append(ds)
            d_end.append(de)
            s_start.append(ss)
            s_end.append(se)
            linear.append(is_linear)
        self._d_start = d_start
        self._d_end = d_end
        self._s_start = s_start
        self._s_end = s_end
        self._linear = linear
        self.derived_length = derived_length
        self.source_length = source_length
        self._identity = self._is_identity()

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a string that was not changed."""
        omap = cls.__new__(cls)  # what __init__ makes of the one segment, without the loop
        kept = [0] if length > 0 else []
        omap._d_start, omap._s_start = kept, list(kept)
        omap._d_end = [length] if length > 0 else []
        omap._s_end = list(omap._d_end)
        omap._linear = [True] if length > 0 else []
        omap.derived_length = omap.source_length = length
        omap._identity = length >= 0
        return omap

    @property
    def is_identity(self) -> bool:
        """True when every position maps to itself."""
        return self._identity

    def _is_identity(self) -> bool:
        return self.derived_length == self.source_length and (
            self.derived_length == 0
            or (
                len(self._linear) == 1
                and self._linear[0]
                and self._d_start[0] == 0
                and self._s_start[0] == 0
                and self._d_end[0] == self.derived_length
            )
        )

    def segments(self) -> list[tuple[int, int, int, int]]:
        """The segments as ``(derived_start, derived_end, source_start, source_end)``."""
        return list(zip(self._d_start, self._d_end, self._s_start, self._s_end, strict=True))

    def _find(self, pos: int) -> int:
        i = bisect.bisect_right(self._d_start, pos) - 1
        return max(i, 0)

    def source_pos(self, pos: int) -> int:
        """The source position of derived position ``pos`` (the start of what it came from)."""
        if not self._d_start:
            return min(pos, self.source_length)
        if pos >= self.derived_length:
            return self.source_length if pos > 0 else 0
        i = self._find(pos)
        if pos >= self._d_end[i]:
            return self._s_end[i]
        if self._linear[i]:
            return self._s_start[i] + (pos - self._d_start[i])
        return self._s_start[i]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span that derived span ``[start, end)`` came from."""
        if self._identity:  # the general case below, worked out for one kept segment
            s = min(start, self.source_length)
            return s, max(min(end, self.source_length), s)
        if end <= start:
            s = self.source_pos(start)
            return s, s
        s = self.source_pos(start)
        if not self._d_start:
            return s, min(end, self.source_length)
        i = self._find(end - 1)
        if end - 1 >= self._d_end[i]:
            e = self._s_end[i]
        elif self._linear[i]:
            e = self._s_start[i] + (end - self._d_start[i])
        else:
            e = self._s_end[i]
        return s, max(e, s)

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """Chain two maps: ``self`` maps C→B and ``inner`` maps B→A; the result maps C→A."""
        if inner.is_identity:
            return self
        if self.is_identity:
            return inner
        out: list[tuple[int, int, int, int]] = []
        for ds, de, ss, se, lin in zip(
            self._d_start, self._d_end, self._s_start, self._s_end, self._linear, strict=True
        ):
            if not lin:
                a, b = inner.source_span(ss, se)
                out.append((ds, de, a, b))
                continue
            # Split a kept segment at the segment borders of the inner map.
            pos = ss
            while pos < se:
                j = inner._find(pos)
                seg_end = inner._d_end[j] if inner._d_start else se
                if pos >= seg_end:  # past the inner map's end
                    seg_end = se
                stop = min(se, seg_end)
                if inner._d_start and inner._linear[j] and pos < inner._d_end[j]:
                    a = inner._s_start[j] + (pos - inner._d_start[j])
                    out.append((ds + (pos - ss), ds + (stop - ss), a, a + (stop - pos)))
                else:
                    a, b = inner.source_span(pos, stop)
                    out.append((ds + (pos - ss), ds + (stop - ss), a, b))
                pos = stop
        return OffsetMap(out, derived_length=self.derived_length, source_length=inner.source_length)

    def __repr__(self) -> str:
        return (
            f"OffsetMap({self.derived_length}->{self.source_length}, {len(self._d_start)} segments)"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OffsetMap):
            return NotImplemented
        return (
            self.segments() == other.segments()
            and self.derived_length == other.derived_length
            and self.source_length == other.source_length
        )

    __hash__ = None  # type: ignore[assignment]  # mutable-looking value object; compare, don't hash


def rewrite(source: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping ``(start, end, replacement)`` edits to ``source``.

    Edits must be sorted by ``start``. Returns the new text and its map back
    to ``source``.
    """
    parts: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    d = 0
    s = 0
    for start, end, repl in edits:
        if start < s:
            raise ValueError("edits overlap or are not sorted")
        if start > s:
            parts.append(source[s:start])
            segments.append((d, d + (start - s), s, start))
            d += start - s
        # Same length (a width fold, a script conversion) stays character-by-character.
        segments.append((d, d + len(repl), start, end))
        parts.append(repl)
        d += len(repl)
        s = end
    if s < len(source):
        parts.append(source[s:])
        segments.append((d, d + (len(source) - s), s, len(source)))
        d += len(source) - s
    return "".join(parts), OffsetMap(segments, derived_length=d, source_length=len(source))


def sub_with_map(
    pattern: re.Pattern[str],
    repl: Callable[[re.Match[str]], str],
    text: str,
) -> tuple[str, OffsetMap, int]:
    """Like :meth:`re.Pattern.sub` with a function, also returning the map and the count.

    Matches whose replacement equals the matched text are not counted.
    """
    edits: list[tuple[int, int, str]] = []
    for m in pattern.finditer(text):
        new = repl(m)
        if new != m.group(0):
            edits.append((m.start(), m.end(), new))
    if not edits:
        return text, OffsetMap.identity(len(text)), 0
    new_text, omap = rewrite(text, edits)
    return new_text, omap, len(edits)
