"""Speed of `analyse` against bare spaCy on the same texts, measured side by side in one run.

    python -m benchmarks.bench_analyse [--repeat N]

Prints three figures (the targets of the analysis-engine issue):
1. throughput over the whole corpus: analyse (cold paragraph cache) against bare `nlp.pipe`
   over the same letters, as a ratio (target: at least 0.8);
2. warm latency of one letter of about 350 words: p50 of analyse against p50 of bare
   `nlp(text)` (target: at most 1.3);
3. re-analysis after editing one word in one paragraph of a two-page letter: p50 against a
   full analysis of that letter with a cold cache (target: at most 0.25).
Runs alternate between the two sides so that machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from simplify.analysis import analyse
from simplify.nlp import BlockParser, load_pipeline
from simplify.readability.vocabulary import warm_up
from simplify.rules.registry import load_builtin

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "letters"


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _word_count(text: str) -> int:
    return len(text.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="rounds for the throughput figure")
    parser.add_argument("--samples", type=int, default=40, help="runs for the latency figures")
    args = parser.parse_args()

    nlp = load_pipeline()
    warm_up()
    rules = load_builtin()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/original.txt"))]
    words = sum(_word_count(t) for t in texts)
    analyse(texts[0], rules=rules, parser=BlockParser(nlp))  # warm every lazy table

    # 1. Throughput, cold cache each round (a new parser per round).
    bare_times, engine_times = [], []
    for _ in range(args.repeat):
        bare_times.append(_timed(lambda: list(nlp.pipe(texts))))
        fresh = BlockParser(nlp)
        engine_times.append(
            _timed(lambda fresh=fresh: [analyse(t, rules=rules, parser=fresh) for t in texts])
        )
    bare, engine = statistics.median(bare_times), statistics.median(engine_times)
    print(f"corpus: {len(texts)} letters, {words} words, {args.repeat} rounds (median)")
    print(f"  bare nlp.pipe       {len(texts) / bare:7.1f} letters/s")
    print(f"  analyse (cold)      {len(texts) / engine:7.1f} letters/s")
    print(f"  throughput ratio    {bare / engine:7.2f}   (target >= 0.8)")

    # 2. Warm latency on the letter closest to 350 words: model and tables loaded, but the
    # letter is new to the paragraph cache (a fresh cache per run).
    letter = min(texts, key=lambda t: abs(_word_count(t) - 350))
    bare_lat, engine_lat = [], []
    for _ in range(args.samples):
        bare_lat.append(_timed(lambda: nlp(letter)))
        fresh = BlockParser(nlp)
        engine_lat.append(_timed(lambda fresh=fresh: analyse(letter, rules=rules, parser=fresh)))
    b50, e50 = statistics.median(bare_lat), statistics.median(engine_lat)
    print(f"\nlatency: letter of {_word_count(letter)} words, {args.samples} runs each")
    print(f"  bare nlp(text) p50  {1000 * b50:7.1f} ms")
    print(f"  analyse p50         {1000 * e50:7.1f} ms   (model loaded, letter not cached)")
    print(f"  latency ratio       {e50 / b50:7.2f}   (target <= 1.3)")

    # 3. Re-analysis after a one-word edit, against a full analysis (cold cache).
    long_letter = max(texts, key=_word_count)
    paragraphs = long_letter.split("\n\n")
    target = max(range(len(paragraphs)), key=lambda i: len(paragraphs[i]))
    full_lat, edit_lat = [], []
    for round_index in range(args.samples):
        cold = BlockParser(nlp)
        full_lat.append(_timed(lambda cold=cold: analyse(long_letter, rules=rules, parser=cold)))
        # Same parser (its cache is warm from the full run); one word changes in one paragraph.
        edited = list(paragraphs)
        edited[target] = edited[target].replace(" ", f" mot{round_index} ", 1)
        new_text = "\n\n".join(edited)
        edit_lat.append(
            _timed(lambda cold=cold, new_text=new_text: analyse(new_text, rules=rules, parser=cold))
        )
    f50, r50 = statistics.median(full_lat), statistics.median(edit_lat)
    print(
        f"\nre-analysis: letter of {_word_count(long_letter)} words, one word changed in one "
        f"paragraph, {args.samples} runs"
    )
    print(f"  full analysis p50   {1000 * f50:7.1f} ms")
    print(f"  after one edit p50  {1000 * r50:7.1f} ms")
    print(f"  re-analysis ratio   {r50 / f50:7.2f}   (target <= 0.25)")


if __name__ == "__main__":
    main()
