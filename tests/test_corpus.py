"""The engine on the annotated corpus: sentence boundaries, findings, reviewed snapshots."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from simplify.corpus import Tally, boundary_tally, finding_tallies, load_corpus, merge
from simplify.rules.model import Category

ROOT = Path(__file__).resolve().parent.parent
LETTERS = load_corpus(ROOT / "corpora" / "letters")
SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture(scope="module")
def reports(run):  # type: ignore[no-untyped-def]
    return {letter.id: run(letter.text) for letter in LETTERS}


def test_corpus_has_40_letters_from_10_services() -> None:
    assert len(LETTERS) >= 40
    assert len({letter.service for letter in LETTERS}) >= 10
    assert sum(letter.plain is not None for letter in LETTERS) >= 20


def test_corpus_sentence_boundaries_found(reports) -> None:  # type: ignore[no-untyped-def]
    tally = Tally()
    for letter in LETTERS:
        tally.add(boundary_tally(letter, reports[letter.id]))
    print(f"boundaries: recall {tally.recall:.1%}, precision {tally.precision:.1%}")
    assert tally.recall is not None and tally.recall >= 0.98


def test_corpus_detection_recall_and_precision(reports) -> None:  # type: ignore[no-untyped-def]
    per_category = merge(finding_tallies(letter, reports[letter.id]) for letter in LETTERS)
    total = Tally()
    for category, tally in sorted(per_category.items(), key=lambda kv: kv[0].value):
        total.add(tally)
        print(f"{category.value:15} recall {tally.recall}  precision {tally.precision}")
    print(f"all: recall {total.recall:.1%} precision {total.precision:.1%}")
    assert total.recall is not None and total.recall >= 0.90
    assert total.precision is not None and total.precision >= 0.80
    assert set(per_category) >= set(Category) - {Category.LAYOUT}


def _snapshot(report) -> dict:  # type: ignore[no-untyped-def]
    return {
        "score": report.score,
        "label": report.label,
        "words": report.metrics.words,
        "sentences": report.metrics.sentences,
        "findings": [[f.rule, f.start, f.end, f.text] for f in report.findings],
    }


@pytest.mark.parametrize("letter_id", [letter.id for letter in LETTERS])
def test_corpus_snapshot(letter_id: str, reports) -> None:  # type: ignore[no-untyped-def]
    """Findings on each letter match the reviewed snapshot; to accept a change on purpose,
    run with SIMPLIFY_UPDATE_SNAPSHOTS=1, review the diff, and commit it with the change."""
    path = SNAPSHOTS / f"{letter_id}.json"
    current = _snapshot(reports[letter_id])
    if os.environ.get("SIMPLIFY_UPDATE_SNAPSHOTS") == "1":
        path.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert path.exists(), f"no snapshot for {letter_id}: run with SIMPLIFY_UPDATE_SNAPSHOTS=1"
    assert json.loads(path.read_text(encoding="utf-8")) == current
