"""Evaluate `rewrite --only all` on the corpus letters that have a hand-written plain version.

    python -m benchmarks.evaluate_rewrite [--profile clair|falc] [--rounds N]

Prints, per letter and on average: mean words per sentence, Kandel-Moles, clarity score and
number of findings before and after; jargon findings before and after; SARI of the rewrite
against the hand-written version (and, for scale, of the original and of the hand-written
version itself); facts lost; grammar-pattern defects; new findings. Then the issue's targets.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from simplify.rewrite import DEFAULT_ROUNDS
from simplify.rewrite.planner import rewrite
from simplify.rewrite.sari import sari
from simplify.rules.model import Category

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "letters"
TARGET_WORDS = {"clair": 17.0, "falc": 12.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", choices=["clair", "falc"], default="clair")
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    args = parser.parse_args()

    rows = []
    for folder in sorted(CORPUS.iterdir()):
        plain_path = folder / "plain.txt"
        if not plain_path.exists():
            continue
        original = (folder / "original.txt").read_text(encoding="utf-8")
        plain = plain_path.read_text(encoding="utf-8")
        revision = rewrite(original, profile=args.profile, only="all", rounds=args.rounds)
        before, after = revision.before, revision.after
        jargon = [sum(f.category is Category.JARGON for f in r.findings) for r in (before, after)]
        row = {
            "letter": folder.name,
            "words": (before.metrics.mean_sentence_words, after.metrics.mean_sentence_words),
            "km": (before.metrics.kandel_moles, after.metrics.kandel_moles),
            "score": (before.score, after.score),
            "findings": (len(before.findings), len(after.findings)),
            "jargon": tuple(jargon),
            "sari": sari(original, revision.text, [plain]),
            "sari_original": sari(original, original, [plain]),
            "lost": len(revision.verification.missing),
            "defects": len(revision.defects),
            "new": len(revision.new_findings),
            "edits": len(revision.edits),
        }
        rows.append(row)
        print(
            f"{folder.name[:30]:30} words/sent {row['words'][0]:5.1f} -> {row['words'][1]:5.1f}"
            f"  KM {row['km'][0]:5.1f} -> {row['km'][1]:5.1f}  score {row['score'][0]:5.1f} -> "
            f"{row['score'][1]:5.1f}  findings {row['findings'][0]:3d} -> {row['findings'][1]:3d}"
            f"  jargon {jargon[0]:2d} -> {jargon[1]:2d}  SARI {row['sari']:5.1f}  lost "
            f"{row['lost']}  defects {row['defects']}  new {row['new']}"
        )

    def mean(key: str, index: int | None = None) -> float:
        values = [r[key][index] if index is not None else r[key] for r in rows]
        return statistics.mean(values)

    words_after = mean("words", 1)
    km_gain = mean("km", 1) - mean("km", 0)
    jargon_before = sum(r["jargon"][0] for r in rows)
    jargon_after = sum(r["jargon"][1] for r in rows)
    jargon_drop = 1 - jargon_after / jargon_before if jargon_before else 0.0
    lost = sum(r["lost"] for r in rows)
    defects = sum(r["defects"] for r in rows)
    print(f"\n{len(rows)} letters, profile {args.profile}, {args.rounds} rounds, --only all")
    print(f"  words per sentence   {mean('words', 0):5.1f} -> {words_after:5.1f}")
    print(f"  Kandel-Moles         {mean('km', 0):5.1f} -> {mean('km', 1):5.1f}  (+{km_gain:.1f})")
    print(f"  clarity score        {mean('score', 0):5.1f} -> {mean('score', 1):5.1f}")
    print(f"  findings             {mean('findings', 0):5.1f} -> {mean('findings', 1):5.1f}")
    print(f"  jargon findings      {jargon_before} -> {jargon_after}  (-{100 * jargon_drop:.0f} %)")
    print(
        f"  SARI vs hand-written {mean('sari'):5.1f}  (the original itself: "
        f"{mean('sari_original'):.1f})"
    )
    print(
        f"  facts lost {lost}, grammar-pattern defects {defects}, new findings "
        f"{sum(r['new'] for r in rows)}"
    )
    target = TARGET_WORDS[args.profile]
    print("\ntargets:")
    print(f"  words per sentence <= {target:g}: {_verdict(words_after <= target, words_after)}")
    print(f"  Kandel-Moles +15:        {_verdict(km_gain >= 15, km_gain)}")
    print(f"  jargon down 80 %:        {_verdict(jargon_drop >= 0.8, 100 * jargon_drop)}")
    print(f"  zero facts lost:         {_verdict(lost == 0, lost)}")
    print(f"  zero defects:            {_verdict(defects == 0, defects)}")


def _verdict(ok: bool, value: float) -> str:
    return f"{'reached' if ok else 'NOT reached'} ({value:.2f})"


if __name__ == "__main__":
    main()
