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
from simplify.rewrite.verbs import SUBJECT_PERSON
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
    revenus ont été intégrés." ("dont" + its noun at the end of the sentence); "la maison,
    dont vous êtes propriétaire." -> "la maison. Vous en êtes propriétaire."."""
    token = tokens[position]
    if token.lower != "dont" or tokens[position - 1].text != "," or position + 3 >= len(tokens):
        return None
    rest = tokens[position + 1 :]
    if not _runs_to_the_end(rest):
        return None
    if rest[0].lower in SUBJECT_PERSON:
        return _with_en(tokens, position)
    determiner, noun = rest[0], rest[1]
    if determiner.lower.replace("’", "'") not in {"le", "la", "les", "l'"}:
        return None
    if not noun.is_word or noun.pos in {"ADV", "ADP", "AUX"}:
        return None  # after an article, a noun (the tagger may call it a verb: "l'abonnement")
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


_TEL = frozenset({"tel", "tels", "telle", "telles"})
_THAT = frozenset({"que", "qu'", "qu’"})


def as_it(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "..., tels qu'ils figurent sur le protocole de soins." -> "... . Ils figurent sur le
    protocole de soins." (the clause ends the sentence and has its own subject pronoun)."""
    token = tokens[position]
    if token.lower not in _TEL or tokens[position - 1].text != ",":
        return None
    if position + 3 >= len(tokens) or tokens[position + 1].lower not in _THAT:
        return None
    subject = tokens[position + 2]
    if subject.lower not in SUBJECT_PERSON or not _runs_to_the_end(tokens[position + 2 :]):
        return None
    why = "Dire à part ce que précise « tel que »."
    return _cut(tokens[position - 1].start, subject.start, why)


_ARTICLES = frozenset({"le", "la", "les", "l'", "un", "une", "des"})
_SUBORDINATORS = frozenset({"si", "s'", "lorsque", "lorsqu'", "quand", "parce", "puisque"})
_MODALS = frozenset({"devoir", "pouvoir", "vouloir", "savoir", "aller", "falloir"})


def _verb(token: Token) -> bool:
    return token.pos in {"VERB", "AUX"} and token.feature("VerbForm") in {"Fin", "Inf", "Part"}


def _runs_to_the_end(rest: list[Token]) -> bool:
    """The relative clause is the end of the sentence: one finite verb, or more behind a
    subordinating word ("dont vous devez demander le bénéfice si vous remplissez ...")."""
    finite = [
        i
        for i, t in enumerate(rest)
        if t.feature("VerbForm") == "Fin"
        and t.pos in {"VERB", "AUX"}
        and (i == 0 or rest[i - 1].lower.replace("’", "'") not in _ARTICLES)
    ]
    if not finite:
        return False
    for index in finite[1:]:
        if not any(t.lower in _SUBORDINATORS for t in rest[finite[0] : index]):
            return False
    return not any(t.lower in {"qui", "lequel", "laquelle", "dont"} for t in rest)


def _with_en(tokens: list[Token], position: int) -> Suggestion | None:
    """Cut before the subject pronoun after "dont" and say "en" for what it stood for: before
    the infinitive after a modal verb, before the first verb otherwise ("dont vous êtes" ->
    "Vous en êtes", "dont vous avez besoin" -> "Vous en avez besoin", "dont vous devez
    demander" -> "Vous devez en demander")."""
    subject_at = position + 1
    verb_at = next((i for i in range(subject_at + 1, len(tokens)) if _verb(tokens[i])), None)
    if verb_at is None or any(t.lower in {"ne", "n'", "n’"} for t in tokens[subject_at:verb_at]):
        return None
    verb = tokens[verb_at]
    person = verb.feature("Person")
    if person is not None and person != SUBJECT_PERSON[tokens[subject_at].lower][0]:
        return None  # "dont vous a parlé M. Martin": "vous" is not the subject
    if verb.lemma == "agir" or tokens[subject_at].lower in {"je", "j'"}:
        return None  # "dont il s'agit"; "j'en" would change the subject's form
    if verb.lemma in _MODALS:
        infinitive = next((i for i in range(verb_at + 1, len(tokens)) if _verb(tokens[i])), None)
        if infinitive is None or tokens[infinitive].feature("VerbForm") != "Inf":
            return None
        if any(t.pos not in {"ADV", "PRON"} for t in tokens[verb_at + 1 : infinitive]):
            return None
        verb_at = infinitive
    comma, subject, target = tokens[position - 1], tokens[subject_at], tokens[verb_at]
    return Suggestion(
        edits=(Edit(comma.start, subject.start, ". "), Edit(target.start, target.start, "en ")),
        safety=Safety.UNSAFE,
        explanation="Couper la phrase : « dont » devient « en » dans une phrase à part.",
        capitalise_at=(subject.start,),
    )


def _cut(start: int, next_start: int, why: str) -> Suggestion:
    return Suggestion(
        edits=(Edit(start, next_start, ". "),),
        safety=Safety.UNSAFE,
        explanation=why,
        replacement=". ",
        capitalise_at=(next_start,),
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
