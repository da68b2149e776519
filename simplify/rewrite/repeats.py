"""Cutting a sentence by saying its subject, or its subject and verb, again: "La commission
a examiné votre demande et a décidé ..." -> "... . Cette commission a décidé ...";
"La décision peut faire l'objet d'un recours gracieux ..., ou d'un recours contentieux ..."
-> "... . Elle peut aussi faire l'objet d'un recours contentieux ..."."""

from __future__ import annotations

from simplify.document import Document, Token
from simplify.rewrite.inflect import (
    capitalise,
    demonstrative,
    known_infinitive,
    noun_gender,
    starts_with_vowel_sound,
)
from simplify.rewrite.verbs import OBJECT_PRONOUNS
from simplify.rules.model import Edit, Safety, Suggestion

_PRONOUNS = {
    ("Masc", "Sing"): "il",
    ("Fem", "Sing"): "elle",
    ("Masc", "Plur"): "ils",
    ("Fem", "Plur"): "elles",
}


_REPEATABLE = frozenset({"nous", "vous", "je", "j'", "il", "elle", "ils", "elles", "on"})


def shared_subject(
    doc: Document, tokens: list[Token], position: int, first: Token
) -> Suggestion | None:
    """ "La commission a examiné votre demande et a décidé de ..." -> "... . Cette commission a
    décidé de ...": the second verb gets its own subject."""
    token = tokens[position]
    if token.lower != "et":
        return None
    subject = next((c for c in doc.children(first) if c.dep in {"nsubj", "nsubj:pass"}), None)
    if subject is None:
        # "La commission, réunie le 3 mars, a examiné ...": the parser may hang the subject
        # on the participle in between; the sentence's first subject is the one.
        subject = next(
            (t for t in tokens[:position] if t.dep in {"nsubj", "nsubj:pass"} and t.i < first.i),
            None,
        )
        if subject is None or doc.tokens[subject.head].feature("VerbForm") == "Fin":
            return None
    if subject.lower in _REPEATABLE:
        repeat = "je" if subject.lower == "j'" else subject.lower
    elif subject.pos == "NOUN":
        gender = subject.feature("Gender") or noun_gender(subject.lower)
        if gender is None:
            return None
        repeat = demonstrative(subject.text, gender, subject.feature("Number") or "Sing")
    else:
        return None
    following = tokens[position + 1]
    previous = tokens[position - 1]
    start = previous.start if previous.text == "," else token.start - 1
    new = f". {capitalise(repeat)} "
    if following.lower in {"ne", "n'"} or following.pos in {"VERB", "AUX", "PRON", "ADV"}:
        if repeat in {"je"} and starts_with_vowel_sound(following.text):
            new = ". J'"
        return Suggestion(
            edits=(Edit(start, following.start, new),),
            safety=Safety.UNSAFE,
            explanation=f"Couper la phrase et redire le sujet : « {repeat} ».",
            replacement=new,
        )
    return None


_ALSO = {"ou": "aussi", "et": "aussi", "puis": "ensuite"}
_CHAIN_POS = frozenset({"AUX", "VERB", "DET", "ADV"})


def shared_verb(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "La décision peut faire l'objet d'un recours gracieux ..., ou d'un recours contentieux
    ..." -> "... . Elle peut aussi faire l'objet d'un recours contentieux ...": the second
    complement (or participle: "Les documents peuvent être déposés ..., ou transmis ...") gets
    its subject and verb again. Only after a comma, so that what follows the first complement
    belongs to it, and only when the words before the first complement are the subject and
    its verb."""
    token = tokens[position]
    comma = tokens[position - 1]
    if token.text == "," and _listed_participle(tokens, position):
        comma, word = token, "et"  # "déposés ..., adressés ..., ou transmis ..."
    elif token.lower in _ALSO and token.pos == "CCONJ" and comma.text == ",":
        word = token.lower
    else:
        return None
    rest = tokens[position + 1 :]
    inner: list[Token] = []
    if word == "puis" and rest and rest[0].text == ",":
        closing = next((i for i, t in enumerate(rest[1:6], start=1) if t.text == ","), None)
        if closing is None:
            return None
        inner, rest = rest[1:closing], rest[closing + 1 :]
    if len(rest) < 4:
        return None
    second = rest[0]
    subject_end = _subject_end(tokens)
    if subject_end is None:
        return None
    subject = tokens[subject_end]
    first = _first_conjunct(tokens, subject_end + 1, position, second)
    if first is None:
        return None
    chain = tokens[subject_end + 1 : first]
    if not chain or chain[0].feature("VerbForm") != "Fin" or len(chain) > 5:
        return None
    if any(t.pos not in _CHAIN_POS and t.lower != "objet" for t in chain):
        return None
    pronoun = _PRONOUNS.get(
        (
            subject.feature("Gender") or noun_gender(subject.lower) or "",
            subject.feature("Number") or "Sing",
        )
    )
    if subject.lower in {"nous", "vous"}:
        pronoun = subject.lower
    if pronoun is None:
        return None
    verb = doc.text[chain[0].start : chain[0].end]
    remainder = doc.text[chain[1].start : tokens[first].start] if len(chain) > 1 else ""
    also = _ALSO[word]
    if inner:
        aside = doc.text[inner[0].start : inner[-1].end]
        new = f". {capitalise(also)}, {aside}, {pronoun} {verb} {remainder}"
    else:
        new = f". {capitalise(pronoun)} {verb} {also} {remainder}"
    new = new.rstrip() + " " if not new.endswith(("'", "’")) else new
    return Suggestion(
        edits=(Edit(comma.start, second.start, new),),
        safety=Safety.UNSAFE,
        explanation=f"Couper la phrase et redire le sujet et le verbe : « {pronoun} {verb} ».",
        replacement=new,
    )


def _subject_end(tokens: list[Token]) -> int | None:
    """The last word of the noun phrase or pronoun that opens the sentence as its subject."""
    if tokens[0].lower in {"nous", "vous"} and tokens[0].dep.startswith("nsubj"):
        return 0
    if tokens[0].pos != "DET":
        return None
    for index, token in enumerate(tokens[1:5], start=1):
        if token.dep.startswith("nsubj") and token.pos == "NOUN":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following.pos == "ADJ":
                return None  # keep to short subjects: "Les documents", "La présente décision"
            return index
        if token.pos not in {"ADJ", "DET"}:
            return None
    return None


def _first_conjunct(tokens: list[Token], start: int, end: int, second: Token) -> int | None:
    """Where the first of the two coordinated complements starts: the same preposition and
    determiner ("d'un recours ... , ou d'un recours"), or a participle of the same form
    ("déposés ..., ou transmis")."""
    if second.pos == "ADP":
        determiner = next((t for t in tokens if t.i == second.i + 1), None)
        if determiner is None or determiner.pos != "DET":
            return None
        for index in range(start, end - 1):
            here, following = tokens[index], tokens[index + 1]
            if (
                here.lower.replace("’", "'") == second.lower.replace("’", "'")
                and following.lower == determiner.lower
            ):
                return index
        return None
    if second.feature("VerbForm") == "Part" and second.feature("Tense") == "Past":
        for index in range(start, end):
            here = tokens[index]
            if here.feature("VerbForm") == "Part" and here.feature("Tense") == "Past":
                return index if _same_form(here, second) else None
        return None
    return None


def _same_form(first: Token, second: Token) -> bool:
    """Two participles that may agree with the same subject (a feature the tagger left out,
    as for "transmis", does not tell them apart)."""
    return all(
        not first.feature(f) or not second.feature(f) or first.feature(f) == second.feature(f)
        for f in ("Gender", "Number")
    )


def _listed_participle(tokens: list[Token], position: int) -> bool:
    """ ", adressés par la poste ..., ou transmis": a comma before a past participle that a
    later ", ou" or ", et" + participle shows to be one item of a series."""
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    if following is None or following.feature("VerbForm") != "Part":
        return False
    if following.feature("Tense") != "Past" or not following.feature("Number"):
        return False
    return any(
        tokens[i].text == ","
        and tokens[i + 1].lower in {"ou", "et"}
        and tokens[i + 2].feature("VerbForm") == "Part"
        and _same_form(following, tokens[i + 2])
        for i in range(position + 2, len(tokens) - 2)
    )


def request_alternative(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "Merci de prendre contact avec le service ..., ou de nous communiquer l'index ..." ->
    "Merci de prendre contact avec le service ... . Vous pouvez aussi nous communiquer
    l'index ..."; with "et": ". Merci aussi de ...". The second request gets its own
    sentence; "ou" offers a choice, which "vous pouvez aussi" keeps."""
    token = tokens[position]
    if token.lower not in {"ou", "et"} or token.pos != "CCONJ" or tokens[position - 1].text != ",":
        return None
    rest = tokens[position + 1 :]
    if len(rest) < 3:
        return None
    if token.lower == "ou" and rest[0].lower.replace("’", "'") not in {"de", "d'"}:
        return _second_possibility(tokens, position)
    if rest[0].lower.replace("’", "'") not in {"de", "d'"}:
        return None
    verb = next((t for t in rest[1:4] if t.lower not in OBJECT_PRONOUNS), None)
    if verb is None or verb.feature("VerbForm") != "Inf":
        return None
    requests = [
        i for i, t in enumerate(tokens[:position]) if t.lower == "merci" and i + 1 < position
    ]
    if len(requests) != 1 or tokens[requests[0] + 1].lower.replace("’", "'") not in {"de", "d'"}:
        return None
    following = rest[1]
    if token.lower == "ou":
        new = ". Vous pouvez aussi "
    else:
        elided = starts_with_vowel_sound(following.text)
        new = ". Merci aussi d'" if elided else ". Merci aussi de "
    comma = tokens[position - 1]
    return Suggestion(
        edits=(Edit(comma.start, following.start, new),),
        safety=Safety.UNSAFE,
        explanation="Faire de la seconde demande une phrase à part.",
        replacement=new,
    )


_CAN = frozenset({"pouvez", "pourrez"})
_CLAUSE_WORDS = frozenset({"si", "s'", "que", "qu'"})


def _second_possibility(tokens: list[Token], position: int) -> Suggestion | None:
    """ "Vous pouvez nous appeler au 02 43 81 56 09, du lundi au vendredi, ou nous écrire à
    ..." -> "... du lundi au vendredi. Vous pouvez aussi nous écrire à ..."."""
    rest = tokens[position + 1 :]
    verb = next((t for t in rest[:3] if t.lower not in OBJECT_PRONOUNS), None)
    if verb is None or (verb.feature("VerbForm") != "Inf" and not known_infinitive(verb.text)):
        return None
    modals = [
        i
        for i, t in enumerate(tokens[:position])
        if t.lower in _CAN and i > 0 and tokens[i - 1].lower == "vous"
    ]
    if len(modals) != 1:
        return None
    between = tokens[modals[0] + 1 : position]
    if any(t.feature("VerbForm") == "Fin" or t.lower in _CLAUSE_WORDS for t in between):
        return None
    new = f". Vous {tokens[modals[0]].lower} aussi "
    why = "Dire la seconde possibilité dans une phrase à part."
    return Suggestion.replace(tokens[position - 1].start, rest[0].start, new, Safety.UNSAFE, why)


_GATHERED = {
    "réuni": ("s'est réuni", "il"),
    "réunie": ("s'est réunie", "elle"),
    "réunis": ("se sont réunis", "ils"),
    "réunies": ("se sont réunies", "elles"),
}


def gathered(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "La commission, réunie le 11 mars 2025, a examiné votre demande." -> "La commission
    s'est réunie le 11 mars 2025. Elle a examiné votre demande." A board's meeting, said
    between its name and its decision, becomes a sentence of its own."""
    comma = tokens[position]
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    if comma.text != "," or following is None or following.lower not in _GATHERED:
        return None
    # the subject opens the sentence, or follows an opening phrase ("Suite à votre demande,")
    opening = max((i for i in range(position) if tokens[i].text == ","), default=-1)
    subject = tokens[opening + 1 : position]
    if not subject or subject[0].pos != "DET":
        return None
    if any(t.feature("VerbForm") == "Fin" for t in tokens[: opening + 1]):
        return None
    if any(t.feature("VerbForm") == "Fin" or t.text in {":", ";"} for t in subject):
        return None  # ("handicapées", a participle, may stand in the board's name)
    closing = next(
        (
            i
            for i in range(position + 2, min(len(tokens) - 1, position + 16))
            if tokens[i].text == ","
        ),
        None,
    )
    if closing is None:
        return None
    verb = tokens[closing + 1]
    if verb.feature("VerbForm") != "Fin" or verb.pos not in {"VERB", "AUX"}:
        return None
    if any(t.pos in {"VERB", "AUX"} for t in tokens[position + 2 : closing]):
        return None
    reflexive, pronoun = _GATHERED[following.lower]
    return Suggestion(
        edits=(
            Edit(comma.start, following.end, f" {reflexive}"),
            Edit(tokens[closing].start, verb.start, f". {capitalise(pronoun)} "),
        ),
        safety=Safety.UNSAFE,
        explanation="Dire la réunion dans une phrase à part, puis la décision.",
    )
