"""Saved government web pages → Document: body, chrome, metadata, grids, provenance, junk."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from govdisclosure import html as html_mod
from govdisclosure.document import Document, Piece, Table
from govdisclosure.errors import GovDisclosureError, InputError
from govdisclosure.html import MAX_HTML_CHARS, _is_wide, read_html

FIXTURES = Path(__file__).parent / "fixtures"
SHUYANG = (FIXTURES / "real" / "shuyang_fgj_2023.html").read_text(encoding="utf-8")
SHUYANG_TITLE = "沭阳县发展和改革局2023年政府信息公开年度报告"


def _fixture(name: str) -> str:
    return (FIXTURES / "html" / f"{name}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shuyang() -> Document:
    return read_html(SHUYANG, source="shuyang_fgj_2023.html")


@pytest.fixture(scope="module")
def chrome() -> Document:
    return read_html(_fixture("cms_chrome"))


def _texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def _grid_texts(table: Table) -> list[list[str | None]]:
    return [[None if c is None else c.text for c in row] for row in table.grid()]


# --- the real page: body, chrome, metadata ---------------------------------------


def test_real_page_starts_with_the_article_title_as_heading(shuyang: Document) -> None:
    first = shuyang.blocks[0]
    assert (first.kind, first.text) == ("heading", SHUYANG_TITLE)


def test_real_page_body_keeps_the_report_sections(shuyang: Document) -> None:
    headings = [b.text for b in shuyang.blocks if b.kind == "heading"]
    assert "一、总体情况" in headings
    assert "五、存在的主要问题及整改措施" in headings
    assert "六、其他需要报告的事项" in headings


def test_real_page_body_drops_navigation_scripts_and_footer(shuyang: Document) -> None:
    for chrome in ("走进沭阳", "办事服务", "智能问答", "繁體版", "getElementById", "websiteId"):
        assert chrome not in shuyang.text
    assert "ICP" not in shuyang.text
    assert "网站地图" not in shuyang.text


def test_real_page_metadata_box_is_read_and_kept_out_of_the_body(shuyang: Document) -> None:
    assert shuyang.metadata["索引号"] == "014314799/2024-00002"
    assert shuyang.metadata["发布机构"] == "沭阳县发展和改革局"
    assert shuyang.metadata["公开日期"] == "2024-01-17"
    assert "014314799/2024-00002" not in shuyang.text


def test_real_page_scraper_wrapper_goes_into_metadata(shuyang: Document) -> None:
    assert shuyang.metadata["单位"] == "沭阳县发改局"
    assert shuyang.metadata["采集时间"] == "2025-12-30T21:37:37+08:00"
    assert shuyang.metadata["来源"].startswith("http://www.shuyang.gov.cn/sygfj/gknb/")
    assert "采集时间" not in shuyang.text


def test_real_page_title_element_goes_into_metadata(shuyang: Document) -> None:
    assert shuyang.metadata["title"] == SHUYANG_TITLE + "-沭阳县发改局"


def test_word_runs_do_not_split_numbers(shuyang: Document) -> None:
    assert "统计时限为2023年1月1日至2023年12月31日" in shuyang.text


def test_real_page_has_three_grid_tables(shuyang: Document) -> None:
    assert [t.layout for t in shuyang.tables] == ["grid", "grid", "grid"]


def test_real_table2_has_the_four_blocks(shuyang: Document) -> None:
    rows = _texts(shuyang.tables[0])
    captions = [r[0] for r in rows if r[0].startswith("第二十条")]
    assert captions == [f"第二十条第（{n}）项" for n in ("一", "五", "六", "八")]
    assert ["规范性文件", "8", "0", "18"] in rows
    assert ["行政事业性收费", "0"] in rows


def test_real_table3_has_25_data_rows_of_seven_values(shuyang: Document) -> None:
    grid = _grid_texts(shuyang.tables[1])
    assert len(grid) == 3 + 25
    assert all(len(row) == 10 for row in grid)
    data = grid[3:]
    assert data[0][0] == "一、本年新收政府信息公开申请数量"
    assert data[-1][0] == "四、结转下年度继续办理"
    assert [row[3] for row in data] == [row[9] for row in data]  # 自然人 == 总计 everywhere
    assert data[0][3:] == ["26", "", "", "", "", "", "26"]


def test_real_table3_org_columns_are_blank_cells_not_missing(shuyang: Document) -> None:
    grid = shuyang.tables[1].grid()
    for row in grid[3:]:
        org = row[4:9]
        assert all(c is not None and c.is_blank for c in org)


def test_real_table3_header_honours_spans(shuyang: Document) -> None:
    grid = _grid_texts(shuyang.tables[1])
    assert grid[0][3:] == ["申请人情况"] * 7
    assert grid[1][3:] == ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]
    assert grid[2][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert {row[0] for row in grid[5:25]} == {"三、本年度办理结果"}


def test_real_table4_has_fifteen_values(shuyang: Document) -> None:
    rows = _texts(shuyang.tables[2])
    assert rows[-1] == ["0", "0", "0", "1", "1"] + ["0"] * 10


def test_locate_a_number_cell_returns_its_element_path_and_raw(shuyang: Document) -> None:
    cell = shuyang.tables[1].grid()[3][3]
    assert cell is not None
    loc = shuyang.locate(cell.start, cell.end)
    assert loc.raw == "26"
    assert loc.path is not None
    assert loc.path.endswith("ucapcontent/div[2]/table/tbody/tr[4]/td[2]")
    assert (loc.start, loc.end) == (0, 2)


def test_located_path_resolves_in_the_page_as_published(shuyang: Document) -> None:
    cell = shuyang.tables[2].rows[-1][3]  # 行政复议 尚未审结 = 1
    loc = shuyang.locate(cell.start, cell.end)
    assert loc.path is not None
    (element,) = lxml.html.fromstring(SHUYANG).getroottree().xpath(loc.path)
    assert element.text_content().strip() == loc.raw == "1"


def test_locate_inside_a_paragraph_gives_the_offset_in_its_text(shuyang: Document) -> None:
    start = shuyang.text.index("249条")
    loc = shuyang.locate(start, start + 3)
    assert loc.raw == "249"
    assert loc.path is not None
    assert loc.path.endswith("ucapcontent/p[5]")
    assert loc.start > 0


def test_input_string_is_left_as_it_was() -> None:
    html = _fixture("cms_chrome")
    copy = str(html)
    read_html(html)
    assert html == copy


# --- a typical CMS page: chrome and metadata -----------------------------------------


def test_chrome_page_body_is_the_report_only(chrome: Document) -> None:
    assert chrome.blocks[0].text == "北平镇人民政府2018年度政府信息公开工作年度报告"
    assert chrome.blocks[-1].text.startswith("2018年，通过北平公众号")


@pytest.mark.parametrize(
    "chrome_text",
    [
        "字体",
        "分享到",
        "上一篇",
        "下一篇",
        "相关文章",
        "网站地图",
        "联系我们",
        "ICP备",
        "公网安备",
        "广告",
    ],
)
def test_chrome_page_drops(chrome: Document, chrome_text: str) -> None:
    assert chrome_text not in chrome.text


def test_chrome_page_metadata_box_labels_lose_spaces_and_colons(chrome: Document) -> None:
    assert chrome.metadata["索引号"] == "GX-0102/2019-00031"
    assert chrome.metadata["成文日期"] == "2019-02-19"
    assert chrome.metadata["发布日期"] == "2019-02-20"
    assert chrome.metadata["名称"] == "北平镇人民政府2018年度政府信息公开工作年度报告"


def test_blank_metadata_value_is_left_out(chrome: Document) -> None:
    assert "文号" not in chrome.metadata


def test_breadcrumb_goes_into_metadata(chrome: Document) -> None:
    assert chrome.metadata["breadcrumb"] == "首页 > 政府信息公开 > 政府信息公开年报 > 北平镇"


def test_footer_host_goes_into_metadata(chrome: Document) -> None:
    assert chrome.metadata["主办"] == "山西省临汾市古县人民政府"


def test_bold_centred_and_ordinal_paragraphs_are_headings(chrome: Document) -> None:
    kinds = {b.text: b.kind for b in chrome.blocks}
    assert kinds["一、工作概述"] == "heading"
    assert kinds["（一）政府信息公开年度工作基本情况，主要亮点和成效"] == "heading"
    assert kinds["二、主动公开政府信息情况"] == "heading"
    assert (
        kinds[
            "2018年，通过北平公众号共发布各类政务信息87余条，开展政策类信息52条；回应公众关注热点12条。"
        ]
        == "paragraph"
    )


def test_long_paragraph_with_ordinal_is_a_paragraph(shuyang: Document) -> None:
    block = next(b for b in shuyang.blocks if b.text.startswith("（一）存在的主要问题。"))
    assert block.kind == "paragraph"


# --- Word markup, spans and nested tables --------------------------------------------


def test_one_character_runs_join_into_words() -> None:
    doc = read_html(_fixture("word_spans"))
    grid = _grid_texts(doc.tables[0])
    assert grid[0][3] == "申请人情况"
    assert grid[3][3] == "26"  # <span>2</span><span>6</span>


def test_line_breaks_inside_cjk_words_vanish() -> None:
    doc = read_html(_fixture("word_spans"))
    assert _grid_texts(doc.tables[0])[2][4:6] == ["商业企业", "科研机构"]


def test_vertical_label_paragraphs_join_into_one_cell_text() -> None:
    doc = read_html(_fixture("word_spans"))
    assert _grid_texts(doc.tables[0])[4][0] == "三、本年度办理结果"


def test_whitespace_and_nbsp_cells_are_blank_cells() -> None:
    doc = read_html(_fixture("word_spans"))
    row = doc.tables[0].grid()[3]
    assert [c.text if c else None for c in row[4:9]] == ["", "", "", "", ""]


def test_signature_padding_is_collapsed() -> None:
    doc = read_html(_fixture("word_spans"))
    assert doc.blocks[-1].text == "沭阳县发展和改革局"


def test_irregular_colspans_keep_reading_order_per_row() -> None:
    table = read_html(_fixture("irregular_grid")).tables[0]
    assert _texts(table)[2] == ["行政许可", "125", "-3", "1036"]
    cells = table.rows[2]
    assert [(c.col, c.colspan) for c in cells] == [(0, 1), (1, 2), (3, 1), (4, 1)]


def test_header_and_value_colspans_may_differ() -> None:
    grid = _grid_texts(read_html(_fixture("irregular_grid")).tables[0])
    assert grid[1][:5] == ["信息内容", "上一年项目数量", "本年增/减", "本年增/减", "处理决定数量"]
    assert grid[2][:5] == ["行政许可", "125", "125", "-3", "1036"]


def test_rowspan_zero_and_huge_colspan_are_bounded() -> None:
    table = read_html(_fixture("irregular_grid")).tables[0]
    last = table.rows[-1]
    assert last[0].rowspan == 1
    assert table.n_cols == 10


def test_layout_table_is_read_as_page_regions() -> None:
    doc = read_html(_fixture("layout_table"))
    assert doc.blocks[0].text == "镇原县2017年政府信息公开工作报告"
    assert len(doc.tables) == 1


def test_nested_table_text_becomes_the_cell_text() -> None:
    doc = read_html(_fixture("layout_table"))
    assert _texts(doc.tables[0])[1][0] == "主动公开政府信息数（其中）网站"


def test_dl_metadata_box_is_read() -> None:
    doc = read_html(_fixture("layout_table"))
    assert doc.metadata["索引号"] == "XXGK/2018-4388"
    assert doc.metadata["发布机构"] == "政府办"


def test_label_value_line_in_the_body_goes_into_metadata() -> None:
    doc = read_html(_fixture("layout_table"))
    assert doc.metadata["发布时间"] == "2018-02-23"
    assert doc.metadata["责任编辑"] == "祁元华"
    assert "责任编辑" not in doc.text


def test_unit_line_in_the_body_stays_in_the_body() -> None:
    doc = read_html(_fixture("layout_table"))
    assert "单位：件" in doc.text
    assert "单位" not in doc.metadata


def test_spam_host_is_kept_out_of_metadata() -> None:
    doc = read_html(_fixture("layout_table"))
    assert "主办" not in doc.metadata
    assert "365" not in doc.text


# --- junk -------------------------------------------------------------------------


@pytest.mark.parametrize("html", ["", "   \n", "<html></html>", "<!-- only a comment -->"])
def test_empty_pages_give_an_empty_document(html: str) -> None:
    doc = read_html(html)
    assert doc.blocks == ()
    assert doc.text == ""


def test_scripts_only_page_has_no_text() -> None:
    doc = read_html(
        "<html><head><script>alert('政府信息公开')</script><style>p{}</style></head></html>"
    )
    assert doc.text == ""


def test_ten_thousand_nested_divs_are_an_input_error() -> None:
    html = "<div>" * 10_000 + "一、总体情况" + "</div>" * 10_000
    with pytest.raises(InputError, match="Excessive depth"):
        read_html(html)


def test_two_hundred_nested_divs_are_read() -> None:
    html = "<div>" * 200 + "一、总体情况" + "</div>" * 200
    assert read_html(html).text == "一、总体情况"


def test_broken_markup_is_read_leniently() -> None:
    doc = read_html("<p>一、总体<b>情况<td>26</p></span></table><p>全年收到申请3件。")
    assert "全年收到申请3件。" in doc.text


def test_xml_declaration_with_encoding_is_accepted() -> None:
    doc = read_html(
        '<?xml version="1.0" encoding="gb2312"?><html><body><p>报告正文</p></body></html>'
    )
    assert doc.text == "报告正文"


def test_entities_are_not_expanded_beyond_html_references() -> None:
    html = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><html><body><p>a&e;b&amp;c</p></body></html>'
    doc = read_html(html)
    assert "root:" not in doc.text
    assert "&c" in doc.text


def test_page_over_the_limit_is_an_input_error() -> None:
    with pytest.raises(InputError, match="limit"):
        read_html(" " * (MAX_HTML_CHARS + 1))


def test_huge_page_is_read() -> None:
    body = "<p>全年共审核发布各类公开政府信息249条。</p>" * 20_000
    doc = read_html(f"<html><body><div id='zoom'>{body}</div></body></html>")
    assert len(doc.blocks) == 20_000


_HTML_BITS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='content'>",
        "</div>",
        "<table>",
        "<tr>",
        "<td rowspan='3'>",
        "<td colspan='0'>",
        "</td>",
        "</tr>",
        "</table>",
        "<span>",
        "</span>",
        "<br>",
        "<o:p> </o:p>",
        "&nbsp;",
        "<script>x</script>",
        "<?xml version='1.0' encoding='gbk'?>",
        "索引号：",
        "主办:",
        "一、",
        "26",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_HTML_BITS, st.text(max_size=20)), max_size=40))
def test_arbitrary_markup_gives_a_document_or_a_typed_error(parts: list[str]) -> None:
    try:
        doc = read_html("".join(parts))
    except GovDisclosureError:
        return
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
    assert not re.search(r"<script", doc.text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_arbitrary_text_gives_a_document_or_a_typed_error(text: str) -> None:
    try:
        doc = read_html(text)
    except GovDisclosureError:
        return
    assert isinstance(doc.text, str)


# --- the fast paths agree with the plain definitions -----------------------------


def _collapse_reference(text: str) -> str:
    """White space collapsed one run at a time, as the CSS Text rules say."""

    def run(m: re.Match[str]) -> str:
        ws, a, b = m.group(0), m.start(), m.end()
        wide = a > 0 and b < len(text) and _is_wide(text[a - 1]) and _is_wide(text[b])
        return "" if ("\n" in ws or "\r" in ws) and "\xa0" not in ws and wide else " "

    return re.sub(r"\s+", run, text).strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["中", "文", "a", "1", " ", "\n", "\r\n", "\xa0", "\u3000", "\t"])))
def test_collapse_matches_the_run_by_run_rule(parts: list[str]) -> None:
    text = "".join(parts)
    assert html_mod._collapse(text) == _collapse_reference(text)


def _parsed(html: str) -> tuple[etree._Element, bool]:
    root = html_mod._parse(html, "<test>")
    assert root is not None
    return root, html_mod._strip_dropped(root)


def _itertext_len(el: etree._Element) -> int:
    return sum(len(t.strip()) for t in el.itertext())


@pytest.mark.parametrize(
    ("html", "nodes_are_runs"),
    [
        ("<p>共 <b>3</b> 件<script>x</script>\n</p><a href='#'>链接</a>", True),
        ("<p>共 <input> 3 件</p>", False),  # "共 " and " 3 件" join into one run
        ("<p>共<input>\n<style>p{}</style>3件</p>", False),
        ("<div><a>上一篇 <div><a>下一篇</a></div></a><p>正文</p></div>", True),  # link in link
    ],
)
def test_text_lengths_read_in_c_are_itertext_lengths(html: str, nodes_are_runs: bool) -> None:
    root, runs = _parsed(html)
    assert runs is nodes_are_runs
    fast = html_mod._Measure(nodes_are_runs=runs)
    for el in root.iter():
        assert fast.text(el) == _itertext_len(el)
        assert fast.links(el) == sum(_itertext_len(a) for a in el.iter("a"))


def test_paths_are_getpath_and_stay_as_published_after_a_cut() -> None:
    root, _ = _parsed("<div><p>a</p><span>b</span><p>c</p><div class='share'>d</div><p>e</p></div>")
    tree = root.getroottree()
    paths = html_mod._Paths(root)
    for el in root.iter():
        assert paths.get(el) == tree.getpath(el)
    published = {el: tree.getpath(el) for el in root.iter()}
    div = root.find(".//div")
    html_mod._remove_keep_tail(div[0], paths)  # the first <p>
    for el in root.iter():
        assert paths.get(el) == published[el]


def test_cell_text_fast_path_matches_the_walk() -> None:
    cells = [
        "<td>\n  <p><span>1</span><span>2</span><o:p></o:p></p>\n</td>",
        "<td>\xa0<p>中\n文</p></td>",
        "<td><p>一</p><p>二</p></td>",
        "<td>前<p>中</p>后</td>",
        "<td><div><p>甲</p>乙</div></td>",
        "<td> <br> </td>",
    ]
    root, _ = _parsed("<table><tr>" + "".join(cells) + "</tr></table>")
    holders = html_mod._block_holders(root)
    for cell in root.iter("td"):
        walk = html_mod._Collector(grids=False, holders=holders, styled=False)
        walk.walk(cell, block=cell, depth=1)
        walk.flush()
        lines = [line.raw for line in walk.items if isinstance(line, html_mod._Line)]
        assert html_mod._cell_text(cell, 0, holders) == html_mod._collapse("\n".join(lines))


def test_piece_moved_to_another_path_keeps_every_other_field() -> None:
    piece = html_mod.normalize_piece("全年共２６件", html_mod.resolve_config(None, ""), path="/a")
    moved = html_mod._at(piece, "/b")
    assert moved.path == "/b"
    assert {f: getattr(moved, f) for f in _piece_fields() if f != "path"} == {
        f: getattr(piece, f) for f in _piece_fields() if f != "path"
    }


def _piece_fields() -> list[str]:
    return [f.name for f in attrs.fields(Piece)]


def test_breadcrumb_and_host_inside_the_container_are_read() -> None:
    doc = read_html(
        "<div id='zoom'><p>当前位置：首页 &gt; 信息公开</p><p>一、总体情况</p>"
        "<p>主办：某市人民政府</p></div><div>主办：别的单位</div>"
    )
    assert doc.metadata["breadcrumb"] == "首页 > 信息公开"
    assert doc.metadata["主办"] == "某市人民政府"


@pytest.mark.parametrize("page", [SHUYANG, _fixture("cms_chrome"), _fixture("layout_table")])
def test_named_elements_are_every_flagged_element_in_document_order(page: str) -> None:
    root, _ = _parsed(page)
    flagged = {el: flags for el in root.iter() if (flags := html_mod._flags(el))}
    assert list(html_mod._named(root).items()) == list(flagged.items())


@pytest.mark.parametrize("ch", ["\x00", "\x0b", "\x1f", "\ufffe", "\uffff"])
def test_characters_xml_refuses_next_to_chrome_are_read_as_spaces(ch: str) -> None:
    page = (
        '<html><body><div class="nav"><a href="/">首页</a> &gt; <a>信息公开</a></div>'
        f'{ch}尾<div id="content"><h1>某县人民政府2023年政府信息公开工作年度报告</h1>'
        f"<p>本年度共收到申请10{ch}件。</p></div></body></html>"
    )
    doc = read_html(page)
    assert "10 件" in doc.text
    assert ch not in doc.text


def test_pages_read_in_threads_get_their_own_parser_errors() -> None:
    from concurrent.futures import ThreadPoolExecutor

    deep = "<html><body>" + "<div>" * 300 + "政府信息公开" + "</div>" * 300 + "</body></html>"
    page = (Path(__file__).parent / "fixtures" / "real" / "shuyang_fgj_2023.html").read_text(
        "utf-8"
    )

    def outcome(html: str) -> str:
        try:
            return read_html(html).text
        except InputError as exc:
            return f"refused: {exc.message}"

    pages = [deep, page] * 20
    expected = [outcome(p) for p in pages]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(outcome, pages)) == expected
    assert expected[0].startswith("refused")
    assert not expected[1].startswith("refused")


def test_each_thread_parses_with_its_own_parser() -> None:
    import threading

    seen = []
    thread = threading.Thread(target=lambda: seen.append(html_mod._parser()))
    thread.start()
    thread.join()
    assert html_mod._parser() is html_mod._parser()
    assert seen[0] is not html_mod._parser()
