"""SARI, checked against values computed by hand from the definitions of Xu et al. (2016)."""

from __future__ import annotations

import pytest

from simplify.rewrite.sari import sari


def test_sari_unigrams_hand_computed_keep_delete_add() -> None:
    # keep F1 = 1 (a kept, a wanted); delete precision = 1 (b, c deleted, not in the
    # reference); add: d added and wanted, e wanted but not added -> P 1, R 1/2, F1 2/3.
    assert sari("a b c", "a d", ["a d e"], max_n=1) == pytest.approx(100 * (1 + 1 + 2 / 3) / 3)


def test_sari_unigrams_hand_computed_partial_keep() -> None:
    # kept {a, b}, only a wanted: P 1/2, R 1 -> F1 2/3; c deleted rightly -> 1; nothing added
    # although d is wanted -> 0.
    assert sari("a b c", "a b", ["a d"], max_n=1) == pytest.approx(100 * (2 / 3 + 1 + 0) / 3)


def test_sari_copying_the_reference_scores_higher_than_copying_the_source() -> None:
    source = "Nous procéderons au règlement de ladite somme dans les meilleurs délais."
    reference = "Nous paierons cette somme le plus vite possible."
    assert sari(source, reference, [reference]) > sari(source, source, [reference])
