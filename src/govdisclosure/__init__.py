"""govdisclosure: typed, validated data from 政府信息公开工作年度报告.

>>> import govdisclosure
>>> report = govdisclosure.parse("tests/fixtures/seeds/001_213733622d4d3974.txt")
>>> report.edition, report.year
('2019', 2020)

``__all__`` below is the compatibility promise; anything else may change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .document import Block, Cell, Document, SourceLocation, Table
from .errors import (
    DecodeError,
    GovDisclosureError,
    InputError,
    NotAnnualReportError,
    ReportValidationError,
    SchemaError,
    TimeLimitError,
)
from .facts import FactKey, vocabulary
from .model import (
    SCHEMA_VERSION,
    AnnualReport,
    ApplicantCounts,
    ApplicationStats,
    Finding,
    Issue,
    Organ,
    Outcomes,
    ProactiveDisclosure,
    Provenance,
    Region,
    ReviewLitigation,
    Section,
)

if TYPE_CHECKING:
    from .batch import BatchResult, parse_many
    from .detection import Detection
    from .export import to_dataframe
    from .normalization import NormalizeConfig, normalize
    from .pipeline import detect, load, parse, parse_file, parse_html, parse_text
    from .serialize import json_schema

    __version__: str

# The reading stages compile their patterns when their module is imported, and
# batch processing pulls in process pools: all of it is imported on first use,
# so that `import govdisclosure` stays cheap (the models, errors and vocabulary).
_LAZY = {
    "parse": ("pipeline", "parse"),
    "parse_file": ("pipeline", "parse_file"),
    "parse_text": ("pipeline", "parse_text"),
    "parse_html": ("pipeline", "parse_html"),
    "load": ("pipeline", "load"),
    "detect": ("pipeline", "detect"),
    "Detection": ("detection", "Detection"),
    "normalize": ("normalization", "normalize"),
    "NormalizeConfig": ("normalization", "NormalizeConfig"),
    "json_schema": ("serialize", "json_schema"),
    "parse_many": ("batch", "parse_many"),
    "BatchResult": ("batch", "BatchResult"),
    "to_dataframe": ("export", "to_dataframe"),
}

__all__ = [
    "SCHEMA_VERSION",
    "AnnualReport",
    "ApplicantCounts",
    "ApplicationStats",
    "BatchResult",
    "Block",
    "Cell",
    "DecodeError",
    "Detection",
    "Document",
    "FactKey",
    "Finding",
    "GovDisclosureError",
    "InputError",
    "Issue",
    "NormalizeConfig",
    "NotAnnualReportError",
    "Organ",
    "Outcomes",
    "ProactiveDisclosure",
    "Provenance",
    "Region",
    "ReportValidationError",
    "ReviewLitigation",
    "SchemaError",
    "Section",
    "SourceLocation",
    "Table",
    "TimeLimitError",
    "__version__",
    "detect",
    "json_schema",
    "load",
    "normalize",
    "parse",
    "parse_file",
    "parse_html",
    "parse_many",
    "parse_text",
    "to_dataframe",
    "vocabulary",
]


def __getattr__(name: str) -> Any:
    # The version is read lazily from the installed metadata: one source of truth
    # (pyproject.toml) and no importlib.metadata cost at import time.
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(f".{module}", __name__), attr)
        globals()[name] = value  # later lookups skip __getattr__
        return value
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("govdisclosure")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'govdisclosure' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
