"""Pattern checks for written French: each defect is found, correct French is left alone."""

from __future__ import annotations

import pytest

from simplify.rewrite.checks import grammar_defects, new_defects


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Il faut le le faire.", "mot répété"),
        ("Envoyez la la copie.", "mot répété"),
        ("Merci de envoyer la copie.", "élision manquée"),
        ("Vous pouvez vous adresser à le tribunal.", "contraction manquée"),
        ("Le montant est dû ,. Merci.", "ponctuation doublée"),
        ("Votre demande est complète. elle sera étudiée.", "majuscule manquante"),
        ("Dans l'attente de votre première salaire.", "accord en genre"),
        ("Vous recevrez un attestation.", "accord en genre"),
        ("Son date limite était fixée au 3 mars.", "accord en genre"),
        (
            "Le mot « indu » veut dire. Une somme versée en trop.",
            "phrase coupée après « veut dire »",
        ),
        (
            "Elle est accordée seulement dans les cas seulement énumérés.",
            "« seulement » répété",
        ),
        ("Si vous seriez absent, prévenez-nous.", "« si » suivi du conditionnel"),
    ],
)
def test_checks_find_the_defect(text: str, kind: str) -> None:
    assert kind in [d.kind for d in grammar_defects(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Vous pouvez vous adresser au tribunal.",
        "Merci d'envoyer la copie avant le 3 mars.",
        "Dans l'attente de votre premier salaire.",
        "Son échéance était fixée au 3 mars.",
        "Sa date limite était fixée au 3 mars.",
        "Vous recevrez une attestation.",
        "Le mot « indu » veut dire : une somme versée en trop.",
        "Elle est accordée seulement dans les cas énumérés à l'article 7.",
        "M. Dupont a écrit le 3 mars.",
    ],
)
def test_checks_leave_correct_french_alone(text: str) -> None:
    assert grammar_defects(text) == []


def test_checks_count_only_defects_the_rewrite_brought() -> None:
    original = "Il faut le le faire."
    assert new_defects(original, original) == []
    assert [d.kind for d in new_defects(original, "Il faut le le faire. Merci de envoyer.")] == [
        "élision manquée"
    ]
