"""Readability formulas, as pure functions of counts; None when a formula is undefined."""

from __future__ import annotations

# Kandel, L. & Moles, A. (1958). "Application de l'indice de Flesch à la langue française".
# Cahiers d'études de radio-télévision, 19, 253-274. Flesch's reading ease refitted on French:
# 207 - 1.015 x words per sentence - 73.6 x syllables per word (same constants as textstat's
# "fr" configuration). Read on Flesch's scale: 90-100 very easy, 60-70 standard, under 30 very
# hard. It is not capped at 100.
KANDEL_MOLES_BASE = 207.0
KANDEL_MOLES_SENTENCE_LENGTH = 1.015
KANDEL_MOLES_SYLLABLES_PER_WORD = 73.6

# Björnsson, C.-H. (1968). Läsbarhet. Stockholm: Liber. LIX = words per sentence + 100 x
# share of words longer than six letters; language-independent.
LIX_LONG_WORD_LETTERS = 6


def kandel_moles(words: int, sentences: int, syllables: int, syllable_words: int) -> float | None:
    """Kandel–Moles reading ease; syllables are averaged over the words that have them."""
    if words == 0 or sentences == 0 or syllable_words == 0:
        return None
    return (
        KANDEL_MOLES_BASE
        - KANDEL_MOLES_SENTENCE_LENGTH * (words / sentences)
        - KANDEL_MOLES_SYLLABLES_PER_WORD * (syllables / syllable_words)
    )


def lix(words: int, sentences: int, long_words: int) -> float | None:
    if words == 0 or sentences == 0:
        return None
    return words / sentences + 100.0 * long_words / words


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None
