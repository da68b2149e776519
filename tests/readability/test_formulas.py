"""Readability formulas: cited constants, None when undefined, and easy reads easier."""

from __future__ import annotations

import pytest

from simplify.readability.formulas import kandel_moles, lix, ratio


def test_formulas_kandel_moles_constants() -> None:
    # 207 - 1.015 x 10 words per sentence - 73.6 x 1.5 syllables per word
    assert kandel_moles(20, 2, 30, 20) == pytest.approx(207 - 10.15 - 110.4)


def test_formulas_lix() -> None:
    assert lix(20, 2, 5) == pytest.approx(10 + 25)


@pytest.mark.parametrize("args", [(0, 0, 0, 0), (10, 0, 12, 10), (10, 1, 0, 0)])
def test_formulas_undefined_is_none_not_zero(args: tuple[int, int, int, int]) -> None:
    assert kandel_moles(*args) is None


def test_formulas_ratio_of_nothing_is_none() -> None:
    assert ratio(3, 0) is None and lix(0, 0, 0) is None


def test_formulas_easy_text_scores_easier_than_hard(run) -> None:  # type: ignore[no-untyped-def]
    easy = run(
        "Objet : votre aide\n\nVotre aide est accordée. Vous recevrez 200 euros en mars. "
        "Appelez-nous si besoin."
    )
    hard = run(
        "Objet : décision\n\nNonobstant les dispositions afférentes à l'instruction de "
        "votre demande subséquemment réexaminée, l'administration départementale a "
        "considéré que les conditions réglementaires n'étaient pas réunies."
    )
    assert easy.metrics.kandel_moles > hard.metrics.kandel_moles
    assert easy.metrics.lix < hard.metrics.lix
    assert easy.score > hard.score


def test_formulas_empty_body_gives_none_metrics(run) -> None:  # type: ignore[no-untyped-def]
    report = run("Département de la Gironde\nDirection des solidarités")
    assert report.metrics.kandel_moles is None
    assert report.score is None and report.label is None
