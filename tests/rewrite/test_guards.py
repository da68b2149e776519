"""Refusing a plain alternative that would break its sentence or change what it says."""

from __future__ import annotations

import pytest

from simplify.build import build_document
from simplify.rewrite.guards import refused
from simplify.rules.registry import load_builtin

ENTRIES = {e.term: e for e in load_builtin().resources.jargon.entries}


@pytest.mark.parametrize(
    ("text", "term", "words", "alternative", "expected"),
    [
        ("Payez avant l'échéance du 15 mars.", "échéance", "échéance", "date limite", False),
        ("Joignez l'avis d'échéance concerné.", "échéance", "échéance", "date limite", True),
        (
            "Vous paierez à raison de 50 euros par mois.",
            "à raison de",
            "à raison de",
            "soit",
            False,
        ),
        (
            "Dégrèvement à raison de la vacance du logement.",
            "à raison de",
            "à raison de",
            "soit",
            True,
        ),
        (  # "à condition de" takes a verb, "sous réserve de" a noun
            "L'accès est possible sous réserve de places disponibles.",
            "sous réserve de",
            "sous réserve de",
            "à condition de",
            True,
        ),
        (  # "à défaut de paiement ou de demande": the second "de" would be left hanging
            "À défaut de paiement ou de demande, la dette sera recouvrée.",
            "à défaut de",
            "À défaut de",
            "sans",
            True,
        ),
        (  # "lié" needs "à"
            "Merci d'envoyer les justificatifs afférents : une attestation.",
            "afférent",
            "afférents",
            "lié",
            True,
        ),
        ("Les frais afférents à l'hébergement sont dus.", "afférent", "afférents", "lié", False),
        (  # a conditional after "dans la mesure où": a condition, not a cause
            "Dans la mesure où vous contesteriez cette décision, écrivez-nous.",
            "dans la mesure où",
            "Dans la mesure où",
            "parce que",
            True,
        ),
        (
            "Dans la mesure où vos revenus ont augmenté, votre aide baisse.",
            "dans la mesure où",
            "Dans la mesure où",
            "parce que",
            False,
        ),
    ],
)
def test_guards_refuse_what_breaks_the_sentence(
    text: str, term: str, words: str, alternative: str, expected: bool
) -> None:
    doc = build_document(text)
    start = text.index(words)
    end = start + len(words)
    first = next(t for t in doc.tokens if t.start == start)
    assert refused(doc, ENTRIES[term], start, end, alternative, first) is expected
