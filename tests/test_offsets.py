from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.offsets import OffsetMap, rewrite, sub_with_map

GLOSS = re.compile(r"\([a-zà-ǜ]+\)")


def test_identity_maps_every_position_to_itself() -> None:
    omap = OffsetMap.identity(10)
    assert omap.is_identity
    assert omap.source_span(3, 7) == (3, 7)


def test_deleted_gloss_maps_back_over_the_deletion() -> None:
    text, omap, n = sub_with_map(GLOSS, lambda m: "", "報(bào)告")
    assert (text, n) == ("報告", 1)
    assert omap.source_span(0, 2) == (0, 7)
    assert omap.source_span(1, 2) == (6, 7)


def test_replacement_maps_to_the_whole_replaced_range() -> None:
    text, omap = rewrite("。ㄒ唬┌把", [(0, 4, "（一）")])
    assert text == "（一）把"
    assert omap.source_span(1, 2) == (0, 4)
    assert omap.source_span(3, 4) == (4, 5)


def test_compose_chains_two_repairs_back_to_the_original() -> None:
    first, m1 = rewrite("ab報(bào)告cd", [(3, 8, "")])
    second, m2 = rewrite(first, [(0, 2, "")])
    chained = m2.compose(m1)
    assert (first, second) == ("ab報告cd", "報告cd")
    assert chained.source_span(1, 2) == (8, 9)
    assert chained.source_span(2, 4) == (9, 11)


def test_rewrite_refuses_overlapping_edits() -> None:
    try:
        rewrite("abcdef", [(0, 3, "x"), (2, 4, "y")])
    except ValueError:
        return
    raise AssertionError("overlapping edits were accepted")


@given(st.text(max_size=60), st.data())
def test_kept_text_maps_back_to_identical_source_text(source: str, data: st.DataObject) -> None:
    # Delete a few random ranges; every kept character must map to itself in the source.
    cuts = sorted(data.draw(st.sets(st.integers(0, len(source)), max_size=6)))
    edits = [(a, b, "") for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    text, omap = rewrite(source, edits)
    for i, ch in enumerate(text):
        a, b = omap.source_span(i, i + 1)
        assert source[a:b] == ch
