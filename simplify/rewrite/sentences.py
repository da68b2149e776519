"""Cutting long sentences: at coordinated clauses, "sinon", "que" series, participle clauses,
semicolons, colons, gerunds and conditions (relative clauses: `relatives.py`; the subject and
verb said again: `repeats.py`; a legal reference, a deadline, examples, an exception or the
sum to pay said apart: `moves.py`; purposes: `purposes.py`; lists: `lists.py`).

Cuts are small edits on separators (", et vous" -> ". Vous"), so that they never collide with
the word substitutions inside the clauses; the capital of the new sentence is asked for with
`capitalise_at` and made by the rewrite planner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simplify.document import Document, Token
from simplify.lang.fr.function_words import BEFORE_LOCUTION_QUE
from simplify.rewrite.inflect import (
    capitalise,
    conjugate,
)
from simplify.rewrite.lists import alternatives_list, colon_list, infinitive_list
from simplify.rewrite.moves import deadline, examples, exception, legal_reference, sum_to_pay
from simplify.rewrite.purposes import purpose, purpose_clause, purpose_first
from simplify.rewrite.relatives import (
    as_it,
    dont,
    lequel,
    modal_participle,
    relative,
)
from simplify.rewrite.repeats import (
    gathered,
    request_alternative,
    shared_subject,
    shared_verb,
)
from simplify.rewrite.verbs import SUBJECT_PERSON, verb_features
from simplify.rules.detectors.base import subtree_bounds
from simplify.rules.model import Edit, Safety, Suggestion

if TYPE_CHECKING:
    from simplify.rules.context import Context
    from simplify.rules.model import Finding

_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "expl:subj", "expl:pass"})
_CONNECTORS = {
    "et": "",
    "mais": "Mais ",
    "puis": "Puis, ",
    "car": "En effet, ",
    "or": "Or, ",
    "donc": "Donc, ",
}


def _cut(start: int, end: int, new: str, next_start: int, why: str) -> Suggestion:
    """Replace a separator by a sentence end; the next word gets a capital."""
    return Suggestion(
        edits=(Edit(start, end, new),),
        safety=Safety.UNSAFE,
        explanation=why,
        replacement=new,
        capitalise_at=(next_start,) if not new.strip(" .") else (),
    )


def split_sentence(ctx: Context, finding: Finding) -> list[Suggestion]:
    """Places where a long sentence can be cut into shorter ones, one suggestion each."""
    doc = ctx.doc
    sentence = next((i for i, s in enumerate(doc.sentences) if s.start == finding.start), None)
    if sentence is None:
        return []
    tokens = [t for t in doc.sentence_tokens[sentence] if t.pos != "SPACE"]
    suggestions: list[Suggestion] = colon_list(ctx, finding)
    for position, _token in enumerate(tokens):
        if position == 0 or position >= len(tokens) - 2:
            continue
        cut = (
            _semicolon(doc, tokens, position)
            or _coordination(doc, tokens, position)
            or relative(doc, tokens, position)
            or lequel(doc, tokens, position)
            or dont(doc, tokens, position)
            or as_it(doc, tokens, position)
            or _colon(doc, tokens, position)
            or purpose(doc, tokens, position)
            or _otherwise(doc, tokens, position)
            or exception(doc, tokens, position)
            or sum_to_pay(doc, tokens, position)
            or _that_is(doc, tokens, position)
            or _absolute_participle(doc, tokens, position)
            or _second_that(doc, tokens, position)
            or purpose_clause(doc, tokens, position)
            or shared_verb(doc, tokens, position)
            or request_alternative(doc, tokens, position)
            or gathered(doc, tokens, position)
            or modal_participle(doc, tokens, position)
        )
        if cut is not None and not ctx.opaque(cut.edits[0].start, cut.edits[0].end):
            suggestions.append(cut)
    suggestions.extend(alternatives_list(ctx, finding))
    suggestions.extend(infinitive_list(ctx, finding))
    moved = legal_reference(ctx, sentence)
    if moved is not None:
        suggestions.append(moved)
    for said_apart in (deadline(ctx, sentence), examples(ctx, sentence)):
        if said_apart is not None:
            suggestions.append(said_apart)
    gerunds = _gerunds(doc, tokens)
    if gerunds is not None:
        suggestions.append(gerunds)
    first = purpose_first(doc, tokens)
    if first is not None and not ctx.opaque(first.edits[0].start, first.edits[0].end):
        suggestions.append(first)
    question = _condition_question(doc, tokens)
    if question is not None and not ctx.opaque(question.edits[0].start, question.edits[-1].end):
        suggestions.append(question)
    return suggestions


def _condition_question(doc: Document, tokens: list[Token]) -> Suggestion | None:
    """ "Si votre situation change, vous devez nous le dire." -> "Votre situation change ?
    Vous devez nous le dire." (a question and its answer, as easy-to-read texts do)."""
    if len(tokens) < 6 or tokens[0].lower not in {"si", "s'"}:
        return None
    si = tokens[0]
    verb = doc.tokens[si.head]
    if verb.i == si.i or verb.feature("Mood") in {"Cnd", "Sub"}:
        return None
    clause_end = subtree_bounds(doc, verb)[1]
    comma = next((t for t in tokens if t.start >= clause_end and t.is_word is False), None)
    subject_first = False
    if comma is None or comma.text != "," or doc.text[clause_end : comma.start].strip():
        # the parser may make the condition the root: take the first comma after a verb
        comma = next((t for t in tokens if t.text == ","), None)
        if comma is None or not any(
            t.feature("VerbForm") == "Fin" for t in tokens if t.start < comma.start
        ):
            return None
        following_word = next((t for t in tokens if t.start > comma.start), None)
        if following_word is None:
            return None
        if following_word.lower not in {"merci", "vous", "nous"} and (
            following_word.pos != "DET" or following_word.lower in {"un", "une", "des"}
        ):
            return None
        # "..., les dispositions d'urbanisme ... ne peuvent être remises en cause": a subject
        # opens the answer, its verb comes later (the parser seldom sees it as the root)
        subject_first = following_word.pos == "DET"
        if following_word.lower != "merci" and not any(
            t.feature("VerbForm") == "Fin" for t in tokens if t.start > following_word.start
        ):
            return None
    if any(t.lower in {"si", "s'"} for t in tokens[1:] if t.start < comma.start):
        return None  # "si A et si B": two conditions make no single question
    rest = [t for t in tokens if t.start > comma.start]
    if rest and rest[0].pos == "ADP":
        return None  # ", dans un délai de 18 mois, ...": may still belong to the condition
    answer = (
        any(t.feature("VerbForm") == "Fin" for t in rest[1:3])
        or (any(t.feature("VerbForm") == "Fin" and t.dep in {"ROOT"} for t in rest))
        or (bool(rest) and (rest[0].lower == "merci" or rest[0].feature("Mood") == "Imp"))
        or (subject_first and not any(t.lower in {"si", "s'"} for t in rest))
    )
    if not answer:
        return None
    following = next((t for t in rest if t.is_word), None)
    if following is None:
        return None
    first = doc.tokens[si.i + 1]
    if not first.is_word:
        return None  # "Si, sans motif légitime, le contrat ...": the aside would open it
    deletion_end = first.start
    return Suggestion(
        edits=(Edit(si.start, deletion_end, ""), Edit(comma.start, following.start, " ? ")),
        safety=Safety.UNSAFE,
        explanation="Poser la condition comme une question, puis donner la réponse.",
        capitalise_at=(deletion_end, following.start),
    )


def _otherwise(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "Votre demande doit être renouvelée chaque année, sinon elle est rayée." -> "... chaque
    année. Sinon, elle est rayée." (a consequence with its own subject and verb)."""
    token = tokens[position]
    if token.lower != "sinon" or tokens[position - 1].text != ",":
        return None
    rest = tokens[position + 1 :]
    if rest[0].lower not in SUBJECT_PERSON and rest[0].pos != "DET":
        return None  # "sinon par courrier": no clause of its own
    finite = [t for t in rest if t.feature("VerbForm") == "Fin" and t.pos in {"VERB", "AUX"}]
    if not finite or finite[0].i - rest[0].i > 5 or any(t.text == "," for t in rest[:5]):
        return None
    before = tokens[:position]
    if not any(t.feature("VerbForm") == "Fin" for t in before) and before[0].lower != "merci":
        return None
    return Suggestion.replace(
        tokens[position - 1].start,
        rest[0].start,
        ". Sinon, ",
        Safety.UNSAFE,
        "Couper la phrase avant « sinon ».",
    )


def semicolon(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "X ; Y" -> "X. Y"; at the end of a list item, the semicolon simply goes."""
    doc, text = ctx.doc, ctx.doc.text
    start = finding.start
    before = start
    while before > 0 and text[before - 1] in " \u00a0\u202f":
        before -= 1
    rest = text[finding.end :]
    following = rest.lstrip(" \u00a0\u202f")
    if not following or following.startswith("\n"):
        return [
            Suggestion(
                edits=(Edit(before, finding.end, ""),),
                safety=Safety.SAFE,
                explanation="Supprimer le point-virgule en fin de ligne.",
            )
        ]
    next_start = finding.end + (len(rest) - len(following))
    del doc
    return [
        Suggestion(
            edits=(Edit(before, next_start, ". "),),
            safety=Safety.SAFE,
            explanation="Finir la phrase au point-virgule et commencer une nouvelle phrase.",
            replacement=".",
            capitalise_at=(next_start,),
        )
    ]


def _semicolon(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    token = tokens[position]
    if token.text != ";":
        return None
    following = tokens[position + 1]
    start = tokens[position - 1].end
    return _cut(start, following.start, ". ", following.start, "Couper la phrase au point-virgule.")


_SUBORDINATE_OPENERS = frozenset(
    {"où", "que", "qu'", "qui", "si", "s'", "lorsque", "lorsqu'", "quand", "dont", "puisque"}
)


def _coordination(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "..., et vous devez ..." -> "... . Vous devez ..." when both sides are full clauses."""
    token = tokens[position]
    word = token.lower
    if word not in _CONNECTORS or token.pos not in {"CCONJ", "ADV", "SCONJ"}:
        return None
    if tokens[position + 1].lower.replace("’", "'") in _SUBORDINATE_OPENERS:
        return None  # "si vous ... et où la téléassistance ...": a second condition, not a clause
    verb = doc.tokens[token.head]
    if verb.i == token.i or not _is_clause(doc, verb):
        return _clause_after(doc, tokens, position)
    if any(c.dep == "mark" for c in doc.children(verb)):
        return None  # "et qu'il ...": a subordinate clause cannot stand alone
    first = doc.tokens[verb.head] if verb.dep == "conj" else None
    if first is not None and first.dep == "xcomp" and not _is_clause(doc, first):
        first = doc.tokens[first.head]  # "ne pourra pas donner lieu ... et vous serez invitée"
    if first is None or first.start > token.start or not _is_clause(doc, first):
        return None
    subject = next((c for c in doc.children(verb) if c.dep in _SUBJECT_DEPS), None)
    if subject is None or not _agrees(doc, subject, verb):
        # "..., et vous informons que": "vous" is the object of a verb whose subject is the
        # first clause's ("Nous")
        return shared_subject(doc, tokens, position, first)
    if subject.start < token.start or subject.i - token.i > 3:
        return None  # the new sentence must start with its subject
    if subject.pos not in {"PRON", "NOUN", "PROPN"} or subject.feature("NumType"):
        return None
    following = tokens[position + 1]
    previous = tokens[position - 1]
    start = previous.start if previous.text == "," else token.start
    if start == token.start and doc.text[start - 1 : start] == " ":
        start -= 1
    new = ". " + _CONNECTORS[word]
    cut = _cut(
        start, following.start, new, following.start, f"Couper la phrase avant « {token.text} »."
    )
    if _CONNECTORS[word]:
        return Suggestion(
            edits=cut.edits,
            safety=cut.safety,
            explanation=cut.explanation,
            replacement=new,
            capitalise_at=(),
        )
    return cut


def _agrees(doc: Document, subject: Token, verb: Token) -> bool:
    """A subject pronoun and its verb's person and number ("vous informons" does not)."""
    wanted = SUBJECT_PERSON.get(subject.lower.replace("’", "'"))
    if wanted is None:
        return True
    finite = verb
    if verb.feature("VerbForm") != "Fin":
        finite = next(
            (c for c in doc.children(verb) if c.feature("VerbForm") == "Fin" and c.i < verb.i),
            verb,
        )
    person, number = verb_features(doc, finite)[3:5]
    return person is None or (person, number) == wanted


def _clause_after(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "nous avons recalculé vos droits et un indu de 245 € a été mis à votre charge": the
    parser joined the two nouns, but "et" starts a clause with its own subject (a noun
    phrase followed by a finite verb of the same number) after a clause with its own verb."""
    token = tokens[position]
    if token.lower != "et":
        return None
    if not any(t.feature("VerbForm") == "Fin" for t in tokens[:position]):
        return None
    rest = tokens[position + 1 :]
    if not rest or rest[0].pos != "DET":
        return None
    head: Token | None = None
    for index, word in enumerate(rest[1:12], start=1):
        if word.lower in {"ne", "n'", "n’"}:
            continue
        if word.feature("VerbForm") == "Fin" and word.pos in {"VERB", "AUX"}:
            if head is None or index < 2:
                return None
            if (word.feature("Number") or "Sing") != (head.feature("Number") or "Sing"):
                return None
            previous = tokens[position - 1]
            start = previous.start if previous.text == "," else token.start
            if start == token.start and doc.text[start - 1 : start] == " ":
                start -= 1
            return _cut(start, rest[0].start, ". ", rest[0].start, "Couper la phrase avant « et ».")
        if word.pos in {"VERB", "AUX", "PUNCT", "SCONJ", "PRON", "CCONJ"}:
            return None
        if head is None and word.pos == "NOUN":
            head = word
    return None


# Words in "-ant" that are prepositions or adjectives, not the verb of a participle clause.
_NOT_PARTICIPLES = frozenset(
    {
        "suivant",
        "concernant",
        "durant",
        "pendant",
        "correspondant",
        "moyennant",
        "cependant",
        "échéant",  # "le cas échéant" is a set phrase ("si besoin"), not a clause
    }
)


def _present_participle(token: Token) -> bool:
    if token.lower in _NOT_PARTICIPLES or not token.lower.endswith("ant"):
        return False
    return token.pos in {"VERB", "AUX"} or token.feature("VerbForm") == "Part"


def _absolute_participle(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ ", votre dossier ayant été examiné le 3 mars" -> ". Votre dossier a été examiné le 3
    mars"; ", les frais restant à votre charge." -> ". Les frais restent à votre charge." (a
    participle clause with its own subject, at the end of the sentence, becomes a sentence)."""
    token = tokens[position]
    if not _present_participle(token):
        return None
    negated = tokens[position - 1].lower in {"ne", "n'", "n’"}
    phrase_end = position - 1 if negated else position
    comma_index = next((i for i in range(phrase_end - 1, 0, -1) if tokens[i].text == ","), None)
    if comma_index is None or phrase_end - comma_index > 30:
        return None
    phrase = tokens[comma_index + 1 : phrase_end]
    if not phrase or (phrase[0].pos != "DET" and [t.lower for t in phrase] not in _DEMONSTRATIVES):
        return None
    if any(t.lower in {"et", "ou"} for t in tokens[max(0, comma_index - 4) : comma_index]):
        return None  # "..., un justificatif et, si besoin, la copie du jugement fixant ...": a list
    attached = doc.tokens[token.head]
    if (
        attached.pos == "NOUN"
        and attached in phrase
        and attached is not next((t for t in phrase if t.pos in {"NOUN", "PRON", "PROPN"}), None)
    ):
        return None  # "la copie du jugement fixant la résidence": the participle describes a noun
    if any(
        t.pos in {"PUNCT", "SCONJ"} or t.feature("VerbForm") == "Fin" or t.lower in {"qui", "que"}
        for t in phrase
    ):
        return None
    if not any(t.feature("VerbForm") == "Fin" for t in tokens[:comma_index]):
        return None  # the first part must stand as a sentence
    clause = token if token.pos == "VERB" else doc.tokens[token.head]
    clause_end = max(subtree_bounds(doc, clause)[1], token.end)
    if any(
        t.feature("VerbForm") == "Fin"
        and t.pos in {"VERB", "AUX"}
        and t.start >= clause_end
        and t.dep != "acl:relcl"  # "dans un regard dont un véhicule obstruait l'accès"
        for t in tokens[position:]
    ):
        return None  # "la distance séparant ..., mesurée ..., est de": the subject of a verb
    head = next((t for t in phrase if t.pos in {"NOUN", "PRON", "PROPN"}), None)
    if head is None:
        return None
    number = head.feature("Number") or "Sing"
    lemma = token.lemma.lower() if token.lemma.lower().endswith(("er", "ir", "re", "oir")) else ""
    form = conjugate(lemma, "Fin", "Ind", "Pres", "3", number) if lemma else None
    if form is None:
        return None
    comma = tokens[comma_index]
    return Suggestion(
        edits=(Edit(comma.start, phrase[0].start, ". "), Edit(token.start, token.end, form)),
        safety=Safety.UNSAFE,
        explanation="Faire de la proposition participe une phrase à part.",
        capitalise_at=(phrase[0].start,),
    )


_DEMONSTRATIVES = [["celui-ci"], ["celle-ci"], ["ceux-ci"], ["celles-ci"]]
_SUBJUNCTIVE_GOVERNORS = frozenset(
    {"condition", "pour", "afin", "avant", "sans", "bien", "pourvu", "faut", "soit", "veille"}
)


def _second_that(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "Nous vous rappelons que A et que B." -> "Nous vous rappelons que A. B.": a second
    clause introduced by "que" stands alone."""
    token = tokens[position]
    if token.lower.replace("’", "'") not in {"que", "qu'"}:
        return None
    before = tokens[position - 1]
    if before.lower not in {"et", ","}:
        return None
    earlier = [
        t
        for i, t in enumerate(tokens[: position - 1])
        if t.lower.replace("’", "'") in {"que", "qu'"}
        and (i == 0 or tokens[i - 1].lower not in BEFORE_LOCUTION_QUE)
    ]  # "ainsi que du rapport": no clause opened there
    if not earlier or (token.dep != "mark" and earlier[0].dep != "mark"):
        return None  # "les pièces que vous avez remplies et que vous avez signées": relatives
    governor = doc.tokens[earlier[0].i - 1] if earlier[0].i > 0 else None
    if governor is not None and governor.lower in _SUBJUNCTIVE_GOVERNORS:
        return None  # "à condition que A, qu'elle ait ...": clauses that cannot stand alone
    if any(t.feature("Mood") == "Sub" for t in tokens[earlier[0].i - tokens[0].i :]):
        return None
    following = tokens[position + 1]
    if not following.is_word or following.pos not in {"PRON", "DET", "PROPN", "NOUN"}:
        return None  # "et qu'à défaut": no subject right after
    if len([t for t in tokens[position + 1 :] if t.is_word]) < 4:
        return None
    edits: list[Edit] = []
    capitals: list[int] = []
    for index in range(position, len(tokens) - 1):
        that, previous = tokens[index], tokens[index - 1]
        if that.lower.replace("’", "'") not in {"que", "qu'"} or previous.lower not in {"et", ","}:
            continue
        if index != position and that.dep != "mark" and earlier[0].dep != "mark":
            continue
        subject = tokens[index + 1]
        if not subject.is_word or subject.pos not in {"PRON", "DET", "PROPN", "NOUN"}:
            return None  # one clause of the series cannot stand alone: keep them together
        start = previous.start
        if previous.lower == "et" and tokens[index - 2].text == ",":
            start = tokens[index - 2].start
        elif doc.text[start - 1 : start] == " ":
            start -= 1
        edits.append(Edit(start, subject.start, ". "))
        capitals.append(subject.start)
    return Suggestion(
        edits=tuple(edits),
        safety=Safety.UNSAFE,
        explanation="Couper la phrase avant « que » : une idée par phrase.",
        replacement=". ",
        capitalise_at=tuple(capitals),
    )


def starts_with_vowel(word: str) -> bool:
    return word[:1].lower() in "aàâeéèêiîoôuùûyh"


def _is_clause(doc: Document, verb: Token) -> bool:
    if verb.pos not in {"VERB", "AUX", "ADJ", "NOUN"}:
        return False
    if verb.feature("VerbForm") == "Fin":
        return True
    before = doc.tokens[verb.i - 1] if verb.i > 0 else None
    if (
        before is not None
        and before.lemma in {"être", "avoir"}
        and before.feature("VerbForm") == "Fin"
        and verb.feature("VerbForm") == "Part"
    ):
        return True  # "vous serez invitée": the tagger may not call "serez" an auxiliary
    return any(
        c.dep in {"aux:tense", "aux:pass", "cop"} and c.feature("VerbForm") == "Fin"
        for c in doc.children(verb)
    )


def _that_is(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ ", ce qui entraîne ..." -> ". Cela entraîne ..."."""
    token = tokens[position]
    if token.lower != "ce" or tokens[position - 1].text != ",":
        return None
    following = tokens[position + 1]
    if following.lower != "qui":
        return None
    return _cut(
        tokens[position - 1].start,
        following.end,
        ". Cela",
        following.end,
        "Couper la phrase : « cela » reprend ce qui précède.",
    )


def _gerunds(doc: Document, tokens: list[Token]) -> Suggestion | None:
    """Gerunds after an obligation become instructions: "vous devez prévenir votre conseiller,
    en précisant le motif et en fournissant un justificatif" -> "... . Précisez le motif et
    fournissez un justificatif"."""
    if not any(t.lower == "vous" and t.dep in {"nsubj", "nsubj:pass"} for t in tokens):
        return None
    edits: list[Edit] = []
    capitals: tuple[int, ...] = ()
    for index in range(1, len(tokens) - 1):
        token, verb = tokens[index], tokens[index + 1]
        if (
            token.lower != "en"
            or verb.feature("VerbForm") != "Part"
            or verb.feature("Tense") != "Pres"
        ):
            continue
        imperative = conjugate(verb.lemma, "Fin", "Imp", "Pres", "2", "Plur")
        if imperative is None:
            return None
        previous = tokens[index - 1]
        if previous.text == "," and not edits:
            edits.append(Edit(previous.start, verb.end, f". {capitalise(imperative)}"))
        elif previous.lower == "et" and edits:
            edits.append(Edit(token.start, verb.end, imperative))
        else:
            return None
    if not edits:
        return None
    return Suggestion(
        edits=tuple(edits),
        safety=Safety.UNSAFE,
        capitalise_at=capitals,
        explanation="Dire directement au lecteur ce qu'il doit faire.",
    )


def _colon(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "... : il manque deux documents." -> "... . Il manque deux documents."."""
    token = tokens[position]
    if token.text != ":":
        return None
    rest = tokens[position + 1 :]
    if len([t for t in rest if t.is_word]) < 4:
        return None
    before = tokens[position - 1].lower
    if before in {"suivants", "suivantes", "suit", "exemple", "notamment", "dire", "ci-après"}:
        return None
    if len([t for t in tokens[:position] if t.is_word]) < 4:
        return None  # "IMPORTANT : ..." is a label, not a sentence
    # the clause comes first, before any comma: "pièce d'identité, ..., et tout document que
    # vous jugeriez utile" is a list whose last item holds a relative clause
    first_part = next((i for i, t in enumerate(rest) if t.text in {",", ";"}), len(rest))
    if rest[0].pos in {"ADP", "ADV", "SCONJ"}:
        first_part = len(rest)  # ": sans transmission des éléments, le dossier ...": an opener
    has_clause = any(
        t.feature("VerbForm") == "Fin" and any(c.dep in _SUBJECT_DEPS for c in doc.children(t))
        for t in rest[:first_part]
    )
    if not has_clause or rest[0].pos in {"NUM", "PROPN"}:
        return None
    start = tokens[position - 1].end
    return _cut(start, rest[0].start, ". ", rest[0].start, "Couper la phrase aux deux-points.")


# -- lists ----------------------------------------------------------------------------------
