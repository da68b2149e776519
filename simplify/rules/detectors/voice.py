"""Passive voice and impersonal turns: sentences that hide who acts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from simplify.document import Token
from simplify.rules.context import Context, Params
from simplify.rules.detectors.base import Detector, Hit, next_word, previous_word
from simplify.rules.model import Suggestion

# Participles that describe a state after "être", not an action undergone.
STATIVE = frozenset(
    {
        "situer",
        "fermer",
        "ouvrir",
        "composer",
        "domicilier",
        "âger",
        "naître",
        "décéder",
        "marier",
        "pacser",
        "divorcer",
        "concerner",
        "intéresser",
        "destiner",
        "sis",
        "localiser",
        "implanter",
        "installer",
        "équiper",
        "habiliter",
        "né",
        "agréer",
        "diplômer",
        "tenir",
        "louer",
        "interdire",
        "dépasser",
        "munir",
        "comprendre",
        "fonder",
        "préciser",
        "procéder",
        "prévoir",
        "autoriser",
        "obliger",
        "dispenser",
        "gratuit",
        "erroné",
        "erroner",
        "clore",
        "clos",
        "joindre",
    }
)
_PARTICIPLE_END = re.compile(r"(?:é|ée|és|ées|u|ue|us|ues|i|ie|is|ies|it|ite|its|ites)$")


def is_participle(token: Token) -> bool:
    """A past participle; the small model tags many of them as adjectives ("convoqué")."""
    if not token.text.isalpha() or token.lemma in STATIVE or token.lower in STATIVE:
        return False
    if token.feature("VerbForm") == "Part" and token.feature("Tense") != "Pres":
        return True
    if token.pos == "NOUN":  # "était fixée": the model sometimes says noun
        return bool(re.search(r"(?:é|ée|és|ées)$", token.lower)) and len(token.text) > 4
    return token.pos == "ADJ" and bool(_PARTICIPLE_END.search(token.lower)) and len(token.text) > 4


# Verbs whose compound past takes "être": "vous êtes venu" is not a passive.
ETRE_VERBS = frozenset(
    {
        "aller",
        "venir",
        "arriver",
        "partir",
        "entrer",
        "sortir",
        "naître",
        "mourir",
        "décéder",
        "rester",
        "tomber",
        "devenir",
        "revenir",
        "retourner",
        "parvenir",
        "intervenir",
        "survenir",
        "rentrer",
        "repartir",
        "redevenir",
        "passer",
        "demeurer",
    }
)
_PASSIVE_AUXILIARIES = frozenset(
    {
        "été",
        "être",
        "sera",
        "seront",
        "serait",
        "seraient",
        "soit",
        "soient",
        "sois",
        "étant",
        "serez",
        "serons",
        "seras",
        "fut",
        "furent",
        "est",
        "sont",
        "êtes",
        "était",
        "étaient",
        "étiez",
        "sommes",
        "es",
        "suis",
    }
)
_REFLEXIVES = frozenset({"se", "s'", "me", "m'", "te", "t'", "nous", "vous"})
IMPERSONAL_VERBS = frozenset(
    {
        "appartenir",
        "convenir",
        "convier",
        "importer",
        "avérer",
        "apparaître",
        "ressortir",
        "résulter",
        "incomber",
        "découler",
        "revenir",
    }
)
IMPERSONAL_ADJECTIVES = frozenset(
    {
        "nécessaire",
        "indispensable",
        "obligatoire",
        "possible",
        "impératif",
        "souhaitable",
        "important",
        "utile",
        "préférable",
        "impossible",
        "interdit",
        "opportun",
        "essentiel",
        "recommandé",
        "loisible",
        "primordial",
        "urgent",
        "conseillé",
        "demandé",
        "rappelé",
        "précisé",
        "entendu",
        "convenu",
        "prévu",
        "constaté",
        "décidé",
        "porté",
        "indiqué",
    }
)
_NOT_IMPERSONAL = frozenset({"falloir", "avoir", "agir", "rester", "pleuvoir", "faire"})


def passive(ctx: Context, params: Params) -> Iterator[Hit]:
    form = params.string("form", "auxiliary")
    if form == "auxiliary":
        yield from _auxiliary_passives(ctx)
    elif form == "faire-l-objet":
        yield from _faire_l_objet(ctx)
    elif form == "se-voir":
        yield from _se_voir(ctx)


def _auxiliary_passives(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    found: set[int] = set()
    for token in doc.tokens:
        verb: Token | None = None
        if token.dep == "aux:pass":
            verb = doc.tokens[token.head]
        elif token.lower in _PASSIVE_AUXILIARIES and token.pos in {"AUX", "VERB"}:
            verb = _participle_after(ctx, token)
        if verb is None:
            continue
        if verb.i in found or not is_participle(verb) or not 0 < verb.i - token.i <= 6:
            continue
        if token.dep != "aux:pass" and (verb.lemma in ETRE_VERBS or _reflexive_before(ctx, token)):
            continue  # "vous êtes venu", "elle s'est inscrite": compound past, not passive
        if _impersonal_subject(ctx, verb):
            continue
        auxiliaries = [c for c in doc.children(verb) if c.dep in {"aux:tense", "aux:pass"}]
        auxiliaries.append(token)
        start = min(a.start for a in auxiliaries)
        if not ctx.in_prose(start) or ctx.opaque(start, verb.end):
            continue
        found.add(verb.i)
        agents = [c for c in doc.children(verb) if c.dep == "obl:agent"]
        fields = {"agent": doc.text[agents[0].start : agents[0].end] if agents else ""}
        advice = (
            "Mettez l'auteur de l'action en sujet de la phrase."
            if agents
            else "Dites qui fait l'action (« nous », le service...)."
        )
        yield Hit(start, verb.end, fields=fields, suggestions=(Suggestion.advice(advice),))


def _participle_after(ctx: Context, auxiliary: Token) -> Token | None:
    """The parser misses some passives: "être" followed by a past participle, maybe with an
    adverb between ("vous êtes en conséquence convoqué")."""
    for distance in (1, 2, 3, 4):
        candidate = next_word(ctx.doc, auxiliary, distance)
        if candidate is None:
            return None
        if is_participle(candidate):
            return candidate
        if candidate.pos not in {"ADV", "ADP"} and candidate.lower not in {"lors", "conséquence"}:
            return None
    return None


def _reflexive_before(ctx: Context, auxiliary: Token) -> bool:
    before = previous_word(ctx.doc, auxiliary)
    return before is not None and before.lower in _REFLEXIVES and before.dep not in {"nsubj"}


def _impersonal_subject(ctx: Context, verb: Token) -> bool:
    return any(
        c.lower == "il" and c.dep in {"nsubj:pass", "expl:subj", "expl:pass", "nsubj"}
        for c in ctx.doc.children(verb)
    )


def _faire_l_objet(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    for token in doc.tokens:
        if token.lemma != "faire" or not ctx.in_prose(token.start):
            continue
        article, noun = next_word(doc, token), next_word(doc, token, 2)
        if article is None or noun is None or article.lower not in {"l'", "l"}:
            continue
        if noun.lower != "objet":
            continue
        end = noun.end
        preposition = next_word(doc, token, 3)
        if preposition is not None and preposition.lower in {"de", "d'", "du", "des"}:
            end = preposition.end
        yield Hit(
            token.start,
            end,
            suggestions=(
                Suggestion.advice("Dites qui agit : « nous allons contrôler votre dossier »."),
            ),
        )


def _se_voir(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    for token in doc.tokens:
        if token.lemma != "voir" or not ctx.in_prose(token.start):
            continue
        reflexive = previous_word(doc, token)
        infinitive = next_word(doc, token)
        if reflexive is None or infinitive is None:
            continue
        if reflexive.lower not in {"se", "s'", "vous", "nous", "me", "m'"}:
            continue
        if infinitive.feature("VerbForm") != "Inf":
            continue
        yield Hit(reflexive.start, infinitive.end)


def impersonal(ctx: Context, params: Params) -> Iterator[Hit]:
    doc = ctx.doc
    for token in doc.tokens:
        if token.lower != "il" or not ctx.in_prose(token.start):
            continue
        head = doc.tokens[token.head]
        if head.lemma in _NOT_IMPERSONAL or any(c.lower == "y" for c in doc.children(head)):
            continue
        is_expletive = token.dep in {"expl:subj", "expl:pass", "expl:comp"}
        if token.dep == "nsubj:pass" or (
            token.dep == "nsubj"
            and (
                head.lemma in IMPERSONAL_VERBS
                or (head.pos == "ADJ" and head.lemma in IMPERSONAL_ADJECTIVES)
            )
        ):
            is_expletive = True
        if not is_expletive or head.lemma == "faire" or head.start < token.start:
            continue
        if head.lemma in _NOT_IMPERSONAL:
            continue
        yield Hit(
            token.start,
            head.end,
            suggestions=(
                Suggestion.advice(
                    "Adressez-vous au lecteur : « vous devez... », « nous avons... »."
                ),
            ),
        )


VOICE_DETECTORS = (
    Detector("passive", passive, ("form",)),
    Detector("impersonal", impersonal),
)
