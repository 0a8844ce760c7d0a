"""Traditional → simplified script, character by character, from OpenCC's own data.

The pure-Python OpenCC port converts phrase by phrase and is slow; reports need
only the character level (templates.md V12), so we read OpenCC's
``TSCharacters.txt`` once, lazily, keep the first candidate of each entry, and
convert with :meth:`str.translate` over a list of the code points of the BMP
(a dict table costs a failed lookup, an exception raised and cleared, per
unmapped character; an array a new integer per character looked up). Lexical
conversions (``檔案`` for 文件) are out of scope: they are words, not characters.

Detection is cheap: the share of Han characters that exist only in traditional
script (keys of the table that convert to another character), counted with one
regular-expression character set and stopped as soon as the answer is certain.

>>> convert_to_simplified("長安街道辦事處年度報告")
'长安街道办事处年度报告'
>>> is_traditional("本報告根據條例編制"), is_traditional("本报告根据条例编制")
(True, False)
"""

from __future__ import annotations

import functools
import re
from importlib import resources

__all__ = [
    "TRADITIONAL_SAMPLE",
    "TRADITIONAL_SHARE",
    "convert_to_simplified",
    "is_traditional",
    "traditional_table",
]

TRADITIONAL_SHARE = 0.05
"""A text is traditional when at least this share of its Han characters are traditional-only."""

TRADITIONAL_MIN = 2
"""... and at least this many of them (one stray 於 in a name does not make a document)."""

TRADITIONAL_SAMPLE = 20_000
"""Characters of a document looked at to decide its script."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CHUNK = 1000
"""Characters counted before :func:`is_traditional` checks whether it can stop."""
_DICTIONARIES = ("TSCharacters.txt",)


@functools.cache
def traditional_table() -> dict[int, str]:
    """The character table traditional → simplified (first OpenCC candidate), loaded once.

    The table is closed under itself, so converting twice changes nothing.
    """
    table: dict[str, str] = {}
    base = resources.files("opencc") / "dictionary"
    for name in _DICTIONARIES:
        for line in (base / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            if len(key) != 1 or not values:
                continue
            first = values.split()[0]
            if len(first) == 1 and first != key:
                table.setdefault(key, first)
    for key, value in list(table.items()):
        seen = {key}
        while value in table and value not in seen:
            seen.add(value)
            value = table[value]
        table[key] = value
    return {ord(k): v for k, v in table.items() if k != v}


def convert_to_simplified(text: str) -> str:
    """Convert ``text`` to simplified script, character by character (same length)."""
    converted = text.translate(_code_points())
    if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return converted  # nothing beyond the BMP: no character the list leaves out
    table = traditional_table()
    return _ASTRAL.sub(lambda m: table.get(ord(m.group()), m.group()), converted)


@functools.cache
def _code_points() -> list[int]:
    """:func:`traditional_table` as a translation table over the BMP: the code point each becomes.

    A list hands :meth:`str.translate` the integers it holds, where an array
    makes one per character (a quarter of the time); it stops at the BMP, which
    holds all but a few hundred of the characters, to stay a few megabytes.
    :meth:`str.translate` keeps a character beyond the end as it is (the lookup
    raises ``IndexError``): :func:`convert_to_simplified` converts those apart.
    """
    points = list(range(0x10000))
    for key, value in traditional_table().items():
        if key < 0x10000:
            points[key] = ord(value)
    return points


def is_traditional(sample: str) -> bool:
    """True when ``sample`` reads as traditional script (see :data:`TRADITIONAL_SHARE`)."""
    sample = sample[:TRADITIONAL_SAMPLE]
    if not sample:
        return False
    table = traditional_table()
    pattern = _traditional_chars()
    traditional = 0
    if len(sample.encode("utf-16-le", "surrogatepass")) > 2 * len(sample):
        # Characters beyond the BMP (two UTF-16 units) are not in the character set.
        traditional = sum(1 for ch in _ASTRAL.findall(sample) if ord(ch) in table)
    elif pattern.search(sample) is None:
        return False  # most simplified documents: one scan finds none
    # Count a chunk at a time and stop once the share is certain: the Han
    # characters are at most all of the sample, so a count that already reaches
    # the share of the whole sample reaches the share of its Han characters.
    for start in range(0, len(sample), _CHUNK):
        traditional += len(pattern.findall(sample, start, start + _CHUNK))
        if (
            traditional >= TRADITIONAL_MIN
            and traditional / len(sample) >= TRADITIONAL_SHARE
            and _HAN.search(sample)
        ):
            return True
    if traditional < TRADITIONAL_MIN:
        return False
    han = sum(len(run) for run in _HAN.findall(sample))
    if not han:
        return False
    return traditional / han >= TRADITIONAL_SHARE


@functools.cache
def _traditional_chars() -> re.Pattern[str]:
    """One traditional-only character of the BMP.

    A set of BMP characters compiles to a lookup table; one holding characters
    beyond the BMP compiles to a list the engine walks at every position.
    """
    chars = "".join(re.escape(chr(k)) for k in sorted(traditional_table()) if k <= 0xFFFF)
    return re.compile(f"[{chars}]")
