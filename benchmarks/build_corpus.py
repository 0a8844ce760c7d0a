"""Build the reproducible benchmark corpus from the real documents in tests/fixtures.

Each document of ``tests/fixtures/seeds`` and ``tests/fixtures/real`` is
replicated with perturbed numbers (every digit run except years gets a random
number of the same length) and perturbed place names, in four kinds:

    text-simplified   the .txt/.md documents as they are
    text-traditional  the same, converted with OpenCC s2t
    html-simplified   the .html pages (a real CMS page with Word markup)
    html-traditional  the same, converted with OpenCC s2t

The seed is fixed, so the same fixtures give the same corpus byte for byte.
Files go under ``benchmarks/corpus/<kind>/`` (git-ignored) with a
``manifest.jsonl`` naming each file's kind and base document.

    python benchmarks/build_corpus.py                 # 10,000 documents
    python benchmarks/build_corpus.py --count 400 --out benchmarks/corpus/quick
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DEFAULT_OUT = ROOT / "benchmarks" / "corpus" / "full"
DEFAULT_COUNT = 10_000
SEED = 20240117

KINDS = ("text-simplified", "text-traditional", "html-simplified", "html-traditional")
SHARES = {
    "text-simplified": 0.5,
    "text-traditional": 0.2,
    "html-simplified": 0.2,
    "html-traditional": 0.1,
}
"""Share of each kind in the corpus (text dominates real crawls)."""

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")

# Two-character place names swapped in for the ones the documents carry.
PLACE_NAMES = (
    "临河",
    "东阳",
    "青山",
    "西平",
    "南溪",
    "北湖",
    "安远",
    "长乐",
    "宁海",
    "永和",
    "清水",
    "平江",
    "金沙",
    "龙泉",
    "白云",
    "新华",
    "瑞安",
    "高台",
    "石门",
    "双流",
)
# Simplified and traditional suffixes: the traditional copies are converted once per base
# document and perturbed afterwards (OpenCC is far too slow to run per copy).
_PLACE = re.compile(r"[\u4e00-\u9fff]{2}(?=县|区|镇|乡|街道|縣|區|鎮|鄉)")
_DATE_NEIGHBOURS = frozenset("年月日-/.")
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")
_TAG = re.compile(r"(<[^>]*>)")


def base_documents() -> list[Path]:
    """The real fixture documents the corpus is made from (MANIFEST.md excluded)."""
    docs = []
    for folder in ("seeds", "real"):
        for path in sorted((FIXTURES / folder).iterdir()):
            if path.name == "MANIFEST.md" or path.name.endswith(".gold.json"):
                continue
            if path.suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
                docs.append(path)
    return docs


def perturb_text(text: str, rng: random.Random, names: tuple[str, ...] = PLACE_NAMES) -> str:
    """New numbers (years kept) and place names in a stretch of text."""

    def number(m: re.Match[str]) -> str:
        digits = m.group(0)
        if len(digits) == 4 and _YEAR.fullmatch(digits):
            return digits
        before = m.string[m.start() - 1 : m.start()]
        after = m.string[m.end() : m.end() + 1]
        if len(digits) <= 2 and (before in _DATE_NEIGHBOURS or after in _DATE_NEIGHBOURS):
            return digits  # a month or a day: keep dates valid
        if len(digits) == 1:
            return str(rng.randrange(10))
        return str(rng.randrange(10 ** (len(digits) - 1), 10 ** len(digits)))

    text = _DIGITS.sub(number, text)
    return _PLACE.sub(lambda m: rng.choice(names), text)


def perturb_html(html: str, rng: random.Random, names: tuple[str, ...] = PLACE_NAMES) -> str:
    """Perturb only the text between tags, so the markup stays valid."""
    parts = _TAG.split(html)
    return "".join(p if p.startswith("<") else perturb_text(p, rng, names) for p in parts)


def counts(total: int) -> dict[str, int]:
    """Documents per kind for a corpus of ``total``."""
    out = {k: int(total * SHARES[k]) for k in KINDS}
    out["text-simplified"] += total - sum(out.values())
    return out


def build(out: Path, total: int, seed: int = SEED) -> int:
    """Write the corpus to ``out`` (replacing it); return the number of documents."""
    from opencc import OpenCC

    s2t = OpenCC("s2t")
    rng = random.Random(seed)
    docs = base_documents()
    texts = [p for p in docs if p.suffix in TEXT_SUFFIXES]
    pages = [p for p in docs if p.suffix in HTML_SUFFIXES]
    simplified = {p: p.read_text("utf-8") for p in docs}
    traditional = {p: s2t.convert(text) for p, text in simplified.items()}
    names = {False: PLACE_NAMES, True: tuple(s2t.convert(n) for n in PLACE_NAMES)}
    if out.exists():
        shutil.rmtree(out)
    manifest = []
    n = 0
    for kind, count in counts(total).items():
        folder = out / kind
        folder.mkdir(parents=True)
        bases = pages if kind.startswith("html") else texts
        for i in range(count):
            base = bases[i % len(bases)]
            trad = kind.endswith("traditional")
            raw = (traditional if trad else simplified)[base]
            perturb = perturb_html if base.suffix in HTML_SUFFIXES else perturb_text
            doc = perturb(raw, rng, names[trad])
            name = folder / f"{i:05d}{base.suffix}"
            name.write_text(doc, "utf-8")
            manifest.append({"path": str(name.relative_to(out)), "kind": kind, "base": base.name})
            n += 1
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as fh:
        for entry in manifest:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    n = build(args.out, args.count, args.seed)
    print(f"wrote {n} documents to {args.out}")


if __name__ == "__main__":
    main()
