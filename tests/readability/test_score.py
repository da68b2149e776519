"""The clarity score orders letters as a reader would."""

from __future__ import annotations

from pathlib import Path

import pytest

from simplify.readability.score import BANDS, label

CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "letters"
PAIRS = sorted(p.parent.name for p in CORPUS.glob("*/plain.txt"))


def test_score_corpus_has_at_least_20_plain_versions() -> None:
    assert len(PAIRS) >= 20


@pytest.mark.parametrize("letter", PAIRS)
def test_score_plain_version_scores_clearer_than_original(letter: str, run) -> None:  # type: ignore[no-untyped-def]
    original = run((CORPUS / letter / "original.txt").read_text(encoding="utf-8"))
    plain = run((CORPUS / letter / "plain.txt").read_text(encoding="utf-8"))
    assert plain.score > original.score, (letter, original.score, plain.score)
    assert plain.metrics.mean_sentence_words < original.metrics.mean_sentence_words


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (95, "très facile"),
        (80, "très facile"),
        (70, "facile"),
        (55, "assez difficile"),
        (40, "difficile"),
        (10, "très difficile"),
    ],
)
def test_score_bands(score: float, expected: str) -> None:
    assert label(score) == expected
    assert len(BANDS) == 5
