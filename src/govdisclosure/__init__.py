"""govdisclosure: typed, validated data from 政府信息公开工作年度报告.

>>> import govdisclosure
>>> report = govdisclosure.parse("tests/fixtures/seeds/001_213733622d4d3974.txt")
>>> report.edition, report.year
('2019', 2020)

``__all__`` below is the compatibility promise; anything else may change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .detect import Detection
from .document import Block, Cell, Document, SourceLocation, Table
from .errors import (
    DecodeError,
    GovDisclosureError,
    InputError,
    NotAnnualReportError,
    ReportValidationError,
    SchemaError,
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
from .normalize import NormalizeConfig, normalize
from .pipeline import detect, load, parse, parse_file, parse_html, parse_text
from .serialize import json_schema

if TYPE_CHECKING:
    from .batch import BatchResult, parse_many
    from .export import to_dataframe

    __version__: str

# Batch processing and exports are imported on first use: they pull in process
# pools and (optionally) pandas, which a one-report user never needs.
_LAZY = {
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
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("govdisclosure")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'govdisclosure' has no attribute {name!r}")
