"""Sections by canonical id: heading variants, lost ordinals, several numbering systems."""

from __future__ import annotations

import pytest

import govdisclosure
from corpus import FIXTURES, SEEDS
from govdisclosure.segment import SECTION_IDS, classify_heading, segment
from govdisclosure.text import read_text


def _ids(text: str) -> list[str]:
    return [s.id for s in segment(read_text(text))]


@pytest.mark.parametrize(
    ("title", "section_id"),
    [
        ("政府信息公开工作存在的主要问题及改进情况", "problems_improvements"),
        ("存在问题及整改措施", "problems_improvements"),
        ("存在的主要问题及整改措施", "problems_improvements"),
        ("工作思路及打算", "problems_improvements"),
        ("概述", "general"),
        ("工作概述", "general"),
        ("基本工作情况", "general"),
        ("依申请公开政府信息情况", "applications"),
        ("政府信息依申请公开办理情况", "applications"),
        ("收到和处理政府信息公开申请情况", "applications"),
        ("政府信息公开的收费及减免情况", "fees_waivers"),
        ("因政府信息公开申请行政复议、提起行政诉讼的情况", "review_litigation"),
        ("行政复议、行政诉讼和举报投诉情况", "review_litigation"),
        ("其他需要报告的事项", "other_matters"),
        ("回应解读情况", "responses_interpretation"),
        ("机构建设和保障经费情况", "capacity"),
        ("政府信息公开会议和培训情况", "meetings_training"),
        ("附表", "appendix_tables"),
        ("政府信息公开情况统计表", "appendix_tables"),
    ],
)
def test_heading_wordings(title: str, section_id: str) -> None:
    assert classify_heading(title) == section_id


def test_every_pattern_names_a_canonical_id() -> None:
    from govdisclosure.segment import SECTION_PATTERNS

    assert {i for i, _ in SECTION_PATTERNS} == set(SECTION_IDS)


def test_heading_whose_ordinal_was_lost() -> None:
    ids = _ids(
        "二、主动公开政府信息情况\n共55条。\n、政府信息公开的收费及减免情况\n未收取任何费用。"
    )
    assert ids == ["proactive_disclosure", "fees_waivers"]


def test_half_width_and_unnumbered_headings() -> None:
    ids = _ids("概述\n本年度工作。\n二.主动公开政府信息情况\n共55条。\n其他需要报告的事项\n无。")
    assert ids == ["general", "proactive_disclosure", "other_matters"]


def test_sub_headings_do_not_open_sections() -> None:
    ids = _ids(
        "二、主动公开政府信息情况\n（一）主动公开政府信息的数量\n共55条。\n（二）存在问题\n无。"
    )
    assert ids == ["proactive_disclosure"]


def test_short_body_line_with_a_keyword_is_not_a_heading() -> None:
    ids = _ids("五、其他需要报告的事项\n本年度信息公开处理费收费情况\n未发生收费。")
    assert ids == ["other_matters"]


def test_heading_broken_over_two_lines_is_joined() -> None:
    doc = read_text("五、存在的主要问题及\n整改措施\n（一）存在的主要问题。")
    [section] = segment(doc)
    assert (section.id, section.title) == ("problems_improvements", "存在的主要问题及整改措施")
    assert section.text == "（一）存在的主要问题。"


def test_section_text_and_offsets_agree() -> None:
    doc = read_text("一、概述\n本年度工作有序。\n二、主动公开政府信息情况\n共55条。")
    for s in segment(doc):
        assert doc.text[s.start : s.end] == s.text


def test_unknown_numbered_heading_closes_the_previous_section() -> None:
    doc = read_text("一、总体情况\n概况文字。\n二、工作机制保障\n机制文字。")
    [general] = segment(doc)
    assert general.text == "概况文字。"


def test_kewei_tables_restart_numbering() -> None:
    doc = govdisclosure.load(FIXTURES / "real" / "kewei_2024.md")
    ids = [s.id for s in segment(doc)]
    assert ids[:3] == ["general", "proactive_disclosure", "applications"]
    assert ids.count("proactive_disclosure") == 2
    assert ids[-1] == "other_matters"


def test_seed_000_with_lost_ordinals() -> None:
    doc = govdisclosure.load(next(p for p in SEEDS if p.name.startswith("000_")))
    assert [s.id for s in segment(doc)] == [
        "general",
        "proactive_disclosure",
        "fees_waivers",
        "review_litigation",
        "problems_improvements",
    ]


def test_seed_004_pre2019_sections() -> None:
    doc = govdisclosure.load(next(p for p in SEEDS if p.name.startswith("004_")))
    assert [s.id for s in segment(doc)] == [
        "general",
        "proactive_disclosure",
        "applications",
        "fees_waivers",
        "review_litigation",
        "problems_improvements",
    ]


def test_empty_document_has_no_sections() -> None:
    assert segment(read_text("")) == ()


@pytest.mark.parametrize(
    "heading",
    [
        "主要工作概述",
        "工作概述",
        "概述",
        "基本工作情况",
        "附表",
        "附件",
        "政府信息公开情况统计表",
        "情况统计表",
        "统计表",
        "其他需要报告的事项",
        "需要说明的事项与附表",
        "二、主动公开政府信息情况",
        "十二．主动公开政府信息情况",
        "第二部分 主动公开政府信息情况",
        "、政府信息公开的收费及减免情况",
        "。、政府信息公开的收费及减免情况",
        "## 二、主动公开政府信息情况",
        "  #  概述",
    ],
)
def test_every_heading_form_passes_the_first_character_test(heading: str) -> None:
    # segment() looks further only at blocks that begin like a heading (_HEADING_START).
    [section] = segment(read_text(f"{heading}\n正文。"))
    assert section.text == "正文。"
