"""A sentence's purpose said in a sentence of its own: "..., afin de compléter votre dossier"
-> ". Cela permettra de compléter votre dossier"; "..., pour que nous puissions" -> ". De cette
façon, nous pourrons"; a long purpose opening a request goes after it."""

from __future__ import annotations

from simplify.document import Document, Token
from simplify.rewrite.inflect import conjugate
from simplify.rules.model import Edit, Safety, Suggestion


def purpose(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "..., afin de compléter votre dossier." -> "... . Cela permettra de compléter ..."."""
    token = tokens[position]
    if token.lower != "afin" or tokens[position - 1].text != ",":
        return None
    if not any(t.feature("VerbForm") == "Fin" for t in tokens[:position]):
        return None  # "Par ailleurs, afin de ..., je vous invite": the purpose comes first
    de = tokens[position + 1]
    if de.lower not in {"de", "d'"}:
        return None
    new = ". Cela permettra " + ("d'" if de.lower == "d'" else "de ")
    following = tokens[position + 2]
    return Suggestion(
        edits=(Edit(tokens[position - 1].start, following.start, new),),
        safety=Safety.UNSAFE,
        explanation="Couper la phrase : le but dans une phrase à part.",
        replacement=new,
    )


def purpose_clause(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ ", pour que nous puissions mettre à jour votre dossier." -> ". De cette façon, nous pourrons
    mettre à jour votre dossier." (the subjunctive becomes a future)."""
    token = tokens[position]
    if token.lower not in {"pour", "afin"} or tokens[position - 1].text != ",":
        return None
    that = tokens[position + 1]
    if that.lower.replace("’", "'") not in {"que", "qu'"}:
        return None
    rest = tokens[position + 2 :]
    verb = next((t for t in rest if t.pos in {"VERB", "AUX"}), None)
    if verb is None or verb.feature("VerbForm") != "Fin" or not rest[0].is_word:
        return None
    if verb.feature("Mood") not in {"Sub", "Ind"}:
        return None  # after "pour que" a subjunctive, which the tagger may call indicative
    if any(t.text in {",", ";", ":"} for t in rest if t.start < verb.start):
        return None
    person, number = verb.feature("Person") or "3", verb.feature("Number") or "Sing"
    lemma = verb.lemma.lower()
    form = (
        conjugate(lemma, "Fin", "Ind", "Fut", person, number)
        if lemma.endswith(("er", "ir", "re", "oir"))
        else None
    )
    if form is None:
        return None
    comma = tokens[position - 1]
    return Suggestion(
        edits=(
            Edit(comma.start, rest[0].start, ". De cette façon, "),
            Edit(verb.start, verb.end, form),
        ),
        safety=Safety.UNSAFE,
        explanation="Couper la phrase : le but dans une phrase à part.",
    )


_REQUEST_OPENERS = frozenset({"merci", "vous", "nous", "je", "j'"})
_LONG_PURPOSE = 8  # words


def purpose_first(doc: Document, tokens: list[Token]) -> Suggestion | None:
    """ "Afin de relever votre index et d'éviter une nouvelle estimation, merci de nous
    appeler." -> "Merci de nous appeler. Cela permettra de relever votre index et d'éviter une
    nouvelle estimation." (a long purpose before the request goes after it)."""
    if len(tokens) < 12 or tokens[0].lower != "afin" or tokens[1].lower not in {"de", "d'", "d’"}:
        return None
    at = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if at is None or at + 1 >= len(tokens):
        return None
    comma, main = tokens[at], tokens[at + 1]
    aim = doc.text[tokens[2].start : comma.start]
    if main.lower.replace("’", "'") not in _REQUEST_OPENERS or len(aim.split()) < _LONG_PURPOSE:
        return None
    last = tokens[-1]
    if last.text != "." or "{" in doc.text[tokens[0].start : last.end]:
        return None
    link = "de " if tokens[1].lower == "de" else tokens[1].text.lower()  # "d'" as written
    addition = f" Cela permettra {link}"
    return Suggestion(
        edits=(
            Edit(tokens[0].start, main.start, ""),
            Edit(last.end, last.end, f"{addition}{aim}."),
        ),
        safety=Safety.UNSAFE,
        explanation="Dire d'abord la demande, puis à quoi elle sert.",
        capitalise_at=(main.start,),
    )
