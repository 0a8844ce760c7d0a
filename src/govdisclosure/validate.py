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

import operator
from collections.abc import Callable, Sequence
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


_Values = tuple[Any, ...]
_Pick = Callable[[_Values], _Values]


def _pick(positions: Sequence[int]) -> _Pick:
    """A getter of ``values[p] for p in positions``, always as a tuple."""
    if len(positions) == 1:
        (only,) = positions
        return lambda values: (values[only],)
    return operator.itemgetter(*positions)


class _Step(NamedTuple):
    """A :class:`_Sum` compiled to positions in the values, then the R8 checks after it."""

    rule: _Sum
    left: _Pick
    right: _Pick
    keys: tuple[str, ...]
    """``rule.left`` then ``rule.right``."""
    evidence: str
    """The evidence as a ``%`` template over ``*left, sum(left), *right, sum(right)``."""
    non_negative: tuple[tuple[str, int], ...]
    """``(key, position)`` of the R8 checks listed after the rule."""


class _Plan(NamedTuple):
    """An edition's rules compiled once against the tuple of the counts they read."""

    keys: tuple[str, ...]
    """Every key the rules read, once each; the values are in this order."""
    read: Callable[[AnnualReport], _Values]
    """The attributes at ``keys`` in one call (``AttributeError`` on a missing path)."""
    steps: tuple[_Step, ...]
    non_negative: _Pick | None
    """The values R8 checks, to skip R8 at once when none is negative."""


def _short(key: str) -> str:
    """The last two parts of ``key`` (``total.natural_person``), as evidence shows them."""
    return f"{key.rsplit('.', 2)[-2]}.{key.rsplit('.', 1)[-1]}"


def _terms(keys: Sequence[str]) -> str:
    """``total.natural_person=%s + ...``: one side of a sum's evidence as a ``%`` template."""
    return " + ".join(_short(k).replace("%", "%%") + "=%s" for k in keys)


def _compile(rules: Sequence[_Sum | _NonNegative]) -> _Plan:
    """``rules`` as one read of every key they need and steps over positions in it."""
    keys: dict[str, int] = {}
    for r in rules:
        for key in (*r.left, *r.right) if isinstance(r, _Sum) else (r.key,):
            keys.setdefault(key, len(keys))
    steps: list[_Step] = []
    for r in rules:
        if isinstance(r, _Sum):
            left, right = _pick([keys[k] for k in r.left]), _pick([keys[k] for k in r.right])
            evidence = f"{_terms(r.left)} = %s; {_terms(r.right)} = %s"
            steps.append(_Step(r, left, right, (*r.left, *r.right), evidence, ()))
        else:
            assert steps, "every edition lists its R8 checks after a sum"
            last = steps[-1]
            steps[-1] = last._replace(non_negative=(*last.non_negative, (r.key, keys[r.key])))
    checked = [keys[r.key] for r in rules if isinstance(r, _NonNegative)]
    assert len(keys) > 1, "attrgetter of one key would not give a tuple"
    return _Plan(
        keys=tuple(keys),
        read=operator.attrgetter(*keys),
        steps=tuple(steps),
        non_negative=_pick(checked) if checked else None,
    )


_PLANS = {edition: _compile(rules) for edition, rules in _RULES.items()}


_COUNT_TYPES = frozenset({int, type(None)})


def _counts(report: AnnualReport, plan: _Plan) -> _Values:
    """The count at each of ``plan.keys`` (``None`` for a blank, a missing path or a non-count)."""
    try:
        values = plan.read(report)
    except AttributeError:  # a path through ``None`` or a foreign object
        values = tuple(_get(report, key) for key in plan.keys)
    if set(map(type, values)) <= _COUNT_TYPES:
        return values
    return tuple(v if isinstance(v, int) and not isinstance(v, bool) else None for v in values)


class _Checker:
    def __init__(self, report: AnnualReport) -> None:
        self.report = report
        self.out: list[Finding] = []

    def add(
        self, code: str, severity: Severity, message: str, keys: tuple[str, ...], evidence: str
    ) -> None:
        self.out.append(
            Finding(code=code, severity=severity, message=message, keys=keys, evidence=evidence)
        )

    def sum_rule(self, step: _Step, values: _Values) -> None:
        """``sum(left) == sum(right)``, when both sides state something."""
        lv = step.left(values)
        if lv.count(None) == len(lv):
            return
        rv = step.right(values)
        if rv.count(None) == len(rv):
            return
        ls, rs = sum(filter(None, lv)), sum(filter(None, rv))
        if ls == rs:
            return
        rule = step.rule
        message = f"{rule.rule}: {ls} != {rs}"
        self.add(rule.code, rule.severity, message, step.keys, step.evidence % (*lv, ls, *rv, rs))

    def run(self, claims: Sequence[Figure]) -> list[Finding]:
        plan = _PLANS.get(self.report.edition, _PLANS["pre2019"])
        values = _counts(self.report, plan)
        # R8 almost never fires: one look at all its values decides whether to check each.
        negative = plan.non_negative is not None and (
            min(filter(None, plan.non_negative(values)), default=0) < 0
        )
        for step in plan.steps:
            self.sum_rule(step, values)
            if negative:
                for key, at in step.non_negative:
                    self.non_negative(key, values[at])
        self.claims(claims)
        return self.out

    def non_negative(self, key: str, value: int | None) -> None:
        if value is not None and value < 0:
            self.add("negative_count", "error", f"R8: {key} is negative", (key,), f"{key}={value}")

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
                    (claim.key,),
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
