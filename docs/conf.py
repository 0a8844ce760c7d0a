"""Sphinx configuration for govdisclosure's documentation.

The field reference is generated from the bundled vocabulary at build time
(``_generated/fields.md``), so it cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "src"))

import govdisclosure  # noqa: E402  (after the path is set)
from govdisclosure.facts import vocabulary  # noqa: E402

project = "govdisclosure"
author = "govdisclosure developers"
copyright = "2026, govdisclosure developers"
release = govdisclosure.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_generated/*.part"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
html_theme = "alabaster"
html_static_path: list[str] = []
suppress_warnings = ["myst.xref_missing"]


def _fields_table() -> str:
    lines = [
        "| key | Chinese label | meaning | type | editions |",
        "| --- | --- | --- | --- | --- |",
    ]
    for k in vocabulary():
        label = (k.label or "—").replace("|", "\\|")
        lines.append(f"| `{k.key}` | {label} | {k.meaning} | {k.type} | {', '.join(k.editions)} |")
    return "\n".join(lines) + "\n"


def _generate(app: object) -> None:
    out = HERE / "_generated"
    out.mkdir(exist_ok=True)
    target = out / "fields.md"
    text = _fields_table()
    if not target.exists() or target.read_text("utf-8") != text:
        target.write_text(text, "utf-8")


def setup(app: object) -> None:
    app.connect("builder-inited", _generate)  # type: ignore[attr-defined]
