"""verify(): every fact of the original is in the rewrite, in the same or an equivalent form."""

from __future__ import annotations

import pytest

from simplify.rewrite.verify import verify

ORIGINAL = (
    "Dossier n° 2024-118-457. Payez 1 245,50 € avant le 15/07/2024 à 14 h 30 au "
    "05 56 99 33 33, selon l'article L. 262-46 du code de l'action sociale et des familles. "
    "Bonjour {{ prenom }}, écrivez à aide@gironde.example.fr."
)


@pytest.mark.parametrize(
    "rewritten",
    [
        ORIGINAL,
        ORIGINAL.replace("15/07/2024", "15 juillet 2024"),
        ORIGINAL.replace("15/07/2024", "lundi 15 juillet 2024"),
        ORIGINAL.replace("1 245,50 €", "1\u00a0245,50\u00a0€"),
        ORIGINAL.replace("05 56 99 33 33", "05.56.99.33.33"),
        ORIGINAL.replace("14 h 30", "14:30"),
        ORIGINAL.replace("l'article", "l’article"),
    ],
)
def test_verify_equivalent_forms_keep_the_facts(rewritten: str) -> None:
    assert verify(ORIGINAL, rewritten).ok


@pytest.mark.parametrize(
    ("change", "lost"),
    [
        (("15/07/2024", "16/07/2024"), "15/07/2024"),
        (("1 245,50 €", "1 254,50 €"), "1 245,50 €"),
        (("2024-118-457", "2024-118-475"), "2024-118-457"),
        (("{{ prenom }}", "{{ nom }}"), "{{ prenom }}"),
        (
            ("L. 262-46", "L. 262-47"),
            "article L. 262-46 du code de l'action sociale et des familles",
        ),
        (("aide@gironde.example.fr", "aide@gironde.fr"), "aide@gironde.example.fr"),
        (("05 56 99 33 33", ""), "05 56 99 33 33"),
    ],
)
def test_verify_reports_what_is_missing(change: tuple[str, str], lost: str) -> None:
    result = verify(ORIGINAL, ORIGINAL.replace(*change))
    assert not result.ok
    assert lost in [m.text for m in result.missing]


def test_verify_counts_repeated_facts() -> None:
    original = "Le 15/07/2024, puis encore le 15/07/2024."
    assert not verify(original, "Le 15 juillet 2024, puis encore.").ok
    assert verify(original, "Le 15 juillet 2024, puis le 15/07/2024.").ok


def test_verify_art_and_article_are_the_same_word_in_a_reference() -> None:
    original = "Vous pouvez contester (art. L. 262-47 du CASF)."
    assert verify(original, "Vous pouvez contester. Voir l'article L. 262-47 du CASF.").ok
    assert not verify(original, "Vous pouvez contester. Voir l'article L. 262-48 du CASF.").ok
