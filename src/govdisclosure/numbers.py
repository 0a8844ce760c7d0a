"""The one reader for counts and amounts written in report text.

Every figure the table reader and the free-text reader take goes through
here, so that ``1,234``, ``１２``, ``二十三``, ``87余条`` and ``xx条`` are read the
same way everywhere, and nothing approximate or unfilled is ever read as an
exact number.

* :func:`read_number` reads a whole cell or value ("1,234", "+1036", "三");
  it returns ``None`` when the text is not exactly one number.
* :func:`find_numbers` finds every number in a sentence, with the unit written
  after it. Arabic numerals are always taken; a Chinese numeral only when a
  count unit follows it (``三件``), so the numerals inside words (一是, 第一, 统一,
  三公经费, 十九大, 四类) are not numbers. Ordinals (``第3页``, ``第十三条``) are
  skipped. Years and dates come back with unit ``年``/``月``/``日`` and
  percentages with unit ``%`` so callers can skip them.
* :func:`blank_kind` says how a blank cell was written (``/``, ``—``, ``无`` ...).

A ``万``/``亿`` before a count unit multiplies (``1.2万条`` is 12000 条); money
keeps its written unit (``3.5万元`` is ``Decimal('3.5')`` with unit ``万元``), the
caller converts. A value with a decimal point is a :class:`~decimal.Decimal`,
otherwise an ``int``.

>>> read_number("1,234").value
1234
>>> n = read_number("+1036"); (n.value, n.signed)
(1036, True)
>>> read_number("１２").value
12
>>> read_number("一百零五").value
105
>>> read_number("96171.6").value
Decimal('96171.6')
>>> read_number("xx条").placeholder, read_number("xx条").value
(True, None)
>>> read_number("一是") is None
True
>>> found = find_numbers("全年受理87余条，办结十余件，近百人参加")
>>> [(n.value, n.unit, n.approximate) for n in found]
[(87, '条', True), (10, '件', True), (100, '人', True)]
>>> [(n.value, n.unit) for n in find_numbers("2019年第一季度统一发布信息1.2万条，占1.8%")]
[(2019, '年'), (12000, '条'), (Decimal('1.8'), '%')]
>>> [n.value for n in find_numbers("3001 53 0 0 61 4 3119")]
[3001, 53, 0, 0, 61, 4, 3119]
>>> blank_kind("／"), blank_kind("—"), blank_kind(" "), blank_kind("0")
('slash', 'dash', 'empty', None)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import attrs

from .model import BlankKind

__all__ = [
    "APPROXIMATE_PREFIXES",
    "APPROXIMATE_SUFFIXES",
    "CHINESE_COUNT_UNITS",
    "UNITS",
    "Number",
    "blank_kind",
    "find_numbers",
    "read_number",
]


@attrs.frozen(kw_only=True)
class Number:
    """One number as written: its value, its text, where it was, what unit follows.

    ``value`` is ``None`` only for a placeholder (``xx条``); ``approximate`` is
    true when a quantifier (余, 多, 约, 近, 左右 ...) makes the figure inexact;
    ``signed`` is true when an explicit ``+``/``-`` was written. ``start`` and
    ``end`` are offsets into the text that was searched; ``raw`` is
    ``text[start:end]`` (prefix, number, multiplier, unit and suffix).
    """

    value: int | Decimal | None
    raw: str
    start: int
    end: int
    unit: str | None = None
    approximate: bool = False
    placeholder: bool = False
    signed: bool = False


# --------------------------------------------------------------------------- vocabulary

CHINESE_COUNT_UNITS: tuple[str, ...] = (
    "个工作日",
    "工作日",
    "个月",
    "人次",
    "件次",
    "户次",
    "万元",
    "亿元",
    "元",
    "条",
    "件",
    "个",
    "次",
    "人",
    "项",
    "篇",
    "期",
    "家",
    "户",
    "份",
    "场",
    "名",
    "位",
    "批",
    "起",
    "封",
)
"""Units that make a Chinese numeral a count (``三件``). Not ``类`` (四类过程性信息),
not ``年`` (近三年), which are words more often than counts."""

UNITS: tuple[str, ...] = (
    *CHINESE_COUNT_UNITS,
    *("个百分点", "类", "页", "本", "册", "天", "小时", "年", "月", "日", "%", "％"),
)
"""Units recognised after an Arabic numeral (as written; ``％`` is reported as ``%``):
the count units, and words that follow numbers as often as they follow counts.
The pattern is built longest first, so the order here does not matter."""

CHINESE_FALSE_COUNTS: tuple[str, ...] = (
    "一起",
    "一次性",
    "一条龙",
    "一件事",
    "一次办",
    "一个人",
    "一人一",
    "一户一",
    "一期工程",
    "一名义",
    "一项目",
    "条例",
    "条款",
    "个人",
    "人民",
    "名称",
    "名单",
    "份额",
    "位置",
    "户籍",
    "批准",
    "批复",
    "期间",
    "期限",
    "家庭",
    "场所",
    "起草",
    "起诉",
    "件事",
)
"""Words a Chinese numeral + unit match can be the start of (compared against the
text from the numeral, or from the unit, on): ``统一条例`` is not 一条."""

APPROXIMATE_PREFIXES: tuple[str, ...] = ("大约", "将近", "接近", "超过", "约", "近", "逾")
"""Written before a number: the figure is not exact (近 after 最 is 'recent', not 'nearly')."""

APPROXIMATE_SUFFIXES: tuple[str, ...] = ("左右", "上下", "以上", "余", "多")
"""Written after a number or its unit: the figure is not exact."""

DASHES = frozenset({"-", "－", "—", "——", "--", "–", "―", "─", "−", "-—"})
SLASHES = frozenset({"/", "／", "\\", "╲"})
NOT_APPLICABLE = frozenset({"不适用", "不涉及"})
NONE_WORDS = frozenset({"无"})

_DIGIT_FOLD = str.maketrans("０１２３４５６７８９．，＋－％", "0123456789.,+-%")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_ZEROS = frozenset("零〇○")
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}
_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_D = "[0-9０-９]"
_PREFIX = rf"(?P<pre>{_alt(tuple(p for p in APPROXIMATE_PREFIXES if p != '近'))}|(?<!最)近)?"
_ARABIC = (
    rf"(?:(?<![0-9０-９A-Za-z.．第])(?P<sign>[+\-＋－]))?"
    rf"(?<![0-9０-９A-Za-z.．第])"
    rf"(?P<num>{_D}{{1,3}}(?:,{_D}{{3}})+(?![0-9０-９])(?:[.．]{_D}+)?|{_D}+(?:[.．]{_D}+)?)"
    rf"(?![0-9０-９A-Za-z])"
)
_CN_NUM = (
    r"(?<![第零〇○一二两三四五六七八九十百千万亿])(?P<cn>[零〇○一二两三四五六七八九十百千万亿]+)"
)
_PLACEHOLDER = r"(?<![A-Za-z])(?P<ph>[xXｘＸ×]{1,4})(?![A-Za-z])"
_TAIL = (
    r"(?P<mult>[万亿](?!元))?(?P<mid>余|多)?(?P<mult2>[万亿](?!元))?"
    rf"(?P<unit>{_alt(UNITS)})?"
    rf"(?P<post>{_alt(APPROXIMATE_SUFFIXES[:3])})?"
)
_NUMBER = re.compile(rf"{_PREFIX}(?:{_ARABIC}|{_CN_NUM}|{_PLACEHOLDER}){_TAIL}")
_ISO_DATE = re.compile(
    r"(?<![0-9０-９])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[-./])(?P<m>[0-9]{1,2})(?P=sep)"
    r"(?P<d>[0-9]{1,2})(?![0-9])"
)
_CN_UNIT_SET = frozenset(CHINESE_COUNT_UNITS)


# --------------------------------------------------------------------------- parsing


def _chinese_value(s: str) -> tuple[int, bool] | None:
    """The value of a Chinese numeral and whether it is a bare digit sequence (二〇一九).

    ``None`` when ``s`` is not a well-formed numeral (一二, 十十, 万).
    """
    if len(s) > 1 and all(ch in _CN_DIGITS for ch in s):
        return int("".join(str(_CN_DIGITS[ch]) for ch in s)), True
    total = section = 0
    num: int | None = None
    prev = ""
    for ch in s:
        if ch in _CN_DIGITS:
            if num is not None and prev not in _CN_ZEROS:
                return None  # 一二: two digits in a row are not a numeral
            num = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            if prev in _CN_SMALL:
                return None
            section += (1 if num is None else num) * _CN_SMALL[ch]
            num = None
        else:  # 万 亿
            if not prev or prev in _CN_LARGE:
                return None
            section += num or 0
            if ch == "亿":
                total = (total + section) * _CN_LARGE[ch]
            else:
                total += section * _CN_LARGE[ch]
            section = 0
            num = None
        prev = ch
    return total + section + (num or 0), False


def _arabic_value(s: str) -> int | Decimal:
    s = s.translate(_DIGIT_FOLD).replace(",", "")
    return Decimal(s) if "." in s else int(s)


def _scale(value: int | Decimal, factor: int) -> int | Decimal:
    scaled = value * factor
    if isinstance(scaled, Decimal) and scaled == scaled.to_integral_value():
        return int(scaled)
    return scaled


def _false_count(text: str, cn_start: int, unit_start: int) -> bool:
    return text.startswith(CHINESE_FALSE_COUNTS, cn_start) or text.startswith(
        CHINESE_FALSE_COUNTS, unit_start
    )


def _build(m: re.Match[str], text: str, *, whole: bool, offset: int = 0) -> Number | None:
    """The number ``m`` matched in ``text``, or ``None``; ``offset`` is added to its span."""
    unit = m.group("unit")
    approximate = bool(m.group("pre") or m.group("mid") or m.group("post"))
    start, end = m.start(), m.end()
    if m.group("ph") is not None:
        if unit is None and not whole:
            return None
        return Number(
            value=None,
            raw=text[start:end],
            start=start + offset,
            end=end + offset,
            unit=unit,
            approximate=approximate,
            placeholder=True,
        )
    value: int | Decimal
    signed = False
    if m.group("cn") is not None:
        cn = m.group("cn")
        if m.group("mult") or m.group("mult2"):
            return None  # 十万 is inside the numeral already; 十万万 is not a number
        if unit == "元" and len(cn) > 1 and cn[-1] in _CN_LARGE:
            cn, unit = cn[:-1], cn[-1] + unit  # 十万元: ten 万元, as written
        parsed = _chinese_value(cn)
        if parsed is None:
            return None
        value, is_sequence = parsed
        if is_sequence:
            # 二〇一九年 is a year; any other digit run (一二, 三五个) is not a number.
            if len(cn) != 4 or value < 1900 or unit not in ("年", None) or not (whole or unit):
                return None
        elif unit is None:
            # A bare Chinese numeral is a number only as a whole cell, or after an
            # approximate prefix when it has a magnitude (近百, 约二十).
            if not whole and not (m.group("pre") and any(c in cn for c in "十百千万亿")):
                return None
        elif not whole and (
            unit not in _CN_UNIT_SET or _false_count(text, m.start("cn"), m.start("unit"))
        ):
            return None  # 四类, 近三年, 统一条例: words, not counts
    else:
        value = _arabic_value(m.group("num"))
        sign = m.group("sign")
        if sign:
            signed = True
            if sign in "-－":
                value = -value
    for group in ("mult", "mult2"):
        mult = m.group(group)
        if mult:
            value = _scale(value, _MULTIPLIERS[mult])
    if unit == "％":
        unit = "%"
    if unit is not None and m.group("cn") is None and unit in ("年", "月", "日"):
        approximate = approximate and bool(m.group("pre"))
    return Number(
        value=value,
        raw=text[start:end],
        start=start + offset,
        end=end + offset,
        unit=unit,
        approximate=approximate,
        signed=signed,
    )


def _iso_dates(text: str) -> Iterator[Number]:
    for m in _ISO_DATE.finditer(text):
        for group, unit in (("y", "年"), ("m", "月"), ("d", "日")):
            yield Number(
                value=int(m.group(group)),
                raw=m.group(group),
                start=m.start(group),
                end=m.end(group),
                unit=unit,
            )


def find_numbers(text: str) -> Iterator[Number]:
    """Every number in ``text``, in order, with the unit written after it.

    Arabic numerals (half- or full-width, ``1,234`` separators, decimals, a
    ``万``/``亿`` multiplier) are always taken; Chinese numerals only with a
    count unit after them (:data:`CHINESE_COUNT_UNITS`) or after an
    approximate prefix (``近百``); placeholders (``xx条``) only with a unit.
    Numbers after ``第`` are ordinals and skipped. ISO-like dates
    (``2019-01-01``) come back as three numbers with units ``年``, ``月``, ``日``.

    >>> [(n.raw, n.value) for n in find_numbers("第十三条规定，办理三件，一是答复及时")]
    [('三件', 3)]
    >>> [(n.raw, n.placeholder) for n in find_numbers("收到申请xx条，X件未办结")]
    [('xx条', True), ('X件', True)]
    """
    dates = list(_iso_dates(text))
    taken = [(d.start, d.end) for d in dates]
    found: list[Number] = list(dates)
    pos = 0
    while True:
        m = _NUMBER.search(text, pos)
        if m is None:
            break
        if m.end() == m.start():
            pos = m.end() + 1
            continue
        number = _build(m, text, whole=False)
        if number is None:
            # Try again one character later (近一步 → not 近, but maybe a later match).
            pos = m.start() + 1
            if m.group("cn") is not None:
                pos = m.end("cn")
            continue
        pos = m.end()
        if any(s < number.end and number.start < e for s, e in taken):
            continue
        found.append(number)
    found.sort(key=lambda n: n.start)
    yield from found


def read_number(text: str) -> Number | None:
    """Read ``text`` as one whole number (a table cell, a value after a label).

    Surrounding white space is ignored; offsets are into ``text``. Returns
    ``None`` when ``text`` is blank, is not a number, or holds more than one
    number. A bare Chinese numeral is accepted here (``三``, ``两``), since a
    whole cell is not a word.

    >>> n = read_number(" 251000元 "); (n.value, n.unit, n.start, n.end)
    (251000, '元', 1, 8)
    >>> read_number("-3").value, read_number("0").value, read_number("两").value
    (-3, 0, 2)
    >>> read_number("12 34") is None
    True
    """
    stripped = text.strip()
    if not stripped:
        return None
    offset = len(text) - len(text.lstrip())
    if stripped.isdigit() and stripped.isascii():
        # The commonest cell, a plain count: what the pattern would give, without it.
        return Number(value=int(stripped), raw=stripped, start=offset, end=offset + len(stripped))
    m = _NUMBER.fullmatch(stripped)
    if m is None:
        return None
    return _build(m, stripped, whole=True, offset=offset)


def blank_kind(text: str) -> BlankKind | None:
    """How a blank cell was written, or ``None`` when ``text`` is not a blank.

    >>> [blank_kind(t) for t in ("", "/", "--", "不适用", "无", "3")]
    ['empty', 'slash', 'dash', 'not_applicable', 'none_word', None]
    """
    s = "".join(text.split())
    if not s:
        return "empty"
    if s in SLASHES:
        return "slash"
    if s in DASHES:
        return "dash"
    if s in NOT_APPLICABLE:
        return "not_applicable"
    if s in NONE_WORDS:
        return "none_word"
    return None
