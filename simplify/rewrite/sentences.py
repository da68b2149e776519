"""Cutting long sentences: at coordinated and relative clauses, semicolons, colons, gerunds,
purposes and legal references.

Cuts are small edits on separators (", et vous" -> ". Vous"), so that they never collide with
the word substitutions inside the clauses; the capital of the new sentence is asked for with
`capitalise_at` and made by the rewrite planner.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from simplify.document import Document, Token
from simplify.rewrite.inflect import (
    capitalise,
    conjugate,
    determiner_for,
    noun_gender,
)
from simplify.rewrite.lists import alternatives_list
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
_PRONOUNS = {
    ("Masc", "Sing"): "il",
    ("Fem", "Sing"): "elle",
    ("Masc", "Plur"): "ils",
    ("Fem", "Plur"): "elles",
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
    suggestions: list[Suggestion] = []
    for position, _token in enumerate(tokens):
        if position == 0 or position >= len(tokens) - 2:
            continue
        cut = (
            _semicolon(doc, tokens, position)
            or _coordination(doc, tokens, position)
            or _relative(doc, tokens, position)
            or _colon(doc, tokens, position)
            or _purpose(doc, tokens, position)
            or _that_is(doc, tokens, position)
            or _absolute_participle(doc, tokens, position)
        )
        if cut is not None and not ctx.opaque(cut.edits[0].start, cut.edits[0].end):
            suggestions.append(cut)
    suggestions.extend(alternatives_list(ctx, finding))
    moved = _legal_reference(ctx, sentence)
    if moved is not None:
        suggestions.append(moved)
    gerunds = _gerunds(doc, tokens)
    if gerunds is not None:
        suggestions.append(gerunds)
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
    if comma is None or comma.text != "," or doc.text[clause_end : comma.start].strip():
        return None
    rest = [t for t in tokens if t.start > comma.start]
    if not any(t.feature("VerbForm") == "Fin" and t.dep in {"ROOT"} for t in rest):
        return None
    following = next((t for t in rest if t.is_word), None)
    if following is None:
        return None
    first = doc.tokens[si.i + 1]
    deletion_end = first.start
    return Suggestion(
        edits=(Edit(si.start, deletion_end, ""), Edit(comma.start, following.start, " ? ")),
        safety=Safety.UNSAFE,
        explanation="Poser la condition comme une question, puis donner la réponse.",
        capitalise_at=(deletion_end, following.start),
    )


def _purpose(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "..., afin de compléter votre dossier." -> "... . Cela permettra de compléter ..."."""
    token = tokens[position]
    if token.lower != "afin" or tokens[position - 1].text != ",":
        return None
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


_LEGAL_LEAD = re.compile(
    r"(?i)(?:conformément (?:à|aux)|selon|en application (?:de|des|du)|en vertu (?:de|des|du)|"
    r"au titre (?:de|des|du)|aux termes (?:de|des|du)|vu)\s+(?:l['’]|les\s|la\s|le\s)?$"
)


def _legal_reference(ctx: Context, sentence: int) -> Suggestion | None:
    """ "Conformément à l'article L. 262-46 du CASF, vous devez ..." -> "Vous devez ... . Cette
    règle est écrite dans l'article L. 262-46 du CASF." The reference is kept, whole."""
    from simplify.document import ProtectedKind

    doc = ctx.doc
    bounds = doc.sentences[sentence]
    text = ctx.lookup_text
    for span in doc.protected_of_kind(ProtectedKind.LEGAL_REFERENCE):
        if not bounds.start <= span.start < bounds.end:
            continue
        lead = _LEGAL_LEAD.search(text, max(bounds.start, span.start - 40), span.start)
        if lead is None:
            continue
        start, end = lead.start(), span.end
        at_start = start == bounds.start
        before = text[bounds.start : start].rstrip()
        acronym = re.match(r"\s*\([A-Z]{2,8}\)", text[end : bounds.end])
        if acronym:
            end += acronym.end()
        after = text[end : bounds.end].lstrip()
        if at_start and after.startswith(","):
            cut_end = end + (len(text[end : bounds.end]) - len(after)) + 1
            while cut_end < bounds.end and text[cut_end] == " ":
                cut_end += 1
            deletion = Edit(start, cut_end, "")
            capital: tuple[int, ...] = (cut_end,)
        elif before.endswith(",") and (after[:1] in {".", ","} or not after):
            comma = text.rindex(",", bounds.start, start)
            deletion = Edit(comma, end, "")
            capital = ()
        else:
            continue
        reference = doc.text[span.start : span.end]
        insertion = _rule_sentence(reference)
        final = bounds.end
        sentence_text = doc.text[bounds.start : bounds.end].rstrip()
        if sentence_text.endswith((":", ";", ",")):
            continue  # a list follows: nothing can be added after the sentence
        addition = f" {insertion}" if sentence_text.endswith((".", "!", "?")) else f". {insertion}"
        return Suggestion(
            edits=(deletion, Edit(final, final, addition)),
            safety=Safety.UNSAFE,
            explanation="Sortir la référence juridique de la phrase et la donner à la fin.",
            capitalise_at=capital,
        )
    return None


def _rule_sentence(reference: str) -> str:
    lower = reference.lower()
    if lower.startswith("articles"):
        determiner = "les "
    elif lower.startswith(("article", "arrêté")):
        determiner = "l'"
    elif lower.startswith("loi"):
        determiner = "la "
    else:
        determiner = "le "
    return f"Cette règle se trouve dans {determiner}{reference}."


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


def _coordination(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "..., et vous devez ..." -> "... . Vous devez ..." when both sides are full clauses."""
    token = tokens[position]
    word = token.lower
    if word not in _CONNECTORS or token.pos not in {"CCONJ", "ADV", "SCONJ"}:
        return None
    verb = doc.tokens[token.head]
    if verb.i == token.i or not _is_clause(doc, verb):
        return None
    if any(c.dep == "mark" for c in doc.children(verb)):
        return None  # "et qu'il ...": a subordinate clause cannot stand alone
    first = doc.tokens[verb.head] if verb.dep == "conj" else None
    if first is None or first.start > token.start or not _is_clause(doc, first):
        return None
    subject = next((c for c in doc.children(verb) if c.dep in _SUBJECT_DEPS), None)
    if subject is None:
        return _shared_subject(doc, tokens, position, first)
    if subject.start < token.start or subject.i - token.i > 3:
        return None  # the new sentence must start with its subject
    if subject.pos not in {"PRON", "NOUN", "PROPN"} or subject.feature("NumType"):
        return None
    following = tokens[position + 1]
    previous = tokens[position - 1]
    start = previous.end if previous.text == "," else token.start
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


_REPEATABLE = frozenset({"nous", "vous", "je", "j'", "il", "elle", "ils", "elles", "on"})


def _shared_subject(
    doc: Document, tokens: list[Token], position: int, first: Token
) -> Suggestion | None:
    """ "La commission a examiné votre demande et a décidé de ..." -> "... . Cette commission a
    décidé de ...": the second verb gets its own subject."""
    token = tokens[position]
    if token.lower != "et":
        return None
    subject = next((c for c in doc.children(first) if c.dep in {"nsubj", "nsubj:pass"}), None)
    if subject is None:
        return None
    if subject.lower in _REPEATABLE:
        repeat = "je" if subject.lower == "j'" else subject.lower
    elif subject.pos == "NOUN":
        gender = subject.feature("Gender") or noun_gender(subject.lower)
        if gender is None:
            return None
        determiner = determiner_for("ce", gender, subject.feature("Number") or "Sing", subject.text)
        noun = subject.text if subject.text.isupper() else subject.text.lower()
        repeat = f"{determiner} {noun}"
    else:
        return None
    following = tokens[position + 1]
    previous = tokens[position - 1]
    start = previous.end if previous.text == "," else token.start - 1
    new = f". {capitalise(repeat)} "
    if following.lower in {"ne", "n'"} or following.pos in {"VERB", "AUX", "PRON", "ADV"}:
        if repeat in {"je"} and starts_with_vowel(following.text):
            new = ". J'"
        return Suggestion(
            edits=(Edit(start, following.start, new),),
            safety=Safety.UNSAFE,
            explanation=f"Couper la phrase et redire le sujet : « {repeat} ».",
            replacement=new,
        )
    return None


def _absolute_participle(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ ", votre dossier ayant été examiné le 3 mars" -> ". Votre dossier a été examiné le 3
    mars" (a participle clause becomes a sentence)."""
    token = tokens[position]
    if token.lower not in {"ayant", "étant"}:
        return None
    comma_index = next((i for i in range(position - 1, 0, -1) if tokens[i].text == ","), None)
    if comma_index is None or position - comma_index > 8:
        return None
    phrase = tokens[comma_index + 1 : position]
    if not phrase or any(t.pos in {"VERB", "AUX", "PUNCT", "SCONJ"} for t in phrase):
        return None
    head = next((t for t in phrase if t.pos in {"NOUN", "PRON", "PROPN"}), None)
    if head is None:
        return None
    number = head.feature("Number") or "Sing"
    lemma = "avoir" if token.lower == "ayant" else "être"
    form = conjugate(lemma, "Fin", "Ind", "Pres", "3", number)
    if form is None:
        return None
    comma = tokens[comma_index]
    return Suggestion(
        edits=(Edit(comma.start, phrase[0].start, ". "), Edit(token.start, token.end, form)),
        safety=Safety.UNSAFE,
        explanation="Faire de la proposition participe une phrase à part.",
        capitalise_at=(phrase[0].start,),
    )


def starts_with_vowel(word: str) -> bool:
    return word[:1].lower() in "aàâeéèêiîoôuùûyh"


def _is_clause(doc: Document, verb: Token) -> bool:
    if verb.pos not in {"VERB", "AUX", "ADJ", "NOUN"}:
        return False
    if verb.feature("VerbForm") == "Fin":
        return True
    return any(
        c.dep in {"aux:tense", "aux:pass", "cop"} and c.feature("VerbForm") == "Fin"
        for c in doc.children(verb)
    )


def _relative(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ ", qui sera examinée en mars." -> ". Cette demande sera examinée en mars."; a relative
    clause inside the sentence moves after it: "Le dossier, qui a été déposé en mars, sera
    traité." -> "Le dossier sera traité. Ce dossier a été déposé en mars."."""
    token = tokens[position]
    if token.lower not in {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}:
        return None
    if tokens[position - 1].text != ",":
        return None
    verb = doc.tokens[token.head]
    if verb.dep != "acl:relcl" or token.dep not in {"nsubj", "nsubj:pass"}:
        return None
    antecedent = doc.tokens[verb.head]
    gender = antecedent.feature("Gender") or noun_gender(antecedent.lower)
    number = antecedent.feature("Number") or "Sing"
    if antecedent.pos != "NOUN" or gender is None or tokens[position - 1].i - antecedent.i > 3:
        return None
    noun = antecedent.text if antecedent.text.isupper() else antecedent.text.lower()
    repeat = f"{determiner_for('ce', gender, number, antecedent.text)} {noun}"
    repeat = repeat.replace("' ", "'")
    comma = tokens[position - 1]
    clause_end = subtree_bounds(doc, verb)[1]
    last_word = next(t for t in reversed(tokens) if t.is_word)
    if clause_end >= last_word.end:
        new = f". {capitalise(repeat)}"
        return Suggestion(
            edits=(Edit(comma.start, token.end, new),),
            safety=Safety.UNSAFE,
            explanation=f"Couper la phrase et répéter « {repeat} ».",
            replacement=new,
        )
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
    if before in {"suivants", "suivantes", "suit", "exemple", "notamment"}:
        return None
    if len([t for t in tokens[:position] if t.is_word]) < 4:
        return None  # "IMPORTANT : ..." is a label, not a sentence
    has_clause = any(
        t.feature("VerbForm") == "Fin" and any(c.dep in _SUBJECT_DEPS for c in doc.children(t))
        for t in rest
    )
    if not has_clause or rest[0].pos in {"NUM", "PROPN"}:
        return None
    start = tokens[position - 1].end
    return _cut(start, rest[0].start, ". ", rest[0].start, "Couper la phrase aux deux-points.")


# -- lists ----------------------------------------------------------------------------------
