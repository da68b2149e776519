"""Cost of the Word round trip against the analysis alone, measured side by side in one run.

    python -m benchmarks.bench_docx [--samples N]

For each two-page letter of corpora/word/ (page counts from its manifest), p50 over N runs of:
- Word: read the .docx (file checks, capped child process, walk, layout facts), analyse it,
  and write a .docx with the safe suggestions as tracked changes with comments;
- text: analyse the same text given as plain text.
Both sides use a fresh paragraph cache each run (the letter is new to the engine), with the
model and tables loaded; runs alternate so that machine noise hits both alike. Target: the
Word side at most 1.5 × the text side.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from simplify.analysis import analyse
from simplify.formats.docx_write import write_docx
from simplify.formats.files import read_letter
from simplify.formats.model import Change
from simplify.nlp import BlockParser, load_pipeline
from simplify.readability.vocabulary import warm_up
from simplify.rewrite.planner import proposals, suggestion_id
from simplify.rules.registry import RuleSet, load_builtin

WORD = Path(__file__).resolve().parent.parent / "corpora" / "word"


def word_round_trip(name: str, data: bytes, rules: RuleSet, parser: BlockParser) -> int:
    """Read, analyse, write tracked; returns the number of changes written."""
    letter = read_letter(name, data)
    report = analyse(letter.text, rules=rules, parser=parser, shape=letter.shape)
    changes = [
        Change(
            edit.start,
            edit.end,
            edit.replacement,
            f"[{p.finding.rule}] {p.finding.message}",
            p.finding.rule,
            suggestion_id(p.finding, p.suggestion),
        )
        for p in proposals(report, "safe")
        for edit in p.suggestion.edits
    ]
    written = write_docx(data, name, changes, expected_text=letter.text)
    return len(written.applied)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=15, help="runs per letter and side")
    args = parser.parse_args()

    nlp = load_pipeline()
    warm_up()
    rules = load_builtin()
    manifest = json.loads((WORD / "manifest.json").read_text(encoding="utf-8"))
    letters = [entry["file"] for entry in manifest["files"] if entry["expected_pages"] == 2]
    first = (WORD / letters[0]).read_bytes()
    word_round_trip(letters[0], first, rules, BlockParser(nlp))  # warm every lazy table

    print(f"{len(letters)} two-page letters, {args.samples} runs per side (p50)")
    print(f"{'letter':40} {'words':>6} {'changes':>8} {'text ms':>8} {'word ms':>8} {'ratio':>6}")
    ratios = []
    for name in letters:
        data = (WORD / name).read_bytes()
        text = read_letter(name, data).text
        word_times, text_times = [], []
        changes = 0
        for _ in range(args.samples):
            fresh = BlockParser(nlp)
            started = time.perf_counter()
            analyse(text, rules=rules, parser=fresh)
            text_times.append(time.perf_counter() - started)
            fresh = BlockParser(nlp)
            started = time.perf_counter()
            changes = word_round_trip(name, data, rules, fresh)
            word_times.append(time.perf_counter() - started)
        text_p50, word_p50 = statistics.median(text_times), statistics.median(word_times)
        ratios.append(word_p50 / text_p50)
        print(
            f"{name:40} {len(text.split()):6d} {changes:8d} {1000 * text_p50:8.1f} "
            f"{1000 * word_p50:8.1f} {word_p50 / text_p50:6.2f}"
        )
    print(
        f"\nratio p50 over letters {statistics.median(ratios):.2f}   worst {max(ratios):.2f}"
        f"   (target <= 1.5)"
    )


if __name__ == "__main__":
    main()
