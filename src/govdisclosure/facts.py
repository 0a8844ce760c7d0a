"""The flat fact vocabulary and the two-way projection between facts and the model.

``data/facts.json`` (a copy of the project's ``spec/facts.json``) names every
figure a report can state with a stable ASCII key such as
``applications.results.not_disclosed.state_secret.natural_person``. The key
*is* the attribute path in the model, so :func:`project` (model → facts) and
:func:`assemble` (read figures → model parts) are the same walk in two
directions; nothing is stored twice.

>>> [k.key for k in vocabulary()][:3]
['kind', 'edition', 'year']
>>> fact_key("applications.new_received.total").editions
('pre2019', '2019', '2021')
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeAlias

import attrs

from .model import (
    AnnualReport,
    ApplicationStats,
    Complaints,
    Fees,
    ProactiveDisclosure,
    Provenance,
    ReviewLitigation,
)

if TYPE_CHECKING:
    from .model import Edition

__all__ = ["FactKey", "FactValue", "Figure", "assemble", "fact_key", "project", "vocabulary"]

FactValue: TypeAlias = int | str | Decimal | dt.date | None
FactType = Literal["int", "signed int", "decimal", "str", "date"]

# The top-level model attribute each key prefix lives under.
_GROUPS: dict[str, type[Any]] = {
    "proactive": ProactiveDisclosure,
    "applications": ApplicationStats,
    "review_litigation": ReviewLitigation,
    "complaints": Complaints,
    "fees": Fees,
}
# Keys that are not a plain attribute path.
_METADATA = frozenset(
    {
        "kind",
        "edition",
        "year",
        "organ",
        "published",
        "region.province",
        "region.city",
        "region.county",
    }
)


# English glosses of key segments (templates.md §8); a key's meaning is their chain.
SEGMENT_GLOSSES: dict[str, str] = {
    "kind": "document kind",
    "edition": "format edition",
    "year": "year reported on",
    "organ": "issuing organ",
    "published": "publication date",
    "region": "region",
    "province": "province",
    "city": "prefecture-level city",
    "county": "county-level unit",
    "proactive": "proactive disclosure",
    "total": "total",
    "channels": "by channel",
    "website": "government website",
    "gazette": "government gazette",
    "weibo": "government Weibo",
    "wechat": "government WeChat",
    "other": "other",
    "regulations": "government rules (规章)",
    "normative_documents": "normative documents",
    "issued": "issued this year",
    "repealed": "repealed this year",
    "in_force": "currently in force",
    "new_made": "newly made this year",
    "new_published": "newly published this year",
    "total_published": "total published (cumulative)",
    "administrative_licensing": "administrative licensing",
    "other_external_services": "other external management services",
    "administrative_penalty": "administrative penalties",
    "administrative_coercion": "administrative coercive measures",
    "administrative_fees": "administrative fees",
    "centralized_procurement": "centralised government procurement",
    "decisions": "decisions made",
    "prev_year_items": "items in the previous year",
    "change": "net change this year (signed)",
    "amount_wan": "amount in 10,000 CNY",
    "items": "procurement projects",
    "amount": "amount (unit as written)",
    "amount_unit": "unit of the amount",
    "applications": "requests",
    "new_received": "new this year",
    "carried_over": "carried over from last year",
    "carried_to_next": "carried over to next year",
    "results": "outcomes",
    "disclosed": "disclosed",
    "partially_disclosed": "partially disclosed",
    "not_disclosed": "not disclosed",
    "state_secret": "state secret",
    "prohibited_by_law": "prohibited by other laws",
    "security_stability": "endangers security or stability",
    "third_party_rights": "third-party rights",
    "internal_affairs": "internal affairs",
    "process_information": "process information",
    "enforcement_case_file": "enforcement case file",
    "administrative_query": "administrative query matter",
    "unable_to_provide": "unable to provide",
    "not_held": "not held by the agency",
    "needs_creation": "would need to be created",
    "unclear_after_correction": "still unclear after correction",
    "not_processed": "not processed",
    "petition_complaint": "petition or complaint",
    "duplicate": "duplicate request",
    "publication": "request for publications",
    "excessive": "mass or repeated requests",
    "confirm_or_reissue": "confirm or re-issue",
    "no_correction": "not corrected in time",
    "fee_unpaid": "fee not paid",
    "natural_person": "natural persons",
    "commercial_enterprise": "commercial enterprises",
    "research_institution": "research institutions",
    "social_welfare_org": "social welfare organisations",
    "legal_service_org": "legal service providers",
    "other_org": "other organisations",
    "received_by": "received by channel",
    "in_person": "in person",
    "fax": "fax",
    "online": "online",
    "mail": "letter",
    "concluded": "concluded",
    "on_time": "on time",
    "extended": "after extension",
    "responses": "responses",
    "already_public": "already public",
    "granted": "granted",
    "partially_granted": "partially granted",
    "refused": "refused",
    "not_this_agency": "not this agency's",
    "not_exist": "does not exist",
    "ask_amend": "asked to amend",
    "other_channel": "referred elsewhere",
    "review_litigation": "review and litigation",
    "review": "administrative reconsideration",
    "litigation_direct": "lawsuits filed directly",
    "litigation_after_review": "lawsuits after reconsideration",
    "litigation": "lawsuits",
    "upheld": "upheld",
    "corrected": "corrected",
    "pending": "pending",
    "complaints": "complaints",
    "fees": "fees",
    "collected_yuan": "collected, in CNY",
    "issues": "listed issues",
    "problems": "problems (count)",
    "improvements": "improvements (count)",
}


@attrs.frozen(kw_only=True)
class FactKey:
    """One entry of the vocabulary: key, value type, editions that can state it, Chinese label."""

    key: str
    type: FactType
    editions: tuple[str, ...]
    label: str
    note: str = ""

    @property
    def meaning(self) -> str:
        """An English gloss built from the key's segments.

        >>> fact_key("applications.results.not_disclosed.state_secret.natural_person").meaning
        'requests › outcomes › not disclosed › state secret › natural persons'
        """
        return " › ".join(SEGMENT_GLOSSES.get(p, p.replace("_", " ")) for p in self.key.split("."))


@attrs.frozen(kw_only=True)
class Figure:
    """A value read from the document for one fact key, with where it was read."""

    key: str
    value: FactValue
    provenance: Provenance | None = None


@functools.cache
def vocabulary() -> tuple[FactKey, ...]:
    """Every fact key, in the canonical order of ``facts.json`` (loaded once)."""
    raw = json.loads(
        resources.files("govdisclosure").joinpath("data/facts.json").read_text("utf-8")
    )
    order = ("pre2019", "2019", "2021")
    return tuple(
        FactKey(
            key=e["key"],
            type=e["type"],
            editions=tuple(sorted(e["editions"], key=order.index)),
            label=e["label"],
            note=e.get("note", ""),
        )
        for e in raw["keys"]
    )


@functools.cache
def _by_key() -> dict[str, FactKey]:
    return {k.key: k for k in vocabulary()}


def fact_key(key: str) -> FactKey:
    """The vocabulary entry of ``key``; ``KeyError`` when the key is not in the vocabulary."""
    return _by_key()[key]


@functools.cache
def keys_for(edition: Edition) -> tuple[str, ...]:
    """The keys a report of ``edition`` carries in :meth:`AnnualReport.facts`."""
    return tuple(k.key for k in vocabulary() if edition in k.editions)


_NESTED: dict[type[Any], dict[str, type[Any] | None]] = {}


def _nested_types(cls: type[Any]) -> dict[str, type[Any] | None]:
    """Field name → nested attrs class (or None for a leaf), resolved once per class."""
    cached = _NESTED.get(cls)
    if cached is not None:
        return cached
    attrs.resolve_types(cls)
    out: dict[str, type[Any] | None] = {}
    for f in attrs.fields(cls):
        t = f.type
        out[f.name] = t if isinstance(t, type) and attrs.has(t) else None
    _NESTED[cls] = out
    return out


def _lookup(report: AnnualReport, key: str) -> FactValue:
    if key in _METADATA:
        if key == "kind":
            return "annual_report"
        if key == "organ":
            return report.organ.name if report.organ else None
        if key.startswith("region."):
            return getattr(report.region, key.split(".", 1)[1])  # type: ignore[no-any-return]
        return getattr(report, key)  # type: ignore[no-any-return]
    if key == "issues.problems":
        return len(report.problems) or None
    if key == "issues.improvements":
        return len(report.improvements) or None
    obj: Any = report
    for part in key.split("."):
        obj = getattr(obj, part)
    return obj  # type: ignore[no-any-return]


def project(report: AnnualReport) -> dict[str, FactValue]:
    """The flat facts of ``report``: every key of its edition, ``None`` where not stated."""
    return {key: _lookup(report, key) for key in keys_for(report.edition)}


def _build(cls: type[Any], values: Mapping[str, Any]) -> Any:
    nested = _nested_types(cls)
    kwargs: dict[str, Any] = {}
    for name, value in values.items():
        if name not in nested:
            raise KeyError(f"{cls.__name__} has no field {name!r}")
        sub = nested[name]
        if isinstance(value, dict):
            if sub is None:
                raise KeyError(f"{cls.__name__}.{name} is a value, not a group")
            kwargs[name] = _build(sub, value)
        else:
            kwargs[name] = value
    return cls(**kwargs)


@functools.cache
def _place(key: str) -> tuple[str, tuple[str, ...], str] | None:
    """``(group, path, leaf)`` of a figure group key; ``None`` for any other key."""
    group, _, rest = key.partition(".")
    if group not in _GROUPS or not rest:
        return None
    *path, leaf = rest.split(".")
    return group, tuple(path), leaf


@functools.cache
def _leaf_keys() -> frozenset[str]:
    """Vocabulary keys that no other key extends or is extended by (all of them, in fact)."""
    keys = {k.key for k in vocabulary()}
    inner = {k.rsplit(".", n)[0] for k in keys for n in range(1, k.count(".") + 1)}
    return frozenset(k for k in keys if k not in inner)


class _Slot(NamedTuple):
    """Where a figure's value goes: attribute ``leaf`` of the object at path ``parent``."""

    parent: str
    leaf: str
    known: bool
    """A vocabulary leaf key: its parent is a model class and its leaf a field of it."""


@functools.cache
def _slot(key: str) -> _Slot | None:
    """The :class:`_Slot` of a figure group key; ``None`` for any other key."""
    if _place(key) is None:
        return None
    parent, _, leaf = key.rpartition(".")
    return _Slot(parent, leaf, key in _leaf_keys())


@functools.cache
def _node(path: str) -> tuple[type[Any], str | None, str]:
    """``(class, parent path, name in the parent)`` of the object at ``path`` of a
    vocabulary key (``applications.results`` → Results, ``applications``, ``results``);
    the parent is ``None`` for a group."""
    up, _, name = path.rpartition(".")
    if not up:
        return _GROUPS[name], None, name
    cls = _nested_types(_node(up)[0])[name]
    if cls is None:
        raise KeyError(f"{path} is a value, not a group")
    return cls, up, name


def assemble(figures: Iterable[Figure]) -> dict[str, Any]:
    """Turn read figures into keyword parts for :meth:`AnnualReport.from_parts`.

    Only the figure groups (``proactive``, ``applications``, ``review_litigation``,
    ``complaints``, ``fees``) are built here; metadata keys are ignored, and
    ``provenance`` collects the figures' provenance. A later figure for the same
    key replaces an earlier one.

    The figures' values are gathered at once into the keyword arguments of the
    object holding each (by its path), then every object is made, deepest first,
    into its parent's arguments. Keys off the vocabulary's leaves take the
    general road through nested dicts, which refuses malformed key lists.
    """
    figures = list(figures)
    fields: dict[str, dict[str, Any]] = {}  # object path -> its keyword arguments
    provenance: dict[str, Provenance] = {}  # first-seen order, last provenance
    known = True
    for fig in figures:
        key = fig.key
        slot = _slot(key)
        if slot is None:
            continue
        prov = fig.provenance
        if prov is not None:
            provenance[key] = prov if prov.key == key else attrs.evolve(prov, key=key)
        parent, leaf, on_leaf = slot
        if not on_leaf:
            known = False
            continue
        node = fields.get(parent)
        if node is None:
            node = fields[parent] = {}
            up = _node(parent)[1]
            while up is not None and up not in fields:  # ancestors are there once one is
                fields[up] = {}
                up = _node(up)[1]
        node[leaf] = fig.value
    if known:
        made: dict[str, Any] = {}
        for path in sorted(fields, key=len, reverse=True):  # a child's path is the longer
            cls, up, name = _node(path)
            obj = cls(**fields[path])
            if up is None:
                made[name] = obj
            else:
                fields[up][name] = obj
        parts = {name: made[name] for name in fields if name in made}  # first-seen order
    else:
        parts = {name: _build(_GROUPS[name], _strip(t)) for name, t in _trees(figures).items()}
    parts["provenance"] = tuple(provenance.values())
    return parts


def _trees(figures: Iterable[Figure]) -> dict[str, dict[str, Any]]:
    """The figures as nested dicts per group, figure by figure (a clash leaves a ``__value__``)."""
    trees: dict[str, dict[str, Any]] = {}
    for fig in figures:
        place = _place(fig.key)
        if place is None:
            continue
        group, path, leaf = place
        node = trees.setdefault(group, {})
        for part in path:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {} if child is None else {"__value__": child}
                node[part] = child
            node = child
        if isinstance(node.get(leaf), dict):
            node[leaf]["__value__"] = fig.value
        else:
            node[leaf] = fig.value
    return trees


def _strip(tree: dict[str, Any]) -> dict[str, Any]:
    # A "__value__" only arises from a malformed key list (a value and a group at one path).
    if "__value__" in tree:
        raise KeyError("a fact key is used both as a value and as a group")
    return {k: _strip(v) if isinstance(v, dict) else v for k, v in tree.items()}
