"""The template tables of the 2019 and 2021 editions, as named data.

Everything the table reader knows about the official tables lives here: the
row labels (with the variants real reports write), the column lists of each
block, the 15 fixed positions of table 4, and the header words that tell the
two editions apart. A new label variant is a data edit in this module.

Labels are matched after :func:`fold_label` (NFKC, no white space, no quotes),
so patterns are written against folded text: half-width parentheses,
ASCII digits, no spaces.

>>> fold_label("（二）部分公开（区分处理的， 只计这一情形）")
'(二)部分公开(区分处理的,只计这一情形)'
>>> [r.key for r in match_rows(fold_label("（四）无 1.本机关不掌握相关政府信息"), APPLICATION_ROWS)]
['results.unable_to_provide.not_held']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

import attrs

__all__ = [
    "APPLICANT_COLUMNS",
    "APPLICATION_ROWS",
    "CUE_KEYS",
    "EDITION_2019_MARKERS",
    "EDITION_2021_MARKERS",
    "PROACTIVE_COLUMNS",
    "PROACTIVE_ROWS",
    "REVIEW_BLOCKS",
    "REVIEW_COLUMNS",
    "REVIEW_KEYS",
    "T2_CUES",
    "T3_CUES",
    "T4_CUES",
    "RowSpec",
    "fold_label",
    "fold_labels",
    "match_rows",
    "may_hold_cue",
]

TemplateEdition = Literal["2019", "2021"]

_QUOTES = re.compile(r"[\"'“”‘’「」『』]")
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")
"""Full-width ASCII (``（`` ``，`` ``１``): NFKC makes each the ASCII character 0xFEE0 below."""


def _half_width(m: re.Match[str]) -> str:
    return chr(ord(m.group()) - 0xFEE0)


def fold_label(text: str) -> str:
    """Fold a label for matching: NFKC (half-width parentheses, ASCII digits), no space, no quotes."""
    if not unicodedata.is_normalized("NFKC", text):
        # Full-width forms decompose to one ASCII character each, so folding them
        # first leaves the NFKC form unchanged; it is usually all there is to do
        # (and much cheaper than a full normalisation of a paragraph).
        text = _FULL_WIDTH.sub(_half_width, text)
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    # str.split() splits on exactly the white space of re's \s (\u3000 included).
    return _QUOTES.sub("", "".join(text.split()))


_SAFE_START = re.compile("[\x00-\x7f\u2000-\u206f\u3000-\u3029\u4e00-\u9fff\uff01-\uff5e]")
"""Characters before which NFKC never changes what precedes them: ASCII, general and CJK
punctuation (without the combining tone marks U+302A-U+302F), CJK ideographs and
full-width forms. Each is, or decomposes to, a starter that composes with nothing before it."""


def fold_labels(texts: Sequence[str]) -> str:
    """``"".join(fold_label(t) for t in texts)``, in one call when that is the same.

    It is when every text after the first begins with a character of
    :data:`_SAFE_START` (or is empty): NFKC of a concatenation is then the
    concatenation of the NFKC forms, and the rest of folding drops characters
    one by one.
    """
    if all(not t or _SAFE_START.match(t) for t in texts[1:]):
        return fold_label("".join(texts))
    return "".join([fold_label(t) for t in texts])


@attrs.frozen(kw_only=True)
class RowSpec:
    """One data row of a template table.

    ``key`` is the row path under the table's fact prefix (``results.disclosed``,
    ``regulations``); ``pattern`` is searched in the folded label; ``level`` is
    the depth in the label hierarchy (a deeper match wins over a shallower one:
    ``（六）其他处理1.申请人…逾期不补正`` is the leaf, not the 2019 row);
    ``editions`` are the editions whose template has the row; ``order`` is its
    position in the template (used to place label-less rows).
    """

    key: str
    pattern: re.Pattern[str]
    level: int
    editions: tuple[TemplateEdition, ...] = ("2019", "2021")
    order: int = 0


def _row(key: str, pattern: str, level: int, order: int, *editions: TemplateEdition) -> RowSpec:
    return RowSpec(
        key=key,
        pattern=re.compile(pattern),
        level=level,
        editions=editions or ("2019", "2021"),
        order=order,
    )


# --------------------------------------------------------------------------- table 3

APPLICANT_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)
"""Table 3 value columns, in template order: 自然人 · 商业企业 · 科研机构 · 社会公益组织 ·
法律服务机构 · 其他 · 总计."""

# An ordinal as folded: "1." "1、" "(一)" "一、".
_ORD = r"(?:\d+[.、]?|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)"

APPLICATION_ROWS: tuple[RowSpec, ...] = (
    _row("new_received", r"本年新收", 1, 1),
    _row("carried_over", r"上年结转", 1, 2),
    _row("results.disclosed", r"予以公开", 2, 3),
    _row("results.partially_disclosed", r"部分公开", 2, 4),
    _row("results.not_disclosed.state_secret", r"国家秘密", 3, 5),
    _row("results.not_disclosed.prohibited_by_law", r"禁止公开", 3, 6),
    _row("results.not_disclosed.security_stability", r"三安全一稳定", 3, 7),
    _row("results.not_disclosed.third_party_rights", r"第三方合法权益", 3, 8),
    _row("results.not_disclosed.internal_affairs", r"三类内[部容]事务", 3, 9),
    _row("results.not_disclosed.process_information", r"过程性信息", 3, 10),
    _row("results.not_disclosed.enforcement_case_file", r"行政执法案卷", 3, 11),
    _row("results.not_disclosed.administrative_query", r"行政查询", 3, 12),
    _row("results.unable_to_provide.not_held", r"不掌握", 3, 13),
    _row("results.unable_to_provide.needs_creation", r"另行制作", 3, 14),
    _row("results.unable_to_provide.unclear_after_correction", r"仍不明确", 3, 15),
    _row("results.not_processed.petition_complaint", r"信访|举报投诉", 3, 16),
    _row("results.not_processed.duplicate", r"重复申请", 3, 17),
    _row("results.not_processed.publication", r"公开出版物", 3, 18),
    _row("results.not_processed.excessive", r"大量反复", 3, 19),
    _row("results.not_processed.confirm_or_reissue", r"确认或重新出具", 3, 20),
    _row("results.other", r"其他处理$", 2, 21, "2019"),
    _row("results.other.no_correction", r"逾期不补正", 3, 21, "2021"),
    _row("results.other.fee_unpaid", r"缴纳费用|收费通知", 3, 22, "2021"),
    _row("results.other.other", rf"(?:^|{_ORD})其他$", 3, 23, "2021"),
    _row("results.total", rf"(?:^|{_ORD})总计$", 2, 24),
    _row("carried_to_next", r"结转下年", 1, 25),
)
"""Table 3 data rows (templates.md §2.4, §3.4, §8.4, variants V1)."""

T3_2021_ONLY = frozenset(
    {"results.other.no_correction", "results.other.fee_unpaid", "results.other.other"}
)
"""Rows whose presence makes table 3 a 2021 table."""

# --------------------------------------------------------------------------- table 2

PROACTIVE_ROWS: tuple[RowSpec, ...] = (
    _row("regulations", r"^(?:\d+[.、]?)?规章$", 1, 1),
    _row("normative_documents", r"^(?:\d+[.、]?)?(?:行政)?规范性(?:文件|档案)$", 1, 2),
    _row("administrative_licensing", r"^(?:\d+[.、]?)?行政许可$", 1, 3),
    _row("other_external_services", r"其他对外管理服务事项$", 1, 4, "2019"),
    _row("administrative_penalty", r"^(?:\d+[.、]?)?行政处罚$", 1, 5),
    _row("administrative_coercion", r"^(?:\d+[.、]?)?行政强制$", 1, 6),
    _row("administrative_fees", r"^(?:\d+[.、]?)?行政事业性收费$", 1, 7),
    _row("centralized_procurement", r"^(?:\d+[.、]?)?政府集中采购$", 1, 8, "2019"),
)
"""Table 2 data rows; labels are whole-cell matches (``行政许可`` also occurs in prose)."""

ColumnKind = Literal["int", "signed", "decimal", "amount"]

PROACTIVE_COLUMNS: dict[tuple[TemplateEdition, str], tuple[tuple[str, ColumnKind], ...]] = {
    ("2021", "regulations"): (("issued", "int"), ("repealed", "int"), ("in_force", "int")),
    ("2021", "normative_documents"): (("issued", "int"), ("repealed", "int"), ("in_force", "int")),
    ("2021", "administrative_licensing"): (("decisions", "int"),),
    ("2021", "administrative_penalty"): (("decisions", "int"),),
    ("2021", "administrative_coercion"): (("decisions", "int"),),
    ("2021", "administrative_fees"): (("amount_wan", "decimal"),),
    ("2019", "regulations"): (
        ("new_made", "int"),
        ("new_published", "int"),
        ("total_published", "int"),
    ),
    ("2019", "normative_documents"): (
        ("new_made", "int"),
        ("new_published", "int"),
        ("total_published", "int"),
    ),
    ("2019", "administrative_licensing"): (
        ("prev_year_items", "int"),
        ("change", "signed"),
        ("decisions", "int"),
    ),
    ("2019", "other_external_services"): (
        ("prev_year_items", "int"),
        ("change", "signed"),
        ("decisions", "int"),
    ),
    ("2019", "administrative_penalty"): (
        ("prev_year_items", "int"),
        ("change", "signed"),
        ("decisions", "int"),
    ),
    ("2019", "administrative_coercion"): (
        ("prev_year_items", "int"),
        ("change", "signed"),
        ("decisions", "int"),
    ),
    ("2019", "administrative_fees"): (("prev_year_items", "int"), ("change", "signed")),
    ("2019", "centralized_procurement"): (("items", "int"), ("amount", "amount")),
}
"""Table 2 value columns per (edition, row), in reading order (templates.md §2.3, §3.3)."""

# --------------------------------------------------------------------------- table 4

REVIEW_BLOCKS: tuple[str, ...] = ("review", "litigation_direct", "litigation_after_review")
REVIEW_COLUMNS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")
REVIEW_KEYS: tuple[str, ...] = tuple(f"{b}.{c}" for b in REVIEW_BLOCKS for c in REVIEW_COLUMNS)
"""Table 4: the fixed 15 positions (复议 · 直接起诉 · 复议后起诉, each 维持 纠正 其他 未审结 总计)."""

# --------------------------------------------------------------------------- cues

T2_CUES = re.compile(r"第二十条第?\(?[一五六八九]\)?项|信息内容|主动公开政府信息情况")
"""Folded text that opens or continues table 2."""
T3_CUES = re.compile(r"勾稽|申请人情况|收到和处理政府信息公开申请")
"""Folded text that opens table 3."""
T4_CUES = re.compile(r"行政复议|行政诉讼|复议后起诉|直接起诉|结果维持|尚未审结")
"""Folded text that opens table 4 (after table 3)."""

CUE_KEYS = re.compile("[项容况稽申收议讼诉维审\ufa71\U0001f238\U0002f81b]")
"""Every alternative of the cues holds one of the first eleven characters; the others
are all the characters whose NFKC form holds one of them (况 况 🈸). A text in which
this finds nothing folds to one in which no cue can match (see :func:`may_hold_cue`)."""


def may_hold_cue(text: str) -> bool:
    """False when ``fold_label(text)`` can match none of :data:`T2_CUES`, :data:`T3_CUES`, :data:`T4_CUES`.

    Folding only drops characters and replaces each by its NFKC form, and no
    character outside :data:`CUE_KEYS` has a key character in its NFKC form (nor
    does composition make one: CJK ideographs compose with nothing), so a text
    without a key character folds to one without a cue. Much cheaper than folding.
    """
    return CUE_KEYS.search(text) is not None


EDITION_2021_MARKERS = re.compile(r"本年制发件数|本年废止件数|现行有效件数|本年收费金额")
"""Table 2 header words of the 2021 template (templates.md §4)."""
EDITION_2019_MARKERS = re.compile(
    r"本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增/减|第二十条第\(九\)项|"
    r"政府集中采购|其他对外管理服务事项|采购总金额"
)
"""Table 2 header words and rows of the 2019 template (templates.md §4, V2)."""


def match_rows(folded: str, rows: Sequence[RowSpec]) -> list[RowSpec]:
    """The rows whose pattern occurs in ``folded``, deepest level only.

    More than one result means the label is ambiguous (two leaves glued together).
    """
    hits = [r for r in rows if r.pattern.search(folded)]
    if not hits:
        return []
    deepest = max(r.level for r in hits)
    return [r for r in hits if r.level == deepest]
