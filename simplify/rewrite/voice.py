"""Voice: passive to active when the agent is known ("a été examinée par la commission" ->
"la commission a examiné"), and "faire l'objet de" turns."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from simplify.document import Document, Token
from simplify.rewrite.inflect import (
    capitalise,
    conjugate,
    match_case,
)
from simplify.rules.model import Edit, Safety, Suggestion

if TYPE_CHECKING:
    from simplify.rules.context import Context
    from simplify.rules.model import Finding

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
        if par is None or par.lower != "par" or not _is_agent(doc, agent, par):
            return []
        agent_start, agent_end = _np_bounds(doc, agent, limit=None, start_after=par.end)
        # "l'avis défavorable émis le 26 février par l'ABF": the agent takes its whole phrase
        agent_end = max(agent_end, _subtree_end(doc, agent))
        if doc.text.count("(", agent_start, agent_end) > doc.text.count(
            ")", agent_start, agent_end
        ):
            closing = doc.text.find(")", agent_end)
            if closing < 0:
                return []
            agent_end = closing + 1  # "(ABF)": the bracket closes inside the agent
        if any(t.text in _CLAUSE_MARKS for t in doc.tokens_between(agent_start, agent_end)):
            return []  # an agent does not run over a comma or a semicolon
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


_CLAUSE_MARKS = frozenset({",", ";", ":", ".", "!", "?"})
_NOT_AGENTS = frozenset({"suite", "voie", "biais", "intermédiaire", "moyen", "ailleurs", "exemple"})


def _is_agent(doc: Document, agent: Token, par: Token) -> bool:
    """ "par la commission" names who acts; "par virement", "par courrier" say how (a bare
    noun), and a verb is never an agent (a parse that ran over a semicolon)."""
    if agent.pos not in {"NOUN", "PROPN", "PRON"} or agent.i <= par.i:
        return False
    if agent.lemma.lower() in _NOT_AGENTS:
        return False  # "retrouvée par la suite", "par la voie postale"
    if agent.pos == "NOUN" and not any(c.dep == "det" for c in doc.children(agent)):
        return False
    return all(t.pos not in {"VERB", "AUX", "PUNCT"} for t in doc.tokens[par.i + 1 : agent.i])


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
    from simplify.rules.detectors.nominalisations import NOMINALISATIONS

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
    from simplify.rewrite.verbs import verb_features

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
