"""Speed of `rewrite` (analysis included) against bare spaCy on the same letter, in one run.

    python -m benchmarks.bench_rewrite [--samples N] [--rounds N]

Target of the rewrite issue: rewriting a letter of about 350 words, analysis included, p50 at
most 2.5 x bare `nlp(text)` on the same letter. The model is loaded and the tables warm; every
run starts with an empty paragraph cache, like a new letter.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

from simplify.nlp import BlockParser, load_pipeline
from simplify.readability.vocabulary import warm_up
from simplify.rewrite import DEFAULT_ROUNDS
from simplify.rewrite.planner import rewrite
from simplify.rules.registry import load_builtin

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "letters"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    args = parser.parse_args()
    nlp = load_pipeline()
    warm_up()
    rules = load_builtin()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/original.txt"))]
    letter = min(texts, key=lambda t: abs(len(t.split()) - 350))
    rewrite(letter, rules=rules, only="all", parser=BlockParser(nlp))  # warm the conjugator
    for only in ("safe", "all"):
        bare, engine = [], []
        for _ in range(args.samples):
            # both timings start from a collected heap: the garbage one leaves is not
            # charged to the other
            gc.collect()
            start = time.perf_counter()
            nlp(letter)
            bare.append(time.perf_counter() - start)
            fresh = BlockParser(nlp)
            gc.collect()
            start = time.perf_counter()
            rewrite(letter, rules=rules, only=only, parser=fresh, rounds=args.rounds)
            engine.append(time.perf_counter() - start)
        b50, e50 = statistics.median(bare), statistics.median(engine)
        print(
            f"--only {only}, {args.rounds} rounds, letter of {len(letter.split())} words, "
            f"{args.samples} runs"
        )
        print(f"  bare nlp(text) p50   {1000 * b50:7.1f} ms")
        print(f"  rewrite p50          {1000 * e50:7.1f} ms")
        print(f"  ratio                {e50 / b50:7.2f}   (target <= 2.5)")


if __name__ == "__main__":
    main()
