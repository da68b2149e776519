"""Counts per sentence (words, syllables, long and rare words), summed per block and letter.

What counts as a word: a token with a letter or digit, outside placeholders and Markdown
syntax. Elided words (l', d', qu') are words with no syllable of their own; numbers are words
but have no syllables in the syllables-per-word average (docs/syllables.md, rule 9).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from simplify.document import Document, ProtectedKind, Token
from simplify.readability.formulas import LIX_LONG_WORD_LETTERS
from simplify.readability.syllables import count_syllables
from simplify.readability.vocabulary import is_rare

_NOT_TEXT = frozenset({ProtectedKind.PLACEHOLDER, ProtectedKind.MARKUP})
# Protected facts whose words are not vocabulary: a name or a reference is not "rare".
_NOT_VOCABULARY = frozenset(
    {
        ProtectedKind.NAME,
        ProtectedKind.ORGANISATION,
        ProtectedKind.REFERENCE,
        ProtectedKind.LEGAL_REFERENCE,
        ProtectedKind.EMAIL,
        ProtectedKind.URL,
    }
)


@dataclass(frozen=True, slots=True)
class Counts:
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    syllable_words: int = 0  # words that have syllables (not numbers)
    long_words: int = 0  # more than six letters (for LIX)
    rare_words: int = 0
    vocabulary_words: int = 0  # words whose frequency is looked up
    long_sentences: int = 0
    max_sentence_words: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            words=self.words + other.words,
            sentences=self.sentences + other.sentences,
            syllables=self.syllables + other.syllables,
            syllable_words=self.syllable_words + other.syllable_words,
            long_words=self.long_words + other.long_words,
            rare_words=self.rare_words + other.rare_words,
            vocabulary_words=self.vocabulary_words + other.vocabulary_words,
            long_sentences=self.long_sentences + other.long_sentences,
            max_sentence_words=max(self.max_sentence_words, other.max_sentence_words),
        )


def total(counts: Iterable[Counts]) -> Counts:
    result = Counts()
    for count in counts:
        result = result + count
    return result


def word_tokens(doc: Document, tokens: Iterable[Token]) -> list[Token]:
    """Tokens that are words a reader reads (not placeholders, not markup)."""
    words = []
    for token in tokens:
        if not token.is_word:
            continue
        span = doc.protected_at(token.start, token.end)
        if span is not None and span.kind in _NOT_TEXT:
            continue
        words.append(token)
    return words


def sentence_counts(
    doc: Document,
    index: int,
    long_sentence_words: int,
    spoken_as_letters: Callable[[str], bool | None] | Mapping[str, bool] | None = None,
) -> Counts:
    """Counts for one sentence; a sentence is long above long_sentence_words words."""
    words = word_tokens(doc, doc.sentence_tokens[index])
    syllables = syllable_words = long_words = rare = vocabulary = 0
    for token in words:
        text = token.text
        letters = sum(c.isalpha() for c in text)
        if letters == 0:
            continue  # a number: a word without syllables
        acronym_hint = None
        if text.isupper() and len(text) > 1 and spoken_as_letters is not None:
            acronym_hint = (
                spoken_as_letters.get(text)
                if isinstance(spoken_as_letters, Mapping)
                else spoken_as_letters(text)
            )
        syllables += count_syllables(text, token.pos, acronym_hint)
        syllable_words += 1
        if letters > LIX_LONG_WORD_LETTERS:
            long_words += 1
        if _is_vocabulary(doc, token):
            vocabulary += 1
            rare += is_rare(token.lower)
    count = len(words)
    return Counts(
        words=count,
        sentences=1 if count else 0,
        syllables=syllables,
        syllable_words=syllable_words,
        long_words=long_words,
        rare_words=rare,
        vocabulary_words=vocabulary,
        long_sentences=1 if count > long_sentence_words else 0,
        max_sentence_words=count,
    )


def _is_vocabulary(doc: Document, token: Token) -> bool:
    """Words whose frequency says something: not names, acronyms, numbers or elided forms."""
    text = token.text
    if token.pos == "PROPN" or len(text) < 3 or not text.replace("-", "").isalpha():
        return False
    if text.isupper() or text.endswith(("'", "’")):
        return False
    span = doc.protected_at(token.start, token.end)
    return span is None or span.kind not in _NOT_VOCABULARY
