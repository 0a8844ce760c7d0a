"""The composition of the stages: source → Document → Detection → AnnualReport.

Every stage is a plain function in its own module and can be called alone::

    source ─ decode ─ read_html | read_text ─ detect_document ─ segment
           ─ read_tables (2019 | 2021) ─ read_narrative ─ read_issues
           ─ AnnualReport.from_parts ─ validate

:func:`parse` is only their composition. Nothing the caller passes is mutated.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Union

import attrs

from .decode import decode
from .detection import Detection, detect_document
from .document import Document
from .errors import GovDisclosureError, InputError, NotAnnualReportError, ReportValidationError
from .extract.freetext import read_narrative
from .extract.issues import read_issues
from .extract.tables import read_tables
from .facts import assemble
from .html import read_html
from .model import AnnualReport, Finding, ProactiveDisclosure, SourceInfo
from .normalization import NormalizeConfig
from .segment import segment
from .text import read_text
from .validate import validate

__all__ = [
    "MAX_INPUT_CHARS",
    "MAX_TEXT_CHARS",
    "Source",
    "detect",
    "load",
    "parse",
    "parse_file",
    "parse_html",
    "parse_text",
]

Source = Union[str, bytes, "os.PathLike[str]", Document]
"""What :func:`parse` accepts: text or HTML as ``str``, raw ``bytes``, a path, or a Document."""

MAX_INPUT_CHARS = 64 * 1024 * 1024
"""Raw inputs (bytes or characters) longer than this are refused with :class:`InputError`."""

MAX_TEXT_CHARS = 4_000_000
"""Plain text longer than this is refused: the longest real reports run to about
100,000 characters, and parsing stays in bounded time."""

_HTML_SNIFF = re.compile(
    r"\A\s*(?:<\?xml|<!doctype\s+html|<html|<head|<body|<meta|<div|<table|<p[\s>]|<span|<!--)",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"<(?:html|body|div|table|p|br|span|td)\b[^>]*>", re.IGNORECASE)
_PATHLIKE_SUFFIX = re.compile(r"\.(?:s?html?|txt|md|text)\Z", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_SNIFF.match(head)) or len(_HTML_TAG.findall(head)) >= 3


def _check_size(n: int, name: str) -> None:
    if n > MAX_INPUT_CHARS:
        raise InputError(
            f"input is {n:,} characters, over the {MAX_INPUT_CHARS:,} limit; "
            "split the file or pass the report part only",
            context={"source": name, "length": n},
        )


def _read_path(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        _check_size(size, str(path))
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("no such file; check the path", context={"source": str(path)}) from exc
    except IsADirectoryError as exc:
        raise InputError(
            "is a directory; pass a file (or use `govdisclosure batch` for folders)",
            context={"source": str(path)},
        ) from exc
    except OSError as exc:
        raise InputError(
            f"cannot read file: {exc.strerror}", context={"source": str(path)}
        ) from exc


def _as_path(source: str | os.PathLike[str]) -> Path | None:
    if isinstance(source, os.PathLike):
        return Path(source)
    if "\n" in source or len(source) > 1024 or "<" in source:
        return None
    candidate = Path(source)
    try:
        if candidate.is_file() or _PATHLIKE_SUFFIX.search(source):
            return candidate
    except (OSError, ValueError):
        return None
    return None


def load(
    source: Source,
    *,
    name: str | None = None,
    config: NormalizeConfig | None = None,
) -> Document:
    """Read any supported source into a :class:`~govdisclosure.document.Document`.

    ``str`` is taken as HTML when it looks like markup, else as plain text; a
    short ``str`` naming an existing file, or any ``os.PathLike``, is read as a
    file; ``bytes`` are decoded first.
    """
    if isinstance(source, Document):
        return source
    encoding: str | None = None
    path = _as_path(source) if isinstance(source, str | os.PathLike) else None
    if path is not None:
        name = name or str(path)
        source = _read_path(path)
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = name or "<bytes>"
        _check_size(len(data), name)
        text, encoding = decode(data, source=name)
    elif isinstance(source, str):
        text = source
        name = name or "<string>"
    else:
        raise InputError(
            f"cannot parse a {type(source).__name__}; pass text, HTML, bytes or a path",
            context={"source": name or "<unknown>"},
        )
    _check_size(len(text), name)
    if _looks_like_html(text):
        doc = read_html(text, source=name, config=config)
    else:
        if len(text) > MAX_TEXT_CHARS:
            raise InputError(
                f"text is {len(text):,} characters, over the {MAX_TEXT_CHARS:,} limit "
                "for one report; split it into single reports",
                context={"source": name, "length": len(text)},
            )
        doc = read_text(text, source=name, config=config)
    return attrs.evolve(doc, encoding=encoding) if encoding else doc


def detect(source: Source, *, name: str | None = None) -> Detection:
    """Say what ``source`` is: annual report or not, edition, organ, year, region."""
    return detect_document(load(source, name=name))


def _mark_findings(doc: Document) -> list[Finding]:
    out: list[Finding] = []
    for m in doc.marks:
        snippet = doc.text[m.start : m.end]
        if m.kind == "spam":
            out.append(
                Finding(
                    code="spam_injected",
                    severity="warning",
                    message="text injected by a hacked or mirror site; kept out of metadata",
                    evidence=snippet,
                    start=m.start,
                    end=m.end,
                )
            )
        else:
            out.append(
                Finding(
                    code="damaged_text",
                    severity="warning",
                    message="garbled text that could not be repaired"
                    + (f": {m.note}" if m.note else ""),
                    evidence=snippet,
                    start=m.start,
                    end=m.end,
                )
            )
    return out


def _build(doc: Document, *, strict: bool) -> AnnualReport:
    detection = detect_document(doc)
    if not detection.is_annual_report:
        raise NotAnnualReportError(
            f"not an annual report ({detection.kind.replace('_', ' ')}): {detection.reason}",
            reason=detection.kind,
            evidence=detection.evidence,
            context={"source": doc.source},
        )
    sections = segment(doc)
    tables = read_tables(doc)
    edition = tables.edition or detection.edition or "pre2019"
    narrative = read_narrative(doc, sections, edition=edition, year=detection.year)
    issues = read_issues(doc, sections)
    # Narrative first, tables after: a table cell wins over a sentence for the same key.
    parts = assemble([*narrative.figures, *tables.figures])
    proactive = parts.pop("proactive", ProactiveDisclosure())
    if narrative.categories or narrative.history:
        proactive = attrs.evolve(
            proactive, categories=narrative.categories, history=narrative.history
        )
    provenance = (*detection.provenance, *parts.pop("provenance"))
    report = AnnualReport.from_parts(
        edition=edition,
        title=detection.title,
        organ=detection.organ,
        region=detection.region,
        year=detection.year,
        published=detection.published,
        sections=sections,
        proactive=proactive,
        issues=issues,
        fragment=detection.fragment,
        findings=(
            *detection.findings,
            *_mark_findings(doc),
            *tables.findings,
            *narrative.findings,
        ),
        provenance=provenance,
        source=SourceInfo(
            kind=doc.source_kind,
            name=doc.source,
            encoding=doc.encoding,
            length=len(doc.text),
            fixes=doc.fixes,
        ),
        **parts,
    )
    checks = validate(report, claims=narrative.claims)
    if checks:
        report = report._with_findings(checks)
    if strict and report.errors():
        errors = report.errors()
        raise ReportValidationError(
            f"{len(errors)} error-level finding(s): " + "; ".join(sorted({f.code for f in errors})),
            findings=errors,
            report=report,
            context={"source": doc.source},
        )
    return report


def parse(
    source: Source,
    *,
    strict: bool = False,
    name: str | None = None,
    config: NormalizeConfig | None = None,
) -> AnnualReport:
    """Parse an annual report from text, HTML, bytes or a path.

    Raises :class:`~govdisclosure.NotAnnualReportError` for a document that is
    not an annual report, :class:`~govdisclosure.DecodeError` for unreadable
    bytes, and, with ``strict=True``, :class:`~govdisclosure.ReportValidationError`
    when the report has error-level findings.
    """
    doc = load(source, name=name, config=config)
    try:
        return _build(doc, strict=strict)
    except GovDisclosureError:
        raise
    except RecursionError as exc:  # pathological nesting in a hostile page
        raise InputError(
            "document too deeply nested to read", context={"source": doc.source}
        ) from exc


def parse_text(text: str, *, strict: bool = False, name: str | None = None) -> AnnualReport:
    """Parse plain text (never sniffed as HTML or a path)."""
    return parse(read_text(text, source=name or "<string>"), strict=strict)


def parse_html(html: str | bytes, *, strict: bool = False, name: str | None = None) -> AnnualReport:
    """Parse an HTML page (``bytes`` are decoded with the page's declared charset)."""
    if isinstance(html, bytes):
        text, encoding = decode(html, source=name or "<bytes>")
        doc = attrs.evolve(read_html(text, source=name or "<bytes>"), encoding=encoding)
    else:
        doc = read_html(html, source=name or "<string>")
    return parse(doc, strict=strict)


def parse_file(path: str | os.PathLike[str], *, strict: bool = False) -> AnnualReport:
    """Parse the file at ``path`` (HTML or text, any Chinese encoding)."""
    p = Path(path)
    return parse(p, strict=strict, name=str(p))
