"""Sentence-level detectors: length, inline enumerations, verb moods, hidden verbs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from simplify.document import BlockKind, Document, Token
from simplify.lang.fr.function_words import NOUN_LINKS
from simplify.readability.counts import word_tokens
from simplify.rules.context import Context, Params
from simplify.rules.detectors.base import Detector, Hit, next_word, previous_word
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
    chunks = [[] if " ".join(t.lower for t in c) in _INCISES else c for c in chunks]
    used = -1
    for last in range(len(chunks)):
        final = _split_final(chunks[last])
        if final is None or last <= used:
            continue
        items = final
        first = last - 1
        while first > used and chunks[first] and _parallel(chunks[first], items):
            if len([t for t in chunks[first] if t.is_word]) > _MAX_ITEM_WORDS:
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
    """The last chunk of a list: "X et Y" gives two items, "et Y" (after a comma) one."""
    for position, token in enumerate(chunk):
        if token.lower in _COORDINATORS and token.pos == "CCONJ":
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
    return None


def _parallel(chunk: list[Token], items: list[list[Token]]) -> bool:
    if not chunk or not items or not items[0]:
        return False
    wanted = _kind(items[0][0])
    return _kind(chunk[0]) == wanted or _tail_like(chunk, items[0]) is not None


def _tail_like(chunk: list[Token], model: list[Token]) -> list[Token] | None:
    """The end of chunk that starts like model does ("Envoyez [votre avis]", "[votre RIB]")."""
    if not model:
        return None
    wanted = _kind(model[0])
    for position in range(len(chunk) - 1, -1, -1):
        if _kind(chunk[position]) == wanted:
            tail = chunk[position:]
            if len([t for t in tail if t.is_word]) <= _MAX_ITEM_WORDS:
                return tail
            return None
    return None


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


CLAUSE_DETECTORS = (
    Detector("sentence-length", sentence_length),
    Detector("enumeration", enumeration, ("minimum",)),
    Detector("tense", tense, ("mood",)),
    Detector("nominalisation", nominalisation),
)
