"""What a document is: an annual report or not, which edition, whose, which year, where.

:func:`detect_document` reads a :class:`~govdisclosure.document.Document` and
returns a :class:`Detection`:

* **Kind.** The title line decides first. Near misses are recognised by their
  titles (:data:`NEAR_MISS_TITLES`): the 国办公开办函 notices that define the
  format, 政府工作报告, 统计公报, news about a report, cover letters and
  work-plan implementation summaries. A report title
  (:data:`REPORT_TITLE`) or, without any title, the report's own section
  headings and table labels (:data:`REPORT_CUES`) make an annual report; the
  latter alone is a *fragment* (say, the tables of a PDF page).
* **Edition** by content, never by year (templates.md §4): the table-2 and
  table-3 labels only one template has (:data:`EDITION_LABELS`), else
  ``pre2019``. Labels are matched with spaces removed and brackets folded.
* **Metadata**, each with provenance: title, organ (with kind and level),
  region (through :mod:`govdisclosure.gazetteer`), the year reported on (from
  the title, else the statistics period; never the publication year) and the
  publication date (labelled date, bare date under the title, signature).
  Text inside spans flagged as spam never becomes metadata.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from .document import Document
from .gazetteer import gazetteer, resolve_region
from .model import Edition, Finding, Organ, Provenance, Region
from .normalization.fixers import PINYIN_GLOSS
from .normalization.script import convert_to_simplified

__all__ = [
    "DATE",
    "EDITION_LABELS",
    "METADATA_LABELS",
    "NEAR_MISS_TITLES",
    "PLACEHOLDER",
    "REPORT_CUES",
    "REPORT_TITLE",
    "Detection",
    "detect_document",
    "detect_edition",
]

# --------------------------------------------------------------------------- vocabulary

REPORT_TITLE = re.compile(
    r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)"
    r"|政府信息公开(?:工作)?情况的?(?:年度)?报告"
)
"""A title naming an annual report (``…政府信息公开工作年度报告``, ``…工作报告``,
``关于2022年度政府信息公开情况的报告``)."""

NEAR_MISS_TITLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "template_notice",
        re.compile(
            r"年度报告格式|关于政府信息公开工作年度报告有关事项的通知|国办公开办函"
            r"|关于(?:印发|做好).{0,30}(?:年度报告).{0,10}(?:的)?通知"
        ),
    ),
    ("statistics_bulletin", re.compile(r"统计公报")),
    ("government_work_report", re.compile(r"政府工作报告")),
    (
        "cover_letter",
        re.compile(
            r"关于(?:报送|上报|呈报|提交|报备).{0,40}(?:报告|年报)的?(?:函|请示|报告)$|的函$"
        ),
    ),
    (
        "news",
        re.compile(
            r"(?:发布|公布|出炉|晒出|亮出|亮相|上线)了?.{0,30}(?:年度报告|年报)"
            r"|(?:年度报告|年报).{0,6}(?:发布|出炉|公布|上线)"
        ),
    ),
    (
        "work_plan_summary",
        re.compile(
            r"工作要点.{0,8}(?:落实|完成|执行)情况|工作(?:总结|计划)|落实情况(?:的)?(?:报告|汇报)?$"
        ),
    ),
)
"""Titles of documents that look like annual reports but are not, in the order tried."""

KIND_NAMES: Mapping[str, str] = {
    "template_notice": "the 国办公开办函 notice that defines the report format",
    "statistics_bulletin": "a statistics bulletin (统计公报)",
    "government_work_report": "a government work report (政府工作报告)",
    "cover_letter": "a cover letter sending a report",
    "news": "a news item about a report",
    "work_plan_summary": "a summary of how a work plan (工作要点) was carried out",
    "unknown": "no annual-report title, section headings or table labels",
}
"""What each non-report kind is, in words (used in :attr:`Detection.reason`)."""

REPORT_CUES: tuple[str, ...] = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
    "依申请公开政府信息情况",
    "政府信息公开的收费及减免情况",
    "因政府信息公开申请行政复议、提起行政诉讼",
    "年度报告中所列数据的统计期限",
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "申请人情况",
    "本年处理决定数量",
    "处理决定数量",
    "第二十条第(一)项",
    "第二十条第(五)项",
    "第二十条第(六)项",
    "第二十条第(八)项",
    "本机关不掌握相关政府信息",
    "结转下年度继续办理",
)
"""Headings, phrases and table labels of a report body (matched compact: no spaces, ``()``)."""

STRONG_BODY = 4
"""Distinct :data:`REPORT_CUES` that outweigh a near-miss title (a report under a cover page)."""

FRAGMENT_BODY = 2
"""Distinct :data:`REPORT_CUES` that make an untitled text a report fragment."""

PLACEHOLDER = re.compile(r"(?:xx+|XX+|××+|ｘｘ+)(?:年|月|县|市|镇|区|条|乡)")
"""Template placeholders (``xxxx年``, ``xx县``): a form to fill in, not a report.

(Each branch starts with a literal letter, so the scan skips ahead at C speed.)"""

EDITION_LABELS: Mapping[Edition, tuple[str, ...]] = {
    "2019": (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "第二十条第(九)项",
        "政府集中采购",
        "其他对外管理服务事项",
    ),
    "2021": (
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年收费金额",
        "本年处理决定数量",
        "申请人无正当理由逾期不补正",
        "申请人逾期未按收费通知要求缴纳费用",
    ),
}
"""Table labels only one template edition has (templates.md §4), compact form."""

METADATA_LABELS: Mapping[str, tuple[str, ...]] = {
    "published": ("发布日期", "发布时间", "公开日期", "发文日期", "发布于"),
    "title": ("名称", "标题", "title"),
    "organ": ("发布机构", "单位", "发文机关"),
    "host": ("主办", "主办单位", "承办", "地址"),
    "breadcrumb": ("breadcrumb", "当前位置", "您的位置", "你的位置"),
}
"""Labels of the 信息公开 box and page furniture, by what they give."""

_ALL_LABELS = sorted(
    {x for v in METADATA_LABELS.values() for x in v if x.isascii() is False}, key=len
)
_LABEL_SPACED = "|".join(r"\s*".join(map(re.escape, lab)) for lab in reversed(_ALL_LABELS))
_VALUE_END = (  # labels that end the value before them
    rf"{_LABEL_SPACED}|索\s*引\s*号|文\s*号|来\s*源|作\s*者|责任编辑|点击次数|分类|浏览次数"
)
_META_PAIR = re.compile(
    rf"(?P<label>{_LABEL_SPACED})\s*[:：]\s*(?P<value>.*?)\s*(?=(?:{_VALUE_END})\s*[:：]|$)"
)
# _META_PAIR in two steps, without trying the value's end at each of its characters:
# where a label and its colon are, then where the next label and colon begin.
_LABEL_COLON = re.compile(rf"(?P<label>{_LABEL_SPACED})\s*[:：]\s*")
_NEXT_LABEL = re.compile(rf"(?:{_VALUE_END})\s*[:：]")
_META_ALONE = re.compile(rf"\A\s*(?P<label>{_LABEL_SPACED})\s*[:：]?\s*\Z")
_ALONE_ENDS = frozenset({lab[-1] for lab in _ALL_LABELS} | {":", "："})
"""The last character of a :data:`_META_ALONE` line but white space."""

DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})(?:\s*日)?"
)
"""A calendar date: ``2019-02-20``, ``2021年1月28日``, ``2018/2/23``."""

_BARE_DATE = re.compile(rf"\A\s*{DATE.pattern}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*\Z")
_CN_DIGITS = "〇○零一二三四五六七八九"
_YEAR = re.compile(rf"(?P<y>(?:19|20)\d{{2}}|[{_CN_DIGITS}]{{4}})\s*年(?P<du>度)?")
_STAT_PERIOD = re.compile(
    r"统计(?:期限|周期|时限|区间|时间|时段|范围)[^0-9。]{0,10}(?P<y>(?:19|20)\d{2})\s*年"
    r"(?:\s*度|\s*1\s*月\s*1\s*日)"
)
_TITLE_HEAD = re.compile(r"^(?:关于|本)")
_ORGAN_TAIL = re.compile(r"(?:关于|的|本)$")
_ORGAN_LIKE = re.compile(
    r"(?:人民政府|办事处|街道|局|委员会|委|办公室|办|厅|院|中心|镇|乡|县|区|市|省|旗|署|所|站|会)$"
)
_NOT_IN_ORGAN = re.compile(r"[0-9《》()]")
_REGION_ONLY = re.compile(r"(?:省|自治区|市|县|区|旗|镇|乡|街道)$")
_GOV_SUFFIX = re.compile(r"人民政府$")
_TOWNSHIP = re.compile(r"(?:镇|乡)(?:人民政府)?$")
_STREET = re.compile(r"街道(?:办事处)?$|办事处$")
_BREADCRUMB = re.compile(r"(?:首页|当前位置|您的位置|你的位置).{0,200}?(?:>|＞|»|›|→)")
_WS = re.compile(r"\s+")
_NON_WS = re.compile(r"\S+")
_WIDE_PUNCTUATION = tuple((c, unicodedata.normalize("NFKC", c)) for c in "（），：；！？％／")
_TITLE_MAX = 60
_HEAD_BLOCKS = 15
_TAIL_BLOCKS = 12


# --------------------------------------------------------------------------- result


@attrs.frozen(kw_only=True)
class Detection:
    """The verdict on a document: annual report or not, edition, whose, which year.

    ``kind`` is ``"annual_report"`` or what the document is instead
    (``"work_plan_summary"``, ``"government_work_report"``, ``"news"``,
    ``"template_notice"``, ``"statistics_bulletin"``, ``"cover_letter"``,
    ``"unknown"``). ``score`` is the confidence that it is an annual report
    (0–1). ``reason`` says why in a sentence; ``evidence`` quotes the text
    behind it. ``fragment`` marks a part of a report (tables without a title).
    ``edition`` is ``None`` for a document that is not a report.
    """

    is_annual_report: bool
    kind: str
    score: float
    reason: str
    evidence: tuple[str, ...] = ()
    edition: Edition | None = None
    fragment: bool = False
    title: str | None = None
    organ: Organ | None = None
    region: Region = attrs.field(factory=Region)
    year: int | None = None
    published: dt.date | None = None
    provenance: tuple[Provenance, ...] = ()
    findings: tuple[Finding, ...] = ()


# --------------------------------------------------------------------------- text helpers


@attrs.frozen
class _Span:
    """A cleaned string taken from ``doc.text[start:end]`` (or from page metadata)."""

    text: str
    start: int
    end: int
    exact: bool  # offsets of ``text`` map one-to-one onto the source span
    note: str = ""
    index: tuple[int, ...] = ()


def _clean(raw: str, start: int) -> _Span:
    """Fold width, drop spaces and pinyin glosses, convert to simplified; keep the offsets."""
    folded = _fold_punctuation(raw)  # one character for one, as NFKC folds them
    glossed = ("(" in raw or "（" in raw) and PINYIN_GLOSS.search(raw) is not None
    index: Sequence[int]
    if not glossed and unicodedata.is_normalized("NFKC", folded):
        # No other character of an NFKC-normal string changes when folded alone: drop the spaces.
        cleaned = "".join(folded.split())
        if len(cleaned) == len(folded):  # no spaces either
            index = range(start, start + len(raw))
        else:
            index = [
                i
                for m in _NON_WS.finditer(folded)
                for i in range(start + m.start(), start + m.end())
            ]
    else:
        drop = {
            m.start() + k for m in PINYIN_GLOSS.finditer(raw) for k in range(m.end() - m.start())
        }
        chars: list[str] = []
        index = []
        for i, ch in enumerate(raw):
            if i in drop or ch.isspace():
                continue
            for c in unicodedata.normalize("NFKC", ch):
                if not c.isspace():
                    chars.append(c)
                    index.append(start + i)
        cleaned = "".join(chars)
    # The normaliser's one-to-one character table: same length, so offsets stay exact.
    text = convert_to_simplified(cleaned)
    return _Span(text, start, start + len(raw), True, index=tuple(index))


def _fold_punctuation(s: str) -> str:
    """``s`` with the full-width punctuation normalised text keeps folded as NFKC folds it."""
    for wide, narrow in _WIDE_PUNCTUATION:
        s = s.replace(wide, narrow)
    return s


def _nfkc(s: str) -> str:
    """``unicodedata.normalize("NFKC", s)``, fast for normalised document text.

    That text keeps the full-width punctuation, which NFKC folds one by one to
    ASCII; folded by :meth:`str.replace` first, the rest is usually normal already.
    """
    s = _fold_punctuation(s)
    return s if unicodedata.is_normalized("NFKC", s) else unicodedata.normalize("NFKC", s)


def _compact(s: str) -> str:
    return "".join(_nfkc(s).split())  # _nfkc has folded ／ to /


def _sub(span: _Span, a: int, b: int) -> tuple[int, int, bool]:
    """Source offsets of ``span.text[a:b]``; the whole span when the mapping was lost."""
    if span.exact and span.index and b > a:
        return span.index[a], span.index[b - 1] + 1, False
    return span.start, span.end, True


def _spam_spans(doc: Document) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in doc.marks if m.kind == "spam"]


def _in_spam(spam: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    return any(a < e and s < b for s, e in spam)


def _lines(doc: Document) -> list[tuple[str, int]]:
    """Text blocks as (text, start); tables are skipped."""
    return [(b.text, b.start) for b in doc.blocks if b.kind != "table"]


# --------------------------------------------------------------------------- metadata lines


@functools.lru_cache(maxsize=256)
def _meta_key(label: str) -> str | None:
    """The :data:`METADATA_LABELS` key of a label (remembered: labels repeat across pages)."""
    lab = _WS.sub("", label)
    return next((k for k, labels in METADATA_LABELS.items() if lab in labels), None)


def _has_colon(text: str) -> bool:
    """Whether ``text`` can hold a label–value pair: a quick test before :data:`_META_PAIR`."""
    return ":" in text or "：" in text


def _meta_pairs(text: str) -> Iterator[tuple[str, str, int]]:
    """``(label, value, value start)`` of each :data:`_META_PAIR` match in ``text``, in order."""
    if not _has_colon(text):
        return
    if "\n" in text:  # where ``.`` stops: the expression itself
        for pair in _META_PAIR.finditer(text):
            yield pair.group("label"), pair.group("value"), pair.start("value")
        return
    pos = 0
    while (label := _LABEL_COLON.search(text, pos)) is not None:
        # In one line the value always ends: at the next label and colon, else at the end.
        start = label.end()
        nxt = _NEXT_LABEL.search(text, start)
        pos = nxt.start() if nxt else len(text)
        yield label.group("label"), text[start:pos].rstrip(), start


def _meta_alone(text: str) -> re.Match[str] | None:
    """:data:`_META_ALONE` matched on ``text``, after a look at its last character."""
    end = text.rstrip()[-1:]
    return _META_ALONE.match(text) if end and end in _ALONE_ENDS else None


def _text_metadata(lines: list[tuple[str, int]]) -> dict[str, list[_Span]]:
    """Label–value pairs printed in the text (head and foot), by :data:`METADATA_LABELS` key."""
    out: dict[str, list[_Span]] = {}
    picked = lines[:_HEAD_BLOCKS] + lines[max(_HEAD_BLOCKS, len(lines) - _TAIL_BLOCKS) :]
    for i, (text, start) in enumerate(picked):
        alone = _meta_alone(text)
        if alone and i + 1 < len(picked):
            key = _meta_key(alone.group("label"))
            value, vstart = picked[i + 1]
            if key and value.strip() and not _meta_alone(value):
                out.setdefault(key, []).append(
                    _clean(value.strip(), vstart + value.index(value.strip()))
                )
            continue
        if not _has_colon(text):
            continue  # no pair (and no generator to make)
        for label, value, at in _meta_pairs(text):
            key = _meta_key(label)
            if key and value:
                out.setdefault(key, []).append(_clean(value, start + at))
    return out


def _page_metadata(doc: Document) -> dict[str, list[_Span]]:
    """The page's own metadata (HTML box, ``<title>``, breadcrumb, 主办), by key."""
    out: dict[str, list[_Span]] = {}
    for label, value in doc.metadata.items():
        key = _meta_key(label)
        if key is None or not value.strip():
            continue
        pos = doc.text.find(value.strip())
        span = _clean(value.strip(), max(pos, 0))
        note = f"page metadata {label}"
        if pos >= 0:
            span = _Span(span.text, span.start, span.end, span.exact, note, span.index)
        else:
            span = _Span(span.text, 0, 0, False, note)
        out.setdefault(key, []).append(span)
    return out


# --------------------------------------------------------------------------- title


def _title_candidates(doc: Document, lines: list[tuple[str, int]]) -> Iterator[_Span]:
    lines = lines[:_HEAD_BLOCKS]
    spam = _spam_spans(doc)
    for i, (text, start) in enumerate(lines):
        if (
            "。" in text  # not a title (cleaning keeps a full stop)
            or _in_spam(spam, start, start + len(text))
            or _BREADCRUMB.search(text)
            or (_has_colon(text) and _META_PAIR.search(text))
        ):
            continue  # the tests on the raw line come first: they spare the cleaning
        span = _clean(text, start)
        if not 4 <= len(span.text) <= _TITLE_MAX or "。" in span.text:
            continue
        if _REPORT_OR_MISS(span.text):
            yield span
            continue
        if i + 1 < len(lines) and not _REPORT_OR_MISS(_compact(lines[i + 1][0])):
            nxt, nstart = lines[i + 1]  # a title broken over two lines (PDF conversions)
            joined = _clean(text + nxt, start)
            if len(joined.text) <= _TITLE_MAX and REPORT_TITLE.search(joined.text):
                rest = _clean(nxt, nstart)
                yield _Span(
                    joined.text,
                    start,
                    nstart + len(nxt),
                    span.exact and rest.exact,
                    index=span.index + rest.index if span.exact and rest.exact else (),
                )


def _REPORT_OR_MISS(text: str) -> bool:
    return bool(REPORT_TITLE.search(text)) or any(p.search(text) for _, p in NEAR_MISS_TITLES)


def _title_kind(title: str) -> tuple[str, str] | None:
    """``(kind, matched text)`` of a title, near misses first."""
    for kind, pattern in NEAR_MISS_TITLES:
        m = pattern.search(title)
        if m:
            return kind, m.group(0)
    m = REPORT_TITLE.search(title)
    return ("annual_report", m.group(0)) if m else None


def _find_title(
    doc: Document, lines: list[tuple[str, int]], meta: Mapping[str, list[_Span]]
) -> _Span | None:
    for span in _title_candidates(doc, lines):
        return span
    for span in meta.get("title", []):
        text = span.text.split("-")[0].split("_")[0].split("|")[0]
        if _REPORT_OR_MISS(text):
            return attrs.evolve(span, text=text)
    return None


# --------------------------------------------------------------------------- edition


def detect_edition(text: str) -> tuple[Edition, tuple[str, ...]]:
    """The template edition ``text`` follows, by the labels only one edition has.

    Returns the edition and the labels that decided it; ``pre2019`` (free text)
    when neither edition's labels occur.

    >>> detect_edition("信息内容 本年制发件数 本年废止件数 现行有效件数")[0]
    '2021'
    >>> detect_edition("第二十条第(九)项 政府集中采购")[0]
    '2019'
    >>> detect_edition("一、概述 二、主动公开政府信息情况")
    ('pre2019', ())
    """
    return _edition(_compact(text))


def _edition(compact: str) -> tuple[Edition, tuple[str, ...]]:
    """:func:`detect_edition` of text already compacted."""
    hits = {
        ed: tuple(lab for lab in labels if lab in compact) for ed, labels in EDITION_LABELS.items()
    }
    if not hits["2019"] and not hits["2021"]:
        return "pre2019", ()
    edition: Edition = "2021" if len(hits["2021"]) >= len(hits["2019"]) else "2019"
    return edition, hits[edition]


# --------------------------------------------------------------------------- organ, region


def _organ_from_title(title: _Span) -> tuple[str, int, int] | None:
    """The organ named in a title, with its offsets inside ``title.text``."""
    t = title.text
    m = REPORT_TITLE.search(t)
    end = m.start() if m else len(t)
    y = _YEAR.search(t, 0, end)
    if y and y.start() > 0:
        a, b = 0, y.start()
    elif y:
        a, b = y.end(), end
    else:
        a, b = 0, end
    while a < b and _TITLE_HEAD.match(t[a:b]):
        a += _TITLE_HEAD.match(t[a:b]).end()  # type: ignore[union-attr]
    while a < b and _ORGAN_TAIL.search(t[a:b]):
        b -= 1
    name = t[a:b]
    if not 2 <= len(name) <= 30 or not _ORGAN_LIKE.search(name) or _NOT_IN_ORGAN.search(name):
        return None
    return name, a, b


def _organ(name: str, region_level: str | None) -> Organ:
    full = name
    if gazetteer().lookup(name):
        full = name + "人民政府"  # a report titled by a county or city is its government's
    if _STREET.search(full):
        return Organ(name=full, kind="street office", level="township")
    if _TOWNSHIP.search(full):
        return Organ(name=full, kind="township", level="township")
    rank = {"province": 0, "prefecture": 1, "county": 2}
    level: str | None = None
    pos = 0
    for m in gazetteer().find(full):  # the region names the organ's name starts with
        if m.start != pos:
            break
        pos = m.end
        deepest = max((u.level for u in m.units), key=rank.__getitem__)
        if level is None or rank[deepest] > rank[level]:
            level = deepest
    kind = "people's government" if _GOV_SUFFIX.search(full) else "department"
    return Organ(name=full, kind=kind, level=level or region_level)


# --------------------------------------------------------------------------- dates


def _date(m: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def _cn_year(s: str) -> int:
    if s.isdigit():
        return int(s)
    return int("".join(str(_CN_DIGITS.index(c) % 10 if c not in "〇○零" else 0) for c in s))


# --------------------------------------------------------------------------- detection


def _cues(compact: str, enough: int | None = None) -> tuple[str, ...]:
    """The :data:`REPORT_CUES` in ``compact``, in their order; only the first ``enough``."""
    found: list[str] = []
    for cue in REPORT_CUES:
        if cue in compact:
            found.append(cue)
            if len(found) == enough:
                break
    return tuple(found)


def _placeholder(doc: Document) -> str | None:
    """The first :data:`PLACEHOLDER` near the start of ``doc`` (only non-reports need it)."""
    m = PLACEHOLDER.search(doc.text, 0, 20000)
    return m.group() if m else None


def detect_document(doc: Document) -> Detection:
    """Classify ``doc`` and read its metadata, each value with its provenance.

    Never raises for any document; a document that is not an annual report
    gets ``is_annual_report=False`` and a ``kind`` saying what it is instead.
    """
    lines = _lines(doc)
    meta = _text_metadata(lines)
    for key, spans in _page_metadata(doc).items():
        meta[key] = spans + meta.get(key, [])  # the page's own box first
    compact = _compact(doc.text)
    title = _find_title(doc, lines, meta)
    verdict = _title_kind(title.text) if title else None
    # Under a report title, four cues bring the score (0.6 + 0.1 a cue) to its cap of 1 and
    # give the evidence its three: more change nothing, so the search stops there.
    cues = _cues(compact, 4 if verdict and verdict[0] == "annual_report" else None)

    kind = "unknown"
    evidence: list[str] = []
    fragment = False
    if verdict and verdict[0] != "annual_report":
        overruled = (
            verdict[0] in ("cover_letter", "news", "work_plan_summary") and len(cues) >= STRONG_BODY
        )
        kind = "annual_report" if overruled else verdict[0]
        evidence = [title.text if title else verdict[1], *cues[:3]] if overruled else [verdict[1]]
        if kind == "work_plan_summary" and (placeholder := _placeholder(doc)):
            evidence.append(placeholder)
    elif verdict:
        kind, evidence = "annual_report", [verdict[1], *cues[:3]]
    elif len(cues) >= FRAGMENT_BODY:
        kind, fragment, evidence = "annual_report", True, list(cues[:4])
    is_report = kind == "annual_report"
    if is_report:
        score = min(1.0, (0.6 if verdict else 0.3) + 0.1 * len(cues))
        reason = (
            f"the title names an annual report ({verdict[1]})"
            if verdict and verdict[0] == "annual_report"
            else f"the body has {len(cues)} of the report's headings and table labels"
            + (" but no title: a fragment" if fragment else ", outweighing the title")
        )
    else:
        score = round(min(0.2, 0.05 * len(cues)), 2)
        reason = (
            f"the title's {verdict[1]!r} marks {KIND_NAMES[kind]}"
            if verdict
            else f"{KIND_NAMES[kind]} ({len(cues)} report cue(s))"
        )
        if placeholder := _placeholder(doc):
            reason += f"; placeholders such as {placeholder!r} mark a template"

        return Detection(
            is_annual_report=False,
            kind=kind,
            score=score,
            reason=reason,
            evidence=tuple(evidence),
            title=title.text if title else None,
        )

    provenance: list[Provenance] = []
    findings: list[Finding] = []

    def prov(key: str, span: _Span, a: int | None = None, b: int | None = None) -> None:
        if a is not None and b is not None:
            s, e, approx = _sub(span, a, b)
        else:
            s, e, approx = span.start, span.end, not span.exact
        if span.note and span.start == span.end == 0:
            raw = span.text if a is None or b is None else span.text[a:b]
            provenance.append(
                Provenance(key=key, start=0, end=0, raw=raw, approximate=True, note=span.note)
            )
        else:
            provenance.append(doc.provenance(key, s, e, approximate=approx, note=span.note))

    edition, labels = _edition(compact)
    evidence.extend(lab for lab in labels[:2] if lab not in evidence)

    # Title and year.
    year: int | None = None
    if title:
        prov("title", title)
        y = _YEAR.search(title.text)
        if y:
            year = _cn_year(y.group("y"))
            prov("year", title, y.start("y"), y.end("y"))
    if year is None:
        m = _STAT_PERIOD.search(doc.text)
        if m:
            year = int(m.group("y"))
            provenance.append(
                doc.provenance("year", m.start("y"), m.end("y"), note="statistics period")
            )

    # Organ.
    spam = _spam_spans(doc)
    organ_name: str | None = None
    organ_src: list[str] = []
    if title:
        hit = _organ_from_title(title)
        if hit:
            s, e, _ = _sub(title, hit[1], hit[2])
            if not _in_spam(spam, s, e):
                organ_name = hit[0]
                prov("organ", title, hit[1], hit[2])
    if organ_name is None:
        for span in meta.get("organ", []):
            if _REGION_ONLY.search(span.text[:8]) is None and not gazetteer().find(span.text):
                continue
            if _ORGAN_LIKE.search(span.text) and not _in_spam(spam, span.start, span.end):
                organ_name = span.text
                prov("organ", span)
                break
    if organ_name:
        organ_src.append(organ_name)

    # Region: title, organ, hosting line, breadcrumb; the whole text confirms parents.
    sources: list[_Span] = []
    if title:
        sources.append(title)
    sources.extend(s for s in meta.get("organ", []))
    sources.extend(s for s in meta.get("host", []))
    sources.extend(s for s in meta.get("breadcrumb", []))
    for text, start in lines[:_HEAD_BLOCKS]:
        if _BREADCRUMB.search(text):
            sources.append(_clean(text, start))
    sources = [s for s in sources if not _in_spam(spam, s.start, s.end) or s.start == s.end]
    res = resolve_region(
        [s.text for s in sources],
        context=lambda: "".join(doc.text[a:b] for a, b in _gaps(spam, len(doc.text))),
    )
    region = res.region
    if res.mention is not None and res.source is not None:
        span = sources[res.source]
        for key in ("region.province", "region.city", "region.county"):
            if getattr(region, key.split(".")[1]):
                prov(key, span, res.mention.start, res.mention.end)
    region_level = None
    if region.county:
        region_level = "county"
    organ = _organ(organ_name, region_level) if organ_name else None
    if organ is not None and organ.level is None and organ.kind == "people's government":
        lead = gazetteer().find(organ.name)
        if lead and lead[0].start == 0 and len(lead[0].units) == 1:
            organ = attrs.evolve(organ, level=lead[0].units[0].level)

    # Publication date: labelled, bare under the title, signature.
    published = _published(lines, meta, title, year, prov)
    if published is None and year is None and not fragment:
        findings.append(
            Finding(
                code="year_unknown",
                severity="info",
                message="neither the title nor a statistics period names the year reported on",
            )
        )
    return Detection(
        is_annual_report=True,
        kind="annual_report",
        score=round(score, 2),
        reason=reason,
        evidence=tuple(evidence),
        edition=edition,
        fragment=fragment,
        title=title.text if title else None,
        organ=organ,
        region=region,
        year=year,
        published=published,
        provenance=tuple(provenance),
        findings=tuple(findings),
    )


def _gaps(spans: Sequence[tuple[int, int]], n: int) -> Iterator[tuple[int, int]]:
    """The parts of ``[0, n)`` outside ``spans``."""
    pos = 0
    for s, e in sorted(spans):
        if s > pos:
            yield pos, s
        pos = max(pos, e)
    if pos < n:
        yield pos, n


def _plausible(d: dt.date, year: int | None) -> bool:
    return d.year >= 1990 and (year is None or year <= d.year <= year + 2)


def _published(
    lines: list[tuple[str, int]],
    meta: Mapping[str, list[_Span]],
    title: _Span | None,
    year: int | None,
    prov: Any,
) -> dt.date | None:
    for span in meta.get("published", []):
        m = DATE.search(span.text)
        d = _date(m) if m else None
        if m and d and _plausible(d, year):
            prov("published", span, m.start(), m.end())
            return d
    if title is not None:
        after = itertools.islice(((t, s) for t, s in lines if s >= title.end), 3)
        for text, start in after:
            m = _BARE_DATE.match(text)
            d = _date(m) if m else None
            if m and d and _plausible(d, year):
                provenance_span = _Span(text, start, start + len(text), True)
                prov("published", provenance_span)
                return d
    for text, start in reversed(lines[-_TAIL_BLOCKS:]):
        m = _BARE_DATE.match(text)
        d = _date(m) if m else None
        if m and d and year is not None and _plausible(d, year) and d.year > year:
            prov("published", _Span(text, start, start + len(text), True))
            return d
    return None
