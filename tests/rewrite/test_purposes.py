"""A sentence's purpose said apart: each cut of `simplify/rewrite/purposes.py` on one sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from simplify.build import build_document
from simplify.document import Document, Token
from simplify.rewrite.edits import apply_edits
from simplify.rewrite.purposes import purpose, purpose_clause, purpose_first
from simplify.rules.model import Suggestion


def _tokens(text: str) -> tuple[Document, list[Token]]:
    doc = build_document(text)
    return doc, [t for t in doc.sentence_tokens[0] if t.pos != "SPACE"]


def _first_cut(
    text: str, cut: Callable[[Document, list[Token], int], Suggestion | None]
) -> str | None:
    doc, tokens = _tokens(text)
    for position in range(1, len(tokens) - 2):
        found = cut(doc, tokens, position)
        if found is not None:
            return apply_edits(text, list(found.edits)).text
    return None


def test_purpose_after_a_comma_becomes_what_it_allows() -> None:
    text = "Vous devez nous renvoyer le formulaire signé, afin de compléter votre dossier."
    assert _first_cut(text, purpose) == (
        "Vous devez nous renvoyer le formulaire signé. Cela permettra de compléter votre dossier."
    )


def test_purpose_opening_the_sentence_stays_for_purpose() -> None:
    text = "Afin de compléter votre dossier, merci de nous renvoyer le formulaire signé."
    assert _first_cut(text, purpose) is None


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Merci de nous écrire avant le 3 mars, pour que nous puissions mettre à jour votre "
            "dossier.",
            ". De cette façon, nous pourrons mettre à jour votre dossier.",
        ),
        (  # the tagger calls this subjunctive an indicative
            "Corrigez aussi votre déclaration dans le service en ligne, pour que l'erreur ne se "
            "reproduise pas l'an prochain.",
            ". De cette façon, l'erreur ne se reproduira pas l'an prochain.",
        ),
    ],
)
def test_purpose_clause_goes_to_the_future(text: str, wanted: str) -> None:
    result = _first_cut(text, purpose_clause)
    assert result is not None and result.endswith(wanted)


def test_long_purpose_before_a_request_goes_after_it() -> None:
    text = (
        "Afin de relever votre index et d'éviter une nouvelle estimation lors de la prochaine "
        "facturation, merci de nous appeler au 05 57 46 03 12."
    )
    doc, tokens = _tokens(text)
    found = purpose_first(doc, tokens)
    assert found is not None and found.capitalise_at == (text.index("merci"),)
    moved = apply_edits(text, list(found.edits)).text
    assert moved == (
        "merci de nous appeler au 05 57 46 03 12. Cela permettra de relever votre index et "
        "d'éviter une nouvelle estimation lors de la prochaine facturation."
    )


@pytest.mark.parametrize(
    "text",
    [
        # short: "Afin de permettre le paiement," reads well first
        "Afin de permettre le paiement, merci d'envoyer au service l'original de la facture.",
        # no request after it: the subject is someone else
        "Afin de préparer cette audience dans les meilleures conditions possibles pour vous, le "
        "diagnostic social sera réalisé par Mme Ferreira.",
    ],
)
def test_purpose_first_leaves_other_sentences(text: str) -> None:
    doc, tokens = _tokens(text)
    assert purpose_first(doc, tokens) is None
