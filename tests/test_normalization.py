"""Tests for govdisclosure.normalization: the fixers, the config, the maps, seed 002 end to end."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure.document import DocumentBuilder, Piece, Run
from govdisclosure.normalization import (
    NormalizeConfig,
    Step,
    _anchored_sites,
    _sites,
    apply_plan,
    normalize,
    normalize_lines,
    normalize_piece,
    resolve_config,
    slice_piece,
)
from govdisclosure.normalization.fixers import (
    _TONED,
    BOILERPLATE_HINTS,
    FIXERS,
    PINYIN_GLOSS,
    SPAM_HINTS,
    TRIGGERS,
    _width_pattern,
    _width_table,
    drop_boilerplate,
    flag_spam,
    fold_width,
    repair_gbk_shift,
    site_anchors,
)
from govdisclosure.normalization.script import (
    TRADITIONAL_SAMPLE,
    TRADITIONAL_SHARE,
    convert_to_simplified,
    is_traditional,
    traditional_table,
)

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
REAL = Path(__file__).parent / "fixtures" / "real"
SEED_002 = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
SEED_004 = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)")


def _pieces(text: str) -> list[str]:
    config = resolve_config(None, text)
    return [normalize_piece(line, config).text for line in text.splitlines()]


def test_seed_002_pieces_are_simplified_without_glosses() -> None:
    lines = _pieces(SEED_002)
    joined = "\n".join(lines)
    assert not GLOSS.search(joined)
    assert not is_traditional(joined)
    assert lines[0] == "临湘市人民政府长安街道办事处2019年度政府信息公开工作年度报告"


def test_seed_002_headings_are_recovered() -> None:
    headings = [line[:3] for line in _pieces(SEED_002) if line.startswith("（")]
    assert headings == ["（一）", "（二）", "（三）", "（一）", "（二）"]


def test_seed_002_whole_text_matches_line_by_line() -> None:
    assert normalize(SEED_002).text.splitlines() == _pieces(SEED_002)


def test_seed_002_first_heading_reads_in_full() -> None:
    config = resolve_config(None, SEED_002)
    piece = normalize_piece("。ㄒ唬┌盐罩攸c(diǎn),鞏固成果", config)
    assert piece.text == "（一）把握重点,巩固成果"
    assert piece.fixes == ("repair_gbk_shift", "strip_pinyin_gloss", "to_simplified")
    assert piece.marks == ()


def test_seed_002_lost_bytes_are_flagged_damaged() -> None:
    config = resolve_config(None, SEED_002)
    piece = normalize_piece("。ǘ┱拇胧", config)
    assert piece.text.startswith("（二）")
    assert [m.kind for m in piece.marks] == ["damaged"]


def test_shifted_away_ordinal_is_kept_and_flagged() -> None:
    fix = repair_gbk_shift("。、強(qiáng)化辦公室職能")
    assert fix.text == "。、強(qiáng)化辦公室職能"
    assert [(m.kind, m.start, m.end) for m in fix.marks] == [("damaged", 0, 1)]


def test_piece_map_leads_back_to_raw_heading() -> None:
    raw = "。ㄒ唬┐嬖趩栴}"
    piece = normalize_piece(raw, NormalizeConfig(to_simplified=True), raw_start=100)
    assert piece.text == "（一）存在问题"
    assert piece.map.source_span(0, len(piece.text)) == (0, len(raw))
    assert piece.raw_start == 100


def test_map_of_a_kept_character_skips_glosses() -> None:
    raw = "本報(bào)告根據(jù)條例"
    result = normalize(raw)
    start = result.text.index("条例")
    assert result.map.source_span(start, start + 2) == (raw.index("條例"), raw.index("條例") + 2)


def test_resolve_config_decides_script_once() -> None:
    assert resolve_config(None, SEED_002).to_simplified is True
    assert resolve_config(None, SEED_004).to_simplified is False
    forced = NormalizeConfig(to_simplified=False)
    assert resolve_config(forced, SEED_002).to_simplified is False


def test_resolve_config_switches_off_fixers_the_document_cannot_need() -> None:
    assert resolve_config(None, SEED_002).strip_pinyin_gloss is True
    assert resolve_config(None, SEED_004).strip_pinyin_gloss is False
    assert resolve_config(None, SEED_004).flag_spam is True  # 365足球即时比分
    assert resolve_config(None, "一、总体情况").flag_spam is False


def test_switched_off_fixers_give_the_same_pieces() -> None:
    # The per-document switches are an optimisation: every line normalises as under
    # the full config.
    for sample in (SEED_002, SEED_004):
        full = attrs.evolve(
            resolve_config(None, sample),
            **dict.fromkeys(
                (
                    "repair_gbk_shift",
                    "fold_width",
                    "strip_pinyin_gloss",
                    "rejoin_split_numbers",
                    "drop_boilerplate",
                    "flag_spam",
                ),
                True,
            ),
        )
        fast = resolve_config(None, sample)
        for line in sample.splitlines():
            a, b = normalize_piece(line, full), normalize_piece(line, fast)
            assert (a.text, a.marks, a.fixes) == (b.text, b.marks, b.fixes)


def test_simplified_document_is_not_converted() -> None:
    shuyang = (REAL / "shuyang_fgj_2023.html").read_text(encoding="utf-8")
    assert resolve_config(None, shuyang).to_simplified is False


def test_disabled_fixer_does_not_run() -> None:
    config = NormalizeConfig(strip_pinyin_gloss=False, to_simplified=False)
    assert normalize("年度報(bào)告", config).text == "年度報(bào)告"


def test_steps_replay_with_apply_plan() -> None:
    result = normalize(SEED_002)
    assert [s.fixer for s in result.steps] == [
        "repair_gbk_shift",
        "strip_pinyin_gloss",
        "to_simplified",
        "rejoin_split_numbers",
    ]
    assert apply_plan(SEED_002, result.steps) == result.text
    assert apply_plan("年度報(bào)告", ["strip_pinyin_gloss"]) == "年度報告"


def test_apply_plan_rejects_unknown_fixer() -> None:
    with pytest.raises(KeyError):
        apply_plan("x", [Step(fixer="no_such_fixer")])


def test_spam_is_flagged_where_the_organ_name_was() -> None:
    line = "主办:365足球即时比分 承办:镇原县政府信息化工作办公室"
    piece = normalize_piece(line, resolve_config(None, SEED_004))
    assert piece.text == line
    assert [(m.kind, line[m.start : m.end]) for m in piece.marks] == [("spam", "365足球即时比分")]


def test_spam_terms_do_not_flag_report_text() -> None:
    report_body = "\n".join(SEED_002.splitlines()[:12])
    assert flag_spam(report_body).marks == ()


@pytest.mark.parametrize("text", ["校园足球联赛", "体育彩票公益金使用情况"])
def test_spam_terms_need_a_gambling_context_for_football(text: str) -> None:
    kinds = [m.note for m in flag_spam(text).marks]
    assert "足球" not in "".join(kinds)


def test_page_mark_of_pdf_text_becomes_empty() -> None:
    first = (REAL / "huaian_2024_tables.txt").read_text(encoding="utf-8").splitlines()[0]
    assert first == "- 4 -"
    assert normalize_piece(first, NormalizeConfig()).text == ""


def test_boilerplate_only_piece_maps_to_its_whole_raw() -> None:
    fix = drop_boilerplate("  第 3 页  ")
    assert fix.text == ""
    assert fix.map.source_length == len("  第 3 页  ")


def test_fold_width_keeps_chinese_punctuation() -> None:
    assert fold_width("（二）：１，２。").text == "（二）：1，2。"


_FOLDED = {"\u3000": " ", "\u00a0": " "}


def _source_folds_to(src: str, out: str) -> bool:
    if src == out:
        return True
    if _FOLDED.get(src) == out or src == " ":
        return True
    folded = unicodedata.normalize("NFKC", src)
    if folded == out:
        return True
    # A compatibility ideograph folds first, then converts: U+F915 → 駱 → 骆.
    return out in (FIXERS["to_simplified"](src).text, FIXERS["to_simplified"](folded).text)


_ALPHABET = st.sampled_from(
    [
        *"報(bào)告條例１２３４５６７８９０％．，。、（一）二三ǘ┱ㄒ唬┌攸c \u3000\u200b⼀-—第页0123456789. %",
        "。ㄒ唬┌盐罩攸c(diǎn)",
        "365足球即时比分",
        "【字体:大 中 小】",
        "\n",
    ]
)
_MIXED = st.one_of(st.text(max_size=40), st.lists(_ALPHABET, max_size=30).map("".join))


@given(_MIXED)
@settings(max_examples=300, deadline=None)
def test_normalize_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once.text).text == once.text


@given(_MIXED)
@settings(max_examples=300, deadline=None)
def test_normalize_map_spans_point_at_their_source(text: str) -> None:
    result = normalize(text, NormalizeConfig(to_simplified=True))
    assert result.map.derived_length == len(result.text)
    assert result.map.source_length == len(text)
    for i, ch in enumerate(result.text):
        start, end = result.map.source_span(i, i + 1)
        assert 0 <= start <= end <= len(text)
        if end - start == 1:
            assert _source_folds_to(text[start], ch)


@given(_MIXED)
@settings(deadline=None)
def test_marks_lie_inside_the_text(text: str) -> None:
    result = normalize(text)
    for mark in result.marks:
        assert 0 <= mark.start <= mark.end <= len(result.text)


# --------------------------------------------------------------------------- whole-text pass


def _lines_match_pieces(text: str, config: NormalizeConfig) -> None:
    lines = normalize_lines(text, config)
    assert len(lines) == len(text.split("\n"))
    for i, raw in enumerate(text.split("\n")):
        start = lines.start[i]
        assert lines.raw[i] == raw == text[start : start + len(raw)]
        want = normalize_piece(raw, config, raw_start=start)
        assert lines.text[i] == want.text
        n = len(want.text)
        for a, b in ((0, n), (0, n // 2), (n // 3, n), (1, max(1, n - 1))):
            if not 0 <= a <= b <= n:
                continue
            got, ref = lines.piece(i, a, b), slice_piece(want, a, b)
            assert (got.text, got.raw, got.raw_start, got.path) == (
                ref.text,
                ref.raw,
                ref.raw_start,
                ref.path,
            )
            assert (got.map, got.marks, got.fixes) == (ref.map, ref.marks, ref.fixes)
            _run_is_piece(lines.run(i, a, b), ref)
    for i in range(len(lines)):
        n = len(lines.text[i])
        parts = [(0, n // 3), (n // 3, n // 2), (n // 2, n)]
        for part, (a, b) in zip(lines.runs(i, parts), parts, strict=True):
            _run_is_piece(part, lines.piece(i, a, b))


def _run_is_piece(run: Run, piece: Piece) -> None:
    """A document holding ``run`` is one holding ``piece``: text, fixes, marks, way back."""
    by_run, by_piece = DocumentBuilder(source_kind="text"), DocumentBuilder(source_kind="text")
    by_run.add_table_runs([[run]], layout="lines")
    by_piece.add_table([[piece]], layout="lines")
    one, other = by_run.build(), by_piece.build()
    assert (one.text, one.blocks, one.fixes, one.marks) == (
        other.text,
        other.blocks,
        other.fixes,
        other.marks,
    )
    assert one.source_text() == other.source_text()
    n = len(one.text)
    for start in range(n + 2):
        for end in {start, start + 1, n, n + 2}:
            if end >= start:
                assert one.locate(start, end) == other.locate(start, end), (start, end)


_DOCUMENTS = [
    p.read_text(encoding="utf-8")
    for p in sorted([*SEEDS.glob("*.txt"), *REAL.glob("*.txt"), *REAL.glob("*.md")])
]


@pytest.mark.parametrize("index", range(len(_DOCUMENTS)))
def test_normalize_lines_is_normalize_piece_per_line(index: int) -> None:
    text = _DOCUMENTS[index]
    _lines_match_pieces(text, resolve_config(None, text))


_LINE_ALPHABET = st.sampled_from(
    [
        *"報(bào)告條例１２３４５６７８９０％．，。、（一）二三ǘ┱ㄒ唬┌攸c \u3000\u200b⼀⾴-—第页共",
        *"0123456789. %％|足彩\n\n\n",
        "。ㄒ唬┌盐罩攸c(diǎn)",
        "。、",
        "365足球即时比分",
        "【字体:大 中 小】",
        "【打印】",
        "关闭窗口",
        "返回顶部",
        "字号：大 中",
        "2/3页",
        "- 4 -",
        "1. 8 %",
        "3 .5",
    ]
)


@given(st.lists(_LINE_ALPHABET, max_size=40).map("".join), st.booleans())
@settings(max_examples=300, deadline=None)
def test_normalize_lines_matches_line_by_line_on_mixed_text(text: str, full: bool) -> None:
    config = resolve_config(None, text)
    if full:  # every fixer on, whatever the document holds
        config = NormalizeConfig(to_simplified=config.to_simplified)
    _lines_match_pieces(text, config)


@pytest.mark.parametrize(
    "text",
    ["- 4 -\n正文\n第 2 页\n【打印】", "正文\n\n- 4 -", "第1页 共3页", "\n\n\u3000- 12 -\n"],
)
def test_normalize_lines_finds_boilerplate_lines_anywhere(text: str) -> None:
    # The line-start pattern is run over the text led by a line break: the first
    # line, the last one and lines after empty ones are all sites.
    _lines_match_pieces(text, NormalizeConfig(to_simplified=False))


def test_normalize_lines_with_undecided_script_judges_each_line() -> None:
    text = "本報告根據條例\n本报告\n"
    _lines_match_pieces(text, NormalizeConfig())


def test_width_variants_and_traditional_characters_are_apart() -> None:
    # resolve_config folds the converted text and converts the folded runs again,
    # which is folding then converting only if no character is in both tables
    # and no conversion gives a width variant.
    width, script = _width_table(), traditional_table()
    assert not set(width) & set(script)
    assert not {ord(v) for v in script.values()} & set(width)


def test_convert_to_simplified_is_the_table() -> None:
    # Every traditional character (astral ones too), characters around them and
    # beyond the last one convert as the dict table says.
    table = traditional_table()
    keys = sorted(table)
    text = "".join(chr(k) for k in keys) + "本报告 a\n\uffff\U0010ffff" + chr(keys[-1] + 1)
    assert convert_to_simplified(text) == text.translate(table)
    assert convert_to_simplified("𡞵") == table[ord("𡞵")]


def _is_traditional_by_definition(sample: str) -> bool:
    sample = sample[:TRADITIONAL_SAMPLE]
    table = traditional_table()
    han = sum(1 for ch in sample if "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff")
    traditional = sum(1 for ch in sample if ord(ch) in table)
    return bool(han) and traditional >= 2 and traditional / han >= TRADITIONAL_SHARE


# 𡞵 and 𠁞 are traditional characters beyond the BMP.
_SCRIPT_ALPHABET = st.sampled_from([*"本報告根據條例编制报告根据条例, a\n𠂢𡞵𠁞𠀾"])


@given(st.lists(_SCRIPT_ALPHABET, max_size=3000).map("".join))
@settings(max_examples=200, deadline=None)
def test_is_traditional_counts_as_defined(sample: str) -> None:
    assert is_traditional(sample) == _is_traditional_by_definition(sample)


@pytest.mark.parametrize("index", range(len(_DOCUMENTS)))
def test_is_traditional_on_documents(index: int) -> None:
    text = _DOCUMENTS[index]
    for sample in (text, text[:1500], text * 8):
        assert is_traditional(sample) == _is_traditional_by_definition(sample)


@given(_MIXED)
@settings(deadline=None)
def test_hint_triggers_are_substring_tests(text: str) -> None:
    assert TRIGGERS["drop_boilerplate"](text) == any(h in text for h in BOILERPLATE_HINTS)
    assert TRIGGERS["flag_spam"](text) == any(h in text for h in SPAM_HINTS)


@given(_MIXED)
@settings(deadline=None)
def test_prefiltered_triggers_are_their_expressions(text: str) -> None:
    assert TRIGGERS["fold_width"](text) == bool(_width_pattern().search(text))
    assert TRIGGERS["strip_pinyin_gloss"](text) == bool(PINYIN_GLOSS.search(text))


def test_every_tone_mark_trips_the_gloss_trigger() -> None:
    # The trigger skips the rest on text in NFD: every toned letter must leave it.
    for ch in _TONED:
        assert TRIGGERS["strip_pinyin_gloss"](f"报({ch})告"), ch


def test_every_width_variant_trips_the_width_trigger() -> None:
    # The trigger skips the expression on text in NFKC: every variant must leave it.
    for cp in _width_table():
        assert TRIGGERS["fold_width"](f"本{chr(cp)}报告"), hex(cp)


@given(st.lists(_LINE_ALPHABET, max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_anchored_sites_are_the_sites(text: str) -> None:
    raw = text.split("\n")
    start = [0]
    for line in raw[:-1]:
        start.append(start[-1] + len(line) + 1)
    for pattern, anchors in site_anchors().items():
        want = set(_sites(pattern, text, start))
        assert set(_anchored_sites(pattern, anchors, text, start)) == want


@pytest.mark.parametrize("to_simplified", [True, False])
def test_a_line_of_white_space_stays_white_space(to_simplified: bool) -> None:
    # The text reader takes a line blank in the source for blank without looking again.
    config = NormalizeConfig(to_simplified=to_simplified)
    for code in range(0x110000):
        ch = chr(code)
        if ch.isspace() and ch != "\n":
            assert not normalize_piece(f"{ch} {ch}\t", config).text.strip(), hex(code)


@pytest.mark.parametrize(
    "line", ["", " ", "\u3000", "7", " 7 ", "\u3000行政许可\u3000", "報告 ", " a b "]
)
def test_stripped_run_is_the_run_of_the_stripped_line(line: str) -> None:
    text = f"前\n{line}\n后"
    lines = normalize_lines(text, resolve_config(None, text))
    normalised = lines.text[1]
    start = len(normalised) - len(normalised.lstrip())
    assert lines.stripped_run(1) == lines.run(1, start, start + len(normalised.strip()))
