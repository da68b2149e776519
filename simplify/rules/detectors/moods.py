"""Verb moods and tenses a reader may stumble on: conditional, subjunctive, past historic."""

from __future__ import annotations

import re
from collections.abc import Iterator

from simplify.document import Document, Token
from simplify.rules.context import Context, Params
from simplify.rules.detectors.base import Hit, previous_word
from simplify.rules.model import Suggestion

_CONDITIONAL_ENDING = re.compile(
    r"^(?:[a-zéèêëàâîïôûç]+er|ser|aur|pourr|devr|voudr|saur|faudr|fer|ir|viendr|tiendr|"
    r"enverr|verr|recevr|conviendr|appartiendr|obtiendr|parviendr|deviendr|prévoir|"
    r"prendr|mettr|dir|écrir|lir|répondr|rendr|attendr|perdr|vivr|suivr|pourvoir|vaudr|"
    r"faudr|courr|mourr|acquerr|[a-zé]+ir)(?:ais|ait|ions|iez|aient)$"
)
_SUBJUNCTIVE_FORMS = frozenset(
    {
        "soyez",
        "soyons",
        "ayez",
        "ayons",
        "puissiez",
        "puissions",
        "puisse",
        "puissent",
        "fassiez",
        "fassions",
        "fasse",
        "fassent",
        "sachiez",
        "sachions",
        "sache",
        "sachent",
        "alliez",
        "aille",
        "aillent",
        "veuillez",
        "vouliez",
        "soit",
        "soient",
        "ait",
        "aient",
    }
)
_SUBJECTS = frozenset(
    {"je", "j'", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce", "c'", "cela"}
)


# Parts of speech a verb form can get from the small model ("souhaitiez" as a noun...).
_VERB_LIKE = frozenset({"VERB", "AUX", "NOUN", "ADJ", "PROPN"})


_MOOD_ADVICE = {
    "conditional": "Le conditionnel rend la phrase moins directe : dites « vous pouvez », "
    "« merci de ».",
    "subjunctive": "Évitez le subjonctif : « vous devez envoyer » plutôt que « il faut que vous "
    "envoyiez ».",
    "past-historic": "Le passé simple est rare à l'oral : utilisez le passé composé.",
}


def tense(ctx: Context, params: Params) -> Iterator[Hit]:
    mood = params.string("mood", "conditional")
    yield from ctx.memo("tense", lambda: _moods(ctx)).get(mood, [])


def _moods(ctx: Context) -> dict[str, list[Hit]]:
    """Verbs by mood, found in one pass shared by the three tense rules."""
    doc = ctx.doc
    found: dict[str, list[Hit]] = {mood: [] for mood in _MOOD_ADVICE}
    for token in doc.tokens:
        if token.pos not in _VERB_LIKE or not token.text.isalpha():
            continue
        if _is_conditional(doc, token):
            mood = "conditional"
        elif _is_subjunctive(doc, token):
            mood = "subjunctive"
        elif _is_past_historic(token):
            mood = "past-historic"
        else:
            continue
        if ctx.in_prose(token.start) and not ctx.opaque(token.start, token.end):
            found[mood].append(_verb_hit(doc, token, _MOOD_ADVICE[mood]))
    return found


_CONDITIONAL_END = ("rais", "rait", "rions", "riez", "raient")
_SUBORDINATORS = frozenset({"que", "qu'"})
_PAST_HISTORIC_END = (
    "èrent",
    "irent",
    "urent",
    "âmes",
    "îmes",
    "ûmes",
    "âtes",
    "îtes",
    "ûtes",
    "inrent",
    "int",
    "ut",
    "a",
)


def _plain_word(token: Token) -> bool:
    """A word in ordinary spelling (not an acronym like "DTCaP")."""
    rest = token.text[1:]
    return token.text.isalpha() and rest == rest.lower()


def _is_conditional(doc: Document, token: Token) -> bool:
    word = token.lower
    if not _plain_word(token) or not word.endswith(_CONDITIONAL_END):
        return False
    if token.pos in {"VERB", "AUX"} and token.feature("Mood") == "Cnd":
        return True
    if not _CONDITIONAL_ENDING.match(word):
        return False
    if token.pos in {"VERB", "AUX"}:
        return True
    # The small model tags some "vous" forms as nouns ("souhaiteriez"): trust a subject.
    before = previous_word(doc, token)
    return before is not None and before.lower in _SUBJECTS


def _is_subjunctive(doc: Document, token: Token) -> bool:
    if not _plain_word(token) or token.pos not in {"VERB", "AUX"}:
        return False
    word = token.lower
    if word.endswith(_CONDITIONAL_END) and _CONDITIONAL_ENDING.match(word):
        return False
    if token.feature("Mood") == "Sub":
        return _after_que(doc, token)
    if word in _SUBJUNCTIVE_FORMS or word.endswith(("iez", "ions", "issiez", "yiez")):
        return _after_que(doc, token) and word not in {"veuillez"}
    return False


def _after_que(doc: Document, token: Token) -> bool:
    """A subjunctive follows "que": "que vous fournissiez", "afin que le dossier soit"."""
    for distance in range(1, 6):
        before = previous_word(doc, token, distance)
        if before is None:
            return False
        if before.lower in _SUBORDINATORS:
            return True
        if before.pos not in {"PRON", "DET", "NOUN", "PROPN", "ADV", "ADJ"}:
            return False
    return False


def _is_past_historic(token: Token) -> bool:
    # "il agit", "il ressort": present and passé simple look the same in -ir verbs, and the
    # small model often says Past; only unambiguous endings count.
    return (
        token.pos in {"VERB", "AUX"}
        and _plain_word(token)
        and token.feature("VerbForm") == "Fin"
        and token.feature("Tense") == "Past"
        and token.feature("Mood") == "Ind"
        and token.lower.endswith(_PAST_HISTORIC_END)
        and token.lower not in {"a", "va", "fut"} | {"peut", "doit", "sait", "vaut", "faut"}
    )


def _verb_hit(doc: Document, token: Token, advice: str) -> Hit:
    end = token.end
    if token.dep in {"aux:tense", "aux:pass"}:
        head = doc.tokens[token.head]
        if head.start > token.start and head.start - token.end < 25:
            end = head.end
    return Hit(token.start, end, suggestions=(Suggestion.advice(advice),))
