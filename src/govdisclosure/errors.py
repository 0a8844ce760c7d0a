"""The exceptions govdisclosure raises, all rooted at :class:`GovDisclosureError`.

Every public function raises only these; errors from lower layers (lxml,
``UnicodeDecodeError``, cattrs, the file system) are mapped onto them with
``raise ... from exc`` so that the original stays available as ``__cause__``.
Each class is also a :class:`ValueError`, so code that already catches
``ValueError`` keeps working.

The tree::

    GovDisclosureError (ValueError)
    ├── InputError              the source could not be read at all
    │   └── DecodeError         bytes that are no known Chinese encoding
    ├── NotAnnualReportError    a readable document that is not an annual report
    ├── SchemaError             a JSON payload that does not fit the report schema
    └── ReportValidationError   strict mode: the report has error-level findings

Each error carries a ``context`` mapping with the structured facts behind the
message (the file, the encodings tried, the evidence), for programs that want
more than the sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported for annotations only: errors.py stays stdlib-only at run time
    from .model import Finding

__all__ = [
    "DecodeError",
    "GovDisclosureError",
    "InputError",
    "NotAnnualReportError",
    "ReportValidationError",
    "SchemaError",
    "TimeLimitError",
]


class GovDisclosureError(ValueError):
    """Base class of every error govdisclosure raises.

    ``context`` holds structured details (for example ``{"source": "a.html"}``).
    """

    def __init__(self, message: str, *, context: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.context: dict[str, Any] = dict(context or {})

    def __str__(self) -> str:
        source = self.context.get("source")
        return f"{source}: {self.message}" if source else self.message


class InputError(GovDisclosureError):
    """The source could not be read: a missing file, an unsupported type, input too large."""


class DecodeError(InputError):
    """Bytes that decode as none of the encodings Chinese government sites use.

    ``tried`` lists the encodings attempted, in order.
    """

    def __init__(
        self,
        message: str,
        *,
        tried: Sequence[str] = (),
        context: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, context={**(context or {}), "tried": list(tried)})
        self.tried = tuple(tried)


class NotAnnualReportError(GovDisclosureError):
    """A readable document that is not a government information disclosure annual report.

    ``reason`` says what the document looks like instead (``"work_plan_summary"``,
    ``"template_notice"``, ...); ``evidence`` quotes what gave it away.
    """

    def __init__(
        self,
        message: str,
        *,
        reason: str,
        evidence: Sequence[str] = (),
        context: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(
            message,
            context={**(context or {}), "reason": reason, "evidence": list(evidence)},
        )
        self.reason = reason
        self.evidence = tuple(evidence)


class TimeLimitError(GovDisclosureError):
    """Parsing one input took longer than the batch's time limit (``--timeout``).

    ``seconds`` is the limit that was exceeded. The batch records the input
    with this error and goes on; raise the limit if large documents need it.
    """

    def __init__(
        self, message: str, *, seconds: float, context: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(message, context={**(context or {}), "seconds": seconds})
        self.seconds = seconds


class SchemaError(GovDisclosureError):
    """A JSON payload that does not match the report schema.

    ``problems`` lists each problem as ``"description @ $.json.path"``.
    """

    def __init__(
        self,
        message: str,
        *,
        problems: Sequence[str] = (),
        context: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, context={**(context or {}), "problems": list(problems)})
        self.problems = tuple(problems)

    def __str__(self) -> str:
        head = super().__str__()
        if not self.problems:
            return head
        return head + "\n" + "\n".join(f"  {p}" for p in self.problems)


class ReportValidationError(GovDisclosureError):
    """Strict mode found error-level findings in a report.

    ``findings`` holds them; ``report`` the parsed report, for inspection.
    """

    def __init__(
        self,
        message: str,
        *,
        findings: Sequence[Finding] = (),
        report: Any = None,
        context: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(
            message,
            context={**(context or {}), "codes": sorted({f.code for f in findings})},
        )
        self.findings = tuple(findings)
        self.report = report
