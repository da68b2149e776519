"""Measure the engine on the annotated corpus: sentence boundaries and findings per category.

python -m benchmarks.evaluate_corpus [--split dev|test|all] [--details CATEGORY]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from simplify.analysis import analyse
from simplify.corpus import Tally, boundary_tally, finding_tallies, load_corpus, merge

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "letters"


def _pct(value: float | None) -> str:
    return "   —  " if value is None else f"{100 * value:5.1f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument(
        "--details",
        metavar="CATEGORY",
        action="append",
        default=[],
        help="list misses and extras for this category ('boundaries' for cuts)",
    )
    parser.add_argument("--profile", default="clair")
    args = parser.parse_args()

    letters = load_corpus(CORPUS)
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    overall = Tally()
    for split in [*splits, "all"] if args.split == "all" else splits:
        chosen = [x for x in letters if split in {"all", x.split}]
        boundaries = Tally()
        per_letter = []
        for letter in chosen:
            report = analyse(letter.text, profile=args.profile)
            boundaries.add(boundary_tally(letter, report))
            per_letter.append(finding_tallies(letter, report))
        categories = merge(per_letter)
        print(f"\n== {split}: {len(chosen)} letters, profile {args.profile}")
        print(
            f"sentence boundaries: recall {_pct(boundaries.recall)}  precision "
            f"{_pct(boundaries.precision)}  ({boundaries.true_positives} found, "
            f"{boundaries.false_negatives} missed, {boundaries.false_positives} extra)"
        )
        print(
            f"{'category':16} {'annotated':>9} {'found':>6} {'TP':>5} {'recall':>7} "
            f"{'precision':>9}"
        )
        total = Tally()
        for category, tally in sorted(categories.items(), key=lambda kv: kv[0].value):
            total.add(tally)
            print(
                f"{category.value:16} {tally.true_positives + tally.false_negatives:9d} "
                f"{tally.true_positives + tally.false_positives:6d} {tally.true_positives:5d} "
                f"{_pct(tally.recall):>7} {_pct(tally.precision):>9}"
            )
        print(
            f"{'ALL (micro)':16} {total.true_positives + total.false_negatives:9d} "
            f"{total.true_positives + total.false_positives:6d} {total.true_positives:5d} "
            f"{_pct(total.recall):>7} {_pct(total.precision):>9}"
        )
        if split == "all" or len(splits) == 1:
            overall = total
        for wanted in args.details:
            if split != ("all" if args.split == "all" else args.split):
                continue
            if wanted == "boundaries":
                source = boundaries
            else:
                source = next((t for c, t in categories.items() if c.value == wanted), Tally())
            print(f"\n-- {wanted}: missed")
            for line in source.misses:
                print("   ", line)
            print(f"-- {wanted}: extra")
            for line in source.extras:
                print("   ", line)
    del overall


if __name__ == "__main__":
    main()
