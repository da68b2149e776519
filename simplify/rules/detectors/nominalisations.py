"""Hidden verbs: an action noun after a light verb ("procéder au règlement") where a verb
would do."""

from __future__ import annotations

import re
from collections.abc import Iterator

from simplify.document import Document, Token
from simplify.lang.fr.function_words import NOUN_LINKS
from simplify.rules.context import Context, Params
from simplify.rules.detectors.base import Hit, next_word
from simplify.rules.model import Suggestion

LIGHT_VERBS = frozenset(
    {
        "procéder",
        "effectuer",
        "réaliser",
        "opérer",
        "formuler",
        "apporter",
        "donner",
        "mettre",
        "assurer",
        "engager",
        "exercer",
    }
)
# Action nouns and the verb they hide ("procéder au règlement" = "régler").
NOMINALISATIONS: dict[str, str] = {
    "vérification": "vérifier",
    "règlement": "payer",
    "paiement": "payer",
    "versement": "verser",
    "remboursement": "rembourser",
    "examen": "examiner",
    "étude": "étudier",
    "demande": "demander",
    "déclaration": "déclarer",
    "modification": "modifier",
    "signature": "signer",
    "envoi": "envoyer",
    "transmission": "transmettre",
    "inscription": "inscrire",
    "résiliation": "résilier",
    "attribution": "attribuer",
    "suppression": "supprimer",
    "renouvellement": "renouveler",
    "prélèvement": "prélever",
    "contrôle": "contrôler",
    "instruction": "étudier",
    "évaluation": "évaluer",
    "visite": "visiter",
    "réception": "recevoir",
    "recherche": "chercher",
    "analyse": "analyser",
    "calcul": "calculer",
    "révision": "réviser",
    "régularisation": "régulariser",
    "annulation": "annuler",
    "réservation": "réserver",
    "enregistrement": "enregistrer",
    "validation": "valider",
    "installation": "installer",
    "réparation": "réparer",
    "radiation": "rayer",
    "suspension": "suspendre",
    "réexamen": "réexaminer",
    "recouvrement": "récupérer",
    "relance": "relancer",
    "notification": "informer",
    "restitution": "rendre",
    "vente": "vendre",
    "souscription": "souscrire",
    "ouverture": "ouvrir",
    "fermeture": "fermer",
    "clôture": "clore",
    "livraison": "livrer",
    "mise": "mettre",
    "saisine": "saisir",
    "liquidation": "calculer",
    "révocation": "révoquer",
    "convocation": "convoquer",
    "réclamation": "réclamer",
    "correction": "corriger",
    "actualisation": "actualiser",
    "mutation": "muter",
    "transfert": "transférer",
    "changement": "changer",
    "évacuation": "évacuer",
    "démolition": "démolir",
    "construction": "construire",
    "consultation": "consulter",
    "information": "informer",
    "estimation": "estimer",
    "réévaluation": "réévaluer",
    "rectification": "rectifier",
    "substitution": "remplacer",
    "retrait": "retirer",
    "dépôt": "déposer",
    "rappel": "rappeler",
    "communication": "communiquer",
    "diagnostic": "évaluer",
    "preuve": "prouver",
    "facturation": "facturer",
    "prise": "prendre",
}
_BETWEEN = NOUN_LINKS | frozenset(
    {"nouvelle", "nouveau", "nouvel", "première", "premier", "dernière", "aucun", "aucune"}
)


_NOUN_PHRASES = re.compile(r"(?i)\bmises? en (?:œuvre|oeuvre|place)\b")


def nominalisation(ctx: Context, params: Params) -> Iterator[Hit]:
    doc = ctx.doc
    for match in _NOUN_PHRASES.finditer(doc.text):
        start = match.start()
        before = doc.text[max(0, start - 12) : start].lower()
        if ctx.in_prose(start) and not re.search(r"(?:mettre|mis|mettons|mettez|met)\s+$", before):
            yield Hit(
                start,
                match.end(),
                fields={"verb": "mettre en place"},
                suggestions=(
                    Suggestion.advice(
                        "Dites qui fait quoi avec un verbe : « nous allons organiser »."
                    ),
                ),
            )
    for token in doc.tokens:
        if token.lemma not in LIGHT_VERBS or token.pos not in {"VERB", "AUX"}:
            continue
        if not ctx.in_prose(token.start):
            continue
        noun = _action_noun(doc, token)
        if noun is None:
            continue
        verb = NOMINALISATIONS.get(noun.lemma.lower(), "")
        advice = (
            f"Utilisez le verbe « {verb} »."
            if verb
            else "Utilisez directement le verbe caché dans le nom."
        )
        yield Hit(
            token.start, noun.end, fields={"verb": verb}, suggestions=(Suggestion.advice(advice),)
        )


def _action_noun(doc: Document, verb: Token) -> Token | None:
    if verb.lemma == "mettre":
        first, second = next_word(doc, verb), next_word(doc, verb, 2)
        if (
            first is not None
            and second is not None
            and first.lower == "en"
            and second.lower in {"œuvre", "oeuvre", "place"}
        ):
            return second
        return None
    if verb.lemma == "donner":
        first, second = next_word(doc, verb), next_word(doc, verb, 2)
        if (
            first is None
            or first.lower != "lieu"
            or second is None
            or second.lower not in {"à", "au", "aux"}
        ):
            return None
        return _noun_after(doc, second)
    return _noun_after(doc, verb)


def _noun_after(doc: Document, start: Token) -> Token | None:
    for distance in range(1, 5):
        token = next_word(doc, start, distance)
        if token is None:
            return None
        if token.lower in _BETWEEN:
            continue
        lemma = token.lemma.lower()
        if lemma in NOMINALISATIONS or token.lower in NOMINALISATIONS:
            return token
        if token.pos == "NOUN" and re.search(r"(?:[st]ion|ement)s?$", token.lower):
            return token
        return None
    return None
