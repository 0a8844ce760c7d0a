"""Text repair: named fixers, a frozen config, explained steps, offsets back to the source.

Modelled on ftfy's ``fix_and_explain``/``apply_plan``: :func:`normalize` runs
the fixers of :mod:`govdisclosure.normalization.fixers` in a fixed order and says
which ones changed something (:attr:`NormalizedText.steps`); the steps can be
replayed on another text with :func:`apply_plan`. Every result carries an
:class:`~govdisclosure.offsets.OffsetMap` from the normalised text back to the
input, and the spans flagged rather than repaired (spam, damaged mojibake).

Document readers call :func:`resolve_config` once per document (it decides
whether the document is in traditional script) and :func:`normalize_piece`
per line, cell or element text.

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

import functools
from collections.abc import Iterable

import attrs

from ..document import Mark, Piece
from ..offsets import OffsetMap
from .fixers import FIXER_ORDER, FIXERS, TRIGGERS, Fix, forward_span, width_fold_text
from .script import convert_to_simplified, is_traditional

__all__ = [
    "FIXER_ORDER",
    "NormalizeConfig",
    "NormalizedText",
    "Step",
    "apply_plan",
    "normalize",
    "normalize_piece",
    "resolve_config",
]


@attrs.frozen(kw_only=True)
class NormalizeConfig:
    """Which fixers run. Every fixer is on by default.

    ``to_simplified=None`` means: decide from the text (see :func:`resolve_config`);
    ``True``/``False`` force the conversion on or off.
    """

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
    if config.to_simplified is None:
        config = attrs.evolve(config, to_simplified=is_traditional(sample))
    # Switch off, for the whole document, the fixers that cannot apply to any of
    # its pieces: each trigger is a necessary condition, tested once on the whole
    # text (folded and simplified as the fixers before it would leave it), so the
    # per-piece work is only the fixers the document needs.
    folded = width_fold_text(sample) if config.fold_width else sample
    final = convert_to_simplified(folded) if config.to_simplified else folded
    seen = {"repair_gbk_shift": sample, "fold_width": sample, "strip_pinyin_gloss": folded}
    off = {
        name: False
        for name, trigger in TRIGGERS.items()
        if config.enabled(name) and not trigger(seen.get(name, final))
    }
    if "repair_gbk_shift" not in off:
        # A repaired run can end in a gloss the raw text hides (``攸c(diǎn)``).
        off.pop("strip_pinyin_gloss", None)
    return attrs.evolve(config, **off) if off else config


def _move_marks(marks: Iterable[Mark], fix: Fix) -> list[Mark]:
    """Carry marks of the text before ``fix`` over to the text after it."""
    if fix.count == 0 or fix.map.is_identity:
        return list(marks)
    moved = []
    for mark in marks:
        start, end = forward_span(fix.map, mark.start, mark.end)
        moved.append(attrs.evolve(mark, start=start, end=end))
    return moved


def _run(text: str, config: NormalizeConfig) -> tuple[str, OffsetMap, list[Step], list[Mark]]:
    omap = OffsetMap.identity(len(text))
    steps: list[Step] = []
    marks: list[Mark] = []
    for name in FIXER_ORDER:
        if name == "to_simplified" and config.to_simplified is None:
            # Undecided: judge the text as repaired so far, so that a second pass
            # (already simplified) decides the same way: normalize is idempotent.
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
    marks = [m for m in marks if m.end > m.start or not text]
    marks.sort(key=lambda m: (m.start, m.end))
    return text, omap, steps, marks


@functools.lru_cache(maxsize=4096)
def _run_cached(
    text: str, config: NormalizeConfig
) -> tuple[str, OffsetMap, tuple[Step, ...], tuple[Mark, ...]]:
    # Pages repeat the same cell text ("0", "/", labels) hundreds of times; the
    # result depends on the text and the config only, and is immutable.
    new, omap, steps, marks = _run(text, config)
    return new, omap, tuple(steps), tuple(marks)


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
    text, omap, steps, marks = _run_cached(raw, config)
    return Piece(
        text=text,
        raw=raw,
        map=omap,
        raw_start=raw_start,
        path=path,
        marks=marks,
        fixes=tuple(step.fixer for step in steps),
    )


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
