"""Rewrites of the issue's examples, end to end through the planner (--only all)."""

from __future__ import annotations

import pytest

from simplify.rewrite.planner import rewrite
from simplify.rules.registry import load_builtin

RULES = load_builtin()
HEAD = "Objet : test\n\nMadame,\n\n"


def _rewrite(sentence: str, profile: str = "clair") -> str:
    result = rewrite(HEAD + sentence, only="all", rules=RULES, profile=profile, rounds=1)
    assert result.verification.ok
    assert result.defects == []
    return result.text[len(HEAD) :]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Ladite décision est définitive.", "Cette décision est définitive."),
        ("Les sommes afférentes aux revenus de mars sont dues.", "liées aux revenus"),
        (
            "À compter du 1er avril, votre aide augmente.",
            "À partir du 1er avril, votre aide augmente.",
        ),
        ("Vous sollicitez une aide.", "Vous demandez une aide."),
        ("Nous vous ferons parvenir la décision.", "Nous vous enverrons la décision."),
        (
            "Dans l'hypothèse où vous ne seriez pas en mesure de payer, appelez-nous.",
            "Si vous n'êtes pas en mesure de payer, appelez-nous.",
        ),
        ("Payez avant le 3 mars, à défaut de quoi une majoration sera appliquée.", "sinon"),
        ("Il vous appartient de transmettre les justificatifs.", "Vous devez transmettre"),
        ("Nous procéderons au règlement de la somme due.", "Nous paierons la somme due."),
        (
            "Votre demande a été examinée par la commission.",
            "La commission a examiné votre demande.",
        ),
        (
            "Votre allocation sera versée le 5 du mois.",
            "Nous verserons votre allocation le 5 du mois.",
        ),
        (
            "Vous ne pouvez déposer qu'une demande par an.",
            "Vous pouvez déposer seulement une demande par an.",
        ),
        ("N'hésitez pas à nous appeler.", "Vous pouvez nous appeler."),
        ("Vous pourriez nous envoyer une copie.", "Vous pouvez nous envoyer une copie."),
        ("La CAF a étudié votre dossier.", "La Caisse d'allocations familiales (CAF) a étudié"),
        ("Votre rendez-vous est fixé au 15/07/2024.", "au 15 juillet 2024."),
        ("Vous avez trente jours pour répondre.", "Vous avez 30 jours pour répondre."),
        (
            "Je vous saurais gré de bien vouloir nous retourner ce formulaire.",
            "Merci de nous retourner ce formulaire.",
        ),
        (
            "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.",
            "Bien cordialement,",
        ),
        (
            "Envoyez votre avis d'imposition, un justificatif de domicile et une pièce d'identité.",
            "Envoyez :\n- votre avis d'imposition\n- ",
        ),
        (
            "Votre dossier est complet ; il sera étudié en mars par la commission.",
            "Votre dossier est complet. Il sera étudié en mars",
        ),
    ],
)
def test_rewriter_examples(before: str, after: str) -> None:
    assert after in _rewrite(before)


def test_rewriter_opening_formula_goes() -> None:
    text = _rewrite("J'ai l'honneur de vous informer que votre demande est acceptée.")
    assert "honneur" not in text and text[:1].isupper()


def test_rewriter_list_items_one_per_line() -> None:
    text = _rewrite(
        "Envoyez votre avis d'imposition, un justificatif de domicile et une pièce d'identité."
    )
    assert text.count("\n- ") == 3 and text.rstrip().endswith("une pièce d'identité.")


def test_rewriter_falc_dates_have_their_weekday() -> None:
    assert "lundi 15 juillet 2024" in _rewrite("Votre rendez-vous est fixé au 15/07/2024.", "falc")


def test_rewriter_long_sentence_is_cut_with_capitals() -> None:
    text = _rewrite(
        "Nous avons étudié votre demande avec attention et nous avons décidé de vous accorder "
        "une aide exceptionnelle pour payer votre facture d'électricité de l'hiver dernier."
    )
    assert "attention. Nous avons décidé" in text


def test_rewriter_legal_term_is_explained_not_replaced() -> None:
    text = _rewrite("Vous devez rembourser un indu de 120 euros avant le 3 mars 2025.")
    assert "un indu de 120 euros" in text
    assert "Le mot « indu » veut dire :" in text


@pytest.mark.parametrize(
    "sentence",
    [
        "Le tribunal peut être saisi par l'application Télérecours.",
        "Le tribunal administratif pourra être saisi dans un délai de 2 mois.",
    ],
)
def test_rewriter_passive_participle_never_takes_a_pronominal_or_indirect_verb(
    sentence: str,
) -> None:
    """ "être saisi" cannot become "être s'adresser à" nor "être demandé à" (regression)."""
    text = _rewrite(sentence)
    assert "être s'adresser" not in text and "être s’adresser" not in text
    assert "être demandé à" not in text
    assert "saisi" in text
