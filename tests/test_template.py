"""Tests for govdisclosure.extract.template: label folding, the cue prefilter."""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.extract.template import (
    _SAFE_START,
    CUE_KEYS,
    T2_CUES,
    T3_CUES,
    T4_CUES,
    fold_label,
    fold_labels,
    may_hold_cue,
)

_SPACE = re.compile(r"[\s\u3000]+")
_QUOTES = re.compile(r"[\"'“”‘’「」『』]")


def _reference(text: str) -> str:
    """fold_label as specified: NFKC, then no white space, then no quotes."""
    return _QUOTES.sub("", _SPACE.sub("", unicodedata.normalize("NFKC", text)))


def test_str_split_splits_on_exactly_the_white_space_of_re() -> None:
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        assert (ch.split() == []) == bool(_SPACE.fullmatch(ch)), hex(cp)


def test_full_width_forms_are_one_ascii_character_under_nfkc() -> None:
    for cp in range(0xFF01, 0xFF5F):
        assert unicodedata.normalize("NFKD", chr(cp)) == chr(cp - 0xFEE0)


def test_fold_label_folds_real_labels() -> None:
    assert fold_label("（二）部分公开（区分处理的， 只计这一情形）") == (
        "(二)部分公开(区分处理的,只计这一情形)"
    )
    assert fold_label("“三安全一稳定”\u3000") == "三安全一稳定"
    assert fold_label("⾏政复议") == "行政复议"  # a Kangxi radical, left to full NFKC
    assert fold_label("＞\u0338 １２") == "≯12"  # a full-width form composing with a mark


_LABEL_CHARS = st.sampled_from(
    [
        *"（）：，；。、１２ＡａAa12 \u3000\t\n\"'“”「」⾏⼀行政申请人况",
        "\u0338",
        "\u00a0",
        "\ufb01",
    ]
)


@given(st.text(_LABEL_CHARS, max_size=40))
def test_fold_label_matches_the_reference(text: str) -> None:
    assert fold_label(text) == _reference(text)


@given(st.text(max_size=40))
def test_fold_label_matches_the_reference_on_any_text(text: str) -> None:
    assert fold_label(text) == _reference(text)


_CUE_PATTERNS = (T2_CUES, T3_CUES, T4_CUES)


def test_every_cue_alternative_holds_a_key_character() -> None:
    for cue in _CUE_PATTERNS:
        for alternative in cue.pattern.split("|"):
            assert CUE_KEYS.search(alternative), alternative


def test_every_character_folding_to_a_key_character_is_a_key() -> None:
    keys = set(CUE_KEYS.pattern.strip("[]"))
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if keys & set(unicodedata.normalize("NFKC", ch)):
            assert CUE_KEYS.fullmatch(ch), hex(cp)


_CUE_CHARS = st.sampled_from(
    [*"行政复议诉讼申请人情况第二十条（五）项信息内容勾稽 \u3000“”", "⾏", "\ufa71"]
)


@given(st.text(_CUE_CHARS, max_size=20) | st.text(max_size=20))
def test_a_text_without_a_key_character_folds_to_one_without_a_cue(text: str) -> None:
    folded = fold_label(text)
    if any(cue.search(folded) for cue in _CUE_PATTERNS):
        assert may_hold_cue(text)


def _second_elements() -> set[str]:
    """The characters that compose with one before them (second of a canonical pair, Hangul V/T)."""
    out = {chr(c) for c in (*range(0x1161, 0x1176), *range(0x11A8, 0x11C3))}
    for cp in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            out.add(chr(int(parts[1], 16)))
    return out


def test_safe_starts_are_starters_that_compose_with_nothing_before_them() -> None:
    second = _second_elements()
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if _SAFE_START.match(ch):
            first = unicodedata.normalize("NFKD", ch)[0]
            assert not unicodedata.combining(first), hex(cp)
            assert first not in second, hex(cp)


_JOIN_CHARS = st.sampled_from(
    [*"（）“”，行政 \u3000a1", "\u0301", "\u0338", "\u302a", "\u1100", "\u1161", "\uff9e", "⾏"]
)


@given(st.lists(st.text(_JOIN_CHARS, max_size=6) | st.text(max_size=6), max_size=6))
def test_fold_labels_is_the_folds_joined(texts: list[str]) -> None:
    assert fold_labels(texts) == "".join(fold_label(t) for t in texts)
