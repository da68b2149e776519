"""The Document: Word's typography works everywhere; placeholders are not words."""

from __future__ import annotations

from simplify.build import build_document
from simplify.document import ProtectedKind, normalise_for_lookup
from simplify.readability.counts import word_tokens


def test_document_normalise_for_lookup_keeps_length() -> None:
    text = "l’aide\u00a0: 15\u202f000\u00a0€"
    assert normalise_for_lookup(text) == "l'aide : 15 000 €"
    assert len(normalise_for_lookup(text)) == len(text)


def test_document_typographic_apostrophe_splits_elisions(run) -> None:  # type: ignore[no-untyped-def]
    straight = run("Objet : test\n\nVous recevrez l'aide afférente à l'allocation.")
    curly = run("Objet : test\n\nVous recevrez l’aide afférente à l’allocation.")
    assert [t.text for t in curly.document.tokens if t.is_word][4:6] == ["l’", "aide"]
    assert [(f.rule, f.start, f.end) for f in straight.findings] == [
        (f.rule, f.start, f.end) for f in curly.findings
    ]


def test_document_no_break_spaces_behave_like_spaces(run) -> None:  # type: ignore[no-untyped-def]
    plain = run("Objet : test\n\nLe montant est de 1 245,50 € ; payez avant le 15/07/2024.")
    word = run(
        "Objet\u00a0: test\n\nLe montant est de 1\u202f245,50\u00a0€\u00a0; payez avant le 15/07/2024."
    )
    assert [f.rule for f in plain.findings] == [f.rule for f in word.findings]
    assert plain.metrics.words == word.metrics.words


def test_document_offsets_index_the_original_text() -> None:
    text = "Objet : aide\n\nMadame,\n\nVotre dossier n° 2024-118 est complet. Merci."
    doc = build_document(text)
    for token in doc.tokens:
        assert text[token.start : token.end] == token.text
    for sentence in doc.sentences:
        assert text[sentence.start : sentence.end].strip() == text[sentence.start : sentence.end]


def test_document_placeholders_are_not_words() -> None:
    doc = build_document("Objet : aide\n\nBonjour {{ prenom }} «NOM», votre aide est versée.")
    words = [t.text for t in word_tokens(doc, doc.tokens)]
    assert "prenom" not in words and "NOM" not in words
    assert [s.text for s in doc.protected if s.kind is ProtectedKind.PLACEHOLDER] == [
        "{{ prenom }}",
        "«NOM»",
    ]
