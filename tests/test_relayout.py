"""One real table (kewei 2024, tables 3 and 4) re-laid in every layout gives identical facts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from govdisclosure.document import Document, DocumentBuilder, Piece
from govdisclosure.extract.tables import read_tables
from govdisclosure.extract.template import APPLICANT_COLUMNS, APPLICATION_ROWS, REVIEW_KEYS
from govdisclosure.text import read_text

GOLD = json.loads(
    (Path(__file__).parent / "fixtures" / "real" / "kewei_2024.gold.json").read_text("utf-8")
)
LABELS = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "results.disclosed": "（一）予以公开",
    "results.partially_disclosed": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "results.not_disclosed.state_secret": "1.属于国家秘密",
    "results.not_disclosed.prohibited_by_law": "2.其他法律行政法规禁止公开",
    "results.not_disclosed.security_stability": "3.危及“三安全一稳定”",
    "results.not_disclosed.third_party_rights": "4.保护第三方合法权益",
    "results.not_disclosed.internal_affairs": "5.属于三类内部事务信息",
    "results.not_disclosed.process_information": "6.属于四类过程性信息",
    "results.not_disclosed.enforcement_case_file": "7.属于行政执法案卷",
    "results.not_disclosed.administrative_query": "8.属于行政查询事项",
    "results.unable_to_provide.not_held": "1.本机关不掌握相关政府信息",
    "results.unable_to_provide.needs_creation": "2.没有现成信息需要另行制作",
    "results.unable_to_provide.unclear_after_correction": "3.补正后申请内容仍不明确",
    "results.not_processed.petition_complaint": "1.信访举报投诉类申请",
    "results.not_processed.duplicate": "2.重复申请",
    "results.not_processed.publication": "3.要求提供公开出版物",
    "results.not_processed.excessive": "4.无正当理由大量反复申请",
    "results.not_processed.confirm_or_reissue": "5.要求行政机关确认或重新出具已获取信息",
    "results.other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "results.other.fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "results.other.other": "3.其他",
    "results.total": "（七）总计",
    "carried_to_next": "四、结转下年度继续办理",
}
CATEGORY = {
    "results.not_disclosed.state_secret": "（三）不予公开",
    "results.unable_to_provide.not_held": "（四）无法提供",
    "results.not_processed.petition_complaint": "（五）不予处理",
    "results.other.no_correction": "（六）其他处理",
}
ROWS = [s.key for s in APPLICATION_ROWS if "2021" in s.editions]
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _cells(row: str) -> list[str]:
    return [str(GOLD[f"applications.{row}.{c}"]) for c in APPLICANT_COLUMNS]


def _t4() -> list[str]:
    return [str(GOLD[f"review_litigation.{k}"]) for k in REVIEW_KEYS]


def _expected() -> dict[str, object]:
    keys = [f"applications.{r}.{c}" for r in ROWS for c in APPLICANT_COLUMNS]
    keys += [f"review_litigation.{k}" for k in REVIEW_KEYS]
    return {k: GOLD[k] for k in keys}


def grid() -> Document:
    rows: list[list[str]] = [[NOTE, "申请人情况"], ["自然人", "法人或其他组织", "总计"], HEAD[1:6]]
    spans: list[list[tuple[int, int, int, int]]] = [
        [(0, 0, 3, 3), (0, 3, 1, 7)],
        [(1, 3, 2, 1), (1, 4, 1, 5), (1, 9, 2, 1)],
        [(2, 4 + i, 1, 1) for i in range(5)],
    ]
    r = 3
    for key in ROWS:
        cells, sp = [], []
        if key == "results.disclosed":
            cells.append("三、本年度办理结果")
            sp.append((r, 0, 22, 1))
        if key in CATEGORY:
            cells.append(CATEGORY[key])
            sp.append((r, 1, {"results.not_disclosed.state_secret": 8}.get(key, 3), 1))
        depth = 0 if key in ("new_received", "carried_over", "carried_to_next") else 1
        label_col = 2 if key in LABELS and key.count(".") == 2 else depth
        cells.append(LABELS[key])
        sp.append((r, label_col, 1, 3 - label_col))
        for i, v in enumerate(_cells(key)):
            cells.append(v)
            sp.append((r, 3 + i, 1, 1))
        rows.append(cells)
        spans.append(sp)
        r += 1
    rows += [["行政复议", "行政诉讼"], _t4()]
    spans += [[(r, 0, 1, 5), (r, 5, 1, 10)], [(r + 1, i, 1, 1) for i in range(15)]]
    b = DocumentBuilder(source_kind="html")
    b.add_table(
        [[Piece.verbatim(c) for c in row] for row in rows[:-2]], layout="grid", spans=spans[:-2]
    )
    b.add_text(Piece.verbatim("四、政府信息公开行政复议、行政诉讼情况"), kind="heading")
    b.add_table(
        [[Piece.verbatim(c) for c in row] for row in rows[-2:]],
        layout="grid",
        spans=[[(0, 0, 1, 5), (0, 5, 1, 10)], [(1, i, 1, 1) for i in range(15)]],
    )
    return b.build()


def pipe() -> Document:
    lines = [f"{NOTE} | 申请人情况 | ||||", " | ".join(HEAD) + " |"]
    for key in ROWS:
        lines.append(f"{CATEGORY.get(key, '')} {LABELS[key]} | " + " | ".join(_cells(key)) + " | |")
    lines += [
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 | 行政诉讼 | |",
        " | ".join(_t4()) + " |",
    ]
    return read_text("\n".join(lines))


def markdown() -> Document:
    lines = ["| 信息 | " + " | ".join(HEAD) + " |", "|---" * 8 + "|"]
    lines += [f"| {LABELS[k]} | " + " | ".join(_cells(k)) + " |" for k in ROWS]
    lines += [
        "",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议行政诉讼",
        "",
        "| " + " | ".join(_t4()) + " |",
    ]
    return read_text(NOTE + "\n" + "\n".join(lines))


def pdf() -> Document:
    lines = [NOTE[:20], NOTE[20:], "申请人情况", "总计商 业 企", "业", "- 4 -"]
    for key in ROWS:
        if key == "results.disclosed":
            lines += list("三、本年度办理结果")
        label = CATEGORY.get(key, "") + " " + LABELS[key]
        if len(label) > 20:
            lines.append(label[:12])
            label = label[12:]
        lines.append(label + " " + " ".join(_cells(key)))
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼", " ".join(_t4())]
    return read_text("\n".join(lines))


def one_cell_per_line() -> Document:
    lines = [NOTE, "申请人情况", *HEAD]
    for key in ROWS:
        if key in CATEGORY:
            lines.append(CATEGORY[key])
        lines += [LABELS[key], *_cells(key), " "]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼", *_t4()]
    return read_text("\n\n".join(lines))


@pytest.mark.parametrize(
    "layout", [grid, pipe, markdown, pdf, one_cell_per_line], ids=lambda f: f.__name__
)
def test_every_layout_gives_the_same_facts(layout: Callable[[], Document]) -> None:
    res = read_tables(layout())
    got = {f.key: f.value for f in res.figures}
    assert got == _expected()
    assert res.edition == "2021"
