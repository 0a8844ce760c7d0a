"""The typed report model: frozen attrs classes, no parsing, no JSON.

Conventions that hold everywhere:

* A count is ``int | None``. ``None`` means the report does not state it (a
  blank cell, a missing section); ``0`` means the report says zero (or says
  没有/未发生/无 for that figure). The two are never merged.
* Money is :class:`decimal.Decimal`; signed changes (本年增/减) are plain ints.
* Collections are tuples, so every model is immutable and hashable.
* Attribute paths mirror the flat fact keys of :meth:`AnnualReport.facts`:
  ``report.applications.results.not_disclosed.state_secret.natural_person`` is
  the fact ``applications.results.not_disclosed.state_secret.natural_person``.

Models are built by the pipeline through :meth:`AnnualReport.from_parts`;
serialisation lives in :mod:`govdisclosure.serialize`.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from .facts import FactValue

__all__ = [
    "SCHEMA_VERSION",
    "AnnualReport",
    "ApplicantCounts",
    "ApplicationStats",
    "CategoryCount",
    "Channels",
    "Complaints",
    "Concluded",
    "DocumentCounts",
    "Edition",
    "Fees",
    "Finding",
    "Issue",
    "ItemCounts",
    "NotDisclosed",
    "NotProcessed",
    "Organ",
    "OtherHandling",
    "Outcomes",
    "ProactiveDisclosure",
    "Procurement",
    "Provenance",
    "ReceivedBy",
    "Region",
    "Responses",
    "Results",
    "ReviewLitigation",
    "Section",
    "Severity",
    "SourceInfo",
    "UnableToProvide",
    "YearCount",
]

SCHEMA_VERSION = "1.0"
"""Version of the JSON wire format, independent of the package version.

Minor bumps add optional fields; a major bump renames or removes something.
"""

Edition = Literal["pre2019", "2019", "2021"]
"""``pre2019``: free text (2008–2018); ``2019``: tables of 国办公开办函〔2019〕60号;
``2021``: tables of 国办公开办函〔2021〕30号. Decided by content, never by year."""

Severity = Literal["error", "warning", "info"]
BlankKind = Literal["empty", "slash", "dash", "not_applicable", "none_word"]
"""How a blank cell was written: nothing, ``/``, ``—``/``-``, ``不适用``, ``无``."""


# --------------------------------------------------------------------------- findings


@attrs.frozen(kw_only=True)
class Finding:
    """A data-quality result: a broken 勾稽 rule, a figure that could not be read, spam.

    ``code`` is stable (tests and dashboards key on it); ``keys`` are the fact
    keys involved; ``evidence`` quotes the text or the arithmetic; ``start`` and
    ``end`` point into the normalised document text when the finding has a place.
    """

    code: str
    severity: Severity
    message: str
    keys: tuple[str, ...] = ()
    evidence: str = ""
    start: int | None = None
    end: int | None = None


@attrs.frozen(kw_only=True)
class Provenance:
    """Where the value of one fact key was read.

    ``start``/``end`` are offsets into the normalised document text;
    ``source_start``/``source_end`` point into the original input (for HTML,
    into the text of the element at ``source_path``); ``raw`` is the source
    text itself. A blank cell has provenance too, with ``blank`` saying how it
    was written, so that "blank" can be told from "absent".
    """

    key: str
    start: int
    end: int
    raw: str
    source_start: int | None = None
    source_end: int | None = None
    source_path: str | None = None
    approximate: bool = False
    blank: BlankKind | None = None
    note: str = ""


# --------------------------------------------------------------------------- metadata


@attrs.frozen(kw_only=True)
class Region:
    """Where the issuing organ sits: province, prefecture-level city, county-level unit."""

    province: str | None = None
    city: str | None = None
    county: str | None = None
    code: str | None = None
    """GB/T 2260 code of the most specific unit resolved, when known."""


@attrs.frozen(kw_only=True)
class Organ:
    """The issuing organ, in simplified script.

    ``kind``: ``"people's government"``, ``"department"``, ``"street office"``,
    ``"township"``, ... ; ``level``: ``"province"``, ``"prefecture"``,
    ``"county"``, ``"township"``.
    """

    name: str
    kind: str | None = None
    level: str | None = None


@attrs.frozen(kw_only=True)
class Section:
    """One section of the report under its canonical id (``general``, ``proactive_disclosure`` …)."""

    id: str
    title: str
    text: str
    start: int
    end: int


@attrs.frozen(kw_only=True)
class SourceInfo:
    """What the report was read from."""

    kind: Literal["text", "html"]
    name: str = "<string>"
    encoding: str | None = None
    length: int = 0
    fixes: tuple[str, ...] = ()
    """Names of the text fixers that changed something, in order."""


# --------------------------------------------------------------------------- proactive disclosure


@attrs.frozen(kw_only=True)
class Channels:
    """Items proactively disclosed per channel, as the text states them (pre-2019 mostly)."""

    website: int | None = None
    gazette: int | None = None
    weibo: int | None = None
    wechat: int | None = None
    other: int | None = None


@attrs.frozen(kw_only=True)
class DocumentCounts:
    """Table 2, block 第二十条第（一）项: a row for 规章 or (行政)规范性文件.

    2021 columns: ``issued`` 本年制发件数, ``repealed`` 本年废止件数, ``in_force``
    现行有效件数. 2019 columns: ``new_made`` 本年新制作数量, ``new_published``
    本年新公开数量, ``total_published`` 对外公开总数量.
    """

    issued: int | None = None
    repealed: int | None = None
    in_force: int | None = None
    new_made: int | None = None
    new_published: int | None = None
    total_published: int | None = None


@attrs.frozen(kw_only=True)
class ItemCounts:
    """Table 2, blocks (五)(六)(八): decisions (both editions); 2019 item counts and signed change."""

    decisions: int | None = None
    prev_year_items: int | None = None
    change: int | None = None
    amount_wan: Decimal | None = None
    """2021 行政事业性收费 only: 本年收费金额 in 万元."""


@attrs.frozen(kw_only=True)
class Procurement:
    """Table 2 (2019), block (九) 政府集中采购: items and the amount with its unit as written."""

    items: int | None = None
    amount: Decimal | None = None
    amount_unit: str | None = None


@attrs.frozen(kw_only=True)
class CategoryCount:
    """A named category of proactively disclosed items (``"人事信息" 1 条``)."""

    name: str
    count: int | None
    approximate: bool = False


@attrs.frozen(kw_only=True)
class YearCount:
    """One year of a multi-year history the report prints (``2013: 3148``)."""

    year: int
    count: int


@attrs.frozen(kw_only=True)
class ProactiveDisclosure:
    """主动公开政府信息情况: narrative totals and channels, and table 2 (2019 or 2021)."""

    total: int | None = None
    channels: Channels = Channels()
    regulations: DocumentCounts = DocumentCounts()
    normative_documents: DocumentCounts = DocumentCounts()
    administrative_licensing: ItemCounts = ItemCounts()
    other_external_services: ItemCounts = ItemCounts()
    administrative_penalty: ItemCounts = ItemCounts()
    administrative_coercion: ItemCounts = ItemCounts()
    administrative_fees: ItemCounts = ItemCounts()
    centralized_procurement: Procurement = Procurement()
    categories: tuple[CategoryCount, ...] = ()
    history: tuple[YearCount, ...] = ()


# --------------------------------------------------------------------------- applications


@attrs.frozen(kw_only=True)
class ApplicantCounts:
    """One row of table 3: the six applicant columns and 总计."""

    natural_person: int | None = None
    commercial_enterprise: int | None = None
    research_institution: int | None = None
    social_welfare_org: int | None = None
    legal_service_org: int | None = None
    other_org: int | None = None
    total: int | None = None

    def is_empty(self) -> bool:
        """True when no column is stated."""
        return all(getattr(self, f.name) is None for f in attrs.fields(type(self)))


@attrs.frozen(kw_only=True)
class NotDisclosed:
    """（三）不予公开, by reason."""

    state_secret: ApplicantCounts = ApplicantCounts()
    prohibited_by_law: ApplicantCounts = ApplicantCounts()
    security_stability: ApplicantCounts = ApplicantCounts()
    third_party_rights: ApplicantCounts = ApplicantCounts()
    internal_affairs: ApplicantCounts = ApplicantCounts()
    process_information: ApplicantCounts = ApplicantCounts()
    enforcement_case_file: ApplicantCounts = ApplicantCounts()
    administrative_query: ApplicantCounts = ApplicantCounts()


@attrs.frozen(kw_only=True)
class UnableToProvide:
    """（四）无法提供, by reason."""

    not_held: ApplicantCounts = ApplicantCounts()
    needs_creation: ApplicantCounts = ApplicantCounts()
    unclear_after_correction: ApplicantCounts = ApplicantCounts()


@attrs.frozen(kw_only=True)
class NotProcessed:
    """（五）不予处理, by reason."""

    petition_complaint: ApplicantCounts = ApplicantCounts()
    duplicate: ApplicantCounts = ApplicantCounts()
    publication: ApplicantCounts = ApplicantCounts()
    excessive: ApplicantCounts = ApplicantCounts()
    confirm_or_reissue: ApplicantCounts = ApplicantCounts()


@attrs.frozen(kw_only=True)
class OtherHandling(ApplicantCounts):
    """（六）其他处理. In 2019 a leaf row (the inherited columns); in 2021 three sub-rows."""

    no_correction: ApplicantCounts = ApplicantCounts()
    fee_unpaid: ApplicantCounts = ApplicantCounts()
    other: ApplicantCounts = ApplicantCounts()


@attrs.frozen(kw_only=True)
class Results:
    """三、本年度办理结果."""

    disclosed: ApplicantCounts = ApplicantCounts()
    partially_disclosed: ApplicantCounts = ApplicantCounts()
    not_disclosed: NotDisclosed = NotDisclosed()
    unable_to_provide: UnableToProvide = UnableToProvide()
    not_processed: NotProcessed = NotProcessed()
    other: OtherHandling = OtherHandling()
    total: ApplicantCounts = ApplicantCounts()


@attrs.frozen(kw_only=True)
class ReceivedBy:
    """Pre-2019 statistics table: requests received by channel."""

    in_person: int | None = None
    fax: int | None = None
    online: int | None = None
    mail: int | None = None


@attrs.frozen(kw_only=True)
class Concluded:
    """Pre-2019: requests concluded, on time or after an extension."""

    total: int | None = None
    on_time: int | None = None
    extended: int | None = None


@attrs.frozen(kw_only=True)
class Responses:
    """Pre-2019 statistics table: 申请答复数 by kind of answer."""

    already_public: int | None = None
    granted: int | None = None
    partially_granted: int | None = None
    refused: int | None = None
    not_this_agency: int | None = None
    not_exist: int | None = None
    ask_amend: int | None = None
    other_channel: int | None = None


@attrs.frozen(kw_only=True)
class ApplicationStats:
    """收到和处理政府信息公开申请情况: table 3 (2019/2021) or the pre-2019 figures."""

    new_received: ApplicantCounts = ApplicantCounts()
    carried_over: ApplicantCounts = ApplicantCounts()
    results: Results = Results()
    carried_to_next: ApplicantCounts = ApplicantCounts()
    received_by: ReceivedBy = ReceivedBy()
    concluded: Concluded = Concluded()
    responses: Responses = Responses()


# --------------------------------------------------------------------------- review and litigation


@attrs.frozen(kw_only=True)
class Outcomes:
    """One block of table 4: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计."""

    upheld: int | None = None
    corrected: int | None = None
    other: int | None = None
    pending: int | None = None
    total: int | None = None


@attrs.frozen(kw_only=True)
class ReviewLitigation:
    """政府信息公开行政复议、行政诉讼情况 (table 4), or the pre-2019 totals.

    ``litigation`` holds the pre-2019 lawsuit count that does not say whether
    a review came first.
    """

    review: Outcomes = Outcomes()
    litigation_direct: Outcomes = Outcomes()
    litigation_after_review: Outcomes = Outcomes()
    litigation: Outcomes = Outcomes()


@attrs.frozen(kw_only=True)
class Complaints:
    """举报投诉 about disclosure work (pre-2019)."""

    total: int | None = None


@attrs.frozen(kw_only=True)
class Fees:
    """Fees charged for disclosure on request (信息处理费), in 元."""

    collected_yuan: Decimal | None = None


@attrs.frozen(kw_only=True)
class Issue:
    """One problem or improvement the report lists, with its ordinal when it has one."""

    kind: Literal["problem", "improvement"]
    ordinal: int | None
    text: str
    start: int | None = None
    end: int | None = None


# --------------------------------------------------------------------------- the report


_PROVENANCE_ORDER = operator.attrgetter("key", "start")
"""How :meth:`AnnualReport.from_parts` sorts provenance: by key, then place."""


def _distinct(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """``findings`` without repeats, the first of equal ones kept in its place."""
    return tuple(dict.fromkeys(findings))


@attrs.frozen(kw_only=True)
class AnnualReport:
    """A parsed 政府信息公开工作年度报告.

    Build one with :func:`govdisclosure.parse`; read figures from the typed
    attributes or flat through :meth:`facts`; serialise with :meth:`to_json`.
    """

    edition: Edition
    title: str | None = None
    organ: Organ | None = None
    region: Region = Region()
    year: int | None = None
    published: dt.date | None = None
    sections: tuple[Section, ...] = ()
    proactive: ProactiveDisclosure = ProactiveDisclosure()
    applications: ApplicationStats = ApplicationStats()
    review_litigation: ReviewLitigation = ReviewLitigation()
    complaints: Complaints = Complaints()
    fees: Fees = Fees()
    issues: tuple[Issue, ...] = ()
    findings: tuple[Finding, ...] = ()
    provenance: tuple[Provenance, ...] = ()
    source: SourceInfo = SourceInfo(kind="text")
    fragment: bool = False
    """True for a part of a report (the tables alone, say) rather than a whole one."""

    @classmethod
    def from_parts(cls, **parts: Any) -> AnnualReport:
        """Named constructor used by the pipeline; the same keywords as the class.

        Kept separate from ``__init__`` so that construction rules (sorting
        provenance, dropping duplicate findings) live in one place.
        """
        provenance = tuple(sorted(parts.pop("provenance", ()), key=_PROVENANCE_ORDER))
        findings = _distinct(parts.pop("findings", ()))
        return cls(provenance=provenance, findings=findings, **parts)

    def _with_findings(self, findings: Iterable[Finding]) -> AnnualReport:
        """This report with ``findings`` after its own, by the rules of :meth:`from_parts`."""
        return attrs.evolve(self, findings=_distinct((*self.findings, *findings)))

    # ----------------------------------------------------------------- views

    def facts(self) -> dict[str, FactValue]:
        """The flat, stable mapping of fact keys to values (see ``facts.md``).

        Keys are those of the report's edition in the bundled vocabulary;
        values are ``int``, ``str``, ``Decimal``, ``datetime.date`` or ``None``.
        """
        from .facts import project

        return project(self)

    def to_json(self, *, indent: int | None = None) -> str:
        """This report as JSON (with a top-level ``schema_version``)."""
        from .serialize import dumps

        return dumps(self, indent=indent)

    @classmethod
    def from_json(cls, payload: str | bytes) -> AnnualReport:
        """Rebuild a report from :meth:`to_json` output; raises :class:`~govdisclosure.SchemaError`."""
        from .serialize import loads

        return loads(payload)

    def section(self, section_id: str) -> Section | None:
        """The section with canonical id ``section_id``, or ``None``."""
        return next((s for s in self.sections if s.id == section_id), None)

    def provenance_of(self, key: str) -> Provenance | None:
        """Where the fact ``key`` was read, or ``None`` when it was not read from the text."""
        return next((p for p in self.provenance if p.key == key), None)

    def errors(self) -> tuple[Finding, ...]:
        """The error-level findings."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def problems(self) -> tuple[Issue, ...]:
        """The listed problems (存在的主要问题)."""
        return tuple(i for i in self.issues if i.kind == "problem")

    @property
    def improvements(self) -> tuple[Issue, ...]:
        """The listed improvement measures (改进措施/改进情况)."""
        return tuple(i for i in self.issues if i.kind == "improvement")

    def _headline(self) -> Iterator[str]:
        a = self.applications
        if a.new_received.total is not None:
            yield f"received={a.new_received.total}"
        if self.proactive.total is not None:
            yield f"proactive={self.proactive.total}"
        if self.review_litigation.review.total is not None:
            yield f"reviews={self.review_litigation.review.total}"

    def __repr__(self) -> str:
        organ = self.organ.name if self.organ else "?"
        year = self.year if self.year is not None else "?"
        head = " ".join(self._headline())
        errors = len(self.errors())
        return (
            f"<AnnualReport {organ} {year} edition={self.edition}"
            + (f" {head}" if head else "")
            + f" findings={len(self.findings)}"
            + (f" errors={errors}" if errors else "")
            + ">"
        )

    def _repr_html_(self) -> str:
        from .serialize import report_html

        return report_html(self)
