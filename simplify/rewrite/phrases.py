"""Rewriters for set phrases: formulas, impersonal turns, hidden verbs, negations, moods.

Each rewriter takes the analysis context and a finding and returns suggestions (edits on the
original text). They return nothing when the sentence does not have the expected shape: a
finding without a rewrite keeps its advice.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from simplify.document import Document, Token
from simplify.lang.fr.function_words import NOUN_LINKS
from simplify.rewrite.inflect import (
    capitalise,
    conjugate,
    contract_article,
    join_words,
    match_case,
)
from simplify.rewrite.verbs import verb_features
from simplify.rules.model import Edit, Safety, Suggestion

if TYPE_CHECKING:
    from simplify.rules.context import Context
    from simplify.rules.model import Finding

_FLAGS = re.IGNORECASE


_TEMPLATE_TAGS = re.compile(r"\{%.*?%\}|\s+")


def _at_sentence_start(ctx: Context, offset: int) -> bool:
    """Whether offset starts a sentence, maybe after a template tag ("{% if x %}Il vous")."""
    for sentence in ctx.doc.sentences:
        if sentence.start <= offset < sentence.end:
            return not _TEMPLATE_TAGS.sub("", ctx.doc.text[sentence.start : offset])
    return False


def _suggest(
    start: int,
    end: int,
    text: str,
    explanation: str,
    safety: Safety = Safety.UNSAFE,
    capitalise_at: tuple[int, ...] = (),
) -> Suggestion:
    return Suggestion(
        edits=(Edit(start, end, text),),
        safety=safety,
        explanation=explanation,
        replacement=text,
        capitalise_at=capitalise_at,
    )


# -- formulas -------------------------------------------------------------------------------

_OPENING_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    (r"j'ai l'honneur d(?:e |')(?:vous )?(?:adresser|transmettre)", "je vous envoie"),
    (r"(?:j'ai l'honneur d(?:e |')accuser|j'accuse) réception", "j'ai bien reçu "),
    (r"nous accusons réception", "nous avons bien reçu "),
    (r"j'ai l'honneur d(?:e |')(?:vous )?confirmer", "je vous confirme"),
    (r"j'ai l'honneur d(?:e |')(?:vous )?notifier", "je vous informe de"),
    (r"(?:suite|comme suite) à", "après"),
    (r"en réponse à", "pour répondre à"),
    (
        r"(?:j'(?:attire|appelle)|nous (?:attirons|appelons)) votre attention sur le fait que ?",
        "attention : ",
    ),
)


def opening_formula(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "J'ai l'honneur de vous informer que votre demande..." -> "Votre demande..."."""
    text = ctx.lookup_text
    start, end = finding.start, finding.end
    formula = text[start:end].lower()
    if formula.startswith("par la présente"):
        after = re.match(r",?\s*", text[end:])
        cut = end + (after.end() if after else 0)
        return [
            _suggest(
                start,
                cut,
                "",
                "Supprimer la formule « par la présente ».",
                capitalise_at=(cut,) if _at_sentence_start(ctx, start) else (),
            )
        ]
    follow = re.match(r"\s+qu(?:e\s*,\s+|e\s+|')", text[end:])  # "que, sur avis favorable, la"
    if follow and not formula.startswith(
        (
            "suite",
            "comme suite",
            "en réponse",
            "j'attire",
            "j'appelle",
            "nous attirons",
            "nous appelons",
        )
    ):
        cut = end + follow.end()
        capital = (cut,) if _at_sentence_start(ctx, start) else ()
        return [
            _suggest(
                start,
                cut,
                "",
                "Supprimer la formule d'introduction : commencer par l'information.",
                capitalise_at=capital,
            )
        ]
    after_request = re.match(r"(?:comme )?suite à (?:votre|vos) \w+( en date)?", formula)
    if after_request:
        # "Suite à votre demande en date du 3 mars" -> "Après votre demande du 3 mars"
        new = match_case(ctx.doc.text[start:end], "après")
        head_end = formula.index(" à ") + len(" à")
        edits = [Edit(start, start + head_end, new)]
        if after_request.group(1):
            edits.append(Edit(start + after_request.start(1), start + after_request.end(1), ""))
        return [
            Suggestion(
                edits=tuple(edits),
                safety=Safety.UNSAFE,
                explanation="Remplacer la formule par « après ».",
            )
        ]
    for pattern, replacement in _OPENING_REPLACEMENTS:
        match = re.match(pattern, formula, _FLAGS)
        if match and match.end() >= len(formula.rstrip()) - 1:
            new = match_case(ctx.doc.text[start:end], replacement)
            cut = start + match.end()
            if formula.endswith("réception"):
                # "réception du dossier" -> "reçu le dossier", "de votre" -> "votre"
                object_start = re.match(r"\s+(?:(de |d')|(du )|(des ))", text[cut:])
                if object_start is None:
                    continue
                new += "le " if object_start.group(2) else "les " if object_start.group(3) else ""
                cut += object_start.end()
            elif new.endswith(" ") and text[cut : cut + 1] == " ":
                cut += 1  # "attention : " + " l'absence": one space
            new, taken = contract_article(new, text[cut : cut + 5])
            cut += taken
            return [
                _suggest(start, cut, new, f"Remplacer la formule par « {replacement.strip()} ».")
            ]
    return []


def request_formula(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Je vous saurais gré de bien vouloir nous retourner" -> "Merci de nous renvoyer"."""
    text = ctx.doc.text
    start, end = finding.start, finding.end
    before = text[max(0, start - 12) : start].lower().replace("’", "'")
    if re.search(r"\b(?:que|qu'|dont)\s*$", before):
        return []  # "l'attestation que vous voudrez bien nous transmettre": a relative clause
    following = text[end:]
    aside = re.match(r",\s*([^\W\d_][^,.;:]{0,24}?),\s*", following)
    if aside:
        # "de bien vouloir, en outre, compléter" -> "merci en outre de compléter"
        base = f"merci {aside.group(1)} de"
        following = following[aside.end() - 1 :]
        end += aside.end() - 1
    else:
        base = "merci de"
    next_word = following.lstrip().split(" ", 1)[0] if following.strip() else ""
    if finding.text.rstrip().endswith(("d'", "d’")) and not aside:
        replacement = join_words(base, next_word)
        replacement = replacement[: len(replacement) - len(next_word)]
    elif finding.text.lower().rstrip().endswith("vous voudrez bien"):
        replacement = base if not _vowel(next_word) else "merci d'"
        if replacement == base:
            replacement += " "
            end += len(following) - len(following.lstrip())
    elif _vowel(next_word) and following.startswith(" "):
        replacement = base[:-2] + "d'"
        end += 1  # "merci d'envoyer": the space goes
    else:
        replacement = base
    if _at_sentence_start(ctx, start):
        replacement = capitalise(replacement)
    return [_suggest(start, end, replacement, "Dire simplement ce qui est demandé : « merci de ».")]


def _vowel(word: str) -> bool:
    from simplify.rewrite.inflect import starts_with_vowel_sound

    return starts_with_vowel_sound(word)


# -- impersonal turns -----------------------------------------------------------------------

_IMPERSONAL: tuple[tuple[str, str], ...] = (
    (r"il vous appartient d(?:e |')", "vous devez "),
    (r"il vous appartiendra d(?:e |')", "vous devrez "),
    (r"il vous appartenait d(?:e |')", "vous deviez "),
    (r"il vous appartiendrait d(?:e |')", "vous devriez "),
    # "il convient de souligner que ...": the writer's aside, not the reader's duty
    (
        r"il convient d(?:e |')(?:souligner|noter|préciser|rappeler|signaler|relever) qu(?:e |'|’)",
        "",
    ),
    (r"il convient d(?:e |')", "vous devez "),
    (r"il conviendra d(?:e |')", "vous devrez "),
    (r"il conviendrait d(?:e |')", "vous devriez "),
    (r"il importe d(?:e |')", "vous devez "),
    (
        r"il (?:vous )?est (?:nécessaire|indispensable|obligatoire|impératif|demandé|recommandé) "
        r"d(?:e |')(?:bien vouloir )?",
        "vous devez ",
    ),
    (
        r"il (?:vous )?sera (?:nécessaire|indispensable|obligatoire|impératif|demandé) d(?:e |')",
        "vous devrez ",
    ),
    (r"il (?:vous )?est (?:possible|loisible) d(?:e |')", "vous pouvez "),
    (
        r"il (?:vous )?est (?:néanmoins|toutefois) (?:possible|loisible) d(?:e |')",
        "vous pouvez pourtant ",
    ),
    (r"il (?:vous )?sera (?:possible|loisible) d(?:e |')", "vous pourrez "),
    # announcing formulas say nothing: they go ("Il est rappelé que le délai ..." -> "Le délai")
    (r"il (?:vous )?est rappelé qu(?:e\s*,\s*|e |'|’)", ""),
    (r"il est précisé qu(?:e\s*,\s*|e |'|’)", ""),
    (r"il est indiqué que ", "nous indiquons que "),
    (r"il est porté à votre connaissance qu(?:e |'|’)", ""),
    (
        r"il a été (constaté|décidé|convenu|observé|relevé|établi|vérifié) que ",
        r"nous avons \1 que ",
    ),
    (r"il a été décidé d(?:e |')", "nous avons décidé de "),
    (r"il (?:nous )?apparaît que ", "nous constatons que "),
)
_NECESSARY_THAT = re.compile(
    r"il (?:est|sera) (?:nécessaire|indispensable|obligatoire|impératif) que vous ", _FLAGS
)


def impersonal(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Il vous appartient de transmettre" -> "Vous devez transmettre"."""
    text = ctx.lookup_text
    start = finding.start
    capital = _at_sentence_start(ctx, start)
    for pattern, replacement in _IMPERSONAL:
        match = re.compile(pattern, _FLAGS).match(text, start)
        if not match:
            continue
        new = match.expand(replacement)
        if not new:
            return [
                _suggest(
                    start,
                    match.end(),
                    "",
                    "Supprimer la formule d'annonce : dire directement l'information.",
                    capitalise_at=(match.end(),) if capital else (),
                )
            ]
        after = text[match.end() :].split(" ", 1)[0]
        if new.endswith("de ") and _vowel(after):
            new = new[:-3] + "d'"
        if capital:
            new = capitalise(new)
        return [_suggest(start, match.end(), new, "S'adresser directement au lecteur.")]
    match = _NECESSARY_THAT.match(text, start)
    if match:
        verb = next((t for t in ctx.doc.tokens_between(match.end(), match.end() + 30)), None)
        if verb is not None and verb.is_word:
            new = f"vous devez {verb.lemma}"
            return [
                _suggest(
                    start,
                    verb.end,
                    capitalise(new) if capital else new,
                    "S'adresser directement au lecteur : « vous devez ».",
                )
            ]
    return []


# -- hidden verbs ---------------------------------------------------------------------------

_OBJECT_ARTICLE = {
    "de la": "la",
    "du": "le",
    "des": "les",
    "de l'": "l'",
    "d'un": "un",
    "d'une": "une",
    "de votre": "votre",
    "de vos": "vos",
    "de ce": "ce",
    "de cette": "cette",
    "de ces": "ces",
    "de son": "son",
    "de sa": "sa",
    "de ses": "ses",
    "de leur": "leur",
    "de leurs": "leurs",
    "de notre": "notre",
    "de nos": "nos",
}
_DETERMINERS_AFTER_DE = frozenset(
    {
        "la",
        "votre",
        "vos",
        "ce",
        "cet",
        "cette",
        "ces",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "notre",
        "nos",
        "ladite",
        "ledit",
        "lesdits",
        "lesdites",
        "tout",
        "toute",
        "tous",
        "toutes",
        "chaque",
        "l'",
        "mon",
        "ma",
        "mes",
    }
)
_BETWEEN_OK = NOUN_LINKS | frozenset({"lieu"})


_POSSESSIVES = frozenset(
    {"mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos"}
    | {"leur", "leurs"}
)


def _relative_dont_before(doc: Document, verb: Token) -> bool:
    """A "dont" earlier in the verb's sentence, with no stronger stop in between."""
    for token in reversed(doc.tokens[: verb.i]):
        if token.sentence != verb.sentence or token.text in {".", ";", ":"}:
            return False
        if token.lower == "dont":
            return True
    return False


# Verbs that read well without their object, when the noun they replace had no complement.
_WITHOUT_OBJECT = frozenset({"payer", "voter", "déménager", "répondre", "signer"})


def nominalisation(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "procéder au règlement de la somme" -> "payer la somme"."""
    from simplify.rules.detectors.nominalisations import NOMINALISATIONS

    tokens = [t for t in ctx.doc.tokens_between(finding.start, finding.end) if t.is_word]
    if len(tokens) < 2:
        return []
    verb, noun = tokens[0], tokens[-1]
    target = NOMINALISATIONS.get(noun.lemma.lower()) or NOMINALISATIONS.get(noun.lower)
    if not target or any(t.lower not in _BETWEEN_OK for t in tokens[1:-1]):
        return []
    if any(t.lower in _POSSESSIVES for t in tokens[1:-1]):
        return []  # "procéder à votre radiation de la liste": the person is the object
    if verb.i > 0 and ctx.doc.tokens[verb.i - 1].lower == "en":
        return []  # "en effectuer le paiement": "en" holds the object ("la payer", not "en payer")
    impersonal = _impersonal_passive(ctx.doc, verb)
    if impersonal is not None:
        # "il sera procédé à l'évaluation de" -> "nous évaluerons": the sender acts
        tense = impersonal[1]
        form = conjugate(target, "Fin", "Ind", tense, "1", "Plur")
        form = f"nous {form}" if form is not None else None
    else:
        form = conjugate(target, *verb_features(ctx.doc, verb))
    if form is None:
        return []
    after = ctx.doc.tokens[noun.i + 1] if noun.i + 1 < len(ctx.doc.tokens) else None
    if after is not None and after.pos in {"ADJ", "VERB"} and after.sentence == noun.sentence:
        return []  # "recouvrement forcé": the adjective would be left without its noun
    end = noun.end
    text = ctx.lookup_text
    replacement = form
    locution = re.match(r" (à jour|en place|en œuvre|en oeuvre)\b", text[end:])
    if locution:  # "procéder à la mise à jour de votre profil" -> "mettre à jour votre profil"
        form = f"{form} {locution.group(1)}"
        replacement = form
        end += locution.end()
    contracted = re.match(r" (du|des|d'une?|de l')(?=\s|[^\w\s])", text[end:].lower())
    plain = re.match(r" (?:de|d')(?= ?\w)", text[end:].lower())
    if contracted:
        article = _OBJECT_ARTICLE[contracted.group(1)]
        replacement = f"{form} {article}"
        end += contracted.end()
    elif plain:
        following = text[end + plain.end() :].lstrip().split(" ", 1)[0].lower()
        if following not in _DETERMINERS_AFTER_DE:
            return []  # "effectuer une demande de remboursement": no article to keep
        replacement = f"{form} "
        end += plain.end() + 1
    elif _relative_dont_before(ctx.doc, verb):
        return []  # "somme dont il faut procéder au règlement": "dont" holds the object
    elif target not in _WITHOUT_OBJECT:
        return []  # "afin de procéder à l'installation" -> "pour installer": installer what?
    start = impersonal[0].start if impersonal is not None else verb.start
    if _at_sentence_start(ctx, start):
        replacement = capitalise(replacement)
    return [_suggest(start, end, replacement, f"Utiliser le verbe « {target} ».")]


_IMPERSONAL_TENSES = {"sera": "Fut", "est": "Pres"}


def _impersonal_passive(doc: Document, verb: Token) -> tuple[Token, str] | None:
    """ "il sera procédé à": the impersonal "il" and the tense of its auxiliary."""
    if verb.i < 2 or verb.feature("VerbForm") != "Part":
        return None
    auxiliary, pronoun = doc.tokens[verb.i - 1], doc.tokens[verb.i - 2]
    tense = _IMPERSONAL_TENSES.get(auxiliary.lower)
    if tense is None or pronoun.lower != "il":
        return None
    return pronoun, tense


# -- negations and moods --------------------------------------------------------------------


def restriction(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Vous ne pouvez déposer qu'une demande" -> "Vous pouvez déposer seulement une demande"."""
    tokens = [t for t in ctx.doc.tokens_between(finding.start, finding.end) if t.is_word]
    if len(tokens) < 2 or tokens[0].lower not in {"ne", "n'"}:
        return []
    ne, que = tokens[0], tokens[-1]
    if que.lower not in {"que", "qu'"}:
        return []
    text = ctx.doc.text
    ne_end = ne.end + (1 if text[ne.end : ne.end + 1] == " " else 0)
    que_edit = Edit(que.start, que.end, "seulement " if que.lower == "qu'" else "seulement")
    return [
        Suggestion(
            edits=(Edit(ne.start, ne_end, ""), que_edit),
            safety=Safety.UNSAFE,
            explanation="Remplacer « ne ... que » par « seulement ».",
            replacement=None,
            capitalise_at=(ne_end,) if _at_sentence_start(ctx, ne.start) else (),
        )
    ]


_NEGATION_TURNS = (
    (r"n'hésitez pas à ", "vous pouvez "),
    (r"n'hésitez pas(, [^,.;:]{1,40},) à ", r"vous pouvez\1 "),  # ", d'ici là, à lui écrire"
    (r"n'hésitez pas(?=\s*[.!])", "vous pouvez le faire"),
    (r"n'oubliez pas de ", "pensez à "),
    (r"n'oubliez pas d'", "pensez à "),
)


def negation(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "N'hésitez pas à nous appeler" -> "Vous pouvez nous appeler"."""
    text = ctx.lookup_text
    for pattern, replacement in _NEGATION_TURNS:
        match = re.compile(pattern, _FLAGS).match(text, finding.start)
        if match:
            new = replacement
            if match.re.groups:  # the aside as written (typographic apostrophes kept)
                new = new.replace("\\1", ctx.doc.text[match.start(1) : match.end(1)])
            new = capitalise(new) if _at_sentence_start(ctx, finding.start) else new
            return [
                _suggest(finding.start, match.end(), new, "Dire la même chose à l'affirmative.")
            ]
    return []


_SOFT_VERBS = frozenset({"pouvoir", "devoir", "vouloir", "souhaiter", "aimer"})


def conditional(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "vous pourriez" -> "vous pouvez", "nous souhaiterions" -> "nous souhaitons"."""
    tokens = [t for t in ctx.doc.tokens_between(finding.start, finding.end) if t.is_word]
    if len(tokens) != 1:
        return []
    token: Token = tokens[0]
    lemma = token.lemma if token.lemma in _SOFT_VERBS else _lemma_of_conditional(token.lower)
    if lemma not in _SOFT_VERBS:
        return []
    _, _, _, person, number, _ = verb_features(ctx.doc, token)
    form = conjugate(lemma, "Fin", "Ind", "Pres", person, number)
    if form is None:
        return []
    return [
        _suggest(
            token.start,
            token.end,
            match_case(token.text, form),
            "Le présent est plus direct que le conditionnel.",
        )
    ]


def _lemma_of_conditional(word: str) -> str | None:
    stems = {
        "pourr": "pouvoir",
        "devr": "devoir",
        "voudr": "vouloir",
        "souhaiter": "souhaiter",
        "aimer": "aimer",
    }
    for stem, lemma in stems.items():
        if word.startswith(stem):
            return lemma
    return None
