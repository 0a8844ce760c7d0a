"""Consistency (勾稽) checks → findings.

Pure functions over a finished :class:`~govdisclosure.model.AnnualReport`
(templates.md §5). Each finding has a stable code, the fact keys involved and
the arithmetic as evidence:

============================  ========  ==============================================
code                          severity  rule
============================  ========  ==============================================
``balance_mismatch``          error     R1: 新收 + 上年结转 == 办理结果总计 + 结转下年, per column
``results_sum_mismatch``      error     R2: （七）总计 == sum of the outcome leaves, per column
``row_total_mismatch``        error     R3: 总计 == the six applicant columns, per row
``review_total_mismatch``     error     R4: 总计 == 维持 + 纠正 + 其他 + 尚未审结, per block
``negative_count``            error     R8: counts of tables 2–4 are non-negative
``claim_table_mismatch``      warning   R9: a figure the text states differs from the table
``pre2019_sum_mismatch``      warning   §5.4: pre-2019 totals against their parts
============================  ========  ==============================================

Blank cells (``None``) count as 0 in the sums, and a rule fires only where a
stated total contradicts stated parts: a total that is blank, or parts that
are all blank, prove nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from .extract.template import APPLICANT_COLUMNS, APPLICATION_ROWS, REVIEW_BLOCKS
from .facts import Figure
from .model import AnnualReport, Finding, Severity

__all__ = ["validate"]

_PARTS = APPLICANT_COLUMNS[:-1]
_OUTCOMES = ("upheld", "corrected", "other", "pending")
_PRE2019_SUMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "applications.new_received.total",
        tuple(f"applications.received_by.{c}" for c in ("in_person", "fax", "online", "mail")),
    ),
    (
        "applications.concluded.total",
        ("applications.concluded.on_time", "applications.concluded.extended"),
    ),
    (
        "review_litigation.review.total",
        tuple(f"review_litigation.review.{c}" for c in ("upheld", "corrected", "other")),
    ),
)


def _get(report: AnnualReport, key: str) -> Any:
    obj: Any = report
    for part in key.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


class _Sum(NamedTuple):
    """A rule ``sum(left) == sum(right)``, when both sides state something."""

    code: str
    rule: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    severity: Severity = "error"


class _NonNegative(NamedTuple):
    """R8: the count at ``key`` is not negative."""

    key: str


def _table_rules(edition: str) -> tuple[_Sum | _NonNegative, ...]:
    """The rules of a 2019 or 2021 report, in the order their findings are listed."""
    out: list[_Sum | _NonNegative] = []
    leaves = [
        s.key
        for s in APPLICATION_ROWS
        if edition in s.editions and s.key.startswith("results.") and s.key != "results.total"
    ]
    rows = [s.key for s in APPLICATION_ROWS if edition in s.editions]
    for col in APPLICANT_COLUMNS:
        a = f"applications.{{}}.{col}"
        out.append(
            _Sum(
                "balance_mismatch",
                f"R1 ({col})",
                (a.format("new_received"), a.format("carried_over")),
                (a.format("results.total"), a.format("carried_to_next")),
            )
        )
        out.append(
            _Sum(
                "results_sum_mismatch",
                f"R2 ({col})",
                (a.format("results.total"),),
                tuple(a.format(k) for k in leaves),
            )
        )
    for row in rows:
        out.append(
            _Sum(
                "row_total_mismatch",
                f"R3 ({row})",
                (f"applications.{row}.total",),
                tuple(f"applications.{row}.{c}" for c in _PARTS),
            )
        )
        out.extend(_NonNegative(f"applications.{row}.{col}") for col in APPLICANT_COLUMNS)
    for block in REVIEW_BLOCKS:
        out.append(
            _Sum(
                "review_total_mismatch",
                f"R4 ({block})",
                (f"review_litigation.{block}.total",),
                tuple(f"review_litigation.{block}.{c}" for c in _OUTCOMES),
            )
        )
        out.extend(_NonNegative(f"review_litigation.{block}.{c}") for c in (*_OUTCOMES, "total"))
    return tuple(out)


_RULES: dict[str, tuple[_Sum | _NonNegative, ...]] = {
    "pre2019": tuple(
        _Sum("pre2019_sum_mismatch", "§5.4", (total,), parts, "warning")
        for total, parts in _PRE2019_SUMS
    ),
    "2019": _table_rules("2019"),
    "2021": _table_rules("2021"),
}
"""Every edition's rules, built once; any other edition is checked as ``pre2019``."""


_Reads = tuple[tuple[tuple[str, ...], tuple[tuple[str, str], ...]], ...]


def _reads(rules: Sequence[_Sum | _NonNegative]) -> _Reads:
    """The keys the rules read, once each, grouped by the path of the object holding them:
    ``((path, ((key, attribute), ...)), ...)``."""
    keys: dict[str, None] = {}
    for r in rules:
        if isinstance(r, _Sum):
            keys.update(dict.fromkeys((*r.left, *r.right)))
        else:
            keys[r.key] = None
    by_parent: dict[str, list[tuple[str, str]]] = {}
    for key in keys:
        parent, _, attr = key.rpartition(".")
        by_parent.setdefault(parent, []).append((key, attr))
    return tuple((tuple(p.split(".")), tuple(ks)) for p, ks in by_parent.items())


_READS = {edition: _reads(rules) for edition, rules in _RULES.items()}


def _counts(report: AnnualReport, reads: _Reads) -> dict[str, int | None]:
    """The count at each key (``None`` for a blank, a missing path or a non-count)."""
    out: dict[str, int | None] = {}
    for path, keys in reads:
        obj: Any = report
        for part in path:
            obj = getattr(obj, part, None)
            if obj is None:
                break
        for key, attr in keys:
            value = None if obj is None else getattr(obj, attr, None)
            out[key] = value if isinstance(value, int) and not isinstance(value, bool) else None
    return out


@functools.cache
def _short(key: str) -> str:
    """The last two parts of ``key`` (``total.natural_person``), as evidence shows them."""
    return f"{key.rsplit('.', 2)[-2]}.{key.rsplit('.', 1)[-1]}"


class _Checker:
    def __init__(self, report: AnnualReport) -> None:
        self.report = report
        self.out: list[Finding] = []

    def add(
        self, code: str, severity: Severity, message: str, keys: Sequence[str], evidence: str
    ) -> None:
        self.out.append(
            Finding(
                code=code, severity=severity, message=message, keys=tuple(keys), evidence=evidence
            )
        )

    def sum_rule(self, rule: _Sum, counts: Mapping[str, int | None]) -> None:
        """``sum(left) == sum(right)``, when both sides state something."""
        lv = [counts[k] for k in rule.left]
        if lv.count(None) == len(lv):
            return
        rv = [counts[k] for k in rule.right]
        if rv.count(None) == len(rv):
            return
        ls, rs = sum(filter(None, lv)), sum(filter(None, rv))
        if ls == rs:
            return

        def show(keys: Sequence[str], vals: Sequence[int | None]) -> str:
            return " + ".join(f"{_short(k)}={v}" for k, v in zip(keys, vals, strict=True))

        self.add(
            rule.code,
            rule.severity,
            f"{rule.rule}: {ls} != {rs}",
            [*rule.left, *rule.right],
            f"{show(rule.left, lv)} = {ls}; {show(rule.right, rv)} = {rs}",
        )

    def run(self, claims: Sequence[Figure]) -> list[Finding]:
        edition = self.report.edition if self.report.edition in _RULES else "pre2019"
        counts = _counts(self.report, _READS[edition])
        for rule in _RULES[edition]:
            if isinstance(rule, _Sum):
                self.sum_rule(rule, counts)
            else:
                self.non_negative(rule.key, counts[rule.key])
        self.claims(claims)
        return self.out

    def non_negative(self, key: str, value: int | None) -> None:
        if value is not None and value < 0:
            self.add("negative_count", "error", f"R8: {key} is negative", [key], f"{key}={value}")

    def claims(self, claims: Sequence[Figure]) -> None:
        for claim in claims:
            stated = _get(self.report, claim.key)
            if stated is None or claim.value is None or isinstance(stated, (tuple, bool)):
                continue
            if not isinstance(stated, int | str) and not hasattr(stated, "as_tuple"):
                continue
            if stated != claim.value:
                evidence = claim.provenance.raw if claim.provenance is not None else ""
                self.add(
                    "claim_table_mismatch",
                    "warning",
                    f"R9: the text states {claim.key} = {claim.value}, the table {stated}",
                    [claim.key],
                    evidence,
                )


def validate(report: AnnualReport, *, claims: Sequence[Figure] = ()) -> tuple[Finding, ...]:
    """Check ``report`` (and the narrative ``claims``) against the 勾稽 rules.

    >>> from govdisclosure.model import AnnualReport, ReviewLitigation, Outcomes
    >>> r = AnnualReport.from_parts(edition="2021", review_litigation=ReviewLitigation(
    ...     review=Outcomes(upheld=1, corrected=0, other=0, pending=0, total=2)))
    >>> [(f.code, f.message) for f in validate(r)]
    [('review_total_mismatch', 'R4 (review): 2 != 1')]
    """
    return tuple(_Checker(report).run(claims))
