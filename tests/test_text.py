"""Plain text → Document: paragraphs, headings and flattened tables with offsets back to the source."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import text as T
from govdisclosure.extract.template import CUE_KEYS, fold_label
from govdisclosure.normalization import NormalizedLines
from govdisclosure.text import read_text

FIXTURES = Path(__file__).parent / "fixtures"
SEED = (FIXTURES / "seeds" / "001_213733622d4d3974.txt").read_text("utf-8")
HUAIAN = (FIXTURES / "real" / "huaian_2024_tables.txt").read_text("utf-8")
KEWEI = (FIXTURES / "real" / "kewei_2024.md").read_text("utf-8")


def test_headings_and_paragraphs() -> None:
    doc = read_text("一、总体情况\n本机关认真贯彻《条例》，全面推进政务公开。\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "一、总体情况"),
        ("paragraph", "本机关认真贯彻《条例》，全面推进政务公开。"),
    ]


def test_one_cell_per_line_keeps_blank_cells() -> None:
    table = read_text(SEED).tables[0]
    assert table.layout == "lines"
    first = list(table.cells())[:3]
    assert [c.text.strip() for c in first] == ["第二十条第(一)项", "", "信息内容"]
    assert first[1].is_blank
    assert sum(1 for c in table.cells() if c.is_blank) > 10


def test_pipe_row_with_stray_empty_cells() -> None:
    table = read_text("第二十条第(一)项 | ||||\n规章 | 0 | 0 | 0 | |\n").tables[0]
    assert table.layout == "pipe"
    assert [c.text.strip() for c in table.rows[1]] == ["规章", "0", "0", "0", ""]


def test_markdown_rule_is_not_a_row() -> None:
    tables = read_text(KEWEI).tables
    md = [t for t in tables if t.layout == "markdown"]
    assert md
    assert all("---" not in c.text for t in md for c in t.cells())


def test_pdf_rows_split_label_and_numbers_and_drop_page_marks() -> None:
    tables = read_text(HUAIAN).tables
    assert all(t.layout == "pdf" for t in tables)
    rows = [[c.text for c in r] for t in tables for r in t.rows]
    assert ["（四）无 1.本机关不掌握相关政府信息", "746", "12", "0", "0", "10", "1", "769"] in rows
    assert ["- 4 -"] not in rows
    assert ["本"] in rows  # the vertical label stays, as label-only rows


def test_every_cell_locates_back_into_the_source() -> None:
    for text in (SEED, HUAIAN, KEWEI):
        doc = read_text(text)
        for table in doc.tables:
            for cell in table.cells():
                loc = doc.locate(cell.start, cell.end)
                assert text[loc.start : loc.end] == loc.raw
                assert loc.raw.strip() == cell.text.strip() or not cell.text.strip()


def test_prose_with_numbers_stays_a_paragraph() -> None:
    doc = read_text(
        "二、主动公开政府信息情况\n本年度主动公开政府信息 393 件，其中行政规范性文件 13 件。\n"
    )
    assert doc.tables == ()


@given(st.text(alphabet="第二十条项规章行政许可|0123 \n\u00a0-", max_size=200))
def test_junk_text_reads_and_locates(text: str) -> None:
    doc = read_text(text)
    for block in doc.blocks:
        loc = doc.locate(block.start, block.end)
        assert 0 <= loc.start <= loc.end <= len(text)


def _as_read(texts: list[str]) -> NormalizedLines:
    """Lines that no fixer touched: each normalised text is its raw text."""
    start = [0]
    for line in texts[:-1]:
        start.append(start[-1] + len(line) + 1)
    return NormalizedLines(texts, start, texts, {})


def _kind(text: str) -> str:
    return T._scan(_as_read([text])).kinds[0]


def _is_label_line(stripped: str) -> bool:
    return len(stripped) <= T._MAX_LABEL_LINE and not T._SENTENCE_END.search(stripped)


def _kind_by_definition(text: str) -> str:
    # Each test in full, in order, as the classification is defined.
    if not text:
        return "empty"
    if re.match(r"^[\s\u00a0\u3000]+$", text):
        return "blank"
    if T._PAGE_MARK.match(text):
        return "page"
    if T._MD_RULE.match(text) and "|" in text:
        return "rule"
    if text.count("|") >= 2 or text.lstrip().startswith("|"):
        return "pipe"
    m = T._NUM_ROW.match(text)
    if m and not T._SENTENCE_END.search(m.group("label")) and len(m.group("label")) <= 80:
        label = m.group("label")
        if not label or label[-1].isspace() or not label[-1].isdigit():
            return "numbers"
    return "text"


_ROW_PARTS = st.sampled_from(
    [
        *" \u3000\u00a0\t|-—－–/／,.:+元万第页共本年行政许可。；?１٣",
        "--",
        "---",
        "12",
        "3,5",
        "7.5",
        "万元",
    ]
)


@given(st.lists(_ROW_PARTS, max_size=25).map("".join))
def test_line_kind_is_the_defined_one(line: str) -> None:
    assert _kind(line) == _kind_by_definition(line)


def test_every_cue_holds_a_key_character() -> None:
    for alternative in T._CUES.pattern.split("|"):
        assert CUE_KEYS.search(alternative), alternative


_CUE_PARTS = st.sampled_from(
    [
        *"第二十条（(一五六八九)）项信息内容主动公开政府情况勾稽申请人收到和处理",
        *'行政复议诉讼后起直接结果维持尚未审 \u3000"“”「」⾏直ａ１',
        "信 息内容",
        "行政復議",
        "第二十条第(五)项",
    ]
)


@given(st.lists(_CUE_PARTS, max_size=12).map("".join))
def test_cue_test_is_a_search_in_the_folded_line(line: str) -> None:
    assert T._is_cue(line) == bool(T._CUES.search(fold_label(line)))


def _regions_by_definition(texts: list[str], kinds: Sequence[str]) -> list[tuple[str, int, int]]:
    # The regions as defined, a scan forward from every line that may open one.
    out: list[tuple[str, int, int]] = []
    n, i = len(kinds), 0
    while i < n:
        kind = kinds[i]
        if kind in ("empty", "blank", "page"):
            i += 1
            continue
        if kind in ("pipe", "rule"):
            j = i
            while j < n and kinds[j] in ("pipe", "rule"):
                j += 1
            out.append(("pipe", i, j))
            i = j
            continue
        if (
            (kind == "numbers" or (kind == "text" and _is_label_line(texts[i].strip())))
            and T._is_cue(texts[i])
            and not T._SECTION_HEADING.match(texts[i].strip())
        ):
            j, last_value = i, -1
            while j < n:
                k = kinds[j]
                if k in ("pipe", "rule"):
                    break
                if k == "text":
                    t = texts[j].strip()
                    if (T._SECTION_HEADING.match(t) and j > i) or not _is_label_line(t):
                        break
                if k == "numbers":
                    last_value = j
                j += 1
            if last_value >= 0:
                out.append(("cells", i, last_value + 1))
                i = last_value + 1
                continue
        out.append(("text", i, i + 1))
        i += 1
    return out


_REGION_LINES = st.sampled_from(
    [
        "",
        " ",
        "- 3 -",
        "信息内容",
        "第二十条第(五)项",
        "行政许可 97",
        "7",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况 3",
        "本机关认真贯彻《条例》，全面推进政务公开工作，取得了明显的成效和进展。",
        "短的标签",
        "完成了。",
        "| 信息内容 | 7 |",
        "|---|---|",
    ]
)


@given(st.lists(_REGION_LINES, max_size=30))
def test_regions_are_the_defined_ones(texts: list[str]) -> None:
    scan = T._scan(_as_read(texts))
    assert scan.kinds == [_kind(t) for t in texts]
    assert list(T._regions(scan)) == _regions_by_definition(texts, scan.kinds)
