"""gazetteer: GB/T 2260 units, former names, leftmost-longest scan, lazy loading."""

from __future__ import annotations

import random
import subprocess
import sys

from govdisclosure.gazetteer import gazetteer, resolve_region
from govdisclosure.model import Region


def test_gazetteer_holds_the_county_level_units() -> None:
    assert len(gazetteer()) > 3000


def test_lookup_of_a_unique_county() -> None:
    (unit,) = gazetteer().lookup("沭阳县")
    assert (unit.code, unit.level, unit.parent) == ("321322", "county", "321300")


def test_lookup_of_a_repeated_name_gives_every_unit() -> None:
    assert {u.code for u in gazetteer().lookup("朝阳区")} == {"110105", "220104"}


def test_former_name_points_at_the_renamed_unit() -> None:
    (unit,) = gazetteer().lookup("那曲地区")
    assert unit.name == "那曲市"


def test_region_of_a_municipality_district_repeats_the_municipality() -> None:
    assert gazetteer().region("110105") == Region(
        province="北京市", city="北京市", county="朝阳区", code="110105"
    )


def test_find_is_leftmost_longest() -> None:
    names = [m.name for m in gazetteer().find("山西省临汾市古县人民政府")]
    assert names == ["山西省", "临汾市", "古县"]


def test_resolve_from_footer_line() -> None:
    r = resolve_region(["主办:山西省临汾市古县人民政府"])
    assert r.region == Region(province="山西省", city="临汾市", county="古县", code="141025")


def test_resolve_refuses_an_ambiguous_name() -> None:
    assert resolve_region(["城区人民政府"]).region == Region()


def test_resolve_uses_a_parent_from_the_context() -> None:
    r = resolve_region(["城区人民政府"], context="晋城市")
    assert r.region.code == "140502"


def test_resolve_lower_source_only_refines() -> None:
    r = resolve_region(["上海市科委", "江苏省宿迁市沭阳县"])
    assert (r.region.province, r.source) == ("上海市", 0)


def test_resolve_lower_source_refines_inside_the_first() -> None:
    r = resolve_region(["上海市科委", "上海市徐汇区"])
    assert (r.region.county, r.source) == ("徐汇区", 1)


def test_spam_text_resolves_nothing() -> None:
    assert resolve_region(["365足球即时比分"]).region == Region()


def test_import_does_not_load_the_gazetteer() -> None:
    code = (
        "import govdisclosure, govdisclosure.gazetteer as g\n"
        "assert g.gazetteer.cache_info().currsize == 0\n"
        "g.gazetteer(); g.gazetteer()\n"
        "assert g.gazetteer.cache_info().misses == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _find_by_position(text: str) -> list[tuple[str, int]]:
    """The scan ``find`` must agree with: at each position the longest name, else move on."""
    g = gazetteer()
    longest = max(len(n) for n in g._by_name)
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(text) - 1:
        hit = next(
            (text[i : i + k] for k in range(longest, 1, -1) if g.lookup(text[i : i + k])), None
        )
        if hit is None:
            i += 1
        else:
            out.append((hit, i))
            i += len(hit)
    return out


def test_find_agrees_with_a_scan_of_every_position() -> None:
    rng = random.Random(6)
    names = sorted(gazetteer()._by_name)
    filler = list("人民政府市区县省州旗中山东西南北新城关于本级和、，。 \n")
    for _ in range(300):
        parts = [
            rng.choice(names)[rng.randrange(2) :] if rng.random() < 0.5 else rng.choice(filler)
            for _ in range(rng.randrange(1, 12))
        ]
        text = "".join(parts)
        found = [(m.name, m.start) for m in gazetteer().find(text)]
        assert found == _find_by_position(text), text
