"""The ``govdisclosure`` command line (also ``python -m govdisclosure``).

Subcommands::

    govdisclosure parse FILE... [--facts] [--strict] [--indent N]
    govdisclosure detect FILE...
    govdisclosure schema
    govdisclosure batch INPUT... -o OUT [...]

Exit codes:

====  ==========================================================
0     every file was parsed
1     a file was not an annual report, or could not be read
2     usage error (unknown option, missing argument)
3     ``--strict``: a report had error-level findings
====  ==========================================================

Errors go to standard error as one line naming the file and what to do.
``FILE`` may be ``-`` for standard input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from .errors import GovDisclosureError, NotAnnualReportError, ReportValidationError
from .model import AnnualReport

__all__ = ["EXIT_INVALID", "EXIT_NOT_REPORT", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_NOT_REPORT = 1
EXIT_USAGE = 2
EXIT_INVALID = 3


def _version() -> str:
    from . import __version__

    return __version__


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govdisclosure",
        description="Parse Chinese government information disclosure annual reports "
        "(政府信息公开工作年度报告) into validated JSON.",
        epilog="Exit codes: 0 ok, 1 not an annual report or unreadable, 2 usage, "
        "3 strict validation failed.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("parse", help="parse reports and print their JSON")
    p.add_argument("files", nargs="+", metavar="FILE", help="HTML or text file, or - for stdin")
    p.add_argument(
        "--facts", action="store_true", help="print the flat facts instead of the full report"
    )
    p.add_argument(
        "--strict", action="store_true", help="exit 3 when a report has error-level findings"
    )
    p.add_argument(
        "--indent",
        type=int,
        default=None,
        metavar="N",
        help="pretty-print with N spaces (one file only)",
    )

    d = sub.add_parser("detect", help="say what each file is: report or not, edition, organ, year")
    d.add_argument("files", nargs="+", metavar="FILE")

    sub.add_parser("schema", help="print the JSON Schema of the report JSON")

    b = sub.add_parser("batch", help="parse many files in parallel into JSON Lines, CSV or Parquet")
    from . import batch

    batch.configure_parser(b)
    return parser


def _read(path: str) -> tuple[str | bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    return path, path


def _fail(stream: TextIO, name: str, exc: GovDisclosureError, hint: str = "") -> None:
    message = exc.message if hasattr(exc, "message") else str(exc)
    print(f"govdisclosure: {name}: {message}" + (f" ({hint})" if hint else ""), file=stream)


def _cmd_parse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .pipeline import parse
    from .serialize import facts_to_json

    several = len(args.files) > 1
    indent = None if several else args.indent
    status = EXIT_OK
    for path in args.files:
        source, name = _read(path)
        try:
            report: AnnualReport = parse(source, strict=args.strict, name=name)
        except NotAnnualReportError as exc:
            _fail(err, name, exc, "not parsed; `govdisclosure detect` shows why")
            if args.facts:
                record = {"kind": "not_annual_report", "reason": exc.message}
                if several:
                    record["source"] = name
                print(json.dumps(record, ensure_ascii=False, indent=indent), file=out)
            status = max(status, EXIT_NOT_REPORT)
            continue
        except ReportValidationError as exc:
            _fail(err, name, exc, "drop --strict to get the report with its findings")
            status = EXIT_INVALID
            continue
        except GovDisclosureError as exc:
            _fail(err, name, exc)
            status = max(status, EXIT_NOT_REPORT)
            continue
        if args.facts:
            print(facts_to_json(report.facts(), indent=indent), file=out)
        else:
            print(report.to_json(indent=indent), file=out)
    return status


def _cmd_detect(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .pipeline import detect
    from .serialize import converter

    several = len(args.files) > 1
    status = EXIT_OK
    for path in args.files:
        source, name = _read(path)
        try:
            detection = detect(source, name=name)
        except GovDisclosureError as exc:
            _fail(err, name, exc)
            status = max(status, EXIT_NOT_REPORT)
            continue
        record = {"source": name, **converter.unstructure(detection)}
        print(json.dumps(record, ensure_ascii=False, indent=None if several else 2), file=out)
        if not detection.is_annual_report:
            status = max(status, EXIT_NOT_REPORT)
    return status


def _cmd_schema(out: TextIO) -> int:
    from .serialize import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2), file=out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help
        return int(exc.code or 0)
    out, err = sys.stdout, sys.stderr
    try:
        if args.command == "parse":
            return _cmd_parse(args, out, err)
        if args.command == "detect":
            return _cmd_detect(args, out, err)
        if args.command == "schema":
            return _cmd_schema(out)
        from . import batch

        code: int = batch.run(args)
        return code
    except BrokenPipeError:  # `govdisclosure parse … | head`
        return EXIT_OK
    except KeyboardInterrupt:
        print("govdisclosure: interrupted", file=err)
        return 130
