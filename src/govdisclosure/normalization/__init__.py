"""Text repair: named fixers, a frozen config, explained steps, offsets back to the source.

Modelled on ftfy's ``fix_and_explain``/``apply_plan``: :func:`normalize` runs
the fixers of :mod:`govdisclosure.normalization.fixers` in a fixed order and says
which ones changed something (:attr:`NormalizedText.steps`); the steps can be
replayed on another text with :func:`apply_plan`. Every result carries an
:class:`~govdisclosure.offsets.OffsetMap` from the normalised text back to the
input, and the spans flagged rather than repaired (spam, damaged mojibake).

Document readers call :func:`resolve_config` once per document (it decides
whether the document is in traditional script) and :func:`normalize_piece`
per cell or element text, or :func:`normalize_lines` for all the lines of a
plain text at once.

>>> result = normalize("本報(bào)告根據(jù)《條例》編制，共１２條")
>>> result.text
'本报告根据《条例》编制，共12条'
>>> [step.fixer for step in result.steps]
['fold_width', 'strip_pinyin_gloss', 'to_simplified']
>>> result.map.source_span(1, 3)
(1, 8)
>>> apply_plan("長安街道報(bào)告", result.steps)
'长安街道报告'
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ..document import Mark, Piece, Run, _draft_class
from ..offsets import OffsetMap
from .fixers import (
    FIXER_ORDER,
    FIXERS,
    TRIGGERS,
    Fix,
    forward_span,
    line_sites,
    site_anchors,
    width_fold_text,
)
from .script import convert_to_simplified, is_traditional

__all__ = [
    "FIXER_ORDER",
    "JOINING_FIXERS",
    "MAX_PASSES",
    "NormalizeConfig",
    "NormalizedLines",
    "NormalizedText",
    "Step",
    "apply_plan",
    "normalize",
    "normalize_lines",
    "normalize_piece",
    "resolve_config",
    "slice_piece",
]


@attrs.frozen(kw_only=True, cache_hash=True)
class NormalizeConfig:
    """Which fixers run. Every fixer is on by default.

    ``to_simplified=None`` means: decide from the text (see :func:`resolve_config`);
    ``True``/``False`` force the conversion on or off.
    """

    # The hash is kept: a config is half the key of every cached piece.

    repair_gbk_shift: bool = True
    fold_width: bool = True
    strip_pinyin_gloss: bool = True
    to_simplified: bool | None = None
    rejoin_split_numbers: bool = True
    drop_boilerplate: bool = True
    flag_spam: bool = True

    def enabled(self, fixer: str) -> bool:
        """True when ``fixer`` runs under this config (``to_simplified`` only when ``True``)."""
        return bool(getattr(self, fixer))


@attrs.frozen(kw_only=True)
class Step:
    """One fixer that changed the text: its name and how many places it changed."""

    fixer: str
    count: int = 0


@attrs.frozen(kw_only=True, eq=False)
class NormalizedText:
    """The result of :func:`normalize`.

    ``text`` is the normalised text, ``steps`` the fixers that changed
    something (in order), ``map`` leads from ``text`` back to the input, and
    ``marks`` are spans of ``text`` flagged as spam or damaged.
    """

    text: str
    steps: tuple[Step, ...]
    map: OffsetMap
    marks: tuple[Mark, ...] = ()

    @property
    def fixes(self) -> tuple[str, ...]:
        """The names of the fixers that changed something."""
        return tuple(step.fixer for step in self.steps)


def resolve_config(config: NormalizeConfig | None, sample: str) -> NormalizeConfig:
    """Decide the document-level switches once per document, from ``sample``.

    Returns a config whose ``to_simplified`` is ``True`` or ``False``: as given,
    or judged from the share of traditional-only characters in ``sample``; and
    with the fixers that cannot apply anywhere in ``sample`` switched off.
    ``sample`` must therefore contain every piece later normalised with the
    returned config (the whole document text).

    >>> resolve_config(None, "本報告根據條例編制").to_simplified
    True
    >>> resolve_config(NormalizeConfig(to_simplified=False), "本報告根據條例").to_simplified
    False
    """
    config = config or NormalizeConfig()
    to_simplified = config.to_simplified
    if to_simplified is None:
        to_simplified = is_traditional(sample)
    # Switch off, for the whole document, the fixers that cannot apply to any of
    # its pieces: each trigger is a necessary condition, tested once on the whole
    # text (folded and simplified as the fixers before it would leave it), so the
    # per-piece work is only the fixers the document needs.
    fold = config.fold_width and TRIGGERS["fold_width"](sample)
    folded = width_fold_text(sample) if fold else sample
    if not to_simplified:
        final = folded
    elif fold:
        # No character is both a width variant and traditional, nor converts to a
        # width variant, so folding the converted text and converting the folded
        # runs again is folding first and converting after.
        final = width_fold_text(_simplified(sample), then=convert_to_simplified)
    else:
        final = _simplified(sample)
    seen = {"repair_gbk_shift": sample, "strip_pinyin_gloss": folded}
    switches: dict[str, bool] = {}  # the fields that change
    for name, trigger in TRIGGERS.items():
        if not config.enabled(name):
            continue
        applies = fold if name == "fold_width" else trigger(seen.get(name, final))
        if not applies:
            switches[name] = False
    if "repair_gbk_shift" not in switches:
        # A repaired run can end in a gloss the raw text hides (``攸c(diǎn)``).
        switches.pop("strip_pinyin_gloss", None)
    if config.to_simplified is None:
        switches["to_simplified"] = to_simplified
    return _switched(config, tuple(switches.items())) if switches else _canonical(config)


@functools.lru_cache(maxsize=256)
def _switched(config: NormalizeConfig, switches: tuple[tuple[str, bool], ...]) -> NormalizeConfig:
    # Documents resolve to a few configs: each is made once.
    return _canonical(attrs.evolve(config, **dict(switches)))


@functools.lru_cache(maxsize=256)
def _canonical(config: NormalizeConfig) -> NormalizeConfig:
    # The first config seen equal to this one: the documents that resolve to it
    # share it, and the piece cache finds its entries by identity, not by __eq__.
    return config


@functools.lru_cache(maxsize=2)
def _simplified(text: str) -> str:
    # The whole document converted: resolve_config needs it for its pre-tests and
    # normalize_lines for the lines right after, so it is kept for one call.
    return convert_to_simplified(text)


def _move_marks(marks: Iterable[Mark], fix: Fix) -> list[Mark]:
    """Carry marks of the text before ``fix`` over to the text after it."""
    if fix.count == 0 or fix.map.is_identity:
        return list(marks)
    moved = []
    for mark in marks:
        start, end = forward_span(fix.map, mark.start, mark.end)
        moved.append(attrs.evolve(mark, start=start, end=end))
    return moved


JOINING_FIXERS = frozenset({"strip_pinyin_gloss", "drop_boilerplate"})
"""Fixers that remove text, and so may bring together what an earlier fixer acts on.

``0 【字体:大 中 小】%`` becomes ``0 %`` only once the furniture is gone, and
``。ㄒ唬【打印】─`` a mojibake run only then. After a pass in which one of them
changed the text, the fixers run again (at most :data:`MAX_PASSES` passes), so
that :func:`normalize` is idempotent.
"""

MAX_PASSES = 3
"""Passes of the fixers at most; a pass after one that joined nothing is not needed."""


def _run(text: str, config: NormalizeConfig) -> tuple[str, OffsetMap, list[Step], list[Mark]]:
    omap = OffsetMap.identity(len(text))
    steps: list[Step] = []
    marks: list[Mark] = []
    for _ in range(MAX_PASSES):
        joined = False
        for name in FIXER_ORDER:
            if name == "to_simplified" and config.to_simplified is None:
                # Undecided: judge the text as repaired so far, so that a second
                # pass (already simplified) decides the same way.
                if not is_traditional(text):
                    continue
            elif not config.enabled(name):
                continue
            fix = FIXERS[name](text)
            marks = _move_marks(marks, fix)
            marks.extend(fix.marks)
            if fix.count:
                steps.append(Step(fixer=name, count=fix.count))
                omap = fix.map.compose(omap)
                text = fix.text
                joined = joined or name in JOINING_FIXERS
        if not joined:
            break
    # A second pass flags the same spam again: keep each mark once.
    marks = [m for m in dict.fromkeys(marks) if m.end > m.start or not text]
    marks.sort(key=lambda m: (m.start, m.end))
    return text, omap, steps, marks


@functools.lru_cache(maxsize=4096)
def _run_cached(
    text: str, config: NormalizeConfig
) -> tuple[str, OffsetMap, tuple[str, ...], tuple[Mark, ...]]:
    # Pages repeat the same cell text ("0", "/", labels) hundreds of times; the
    # result depends on the text and the config only, and is immutable.
    new, omap, steps, marks = _run(text, config)
    return new, omap, tuple(step.fixer for step in steps), tuple(marks)


_PIECE_DRAFT = _draft_class(Piece)


def normalize_piece(
    raw: str,
    config: NormalizeConfig,
    *,
    raw_start: int | None = None,
    path: str | None = None,
) -> Piece:
    """Normalise one piece of source text (a line, a cell, an element's text).

    ``config`` should come from :func:`resolve_config`; a config whose
    ``to_simplified`` is still ``None`` judges ``raw`` alone (after the repairs
    that run before the script conversion).
    ``Piece.map`` leads back to ``raw``, ``Piece.fixes`` names the fixers that
    changed something, ``Piece.marks`` are spans of ``Piece.text``.

    >>> page = "本報告根據條例\\n。ㄒ唬┐嬖趩栴}"
    >>> piece = normalize_piece("。ㄒ唬┐嬖趩栴}", resolve_config(None, page))
    >>> piece.text, piece.fixes
    ('（一）存在问题', ('repair_gbk_shift', 'to_simplified'))
    """
    text, omap, fixes, marks = _run_cached(raw, config)
    # Piece(text=text, ...) by the fast path: a document has a piece per repaired line or cell.
    new: Any = object.__new__(_PIECE_DRAFT)
    new.text = text
    new.raw = raw
    new.map = omap
    new.raw_start = raw_start
    new.path = path
    new.marks = marks
    new.fixes = fixes
    new.__class__ = Piece
    piece: Piece = new
    return piece


def normalize(text: str, config: NormalizeConfig | None = None) -> NormalizedText:
    """Normalise ``text`` and explain what changed.

    Never raises on a ``str`` and is idempotent: normalising the result again
    changes nothing. With ``to_simplified=None`` the script is judged on the
    text as repaired by the fixers before the conversion.
    """
    new, omap, steps, marks = _run(text, config or NormalizeConfig())
    return NormalizedText(text=new, steps=tuple(steps), map=omap, marks=tuple(marks))


def apply_plan(text: str, steps: Iterable[Step | str]) -> str:
    """Replay the fixers named in ``steps`` (from :attr:`NormalizedText.steps`) on ``text``.

    Unknown fixer names are an error (:class:`KeyError`), since a plan is code.
    """
    for step in steps:
        name = step if isinstance(step, str) else step.fixer
        text = FIXERS[name](text).text
    return text


_SIMPLIFIED_ONLY = ("to_simplified",)
_AFTER_SCRIPT = frozenset(FIXER_ORDER[FIXER_ORDER.index("to_simplified") + 1 :])


@functools.lru_cache(maxsize=256)
def _identity(length: int) -> OffsetMap:
    return OffsetMap.identity(length)


class NormalizedLines:
    """The lines of a text (split at ``"\\n"``), each normalised as by :func:`normalize_piece`.

    ``raw[i]`` is line ``i`` as written, ``start[i]`` its offset in the text and
    ``text[i]`` its normalised form; :meth:`piece` builds a
    :class:`~govdisclosure.document.Piece` of a line or of part of it when it is
    needed, :meth:`run` the same as a :data:`~govdisclosure.document.Run`.

    ``converted`` is the whole text as the lines no fixer touched read (only
    the script conversion, character for character): the lines have runs of
    one piece over it, instead of a piece each. It defaults to rebuilding it
    from the lines. ``source``, the text the lines were split from, defaults to
    joining them again.
    """

    __slots__ = ("_converted", "_pieces", "_source", "_verbatim", "raw", "start", "text")

    def __init__(
        self,
        raw: list[str],
        start: list[int],
        text: list[str],
        pieces: dict[int, Piece],
        *,
        converted: str | None = None,
        source: str | None = None,
    ) -> None:
        self.raw = raw
        self.start = start
        self.text = text
        self._pieces = pieces
        self._converted = converted
        self._source = source
        self._verbatim: tuple[Piece, Piece] | None = None

    def __len__(self) -> int:
        return len(self.raw)

    def piece(self, i: int, start: int = 0, end: int | None = None) -> Piece:
        """Line ``i``, or the part ``[start, end)`` of its normalised text, as a piece.

        The whole line is what :func:`normalize_piece` returns for it, with
        ``raw_start`` set; a part is :func:`slice_piece` of that.
        """
        text = self.text[i]
        if end is None:
            end = len(text)
        piece = self._pieces.get(i)
        if piece is None:
            # Only the script conversion touched the line: same length, one to one.
            raw = self.raw[i]
            fixes = _SIMPLIFIED_ONLY if text != raw else ()
            if start or end != len(text):
                return Piece(
                    text=text[start:end],
                    raw=raw[start:end],
                    map=_identity(end - start),
                    raw_start=self.start[i] + start,
                    fixes=fixes,
                )
            piece = self._pieces[i] = Piece(
                text=text, raw=raw, map=_identity(len(raw)), raw_start=self.start[i], fixes=fixes
            )
        return slice_piece(piece, start, end)

    def run(self, i: int, start: int = 0, end: int | None = None) -> Run:
        """:meth:`piece` as a run: the same text and the same way back, without a new piece.

        A line no fixer touched is a run of one of two pieces over the whole
        text (for the lines the script conversion changed, and the others); a
        line a fixer repaired is a run of its own piece when that piece maps one
        to one, else (it is rare) its :func:`slice_piece`.
        """
        text = self.text[i]
        if end is None:
            end = len(text)
        if i not in self._pieces:
            offset = self.start[i]
            changed, unchanged = self._verbatim or self._make_verbatim()
            whole = changed if text != self.raw[i] else unchanged
            return whole, offset + start, offset + end
        return self.runs(i, ((start, end),))[0]

    def stripped_run(self, i: int) -> Run:
        """:meth:`run` of line ``i`` without the white space around it."""
        text = self.text[i]
        stripped = text.strip()
        if len(stripped) == len(text):
            return self.run(i)
        start = len(text) - len(text.lstrip())
        return self.run(i, start, start + len(stripped))

    def runs(self, i: int, spans: Iterable[tuple[int, int]]) -> list[Run]:
        """:meth:`run` of each part ``(start, end)`` of line ``i``."""
        piece = self._pieces.get(i)
        if piece is None:
            whole, offset = self._verbatim_of(i), self.start[i]
            return [(whole, offset + a, offset + b) for a, b in spans]
        if piece.map.is_identity:
            return [(piece, a, b) for a, b in spans]
        return [(slice_piece(piece, a, b), 0, b - a) for a, b in spans]

    def _verbatim_of(self, i: int) -> Piece:
        """The piece over the whole text that line ``i``, which no fixer touched, is a run of."""
        changed, unchanged = self._verbatim or self._make_verbatim()
        return changed if self.text[i] != self.raw[i] else unchanged

    def _make_verbatim(self) -> tuple[Piece, Piece]:
        """The two pieces over the whole text: with the script conversion as a fix, and without."""
        source = "\n".join(self.raw) if self._source is None else self._source
        converted = self._converted
        if converted is None:
            # A repaired line keeps its raw text here: no run points into it.
            converted = "\n".join(
                self.raw[k] if k in self._pieces else line for k, line in enumerate(self.text)
            )
        omap = OffsetMap.identity(len(source))
        self._verbatim = (
            Piece(text=converted, raw=source, map=omap, raw_start=0, fixes=_SIMPLIFIED_ONLY),
            Piece(text=converted, raw=source, map=omap, raw_start=0),
        )
        return self._verbatim


def slice_piece(piece: Piece, a: int, b: int) -> Piece:
    """The part ``[a, b)`` of a normalised piece, with its own map back to the raw text.

    >>> piece = normalize_piece("處罰(fá) 12", NormalizeConfig(to_simplified=True))
    >>> [(part.text, part.raw) for part in (slice_piece(piece, 1, 3), slice_piece(piece, 3, 5))]
    [('罚 ', '罰(fá) '), ('12', '12')]
    """
    if a == 0 and b == len(piece.text):
        return piece
    if not piece.marks and piece.map.is_identity:
        return Piece(
            text=piece.text[a:b],
            raw=piece.raw[a:b],
            map=_identity(b - a),
            raw_start=None if piece.raw_start is None else piece.raw_start + a,
            path=piece.path,
            fixes=piece.fixes,
        )
    ra, rb = piece.map.source_span(a, b)
    segments: list[tuple[int, int, int, int]] = []
    for ds, de, ss, se in piece.map.segments():
        lo, hi = max(ds, a), min(de, b)
        if lo >= hi:
            continue
        if (de - ds) == (se - ss):
            segments.append((lo - a, hi - a, ss + lo - ds - ra, ss + hi - ds - ra))
        else:
            segments.append((lo - a, hi - a, max(ss - ra, 0), min(se - ra, rb - ra)))
    omap = OffsetMap(segments, derived_length=b - a, source_length=rb - ra)
    marks = tuple(
        Mark(kind=m.kind, start=max(m.start, a) - a, end=min(m.end, b) - a, note=m.note)
        for m in piece.marks
        if m.start < b and m.end > a
    )
    return Piece(
        text=piece.text[a:b],
        raw=piece.raw[ra:rb],
        map=omap,
        raw_start=None if piece.raw_start is None else piece.raw_start + ra,
        path=piece.path,
        marks=marks,
        fixes=piece.fixes,
    )


def _sites(pattern: re.Pattern[str], text: str, start: list[int]) -> Iterator[int]:
    """The lines of ``text`` (beginning at ``start``) where ``pattern`` of :func:`line_sites` matches."""
    # A pattern anchored at line starts matches the text led by a line break
    # where a line begins, at that line's offset in the text.
    target = "\n" + text if pattern.pattern.startswith("\n") else text
    last = len(start) - 1
    m = pattern.search(target)
    while m is not None:
        i = bisect.bisect_right(start, m.start()) - 1
        yield i
        # The line is a site already: look on from the next one (from the
        # line break before it, for a pattern anchored at line starts).
        m = pattern.search(target, start[i + 1]) if i < last else None


def _anchored_sites(
    pattern: re.Pattern[str], anchors: tuple[str, ...], text: str, start: list[int]
) -> Iterator[int]:
    """:func:`_sites`, trying ``pattern`` only on the lines that hold one of ``anchors``.

    ``anchors`` are strings one of which every match of ``pattern`` contains
    (see :func:`~govdisclosure.normalization.fixers.site_anchors`).
    """
    last = len(start) - 1
    held: set[int] = set()  # the lines that hold an anchor
    for anchor in anchors:
        at = text.find(anchor)
        while at >= 0:
            i = bisect.bisect_right(start, at) - 1
            held.add(i)
            # The line holds one: look on from the next line.
            at = text.find(anchor, start[i + 1]) if i < last else -1
    anchored = pattern.pattern.startswith("\n")
    for i in sorted(held):
        line = text[start[i] : start[i + 1] - 1 if i < last else len(text)]
        # Each pattern matches in a line of a text where it matches in the line alone.
        if pattern.search("\n" + line if anchored else line):
            yield i


def normalize_lines(text: str, config: NormalizeConfig) -> NormalizedLines:
    """Normalise every line of ``text`` as :func:`normalize_piece` would, in one pass.

    ``config`` should come from :func:`resolve_config` on ``text``. The whole
    text is scanned once per fixer for the lines it can act on (see
    :func:`~govdisclosure.normalization.fixers.line_sites`); only those lines run
    through the fixers one by one, the others at most through the script
    conversion, done on the whole text at once.

    >>> text = "本報告根據條例\\n- 4 -\\n"
    >>> lines = normalize_lines(text, resolve_config(None, text))
    >>> lines.text, lines.start
    (['本报告根据条例', '', ''], [0, 8, 14])
    >>> lines.piece(0).fixes, lines.piece(1).fixes
    (('to_simplified',), ('drop_boilerplate',))
    """
    raw = text.split("\n")
    start = list(itertools.accumulate([len(line) + 1 for line in raw[:-1]], initial=0))
    if config.to_simplified is None:
        # Undecided script: each line judges itself, as normalize_piece does.
        pieces = {
            i: normalize_piece(line, config, raw_start=start[i]) for i, line in enumerate(raw)
        }
        return NormalizedLines(
            raw, start, [p.text for p in pieces.values()], pieces, converted=text, source=text
        )
    simplified = _simplified(text) if config.to_simplified else text
    sites: set[int] = set()
    for name, patterns in line_sites().items():
        if not config.enabled(name):
            continue
        scanned = simplified if name in _AFTER_SCRIPT else text
        for pattern in patterns:
            anchors = site_anchors().get(pattern)
            if anchors is None:
                sites.update(_sites(pattern, scanned, start))
            else:
                sites.update(_anchored_sites(pattern, anchors, scanned, start))
    lines = simplified.split("\n") if simplified is not text else list(raw)
    pieces = {}
    for i in sorted(sites):
        piece = pieces[i] = normalize_piece(raw[i], config, raw_start=start[i])
        lines[i] = piece.text
    return NormalizedLines(raw, start, lines, pieces, converted=simplified, source=text)
