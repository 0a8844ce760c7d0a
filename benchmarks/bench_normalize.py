"""Normalisation throughput: simplified text, traditional text, HTML.

Run: ``.venv/bin/python benchmarks/bench_normalize.py [--repeat N]``.

Prints MB/s (UTF-8 bytes of input per second) for

* ``normalize()`` on whole documents (simplified seeds, the traditional seed 002),
* ``govdisclosure.load()`` on the text and HTML fixtures (reading + per-piece
  normalisation), and
* how often ``to_simplified`` ran per input kind, to show the conversion runs
  only on traditional input.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import govdisclosure
from govdisclosure.normalization import normalize
from govdisclosure.normalization.script import convert_to_simplified, traditional_table

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SIMPLIFIED = [
    *sorted(p for p in (FIXTURES / "seeds").glob("*.txt") if not p.name.startswith("002_")),
    FIXTURES / "real" / "huaian_2024_tables.txt",
    FIXTURES / "real" / "kewei_2024.md",
]
TRADITIONAL = sorted((FIXTURES / "seeds").glob("002_*.txt"))
HTML = [FIXTURES / "real" / "shuyang_fgj_2023.html"]


def _rate(nbytes: int, seconds: float) -> str:
    return f"{nbytes / seconds / 1e6:7.2f} MB/s"


def bench_normalize(label: str, paths: list[Path], repeat: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in paths]
    nbytes = sum(len(t.encode("utf-8")) for t in texts) * repeat
    ran: Counter[str] = Counter()
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            ran.update(normalize(text).fixes)
    took = time.perf_counter() - start
    runs = ran["to_simplified"] / repeat
    print(
        f"normalize  {label:12} {_rate(nbytes, took)}   "
        f"to_simplified ran on {runs:.0f} of {len(texts)} documents"
    )


def bench_load(label: str, paths: list[Path], repeat: int) -> None:
    nbytes = sum(len(p.read_text(encoding="utf-8").encode("utf-8")) for p in paths) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for path in paths:
            govdisclosure.load(path)
    took = time.perf_counter() - start
    print(f"load       {label:12} {_rate(nbytes, took)}")


def bench_table(repeat: int) -> None:
    start = time.perf_counter()
    traditional_table.cache_clear()
    traditional_table()
    print(f"OpenCC character table built once in {(time.perf_counter() - start) * 1e3:.1f} ms")
    text = TRADITIONAL[0].read_text(encoding="utf-8")
    nbytes = len(text.encode("utf-8")) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        convert_to_simplified(text)
    print(f"str.translate table     {_rate(nbytes, time.perf_counter() - start)}")
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return
    converter = opencc.OpenCC("t2s")
    small = max(1, repeat // 10)
    start = time.perf_counter()
    for _ in range(small):
        converter.convert(text)
    took = time.perf_counter() - start
    print(f"opencc-python t2s       {_rate(len(text.encode('utf-8')) * small, took)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    normalize("warm up 報告")  # load the lazy tables outside the timings
    bench_table(args.repeat)
    bench_normalize("simplified", SIMPLIFIED, args.repeat)
    bench_normalize("traditional", TRADITIONAL, args.repeat)
    bench_load("text", SIMPLIFIED + TRADITIONAL, args.repeat)
    bench_load("html", HTML, args.repeat)


if __name__ == "__main__":
    main()
