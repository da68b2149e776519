"""Negations: ne ... pas/plus/jamais..., the restriction ne ... que, and double negations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from simplify.document import Document, Token
from simplify.lang.fr.function_words import BEFORE_LOCUTION_QUE
from simplify.rules.context import Context, Params
from simplify.rules.detectors.base import Detector, Hit
from simplify.rules.model import Suggestion

PARTICLES = frozenset(
    {
        "pas",
        "plus",
        "jamais",
        "rien",
        "personne",
        "aucun",
        "aucune",
        "guère",
        "point",
        "nullement",
        "ni",
        "nulle",
        "nul",
    }
)
# Words that negate again once a clause is already negative: "n'est pas impossible",
# "vous n'êtes pas sans savoir", "ne pas omettre".
NEGATIVE_WORDS = frozenset(
    {
        "sans",
        "impossible",
        "impossibles",
        "inexact",
        "inexacte",
        "incomplet",
        "incomplète",
        "irrecevable",
        "illégal",
        "illégale",
        "inutile",
        "interdit",
        "interdite",
        "non",
        "ignorer",
        "ignorez",
        "ignoriez",
        "omettre",
        "oublier",
        "refuser",
        "manquer",
        "empêcher",
        "aucun",
        "aucune",
        "jamais",
        "rien",
        "nul",
        "nulle",
        "défavorable",
        "irrégulier",
        "irrégulière",
        "indu",
        "méconnaître",
    }
)
_STOP = frozenset({".", ";", "!", "?", ":"})
# Negative words that stand before "ne" as its subject: "Rien ne s'oppose", "Personne n'est".
_SUBJECTS = frozenset({"rien", "personne", "aucun", "aucune", "nul", "nulle"})
_WINDOW = 10


@dataclass(frozen=True, slots=True)
class Negation:
    ne: Token
    particle: Token | None  # None when "ne" stands alone ("ne saurait")

    @property
    def is_restriction(self) -> bool:
        return self.particle is not None and self.particle.lower in {"que", "qu'"}


def negations(doc: Document) -> Iterator[Negation]:
    """Each "ne/n'" with the word that completes it; an expletive "ne" is left out."""
    for token in doc.tokens:
        if token.lower not in {"ne", "n'"}:
            continue
        before = doc.tokens[token.i - 1] if token.i > 0 else None
        if before is not None and before.sentence == token.sentence and before.lower in _SUBJECTS:
            yield Negation(token, before)  # "Rien ne s'oppose à ce que": no "ne ... que"
            continue
        particle = _particle_after(doc, token)
        if particle is None and not _stands_alone(doc, token):
            continue
        yield Negation(token, particle)


def _particle_after(doc: Document, ne: Token) -> Token | None:
    restriction = None
    for index in range(ne.i + 1, min(len(doc.tokens), ne.i + _WINDOW)):
        token = doc.tokens[index]
        if token.sentence != ne.sentence or token.text in _STOP:
            break
        word = token.lower
        if word in {"ne", "n'"}:
            break
        if word in PARTICLES:
            return token
        if word == "," and restriction is None:
            break  # "ne pouvant excéder 15 jours, après que ...": no "ne ... que" over a comma
        if (
            word in {"que", "qu'"}
            and restriction is None
            and doc.tokens[index - 1].lower not in BEFORE_LOCUTION_QUE
        ):
            restriction = token  # not "à ce que", "après que": a clause, not "seulement"
    return restriction


def _stands_alone(doc: Document, ne: Token) -> bool:
    """ "Je ne saurais", "ne pouvant excéder": a literary negation with no second word."""
    following = doc.tokens[ne.i + 1] if ne.i + 1 < len(doc.tokens) else None
    return following is not None and following.lemma in {"savoir", "pouvoir", "cesser", "oser"}


def negation(ctx: Context, params: Params) -> Iterator[Hit]:
    kind = params.string("kind", "plain")
    for found in negations(ctx.doc):
        if not ctx.in_prose(found.ne.start):
            continue
        end_token = found.particle or found.ne
        # "Rien ne": the negative word may stand before "ne"
        start, end = min(found.ne.start, end_token.start), max(found.ne.end, end_token.end)
        double = _double(ctx.doc, found)
        if kind == "double":
            if double is not None:
                yield Hit(start, double.end)
        elif kind == "restriction":
            if found.is_restriction and double is None:
                yield Hit(
                    start,
                    end,
                    suggestions=(
                        Suggestion.advice("Dites « seulement » à la place de « ne ... que »."),
                    ),
                )
        elif not found.is_restriction and double is None:
            advice = _advice(ctx.doc, found)
            yield Hit(start, end, suggestions=(Suggestion.advice(advice),))


def _double(doc: Document, found: Negation) -> Token | None:
    """A second negative word in the clause of a negation, or None."""
    if found.particle is None or found.is_restriction:
        return None
    for index in range(found.particle.i + 1, min(len(doc.tokens), found.particle.i + 5)):
        token = doc.tokens[index]
        if token.sentence != found.ne.sentence or token.text in _STOP | {","}:
            break
        if token.lower in NEGATIVE_WORDS or token.lower.startswith("non-"):
            return token
    return None


def _advice(doc: Document, found: Negation) -> str:
    verb = doc.tokens[found.ne.i + 1] if found.ne.i + 1 < len(doc.tokens) else None
    if verb is not None and verb.lemma == "hésiter":
        return "Dites ce que le lecteur peut faire : « vous pouvez nous appeler »."
    if verb is not None and verb.lemma == "oublier":
        return "Dites-le à l'affirmative : « pensez à ... »."
    return "Si possible, dites-le à l'affirmative ; sinon, gardez la négation bien visible."


NEGATION_DETECTORS = (Detector("negation", negation, ("kind",)),)
