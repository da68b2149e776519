"""The Document: a letter's text cut into blocks, sentences and tokens, with protected spans."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simplify.shape import Shape


class BlockKind(StrEnum):
    """What a block of a letter is; decides which rules and metrics look at it."""

    HEADER = "header"  # letterhead, addresses, place and date, references
    SUBJECT = "subject"  # "Objet : ..."
    SALUTATION = "salutation"  # "Madame, Monsieur,"
    HEADING = "heading"  # a title inside the letter (Markdown "#", or a short title line)
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    CLOSING = "closing"  # the closing formula
    SIGNATURE = "signature"  # name, function, contact after the closing

    @property
    def is_body(self) -> bool:
        """Text the reader has to read and understand: what the metrics describe."""
        return self in _BODY_KINDS


_BODY_KINDS = frozenset(
    {
        BlockKind.SUBJECT,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.CLOSING,
    }
)


class ProtectedKind(StrEnum):
    """Kinds of facts a rewrite must keep."""

    PLACEHOLDER = "placeholder"
    EMAIL = "email"
    URL = "url"
    LEGAL_REFERENCE = "legal-reference"
    REFERENCE = "reference"
    PHONE = "phone"
    DATE = "date"
    TIME = "time"
    AMOUNT = "amount"
    PERCENT = "percent"
    NUMBER = "number"
    NAME = "name"
    ORGANISATION = "organisation"
    MARKUP = "markup"  # Markdown syntax: not text, never flagged, never counted


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


@dataclass(frozen=True, slots=True)
class ProtectedSpan:
    kind: ProtectedKind
    start: int
    end: int
    text: str
    value: str | None = None  # a normalised value (ISO date, amount in cents...) when known


@dataclass(frozen=True, slots=True)
class Token:
    """One spaCy token, copied into plain data so rules can be tested without the model."""

    i: int  # index in Document.tokens
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    dep: str
    head: int  # index of the head token (itself for a root)
    morph: str  # spaCy's "Feat=Value|Feat=Value" string
    ent: str = ""  # named-entity label (PER, ORG, LOC, MISC) or ""
    sentence: int = 0  # index in Document.sentences
    space_after: bool = True
    lower: str = ""  # lowercase lookup form (’ as '), filled in when left empty
    is_word: bool = False  # letters or digits, not punctuation: filled in

    def __post_init__(self) -> None:
        if not self.lower:
            object.__setattr__(self, "lower", normalise_for_lookup(self.text).lower())
        word = self.pos not in {"PUNCT", "SPACE", "SYM"} and any(c.isalnum() for c in self.text)
        object.__setattr__(self, "is_word", word)

    def feature(self, name: str) -> str | None:
        """Value of one morphological feature ("Mood", "Tense"...), or None."""
        prefix = name + "="
        for item in self.morph.split("|"):
            if item.startswith(prefix):
                return item[len(prefix) :]
        return None


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    block: int  # index in Document.blocks


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    # Where the block's own text starts once a list marker or Markdown syntax is skipped.
    content_start: int


@dataclass
class Document:
    """A letter as one string, with its structure as offsets into that string."""

    text: str
    blocks: list[Block]
    sentences: list[Sentence]
    tokens: list[Token]
    protected: list[ProtectedSpan]
    _children: dict[int, list[int]] | None = field(default=None, repr=False)
    shape: Shape | None = None  # what the file said beyond the text (zones, fields, layout)

    def block_text(self, index: int) -> str:
        block = self.blocks[index]
        return self.text[block.start : block.end]

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start : sentence.end]

    @cached_property
    def _token_starts(self) -> list[int]:
        return [token.start for token in self.tokens]

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [span.start for span in self.protected]

    @cached_property
    def sentence_tokens(self) -> list[list[Token]]:
        grouped: list[list[Token]] = [[] for _ in self.sentences]
        for token in self.tokens:
            grouped[token.sentence].append(token)
        return grouped

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Tokens that start inside [start, end)."""
        first = bisect_right(self._token_starts, start - 1)
        last = bisect_right(self._token_starts, end - 1)
        return self.tokens[first:last]

    def children(self, token: Token) -> list[Token]:
        if self._children is None:
            table: dict[int, list[int]] = {}
            for tok in self.tokens:
                if tok.head != tok.i:
                    table.setdefault(tok.head, []).append(tok.i)
            self._children = table
        return [self.tokens[i] for i in self._children.get(token.i, [])]

    def protected_at(self, start: int, end: int) -> ProtectedSpan | None:
        """The first protected span overlapping [start, end), if any.

        Protected spans are sorted and never overlap each other, so their ends are sorted too.
        """
        index = bisect_right(self._protected_starts, end - 1) - 1
        found = None
        while index >= 0 and self.protected[index].end > start:
            found = self.protected[index]
            index -= 1
        return found

    def protected_of_kind(self, *kinds: ProtectedKind) -> Iterator[ProtectedSpan]:
        wanted = set(kinds)
        return (span for span in self.protected if span.kind in wanted)

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    def block_of(self, offset: int) -> int:
        """Index of the block containing offset (or the last one before it)."""
        return max(0, bisect_right(self._block_starts, offset) - 1)

    def body_sentences(self) -> list[int]:
        return [i for i, s in enumerate(self.sentences) if self.blocks[s.block].kind.is_body]


_LOOKUP_TABLE = str.maketrans(
    {"\u2019": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " ", "\u2011": "-", "\u2010": "-"}
)


def normalise_for_lookup(text: str) -> str:
    """Same-length normalisation for lookups: typographic apostrophes and spaces as ASCII.

    Word writes ’ and no-break spaces; wordfreq, spaCy's exceptions and our lexicons expect '
    and ' '. The text itself is never changed: only the copy used to look words up.
    """
    return text.translate(_LOOKUP_TABLE)


def spans_overlap(a: Sequence[int], b: Sequence[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
