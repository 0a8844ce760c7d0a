"""The named fixers: small functions from text to :class:`Fix`, each stating its risk.

Every fixer takes a string and returns a :class:`Fix`: the new text, an
:class:`~govdisclosure.offsets.OffsetMap` from the new text back to the input,
and the :class:`~govdisclosure.document.Mark` spans it flagged instead of
repairing. They are pure, never raise on any ``str`` and are idempotent on
their own output. :func:`govdisclosure.normalize` runs them in
:data:`FIXER_ORDER`.

>>> strip_pinyin_gloss("長安街道年度報(bào)告(試行)").text
'長安街道年度報告(試行)'
>>> repair_gbk_shift("。ㄒ唬┌盐罩攸c(diǎn),鞏固成果").text
'（一）把握重點(diǎn),鞏固成果'
>>> fold_width("⼀、主动公开１２条，占３０％").text
'一、主动公开12条，占30%'
>>> rejoin_split_numbers("占总体百分比为1. 8 %").text
'占总体百分比为1.8%'
>>> drop_boilerplate("- 4 -").text
''
>>> [(m.kind, m.start, m.end) for m in flag_spam("报告可在365足球即时比分门户网站下载").marks]
[('spam', 4, 13)]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

import attrs

from ..document import Mark
from ..offsets import OffsetMap, rewrite, sub_with_map
from .script import convert_to_simplified

__all__ = [
    "BOILERPLATE_INLINE",
    "BOILERPLATE_LINES",
    "FIXERS",
    "FIXER_ORDER",
    "PINYIN_GLOSS",
    "SPAM_TERMS",
    "Fix",
    "Fixer",
    "drop_boilerplate",
    "flag_spam",
    "fold_width",
    "forward_span",
    "line_sites",
    "rejoin_split_numbers",
    "repair_gbk_shift",
    "site_anchors",
    "strip_pinyin_gloss",
    "to_simplified",
]


@attrs.frozen(kw_only=True, eq=False)
class Fix:
    """What one fixer did: the new text, its map back to the input, flagged spans.

    ``count`` is the number of places changed (0 means ``text`` is the input).
    Mark offsets are into ``text``.
    """

    text: str
    map: OffsetMap
    marks: tuple[Mark, ...] = ()
    count: int = 0

    @classmethod
    def unchanged(cls, text: str, marks: tuple[Mark, ...] = ()) -> Fix:
        """A fix that changed nothing (it may still have flagged spans)."""
        return cls(text=text, map=OffsetMap.identity(len(text)), marks=marks)


Fixer = Callable[[str], Fix]


# --------------------------------------------------------------------------- pinyin glosses

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_GLOSS_BODY = rf"(?:[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）])+"
_GLOSS_ONE = rf"(?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]"
# Starts with the parenthesis (not with the look-behind) so the regex engine can
# skip ahead to candidate positions.
PINYIN_GLOSS = re.compile(rf"[(（](?<=[{_HAN_CLASS}][(（]){_GLOSS_ONE}(?:[(（]{_GLOSS_ONE})*")
"""A pinyin gloss right after a Han character: lower-case Latin letters in
parentheses with at least one tone mark (``(bào)``). ``(試行)``, ``(LED)`` and
``(以下簡稱《條例》)`` do not match."""


def strip_pinyin_gloss(text: str) -> Fix:
    """Remove pinyin glosses that some sites insert after characters: ``報(bào)告`` → ``報告``.

    Risk: low. A gloss needs a Han character before it and a tone mark inside,
    so an abbreviation in parentheses is never removed; a toneless gloss
    (``(de)``) is left in place.
    """
    if "(" not in text and "（" not in text:
        return Fix.unchanged(text)
    new, omap, count = sub_with_map(PINYIN_GLOSS, lambda m: "", text)
    return Fix(text=new, map=omap, count=count)


# --------------------------------------------------------------------------- GBK byte shift

_NUMERALS = "一二三四五六七八九十"
_LOST_LEADS = frozenset([*range(0xAA, 0xB0), *range(0xF8, 0xFF)])
"""Second bytes of a character that, read one byte late together with ``a3`` (the
first byte of ``）``), form a user-defined GBK code that decoders drop."""

_GLOSS_AT = re.compile(_GLOSS_BODY)
_DAMAGED_ORDINAL = re.compile(r"(?m)^[ \t\u3000]*(。)(?=、)")
"""``。、`` at the start of a line: an ordinal (``4、``) whose bytes were shifted away."""


def _gbk_row(lead: int) -> str:
    chars = []
    for trail in (*range(0x40, 0x7F), *range(0x80, 0xFF)):
        try:
            ch = bytes((lead, trail)).decode("gb18030")
        except UnicodeDecodeError:
            continue
        if len(ch) == 1 and not ("\ue000" <= ch <= "\uf8ff"):
            chars.append(ch)
    return "".join(chars)


@functools.cache
def _shift_pattern() -> re.Pattern[str]:
    row_a8 = re.escape(_gbk_row(0xA8))
    row_a9 = re.escape(_gbk_row(0xA9))
    return re.compile(rf"。(?P<a8>[{row_a8}])(?P<mid>[^\s]?)(?P<a9>[{row_a9}])")


def _bytes2(ch: str) -> bytes | None:
    try:
        b = ch.encode("gb18030")
    except UnicodeEncodeError:
        return None
    return b if len(b) == 2 else None


@functools.cache
def _numeral_by_lead() -> dict[int, str]:
    return {n.encode("gb18030")[0]: n for n in _NUMERALS}


def _ordinal(a8: str, mid: str) -> str | None:
    """The heading numeral hidden in ``。ㄒ唬┌`` (``一``) or ``。ǘ┱`` (``二``)."""
    b8 = _bytes2(a8)
    if b8 is None:
        return None
    lead = b8[1]
    if mid:
        bm = _bytes2(mid)
        if bm is None or bm[1] != 0xA3:
            return None
        try:
            numeral = bytes((lead, bm[0])).decode("gb18030")
        except UnicodeDecodeError:
            return None
        return numeral if numeral in _NUMERALS else None
    lost = _numeral_by_lead().get(lead)
    if lost is None or lost.encode("gb18030")[1] not in _LOST_LEADS:
        return None
    return lost


def _decode_pairs(data: bytes) -> str | None:
    out = []
    for i in range(0, len(data) - 1, 2):
        try:
            ch = data[i : i + 2].decode("gb18030")
        except UnicodeDecodeError:
            return None
        if len(ch) != 1 or "\ue000" <= ch <= "\uf8ff":
            return None
        out.append(ch)
    return "".join(out)


def repair_gbk_shift(text: str) -> Fix:
    """Repair headings garbled by a one-byte GBK shift: ``。ㄒ唬┌盐罩攸c`` → ``（一）把握重點``.

    Mechanics: the page's GBK bytes were decoded one byte late, so ``（一）`` (``a3 a8
    d2 bb a3 a9``) was read as ``。ㄒ唬┌`` (``a1 a3 | a8 d2 | bb a3 | a9 ..``), and
    pairs that fell into the user-defined area were dropped by the decoder. We
    encode the garbled run back to GB18030, drop the extra first byte and decode
    again, up to where the stream falls back into step (an ASCII byte that
    completed the last character, like the ``c`` of ``攸c``).

    Risk: medium, contained. Only runs that start with ``。`` followed by a
    pinyin/bopomofo-row and a box-drawing-row character (never real text) are
    touched. When bytes were lost at the end of the run (an odd byte count),
    the ordinal is still recovered, the rest is kept as decoded up to the loss
    (with the lost character's pinyin gloss, if any, dropped) and flagged
    ``damaged``. A pair lost inside a run cannot be detected from the bytes: the
    run then decodes to wrong characters (``（二）漳措`` for ``（二）整改措施``),
    still flagged ``damaged`` because the run also lost its end.
    ``。、`` at a line start (an ordinal shifted away) is flagged, not changed.
    """
    edits: list[tuple[int, int, str]] = []
    damaged: list[tuple[int, int, int]] = []  # (edit index, start, end) in the replacement
    marks_plain: list[tuple[int, int]] = []  # spans in the source left as they are
    if "。" not in text:
        return Fix.unchanged(text)
    for m in _shift_pattern().finditer(text):
        numeral = _ordinal(m.group("a8"), m.group("mid"))
        if numeral is None:
            marks_plain.append((m.start(), m.end()))
            continue
        a9 = _bytes2(m.group("a9"))
        if a9 is None:  # pragma: no cover - the row pattern only holds 2-byte characters
            continue
        data = bytearray(a9[1:])
        end = m.end()
        while end < len(text):
            b = _bytes2(text[end])
            if b is None:
                break
            data += b
            end += 1
        complete = len(data) % 2 == 0
        if not complete and end < len(text) and 0x40 <= ord(text[end]) <= 0x7E:
            data.append(ord(text[end]))  # an ASCII byte completed the last character
            end += 1
            complete = True
        if not complete:
            # The character whose bytes were lost may have kept its gloss: 。ǘ⿵(qiáng)化.
            gloss = _GLOSS_AT.match(text, end)
            if gloss is not None:
                end = gloss.end()
        decoded = _decode_pairs(bytes(data))
        if decoded is None:
            edits.append((m.start(), m.end(), f"（{numeral}）"))
            damaged.append((len(edits) - 1, 2, 3))
            continue
        repl = f"（{numeral}）{decoded}"
        edits.append((m.start(), end, repl))
        if not complete:
            damaged.append((len(edits) - 1, 2, len(repl)))
    for m in _DAMAGED_ORDINAL.finditer(text):
        marks_plain.append((m.start(1), m.end(1)))
    if not edits:
        marks = tuple(
            Mark(kind="damaged", start=s, end=e, note="GBK byte shift: ordinal lost")
            for s, e in sorted(marks_plain)
        )
        return Fix.unchanged(text, marks)
    edits.sort()
    new, omap = rewrite(text, edits)
    # Offsets of each edit's replacement in the new text.
    starts: list[int] = []
    shift = 0
    for s, e, r in edits:
        starts.append(s + shift)
        shift += len(r) - (e - s)
    marks_list = [
        Mark(
            kind="damaged",
            start=starts[i] + a,
            end=starts[i] + b,
            note="GBK byte shift: bytes lost after the ordinal",
        )
        for i, a, b in damaged
    ]
    for s, e in marks_plain:
        ns, ne = forward_span(omap, s, e)
        marks_list.append(Mark(kind="damaged", start=ns, end=ne, note="GBK byte shift"))
    marks_list.sort(key=lambda mk: (mk.start, mk.end))
    return Fix(text=new, map=omap, marks=tuple(marks_list), count=len(edits))


def forward_span(omap: OffsetMap, start: int, end: int) -> tuple[int, int]:
    """The span of the derived text that came from source span ``[start, end)``."""
    lo: int | None = None
    hi: int | None = None
    for ds, de, ss, se in omap.segments():
        if (se <= start or ss >= end) and not (ss == se == start):
            continue
        if de - ds == se - ss:  # kept: character by character
            a = ds + max(start, ss) - ss
            b = ds + min(end, se) - ss
        else:
            a, b = ds, de
        lo = a if lo is None else min(lo, a)
        hi = b if hi is None else max(hi, b)
    if lo is None or hi is None:
        pos = min(start, omap.derived_length)
        return pos, pos
    return lo, max(lo, hi)


# --------------------------------------------------------------------------- script


def to_simplified(text: str) -> Fix:
    """Convert traditional characters to simplified, one character for one (templates.md V12).

    Risk: medium. Character-level only: ``檔案`` stays ``档案`` (not ``文件``), and a
    character with several simplified forms takes OpenCC's first candidate.
    Only run when :func:`~govdisclosure.normalization.resolve_config` judged the
    document traditional. Same length, so offsets map one to one.
    """
    new = convert_to_simplified(text)
    if new == text:
        return Fix.unchanged(text)
    count = sum(map(str.__ne__, text, new))
    segments = [(0, len(new), 0, len(text))]
    return Fix(
        text=new,
        map=OffsetMap(segments, derived_length=len(new), source_length=len(text)),
        count=count,
    )


# --------------------------------------------------------------------------- width

WIDTH_ASCII = "０１２３４５６７８９％．＋－／"
"""Full-width characters folded to ASCII besides letters. Chinese punctuation
(``（）：，；。、``) is kept as written: labels are matched on it downstream."""

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = "\u3000\u00a0\u2002\u2003\u2009\u202f"


@functools.cache
def _width_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for ch in WIDTH_ASCII:
        table[ord(ch)] = chr(ord(ch) - 0xFEE0)
    for base in (0xFF21, 0xFF41):
        for i in range(26):
            table[base + i] = chr(base + i - 0xFEE0)
    for ch in _SPACES:
        table[ord(ch)] = " "
    for ch in _ZERO_WIDTH:
        table[ord(ch)] = ""
    for cp in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6), *range(0xF900, 0xFB00)):
        folded = unicodedata.normalize("NFKC", chr(cp))
        if len(folded) == 1 and folded != chr(cp) and "\u3400" <= folded <= "\u9fff":
            table[cp] = folded
    return table


@functools.cache
def _width_pattern() -> re.Pattern[str]:
    """A run of width variants.

    Written ``[…][…]*``, not ``[…]+``: a pattern that begins with a character
    set lets the engine skip to the characters of the set, at twice the speed.
    """
    chars = "".join(re.escape(chr(cp)) for cp in sorted(_width_table()))
    return re.compile(f"[{chars}][{chars}]*")


def fold_width(text: str) -> Fix:
    """Fold width variants: full-width digits, letters, ``％．＋－／`` → ASCII; ideographic,
    no-break and thin spaces → space; zero-width characters and soft hyphens removed;
    Kangxi radicals and CJK compatibility ideographs → unified ideographs (``⼀`` → ``一``).

    Risk: low. Chinese punctuation (``（）：，``) is not folded, so labels keep
    the form downstream matching expects; ASCII text is never widened.
    """
    table = _width_table()
    new, omap, count = sub_with_map(_width_pattern(), lambda m: m.group(0).translate(table), text)
    return Fix(text=new, map=omap, count=count)


# --------------------------------------------------------------------------- split numbers

SPLIT_DECIMAL = re.compile(r"(?<![\d.])(\d+)(?: *\. +| +\. *)(\d+)(?![\d.])")
"""``1. 8`` or ``1 .8``: a decimal split by a PDF text layer or a careless editor."""
SPLIT_PERCENT = re.compile(r"(?<=\d) +(?=[%％])")
"""``1.8 %``: a space before a percent sign."""
_SPLIT_HINTS = (". ", " .", " %", " ％")


def rejoin_split_numbers(text: str) -> Fix:
    """Rejoin numbers split by spaces: ``1. 8 %`` → ``1.8%``.

    Risk: low. Only a decimal point with spaces around it between two digit
    runs, and spaces before ``%``, are removed; spaces between two numbers
    (``3001 53 0 0 61``) are never touched, and ``1. 8`` at the very start of
    a line (a list marker) is left alone.
    """

    def decimal(m: re.Match[str]) -> str:
        if not text[: m.start()].strip() or text[: m.start()].endswith("\n"):
            return m.group(0)
        return f"{m.group(1)}.{m.group(2)}"

    if not any(hint in text for hint in _SPLIT_HINTS):
        return Fix.unchanged(text)
    new, omap1, n1 = sub_with_map(SPLIT_DECIMAL, decimal, text)
    new2, omap2, n2 = sub_with_map(SPLIT_PERCENT, lambda m: "", new)
    if n2:
        omap1 = omap2.compose(omap1)
    return Fix(text=new2, map=omap1, count=n1 + n2)


# --------------------------------------------------------------------------- boilerplate

BOILERPLATE_LINES = re.compile(
    r"(?m)^[ \t\u3000]*(?:"
    r"[-—－–_]+[ \t\u3000]*\d+[ \t\u3000]*[-—－–_]+"  # - 4 -   — 5 —
    r"|第[ \t\u3000]*\d+[ \t\u3000]*页(?:[ \t\u3000]*[/,，、]?[ \t\u3000]*共[ \t\u3000]*\d+[ \t\u3000]*页)?"
    r"|(?:共[ \t\u3000]*\d+[ \t\u3000]*页[ \t\u3000]*)?第[ \t\u3000]*\d+[ \t\u3000]*页"
    r"|\d+[ \t\u3000]*/[ \t\u3000]*\d+[ \t\u3000]*页"
    r"|[【\[]?字[体号][ \t\u3000]*[:：]?(?:[ \t\u3000]*[大中小]){0,3}[ \t\u3000]*[】\]]?"
    r"|[【\[]?(?:打印本页|关闭窗口|打印|关闭|返回顶部|收藏本页|保存本页)[】\]]?"
    r"(?:[ \t\u3000]*[【\[]?(?:打印本页|关闭窗口|打印|关闭|返回顶部|收藏本页|保存本页)[】\]]?)*"
    r")[ \t\u3000]*$"
)
"""Whole lines that are page furniture: page numbers and print/close links."""

BOILERPLATE_INLINE = re.compile(
    r"[【\[][ \t\u3000]*字[体號号][ \t\u3000]*[:：]?[ \t\u3000]*[大小中][ \t\u3000]*[大小中]"
    r"[ \t\u3000]*[大小中][ \t\u3000]*[】\]]"
    r"|[【\[][ \t\u3000]*(?:打印本页|关闭窗口|打印|关闭|返回顶部|收藏本页)[ \t\u3000]*[】\]]"
)
"""Bracketed page furniture inside a line: ``【字体:大 中 小】``, ``【打印本页】``."""


BOILERPLATE_HINTS: tuple[str, ...] = (
    *("页", "打印", "关闭", "字体", "字号", "字號", "返回", "收藏", "保存"),
    *("-", "—", "－", "–", "_"),
)
"""Substrings one of which every boilerplate match contains (a cheap pre-test)."""


def drop_boilerplate(text: str) -> Fix:
    """Empty lines that are page furniture (``- 4 -``, ``第 3 页``, ``打印本页``) and
    remove bracketed furniture (``【字体:大 中 小】``) inside lines.

    Risk: low. A line is emptied only when nothing else is on it; the builder
    skips empty pieces. Runs after :func:`to_simplified`, so only simplified
    forms are listed.
    """
    if not any(hint in text for hint in BOILERPLATE_HINTS):
        return Fix.unchanged(text)
    new, omap1, n1 = sub_with_map(BOILERPLATE_INLINE, lambda m: "", text)
    new2, omap2, n2 = sub_with_map(BOILERPLATE_LINES, lambda m: "", new)
    if n2:
        omap1 = omap2.compose(omap1)
    if (n1 or n2) and not new2.strip():
        # Whatever white space is left of a furniture-only piece goes too.
        omap1 = OffsetMap([(0, 0, 0, len(text))], derived_length=0, source_length=len(text))
        new2 = ""
    return Fix(text=new2, map=omap1, count=n1 + n2)


# --------------------------------------------------------------------------- spam

SPAM_TERMS: tuple[str, ...] = (
    r"足球(?:即时比分|比分|投注|竞彩|外围|直播|开户)",
    r"即时比分",
    r"比分直播",
    r"(?:体育|足球|网上|网络)投注",
    r"(?:彩票|彩金|博彩|赌博|赌球|赌场|赌钱|真钱)(?:网|网站|平台|开户|注册|官网|app|APP)?",
    r"时时彩|六合彩|北京赛车|pk10|PK10|快三|幸运飞艇|百家乐|龙虎斗|老虎机|炸金花|斗地主赢钱",
    r"(?:真人|线上|网上|娱)乐(?:城|场|平台|官网)|娱乐(?:城|场|平台|官网)",
    r"澳门(?:新)?(?:葡京|威尼斯人|金沙|赌场|博彩|彩票|娱乐)",
    r"威尼斯人|葡京|金沙(?:娱乐|平台|官网)|皇冠(?:体育|网址|平台|足球)|太阳城(?:娱乐|平台)?",
    r"[bB][eE][tT]365|365[bB][eE][tT]|365体育|188[bB][eE][tT]|[sS][bB][oO][bB][eE][tT]|[mM]88",
    r"(?:成人|黄色)(?:视频|网站|电影|小说|直播)|色情|约炮|一夜情|裸聊|av(?:在线|电影|视频)",
)
"""Terms injected by hacked or mirror sites (gambling, lottery, betting, adult).

Each alternative starts with a literal character so the regex engine can skip
to candidate positions; digits written before a match are added to the mark."""

_SPAM = re.compile("|".join(f"(?:{t})" for t in SPAM_TERMS))
_ASCII_DIGITS = frozenset("0123456789")
SPAM_HINTS: tuple[str, ...] = (
    *("比分", "投注", "彩", "博", "赌", "百家乐", "老虎机", "炸金花", "斗地主", "娱乐", "澳门"),
    *("威尼斯人", "葡京", "金沙", "皇冠", "太阳城", "北京赛车", "幸运飞艇", "快三"),
    *("365", "188", "pk10", "PK10", "bo", "BO", "Bo", "m88", "M88"),
    *("色情", "约炮", "一夜情", "裸聊", "成人", "黄色", "av"),
)
"""Substrings one of which every :data:`SPAM_TERMS` match contains: a cheap test
before the regular expression runs (``str.__contains__`` is far faster)."""


def flag_spam(text: str) -> Fix:
    """Flag spam injected by hacked sites (``365足球即时比分`` where the organ's name was).

    Risk: none to the text, which is kept; each match becomes a ``spam``
    :class:`~govdisclosure.document.Mark` so detection and validation can
    report it. Terms are generic (gambling, lottery, betting, adult), not one
    site's strings; a report that legitimately mentions 彩票 (a lottery
    administration) is flagged too, which is a finding, not a loss.
    """
    if not any(hint in text for hint in SPAM_HINTS):
        return Fix.unchanged(text)
    marks = []
    for m in _SPAM.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] in _ASCII_DIGITS:
            start -= 1  # the site's number belongs to the name: 365足球即时比分
        marks.append(Mark(kind="spam", start=start, end=m.end(), note=text[start : m.end()]))
    return Fix.unchanged(text, tuple(marks))


# --------------------------------------------------------------------------- registry

FIXERS: dict[str, Fixer] = {
    "repair_gbk_shift": repair_gbk_shift,
    "fold_width": fold_width,
    "strip_pinyin_gloss": strip_pinyin_gloss,
    "to_simplified": to_simplified,
    # Furniture goes before numbers are rejoined: ``0 【字体:大 中 小】%`` leaves a
    # split ``0 %`` that a later pass would otherwise rejoin (not idempotent).
    "drop_boilerplate": drop_boilerplate,
    "rejoin_split_numbers": rejoin_split_numbers,
    "flag_spam": flag_spam,
}
"""Every fixer by name (the names used in steps and in :class:`NormalizeConfig`)."""


def width_fold_text(text: str, then: Callable[[str], str] | None = None) -> str:
    """``text`` with :func:`fold_width` applied, without the offset map (for pre-tests).

    ``then``, when given, is applied to each folded run of width variants.
    """
    table = _width_table()
    if then is None:
        return _width_pattern().sub(lambda m: m.group(0).translate(table), text)
    return _width_pattern().sub(lambda m: then(m.group(0).translate(table)), text)


def _any_of(hints: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of ``hints``: one scan of a long text, not one per hint."""
    return re.compile("|".join(map(re.escape, hints)))


_BOILERPLATE_HINT = _any_of(BOILERPLATE_HINTS)
_SPAM_HINT = _any_of(SPAM_HINTS)
_BOILERPLATE_LINE_SITE = re.compile(
    "\n" + BOILERPLATE_LINES.pattern.removeprefix("(?m)^"), BOILERPLATE_LINES.flags
)
""":data:`BOILERPLATE_LINES` led by the line break before the line (see :func:`line_sites`)."""
_SPLIT_SITE = re.compile(r"\d(?: *\. +\d| +\. *\d| +[%％])")
"""A digit, then a split decimal point and a digit, or spaces and a percent sign:
contained in every match of :data:`SPLIT_DECIMAL` and :data:`SPLIT_PERCENT`.
Starting with a digit, not a look-behind, lets the engine skip to candidates."""


@functools.cache
def _gbk_site() -> re.Pattern[str]:
    """Where :func:`repair_gbk_shift` acts: a shifted run or ``。、`` (one scan for both:
    the engine finds the ``。`` they begin with as fast as a single character)."""
    return re.compile(f"。、|{_shift_pattern().pattern}")


def _has_gbk_shift(text: str) -> bool:
    return _gbk_site().search(text) is not None


def _has_width_variant(text: str) -> bool:
    # Every width variant but the zero-width ones changes under NFKC, so a text
    # in NFKC holds none of them; that check is several times faster than the
    # expression, and the zero-width ones are a few single-character searches.
    if unicodedata.is_normalized("NFKC", text) and not any(c in text for c in _ZERO_WIDTH):
        return False
    return bool(_width_pattern().search(text))


def _has_pinyin_gloss(text: str) -> bool:
    # A gloss holds a tone mark, which decomposes under NFD: a text in NFD (one
    # fast check) holds none, and a few single-character searches spare the
    # expression, which stops at every parenthesis, in nearly every other text.
    if unicodedata.is_normalized("NFD", text):
        return False
    return any(c in text for c in _TONED) and bool(PINYIN_GLOSS.search(text))


TRIGGERS: dict[str, Callable[[str], bool]] = {
    "repair_gbk_shift": _has_gbk_shift,
    "fold_width": _has_width_variant,
    "strip_pinyin_gloss": _has_pinyin_gloss,
    "drop_boilerplate": lambda text: bool(_BOILERPLATE_HINT.search(text)),
    "flag_spam": lambda text: bool(_SPAM_HINT.search(text)),
}
"""Necessary conditions, per fixer, for it to change or flag anything in a text.

:func:`~govdisclosure.normalization.resolve_config` tests them once on a whole
document and switches off the fixers that cannot apply to any of its pieces;
a piece is a substring of the document, so a fixer that finds nothing in the
whole text finds nothing in any piece."""


@functools.cache
def line_sites() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Per fixer but :func:`to_simplified`: patterns that match wherever it may act.

    A fixer changes and flags nothing in a line where none of its patterns
    matches (they are its own patterns, or cheaper ones contained in every
    match of those). No pattern matches across a line break, and each matches
    within a line of a longer text exactly where it matches in that line alone,
    so one scan of a whole text finds every line a fixer can act on. Patterns of
    the fixers after :func:`to_simplified` are meant for the simplified text.

    A pattern that begins with a line break stands for one anchored at line
    starts (``(?m)^``) and is meant for the text led by a line break: where it
    matches, a line of the text begins. The engine then skips from line break
    to line break, where it would try ``^`` at every position.
    """
    return {
        "repair_gbk_shift": (_gbk_site(),),
        "fold_width": (_width_pattern(),),
        "strip_pinyin_gloss": (PINYIN_GLOSS,),
        "rejoin_split_numbers": (_SPLIT_SITE,),
        "drop_boilerplate": (BOILERPLATE_INLINE, _BOILERPLATE_LINE_SITE),
        "flag_spam": (_SPAM_HINT,),
    }


_BOILERPLATE_LINE_ANCHORS = ("页", "打", "闭", "字", "顶", "-", "—", "－", "–", "_")
"""One of these is on every :data:`BOILERPLATE_LINES` line: a page number has its
dashes or 页, the furniture 字体/字号, 打印, 关闭, 返回顶部 or …本页."""


@functools.cache
def site_anchors() -> dict[re.Pattern[str], tuple[str, ...]]:
    """For some patterns of :func:`line_sites`: strings one of which every match contains.

    A match lies within one line, so only the lines that hold one of the
    strings need trying. Finding a few strings with :meth:`str.find` and
    trying the pattern on each line that holds one is many times faster than
    running the pattern over the whole text (the engine stops wherever a match
    may begin, and tries a pattern anchored at line starts at every line break).
    """
    return {
        BOILERPLATE_INLINE: ("【", "["),
        _BOILERPLATE_LINE_SITE: _BOILERPLATE_LINE_ANCHORS,
        # A split decimal point has a space after it or before it; a split percentage its sign.
        _SPLIT_SITE: ("%", "％", ". ", " ."),
    }


FIXER_ORDER: tuple[str, ...] = tuple(FIXERS)
"""The order fixers run in. The GBK repair comes first, because a gloss can sit
inside the garbled run (``攸c(diǎn)``: the ``c`` completes ``點``); width folding
comes before gloss stripping so a full-width gloss is stripped in one pass;
boilerplate is matched in simplified script; spam is flagged on the final text."""
