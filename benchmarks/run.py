"""Measure govdisclosure's speed, memory and import time in one run (``make bench``).

Reports, on the corpus built by ``benchmarks/build_corpus.py`` (built first if
missing):

* reports/s per core for each kind (serial, in this process), the time of the
  *floor* over the same files (read + decode + one regex pass) and the ratio
  parse/floor;
* peak memory (max RSS) of ``govdisclosure batch`` over the whole corpus and
  over a tenth of it: equal peaks mean memory is flat;
* the ``-j 2`` speed-up of ``govdisclosure batch`` against ``-j 1``;
* ``python -X importtime -c "import govdisclosure"`` total.

``--quick`` does the same on a 200-document corpus with smaller samples.
Timings are printed as a Markdown table with the commit measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_corpus  # noqa: E402  (a sibling script, found through the path set above)

CORPUS = ROOT / "benchmarks" / "corpus"
OUT = ROOT / "benchmarks" / "out"
FLOOR_PATTERN = re.compile(r"政府信息公开|\d+")
"""The floor's one regex pass: the cheapest scan that still touches every character."""

TARGETS = {
    "text-simplified": 10.0,
    "html-simplified": 15.0,
}
"""Parse time within this many times the floor."""
TRADITIONAL_MAX = 3.0
IMPORT_MAX_MS = 150.0
SPEEDUP_MIN = 1.7


def corpus(quick: bool) -> Path:
    """The corpus folder, built when missing."""
    folder = CORPUS / ("quick" if quick else "full")
    count = 200 if quick else build_corpus.DEFAULT_COUNT
    manifest = folder / "manifest.jsonl"
    if not manifest.exists() or sum(1 for _ in manifest.open()) != count:
        print(f"building {count} documents in {folder} ...", file=sys.stderr)
        build_corpus.build(folder, count)
    return folder


def files_by_kind(folder: Path) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {k: [] for k in build_corpus.KINDS}
    for line in (folder / "manifest.jsonl").open(encoding="utf-8"):
        entry = json.loads(line)
        out[entry["kind"]].append(folder / entry["path"])
    return out


def floor_seconds(paths: list[Path]) -> float:
    """Read + decode + one regex pass: what no parser can beat."""
    start = time.process_time()
    for p in paths:
        text = p.read_bytes().decode("utf-8")
        for _ in FLOOR_PATTERN.finditer(text):
            pass
    return time.process_time() - start


def parse_seconds(paths: list[Path]) -> tuple[float, int]:
    """Serial parse CPU time of ``paths``, and how many gave a report.

    CPU time, not wall time: per-core throughput should not depend on what else
    the machine runs.
    """
    import govdisclosure

    ok = 0
    start = time.process_time()
    for p in paths:
        try:
            govdisclosure.parse(p)
            ok += 1
        except govdisclosure.GovDisclosureError:
            pass
    return time.process_time() - start, ok


STAGES = {
    "decode": ("decode",),
    "read": ("read_text", "read_html"),
    "detect": ("detect_document",),
    "segment": ("segment",),
    "tables": ("read_tables",),
    "narrative": ("read_narrative",),
    "issues": ("read_issues",),
    "assemble": ("assemble",),
    "validate": ("validate",),
}
"""Stages of :func:`govdisclosure.parse`, by the functions ``pipeline`` calls for them."""


def stage_seconds(paths: list[Path]) -> dict[str, float]:
    """CPU seconds per stage over ``paths`` (``other``: the rest, models and glue).

    Each stage function is wrapped, where ``govdisclosure.pipeline`` looks it
    up, by a timer that adds about a microsecond per call.
    """
    from govdisclosure import pipeline

    spent = dict.fromkeys([*STAGES, "other"], 0.0)
    originals = {}

    def timed(stage: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[stage] += time.process_time() - start

        return wrapper

    for stage, names in STAGES.items():
        for name in names:
            originals[name] = getattr(pipeline, name)
            setattr(pipeline, name, timed(stage, originals[name]))
    try:
        total, _ = parse_seconds(paths)
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)
    spent["other"] = total - sum(spent.values())
    return spent


_BATCH = """
import resource, sys, time
from govdisclosure.batch import main
t = time.perf_counter()
main(sys.argv[1:])
wall = time.perf_counter() - t
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{wall} {me} {kids}")
"""


def run_batch(inputs: list[str], jobs: int, out: Path) -> tuple[float, float, float]:
    """Wall seconds and peak RSS (MiB) of the batch's main process and of its largest worker."""
    cmd = [sys.executable, "-c", _BATCH, *inputs, "-o", str(out), "--facts", "-j", str(jobs)]
    cmd += ["--progress", "never"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    wall, me, kids = done.stdout.split()
    return float(wall), int(me) / 1024, int(kids) / 1024


def import_ms(repeat: int = 5) -> float:
    """Best of ``repeat`` cumulative import times of ``govdisclosure``."""
    best = float("inf")
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import govdisclosure"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        for line in done.stderr.splitlines():
            parts = [x.strip() for x in line.split("|")]
            if len(parts) == 3 and parts[2] == "govdisclosure":
                best = min(best, int(parts[1]) / 1000)
    return best


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()

    head = git("rev-parse", "--short", "HEAD")
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "src")
    return head + ("+dirty" if dirty else "")


def main() -> None:
    parser = argparse.ArgumentParser(description="govdisclosure benchmarks")
    parser.add_argument("--quick", action="store_true", help="a small corpus and small samples")
    parser.add_argument(
        "--sample", type=int, default=None, help="documents per kind for the serial timings"
    )
    args = parser.parse_args()
    sample = args.sample or (25 if args.quick else 300)
    folder = corpus(args.quick)
    kinds = files_by_kind(folder)
    OUT.mkdir(parents=True, exist_ok=True)

    lines = [
        f"commit {commit()} · Python {platform.python_version()} · {platform.machine()} · "
        f"{os.cpu_count()} cores · corpus {sum(map(len, kinds.values())):,} documents"
        + (" (--quick)" if args.quick else "")
        + f" · load average at start {os.getloadavg()[0]:.1f}",
        "",
        "| kind | docs | reports | parse ms/doc | reports/s per core | floor ms/doc | parse/floor | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    import govdisclosure  # noqa: F401  (imported before timing, so import is not counted)

    per_doc: dict[str, float] = {}
    for kind, paths in kinds.items():
        paths = paths[:sample]
        parse_seconds(paths[:3])  # warm the lazy resources
        seconds, ok = parse_seconds(paths)
        floor = floor_seconds(paths)
        per_doc[kind] = seconds / len(paths)
        ratio = seconds / floor if floor else float("inf")
        target = TARGETS.get(kind)
        verdict = f"≤ {target:g}× {'✓' if ratio <= target else '✗'}" if target else ""
        lines.append(
            f"| {kind} | {len(paths)} | {ok} | {1000 * per_doc[kind]:.2f} | "
            f"{len(paths) / seconds:,.0f} | {1000 * floor / len(paths):.3f} | {ratio:,.0f}× | {verdict} |"
        )
    lines += [
        "",
        "Where the time goes, ms/doc per stage (same documents, stage functions timed):",
        "",
        "| kind | " + " | ".join([*STAGES, "other"]) + " |",
        "| --- |" + " ---: |" * (len(STAGES) + 1),
    ]
    for kind, paths in kinds.items():
        spent = stage_seconds(paths[:sample])
        n = len(paths[:sample])
        lines.append(
            f"| {kind} | " + " | ".join(f"{1000 * v / n:.2f}" for v in spent.values()) + " |"
        )
    lines.append("")
    for script in ("text", "html"):
        t = per_doc[f"{script}-traditional"] / per_doc[f"{script}-simplified"]
        mark = "✓" if t <= TRADITIONAL_MAX else "✗"
        lines.append(
            f"- {script}: traditional / simplified time = {t:.2f}× (target ≤ {TRADITIONAL_MAX:g}× {mark})"
        )

    all_inputs = [str(folder / k) for k in build_corpus.KINDS]
    tenth = [str(p) for ps in kinds.values() for p in ps[: max(1, len(ps) // 10)]]
    n_all = sum(map(len, kinds.values()))
    _, me_small, kid_small = run_batch(tenth, 2, OUT / "tenth.jsonl")
    wall_all, me_all, kid_all = run_batch(all_inputs, 2, OUT / "all.jsonl")
    lines.append(
        f"- peak memory, batch -j 2 over {n_all:,} documents: main {me_all:.0f} MiB, largest worker "
        f"{kid_all:.0f} MiB; over {len(tenth):,}: main {me_small:.0f} MiB, worker {kid_small:.0f} MiB"
        f" ({'flat ✓' if me_all <= 1.25 * me_small + 16 else 'grows ✗'})"
    )
    subset = tenth if not args.quick else all_inputs
    n_subset = len(tenth) if not args.quick else n_all
    wall_1, _, _ = run_batch(subset, 1, OUT / "j1.jsonl")
    wall_2, _, _ = run_batch(subset, 2, OUT / "j2.jsonl")
    speedup = wall_1 / wall_2
    lines.append(
        f"- batch over {n_subset:,} documents: -j 1 {wall_1:.1f} s, -j 2 {wall_2:.1f} s, speed-up "
        f"{speedup:.2f}× (target ≥ {SPEEDUP_MIN:g}× {'✓' if speedup >= SPEEDUP_MIN else '✗'}); "
        f"whole corpus -j 2: {wall_all:.1f} s ({n_all / wall_all:,.0f} docs/s)"
    )
    ms = import_ms()
    lines.append(
        f'- `python -X importtime -c "import govdisclosure"`: {ms:.0f} ms '
        f"(target < {IMPORT_MAX_MS:g} ms {'✓' if ms < IMPORT_MAX_MS else '✗'})"
    )
    report = "\n".join(lines)
    print(report)
    (OUT / ("latest-quick.md" if args.quick else "latest.md")).write_text(report + "\n", "utf-8")


if __name__ == "__main__":
    main()
