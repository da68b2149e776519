"""Sentence rewriters: cutting long sentences, lists, passive to active.

Cuts are small edits on separators (", et vous" -> ". Vous"), so that they never collide with
the word substitutions inside the clauses; the capital of the new sentence is asked for with
`capitalise_at` and made by the rewrite planner.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from simplify.document import Document, Token
from simplify.rewrite.inflect import (
    capitalise,
    conjugate,
    determiner_for,
    match_case,
    noun_gender,
)
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

_LIST_INTRODUCERS = frozenset({"suivants", "suivantes", "notamment"})


def inline_list(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Envoyez votre avis, un justificatif et une pièce d'identité." -> a bulleted list."""
    from simplify.rules.detectors.clauses import _enumerations

    doc, text = ctx.doc, ctx.doc.text
    sentence = next(
        (i for i, s in enumerate(doc.sentences) if s.start <= finding.start < s.end), None
    )
    if sentence is None:
        return []
    tokens = [t for t in doc.sentence_tokens[sentence] if t.pos != "SPACE"]
    items = next(
        (found for found in _enumerations(tokens, 3) if found[0][0].start == finding.start), None
    )
    if items is None:
        return []
    first = items[0][0]
    before = doc.tokens[first.i - 1] if first.i > 0 else None
    if before is None or before.sentence != first.sentence:
        return []
    verb_like = before.pos in {"VERB", "AUX"} or before.lower.endswith(("ez", "er", "ir", "re"))
    if before.text == ":":
        edits_start = [Edit(before.start, first.start, ":\n- ")]
    elif verb_like or before.lower in _LIST_INTRODUCERS:
        edits_start = [Edit(before.end, first.start, " :\n- ")]
    else:
        return []  # "Envoyez" may be tagged as a proper noun at the start of a sentence
    after = text[items[-1][-1].end :].lstrip(" \u00a0")
    if not after.startswith((".", "\n", "(")) and after:
        return []  # the list must end the sentence (a parenthesis may close the last item)
    if (
        any(t.lower == "ou" for item in items for t in item[:1])
        or " ou " in text[items[-2][-1].end : items[-1][0].start]
    ):
        return []  # alternatives read badly as a list
    edits = edits_start
    for previous, current in itertools.pairwise(items):
        edits.append(Edit(previous[-1].end, current[0].start, "\n- "))
    return [
        Suggestion(
            edits=tuple(edits),
            safety=Safety.UNSAFE,
            explanation="Présenter les éléments en liste à puces.",
        )
    ]


_SOIT = re.compile(r"(?i)\bsoit ([^,;.]{3,120}?), soit ([^;.]{3,160}?)(?=[.;]|$)")


def alternatives_list(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Payez soit par chèque, soit par virement." -> a list of the two ways."""
    doc = ctx.doc
    sentence = next((s for s in doc.sentences if s.start == finding.start), None)
    if sentence is None:
        return []
    text = ctx.lookup_text
    match = _SOIT.search(text, sentence.start, sentence.end)
    if match is None or ctx.opaque(match.start(), match.end()):
        return []
    first_soit = Edit(
        match.start() - (1 if text[match.start() - 1] == " " else 0), match.start(1), " :\n- "
    )
    second = Edit(match.end(1), match.start(2), "\n- ")
    return [
        Suggestion(
            edits=(first_soit, second),
            safety=Safety.UNSAFE,
            explanation="Présenter les deux possibilités en liste.",
        )
    ]


# -- passive to active ------------------------------------------------------------------------

_ACTIVE_TENSE = {  # passive auxiliary -> (auxiliary for a compound active, or None, mood, tense)
    "est": (None, "Ind", "Pres"),
    "sont": (None, "Ind", "Pres"),
    "était": (None, "Ind", "Imp"),
    "étaient": (None, "Ind", "Imp"),
    "sera": (None, "Ind", "Fut"),
    "seront": (None, "Ind", "Fut"),
    "serait": (None, "Cnd", "Pres"),
    "seraient": (None, "Cnd", "Pres"),
    "soit": (None, "Sub", "Pres"),
    "soient": (None, "Sub", "Pres"),
    "fut": (None, "Ind", "Past"),
    "furent": (None, "Ind", "Past"),
}
_COMPOUND = {
    "a": ("Ind", "Pres"),
    "ont": ("Ind", "Pres"),
    "avait": ("Ind", "Imp"),
    "avaient": ("Ind", "Imp"),
    "aura": ("Ind", "Fut"),
    "auront": ("Ind", "Fut"),
    "aurait": ("Cnd", "Pres"),
    "auraient": ("Cnd", "Pres"),
    "ait": ("Sub", "Pres"),
    "aient": ("Sub", "Pres"),
}
# Actions an administration does itself: without an agent, "nous" is proposed.
_SENDER_ACTIONS = frozenset(
    {
        "examiner",
        "transmettre",
        "verser",
        "accorder",
        "refuser",
        "attribuer",
        "envoyer",
        "étudier",
        "notifier",
        "calculer",
        "recalculer",
        "fixer",
        "réduire",
        "suspendre",
        "supprimer",
        "rejeter",
        "accepter",
        "enregistrer",
        "valider",
        "convoquer",
        "instruire",
        "réviser",
        "adresser",
        "prélever",
        "rembourser",
        "informer",
        "traiter",
        "clôturer",
        "annuler",
        "modifier",
        "contrôler",
        "vérifier",
        "payer",
        "régler",
        "désigner",
    }
)


def passive_to_active(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Votre demande a été examinée par la commission" -> "La commission a examiné votre
    demande"; without an agent, "nous" (the sender) when the verb is one of its actions."""
    doc = ctx.doc
    span_tokens = [t for t in doc.tokens_between(finding.start, finding.end) if t.is_word]
    if not span_tokens:
        return []
    verb = span_tokens[-1]
    auxiliaries = [t for t in span_tokens[:-1] if t.pos in {"AUX", "VERB"}]
    subject = next((c for c in doc.children(verb) if c.dep in {"nsubj:pass", "nsubj"}), None)
    if subject is None or not auxiliaries:
        return []
    subject_start, subject_end = _np_bounds(doc, subject, limit=auxiliaries[0].start)
    if doc.text[subject_end : auxiliaries[0].start].strip():
        return []  # something stands between the subject and the verb
    agent = next((c for c in doc.children(verb) if c.dep == "obl:agent"), None)
    end = verb.end
    if agent is not None:
        par = doc.tokens[verb.i + 1] if verb.i + 1 < len(doc.tokens) else None
        if par is None or par.lower != "par":
            return []
        agent_start, agent_end = _np_bounds(doc, agent, limit=None, start_after=par.end)
        agent_text = doc.text[agent_start:agent_end]
        person, number = _person_of(agent)
        end = agent_end
    else:
        if verb.lemma not in _SENDER_ACTIONS:
            return []
        agent_text, person, number = "nous", "1", "Plur"
    active = _active_verb(verb, auxiliaries, person, number)
    if active is None:
        return []
    subject_text = doc.text[subject_start:subject_end]
    if subject.lower in {"vous", "nous"}:
        new = f"{agent_text} {subject.lower} {active}"
    elif subject.pos == "PRON":
        return []
    else:
        new = f"{agent_text} {active} {_lower_first(subject_text)}"
    if any(s.start == subject_start for s in doc.sentences):
        new = capitalise(new)
    else:
        new = match_case(subject_text, new) if agent is None else new
    safety = Safety.UNSAFE
    why = "Mettre à la forme active : dire qui fait l'action."
    return [
        Suggestion(
            edits=(Edit(subject_start, end, new),), safety=safety, explanation=why, replacement=new
        )
    ]


def _np_bounds(
    doc: Document, head: Token, limit: int | None, start_after: int | None = None
) -> tuple[int, int]:
    start, end = head.start, head.end
    for child in doc.children(head):
        if child.sentence != head.sentence or child.pos == "PUNCT":
            continue
        if limit is not None and child.end > limit:
            continue
        if start_after is not None and child.start < start_after:
            continue
        if child.dep not in _NP_DEPS or (child.dep == "nmod" and not _has_de(doc, child)):
            continue  # a date or a place attached to the noun is not part of it
        start = min(start, child.start)
        end = max(end, _subtree_end(doc, child))
    return start, end


_NP_DEPS = frozenset({"det", "amod", "nmod", "flat:name", "nummod", "fixed", "compound"})


def _has_de(doc: Document, token: Token) -> bool:
    return any(
        c.dep == "case" and c.lower in {"de", "d'", "du", "des"} for c in doc.children(token)
    )


def _subtree_end(doc: Document, token: Token) -> int:
    end = token.end
    for child in doc.children(token):
        if child.sentence == token.sentence and child.pos != "PUNCT":
            end = max(end, _subtree_end(doc, child))
    return end


def _person_of(agent: Token) -> tuple[str, str]:
    if agent.lower == "vous":
        return "2", "Plur"
    if agent.lower == "nous":
        return "1", "Plur"
    return "3", agent.feature("Number") or "Sing"


def _active_verb(verb: Token, auxiliaries: list[Token], person: str, number: str) -> str | None:
    words = [a.lower for a in auxiliaries]
    if "été" in words:
        have = next((w for w in words if w in _COMPOUND), None)
        if have is None:
            return None
        mood, tense = _COMPOUND[have]
        auxiliary = conjugate("avoir", "Fin", mood, tense, person, number)
        participle = conjugate(verb.lemma, "Part", None, "Past", None, "Sing", "Masc")
        if auxiliary is None or participle is None:
            return None
        return f"{auxiliary} {participle}"
    passive = next((w for w in words if w in _ACTIVE_TENSE), None)
    if passive is None:
        return None
    _, mood, tense = _ACTIVE_TENSE[passive]
    return conjugate(verb.lemma, "Fin", mood, tense, person, number)


_LOWER_DETERMINERS = (
    "L'",
    "L’",
    "Le ",
    "La ",
    "Les ",
    "Votre ",
    "Vos ",
    "Ce ",
    "Cet ",
    "Cette ",
    "Ces ",
    "Un ",
    "Une ",
    "Des ",
    "Son ",
    "Sa ",
    "Ses ",
    "Notre ",
    "Nos ",
    "Leur ",
    "Leurs ",
    "Tout ",
    "Toute ",
)


def _lower_first(text: str) -> str:
    """A subject moved after the verb loses its capital ("L'APA" -> "l'APA")."""
    if text.startswith(_LOWER_DETERMINERS):
        return text[:1].lower() + text[1:]
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower() and first[:1].isupper():
        return text[:1].lower() + text[1:]
    return text


_OBJECT = re.compile(r"fai\w* l['’]objet d['’](?:une?\s)", re.IGNORECASE)


def faire_l_objet(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Votre dossier fera l'objet d'un contrôle" -> "Nous contrôlerons votre dossier"."""
    from simplify.rules.detectors.clauses import NOMINALISATIONS

    doc = ctx.doc
    tokens = [t for t in doc.tokens_between(finding.start, finding.end + 40) if t.is_word]
    if len(tokens) < 5 or tokens[0].lemma != "faire":
        return []
    faire = tokens[0]
    noun = next((t for t in tokens[3:6] if t.pos == "NOUN"), None)
    if noun is None or not _OBJECT.match(ctx.lookup_text, faire.start):
        return []
    target = NOMINALISATIONS.get(noun.lemma.lower())
    subject = next((c for c in doc.children(faire) if c.dep == "nsubj"), None)
    if target is None or subject is None or subject.pos == "PRON":
        return []
    subject_start, subject_end = _np_bounds(doc, subject, limit=faire.start)
    if doc.text[subject_end : faire.start].strip():
        return []
    from simplify.rewrite.words import verb_features

    _, mood, tense, _, _, _ = verb_features(doc, faire)
    form = conjugate(target, "Fin", mood or "Ind", tense or "Pres", "1", "Plur")
    if form is None:
        return []
    new = f"nous {form} {_lower_first(doc.text[subject_start:subject_end])}"
    if any(s.start == subject_start for s in doc.sentences):
        new = capitalise(new)
    return [
        Suggestion(
            edits=(Edit(subject_start, noun.end, new),),
            safety=Safety.UNSAFE,
            explanation=f"Dire qui agit : « {new} ».",
            replacement=new,
        )
    ]
