"""Blaming the suggestion that broke a rewrite."""

from __future__ import annotations

from simplify.rewrite.blame import owners_in_new_text
from simplify.rewrite.checks import Defect
from simplify.rewrite.edits import apply_edits
from simplify.rules.model import Edit


def test_blame_goes_to_the_edit_that_touches_the_problem_not_its_neighbour() -> None:
    text = "Le travail est exercé à titre bénévole et que vous venez."
    word = Edit(23, 39, "sans être payé")  # "à titre bénévole"
    cut = Edit(39, 48, ". ")  # " et que "
    applied = apply_edits(text, [word, cut])
    start = applied.text.index("être payé")
    problem = Defect("passif", start, start + len("être payé"), "être payé")
    owners = {id(e): name for e, name in zip(applied.applied, ["word", "cut"], strict=True)}
    assert owners_in_new_text([problem], applied, owners) == ["word"]
