"""A saved government web page → :class:`~govdisclosure.document.Document`.

A report published on a government CMS arrives wrapped in site chrome: a
header with the site name and search box, navigation, a breadcrumb, the
信息公开 metadata box (索引号, 发布机构, 公开日期 …), ``【字体:大 中 小】``
and share buttons, related-article lists, 上一篇/下一篇, and a footer with
网站地图, 联系我们, ``主办:…``, ICP备 and 公网安备 lines. The report itself sits
in one content container, usually Word-exported markup where text is split
over one ``<span>`` per few characters.

:func:`read_html` reads such a page in five steps:

1. parse with one hardened module-level lxml parser (no network, comments and
   processing instructions removed, no ``huge_tree``: libxml2 caps nesting);
   scripts, styles, frames and form controls are dropped;
2. read what the page says about itself into :attr:`Document.metadata`: the
   ``<title>``, the breadcrumb, the metadata box (label/value cells or
   ``label:value`` lines, keyed by the label as printed, without colon or
   spaces), a scraper's ``标题/单位/来源/采集时间`` wrapper and the footer's
   ``主办:`` line;
3. find the content container: a known CMS container (``<ucapcontent>``,
   ``TRS_Editor``, ``zoom`` …), else a class/id naming content, else the
   tightest element holding most of the page's non-link text; the article
   title just before it is kept as the first heading;
4. cut the container into blocks: headings (``h1``–``h6``; short bold or
   centred paragraphs; short paragraphs opening with an ordinal such as
   ``一、`` or ``（一）``), paragraphs and tables. Inline markup never splits
   a word or number (``20</span><span>23`` is ``2023``); block elements do.
   Tables become grids honouring ``rowspan``/``colspan``; whitespace-only
   cells stay, as blank cells; a nested table's text becomes its cell's text;
5. drop chrome lines left inside the container, normalise every paragraph,
   heading and cell with one document-level config, and build.

Provenance: every piece keeps the element path (``tree.getpath``) and its raw
text, the element's text as assembled here (inline runs joined, white space
collapsed as a browser would), so :meth:`Document.locate` answers with the
element path and the offset inside that text.

Speed: the per-element work is left to lxml's C code wherever it can be. An
element's text is serialised in C, stripped text lengths are summed over XPath
text nodes, class and id values come from one XPath; Python walks only the
elements that hold block elements, and works out paths only for the elements
that become pieces.

>>> doc = read_html("<title>报告</title><div id='zoom'><p>一、总体情况</p><p>全年共20<span>23</span>条。</p></div>")
>>> [(b.kind, b.text) for b in doc.blocks]
[('heading', '一、总体情况'), ('paragraph', '全年共2023条。')]
>>> doc.metadata["title"]
'报告'
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any, NamedTuple

import attrs
import lxml.etree as etree

from .document import Document, DocumentBuilder, Piece
from .errors import InputError
from .normalization import NormalizeConfig, normalize_piece, resolve_config

__all__ = [
    "CHROME_LINES",
    "CONTENT_TAGS",
    "MAX_HTML_CHARS",
    "METADATA_LABELS",
    "read_html",
]

Element = Any
"""An lxml element (lxml ships no type stubs that mypy --strict accepts here)."""

MAX_HTML_CHARS = 32 * 1024 * 1024
"""Pages longer than this are refused with :class:`~govdisclosure.errors.InputError`."""

MAX_DEPTH = 400
"""Deeper elements are read as flat text (libxml2 already caps nesting at 256)."""

MAX_TABLE_COLS = 512
"""Grid width cap: a hostile ``colspan`` cannot blow the grid up."""

MAX_HEADING_CHARS = 40
"""A bold, centred or ordinal-led paragraph longer than this is a paragraph."""

MAX_META_LINE_CHARS = 200
"""A ``label:value`` line longer than this is body text, not a metadata line."""

MAX_CHROME_LINE_CHARS = 60
"""Ambiguous chrome words (网站地图, 联系我们 …) only drop lines up to this long."""

# One parser for the whole process. libxml2's HTML parser reads no DTD and
# expands no external entities (lxml's HTMLParser has no resolve_entities
# switch: there is nothing to resolve beyond the fixed HTML character
# references); no_network forbids fetching anything; huge_tree stays off so
# nesting depth and text node size keep libxml2's safety limits. It is
# lxml.etree's HTML parser, not lxml.html's: the same parse, but plain elements,
# without a Python class lookup for every element touched.
_PARSERS = threading.local()
"""One parser per thread: a parser's ``error_log`` tells about its last parse,
which another thread's parse could replace before it is read."""


def _parser() -> etree.HTMLParser:
    parser: etree.HTMLParser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = etree.HTMLParser(
            no_network=True,
            remove_comments=True,
            remove_pis=True,
            huge_tree=False,
            collect_ids=False,
        )
    return parser


DROP_TAGS: tuple[str, ...] = (
    "script",
    "style",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "template",
    "svg",
    "math",
    "canvas",
    "audio",
    "video",
    "map",
    "input",
    "select",
    "button",
    "textarea",
    "title",
    "meta",
    "link",
    "base",
)
"""Elements dropped with their content (the tail text stays)."""

BLOCK_TAGS = frozenset(
    {
        "html", "body", "head", "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "h1", "h2", "h3",
        "h4", "h5", "h6", "blockquote", "section", "article", "aside", "header", "footer",
        "nav", "main", "center", "pre", "address", "figure", "figcaption", "form",
        "fieldset", "legend", "details", "summary", "ucapcontent",
    }
)  # fmt: skip
"""Elements that start a new line; everything else (span, font, b, a, o:p …) is inline."""

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BOLD_TAGS = frozenset({"b", "strong"})
CELL_TAGS = frozenset({"td", "th"})
ROW_GROUP_TAGS = frozenset({"thead", "tbody", "tfoot"})
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
INNER_CHROME_TAGS = frozenset({"nav", "aside"})

CONTENT_TAGS = frozenset({"ucapcontent"})
"""CMS tags that hold exactly the article body (Hanweb/ucap)."""

CONTENT_NAMES = re.compile(
    r"^(?:trs_?editor|zoom|zoomcon|zoom_?content|ucap_?content|article_?content|"
    r"art_?content|news_?content|detail_?content|xxgk_?content|content_?text|"
    r"text_?content|con_?text|wzzw|zwnr|bt_?content|pages_?content|view_?tpl)$",
    re.IGNORECASE,
)
"""class/id tokens of containers that hold the article body on known CMSs."""

CONTENT_HINTS = re.compile(
    r"content|article|detail|xxgk|zoom|main|^con$|^zw|text|^nr|wenzhang|body",
    re.IGNORECASE,
)
"""class/id fragments that suggest content (weaker: checked by text share)."""

CHROME_NAMES = re.compile(
    r"(?:^|[-_])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|dqwz|footer|"
    r"header|share|bdshare|bshare|related|xgxx|xgwz|xggj|xgwj|prev|next|prevnext|"
    r"pagination|print|fontsize|ziti|copyright|qrcode|ewm|toolbar|sidebar|search|"
    r"banner|login|bottom)(?:$|[-_])",
    re.IGNORECASE,
)
"""class/id tokens of chrome (navigation, share buttons, footers …), dropped outside the content."""

INNER_CHROME_NAMES = re.compile(
    r"(?:^|[-_])(?:nav|breadcrumbs?|crumbs?|position|location|dqwz|share|bdshare|bshare|"
    r"related|xgxx|xgwz|xggj|xgwj|prev|next|prevnext|pagination|print|fontsize|ziti|qrcode|"
    r"ewm|toolbar)(?:$|[-_])",
    re.IGNORECASE,
)
"""The chrome still dropped inside the content container (not header/footer: an
``article-header`` there holds the title)."""

TITLE_NAMES = re.compile(r"title|tit$|^bt$|biaoti", re.IGNORECASE)

# What an element's tag and class/id tokens say about it, as bit flags.
_CONTENT = 1  # a known content container (CONTENT_TAGS, CONTENT_NAMES)
_HINT = 2  # a class/id suggesting content (CONTENT_HINTS)
_CHROME = 4  # chrome outside the content (CHROME_TAGS, CHROME_NAMES)
_INNER_CHROME = 8  # chrome inside the content (INNER_CHROME_TAGS, INNER_CHROME_NAMES)
_TITLE = 16  # a class/id naming a title (TITLE_NAMES)

_TAG_FLAGS: dict[str, int] = dict.fromkeys(CONTENT_TAGS, _CONTENT) | {
    tag: _CHROME | (_INNER_CHROME if tag in INNER_CHROME_TAGS else 0) for tag in CHROME_TAGS
}

# Every class and id value, in document order; they come back as smart strings
# whose getparent() is their element. (XPath objects are typed Any, like
# elements: lxml-stubs give their results as a union of every kind of result.)
_CLASS_ID: Any = etree.XPath("descendant-or-self::*/@class | descendant-or-self::*/@id")
_IN_DOCUMENT_ORDER: Any = etree.XPath("$elements | $elements")  # a union is sorted


@functools.lru_cache(maxsize=4096)
def _token_flags(value: str, split: bool) -> int:
    """The flags of a class attribute (``split`` into tokens) or of an id (one token)."""
    flags = 0
    for token in value.split() if split else [value] if value else []:
        if CONTENT_NAMES.match(token):
            flags |= _CONTENT
        if CONTENT_HINTS.search(token):
            flags |= _HINT
        if CHROME_NAMES.search(token):
            flags |= _CHROME
        if INNER_CHROME_NAMES.search(token):
            flags |= _INNER_CHROME
        if TITLE_NAMES.search(token):
            flags |= _TITLE
    return flags


def _flags(el: Element) -> int:
    """The flags of one element, from its tag, class and id."""
    tag = el.tag
    flags = _TAG_FLAGS.get(tag, 0) if type(tag) is str else 0
    cls = el.get("class")
    if cls:
        flags |= _token_flags(cls, True)
    ident = el.get("id")
    if ident:
        flags |= _token_flags(ident, False)
    return flags


def _named(root: Element) -> dict[Element, int]:
    """The elements under ``root`` (itself included) with a flag, in document order."""
    out: dict[Element, int] = {}
    value: Any
    for value in _CLASS_ID(root):
        flags = _token_flags(value, value.attrname == "class")
        if flags:
            el = value.getparent()
            out[el] = out.get(el, 0) | flags
    tagged = list(root.iter(*_TAG_FLAGS))
    if not tagged:
        return out
    for el in tagged:
        out[el] = out.get(el, 0) | _TAG_FLAGS[el.tag]
    return {el: out[el] for el in _IN_DOCUMENT_ORDER(root, elements=list(out))}


METADATA_LABELS: tuple[str, ...] = (
    "索引号",
    "发布机构",
    "发文机关",
    "发文单位",
    "发布单位",
    "发布日期",
    "公开日期",
    "发布时间",
    "成文日期",
    "生成日期",
    "印发日期",
    "实施日期",
    "文号",
    "发文字号",
    "主题分类",
    "体裁分类",
    "组配分类",
    "信息分类",
    "分类",
    "名称",
    "标题",
    "主题词",
    "关键词",
    "有效性",
    "时效",
    "公开方式",
    "公开范围",
    "公开形式",
    "公开时限",
    "所属机构",
    "单位",
    "来源",
    "信息来源",
    "作者",
    "责任编辑",
    "采集时间",
    "浏览次数",
    "点击次数",
    "访问次数",
)
"""Labels of the 信息公开 metadata box and of scraper wrappers, as printed."""

METADATA_LABEL_ALIASES: dict[str, str] = {
    "索引號": "索引号",
    "發布機構": "发布机构",
    "發佈機構": "发布机构",
    "發布日期": "发布日期",
    "發佈日期": "发布日期",
    "公開日期": "公开日期",
    "發布時間": "发布时间",
    "文號": "文号",
    "發文字號": "发文字号",
    "主題分類": "主题分类",
    "名稱": "名称",
    "標題": "标题",
    "來源": "来源",
}
"""Traditional-script labels (mirror sites) → the key used in metadata."""

_ALL_LABELS = {lab: lab for lab in METADATA_LABELS} | METADATA_LABEL_ALIASES


def _label_pattern(label: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in label)


# Longest first, so 信息来源 wins over 来源 and 发布日期 over 日期-like tails.
_LABEL_ALT = "|".join(_label_pattern(lab) for lab in sorted(_ALL_LABELS, key=len, reverse=True))
_META_PAIR = re.compile(rf"({_LABEL_ALT})\s*[:：]")
_META_LINE_START = re.compile(rf"^\s*(?:{_LABEL_ALT})\s*[:：]")
_LABEL_CELL = re.compile(rf"^\s*({_LABEL_ALT})\s*[:：]?\s*$")
_LABEL_FIRST = frozenset(lab[0] for lab in _ALL_LABELS)
_ANY_LABEL = re.compile(_LABEL_ALT)
_SPACES = re.compile(r"\s+")

_CRUMB_LEADS = ("当前位置", "您的位置", "你的位置", "您现在的位置", "你现在的位置", "您当前的位置", "所在位置", "当前页面")  # fmt: skip
_CRUMB_ARROW = r"\s*[>＞»›/→]"
BREADCRUMB = re.compile(
    rf"^\s*(?:(?:{'|'.join(_CRUMB_LEADS)})"
    r"\s*[:：]?\s*(?P<trail>.*\S)"
    rf"|(?P<home>(?:网站)?首页{_CRUMB_ARROW}+.*\S))\s*$"
)
"""A breadcrumb line: ``当前位置:首页 > …`` or a bare ``首页 > …`` trail."""

_HOST_LEAD = r"主\s*办(?:\s*单\s*位)?\s*[:：]"
HOST_LINE = re.compile(
    rf"{_HOST_LEAD}\s*(?P<host>.+?)\s*"
    r"(?=$|承\s*办|协\s*办|版权|©|\(c\)|copyright|地址|电话|技术支持|网站标识码|[\u4e00-\u9fff]?ICP|邮编|"
    r"联系|[|｜])",
    re.IGNORECASE,
)
"""The footer's ``主办:…`` line; the host organ ends at the next footer field."""

# A line is its elements' text with white space runs collapsed or removed, so
# a breadcrumb or host line can only come from text where these match.
_CRUMB_IN_TEXT = re.compile(
    "|".join([*(r"\s*".join(w) for w in _CRUMB_LEADS), r"首\s*页" + _CRUMB_ARROW])
)
_HOST_IN_TEXT = re.compile(_HOST_LEAD)

FONT_SIZE_WIDGET = re.compile(
    r"[【\[]?\s*字体\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*"
    r"[【\[]?\s*小\s*[】\]]?\s*[】\]]?"
)
"""The ``【字体:大 中 小】`` widget, removed wherever it sits in a line."""

CHROME_LINES = re.compile(
    r"ICP\s*备|ICP证|公网安备|网站标识码|分享到|分享给好友|上一篇|下一篇|打印本页|关闭窗口|"
    r"【\s*打印\s*】|【\s*关闭\s*】|扫一扫在手机|您可能还会对下面的文章感兴趣|最佳浏览效果|"
    r"涉密文件严禁上网|适老化无障碍服务认证|版权所有|技术支持\s*[:：]|^\s*承\s*办\s*[:：]|^\s*主\s*办\s*[:：]|"
    r"(?:浏览|访问|点击)次数\s*[:：]|^\s*字体\s*[:：]"
)
"""Chrome that drops its whole line wherever it occurs (footer and share marks)."""

CHROME_WORDS = re.compile(
    r"网站地图|联系我们|无障碍|适老化|繁體版|繁体版|简体版|收藏本站|设为首页|加入收藏|首页|"
    r"相关文章|相关链接|相关阅读|相关信息|相关文件|微信公众号|手机版|打印|关闭|返回顶部|返回|"
    r"[\s\W_]+"
)
"""Chrome words: a short line made of nothing else (``网站地图 | 联系我们``) is chrome."""

BODY_AMBIGUOUS_LABELS = frozenset({"单位"})
"""Labels not read as metadata inside the report body (``单位：万元`` is a unit line)."""

_ORDINAL_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）])"
)
_CENTER = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
_XML_DECL = re.compile(r"\A\ufeff?\s*<\?xml[^>]*>")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

_TIGHT_SHARE = 0.85
"""The container chosen is the tightest candidate with this share of the best one's text."""

_MIN_CONTENT_SHARE = 0.2
"""A named container must hold at least this share of the page's non-link text."""

_LINK_DENSE = 0.7
"""A list or box whose text is this much link text (and has 3+ links) is navigation."""


class _Line(NamedTuple):  # a tuple: cheap to make, and a page has many lines
    """A paragraph-level run of text, before normalisation."""

    raw: str
    el: Element
    bold: bool = False
    centered: bool = False
    heading_tag: bool = False


class _CellSpec(NamedTuple):  # a tuple: a page has thousands of cells
    raw: str
    el: Element
    row: int
    col: int
    rowspan: int
    colspan: int


@attrs.frozen
class _Grid:
    """A data table: rows of cells with grid coordinates."""

    el: Element
    rows: tuple[tuple[_CellSpec, ...], ...]


_Item = _Line | _Grid


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


_BREAK_RUN = re.compile(r"(?<=\S)[^\S\xa0]*[\r\n][^\S\xa0]*(?=\S)")
"""A whole white-space run inside the text holding a line break and no ``&nbsp;``."""


def _join_wide(m: re.Match[str]) -> str:
    # CSS Text: a line break between two East Asian wide characters vanishes.
    text, a, b = m.string, m.start(), m.end()
    return "" if _is_wide(text[a - 1]) and _is_wide(text[b]) else m.group(0)


def _collapse(text: str) -> str:
    """White space as a browser renders it: runs → one space, CJK line breaks → nothing."""
    text = text.strip()
    if "\n" in text or "\r" in text:
        text = _BREAK_RUN.sub(_join_wide, text)
    # str.split() and re's \s agree on what white space is.
    return " ".join(text.split())


def _tag(el: Element) -> str:
    # libxml2's HTML parser already lower-cases tag names; comments and
    # processing instructions have a function as their tag.
    tag = el.tag
    return tag if type(tag) is str else ""


@functools.lru_cache(maxsize=4096)
def _bold_style(style: str) -> bool:
    return bool(_BOLD_STYLE.search(style))


def _is_bold(el: Element) -> bool:
    if el.tag in BOLD_TAGS:
        return True
    style = el.get("style")
    return style is not None and _bold_style(style)


def _is_centered(el: Element | None) -> bool:
    if el is None:
        return False
    return (
        _tag(el) == "center"
        or el.get("align", "").lower() == "center"
        or bool(_CENTER.search(el.get("style", "")))
    )


def _span(value: str | None, default: int, cap: int) -> int:
    if value is None:
        return min(max(default, 0), cap)
    try:
        n = int(value.strip() or default)
    except ValueError:
        return default
    return min(max(n, 0), cap)


def _rows_of(table: Element) -> Iterator[Element]:
    for child in table:
        tag = child.tag
        if tag == "tr":
            yield child
        elif tag in ROW_GROUP_TAGS:
            yield from (r for r in child if r.tag == "tr")


def _cells_of(row: Element) -> list[Element]:
    return [c for c in row if c.tag in CELL_TAGS]


def _text(el: Element) -> str:
    """``"".join(el.itertext())``, serialised in C: the element's text and its
    descendants' text and tails, without its own tail."""
    text: str = etree.tostring(el, method="text", encoding=str, with_tail=False)
    return text


def _text_len(el: Element) -> int:
    """The length of ``el``'s text, each ``itertext`` run stripped."""
    return sum(len(t.strip()) for t in el.itertext())


# Text nodes of XML white space only strip to nothing: left out in C.
_TEXT_NODES: Any = etree.XPath("descendant::text()[normalize-space()]", smart_strings=False)
_HAS_NESTED_LINK: Any = etree.XPath("boolean(descendant-or-self::a//a)")
_LINK_TEXT_NODES: Any = etree.XPath(
    "descendant-or-self::a//text()[normalize-space()]", smart_strings=False
)


class _Measure:
    """Stripped text lengths (:func:`_text_len` and the like), read in C from the
    text nodes when those strip like the runs ``itertext`` yields.

    The parser joins adjacent text into one node. Dropping an element
    (:func:`_strip_dropped`) leaves its tail a node of its own, next to the text
    before it: ``nodes_are_runs`` says whether that changes no stripped length.
    Elements cut out later go through :func:`_remove_keep_tail`, which joins
    their tail to the text before it.
    """

    def __init__(self, *, nodes_are_runs: bool) -> None:
        self.nodes_are_runs = nodes_are_runs

    def text(self, el: Element) -> int:
        if self.nodes_are_runs:
            return sum(map(len, map(str.strip, _TEXT_NODES(el))))
        return _text_len(el)

    def links(self, el: Element) -> int:
        """The text length of the links in ``el`` (a link inside a link counts twice)."""
        if next(el.iter("a"), None) is None:
            return 0
        if self.nodes_are_runs and not _HAS_NESTED_LINK(el):
            return sum(map(len, map(str.strip, _LINK_TEXT_NODES(el))))
        return sum(self.text(a) for a in el.iter("a"))

    def score(self, el: Element) -> int:
        """Non-link text, plus a bonus per table."""
        return self.text(el) - self.links(el) + 40 * sum(1 for _ in el.iter("table"))


def _block_holders(root: Element) -> set[Element]:
    """The elements with a block element somewhere below them.

    Any other element reads as one inline run, its whole text at once. Removing
    elements later only leaves this set too large, which costs time, not
    correctness.
    """
    holders: set[Element] = set()
    for el in root.iter(*BLOCK_TAGS):
        parent = el.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    return holders


def _all_bold(el: Element, depth: int) -> bool:
    """Whether every non-blank text run of ``el`` sits in bold markup, ``el``'s own
    included, as :meth:`_Collector.walk` would judge it with no bold around ``el``."""
    if _is_bold(el):
        return True
    if depth > MAX_DEPTH:
        return not _text(el).strip()
    if el.text and el.text.strip():
        return False
    for child in el:
        if type(child.tag) is str and not _all_bold(child, depth + 1):
            return False
        if child.tail and child.tail.strip():
            return False
    return True


_Run = tuple[str, bool, Element | None, int]
"""A text run of a line: text, bold, the inline element it is the whole text of
(its boldness judged only if the line is short enough to matter), depth."""


class _Collector:
    """Walks elements into lines (and, in grid mode, table grids).

    Inline runs are joined with nothing between them; a block element ends the
    current line. Only ``holders`` (:func:`_block_holders`) are walked child by
    child; any other element is one run, its whole text at once. Recursion stops
    at :data:`MAX_DEPTH`, below which text is read flat.

    ``styled`` lines get their bold/centred look judged (headings need it; page
    lines and cell lines do not). A ``hole`` element (a block) is not walked:
    the index of the first line after it is kept in :attr:`hole_at`.
    """

    def __init__(
        self,
        *,
        grids: bool,
        holders: Collection[Element],
        skip: Collection[Element] = frozenset(),
        styled: bool = True,
        hole: Element | None = None,
    ) -> None:
        self.grids = grids
        self.holders = holders
        self.skip = skip
        self.styled = styled
        self.hole = hole
        self.hole_at: int | None = None
        self.hole_depth = 0
        self.items: list[_Item] = []
        self._buf: list[_Run] = []
        self._owner: Element | None = None

    def _add(
        self, text: str | None, owner: Element, bold: bool, whole: Element | None, depth: int
    ) -> None:
        if not text:
            return
        if not self._buf:
            self._owner = owner
        self._buf.append((text, bold, whole, depth))

    def flush(self) -> None:
        """End the current line."""
        buf = self._buf
        if not buf:
            return
        raw = _collapse(buf[0][0] if len(buf) == 1 else "".join(run[0] for run in buf))
        if raw:
            self.items.append(self._line(raw, self._owner, buf))
        self._buf = []
        self._owner = None

    def _line(self, raw: str, owner: Element, runs: Sequence[_Run]) -> _Line:
        heading_tag = _tag(owner) in HEADING_TAGS
        if not self.styled or len(raw) > MAX_HEADING_CHARS:
            return _Line(raw=raw, el=owner, heading_tag=heading_tag)
        # A short line: it may be a bold or centred heading.
        bold = all(
            b or (whole is not None and _all_bold(whole, depth))
            for t, b, whole, depth in runs
            if t.strip()
        )
        centered = _is_centered(owner) or _is_centered(owner.getparent())
        return _Line(raw=raw, el=owner, bold=bold, centered=centered, heading_tag=heading_tag)

    def walk(self, el: Element, *, block: Element, bold: bool = False, depth: int = 0) -> None:
        """Collect ``el`` (not its tail) into lines owned by the nearest block element."""
        if el in self.skip:
            return
        tag = el.tag
        if type(tag) is not str:
            return
        if depth > MAX_DEPTH:
            self._add(_text(el), block, bold or _is_bold(el), None, depth)
            return
        if el is self.hole:
            self.flush()
            self.hole_at = len(self.items)
            self.hole_depth = depth
            return
        if tag == "table" and self.grids:
            self.flush()
            self._table(el, depth)
            return
        is_block = tag in BLOCK_TAGS
        if is_block:
            self.flush()
            block = el
        if tag == "br":
            return
        if el not in self.holders:
            self._add(_text(el), block, bold, el, depth)
        else:
            bold = bold or _is_bold(el)
            self._add(el.text, block, bold, None, depth)
            for child in el:
                self.walk(child, block=block, bold=bold, depth=depth + 1)
                if child.tag in BLOCK_TAGS:
                    self.flush()
                self._add(child.tail, block, bold, None, depth)
        if is_block:
            self.flush()

    def _table(self, table: Element, depth: int) -> None:
        rows = [_cells_of(r) for r in _rows_of(table)]
        layout = all(len(r) <= 1 for r in rows) or (
            next(table.iterdescendants("table"), None) is not None
            and any(c.find(".//table") is not None for r in rows for c in r)
        )
        if layout and not _is_data_table(rows):
            # A layout table: its cells are page regions, read them as blocks.
            for child in table:
                self.walk(child, block=table, depth=depth + 1)
                self.flush()
            return
        for cap in table.iterchildren("caption"):
            self.walk(cap, block=cap, depth=depth + 1)
        self.items.append(_Grid(el=table, rows=_grid(rows, depth, self.holders)))


def _is_data_table(rows: Sequence[Sequence[Element]]) -> bool:
    """A table with nested tables is still data when its own cells carry most of the text."""
    if all(len(r) <= 1 for r in rows):
        return False
    own = total = 0
    for r in rows:
        for c in r:
            n = _text_len(c)
            total += n
            inner = sum(_text_len(t) for t in c.iter("table"))
            own += n - inner
    return total == 0 or own * 2 >= total


def _one_line(cell: Element, holders: Collection[Element]) -> bool:
    """Whether ``cell`` reads as one line: it holds no block, or its only text is
    one block child holding none (Word's ``<td><p>…</p></td>``)."""
    if cell not in holders:
        return True
    if len(cell) != 1:
        return False
    child = cell[0]
    return (
        child.tag in BLOCK_TAGS
        and child not in holders
        and not (cell.text or "").strip()
        and not (child.tail or "").strip()
    )


def _cell_text(cell: Element, depth: int, holders: Collection[Element]) -> str:
    """A cell's text: its lines joined (CJK line breaks vanish), nested tables flattened."""
    if _one_line(cell, holders):
        return _collapse(_text(cell))
    sub = _Collector(grids=False, holders=holders, styled=False)
    sub.walk(cell, block=cell, depth=depth + 1)
    sub.flush()
    lines = [i.raw for i in sub.items if isinstance(i, _Line)]
    # Collapsing is idempotent: a single line is already collapsed.
    return lines[0] if len(lines) == 1 else _collapse("\n".join(lines))


def _grid(
    rows: Sequence[Sequence[Element]], depth: int, holders: Collection[Element]
) -> tuple[tuple[_CellSpec, ...], ...]:
    """Place cells on the grid, honouring rowspan/colspan (HTML table model)."""
    n_rows = len(rows)
    busy: list[int] = []  # busy[c]: first row index at which column c is free again
    out: list[tuple[_CellSpec, ...]] = []
    for r, cells in enumerate(rows):
        placed: list[_CellSpec] = []
        c = 0
        for cell in cells:
            while c < len(busy) and busy[c] > r:
                c += 1
            if c >= MAX_TABLE_COLS:
                break
            colspan, rowspan = cell.get("colspan"), cell.get("rowspan")
            cs = 1 if colspan is None else max(_span(colspan, 1, MAX_TABLE_COLS), 1)
            cs = min(cs, MAX_TABLE_COLS - c)
            # rowspan="0": down to the end of the table
            rs = 1 if rowspan is None else _span(rowspan, 1, n_rows - r) or (n_rows - r)
            if len(busy) < c + cs:
                busy.extend([0] * (c + cs - len(busy)))
            for k in range(c, c + cs):
                busy[k] = r + rs
            placed.append(_CellSpec(_cell_text(cell, depth, holders), cell, r, c, rs, cs))
            c += cs
        if placed:
            out.append(tuple(placed))
    return tuple(out)


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML text may not hold: C0 controls (bar tab, LF, CR), U+FFFE and U+FFFF."""


def _parse(html: str, source: str) -> Element | None:
    if len(html) > MAX_HTML_CHARS:
        raise InputError(
            f"page is {len(html):,} characters, over the {MAX_HTML_CHARS:,} limit",
            context={"source": source, "length": len(html)},
        )
    html = _XML_DECL.sub("", html, count=1)
    # lxml refuses to set text holding C0 controls (pages have them: \x1f, \x0b
    # pasted from Word), which would break cutting chrome out; a space keeps
    # every offset.
    html = _CONTROLS.sub(" ", html)
    try:
        html.encode("utf-16-le")  # fails on a lone surrogate, faster than searching for one
    except UnicodeEncodeError:
        html = _SURROGATE.sub("\ufffd", html)
    if not html.strip():
        return None
    parser = _parser()
    try:
        root = etree.fromstring(html, parser)
    except (etree.LxmlError, ValueError) as exc:
        raise InputError(
            f"cannot parse the page as HTML: {exc}", context={"source": source}
        ) from exc
    fatal = [e for e in parser.error_log if e.level_name == "FATAL"]
    if fatal:
        # libxml2 stops at a resource limit (nesting deeper than 256 levels) and
        # returns what it had: a silently truncated page. Refuse it instead.
        raise InputError(
            f"the page is cut off at line {fatal[0].line}: {fatal[0].message.strip()}",
            context={"source": source, "error": fatal[0].type_name},
        )
    return root


def _page_title(root: Element) -> str:
    for t in root.iter("title"):
        text = _collapse(_text(t))
        if text:
            return text
    return ""


def _label_key(label: str) -> str:
    key = _SPACES.sub("", label)
    return _ALL_LABELS.get(key, key)


def _put(meta: dict[str, str], key: str, value: str) -> None:
    value = _collapse(value).strip(" ,，;；|｜")
    if value and key not in meta:
        meta[key] = value


def _read_label_cells(root: Element, meta: dict[str, str]) -> set[Element]:
    """Label/value cells (td/th, dt/dd); returns the tables/lists that are metadata boxes."""
    boxes: set[Element] = set()
    for table in root.iter("table", "dl"):
        if not _ANY_LABEL.search(_text(table)):  # a label cell's text is in the table's
            continue
        pairs: list[tuple[str, Element]] = []
        if table.tag == "table":
            cells = [c for r in _rows_of(table) for c in _cells_of(r)]
        else:
            cells = [c for c in table if c.tag == "dt"]
        for cell in cells:
            text = _text(cell).lstrip()
            m = text[:1] in _LABEL_FIRST and _LABEL_CELL.match(text)
            if m:
                pairs.append((_label_key(m.group(1)), cell))
        if len(pairs) < 2:
            continue
        boxes.add(table)
        for key, cell in pairs:
            value = cell.getnext()
            if value is not None and not _LABEL_CELL.match("".join(value.itertext())):
                _put(meta, key, "".join(value.itertext()))
    return boxes


def _read_meta_line(text: str, meta: dict[str, str], *, body: bool = False) -> bool:
    """Read a ``label:value label:value`` line; True when the line was one.

    In the report ``body``, labels in :data:`BODY_AMBIGUOUS_LABELS` do not count.
    """
    if len(text) > MAX_META_LINE_CHARS or not _META_LINE_START.match(text):
        return False
    found = list(_META_PAIR.finditer(text))
    if body and _label_key(found[0].group(1)) in BODY_AMBIGUOUS_LABELS:
        return False
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        _put(meta, _label_key(m.group(1)), text[m.end() : end])
    return True


def _read_page_lines(
    lines: Sequence[_Line], meta: dict[str, str], body: Collection[Element]
) -> None:
    """Breadcrumb, footer host and (outside the ``body`` elements) ``label:value`` lines."""
    for line in lines:
        text = line.raw
        if "breadcrumb" not in meta:
            m = BREADCRUMB.match(text)
            if m:
                _put(meta, "breadcrumb", m.group("trail") or m.group("home"))
                continue
        if "主办" not in meta:
            h = HOST_LINE.search(text)
            if h:
                _put(meta, "主办", h.group("host"))
        if line.el not in body:
            _read_meta_line(text, meta)


def _page_lines(
    root: Element, holders: Collection[Element], hole: Element | None = None
) -> _Collector:
    """The page's lines, as :func:`_read_page_lines` reads them."""
    page = _Collector(grids=False, holders=holders, styled=False, hole=hole)
    page.walk(root, block=root)
    page.flush()
    return page


def _read_page(
    root: Element, container: Element, holders: Collection[Element], meta: dict[str, str]
) -> bool:
    """:func:`_read_page_lines` on the page around a block ``container``, walking
    the container's own lines only if they might hold a breadcrumb or host line.
    False when the container was not reached (the caller reads the whole page).
    """
    page = _page_lines(root, holders, container)
    if page.hole_at is None:
        return False
    lines = [i for i in page.items if isinstance(i, _Line)]
    _read_page_lines(lines[: page.hole_at], meta, ())
    text = ""
    if "breadcrumb" not in meta or "主办" not in meta:
        text = _text(container)
    if ("breadcrumb" not in meta and _CRUMB_IN_TEXT.search(text)) or (
        "主办" not in meta and _HOST_IN_TEXT.search(text)
    ):
        inside = _Collector(grids=False, holders=holders, styled=False)
        inside.walk(container, block=container, depth=page.hole_depth)
        inside.flush()
        inner = [i for i in inside.items if isinstance(i, _Line)]
        _read_page_lines(inner, meta, {line.el for line in inner})  # all in the body
    _read_page_lines(lines[page.hole_at :], meta, ())
    return True


def _tightest(
    candidates: Sequence[Element], enough: Callable[[int], bool], measure: _Measure
) -> Element | None:
    """The smallest candidate holding :data:`_TIGHT_SHARE` of the best candidate's
    text, if the best score is ``enough``."""
    scored: list[tuple[int, int, Element]] = []  # score, text length, candidate
    known: dict[Element, tuple[int, int]] = {}  # candidate → stripped text content, text length
    for el in candidates:
        content = len(_text(el).strip())
        text = _text_inside(el, content, known)
        if text is None:
            text = measure.text(el)
        known[el] = (content, text)
        score = text - measure.links(el) + 40 * sum(1 for _ in el.iter("table"))
        if score > 0:
            scored.append((score, text, el))
    if not scored:
        return None
    best = max(s for s, _, _ in scored)
    if not enough(best):
        return None
    good = [(text, el) for s, text, el in scored if s >= _TIGHT_SHARE * best]
    return min(good, key=lambda p: p[0])[1]


def _text_inside(el: Element, content: int, known: dict[Element, tuple[int, int]]) -> int | None:
    """The text length of ``el`` if an enclosing element in ``known`` has as much
    text content (stripped): then only blank text lies around ``el`` in it."""
    for a in el.iterancestors():
        outer = known.get(a)
        if outer is not None and outer[0] == content:
            return outer[1]
    return None


def _page_share(root: Element, measure: _Measure) -> Callable[[int], bool]:
    """Whether a score reaches :data:`_MIN_CONTENT_SHARE` of the page's.

    The page's score is only worked out when its upper bound (all text, unstripped,
    no links) cannot tell.
    """
    tables = 40 * sum(1 for _ in root.iter("table"))
    rough = int(_MIN_CONTENT_SHARE * max(len(_text(root)) + tables, 1))  # >= the floor

    @functools.cache
    def floor() -> int:
        return int(_MIN_CONTENT_SHARE * max(measure.score(root), 1))

    return lambda score: score >= rough or score >= floor()


def _named_content(root: Element, named: dict[Element, int], measure: _Measure) -> Element | None:
    """A container named as such: a known CMS container, else a class/id hinting at content."""
    strong = [el for el, flags in named.items() if flags & _CONTENT]
    weak = [el for el, flags in named.items() if flags & (_CONTENT | _HINT | _CHROME) == _HINT]
    if not strong and not weak:
        return None
    enough = _page_share(root, measure)
    found = _tightest(strong, enough, measure)
    return found if found is not None else _tightest(weak, enough, measure)


def _unnamed_content(root: Element, paths: _Paths, measure: _Measure) -> Element:
    """The tightest block holding most of the page's non-link text, chrome cut out first."""
    _drop_chrome(root, None, _named(root), paths)
    blocks = list(root.iter("div", "td", "article", "section", "main", "center", "form"))
    found = _tightest([root, *blocks], lambda score: score >= 1, measure)
    return root if found is None else found


def _drop_chrome(
    root: Element, keep: Element | None, named: dict[Element, int], paths: _Paths
) -> None:
    """Remove chrome elements: broadly outside ``keep`` (the container), narrowly inside it.

    ``named`` is :func:`_named` of ``root`` as it stands.
    """
    protected = {keep, *keep.iterancestors()} if keep is not None else set()
    doomed = []
    for el, flags in named.items():
        if not flags & (_CHROME | _INNER_CHROME) or el is root or el in protected:
            continue
        inside = keep is not None and any(a is keep for a in el.iterancestors())
        if flags & (_INNER_CHROME if inside else _CHROME):
            doomed.append(el)
    for el in doomed:
        _remove_keep_tail(el, paths)


def _strip_dropped(root: Element) -> bool:
    """Remove the :data:`DROP_TAGS` elements with their content; their tails stay.

    Each tail stays a text node of its own, next to the text before it. True
    when every such row of text nodes strips to the length of the one run
    ``itertext`` makes of it (see :class:`_Measure`).
    """
    drops = list(root.iterdescendants(*DROP_TAGS))
    if all(not el.tail or el.tail.isspace() for el in drops):
        # Blank tails only: each row's joined run strips like its nodes do.
        etree.strip_elements(root, *DROP_TAGS, with_tail=False)
        return True
    dropped = set(drops)
    # A row of text nodes is keyed by where it starts: (element, True) for that
    # element's tail, (parent, False) for the parent's text.
    row_of: dict[Element, tuple[Element, bool]] = {}
    rows: dict[tuple[Element, bool], list[str]] = {}
    for el in drops:  # in document order
        if any(a in dropped for a in el.iterancestors()):
            continue  # goes with its dropped ancestor, tail and all
        prev = el.getprevious()
        if prev in dropped:
            key = row_of[prev]
        else:
            key = (prev, True) if prev is not None else (el.getparent(), False)
        row_of[el] = key
        if el.tail:
            row = rows.get(key)
            if row is None:
                start, is_tail = key
                before = start.tail if is_tail else start.text
                row = rows[key] = [before] if before else []
            row.append(el.tail)
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    return all(
        len("".join(row).strip()) == sum(len(t.strip()) for t in row) for row in rows.values()
    )


def _remove_keep_tail(el: Element, paths: _Paths) -> None:
    """Remove ``el``; its tail joins the text before it (so no two text nodes meet)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    paths.freeze(parent)
    parent.remove(el)


def _drop_link_lists(container: Element, paths: _Paths, measure: _Measure) -> None:
    doomed = []
    for el in container.iter("ul", "ol", "div", "dl", "table"):
        if el is container:
            continue
        links = list(el.iter("a"))
        if len(links) < 3:
            continue
        total = measure.text(el)
        if total and measure.links(el) >= _LINK_DENSE * total:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            _remove_keep_tail(el, paths)


_TITLE_TAGS = HEADING_TAGS | {"ucaptitle"}
_BEFORE: Any = etree.XPath(
    "preceding::*[@class or @id or "
    + " or ".join(f"self::{tag}" for tag in sorted(_TITLE_TAGS))
    + "]"
)
"""Elements before the container (not its ancestors) that may be its title, in document order."""


def _title_before(container: Element, meta: dict[str, str]) -> Element | None:
    """The article title printed just before the container (``<h1>``, ``.title`` …)."""
    wanted = [meta.get(k, "") for k in ("title", "名称", "标题")]
    best = None
    for el in _BEFORE(container):
        if not (el.tag in _TITLE_TAGS or _flags(el) & _TITLE):
            continue
        text = _collapse(_text(el))
        if not 4 <= len(text) <= 120:
            continue
        if any(text in w for w in wanted if w) or "报告" in text or "報告" in text:
            best = el
    return best


def _is_chrome_line(text: str) -> bool:
    if CHROME_LINES.search(text) or BREADCRUMB.match(text):
        return True
    return len(text) <= MAX_CHROME_LINE_CHARS and not CHROME_WORDS.sub("", text)


def _clean_line(text: str) -> str:
    return _collapse(FONT_SIZE_WIDGET.sub(" ", text)) if "字体" in text else text


def _kind(line: _Line, text: str) -> str:
    if line.heading_tag and len(text) <= 4 * MAX_HEADING_CHARS:
        return "heading"
    if len(text) > MAX_HEADING_CHARS:
        return "paragraph"
    if line.bold or line.centered or _ORDINAL_HEADING.match(text):
        return "heading"
    return "paragraph"


def read_html(
    html: str, *, source: str = "<string>", config: NormalizeConfig | None = None
) -> Document:
    """Read a saved government web page into a :class:`~govdisclosure.document.Document`.

    :param html: the page as text (decode bytes with :func:`govdisclosure.decode.decode`).
    :param source: a name for the document and for error messages.
    :param config: normalisation switches; resolved once for the page from its body text.
    :returns: the report body as headings, paragraphs and table grids, with the
        page's own metadata (``title``, ``breadcrumb``, ``主办``, the 信息公开 box)
        in :attr:`Document.metadata`. An empty page gives an empty document.
    :raises InputError: a page over :data:`MAX_HTML_CHARS`, or markup lxml cannot read.
    """
    root = _parse(html, source)
    builder = DocumentBuilder(source_kind="html", source=source)
    if root is None:
        return builder.build()
    try:
        return _read(root, builder, config)
    except (etree.LxmlError, RecursionError) as exc:
        raise InputError(f"cannot read the page: {exc}", context={"source": source}) from exc


def _child_steps(parent: Element) -> dict[Element, str]:
    """The last step of each child element's path: ``/tag``, or ``/tag[n]`` among namesakes."""
    kids = [(c, tag) for c in parent if type(tag := c.tag) is str]
    counts: dict[str, int] = {}
    for _, tag in kids:
        counts[tag] = counts.get(tag, 0) + 1
    seen: dict[str, int] = {}
    steps: dict[Element, str] = {}
    for c, tag in kids:
        if counts[tag] > 1:
            n = seen[tag] = seen.get(tag, 0) + 1
            steps[c] = f"/{tag}[{n}]"
        else:
            steps[c] = "/" + tag
    return steps


class _Paths:
    """Element paths, as ``tree.getpath`` spells them, in the page as published.

    ``getpath`` counts preceding siblings on every call (quadratic on a flat
    page); here a parent's children are counted once, when a path below it is
    first asked for or, at the latest, just before one of them is cut out
    (:meth:`freeze`), so paths stay valid in the page as published.
    """

    def __init__(self, root: Element) -> None:
        self._paths: dict[Element, str] = {root: root.getroottree().getpath(root)}
        self._steps: dict[Element, dict[Element, str]] = {}

    def freeze(self, parent: Element) -> None:
        """Count ``parent``'s children as they stand (call before changing them)."""
        if parent not in self._steps:
            self._steps[parent] = _child_steps(parent)

    def get(self, el: Element) -> str | None:
        """``el``'s path, or None for an element no longer in the page."""
        path = self._paths.get(el)
        if path is not None:
            return path
        parent = el.getparent()
        if parent is None:
            return None
        base = self._paths.get(parent) or self.get(parent)
        steps = self._steps.get(parent)
        if steps is None:
            steps = self._steps[parent] = _child_steps(parent)
        step = steps.get(el)
        if base is None or step is None:
            return None
        path = self._paths[el] = base + step
        return path


def _read(root: Element, builder: DocumentBuilder, config: NormalizeConfig | None) -> Document:
    meta: dict[str, str] = {}
    title = _page_title(root)
    if title:
        meta["title"] = title
    # Removing every element of a tag leaves the indices of the other tags as published.
    measure = _Measure(nodes_are_runs=_strip_dropped(root))
    paths = _Paths(root)
    holders = _block_holders(root)
    boxes = _read_label_cells(root, meta)

    named = _named(root)
    container = _named_content(root, named, measure)
    # The page lines are read from the page as published, before any chrome is
    # cut: around a named block container (its own lines only when they could
    # matter), else from the whole page.
    if not (
        container is not None
        and _tag(container) in BLOCK_TAGS
        and _read_page(root, container, holders, meta)
    ):
        page_lines = [i for i in _page_lines(root, holders).items if isinstance(i, _Line)]
        if container is None:
            container = _unnamed_content(root, paths, measure)
            named = _named(root)
        _read_page_lines(page_lines, meta, {container, *container.iterdescendants()})
    _drop_chrome(root, container, named, paths)
    _drop_link_lists(container, paths, measure)
    items: list[_Item] = []
    heading = _title_before(container, meta)
    if heading is not None:
        top = _Collector(grids=False, holders=holders)
        top.walk(heading, block=heading)
        top.flush()
        items.extend(i._replace(heading_tag=True) for i in top.items if isinstance(i, _Line))
    collector = _Collector(grids=True, holders=holders, skip=frozenset(boxes))
    collector.walk(container, block=container)
    collector.flush()

    for item in collector.items:
        if isinstance(item, _Line):
            text = _clean_line(item.raw)
            if not text or _read_meta_line(text, meta, body=True) or _is_chrome_line(text):
                continue
            if text is not item.raw:
                item = item._replace(raw=text)
        items.append(item)

    cfg = resolve_config(config, "\n".join(_raw_texts(items)))
    done: dict[str, Piece] = {}

    def piece_of(raw: str, el: Element) -> Piece:
        # Normalisation depends on the text only: a page repeats "0" hundreds of times.
        cached = done.get(raw)
        if cached is None:
            cached = done[raw] = normalize_piece(raw, cfg, path=paths.get(el))
            return cached
        return _at(cached, paths.get(el))

    for item in items:
        if isinstance(item, _Line):
            piece = piece_of(item.raw, item.el)
            builder.add_text(
                piece, kind="heading" if _kind(item, piece.text) == "heading" else "paragraph"
            )
        else:
            rows: list[list[Piece]] = []
            spans: list[list[tuple[int, int, int, int]]] = []
            for row in item.rows:
                rows.append([piece_of(c.raw, c.el) for c in row])
                spans.append([(c.row, c.col, c.rowspan, c.colspan) for c in row])
            builder.add_table(rows, layout="grid", spans=spans, path=paths.get(item.el))
    _check_host(meta, cfg)
    return builder.build(metadata=meta)


def _at(piece: Piece, path: str | None) -> Piece:
    """``attrs.evolve(piece, path=path)``, without its per-call look at the fields."""
    return Piece(
        text=piece.text,
        raw=piece.raw,
        map=piece.map,
        raw_start=piece.raw_start,
        path=path,
        marks=piece.marks,
        fixes=piece.fixes,
    )


def _raw_texts(items: Sequence[_Item]) -> Iterator[str]:
    for item in items:
        if isinstance(item, _Line):
            yield item.raw
        else:
            for row in item.rows:
                yield "\t".join(c.raw for c in row)


def _check_host(meta: dict[str, str], cfg: NormalizeConfig) -> None:
    """Keep the footer host out of metadata when a fixer flags it as injected spam."""
    host = meta.get("主办")
    if host is None:
        return
    # The footer is not part of the sample resolve_config judged: always look for spam.
    piece = normalize_piece(host, attrs.evolve(cfg, flag_spam=True))
    if any(m.kind == "spam" for m in piece.marks):
        del meta["主办"]
    else:
        meta["主办"] = piece.text
