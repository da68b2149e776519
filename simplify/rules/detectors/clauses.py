"""Sentence-level detectors: sentence length and inline enumerations; the list of all
sentence-level detectors."""

from __future__ import annotations

from collections.abc import Iterator

from simplify.document import BlockKind, Token
from simplify.readability.counts import word_tokens
from simplify.rules.context import Context, Params
from simplify.rules.detectors.base import Detector, Hit
from simplify.rules.detectors.moods import tense
from simplify.rules.detectors.nominalisations import nominalisation
from simplify.rules.model import Severity, Suggestion

_SENTENCE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})


def sentence_length(ctx: Context, params: Params) -> Iterator[Hit]:
    doc = ctx.doc
    warning, error = ctx.profile.sentence_warning, ctx.profile.sentence_error
    for index, sentence in enumerate(doc.sentences):
        if doc.blocks[sentence.block].kind not in _SENTENCE_KINDS:
            continue
        words = len(word_tokens(doc, doc.sentence_tokens[index]))
        if words <= warning:
            continue
        severity = Severity.ERROR if words > error else Severity.WARNING
        yield Hit(
            sentence.start,
            sentence.end,
            fields={"words": words, "limit": warning},
            severity=severity,
            suggestions=(
                Suggestion.advice(
                    f"Coupez cette phrase de {words} mots : une idée par phrase, "
                    f"{warning} mots au plus."
                ),
            ),
        )


_DETERMINERS = frozenset(
    {
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "des",
        "votre",
        "vos",
        "notre",
        "nos",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "ce",
        "cet",
        "cette",
        "ces",
        "mon",
        "ma",
        "mes",
        "tout",
        "toute",
        "tous",
        "toutes",
        "chaque",
    }
)
_PREPOSITIONS = {
    "de": "de",
    "d'": "de",
    "du": "de",
    "des": "de",
    "à": "à",
    "au": "à",
    "aux": "à",
    "par": "par",
    "pour": "pour",
    "en": "en",
    "avec": "avec",
    "sans": "sans",
    "sur": "sur",
    "que": "que",
    "qu'": "que",
    "si": "si",
    "s'": "si",
}
_COORDINATORS = frozenset({"et", "ou"})
_MAX_ITEM_WORDS = 15


def enumeration(ctx: Context, params: Params) -> Iterator[Hit]:
    """Three or more parallel items in a sentence, separated by commas and "et"/"ou"."""
    minimum = params.integer("minimum", 3)
    doc = ctx.doc
    for index, sentence in enumerate(doc.sentences):
        if doc.blocks[sentence.block].kind not in _SENTENCE_KINDS:
            continue
        tokens = [t for t in doc.sentence_tokens[index] if t.pos != "SPACE"]
        for items in _enumerations(tokens, minimum):
            yield Hit(
                items[0][0].start,
                items[-1][-1].end,
                fields={"items": len(items)},
                suggestions=(
                    Suggestion.advice("Présentez ces éléments en liste à puces, un par ligne."),
                ),
            )


def _kind(token: Token) -> str:
    """What an item starts with, to tell parallel items ("de ..., de ..., ou de ...")."""
    word = token.lower
    if word in _DETERMINERS:
        return "DET"
    if word in _PREPOSITIONS:
        return _PREPOSITIONS[word]
    return "NOUN" if token.pos in {"NOUN", "PROPN", "ADJ"} else token.pos


_INCISES = frozenset(
    {
        "le cas échéant",
        "à tout moment",
        "en outre",
        "par ailleurs",
        "si besoin",
        "notamment",
        "en particulier",
        "par exemple",
        "enfin",
        "toutefois",
        "néanmoins",
        "en effet",
        "ainsi",
    }
)


def _enumerations(tokens: list[Token], minimum: int) -> Iterator[list[list[Token]]]:
    chunks: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        if depth or token.text in {";", ":", ")", "."}:
            chunks.append([])
            chunks.append([])  # a hard stop: no list runs across it (nor inside parentheses)
        elif token.text == ",":
            chunks.append([])
        else:
            chunks[-1].append(token)
        if token.text == ")":
            depth = max(0, depth - 1)
    chunks = _incise_into_last_item(chunks)
    chunks = [[] if " ".join(t.lower for t in c) in _INCISES else c for c in chunks]
    used = -1
    for last in range(len(chunks)):
        final = _split_final(chunks[last])
        if final is None or last <= used:
            continue
        items = final
        first = last - 1
        while first > used and chunks[first] and _parallel(chunks[first], items):
            long = len([t for t in chunks[first] if t.is_word]) > _MAX_ITEM_WORDS
            wanted = _kind(_opening(items[0]))
            if long or (wanted == "DET" and _kind(chunks[first][0]) != wanted):
                # "indique les dispositions ...": a list of noun phrases starts inside
                trimmed = _tail_like(chunks[first], items[0])
                if trimmed is None:
                    break
                items = [trimmed, *items]
                break
            items = [chunks[first], *items]
            first -= 1
        whole_middle = len(items) - len(final) - 1  # comma chunks taken whole
        if len(items) >= minimum and (whole_middle >= 0 or _short(items[0])):
            head = _tail_like(items[0], items[1]) or items[0]
            items[0] = head
            if _clean_items(items):
                used = last
                yield items
    yield from _comma_lists(chunks, minimum + 1)


def _short(item: list[Token]) -> bool:
    return 0 < len([t for t in item if t.is_word]) <= 8


def _clean_items(items: list[list[Token]]) -> bool:
    """Items of a list are phrases, not clauses: no conjugated verb inside (except lists of
    actions or of conditions, where every item starts with the verb or with "que")."""
    kinds = {_kind(item[0]) for item in items if item}
    if kinds <= {"que", "VERB", "AUX"}:
        return True
    return not any(
        t.pos in {"VERB", "AUX"} and t.feature("VerbForm") == "Fin" for item in items for t in item
    )


def _comma_lists(chunks: list[list[Token]], minimum: int) -> Iterator[list[list[Token]]]:
    """Lists with commas only ("pensions, retraites, rentes, revenus de capitaux")."""
    run: list[list[Token]] = []
    for chunk in [*chunks, []]:
        words = [t for t in chunk if t.is_word]
        short_phrase = 0 < len(words) <= 5 and _kind(chunk[0]) in {"NOUN", "DET"}
        if (
            short_phrase
            and not any(t.lower in _COORDINATORS for t in chunk)
            and _clean_items([chunk])
        ):
            run.append(chunk)
            continue
        if len(run) >= minimum:
            yield run
        run = [chunk] if short_phrase else []


def _split_final(chunk: list[Token]) -> list[list[Token]] | None:
    """The last chunk of a list: "X et Y" gives two items, "et Y" (after a comma) one. With
    two coordinators, the one before a word like the chunk's first is the list's ("la liste
    des taxes et participations d'urbanisme et l'état des équipements")."""
    coordinators = [i for i, t in enumerate(chunk) if t.lower in _COORDINATORS and t.pos == "CCONJ"]
    if not coordinators:
        return None
    position = coordinators[0]
    if len(coordinators) > 1 and position > 0:
        alike = [
            i
            for i in coordinators[1:]
            if i + 1 < len(chunk) and _kind(chunk[i + 1]) == _kind(chunk[0])
        ]
        position = alike[-1] if alike else position
    after = chunk[position + 1 :]
    if not after or len([t for t in after if t.is_word]) > _MAX_ITEM_WORDS:
        return None
    if position == 0:
        return [after]
    before = chunk[:position]
    if (
        len([t for t in before if t.is_word]) > _MAX_ITEM_WORDS
        and _tail_like(before, after) is None
    ):
        return None
    return [before, after]


# Prepositions whose noun phrase is a circumstance of the sentence, not an item of a list.
_NOT_LEADING = frozenset({"avant", "après", "depuis", "dès", "pendant", "sous", "dans", "entre"})


def _incise_into_last_item(chunks: list[list[Token]]) -> list[list[Token]]:
    """ "..., une copie et, si besoin, les coordonnées": the aside belongs to the last item,
    which the coordinator opens ("et si besoin les coordonnées")."""
    merged: list[list[Token]] = []
    index = 0
    while index < len(chunks):
        chunk = chunks[index]
        following = chunks[index + 1 : index + 3]
        if (
            len(chunk) > 1
            and chunk[-1].lower in _COORDINATORS
            and chunk[-1].pos == "CCONJ"
            and len(following) == 2
            and " ".join(t.lower for t in following[0]) in _INCISES
            and following[1]
        ):
            merged.append(chunk[:-1])
            merged.append([chunk[-1], *following[0], *following[1]])
            index += 3
            continue
        merged.append(chunk)
        index += 1
    return merged


def _opening(item: list[Token]) -> Token:
    """The word an item starts with, past an aside ("si besoin les coordonnées")."""
    for size in (3, 2):
        if " ".join(t.lower for t in item[:size]) in _INCISES and len(item) > size:
            return item[size]
    return item[0]


def _parallel(chunk: list[Token], items: list[list[Token]]) -> bool:
    if not chunk or not items or not items[0]:
        return False
    wanted = _kind(_opening(items[0]))
    return _kind(chunk[0]) == wanted or _tail_like(chunk, items[0]) is not None


def _tail_like(chunk: list[Token], model: list[Token]) -> list[Token] | None:
    """The end of chunk that starts like model does ("Envoyez [votre avis]", "[votre RIB]")."""
    if not model:
        return None
    wanted = _kind(_opening(model))
    verbs = [i for i, t in enumerate(chunk) if t.pos == "VERB"]
    if wanted == "DET" and verbs:
        # "précisant la nature de la fuite": the item is the verb's object, whole
        first = next(
            (i for i in range(verbs[-1] + 1, len(chunk)) if _kind(chunk[i]) == wanted), None
        )
        if first is not None:
            tail = chunk[first:]
            return tail if len([t for t in tail if t.is_word]) <= _MAX_ITEM_WORDS else None
    for position in range(len(chunk) - 1, -1, -1):
        if _kind(chunk[position]) == wanted:
            if position and chunk[position - 1].lower in _NOT_LEADING:
                return None  # "avant le 31 mars 2025": a date, not an item
            tail = chunk[position:]
            if len([t for t in tail if t.is_word]) <= _MAX_ITEM_WORDS:
                return tail
            return None
    return None


CLAUSE_DETECTORS = (
    Detector("sentence-length", sentence_length),
    Detector("enumeration", enumeration, ("minimum",)),
    Detector("tense", tense, ("mood",)),
    Detector("nominalisation", nominalisation),
)
