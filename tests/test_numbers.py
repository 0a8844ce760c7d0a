"""Tests for govdisclosure.numbers: real snippets from the corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.numbers import Number, blank_kind, find_numbers, read_number


def _values(text: str) -> list[tuple[int | Decimal | None, str | None]]:
    return [(n.value, n.unit) for n in find_numbers(text)]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1,234", 1234),
        ("+1036", 1036),
        ("-3", -3),
        ("251000元", 251000),
        ("96171.6", Decimal("96171.6")),
        ("１２", 12),
        ("三", 3),
        ("二十三", 23),
        ("一百零五", 105),
        ("两", 2),
        ("0", 0),
        ("十", 10),
        ("两千零一", 2001),
    ],
)
def test_read_number_reads_whole_cells(cell: str, value: int | Decimal) -> None:
    number = read_number(cell)
    assert number is not None
    assert number.value == value
    assert type(number.value) is type(value)


@pytest.mark.parametrize("cell", ["", "  ", "一是", "12 34", "共3件，办结2件", "abc", "/", "一二"])
def test_read_number_rejects_what_is_not_one_number(cell: str) -> None:
    assert read_number(cell) is None


def test_read_number_offsets_skip_surrounding_space() -> None:
    number = read_number("  3119 ")
    assert number is not None
    assert (number.start, number.end, number.raw) == (2, 6, "3119")


def test_read_number_marks_explicit_sign() -> None:
    plus, minus, plain = read_number("+5"), read_number("－3"), read_number("5")
    assert plus is not None
    assert minus is not None
    assert plain is not None
    assert (plus.signed, minus.signed, plain.signed) == (True, True, False)
    assert minus.value == -3


def test_read_number_placeholder_has_no_value() -> None:
    number = read_number("xx条")
    assert number == Number(value=None, raw="xx条", start=0, end=3, unit="条", placeholder=True)


def test_find_numbers_keeps_unit_and_approximation_of_real_sentence() -> None:
    text = "公众号共发布各类政务信息87余条,开展政策类信息52条"
    numbers = list(find_numbers(text))
    assert [(n.value, n.unit, n.approximate) for n in numbers] == [
        (87, "条", True),
        (52, "条", False),
    ]
    assert text[numbers[0].start : numbers[0].end] == "87余条"


@pytest.mark.parametrize(
    "text",
    [
        "一是落实政务公开工作主体",
        "第一项加第二项",
        "坚持以党的十九大精神为指导",
        "严格控制三公经费",
        "做好三安全一稳定工作",
        "重点公开四类过程性信息",
        "进一步规范统一条例的执行，一些单位一般作为之一",
        "推行一次性告知，一件事一次办",
    ],
)
def test_find_numbers_ignores_chinese_numerals_inside_words(text: str) -> None:
    assert list(find_numbers(text)) == []


def test_find_numbers_takes_chinese_numeral_with_count_unit() -> None:
    assert _values("收到申请二十三件，办结十余件，近百人参加") == [
        (23, "件"),
        (10, "件"),
        (100, "人"),
    ]


def test_find_numbers_skips_ordinals() -> None:
    assert _values("依据《条例》第十三条，第3页共5页") == [(5, "页")]


def test_find_numbers_never_joins_pdf_row_numbers() -> None:
    assert [n.value for n in find_numbers("3001 53 0 0 61 4 3119")] == [3001, 53, 0, 0, 61, 4, 3119]


def test_find_numbers_multiplies_wan_for_counts_but_keeps_wan_yuan() -> None:
    assert _values("发布信息1.2万条，收取费用3.5万元") == [(12000, "条"), (Decimal("3.5"), "万元")]


def test_find_numbers_years_dates_and_percentages_have_their_unit() -> None:
    text = "2018年政府信息公开，占总体百分比为1.8%，2019-12-31发布"
    assert _values(text) == [
        (2018, "年"),
        (Decimal("1.8"), "%"),
        (2019, "年"),
        (12, "月"),
        (31, "日"),
    ]


def test_find_numbers_reads_placeholders_of_template_copies() -> None:
    numbers = list(find_numbers("安全生产等方面的监管信息公开xx条。设立监督举报电话(xxxxxxxx)"))
    assert [(n.raw, n.placeholder, n.value) for n in numbers] == [("xx条", True, None)]


def test_find_numbers_full_width_digits() -> None:
    assert _values("主动公开１２件，占３０％") == [(12, "件"), (30, "%")]


def test_find_numbers_approximate_suffix_after_unit() -> None:
    numbers = list(find_numbers("约50件，100条左右，2019年"))
    assert [n.approximate for n in numbers] == [True, True, False]


def test_find_numbers_hyphen_between_numbers_is_not_a_sign() -> None:
    numbers = list(find_numbers("2019-2020年"))
    assert [(n.value, n.signed) for n in numbers] == [(2019, False), (2020, False)]


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("", "empty"),
        ("  \u3000", "empty"),
        ("/", "slash"),
        ("／", "slash"),
        ("—", "dash"),
        ("-", "dash"),
        ("－", "dash"),
        ("--", "dash"),
        ("不适用", "not_applicable"),
        ("无", "none_word"),
        ("0", None),
        ("无法提供", None),
    ],
)
def test_blank_kind(cell: str, kind: str | None) -> None:
    assert blank_kind(cell) == kind


@given(st.text(max_size=60))
def test_find_numbers_spans_point_at_their_raw_text(text: str) -> None:
    for number in find_numbers(text):
        assert text[number.start : number.end] == number.raw
        assert number.placeholder == (number.value is None)


@given(st.text(max_size=30))
def test_read_number_never_raises(text: str) -> None:
    number = read_number(text)
    if number is not None:
        assert text[number.start : number.end] == number.raw


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_read_number_round_trips_integers(value: int) -> None:
    for text in (str(value), f"{value:,}"):
        number = read_number(text)
        assert number is not None
        assert number.value == value


@given(
    st.text(alphabet="0123456789", min_size=1, max_size=30), st.sampled_from(["", " ", "\u3000\n"])
)
def test_read_number_plain_digits_read_as_the_pattern_reads_them(digits: str, pad: str) -> None:
    from govdisclosure.numbers import _NUMBER, _build

    text = pad + digits + pad
    m = _NUMBER.fullmatch(digits)
    assert m is not None
    assert read_number(text) == _build(m, digits, whole=True, offset=len(pad))
