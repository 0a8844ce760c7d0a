"""What a document is. PLACEHOLDER (issue 5 replaces it)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

import attrs

from .document import Document
from .model import Edition, Finding, Organ, Provenance, Region

__all__ = ["Detection", "detect_document"]

_REPORT = re.compile(r"政府信息公开.{0,6}(?:年度报告|工作报告|年报)")


@attrs.frozen(kw_only=True)
class Detection:
    """The verdict on a document: annual report or not, edition, whose, which year."""

    is_annual_report: bool
    kind: str
    score: float
    reason: str
    evidence: tuple[str, ...] = ()
    edition: Edition | None = None
    fragment: bool = False
    title: str | None = None
    organ: Organ | None = None
    region: Region = Region()
    year: int | None = None
    published: dt.date | None = None
    provenance: tuple[Provenance, ...] = ()
    findings: tuple[Finding, ...] = ()


def detect_document(doc: Document) -> Detection:
    """Classify ``doc`` and read its metadata."""
    m = _REPORT.search(doc.text)
    kind: Literal["annual_report", "unknown"] = "annual_report" if m else "unknown"
    return Detection(
        is_annual_report=bool(m),
        kind=kind,
        score=1.0 if m else 0.0,
        reason="title names an annual report" if m else "no annual-report title",
        evidence=(m.group(0),) if m else (),
    )
