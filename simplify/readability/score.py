"""The clarity score (0 to 100) and its five-band French label; see docs/score.md.

Readability formulas alone miss jargon, passives and acronyms, and findings alone miss sheer
length; the score blends four parts, each on 0-100 (higher is clearer):

- reading ease: Kandel-Moles, clipped to 0-100 (weight 0.30);
- sentences: from the mean sentence length (10 words or fewer is 100, 35 or more is 0) and the
  share of long sentences (weight 0.25);
- vocabulary: the share of rare words (none is 100, 15 % or more is 0) (weight 0.15);
- findings: weighted findings per 100 words (info 1, warning 2, error 3), 100 minus 5 points per
  unit (weight 0.30). Long-sentence findings are left out here: the sentence part counts them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simplify.rules.model import Category, Finding, Severity

WEIGHTS = {"reading_ease": 0.30, "sentences": 0.25, "vocabulary": 0.15, "findings": 0.30}
SEVERITY_WEIGHT = {Severity.INFO: 1.0, Severity.WARNING: 2.0, Severity.ERROR: 3.0}
FINDINGS_PENALTY_PER_UNIT = 5.0
SHORT_SENTENCE_WORDS, LONG_SENTENCE_WORDS = 10.0, 35.0
RARE_SHARE_ZERO = 0.15

# (lowest score of the band, label), best first.
BANDS: tuple[tuple[float, str], ...] = (
    (80.0, "très facile"),
    (65.0, "facile"),
    (50.0, "assez difficile"),
    (35.0, "difficile"),
    (0.0, "très difficile"),
)
BAND_MEANINGS = {
    "très facile": "La plupart des lecteurs comprennent la lettre dès la première lecture.",
    "facile": "La lettre se lit bien ; quelques passages méritent d'être revus.",
    "assez difficile": "Une partie des lecteurs devra relire ou demander de l'aide.",
    "difficile": "Beaucoup de lecteurs ne comprendront pas ce qu'on attend d'eux.",
    "très difficile": "La lettre est très difficile : il faut la réécrire.",
}


@dataclass(frozen=True, slots=True)
class ScoreParts:
    reading_ease: float
    sentences: float
    vocabulary: float
    findings: float

    @property
    def total(self) -> float:
        return round(
            WEIGHTS["reading_ease"] * self.reading_ease
            + WEIGHTS["sentences"] * self.sentences
            + WEIGHTS["vocabulary"] * self.vocabulary
            + WEIGHTS["findings"] * self.findings,
            1,
        )


def _clip(value: float) -> float:
    return max(0.0, min(100.0, value))


def clarity_parts(
    kandel_moles: float | None,
    mean_sentence_words: float | None,
    long_sentence_share: float | None,
    rare_word_share: float | None,
    words: int,
    findings: Iterable[Finding],
) -> ScoreParts | None:
    if kandel_moles is None or mean_sentence_words is None or words == 0:
        return None
    length_part = _clip(
        100.0
        * (LONG_SENTENCE_WORDS - mean_sentence_words)
        / (LONG_SENTENCE_WORDS - SHORT_SENTENCE_WORDS)
    )
    sentences = 0.5 * length_part + 0.5 * 100.0 * (1.0 - (long_sentence_share or 0.0))
    vocabulary = _clip(100.0 * (1.0 - (rare_word_share or 0.0) / RARE_SHARE_ZERO))
    weight = sum(
        SEVERITY_WEIGHT[f.severity] for f in findings if f.category is not Category.LONG_SENTENCE
    )
    density = 100.0 * weight / words
    return ScoreParts(
        reading_ease=_clip(kandel_moles),
        sentences=sentences,
        vocabulary=vocabulary,
        findings=_clip(100.0 - FINDINGS_PENALTY_PER_UNIT * density),
    )


def label(score: float) -> str:
    for lowest, name in BANDS:
        if score >= lowest:
            return name
    return BANDS[-1][1]
