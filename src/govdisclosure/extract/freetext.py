"""Figures stated in sentences: pre-2019 free text and the narrative of tabular reports.

Before 2019 there was no national template: a report states its figures in
sentences (``全年累计主动公开政府信息55条``), in negations (``没有因政府信息公开
产生的行政复议案件``), and sometimes in an attached 《政府信息公开情况统计表》
(templates.md §6.2). 2019 and 2021 reports hold the application and review
figures in tables; their narrative restates some of them, and those
restatements are returned as *claims* that the validator checks against the
tables.

How a figure is read (precision first):

* The text of the narrative blocks is joined into one *flow*: line breaks
  inside a sentence (PDF wrapping, Word runs) and white space between Chinese
  characters are removed, with every character keeping its offset in
  :attr:`Document.text` so each figure gets a provenance span.
* Each rule in :data:`RULES` is a named pattern for one fact key; the number
  inside the match is read by :func:`govdisclosure.numbers.find_numbers`. A
  rule is tried only on the sentences holding one of the strings it needs
  (:attr:`Rule.needs`) and, if it reads a number, a number with its unit.
* Year scope: the nearest year or cumulative marker before a figure decides
  whether it is this year's (``2017年2件`` in a 2017 report) or not
  (``近年来，共收到…3件``, ``历年累计``, ``自2008年以来``). ``全年累计`` is the whole year.
* Ambiguity gives ``None``: a total stated through one channel
  (``通过部门网站当年发布政府信息393件``) could be the total or the website
  count; two different values for one key cancel each other. Both leave a
  :class:`~govdisclosure.model.Finding` (``narrative_ambiguous``,
  ``narrative_conflict``) with the candidates.
* Negations (``未收取任何费用``, ``没有…行政复议…和行政诉讼``) give 0 for each
  figure they cover; placeholders (``xx条``) give nothing.

>>> from govdisclosure.text import read_text
>>> doc = read_text("二、主动公开政府信息情况\\n全年累计主动公开政府信息55条。")
>>> result = read_narrative(doc, (), edition="pre2019", year=2018)
>>> [(f.key, f.value) for f in result.figures]
[('proactive.total', 55)]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from ..document import Block, Cell, Document
from ..facts import FactValue, Figure
from ..model import CategoryCount, Edition, Finding, Section, YearCount
from ..numbers import Number, find_numbers, read_number

__all__ = [
    "CHANNEL_CONTEXT",
    "CUMULATIVE",
    "RULES",
    "STAT_LABELS",
    "NarrativeResult",
    "Rule",
    "read_narrative",
]


@attrs.frozen(kw_only=True)
class NarrativeResult:
    """Figures from the text; ``claims`` are figures only used to cross-check tables.

    ``figures`` go into the report; ``claims`` (2019/2021 editions) are the
    narrative's restatements of table figures; ``categories`` and ``history``
    belong to :class:`~govdisclosure.model.ProactiveDisclosure`; ``findings``
    say why a stated figure was not taken.
    """

    figures: tuple[Figure, ...] = ()
    claims: tuple[Figure, ...] = ()
    categories: tuple[CategoryCount, ...] = ()
    history: tuple[YearCount, ...] = ()
    findings: tuple[Finding, ...] = ()


# --------------------------------------------------------------------------- vocabulary

_NUMERALS = "零〇一二两三四五六七八九十百千"
_NUM = (
    r"(?P<q>(?:约|近|逾|超过)?"
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|[{_NUMERALS}]+|[xX]{{1,4}})"
    r"(?:万)?(?:余|多)?"
)
"""A number slot; every rule closes it with its unit and ``)``."""

_COUNT_UNITS = r"(?:条|件|个|项)"
_CASE_UNITS = r"(?:件|起|个|次)"
_MONEY_UNITS = r"(?:元|万元)"
_COUNT = _NUM + _COUNT_UNITS + r"(?:左右|以上)?)"
_CASES = _NUM + _CASE_UNITS + r"(?:左右|以上)?)"
_MONEY = _NUM + _MONEY_UNITS + r")"

_QUANTITY = re.compile(
    rf"[\d{_NUMERALS}xX](?:万)?(?:余|多)?(?:{_COUNT_UNITS}|{_CASE_UNITS}|{_MONEY_UNITS})"
)
"""The end of every number slot with its unit (``55条``, ``三件``, ``2万元``): a sentence
without one holds no figure, only negations (each alternative of the slot's number
ends with a digit, a Chinese numeral or ``x``)."""
_NEG = r"(?:没有|没|未|无|暂未|均未|尚未|并未|未曾|未发生)"
_GAP = r"[^。；;，,！？!?\n]{0,40}?"
"""Up to 40 characters inside one clause."""

CHANNEL_CONTEXT = re.compile(
    r"(?:通过|在|依托|利用)?[^，,。；]{0,12}(?:网站|公众号|微信|微博|公报|平台|政务号|APP|客户端)"
)
"""A channel named before a total: the figure could be that channel's count."""

CUMULATIVE = re.compile(
    r"历年|截[至止]目前|至今|迄今|以来|近年来|近[0-9两三四五六七八九十]+年|(?<![年度])累计"
)
"""Markers of a figure accumulated over several years (``全年累计`` is one year)."""

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+")
_SENTENCE_ENDS = "。！？!?；;\n"
"""Sentences of the flow (:data:`_SENTENCE`) end at these characters."""
_SPACE = re.compile(r"\s+")
_ASCII_WORD = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.%")
_END_PUNCT = "。！？；：:;!?"
_LINE_SHAPE = re.compile(
    r"\s*(?:(?P<ordinal>[一二三四五六七八九十]{1,3}\s*[、．.]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]"
    r"|\d{1,2}\s*[、．]|第[一二三四五六七八九十]|[^\w\s]?、)"
    r"|(?P<numeric>[\d.,，]+\s*$))"
)
"""How a line begins, if it matters for joining it (:func:`_shape`): with an ordinal
(``一、``, ``（2）``, ``3、``, ``第四``, a garbled ``。、``), or as a bare number
(``3001``, ``1,234``) that is the whole line. The two exclude each other: every
ordinal holds a character that no bare number has."""
_UNIT_START = re.compile(r"^\s*(?:条|件|个|元|万元|次|项|年|余|多)")


@attrs.frozen(kw_only=True)
class Rule:
    """One way a sentence states one fact key.

    ``pattern`` holds a number slot ``q`` unless ``zero`` is set (a negation:
    the figure is 0). ``editions`` are where the rule gives a figure; in
    ``claim_editions`` it gives a claim instead. ``context`` must also match the
    sentence unless the sentence lies in one of ``sections``. Every match of
    ``pattern`` contains one of the strings in ``needs``: a sentence holding
    none of them is not tried (a cheap prefilter; empty: every sentence is tried).
    """

    key: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()
    zero: bool = False
    money: bool = False
    editions: frozenset[str] = frozenset({"pre2019"})
    claim_editions: frozenset[str] = frozenset()
    context: re.Pattern[str] | None = None
    sections: frozenset[str] = frozenset()
    ambiguous_if_channel: bool = False


_ALL = frozenset({"pre2019", "2019", "2021"})
_TABLED = frozenset({"2019", "2021"})
_APPLICATION_CONTEXT = re.compile(r"申请")
_APPLICATION_SECTIONS = frozenset({"applications"})


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


RULES: tuple[Rule, ...] = (
    # ---- proactive disclosure: the stated total and per-channel counts
    Rule(
        key="proactive.total",
        pattern=_r(
            r"主动公开(?:各类|各项)?(?:政府)?信息(?:共|共计|累计|总计|合计|总数|数量)?(?:为|达)?[：:]?"
            + _COUNT
        ),
        needs=("主动公开",),
        editions=_ALL,
        ambiguous_if_channel=True,
    ),
    Rule(
        key="proactive.total",
        pattern=_r(r"主动公开的?" + _COUNT + r"(?:各类)?(?:政府)?信息"),
        needs=("主动公开",),
        editions=_ALL,
        ambiguous_if_channel=True,
    ),
    Rule(
        key="proactive.total",
        pattern=_r(
            r"(?:共|共计|累计|全年|当年)(?:审核)?(?:发布|公开)(?:各类|各项)?(?:公开)?(?:政府)?信息(?:共|共计)?"
            + _COUNT
        ),
        # what comes before 发布/公开 (共, 共计, 累计, 全年, 当年, 审核) ends with 共, 计, 年 or 核
        needs=tuple(a + b for a in "共计年核" for b in ("发布", "公开")),
        editions=_ALL,
        ambiguous_if_channel=True,
    ),
    Rule(
        key="proactive.channels.website",
        pattern=_r(r"(?:政府|门户|部门)?网站(?:上)?(?:主动)?公开(?:政府信息|信息)?" + _COUNT),
        needs=("网站公开", "网站上公开", "网站主动公开", "网站上主动公开"),
        editions=_ALL,
    ),
    Rule(
        key="proactive.channels.gazette",
        pattern=_r(r"(?:政府)?公报(?:主动)?(?:公开|刊登|刊发)(?:政府信息|信息)?" + _COUNT),
        needs=("公报",),
        editions=_ALL,
    ),
    Rule(
        key="proactive.channels.weibo",
        pattern=_r(r"(?:政务)?微博(?:主动)?(?:公开|发布)(?:政府信息|信息)?" + _COUNT),
        needs=("微博",),
        editions=_ALL,
    ),
    Rule(
        key="proactive.channels.wechat",
        pattern=_r(
            r"(?:政务)?微信(?:公众号|公众平台)?(?:主动)?(?:公开|发布)(?:政府信息|信息)?" + _COUNT
        ),
        needs=("微信",),
        editions=_ALL,
    ),
    Rule(
        key="proactive.channels.other",
        pattern=_r(r"其他(?:方式|渠道|途径|形式)(?:主动)?公开(?:政府信息|信息)?" + _COUNT),
        needs=("其他方式", "其他渠道", "其他途径", "其他形式"),
        editions=_ALL,
    ),
    # ---- applications received this year, carried over, carried to next year
    Rule(
        key="applications.new_received.total",
        pattern=_r(
            r"(?:收到|受理|接到|接收|办理)(?:了)?(?:各类)?(?:政府信息公开|依申请(?:公开)?(?:政府)?(?:信息)?(?:公开)?|信息公开)?"
            r"(?:的)?(?:申请)?(?:共|共计|合计)?" + _CASES
        ),
        needs=("收到", "受理", "接到", "接收", "办理"),
        context=_r(r"申请"),
        claim_editions=_TABLED,
    ),
    Rule(
        key="applications.new_received.total",
        pattern=_r(_NEG + r"(?:收到|受理|接到)(?:任何)?" + _GAP + r"申请"),
        needs=("收到", "受理", "接到"),
        zero=True,
        claim_editions=_TABLED,
    ),
    Rule(
        key="applications.carried_over.total",
        pattern=_r(r"上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?(?:共)?" + _CASES),
        needs=("结转",),
        claim_editions=_TABLED,
    ),
    Rule(
        key="applications.carried_to_next.total",
        pattern=_r(
            r"(?:转|结转)(?:至|到|入)?下(?:一)?年度?(?:继续)?(?:办理)?(?:答复)?(?:的)?(?:有|共)?"
            + _CASES
        ),
        needs=("转下", "转至下", "转到下", "转入下"),
        claim_editions=_TABLED,
    ),
    # ---- pre-2019: concluded and answers
    Rule(
        key="applications.concluded.on_time",
        pattern=_r(r"按时办结(?:的)?(?:申请)?" + _CASES),
        needs=("按时办结",),
        context=_APPLICATION_CONTEXT,
        sections=_APPLICATION_SECTIONS,
    ),
    Rule(
        key="applications.concluded.extended",
        pattern=_r(r"延(?:期|时|长)(?:答复|办结)(?:的)?(?:申请)?" + _CASES),
        needs=("延期", "延时", "延长"),
        context=_APPLICATION_CONTEXT,
        sections=_APPLICATION_SECTIONS,
    ),
    Rule(
        key="applications.concluded.extended",
        pattern=_r(r"(?:无|没有|未有)延(?:期|时|长)(?:答复|办结)"),
        needs=("延期", "延时", "延长"),
        zero=True,
        context=_APPLICATION_CONTEXT,
        sections=_APPLICATION_SECTIONS,
    ),
    Rule(
        key="applications.concluded.total",
        pattern=_r(r"(?:共|已|全部)办结(?:申请)?" + _CASES),
        needs=("办结",),
        context=_APPLICATION_CONTEXT,
        sections=_APPLICATION_SECTIONS,
    ),
    Rule(
        key="applications.responses.granted",
        pattern=_r(r"(?<!部分)(?<!不)同意公开(?:答复)?(?:的)?" + _CASES),
        needs=("同意公开",),
        context=_APPLICATION_CONTEXT,
        sections=_APPLICATION_SECTIONS,
    ),
    Rule(
        key="applications.responses.partially_granted",
        pattern=_r(r"(?:同意)?部分公开(?:答复)?(?:的)?" + _CASES),
        needs=("部分公开",),
        context=_APPLICATION_CONTEXT,
        sections=_APPLICATION_SECTIONS,
    ),
    Rule(
        key="applications.responses.refused",
        pattern=_r(r"不(?:同意|予)公开(?:答复)?(?:的)?" + _CASES),
        needs=("不同意公开", "不予公开"),
        context=_APPLICATION_CONTEXT,
        sections=_APPLICATION_SECTIONS,
    ),
    Rule(
        key="applications.responses.not_this_agency",
        pattern=_r(r"不属于本(?:行政)?机关(?:公开|掌握)?(?:范围)?(?:的)?" + _CASES),
        needs=("不属于本",),
        context=_APPLICATION_CONTEXT,
        sections=_APPLICATION_SECTIONS,
    ),
    Rule(
        key="applications.responses.not_exist",
        pattern=_r(r"(?:申请)?(?:的)?信息不存在(?:的)?" + _CASES),
        needs=("信息不存在",),
        context=_APPLICATION_CONTEXT,
        sections=_APPLICATION_SECTIONS,
    ),
    Rule(
        key="applications.responses.already_public",
        pattern=_r(r"属于已?主动公开(?:范围)?(?:的)?" + _CASES),
        needs=("属于主动公开", "属于已主动公开"),
        context=_APPLICATION_CONTEXT,
        sections=_APPLICATION_SECTIONS,
    ),
    # ---- fees (every edition states them only in text)
    Rule(
        key="fees.collected_yuan",
        pattern=_r(
            r"(?:不|未|没有|暂未|均未|从未|未曾)(?:向"
            + _GAP
            + r")?收取(?:过)?(?:任何)?"
            + _GAP
            + r"费"
        ),
        needs=("收取",),
        zero=True,
        editions=_ALL,
    ),
    Rule(
        key="fees.collected_yuan",
        pattern=_r(r"未发生" + _GAP + r"收费|收费" + _GAP + r"(?:为零|为0|为无)|未收费"),
        needs=("收费",),
        zero=True,
        editions=_ALL,
    ),
    Rule(
        key="fees.collected_yuan",
        pattern=_r(
            r"(?:收取|收费|信息处理费)(?:了)?(?:费用)?(?:共|共计|合计|金额)?(?:为)?" + _MONEY
        ),
        needs=("收取", "收费", "信息处理费"),
        money=True,
        editions=_ALL,
    ),
    # ---- review, litigation, complaints
    Rule(
        key="review_litigation.review.total",
        pattern=_r(r"行政复议(?:案件|申请)?(?:共|数量?|共计)?(?:为|有)?" + _CASES),
        needs=("行政复议",),
        claim_editions=_TABLED,
    ),
    Rule(
        key="review_litigation.review.total",
        pattern=_r(_CASES + r"(?:涉及|因)?" + r"[^。；;，,]{0,14}?行政复议"),
        needs=("行政复议",),
        claim_editions=_TABLED,
    ),
    Rule(
        key="review_litigation.review.total",
        pattern=_r(_NEG + _GAP + r"行政复议"),
        needs=("行政复议",),
        zero=True,
        claim_editions=_TABLED,
    ),
    Rule(
        key="review_litigation.litigation.total",
        pattern=_r(r"行政诉讼(?:案件)?(?:共|数量?|共计)?(?:为|有)?" + _CASES),
        needs=("行政诉讼",),
        claim_editions=_TABLED,
    ),
    Rule(
        key="review_litigation.litigation.total",
        pattern=_r(_NEG + _GAP + r"行政诉讼"),
        needs=("行政诉讼",),
        zero=True,
        claim_editions=_TABLED,
    ),
    Rule(
        key="complaints.total",
        pattern=_r(
            r"(?:举报投诉|投诉举报|举报|投诉)(?:案件|事件)?(?:共|数量?)?(?:为|有)?" + _CASES
        ),
        needs=("举报", "投诉"),
        context=_r(r"政府信息公开|信息公开"),
    ),
    Rule(
        key="complaints.total",
        pattern=_r(_NEG + _GAP + r"(?:举报投诉|投诉举报|举报|投诉)"),
        needs=("举报", "投诉"),
        zero=True,
        context=_r(r"政府信息公开|信息公开"),
    ),
)
"""Every sentence pattern, one fact key each (a new phrasing is a new entry)."""


def _needs_pattern(rules: Iterable[Rule]) -> re.Pattern[str]:
    """Any string one of ``rules`` needs, the longest one first where several begin at
    one place.

    The strings are grouped by their first character (``收(?:到|取|费)``), so that at
    each character of a text the regex engine tries at most one group.
    """
    rests: dict[str, list[str]] = {}
    for need in sorted({n for rule in rules for n in rule.needs}, key=lambda n: (-len(n), n)):
        rests.setdefault(need[0], []).append(re.escape(need[1:]))
    return re.compile("|".join(f"{re.escape(c)}(?:{'|'.join(r)})" for c, r in rests.items()))


_TRIGGERS = {
    found: frozenset(
        i for i, rule in enumerate(RULES) if any(found.startswith(n) for n in rule.needs)
    )
    for found in {need for rule in RULES for need in rule.needs}
}
"""The rules (indices into :data:`RULES`) a string found by a :func:`_needs_pattern`
lets be tried: those needing it or a string it begins with (found in the same place)."""
_UNFILTERED = frozenset(i for i, rule in enumerate(RULES) if not rule.needs)
"""Rules tried on every sentence."""

_NONE_BODY = re.compile(r"^(?:无|没有|未发生|均无|本年度无)[。.]?$")
"""A section whose whole body says "none" (``五、行政复议…情况`` / ``无。``)."""
_NONE_FIRST = "无没未均本"
"""How every body :data:`_NONE_BODY` matches begins: a cheap first test."""

_SECTION_NONE_KEYS: dict[str, tuple[str, ...]] = {
    "review_litigation": ("review_litigation.review.total", "review_litigation.litigation.total"),
    "fees_waivers": ("fees.collected_yuan",),
}

_YEAR_BREAKDOWN = r"\s*年度?(?:共|收到|受理)?" + _CASES
r"""Follows ``(?<!\d)<year>`` in the pattern for one year's share of a multi-year figure."""
_CLAUSE_START = re.compile(r".*[，,：:]", re.DOTALL)

# ---- the attached statistics table (templates.md §6.2), read by label

STAT_LABELS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("proactive.total", _r(r"主动公开政府信息数"), 1),
    ("proactive.channels.gazette", _r(r"政府公报公开政府信息数"), 1),
    ("proactive.channels.website", _r(r"政府网站公开政府信息数"), 1),
    ("proactive.channels.weibo", _r(r"政务微博公开政府信息数"), 1),
    ("proactive.channels.wechat", _r(r"政务微信公开政府信息数"), 1),
    ("proactive.channels.other", _r(r"其他方式公开政府信息数"), 1),
    ("applications.new_received.total", _r(r"收到申请(?:总)?数|申请总数"), 1),
    ("applications.received_by.in_person", _r(r"当面申请数"), 1),
    ("applications.received_by.fax", _r(r"传真申请数"), 1),
    ("applications.received_by.online", _r(r"网络申请数|网上申请数"), 1),
    ("applications.received_by.mail", _r(r"信函申请数"), 1),
    ("applications.concluded.total", _r(r"申请办结数"), 1),
    ("applications.concluded.on_time", _r(r"按时办结数"), 1),
    ("applications.concluded.extended", _r(r"延期办结数"), 1),
    ("applications.responses.already_public", _r(r"属于已主动公开范围数"), 1),
    ("applications.responses.granted", _r(r"同意公开答复数"), 1),
    ("applications.responses.partially_granted", _r(r"同意部分公开答复数"), 1),
    ("applications.responses.refused", _r(r"不同意公开答复数"), 1),
    ("applications.responses.not_this_agency", _r(r"不属于本行政机关公开数"), 1),
    ("applications.responses.not_exist", _r(r"申请信息不存在数"), 1),
    ("applications.responses.ask_amend", _r(r"告知作出更改补充数"), 1),
    ("applications.responses.other_channel", _r(r"告知通过其他途径办理数"), 1),
    ("review_litigation.review.total", _r(r"行政复议数量?"), 1),
    ("review_litigation.litigation.total", _r(r"行政诉讼数量?"), 1),
    ("complaints.total", _r(r"举报投诉数量?"), 1),
    ("fees.collected_yuan", _r(r"依申请公开信息收取的费用"), 10_000),
)
"""Row labels of 《政府信息公开情况统计表》 (matched whole, after the ordinal and any
parenthesised note are removed), the key, and the factor to 元 (the table gives 万元)."""

_STAT_STRIP = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[、．.]|其中[:：]?)+"
    r"|[（(][^)）]*[)）]|\s+"
)
_STAT_LABEL_ENDS = ("数", "量", "用", ")", "）")
"""How a cell holding a label ends: every label of :data:`STAT_LABELS` ends with ``数``,
``数量`` or ``费用``, unless a parenthesised note (removed before matching) follows."""
_UNIT_CELL = re.compile(r"^(?:条|件|个|次|篇|人|人次|万元|元)$")

# ---- categories and history

_CATEGORY_ITEM = re.compile(
    r"^(?:发布|公开|其中[:：]?)?[“\"「]?(?P<name>[^“”\"「」0-9，,；;：:]{2,20}?)[”\"」]?(?:类)?(?:信息)?"
    + _COUNT
    + r"$"
)
_ITEM_SPLIT = re.compile(r"[；;，,、]")
_PERCENT_TAIL = re.compile(r"占[^；;，,]*")
_LIST_LEAD = re.compile(
    r"^(?:[。，,]?其中(?:包括)?[:：，,]?|(?:各类|各项)?(?:政府)?信息中[，,:：]?)"
)
"""What opens the list of categories after a total (``。其中：``, ``…62条政府信息中，``)."""
_CHANNEL_WORD = re.compile(r"方式|渠道|途径")
_HISTORY_LABEL = re.compile(r"^(?:年份|年度)$")
_HISTORY_VALUE_LABEL = re.compile(r"主动公开")
_YEAR_CELL = re.compile(r"(?:19|20)\d{2}")


_CHANNEL_RULES = tuple(r for r in RULES if r.key.startswith("proactive.channels."))
_CHANNEL_NEEDS = _needs_pattern(_CHANNEL_RULES)


def _names_channel(item: str) -> bool:
    """Whether ``item`` states a channel's count (``政府网站公开71455条``)."""
    return _CHANNEL_NEEDS.search(item) is not None and any(
        rule.pattern.search(item) for rule in _CHANNEL_RULES
    )


# --------------------------------------------------------------------------- the flow


@attrs.frozen(kw_only=True)
class _Flow:
    """The narrative as one string, with the document offset of every character.

    The flow is a run of *pieces* copied from the document (a word between white
    space, or an inserted line break or space); ``starts[k]`` is where piece ``k``
    begins in the flow, ``origins[k]`` the document offset of its first character
    and ``ends[k]`` that just after its last. Offsets grow along the flow.
    """

    text: str
    starts: tuple[int, ...]
    origins: tuple[int, ...]
    ends: tuple[int, ...]

    def pos(self, i: int) -> int:
        """The document offset of flow character ``i``."""
        k = bisect.bisect_right(self.starts, i) - 1
        return self.origins[k] + i - self.starts[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.pos(start), self.pos(max(end - 1, start)) + 1

    def index(self, doc_offset: int) -> int:
        """The first flow character at or after ``doc_offset`` (the last one if none is)."""
        k = bisect.bisect_right(self.ends, doc_offset)
        if k == len(self.ends):
            return len(self.text) - 1
        return self.starts[k] + max(0, doc_offset - self.origins[k])


def _shape(line: str) -> str | None:
    """``"ordinal"`` or ``"numeric"`` if :data:`_LINE_SHAPE` says so, else ``None``."""
    m = _LINE_SHAPE.match(line)
    return m.lastgroup if m is not None else None


def _joins(lines: Sequence[str], shapes: Sequence[str | None], i: int) -> bool:
    """Whether line ``i`` continues the sentence of line ``i - 1`` (a wrapped line).

    ``shapes`` are :func:`_shape` of the ``lines``.
    """
    p = lines[i - 1].rstrip()
    if not p or p[-1] in _END_PUNCT or shapes[i] == "ordinal":
        return False
    if len(p) <= 40 and shapes[i - 1] == "ordinal":
        return False  # a heading ends its line
    if shapes[i] == "numeric":
        return i + 1 < len(lines) and bool(_UNIT_START.match(lines[i + 1]))
    if shapes[i - 1] == "numeric":
        return bool(_UNIT_START.match(lines[i]))
    return True


def _flow(doc: Document) -> _Flow:
    pieces: list[str] = []
    origins: list[int] = []

    blocks = [b for b in doc.blocks if b.kind != "table"]
    texts = [b.text for b in blocks]
    shapes = [_shape(text) for text in texts]
    for i, text in enumerate(texts):
        base = blocks[i].start
        if i and not _joins(texts, shapes, i):
            pieces.append("\n")
            origins.append(base)
        words = text.split()
        if len(words) == 1 and len(words[0]) == len(text):
            pieces.append(text)  # the block is one word: the common case
            origins.append(base)
            continue
        done = 0
        for word in words:
            at = text.find(word, done)
            # Keep one space only between two ASCII word characters (``3001 53``).
            if at > done and pieces and pieces[-1][-1] in _ASCII_WORD and word[0] in _ASCII_WORD:
                pieces.append(" ")
                origins.append(base + done)
            pieces.append(word)
            origins.append(base + at)
            done = at + len(word)
    return _Flow(
        text="".join(pieces),
        starts=tuple(itertools.accumulate(map(len, pieces[:-1]), initial=0)) if pieces else (),
        origins=tuple(origins),
        ends=tuple(map(operator.add, origins, map(len, pieces))),
    )


# --------------------------------------------------------------------------- candidates


@attrs.frozen(kw_only=True)
class _Candidate:
    key: str
    value: int | Decimal
    start: int
    end: int
    approximate: bool = False
    note: str = ""
    claim: bool = False


@functools.lru_cache(maxsize=4096)
def _number_in(text: str, *, money: bool) -> Number | None:
    """The first count (or sum of money) in ``text``; offsets are into ``text``.

    Remembered: ``text`` is a number slot (``3条``, ``约10件``), and the same few
    counts come back again and again.
    """
    for n in find_numbers(text):
        if n.unit in {"年", "月", "日", "%"}:
            continue
        if money and n.unit not in {"元", "万元"}:
            continue
        return n
    return None


@attrs.frozen
class _EditionRules:
    """The rules of :data:`RULES` that give a figure or a claim in one edition."""

    claims: tuple[bool, ...]
    """By index into :data:`RULES`: whether the rule gives a claim (not a figure)."""
    used: frozenset[int]
    """The indices of the rules that give something."""
    negations: frozenset[int]
    """Those of them that read no number (``zero``): all a sentence without a quantity
    can match."""
    needs: re.Pattern[str]
    """:func:`_needs_pattern` of the rules that give something."""


@functools.cache
def _rules_for(edition: str) -> _EditionRules:
    """The rules that give something in ``edition`` (remembered: there are three)."""
    claims = tuple(edition in rule.claim_editions for rule in RULES)
    used = frozenset(i for i, rule in enumerate(RULES) if claims[i] or edition in rule.editions)
    return _EditionRules(
        claims=claims,
        used=used,
        negations=frozenset(i for i in used if RULES[i].zero),
        needs=_needs_pattern(RULES[i] for i in used),
    )


def _one_sentence_per_line(text: str) -> str:
    """``text`` with every sentence end (:data:`_SENTENCE_ENDS`) turned into a line break."""
    for end in _SENTENCE_ENDS:
        text = text.replace(end, "\n")
    return text


def _end(lines: str, start: int) -> int:
    """Where the sentence at ``start`` of :func:`_one_sentence_per_line` text ends."""
    end = lines.find("\n", start)
    return end if end >= 0 else len(lines)


def _scope(sentence: str, upto: int, year: int | None) -> str | None:
    """Why a figure at ``upto`` in ``sentence`` is not this year's, or ``None`` when it is."""
    head = sentence[:upto]
    last_kind, last_pos, last_year = "", -1, 0
    for m in CUMULATIVE.finditer(head):
        last_kind, last_pos = "cumulative", m.start()
    for m in _YEAR.finditer(head):
        if m.start() > last_pos:
            last_kind, last_pos, last_year = "year", m.start(), int(m.group(1))
    if last_kind == "cumulative":
        return "a figure accumulated over several years"
    if last_kind == "year":
        if year is not None and last_year != year:
            return f"a figure of {last_year}, not of {year}"
        if year is None:
            years = {int(m.group(1)) for m in _YEAR.finditer(sentence)}
            if len(years) > 1:
                return "the sentence names several years and the report year is unknown"
    return None


def _clause_head(sentence: str, upto: int) -> str:
    """The part of the clause holding position ``upto`` that comes before it."""
    head = sentence[:upto]
    m = _CLAUSE_START.match(head)
    return head[m.end() :] if m else head


def _section_at(sections: Sequence[Section], starts: list[int], offset: int) -> str | None:
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset <= sections[i].end:
        return sections[i].id
    return None


class _Reader:
    """Collects candidates and findings for one document."""

    def __init__(
        self, doc: Document, sections: Sequence[Section], edition: Edition, year: int | None
    ):
        self.doc = doc
        self.edition = edition
        self.year = year
        self.sections = sorted(sections, key=lambda s: s.start)
        self.starts = [s.start for s in self.sections]
        self.flow = _flow(doc)
        self.candidates: list[_Candidate] = []
        self.findings: list[Finding] = []

    def _finding(self, code: str, message: str, key: str, start: int, end: int) -> None:
        a, b = self.flow.span(start, end)
        self.findings.append(
            Finding(
                code=code,
                severity="info",
                message=message,
                keys=(key,),
                evidence=self.doc.text[a:b],
                start=a,
                end=b,
            )
        )

    def read_sentences(self) -> None:
        """Try each rule on the sentences of the flow that could hold a match of it.

        Those are the sentences holding one of the rule's ``needs`` and, for a
        rule that reads a number, a quantity (:data:`_QUANTITY`). Each sentence
        is tried with its rules in the order of :data:`RULES`.
        """
        text = self.flow.text
        lines = _one_sentence_per_line(text)
        work: dict[int, set[int]] = {}  # sentence start -> the rules to try there
        if _UNFILTERED:
            for s in _SENTENCE.finditer(text):
                work[s.start()] = set(_UNFILTERED)
        rules = _rules_for(self.edition)
        m = rules.needs.search(text)
        while m is not None:
            at = m.start()
            start = lines.rfind("\n", 0, at) + 1
            work.setdefault(start, set()).update(_TRIGGERS[m.group()])
            m = rules.needs.search(text, at + 1)
        for base in sorted(work):
            todo = work[base] & rules.used
            if not todo:
                continue
            sentence = text[base : _end(lines, base)]
            if not todo <= rules.negations and not _QUANTITY.search(sentence):
                todo &= rules.negations  # a figure needs a quantity
            section: str | None = None
            located = False
            for i in sorted(todo):
                rule = RULES[i]
                if rule.context is not None and not rule.context.search(sentence):
                    if not rule.sections:
                        continue
                    if not located:
                        section = _section_at(self.sections, self.starts, self.flow.pos(base))
                        located = True
                    if section not in rule.sections:
                        continue
                for found in rule.pattern.finditer(sentence):
                    self._take(rule, found, base, sentence, claim=rules.claims[i])

    def _take(self, rule: Rule, m: re.Match[str], base: int, sentence: str, *, claim: bool) -> None:
        if rule.zero:
            why = _scope(sentence, m.start(), self.year)
            if why is None:
                self.candidates.append(
                    _Candidate(
                        key=rule.key,
                        value=Decimal(0) if rule.key == "fees.collected_yuan" else 0,
                        start=base + m.start(),
                        end=base + m.end(),
                        note="stated as none",
                        claim=claim,
                    )
                )
            return
        n = _number_in(m.group("q"), money=rule.money)
        if n is None:
            return
        n_start = m.start("q") + n.start  # in the sentence
        n_end = n_start + n.end - n.start
        if n.value is None:
            self._finding(
                "narrative_placeholder",
                "the figure is an unfilled placeholder",
                rule.key,
                base + n_start,
                base + n_end,
            )
            return
        why = _scope(sentence, n_start, self.year)
        if why is not None:
            if rule.key == "applications.new_received.total" and self._year_breakdown(
                rule, sentence, base, m.end(), claim
            ):
                return
            self._finding(
                "narrative_out_of_scope",
                f"not taken: {why}",
                rule.key,
                base + m.start(),
                base + m.end(),
            )
            return
        if rule.ambiguous_if_channel and CHANNEL_CONTEXT.search(_clause_head(sentence, m.start())):
            self._finding(
                "narrative_ambiguous",
                f"candidate {n.value} not taken: stated for one channel, it may be the total or that channel's count",
                rule.key,
                base + m.start(),
                base + m.end(),
            )
            return
        value: int | Decimal = n.value
        if rule.money:
            value = Decimal(value) * (10_000 if n.unit == "万元" else 1)
        self.candidates.append(
            _Candidate(
                key=rule.key,
                value=value,
                start=base + n_start,
                end=base + n_end,
                approximate=n.approximate,
                claim=claim,
            )
        )

    def _year_breakdown(
        self, rule: Rule, sentence: str, base: int, after: int, claim: bool
    ) -> bool:
        """``近年来，共收到…3件，其中：2016年1件，2017年2件`` gives this year's 2."""
        if self.year is None:
            return False
        pattern = re.compile(rf"(?<!\d){self.year}" + _YEAR_BREAKDOWN)
        m = pattern.search(sentence, after)
        if m is None:
            return False
        n = _number_in(m.group("q"), money=False)
        if n is None or n.value is None:
            return False
        at = base + m.start("q")
        self.candidates.append(
            _Candidate(
                key=rule.key,
                value=n.value,
                start=at + n.start,
                end=at + n.end,
                approximate=n.approximate,
                claim=claim,
                note=f"the {self.year} share of a multi-year figure",
            )
        )
        return True

    def read_none_sections(self) -> None:
        for section in self.sections:
            keys = _SECTION_NONE_KEYS.get(section.id)
            if (
                not keys
                or section.text.lstrip()[:1] not in _NONE_FIRST
                or not _NONE_BODY.match(_SPACE.sub("", section.text))
            ):
                continue
            if section.id == "review_litigation" and re.search(r"举报|投诉", section.title):
                keys = (*keys, "complaints.total")
            for key in keys:
                claim = self.edition in _TABLED and key.startswith("review_litigation")
                if self.edition in _TABLED and not claim and key != "fees.collected_yuan":
                    continue
                value: int | Decimal = Decimal(0) if key == "fees.collected_yuan" else 0
                self.candidates.append(
                    _Candidate(
                        key=key,
                        value=value,
                        start=self._flow_index(section.start),
                        end=self._flow_index(section.end - 1) + 1,
                        note="stated as none",
                        claim=claim,
                    )
                )

    def _flow_index(self, doc_offset: int) -> int:
        return self.flow.index(doc_offset)

    def read_stat_table(self, cells: Sequence[Block | Cell]) -> None:
        """The attached 《政府信息公开情况统计表》: label cells followed by their value.

        ``cells`` are :func:`_cells` of the document.
        """
        if self.edition != "pre2019":
            return
        for i, cell in enumerate(cells):
            text = cell.text
            if not text.rstrip().endswith(_STAT_LABEL_ENDS):
                continue  # the label would not end like one
            label = _STAT_STRIP.sub("", text)
            if not label or len(label) > 40:
                continue
            for key, pattern, factor in STAT_LABELS:
                if not pattern.fullmatch(label):
                    continue
                for value_cell in cells[i + 1 : i + 4]:
                    text2, start2, end2 = value_cell.text, value_cell.start, value_cell.end
                    if _UNIT_CELL.match(text2.strip()):
                        continue
                    n = read_number(text2)
                    if n is not None and n.value is not None:
                        value: int | Decimal = n.value
                        if key == "fees.collected_yuan":
                            value = Decimal(value) * factor
                        a = self._flow_index(start2)
                        # Table offsets are not in the flow: keep the cell span itself.
                        self.candidates.append(
                            _Candidate(
                                key=key,
                                value=value,
                                start=a,
                                end=a + 1,
                                note=f"table:{start2}:{end2}",
                            )
                        )
                    break
                break

    def resolve(self) -> tuple[list[Figure], list[Figure]]:
        by_key: dict[tuple[str, bool], list[_Candidate]] = {}
        for c in self.candidates:
            by_key.setdefault((c.key, c.claim), []).append(c)
        figures: list[Figure] = []
        claims: list[Figure] = []
        for (key, claim), found in by_key.items():
            values = {c.value for c in found}
            if len(values) > 1:
                first = found[0]
                self._finding(
                    "narrative_conflict",
                    "the text states different values: "
                    + ", ".join(str(v) for v in sorted(values)),
                    key,
                    first.start,
                    found[-1].end,
                )
                continue
            c = found[0]
            if c.note.startswith("table:"):
                _, a_s, b_s = c.note.split(":")
                a, b = int(a_s), int(b_s)
                note = "statistics table"
            else:
                a, b = self.flow.span(c.start, c.end)
                note = c.note
            fig = Figure(
                key=key,
                value=_fact_value(c.value),
                provenance=self.doc.provenance(key, a, b, approximate=c.approximate, note=note),
            )
            (claims if claim else figures).append(fig)
        return figures, claims


def _fact_value(value: int | Decimal) -> FactValue:
    return value


# --------------------------------------------------------------------------- categories, history


def _categories(reader: _Reader) -> tuple[CategoryCount, ...]:
    """Named per-category counts listed after a stated total (``其中：“人事信息”1条；…``)."""
    text = reader.flow.text
    for total in (c for c in reader.candidates if c.key == "proactive.total" and not c.note):
        line_end = text.find("\n", total.end)
        tail = text[total.end : line_end if line_end >= 0 else len(text)]
        lead = _LIST_LEAD.match(tail)
        if lead is None:
            continue
        rest = tail[lead.end() :]
        # The list ends with the sentence, unless the sentence is only ``其中：``.
        stop = rest.find("。", 1)
        out: list[CategoryCount] = []
        for item in _ITEM_SPLIT.split(
            _PERCENT_TAIL.sub("", rest[: stop if stop > 0 else len(rest)])
        ):
            im = _CATEGORY_ITEM.match(item.strip("。 "))
            if im is None:
                continue
            name = im.group("name")
            if _CHANNEL_WORD.search(name) or _names_channel(item):
                return ()  # a list of channels, not of categories
            n = _number_in(im.group("q"), money=False)
            if n is None or not isinstance(n.value, int):
                continue
            out.append(CategoryCount(name=name, count=n.value, approximate=n.approximate))
        if len(out) >= 2:
            return tuple(out)
    return ()


def _cells(doc: Document) -> list[Block | Cell]:
    """Every block in order, a table as its cells one by one."""
    cells: list[Block | Cell] = []
    for block in doc.blocks:
        if block.table is not None:
            cells.extend(block.table.cells())
        else:
            cells.append(block)
    return cells


def _history(cells: Sequence[Block | Cell]) -> tuple[YearCount, ...]:
    """A multi-year table of proactive totals (``年份 2013 … 2017`` / ``主动公开信息数 3148 …``).

    ``cells`` are :func:`_cells` of the document.
    """
    texts = [cell.text for cell in cells]
    for i, text in enumerate(texts):
        if "年" not in text or not _HISTORY_LABEL.match(text.strip()):
            continue
        years: list[int] = []
        j = i + 1
        while j < len(texts) and _YEAR_CELL.fullmatch(texts[j].strip()):
            years.append(int(texts[j]))
            j += 1
        if len(years) < 2 or j >= len(texts) or not _HISTORY_VALUE_LABEL.search(texts[j]):
            continue
        values: list[int] = []
        for text2 in texts[j + 1 : j + 1 + len(years)]:
            n = read_number(text2)
            if n is None or not isinstance(n.value, int) or n.approximate:
                break
            values.append(n.value)
        if len(values) == len(years):
            return tuple(YearCount(year=y, count=v) for y, v in zip(years, values, strict=True))
    return ()


# --------------------------------------------------------------------------- entry point


def read_narrative(
    doc: Document, sections: tuple[Section, ...], *, edition: Edition, year: int | None
) -> NarrativeResult:
    """Read the figures the text states.

    For ``pre2019`` every key read is a figure. For ``2019``/``2021`` only
    ``proactive.total``, ``proactive.channels.*`` and ``fees.collected_yuan``
    are figures; the narrative's statements of application and review counts
    are returned as ``claims`` for the validator. ``year`` is the report year,
    used to keep figures of other years out.
    """
    reader = _Reader(doc, sections, edition, year)
    reader.read_sentences()
    reader.read_none_sections()
    cells = _cells(doc) if edition == "pre2019" else []
    reader.read_stat_table(cells)
    categories = _categories(reader)
    figures, claims = reader.resolve()
    return NarrativeResult(
        figures=tuple(figures),
        claims=tuple(claims),
        categories=categories,
        history=_history(cells) if edition == "pre2019" else (),
        findings=tuple(reader.findings),
    )
