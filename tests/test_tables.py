"""Tables 2-4 of both editions: gold facts of real documents, layouts, blanks, misalignment."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure.extract.tables import read_tables
from govdisclosure.extract.template import fold_label
from govdisclosure.text import read_text

FIXTURES = Path(__file__).parent / "fixtures"
TABLE_DOCS = [
    FIXTURES / "seeds" / "001_213733622d4d3974.txt",
    FIXTURES / "real" / "huaian_2024_tables.txt",
    FIXTURES / "real" / "kewei_2024.md",
    FIXTURES / "real" / "shuyang_fgj_2023.html",
]
PIPE_2019 = (FIXTURES / "tables" / "2019_pipe_signed.txt").read_text("utf-8")
HUAIAN = (FIXTURES / "real" / "huaian_2024_tables.txt").read_text("utf-8")


def _is_table_key(key: str) -> bool:
    if key == "proactive.total" or key.startswith("proactive.channels."):
        return False
    return key.startswith(("proactive.", "applications.", "review_litigation."))


def _values(text: str) -> dict[str, object]:
    return {f.key: f.value for f in read_tables(read_text(text)).figures}


@pytest.mark.parametrize("path", TABLE_DOCS, ids=lambda p: p.name)
def test_table_facts_match_gold(path: Path) -> None:
    gold = json.loads(
        path.with_name(path.name.rsplit(".", 1)[0] + ".gold.json").read_text("utf-8"),
        parse_float=Decimal,
    )
    facts = govdisclosure.parse(path).facts()
    expected = {k: v for k, v in gold.items() if _is_table_key(k)}
    assert expected
    assert {k: facts.get(k, "absent") for k in expected} == expected


def test_pdf_cell_provenance_points_into_the_source() -> None:
    res = read_tables(read_text(HUAIAN))
    fee = next(f for f in res.figures if f.key == "proactive.administrative_fees.amount_wan")
    assert fee.value == Decimal("96171.6")
    assert fee.provenance is not None
    assert HUAIAN[fee.provenance.source_start : fee.provenance.source_end] == "96171.6"


def test_glued_category_label_reads_its_leaf() -> None:
    values = _values(HUAIAN)
    assert values["applications.results.unable_to_provide.not_held.total"] == 769
    assert values["applications.results.partially_disclosed.natural_person"] == 447


def test_2019_signed_change_and_amount_with_unit() -> None:
    values = _values(PIPE_2019)
    assert values["proactive.administrative_licensing.change"] == 1036
    assert values["proactive.other_external_services.change"] == -3
    assert values["proactive.centralized_procurement.amount"] == Decimal(251000)
    assert values["proactive.centralized_procurement.amount_unit"] == "元"


def test_written_blanks_are_none_with_their_kind() -> None:
    res = read_tables(read_text(PIPE_2019))
    by_key = {f.key: f for f in res.figures}
    slash = by_key["proactive.other_external_services.decisions"]
    dash = by_key["proactive.administrative_coercion.decisions"]
    assert (slash.value, slash.provenance and slash.provenance.blank) == (None, "slash")
    assert (dash.value, dash.provenance and dash.provenance.blank) == (None, "dash")


def test_edition_is_decided_per_table_from_labels() -> None:
    # A stale 2019 table 2 followed by nothing else: the 2019 headers decide.
    assert read_tables(read_text(PIPE_2019)).editions == {"proactive": "2019"}
    assert read_tables(read_text(HUAIAN)).editions["proactive"] == "2021"


def test_dropped_blank_cell_makes_the_row_unaligned_and_shifts_nothing() -> None:
    broken = HUAIAN.replace(
        "4.保护第三方合法权益 6 0 0 0 0 0 6", "4.保护第三方合法权益 6 0 0 0 0 6"
    )
    res = read_tables(read_text(broken))
    values = {f.key: f.value for f in res.figures}
    assert not any(
        k.startswith("applications.results.not_disclosed.third_party_rights") for k in values
    )
    assert values["applications.results.not_disclosed.internal_affairs.total"] == 8
    assert values["applications.results.not_disclosed.security_stability.total"] == 5
    assert "table_row_unaligned" in {f.code for f in res.findings}


@pytest.mark.parametrize("stray", ["- 5 -", "2024", "第 3 页"])
def test_stray_page_mark_or_year_changes_nothing(stray: str) -> None:
    noisy = HUAIAN.replace("4.保护第三方合法权益", f"{stray}\n4.保护第三方合法权益")
    assert _values(noisy) == _values(HUAIAN)


def test_variant_labels_are_matched() -> None:
    text = HUAIAN.replace("三类内部事务", "三类内容事务").replace("（一）予以公开", "(一)予以公开")
    assert _values(text) == _values(HUAIAN)


def test_full_width_digits_are_read() -> None:
    text = "第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 １２\n"
    assert _values(text) == {"proactive.administrative_licensing.decisions": 12}


def test_table_4_as_one_line_of_fifteen_numbers() -> None:
    text = (
        "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n"
        "1 0 0 0 1 2 0 0 0 2 0 0 0 0 0\n"
    )
    values = _values(text)
    assert values["review_litigation.review.total"] == 1
    assert values["review_litigation.litigation_direct.upheld"] == 2
    assert values["review_litigation.litigation_after_review.total"] == 0


def test_prose_numbers_are_not_table_cells() -> None:
    text = "一、总体情况\n全年收到政府信息公开申请 34 件，行政许可 97 项。\n"
    assert read_tables(read_text(text)).figures == ()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "规章",
                "行政许可",
                "0",
                "12",
                " ",
                "|",
                "（七）总计",
                "1 2 3",
                "/",
                "第二十条第（一）项",
                "勾稽",
                "行政复议",
                "\n",
                "xx",
            ]
        ),
        max_size=40,
    )
)
def test_junk_never_raises(parts: list[str]) -> None:
    res = read_tables(read_text("\n".join(parts)))
    assert all(
        f.key.startswith(("proactive.", "applications.", "review_litigation.")) for f in res.figures
    )


def test_repeated_cell_texts_keep_their_own_spans() -> None:
    # Cell readings are cached by text; each figure must still point at its own cell.
    doc = read_text(
        "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
        "规章 0 0 0\n规范性文件 0 / 0\n"
    )
    figures = read_tables(doc).figures
    spans = [(f.provenance.start, f.provenance.end) for f in figures if f.provenance]
    assert len(figures) == len(set(spans)) == 6
    assert [doc.text[s:e] for s, e in spans] == ["0", "0", "0", "0", "/", "0"]
    assert [f.value for f in figures] == [0, 0, 0, 0, None, 0]


def test_a_text_holding_a_cjk_ideograph_never_folds_to_digits() -> None:
    for cp in range(0x4E00, 0xA000):
        ch = chr(cp)
        assert fold_label(f"1{ch}2") == f"1{ch}2", hex(cp)
        assert not ch.isdigit()
