"""JSON for reports and facts: the one cattrs converter, the JSON Schema, HTML for notebooks.

Wire conventions (the contract a dependent service can pin with
:data:`~govdisclosure.SCHEMA_VERSION`):

* The top-level object is the report with an extra ``"schema_version"``.
* Attribute names are kept as they are; tuples become arrays.
* ``None`` is ``null`` and is always written: a missing figure and a zero
  figure never look alike.
* :class:`~decimal.Decimal` is written as a JSON number when the number text
  reads back to the same value (``96171.6``), else as a string (a 40-digit
  amount); both are accepted on input. Dates are ``"YYYY-MM-DD"``.
* Unknown keys are refused on input, so a typo in a payload is an error,
  not a silently dropped field.
* A malformed payload raises :class:`~govdisclosure.SchemaError` listing every
  problem as ``description @ $.json.path``.

>>> from govdisclosure import AnnualReport
>>> report = AnnualReport(edition="2021", year=2023)
>>> AnnualReport.from_json(report.to_json()) == report
True
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import types
import typing
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any, Literal, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError

from . import model
from .errors import SchemaError
from .model import SCHEMA_VERSION, AnnualReport

__all__ = [
    "converter",
    "dumps",
    "facts_to_json",
    "generate_json_schema",
    "json_schema",
    "jsonable",
    "loads",
    "report_html",
]

converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
"""The one converter between model objects and JSON-ready Python data."""


def _unstructure_decimal(value: Decimal) -> int | float | str:
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value:
        return as_float
    return str(value)


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    try:
        result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal number: {value!r}") from exc
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return result


def _structure_int(value: Any, _: type) -> int:
    # cattrs would call int() on anything; a report count must be a JSON integer.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {type(value).__name__}")
    return value


def _structure_date(value: Any, _: type) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(f"expected a YYYY-MM-DD string, got {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}") from exc


converter.register_unstructure_hook(Decimal, _unstructure_decimal)
converter.register_structure_hook(Decimal, _structure_decimal)
converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
converter.register_structure_hook(dt.date, _structure_date)
converter.register_structure_hook(int, _structure_int)
converter.register_structure_hook(str, _structure_str)
converter.register_structure_hook(bool, _structure_bool)


def jsonable(value: Any) -> Any:
    """A fact value (or any model object) as JSON-ready Python data."""
    if isinstance(value, Decimal):
        return _unstructure_decimal(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return converter.unstructure(value)


def dumps(report: AnnualReport, *, indent: int | None = None) -> str:
    """Serialise ``report`` to JSON text, with a top-level ``schema_version``."""
    payload = {"schema_version": SCHEMA_VERSION, **converter.unstructure(report)}
    return json.dumps(payload, ensure_ascii=False, indent=indent)


def facts_to_json(facts: typing.Mapping[str, Any], *, indent: int | None = None) -> str:
    """Serialise a facts mapping (Decimal as number, date as ``YYYY-MM-DD``)."""
    return json.dumps({k: jsonable(v) for k, v in facts.items()}, ensure_ascii=False, indent=indent)


def _path(parts: list[str]) -> str:
    return "$" + "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in parts)


def _problems(exc: BaseException, parts: list[str]) -> list[str]:
    """Flatten a cattrs error tree into ``description @ $.path`` lines."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return [f"unknown key {k!r} @ {_path(parts)}" for k in sorted(exc.extra_fields)]
    if isinstance(exc, ExceptionGroup | ClassValidationError):
        out: list[str] = []
        for sub in exc.exceptions:
            note = next(
                (
                    n
                    for n in getattr(sub, "__notes__", [])
                    if hasattr(n, "name") or hasattr(n, "index")
                ),
                None,
            )
            name = getattr(note, "name", None)
            index = getattr(note, "index", None)
            step = [str(name)] if name is not None else ([str(index)] if index is not None else [])
            if isinstance(sub, KeyError):
                out.append(f"required field missing @ {_path(parts + step)}")
            else:
                out.extend(_problems(sub, parts + step))
        return out
    message = str(exc) or type(exc).__name__
    if isinstance(exc, KeyError):
        message = "required field missing"
    return [f"{message} @ {_path(parts)}"]


def loads(payload: str | bytes) -> AnnualReport:
    """Rebuild a report from JSON text made by :func:`dumps`.

    Raises :class:`~govdisclosure.SchemaError` listing every problem with its path.
    """
    try:
        data = json.loads(payload)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SchemaError(f"not JSON: {exc}", problems=[f"{exc} @ $"]) from exc
    if not isinstance(data, dict):
        raise SchemaError("a report must be a JSON object", problems=["expected an object @ $"])
    version = data.pop("schema_version", None)
    if version is None:
        raise SchemaError(
            "no schema_version", problems=["required field missing @ $.schema_version"]
        )
    if not isinstance(version, str) or version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise SchemaError(
            f"schema_version {version!r} is not compatible with {SCHEMA_VERSION}; "
            "use a govdisclosure release that writes that version",
            problems=[f"unsupported version {version!r} @ $.schema_version"],
        )
    try:
        return converter.structure(data, AnnualReport)
    except ClassValidationError as exc:
        problems = _problems(exc, [])
        raise SchemaError(
            f"payload does not match the report schema ({len(problems)} problem(s))",
            problems=problems,
        ) from exc
    except (ForbiddenExtraKeysError, TypeError, ValueError, KeyError) as exc:
        problems = _problems(exc, [])
        raise SchemaError("payload does not match the report schema", problems=problems) from exc


# --------------------------------------------------------------------------- JSON Schema

_SCALARS: dict[Any, dict[str, Any]] = {
    int: {"type": "integer"},
    str: {"type": "string"},
    bool: {"type": "boolean"},
    float: {"type": "number"},
    Decimal: {"type": ["number", "string"], "pattern": r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$"},
    dt.date: {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if tp in _SCALARS:
        return dict(_SCALARS[tp])
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        non_null = [a for a in args if a is not type(None)]
        schemas = [_type_schema(a, defs) for a in non_null]
        if len(args) != len(non_null):
            schemas.append({"type": "null"})
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0], defs)}
        return {"type": "array", "prefixItems": [_type_schema(a, defs) for a in args]}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(tp, vars(model))
            props: dict[str, Any] = {}
            required: list[str] = []
            for f in attrs.fields(tp):
                props[f.name] = _type_schema(hints[f.name], defs)
                if f.default is attrs.NOTHING:
                    required.append(f.name)
            entry: dict[str, Any] = {
                "type": "object",
                "properties": props,
                "additionalProperties": False,
            }
            doc = (tp.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
            if doc:
                entry["description"] = " ".join(doc.split())
            if required:
                entry["required"] = required
            defs[name] = entry
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {tp!r}")


def generate_json_schema() -> dict[str, Any]:
    """Build the JSON Schema of :meth:`AnnualReport.to_json` from the model classes."""
    defs: dict[str, Any] = {}
    _type_schema(AnnualReport, defs)
    top = dict(defs.pop("AnnualReport"))
    top["properties"] = {
        "schema_version": {"type": "string", "const": SCHEMA_VERSION},
        **top["properties"],
    }
    top["required"] = ["schema_version", *top.get("required", [])]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:govdisclosure:report:{SCHEMA_VERSION}",
        "title": "govdisclosure AnnualReport",
        **top,
        "$defs": dict(sorted(defs.items())),
    }


@functools.cache
def _shipped_schema() -> str:
    return resources.files("govdisclosure").joinpath("data/report.schema.json").read_text("utf-8")


def json_schema() -> dict[str, Any]:
    """The JSON Schema every :meth:`AnnualReport.to_json` output validates against.

    It ships as package data (``govdisclosure/data/report.schema.json``) so
    that services can use it without importing the model; a test keeps it
    identical to :func:`generate_json_schema`.

    >>> json_schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    True
    """
    result: dict[str, Any] = json.loads(_shipped_schema())
    return result


def write_json_schema(path: str) -> None:
    """Regenerate the shipped schema file (run after changing the model)."""
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(generate_json_schema(), fh, ensure_ascii=False, indent=1)
        fh.write("\n")


# --------------------------------------------------------------------------- notebooks


def report_html(report: AnnualReport) -> str:
    """A compact HTML summary of ``report`` (used by ``_repr_html_`` in notebooks)."""
    esc = html.escape
    facts = report.facts()
    stated = sum(1 for v in facts.values() if v is not None)
    rows = [
        ("organ", report.organ.name if report.organ else None),
        ("year", report.year),
        ("edition", report.edition),
        ("published", report.published),
        (
            "region",
            " ".join(
                x for x in (report.region.province, report.region.city, report.region.county) if x
            ),
        ),
        ("facts stated", f"{stated} of {len(facts)}"),
        ("new requests", report.applications.new_received.total),
        ("proactive items", report.proactive.total),
        ("reviews", report.review_litigation.review.total),
    ]
    body = "".join(
        f"<tr><th style='text-align:left'>{esc(k)}</th><td>{esc('—' if v in (None, '') else str(v))}</td></tr>"
        for k, v in rows
    )
    findings = "".join(
        f"<li><code>{esc(f.code)}</code> ({esc(f.severity)}): {esc(f.message)}</li>"
        for f in report.findings
    )
    title = esc(report.title or "AnnualReport")
    return (
        f"<div><strong>{title}</strong><table>{body}</table>"
        + (
            f"<details><summary>{len(report.findings)} findings</summary><ul>{findings}</ul></details>"
            if findings
            else ""
        )
        + "</div>"
    )
