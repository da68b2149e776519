"""Detectors on hand-built documents: no model needed to test the logic."""

from __future__ import annotations

from simplify.document import Block, BlockKind, Document, Sentence, Token
from simplify.rules.context import Context
from simplify.rules.detectors.negation import negations
from simplify.rules.detectors.voice import passive
from simplify.rules.registry import load_builtin

RULES = load_builtin()


def _doc(words: list[tuple[str, str, str, int, str, str]]) -> Document:
    """Words as (text, lemma, pos, head, dep, morph); one paragraph, one sentence."""
    text = ""
    tokens = []
    for index, (word, lemma, pos, head, dep, morph) in enumerate(words):
        if text and word not in {".", ","}:
            text += " "
        start = len(text)
        text += word
        tokens.append(Token(index, start, len(text), word, lemma, pos, dep, head, morph))
    block = Block(BlockKind.PARAGRAPH, 0, len(text), 0)
    return Document(text, [block], [Sentence(0, len(text), 0)], tokens, [])


def test_detector_passive_from_parse_without_model() -> None:
    doc = _doc(
        [
            ("Votre", "votre", "DET", 1, "det", ""),
            ("demande", "demande", "NOUN", 4, "nsubj:pass", ""),
            ("a", "avoir", "AUX", 4, "aux:tense", "VerbForm=Fin"),
            ("été", "être", "AUX", 4, "aux:pass", "VerbForm=Part"),
            ("examinée", "examiner", "VERB", 4, "ROOT", "Tense=Past|VerbForm=Part|Voice=Pass"),
            (".", ".", "PUNCT", 4, "punct", ""),
        ]
    )
    context = Context(doc, RULES.profile("clair"), RULES.resources)
    rule = RULES.find("PAS-001")
    hits = list(passive(context, rule.params))  # type: ignore[union-attr]
    assert [doc.text[h.start : h.end] for h in hits] == ["a été examinée"]


def test_detector_negation_pairs_ne_with_its_particle() -> None:
    doc = _doc(
        [
            ("Vous", "vous", "PRON", 2, "nsubj", ""),
            ("n'", "ne", "ADV", 2, "advmod", "Polarity=Neg"),
            ("avez", "avoir", "VERB", 2, "ROOT", "VerbForm=Fin"),
            ("pas", "pas", "ADV", 2, "advmod", "Polarity=Neg"),
            ("répondu", "répondre", "VERB", 2, "xcomp", "VerbForm=Part"),
            (".", ".", "PUNCT", 2, "punct", ""),
        ]
    )
    found = list(negations(doc))
    assert [(n.ne.text, n.particle.text if n.particle else None) for n in found] == [("n'", "pas")]


def test_detector_expletive_ne_is_not_a_negation() -> None:
    doc = _doc(
        [
            ("avant", "avant", "ADP", 3, "mark", ""),
            ("qu'", "que", "SCONJ", 3, "mark", ""),
            ("il", "il", "PRON", 3, "nsubj", ""),
            ("ne", "ne", "ADV", 4, "advmod", ""),
            ("soit", "être", "AUX", 5, "cop", "Mood=Sub"),
            ("tard", "tard", "ADV", 5, "ROOT", ""),
            (".", ".", "PUNCT", 5, "punct", ""),
        ]
    )
    assert list(negations(doc)) == []
