"""Cutting a sentence at a relative clause: "qui", "lequel" and "dont" start a sentence of
their own that repeats (or points back to) the noun they stood for."""

from __future__ import annotations

from simplify.document import Document, Token
from simplify.rewrite.inflect import (
    capitalise,
    demonstrative,
    noun_gender,
    starts_with_vowel_sound,
)
from simplify.rules.detectors.base import subtree_bounds
from simplify.rules.model import Edit, Safety, Suggestion


def relative(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ ", qui sera examinée en mars." -> ". Cette demande sera examinée en mars."; a relative
    clause inside the sentence moves after it: "Le dossier, qui a été déposé en mars, sera
    traité." -> "Le dossier sera traité. Ce dossier a été déposé en mars."."""
    token = tokens[position]
    if token.lower != "qui" or tokens[position - 1].text != ",":
        return None
    verb = doc.tokens[token.head]
    if verb.dep != "acl:relcl" or token.dep not in {"nsubj", "nsubj:pass"}:
        return None
    antecedent = doc.tokens[verb.head]
    gender = antecedent.feature("Gender") or noun_gender(antecedent.lower)
    number = antecedent.feature("Number") or "Sing"
    clause_end = subtree_bounds(doc, verb)[1]
    last_word = next(t for t in reversed(tokens) if t.is_word)
    reach = 6 if clause_end >= last_word.end else 3
    if antecedent.pos != "NOUN" or gender is None or tokens[position - 1].i - antecedent.i > reach:
        return None
    repeat = demonstrative(antecedent.text, gender, number)
    comma = tokens[position - 1]
    if clause_end >= last_word.end:
        return _cut_repeating(comma.start, token.end, repeat)
    closing = next((t for t in tokens if t.start >= clause_end), None)
    if closing is None or closing.text != "," or doc.text[clause_end : closing.start].strip():
        return None
    clause = doc.text[token.end : clause_end].strip()
    if len(clause.split()) < 3:
        return None
    sentence = doc.sentences[token.sentence]
    ending = doc.text[sentence.start : sentence.end].rstrip()
    if not ending.endswith((".", "!", "?")):
        return None  # a sentence ending with ":" goes on in a list
    addition = f" {capitalise(repeat)} {clause}."
    return Suggestion(
        edits=(Edit(comma.start, closing.end, ""), Edit(sentence.end, sentence.end, addition)),
        safety=Safety.UNSAFE,
        explanation="Sortir la relative de la phrase et la dire dans une phrase à part.",
    )


_LEQUEL = {
    "lequel": ("Masc", "Sing"),
    "laquelle": ("Fem", "Sing"),
    "lesquels": ("Masc", "Plur"),
    "lesquelles": ("Fem", "Plur"),
}


def _agreement(noun: Token) -> tuple[str | None, str]:
    return (noun.feature("Gender") or noun_gender(noun.lower), noun.feature("Number") or "Sing")


def lequel(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ ", un indu, lequel sera récupéré sur vos prestations." -> ". Cet indu sera récupéré
    sur vos prestations." The antecedent is the nearest noun of the same gender and number;
    the relative clause must end the sentence."""
    token = tokens[position]
    agreement = _LEQUEL.get(token.lower)
    if agreement is None or tokens[position - 1].text != ",":
        return None
    following = tokens[position + 1]
    if following.pos not in {"VERB", "AUX", "ADV", "PRON"} and following.lower not in {"ne", "n'"}:
        return None
    rest = tokens[position + 1 :]
    finite = [t for t in rest if t.feature("VerbForm") == "Fin" and t.pos in {"VERB", "AUX"}]
    if len(finite) != 1 or any(t.lower in {"qui", "que", "qu'", "et", "mais"} for t in rest):
        return None
    candidate = tokens[position - 2]
    if candidate.pos != "NOUN" or tokens[position - 3].pos == "NOUN":
        return None  # the noun right before the comma, not part of a compound ("date limite")
    last = candidate
    if _agreement(candidate) != agreement and position >= 4:
        # "des opérations de vote, lesquelles": the noun before its complement
        head = tokens[position - 4]
        if tokens[position - 3].lower in {"de", "d'", "d’"} and head.pos == "NOUN":
            candidate = head
    if _agreement(candidate) != agreement:
        return None
    rivals = [
        t
        for t in tokens[: tokens.index(candidate)]
        if t.pos == "NOUN" and _agreement(t) == agreement
    ]
    if rivals:
        return None  # "le compteur ... aux agents du service, lequel": which one is meant?
    repeat = demonstrative(doc.text[candidate.start : last.end], *agreement)
    return _cut_repeating(tokens[position - 1].start, token.end, repeat)


def dont(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "M. Lacoste, déclaré comme conjoint, dont les revenus ont été intégrés." -> "... . Ses
    revenus ont été intégrés." ("dont" + its noun at the end of the sentence)."""
    token = tokens[position]
    if token.lower != "dont" or tokens[position - 1].text != "," or position + 3 >= len(tokens):
        return None
    determiner, noun = tokens[position + 1], tokens[position + 2]
    if determiner.lower.replace("’", "'") not in {"le", "la", "les", "l'"} or noun.pos != "NOUN":
        return None
    rest = tokens[position + 1 :]
    finite = [t for t in rest if t.feature("VerbForm") == "Fin" and t.pos in {"VERB", "AUX"}]
    if len(finite) != 1 or any(t.lower in {"qui", "que", "qu'", "et", "mais", ","} for t in rest):
        return None
    antecedent = next((t for t in reversed(tokens[:position]) if t.pos in {"NOUN", "PROPN"}), None)
    if antecedent is None:
        return None
    plural_owner = antecedent.feature("Number") == "Plur"
    if determiner.lower == "les":
        possessive = "leurs" if plural_owner else "ses"
    elif plural_owner:
        possessive = "leur"
    elif determiner.lower == "la" and not starts_with_vowel_sound(noun.text):
        possessive = "sa"
    else:
        possessive = "son"
    new = f". {capitalise(possessive)} "
    return Suggestion(
        edits=(Edit(tokens[position - 1].start, noun.start, new),),
        safety=Safety.UNSAFE,
        explanation="Couper la phrase : « dont » devient un possessif.",
        replacement=new,
    )


_MODAL_PARTICIPLES = {"pouvant": ("peut", "peuvent"), "devant": ("doit", "doivent")}


def modal_participle(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "... peut entraîner une sanction pouvant aller jusqu'à la suppression de ..." -> "...
    peut entraîner une sanction. Cette sanction peut aller jusqu'à la suppression de ...": a
    participle that describes the noun before it and runs to the end of the sentence, said as
    a sentence about that noun."""
    token = tokens[position]
    forms = _MODAL_PARTICIPLES.get(token.lower)
    noun = tokens[position - 1]
    if forms is None or noun.pos != "NOUN" or position < 2 or tokens[position - 2].pos != "DET":
        return None
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    if following is None or following.feature("VerbForm") != "Inf":
        return None
    rest = tokens[position + 1 :]
    if any(t.feature("VerbForm") == "Fin" or t.text in {",", ";", ":"} for t in rest):
        return None  # the participle's words must run to the end, alone
    before = tokens[: position - 1]
    if not any(t.feature("VerbForm") == "Fin" for t in before):
        return None  # the first part must stand as a sentence
    gender, number = _agreement(noun)
    if gender is None:
        return None
    verb = forms[1] if number == "Plur" else forms[0]
    return _cut_repeating(noun.end, token.end, demonstrative(noun.text, gender, number), verb)


def _cut_repeating(start: int, end: int, repeat: str, then: str = "") -> Suggestion:
    """text[start:end] becomes the end of a sentence and the start of the next one, which
    says its noun again ("..., lequel sera" -> ". Cet indu sera")."""
    new = f". {capitalise(repeat)} {then}".rstrip()
    return Suggestion(
        edits=(Edit(start, end, new),),
        safety=Safety.UNSAFE,
        explanation=f"Couper la phrase et répéter « {repeat} ».",
        replacement=new,
    )
