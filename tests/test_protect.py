"""Protected spans: the facts a rewrite must keep, in the forms letters write them."""

from __future__ import annotations

import itertools

import pytest

from simplify.document import ProtectedKind
from simplify.protect import find_protected

K = ProtectedKind


@pytest.mark.parametrize(
    ("text", "kind", "surface", "value"),
    [
        ("le 15/07/2024.", K.DATE, "15/07/2024", "2024-07-15"),
        ("le 15.07.24 à", K.DATE, "15.07.24", "2024-07-15"),
        ("le lundi 3 mars 2025.", K.DATE, "lundi 3 mars 2025", "2025-03-03"),
        ("le 1er janvier 2026", K.DATE, "1er janvier 2026", "2026-01-01"),
        ("en mars 2024,", K.DATE, "mars 2024", "2024-03-??"),
        ("soit 1 245,50 € à payer", K.AMOUNT, "1 245,50 €", "1245.50€"),
        ("soit 1\u00a0245,50\u00a0€ à payer", K.AMOUNT, "1\u00a0245,50\u00a0€", "1245.50€"),
        ("la somme de 312 euros", K.AMOUNT, "312 euros", "312.00€"),
        ("une baisse de 12 %", K.PERCENT, "12 %", "12.00%"),
        ("appelez le 05 56 99 33 33.", K.PHONE, "05 56 99 33 33", "0556993333"),
        ("ou le +33 5 56 99 33 33", K.PHONE, "+33 5 56 99 33 33", "0556993333"),
        ("écrivez à aide@gironde.example.fr.", K.EMAIL, "aide@gironde.example.fr", None),
        ("sur www.service-public.fr.", K.URL, "www.service-public.fr", None),
        ("dossier n° 2024-118-457.", K.REFERENCE, "2024-118-457", None),
        ("référence FA-2024-00731.", K.REFERENCE, "FA-2024-00731", None),
        ("permis PC 033 281 24 X0052 accordé", K.REFERENCE, "PC 033 281 24 X0052", None),
        ("N/Réf. : DAS/PA/2024-0193", K.REFERENCE, "DAS/PA/2024-0193", None),
        ("à 14 h 30.", K.TIME, "14 h 30", "14:30"),
        (
            "selon l'article L. 262-27 du Code de l'action sociale et des familles, vous",
            K.LEGAL_REFERENCE,
            "article L. 262-27 du Code de l'action sociale et des familles",
            None,
        ),
        (
            "aux articles R. 431-5 à R. 431-33 du code de l’urbanisme.",
            K.LEGAL_REFERENCE,
            "articles R. 431-5 à R. 431-33 du code de l’urbanisme",
            None,
        ),
        (
            "la loi n° 2005-102 du 11 février 2005",
            K.LEGAL_REFERENCE,
            "loi n° 2005-102 du 11 février 2005",
            None,
        ),
        ("Bonjour {{ nom }},", K.PLACEHOLDER, "{{ nom }}", None),
        ("{% if conjoint %}", K.PLACEHOLDER, "{% if conjoint %}", None),
        ("Madame «NOM»,", K.PLACEHOLDER, "«NOM»", None),
        ("avant le ${date_limite}.", K.PLACEHOLDER, "${date_limite}", None),
        ("Cher [NOM DU BÉNÉFICIAIRE],", K.PLACEHOLDER, "[NOM DU BÉNÉFICIAIRE]", None),
        ("reçu par M. Jean Dupont hier", K.NAME, "Jean Dupont", None),
        ("signé J. Martin.", K.NAME, "J. Martin", None),
    ],
)
def test_protect_finds_fact(
    text: str, kind: ProtectedKind, surface: str, value: str | None
) -> None:
    spans = [s for s in find_protected(text) if s.kind is kind]
    assert [s.text for s in spans] == [surface]
    if value is not None:
        assert spans[0].value == value


def test_protect_french_quotes_are_not_placeholders() -> None:
    assert not [
        s for s in find_protected("le mot « recours » veut dire") if s.kind is K.PLACEHOLDER
    ]


def test_protect_spans_never_overlap() -> None:
    text = (
        "Réf. FA-2024-00731 du 15/07/2024, 1 245,50 € au 05 56 99 33 33, article L. 262-27 du CASF."
    )
    spans = find_protected(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
