"""Bytes → ``str`` for the encodings Chinese government sites actually use.

The order of evidence, strongest first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32, GB18030);
2. a declaration in the first :data:`SNIFF_BYTES` bytes: ``<meta charset=…>``,
   ``<meta http-equiv="Content-Type" content="…; charset=…">`` or an XML
   declaration. GBK, GB2312 and their aliases are read as GB18030 (a strict
   superset, so characters outside GB2312 such as 镕 still decode). A legacy
   declaration is overruled when the bytes are valid, non-ASCII UTF-8: that is
   a page saved by a scraper that re-encoded it but kept the old ``<meta>``;
3. strict UTF-8;
4. GB18030, unless the text reads far better as Big5 (Big5 bytes always decode
   as *some* GB18030 text, but mostly outside the common GB2312 block);
5. Big5 (read as Big5-HKSCS, its superset).

Nothing is guessed into mojibake: when no encoding decodes the bytes cleanly,
the best candidate is accepted only if it needs at most :data:`MAX_REPLACED`
replacement characters; otherwise :class:`~govdisclosure.errors.DecodeError`
says what was tried. Binary data (NUL bytes, images, PDFs, archives) is
refused the same way. A :class:`UnicodeDecodeError` never escapes.

>>> decode("政府信息公开".encode("gbk"))
('政府信息公开', 'gb18030')
"""

from __future__ import annotations

import codecs
import re

from .errors import DecodeError

__all__ = ["MAX_REPLACED", "SNIFF_BYTES", "decode"]

SNIFF_BYTES = 8192
"""How far into the bytes a ``<meta charset>`` or XML declaration is looked for."""

MAX_REPLACED = 0.001
"""Largest share of U+FFFD replacement characters accepted from a lenient decode
(plus one, for the page cut off in the middle of a character)."""

_MIN_GB2312_SHARE = 0.9
"""Share of non-ASCII characters inside GB2312 below which Big5 is preferred."""

_MAX_CONTROL_SHARE = 0.01
"""Share of C0 control characters above which decoded text is taken for binary."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"\x84\x31\x95\x33", "gb18030"),
)

LABEL_ALIASES: dict[str, str] = {
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gb231280": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "euc-cn": "gb18030",
    "euccn": "gb18030",
    "x-euc-cn": "gb18030",
    "iso-ir-58": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big-5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
    "csbig5": "big5hkscs",
    "cp950": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
}
"""Declared charset labels → the codec used to read them (WHATWG-style: GB* → GB18030)."""

_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (docx/xlsx?)"),
    (b"\xd0\xcf\x11\xe0", "an OLE file (doc/xls?)"),
    (b"\x1f\x8b", "gzip-compressed data"),
)
_FALLBACKS = ("utf-8", "gb18030", "big5hkscs")
"""The encodings tried, in order, when nothing is declared."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes(b for b in range(0x80) if _CONTROL.match(chr(b)))
_ASCII_TRANSPARENT = frozenset({"utf-8", "gb18030", "big5hkscs"})
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _declared(head: bytes) -> str | None:
    """The codec named by the first usable declaration in ``head``, or None."""
    for m in _DECLARED.finditer(head):
        label = (m.group(1) or m.group(2)).decode("ascii").strip().lower()
        codec = LABEL_ALIASES.get(label)
        if codec is None:
            try:
                codec = codecs.lookup(label).name
            except LookupError:
                continue
        return codec
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _gb2312_share(text: str) -> float:
    """Share of non-ASCII characters that lie in GB2312 (near 1.0 for real GBK text)."""
    wide = "".join(_NON_ASCII.findall(text))
    if not wide:
        return 1.0
    return len(wide.encode("gb2312", errors="ignore")) / 2 / len(wide)


def _controls(text: str, codec: str, data: bytes | None) -> int:
    """How many C0 control characters ``text`` holds.

    When ``text`` is ``data`` strictly decoded with a codec whose multi-byte
    sequences never use bytes below 0x80 or 0x7F (UTF-8, GB18030, Big5), each
    control character is one control byte, and the bytes are counted (faster).
    """
    if data is not None and codec in _ASCII_TRANSPARENT:
        return len(data) - len(data.translate(None, _CONTROL_BYTES))
    return len(_CONTROL.findall(text))


def _check_text(
    text: str, codec: str, source: str, tried: list[str], data: bytes | None = None
) -> tuple[str, str]:
    """Refuse binary-looking text; ``data``: the bytes ``text`` was strictly decoded from."""
    tried = list(dict.fromkeys(tried))
    if text and _controls(text, codec, data) > _MAX_CONTROL_SHARE * len(text):
        raise DecodeError(
            f"decodes as {codec} but is full of control characters; looks like binary data",
            tried=tried,
            context={"source": source},
        )
    return text, codec


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in data:
        return "binary data (NUL bytes)"
    return None


def decode(data: bytes, *, source: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and say which encoding it was in.

    :param data: the raw bytes of a saved page or text file.
    :param source: a name for error messages (usually the file path).
    :returns: ``(text, codec)``, where ``codec`` is the Python codec used
        (``"utf-8"``, ``"gb18030"``, ``"big5hkscs"``, ``"utf-16-le"`` …). A BOM
        is removed from the text.
    :raises DecodeError: binary data, or bytes no candidate decodes without
        replacement characters all over the text; ``tried`` lists the codecs.

    >>> decode(b'<meta charset="gb2312"><p>\\xc4\\xea\\xb6\\xc8</p>')
    ('<meta charset="gb2312"><p>年度</p>', 'gb18030')
    >>> decode("報告".encode("big5"))
    ('報告', 'big5hkscs')
    """
    tried: list[str] = []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            tried.append(codec)
            text = _strict(data[len(bom) :], codec)
            if text is not None:
                return _check_text(text, codec, source, tried, data)
            break  # a BOM followed by other bytes: fall through to sniffing
    declared = _declared(data[:SNIFF_BYTES])
    kind = _binary_kind(data)
    if kind is not None:
        # Ruled out without decoding: UTF-8 would even "read" NUL bytes.
        ruled_out = [*tried, *(c for c in (declared, *_FALLBACKS) if c is not None)]
        raise DecodeError(
            f"this is {kind}, not text or HTML",
            tried=list(dict.fromkeys(ruled_out)),
            context={"source": source},
        )
    utf8 = _strict(data, "utf-8")
    tried.append("utf-8")
    if declared is not None and declared != "utf-8":
        if utf8 is not None and not utf8.isascii():
            return _check_text(utf8, "utf-8", source, tried, data)  # re-encoded page, stale <meta>
        tried.append(declared)
        text = _strict(data, declared)
        if text is not None:
            return _check_text(text, declared, source, tried, data)
    if utf8 is not None:
        return _check_text(utf8, "utf-8", source, tried, data)
    tried.append("gb18030")
    gb = _strict(data, "gb18030")
    tried.append("big5hkscs")
    big5 = _strict(data, "big5hkscs")
    if gb is not None and (big5 is None or _gb2312_share(gb) >= _MIN_GB2312_SHARE):
        return _check_text(gb, "gb18030", source, tried, data)
    if big5 is not None:
        return _check_text(big5, "big5hkscs", source, tried, data)
    return _lenient(data, declared, source, tried)


def _lenient(data: bytes, declared: str | None, source: str, tried: list[str]) -> tuple[str, str]:
    """Accept the candidate with the fewest replacement characters, if they are rare."""
    candidates = [c for c in (declared, *_FALLBACKS) if c is not None]
    best: tuple[int, str, str] | None = None
    for codec in dict.fromkeys(candidates):
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if best is None or bad < best[0]:
            best = (bad, text, codec)
    assert best is not None
    bad, text, codec = best
    if bad <= 1 + MAX_REPLACED * len(text):
        return _check_text(text, codec, source, tried)
    raise DecodeError(
        f"not valid in any encoding tried ({', '.join(dict.fromkeys(tried))}); "
        f"the best, {codec}, leaves {bad:,} undecodable sequences",
        tried=list(dict.fromkeys(tried)),
        context={"source": source, "replaced": bad},
    )
