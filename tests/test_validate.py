"""勾稽 rules: a consistent real table passes; changing one cell fires exactly the rules it breaks."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import govdisclosure
from govdisclosure.extract.tables import read_tables
from govdisclosure.facts import Figure, assemble
from govdisclosure.model import AnnualReport, Outcomes, ReviewLitigation
from govdisclosure.text import read_text
from govdisclosure.validate import validate

REAL = Path(__file__).parent / "fixtures" / "real"
T3 = """（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
一、本年新收政府信息公开申请数量 32 2 0 0 0 0 34
二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2
（一）予以公开 9 0 0 0 0 0 9
（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0
5.属于三类内部事务信息 1 0 0 0 0 0 1
6.属于四类过程性信息 1 0 0 0 0 0 1
1.本机关不掌握相关政府信息 4 0 0 0 0 0 4
2.没有现成信息需要另行制作 6 0 0 0 0 0 6
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 8 2 0 0 0 0 10
3.其他 4 0 0 0 0 0 4
（七）总计 33 2 0 0 0 0 35
四、结转下年度继续办理 1 0 0 0 0 0 1
四、政府信息公开行政复议、行政诉讼情况
行政复议行政诉讼
1 0 0 0 1 0 0 0 0 0 0 0 0 0 0
"""


def _report(text: str) -> AnnualReport:
    res = read_tables(read_text(text))
    parts = assemble(res.figures)
    return AnnualReport.from_parts(edition=res.edition or "2021", **parts)


def _codes(text: str) -> list[tuple[str, str]]:
    return sorted((f.code, f.message.split(":")[0]) for f in validate(_report(text)))


def _change(row_label: str, col: int, value: str) -> str:
    def repl(m: re.Match[str]) -> str:
        nums = m.group(2).split()
        nums[col] = value
        return m.group(1) + " ".join(nums)

    return re.sub(rf"^({re.escape(row_label)}\S* )([\d ]+)$", repl, T3, count=1, flags=re.M)


def test_consistent_table_has_no_finding() -> None:
    assert _codes(T3) == []


@pytest.mark.parametrize("path", sorted(REAL.glob("*.gold.json")), ids=lambda p: p.name)
def test_consistent_real_tables_have_no_error(path: Path) -> None:
    doc = next(
        p for p in REAL.iterdir() if p.name.startswith(path.name.split(".")[0]) and p != path
    )
    assert govdisclosure.parse(doc).errors() == ()


def test_changed_applicant_cell_breaks_r1_and_r3() -> None:
    assert _codes(_change("一、本年新收", 0, "31")) == [
        ("balance_mismatch", "R1 (natural_person)"),
        ("row_total_mismatch", "R3 (new_received)"),
    ]


def test_changed_leaf_breaks_r2_and_r3() -> None:
    assert _codes(_change("6.属于四类过程性信息", 1, "1")) == [
        ("results_sum_mismatch", "R2 (commercial_enterprise)"),
        ("row_total_mismatch", "R3 (results.not_disclosed.process_information)"),
    ]


def test_changed_row_total_breaks_r2_and_r3_in_the_total_column() -> None:
    assert _codes(_change("（一）予以公开", 6, "10")) == [
        ("results_sum_mismatch", "R2 (total)"),
        ("row_total_mismatch", "R3 (results.disclosed)"),
    ]


def test_changed_review_outcome_breaks_r4() -> None:
    text = T3.replace("1 0 0 0 1 0 0 0 0 0", "1 1 0 0 1 0 0 0 0 0")
    assert _codes(text) == [("review_total_mismatch", "R4 (review)")]


def test_blank_total_proves_nothing() -> None:
    r = AnnualReport.from_parts(
        edition="2021",
        review_litigation=ReviewLitigation(review=Outcomes(upheld=3, corrected=1, total=None)),
    )
    assert validate(r) == ()


def test_blank_part_counts_as_zero() -> None:
    r = AnnualReport.from_parts(
        edition="2021",
        review_litigation=ReviewLitigation(review=Outcomes(upheld=3, corrected=None, total=3)),
    )
    assert validate(r) == ()


def test_non_count_reads_as_blank_and_a_missing_group_as_all_blank() -> None:
    r = AnnualReport.from_parts(
        edition="2021",
        review_litigation=ReviewLitigation(review=Outcomes(upheld=True, corrected=1, total=2)),
    )
    found = validate(r)
    assert [(f.code, f.message) for f in found] == [
        ("review_total_mismatch", "R4 (review): 2 != 1")
    ]
    assert found[0].evidence == (
        "review.total=2 = 2; review.upheld=None + review.corrected=1"
        " + review.other=None + review.pending=None = 1"
    )
    assert validate(attrs.evolve(r, review_litigation=None)) == ()


def test_negative_count_is_listed_after_its_row_rule() -> None:
    r = AnnualReport.from_parts(
        edition="2021",
        review_litigation=ReviewLitigation(review=Outcomes(upheld=-1, total=2)),
    )
    assert [(f.code, f.message) for f in validate(r)] == [
        ("review_total_mismatch", "R4 (review): 2 != -1"),
        ("negative_count", "R8: review_litigation.review.upheld is negative"),
    ]


def test_narrative_claim_against_table() -> None:
    claim = Figure(key="applications.new_received.total", value=35)
    found = validate(_report(T3), claims=[claim])
    assert [(f.code, f.severity, f.keys) for f in found] == [
        ("claim_table_mismatch", "warning", ("applications.new_received.total",))
    ]


def test_agreeing_claim_is_silent() -> None:
    claim = Figure(key="applications.carried_to_next.total", value=1)
    assert validate(_report(T3), claims=[claim]) == ()


def test_pre2019_review_sum_is_a_warning() -> None:
    r = AnnualReport.from_parts(
        edition="pre2019",
        review_litigation=ReviewLitigation(
            review=Outcomes(upheld=1, corrected=1, other=0, total=3)
        ),
    )
    assert [(f.code, f.severity) for f in validate(r)] == [("pre2019_sum_mismatch", "warning")]


def test_strict_parse_raises_on_a_broken_table() -> None:
    with pytest.raises(govdisclosure.ReportValidationError):
        govdisclosure.parse_text(
            "2024年政府信息公开工作年度报告\n" + _change("（七）总计", 0, "30"), strict=True
        )
