"""detect: report or near miss, edition by content, metadata with provenance."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure
from corpus import CORPUS, FIXTURES, gold, is_report
from govdisclosure.detection import Detection, detect_document, detect_edition
from govdisclosure.document import DocumentBuilder, Mark, Piece
from govdisclosure.offsets import OffsetMap

SEED_003 = next(p for p in CORPUS if p.name.startswith("003_"))
HUAIAN = FIXTURES / "real" / "huaian_2024_tables.txt"
KEWEI = FIXTURES / "real" / "kewei_2024.md"
METADATA_KEYS = ("year", "published", "region.province", "region.city", "region.county")


def detect_text(text: str) -> Detection:
    return detect_document(govdisclosure.load(text))


def organ_key(name: str, title: str) -> str:
    """The gold comparison: drop 人民政府/办事处 and any region prefix the title carries."""
    name = name.replace("人民政府", "").replace("办事处", "")
    g = govdisclosure.gazetteer.gazetteer()
    for m in g.find(title):
        name = name.replace(m.name, "")
    return name


def detected(path: Path) -> dict[str, object]:
    d = detect_document(govdisclosure.load(path))
    return {
        "kind": d.kind,
        "year": d.year,
        "published": d.published.isoformat() if d.published else None,
        "region.province": d.region.province,
        "region.city": d.region.city,
        "region.county": d.region.county,
    }


# --------------------------------------------------------------------------- corpus gold


@pytest.mark.parametrize("key", METADATA_KEYS)
def test_corpus_metadata_matches_gold(report_path: Path, key: str) -> None:
    expected = gold(report_path)
    if key not in expected:
        pytest.skip(f"{key} not judged for {report_path.name}")
    assert detected(report_path)[key] == expected[key]


def test_corpus_organ_matches_gold(report_path: Path) -> None:
    expected = gold(report_path).get("organ")
    d = detect_document(govdisclosure.load(report_path))
    if expected is None:
        assert d.organ is None
        return
    assert d.organ is not None
    assert d.title is not None
    assert organ_key(d.organ.name, d.title) == organ_key(expected, d.title)


def test_corpus_reports_are_reports(report_path: Path) -> None:
    assert detect_document(govdisclosure.load(report_path)).is_annual_report


@pytest.mark.parametrize("path", [p for p in CORPUS if is_report(p)], ids=lambda p: p.stem)
def test_parse_facts_carry_detected_metadata(path: Path) -> None:
    facts = govdisclosure.parse(path).facts()
    expected = gold(path)
    for key in ("kind", "organ", *METADATA_KEYS):
        if key not in expected:
            continue
        if key == "organ":
            title = facts.get("title") or detect_document(govdisclosure.load(path)).title or ""
            assert organ_key(str(facts["organ"]), str(title)) == organ_key(
                expected["organ"], str(title)
            )
        else:
            got = facts[key]
            assert (got.isoformat() if isinstance(got, dt.date) else got) == expected[key], key


def test_edition_of_seed_001_is_2019_by_its_table_labels() -> None:
    d = detect_document(govdisclosure.load(next(p for p in CORPUS if p.name.startswith("001_"))))
    assert d.edition == "2019"


def test_edition_of_old_style_2019_report_is_pre2019() -> None:
    d = detect_document(govdisclosure.load(next(p for p in CORPUS if p.name.startswith("002_"))))
    assert (d.year, d.edition) == (2019, "pre2019")


@pytest.mark.parametrize("path", [HUAIAN, KEWEI, FIXTURES / "real" / "shuyang_fgj_2023.html"])
def test_edition_of_real_documents_is_2021(path: Path) -> None:
    assert detect_document(govdisclosure.load(path)).edition == "2021"


# --------------------------------------------------------------------------- kinds


def test_seed_003_work_plan_summary_raises_with_its_kind() -> None:
    with pytest.raises(govdisclosure.NotAnnualReportError) as info:
        govdisclosure.parse(SEED_003)
    assert info.value.reason == "work_plan_summary"
    assert "work plan" in str(info.value)
    assert any("工作要点" in e for e in info.value.evidence)


def test_seed_003_placeholders_are_named_in_the_reason() -> None:
    d = detect_document(govdisclosure.load(SEED_003))
    assert "xxxx年" in d.reason


def test_huaian_tables_are_a_fragment_without_year() -> None:
    d = detect_document(govdisclosure.load(HUAIAN))
    assert (d.is_annual_report, d.fragment, d.year, d.organ) == (True, True, None, None)


def test_titled_report_is_not_a_fragment() -> None:
    assert detect_document(govdisclosure.load(KEWEI)).fragment is False


NEAR_MISSES = {
    "template_notice": (
        "国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知\n"
        "各省、自治区、直辖市人民政府办公厅，国务院各部委、各直属机构办公厅（室）：\n"
        "一、报告内容\n（一）总体情况。\n（二）主动公开政府信息情况。\n（三）收到和处理政府信息公开申请情况。\n"
    ),
    "government_work_report": (
        "2023年政府工作报告\n——2023年1月10日在市第十六届人民代表大会第二次会议上\n"
        "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。\n"
    ),
    "news": (
        "我市发布2023年政府信息公开工作年度报告\n"
        "日前，市政府办公室发布《2023年政府信息公开工作年度报告》，全面展示全市政务公开工作成效。\n"
    ),
    "statistics_bulletin": (
        "2022年国民经济和社会发展统计公报\n"
        "2022年，面对复杂严峻的发展环境，全市上下坚持稳中求进工作总基调。\n"
    ),
    "cover_letter": (
        "关于报送2020年度政府信息公开工作年度报告的函\n"
        "县政务公开办：\n现将我局2020年度政府信息公开工作年度报告报送你办，请审阅。\n"
    ),
}


@pytest.mark.parametrize("kind", sorted(NEAR_MISSES))
def test_near_miss_kinds(kind: str) -> None:
    d = detect_text(NEAR_MISSES[kind])
    assert (d.is_annual_report, d.kind) == (False, kind)


@pytest.mark.parametrize("kind", sorted(NEAR_MISSES))
def test_near_miss_parse_error_names_the_kind(kind: str) -> None:
    with pytest.raises(govdisclosure.NotAnnualReportError) as info:
        govdisclosure.parse_text(NEAR_MISSES[kind])
    assert info.value.reason == kind
    assert kind.replace("_", " ") in str(info.value)


def test_cover_page_over_a_full_report_stays_a_report() -> None:
    body = KEWEI.read_text("utf-8")
    d = detect_text("关于报送2024年度政府信息公开工作年度报告的函\n" + body)
    assert d.kind == "annual_report"


def test_untitled_prose_is_unknown() -> None:
    d = detect_text("今天天气很好，我们去公园散步。\n公园里有很多人。\n")
    assert (d.is_annual_report, d.kind, d.score) == (False, "unknown", 0.0)


def test_report_title_in_first_sentence_is_not_a_title() -> None:
    d = detect_text(
        "根据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求，编制本报告。\n"
        "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
    )
    assert d.kind == "annual_report"


# --------------------------------------------------------------------------- edition


def test_edition_labels_tolerate_half_width_brackets_and_spaces() -> None:
    assert detect_edition("第二十条第(九)项\n信息内容 采购项目数量\n政 府 集 中 采 购")[0] == "2019"


def test_edition_labels_tolerate_full_width_brackets() -> None:
    assert detect_edition("第二十条第（九）项")[0] == "2019"


def test_edition_2021_other_handling_sub_items() -> None:
    text = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert detect_edition(text) == ("2021", ("申请人无正当理由逾期不补正",))


def test_edition_of_non_report_is_none() -> None:
    assert detect_text(NEAR_MISSES["news"]).edition is None


# --------------------------------------------------------------------------- metadata sources


def test_year_from_title_has_provenance() -> None:
    d = detect_document(govdisclosure.load(next(p for p in CORPUS if p.name.startswith("000_"))))
    prov = next(p for p in d.provenance if p.key == "year")
    assert (d.year, prov.raw) == (2018, "2018")


def test_year_from_statistics_period_when_title_has_none() -> None:
    d = detect_text(
        "镇原县政府信息公开工作年度报告\n"
        "年度报告中所列数据的统计期限自2017年1月1日起至12月31日止。\n一、概述\n"
    )
    assert d.year == 2017
    assert next(p for p in d.provenance if p.key == "year").note == "statistics period"


def test_year_is_never_the_publication_year() -> None:
    d = detect_text(
        "镇原县政府信息公开工作年度报告\n发布日期: 2018-02-23\n一、概述\n二、主动公开政府信息情况\n"
    )
    assert (d.year, d.published) == (None, dt.date(2018, 2, 23))


def test_published_from_labelled_line_among_other_labels() -> None:
    d = detect_text(
        "发布机构: 政府办 发布日期: 2018-02-23\n名 称: 镇原县2017年政府信息公开工作报告\n"
        "镇原县2017年政府信息公开工作报告\n一、概述\n"
    )
    assert d.published == dt.date(2018, 2, 23)


def test_published_from_bare_date_under_title() -> None:
    d = detect_text(
        "北平镇人民政府2018年度政府信息公开工作年度报告\n\n2019-02-20\n【字体:\n一、工作概述\n"
    )
    prov = next(p for p in d.provenance if p.key == "published")
    assert (d.published, prov.raw) == (dt.date(2019, 2, 20), "2019-02-20")


def test_published_from_signature_date() -> None:
    d = detect_text(
        "信义镇2020年政府信息公开工作年度报告\n一、总体情况\n略。\n六、其他需要报告的事项\n无。\n"
        "绵阳市游仙区信义镇人民政府\n2021年1月28日\n"
    )
    assert d.published == dt.date(2021, 1, 28)


def test_published_absent_when_no_date_is_given() -> None:
    assert detect_document(govdisclosure.load(KEWEI)).published is None


def test_published_from_page_metadata() -> None:
    b = DocumentBuilder(source_kind="html")
    b.add_text(Piece.verbatim("沭阳县发展和改革局2023年政府信息公开年度报告"), kind="heading")
    b.add_text(Piece.verbatim("一、总体情况"), kind="heading")
    d = detect_document(
        b.build(metadata={"公开日期": "2024-01-17", "发布机构": "沭阳县发展和改革局"})
    )
    prov = next(p for p in d.provenance if p.key == "published")
    assert (d.published, prov.note) == (dt.date(2024, 1, 17), "page metadata 公开日期")


def test_title_from_page_metadata_when_body_has_none() -> None:
    b = DocumentBuilder(source_kind="html")
    b.add_text(Piece.verbatim("一、总体情况"), kind="heading")
    b.add_text(Piece.verbatim("二、主动公开政府信息情况"), kind="heading")
    doc = b.build(metadata={"title": "沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局"})
    d = detect_document(doc)
    assert (d.title, d.year, d.fragment) == (
        "沭阳县发展和改革局2023年政府信息公开年度报告",
        2023,
        False,
    )


def test_title_broken_over_two_lines_is_joined() -> None:
    d = detect_document(govdisclosure.load(KEWEI))
    assert d.title == "2024年上海市科委政府信息公开工作年度报告"


def test_organ_kind_and_level_of_a_street_office() -> None:
    d = detect_document(govdisclosure.load(next(p for p in CORPUS if p.name.startswith("002_"))))
    assert d.organ == govdisclosure.Organ(
        name="临湘市人民政府长安街道办事处", kind="street office", level="township"
    )


def test_organ_of_a_report_titled_by_county_is_its_government() -> None:
    d = detect_text("镇原县2017年政府信息公开工作报告\n一、概述\n")
    assert d.organ == govdisclosure.Organ(
        name="镇原县人民政府", kind="people's government", level="county"
    )


def test_organ_of_a_department_takes_the_level_of_its_region() -> None:
    d = detect_document(govdisclosure.load(KEWEI))
    assert d.organ == govdisclosure.Organ(name="上海市科委", kind="department", level="province")


def test_spam_in_the_title_never_becomes_the_organ() -> None:
    raw = "365足球即时比分2017年政府信息公开工作报告"
    piece = Piece(
        text=raw,
        raw=raw,
        map=OffsetMap.identity(len(raw)),
        marks=(Mark(kind="spam", start=0, end=8),),
    )
    b = DocumentBuilder(source_kind="text")
    b.add_text(Piece.verbatim("名称: 镇原县2017年政府信息公开工作报告"))
    b.add_text(piece, kind="heading")
    b.add_text(Piece.verbatim("一、概述"), kind="heading")
    d = detect_document(b.build())
    assert d.organ is None or "足球" not in d.organ.name


def test_region_from_footer_host_line() -> None:
    d = detect_text(
        "北平镇人民政府2018年度政府信息公开工作年度报告\n一、工作概述\n主办:山西省临汾市古县人民政府 © 版权所有\n"
    )
    assert (d.region.province, d.region.city, d.region.county) == ("山西省", "临汾市", "古县")


def test_region_of_an_ambiguous_county_is_absent() -> None:
    d = detect_text("朝阳区2020年政府信息公开工作年度报告\n一、总体情况\n")
    assert d.region == govdisclosure.Region()


def test_region_of_an_ambiguous_county_confirmed_by_a_parent_in_the_text() -> None:
    d = detect_text(
        "朝阳区2020年政府信息公开工作年度报告\n一、总体情况\n按照北京市政务公开工作要点部署。\n"
    )
    assert (d.region.province, d.region.county) == ("北京市", "朝阳区")


def test_region_provenance_points_at_the_name() -> None:
    d = detect_document(govdisclosure.load(FIXTURES / "real" / "shuyang_fgj_2023.html"))
    prov = next(p for p in d.provenance if p.key == "region.county")
    assert prov.raw == "沭阳县"


def test_detect_does_not_mutate_document_metadata() -> None:
    b = DocumentBuilder(source_kind="html")
    b.add_text(Piece.verbatim("一、总体情况"), kind="heading")
    meta = {"title": "沭阳县发展和改革局2023年政府信息公开年度报告"}
    doc = b.build(metadata=meta)
    detect_document(doc)
    assert dict(doc.metadata) == meta


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("政府信息公开工作年度报告总体情况2019年-:：()（）\n 镇县市省xX发布日期")
        ),
        max_size=300,
    )
)
def test_detect_never_raises_on_junk(text: str) -> None:
    d = detect_text(text)
    assert 0.0 <= d.score <= 1.0
    assert re.fullmatch(r"[a-z_]+", d.kind)


_LABEL_BITS = [
    *("发布日期", "发 布 日 期", "名称", "名  称", "主办", "主办单位", "单位", "承办", "地址"),
    *("标题", "当前位置", "发布于", "索引号", "文号", "来源", "作者", "责任编辑", "点击次数"),
    *(":", "：", " ", "\u3000", "\t", "\n", "\r", "2018-02-23", "政府办", "县人民政府", "发", "主"),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LABEL_BITS), max_size=12).map("".join))
def test_label_value_pairs_read_as_the_expression_reads_them(text: str) -> None:
    from govdisclosure.detection import _META_PAIR, _meta_pairs

    expected = [
        (m.group("label"), m.group("value"), m.start("value")) for m in _META_PAIR.finditer(text)
    ]
    assert list(_meta_pairs(text)) == expected


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("报告政府(（)）bàoǎ \u3000\n，：／㈠Ａ１a報區")), max_size=15
    )
)
def test_cleaning_keeps_one_source_offset_per_character(raw: str) -> None:
    import unicodedata

    from govdisclosure.detection import _clean

    span = _clean(raw, 7)
    assert len(span.index) == len(span.text)
    assert all(7 <= i < 7 + len(raw) for i in span.index)
    assert list(span.index) == sorted(span.index)
    assert unicodedata.is_normalized("NFKC", span.text) or not span.text
