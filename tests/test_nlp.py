"""The paragraph (and sentence) cache: an edit re-parses only what it touched."""

from __future__ import annotations

from simplify.build import build_document
from simplify.nlp import BlockParser, load_pipeline

TEXT = (
    "Objet : aide\n\nMadame,\n\nVotre dossier est complet. Nous l'étudierons en mars.\n\n"
    "Vous recevrez une réponse écrite. Appelez-nous au besoin.\n"
)


def test_nlp_edit_reparses_only_the_changed_sentence() -> None:
    parser = BlockParser(load_pipeline())
    first = build_document(TEXT, parser=parser)
    misses = parser.misses
    edited = build_document(TEXT.replace("mars", "avril"), parser=parser)
    assert parser.misses - misses == 1
    assert [t.text for t in edited.tokens if t.text == "avril"] == ["avril"]
    assert len(edited.tokens) == len(first.tokens)


def test_nlp_cached_result_equals_fresh_parse() -> None:
    cached = BlockParser(load_pipeline())
    build_document(TEXT, parser=cached)
    again = build_document(TEXT, parser=cached)
    fresh = build_document(TEXT, parser=BlockParser(load_pipeline()))
    assert again.tokens == fresh.tokens


def test_nlp_model_is_loaded_once() -> None:
    assert load_pipeline() is load_pipeline()


NAMED = (
    "Objet : visite\n\nMadame,\n\nMme Claire Dubourg viendra chez vous le 3 mars. "
    "Elle évaluera vos besoins.\n"
)


def test_nlp_carrying_parser_marks_known_names_in_new_sentences() -> None:
    parser = BlockParser(load_pipeline())
    first = build_document(NAMED, parser=parser)
    names = [(s.kind, s.text) for s in first.protected if s.kind.value == "name"]
    assert names, "the recogniser finds the evaluator's name in the letter"
    rewritten = NAMED.replace("viendra chez vous", "passera chez vous")
    carrying = parser.carrying(("PER", text) for _, text in names)
    light = build_document(rewritten, parser=carrying)
    assert [(s.kind, s.text) for s in light.protected if s.kind.value == "name"] == names
    # the sentence left as it was comes from the shared cache, parsed in full
    assert carrying.hits >= 1
    # the same parse otherwise: only the recogniser was left out
    full = build_document(rewritten, parser=BlockParser(load_pipeline()))
    assert [(t.text, t.pos, t.dep, t.head) for t in light.tokens] == [
        (t.text, t.pos, t.dep, t.head) for t in full.tokens
    ]
