"""The package as users install it: version, public API, typing marker, import cost."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import govdisclosure


def test_version_comes_from_the_installed_metadata() -> None:
    assert govdisclosure.__version__ == metadata.version("govdisclosure")


def test_everything_in_all_exists() -> None:
    for name in govdisclosure.__all__:
        assert hasattr(govdisclosure, name), name


def test_package_is_marked_typed() -> None:
    assert (Path(govdisclosure.__file__).parent / "py.typed").exists()


def test_errors_are_value_errors() -> None:
    for name in (
        "DecodeError",
        "NotAnnualReportError",
        "SchemaError",
        "ReportValidationError",
        "InputError",
    ):
        cls = getattr(govdisclosure, name)
        assert issubclass(cls, govdisclosure.GovDisclosureError)
        assert issubclass(cls, ValueError)


def test_import_loads_nothing_heavy() -> None:
    code = (
        "import sys, govdisclosure; "
        "heavy = [m for m in ('opencc', 'pandas', 'pyarrow', 'dask', 'jsonschema') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_data_files_ship_with_the_package() -> None:
    data = Path(govdisclosure.__file__).parent / "data"
    assert (data / "facts.json").is_file()
    assert (data / "report.schema.json").is_file()
