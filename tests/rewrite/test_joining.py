"""The chosen suggestions made one list of edits: apostrophes, capitals, elisions."""

from __future__ import annotations

from dataclasses import dataclass

from simplify.rewrite.edits import apply_edits
from simplify.rewrite.joining import joined_edits
from simplify.rules.model import Edit, Safety, Suggestion


@dataclass(frozen=True)
class _Chosen:
    suggestion: Suggestion


def _chosen(*edits: Edit, capitals: tuple[int, ...] = ()) -> _Chosen:
    return _Chosen(
        Suggestion(edits=edits, safety=Safety.UNSAFE, explanation="", capitalise_at=capitals)
    )


def test_joining_elides_and_contracts_where_two_edits_meet() -> None:
    text = "Je vous prie de transmettre le dossier."
    first = _chosen(Edit(0, 16, "Merci de "))
    second = _chosen(Edit(16, 27, "envoyer"))
    edits, owners = joined_edits(text, [first, second])
    assert apply_edits(text, edits).text.startswith("Merci d'envoyer")
    assert {id(owner) for owner in owners.values()} == {id(first), id(second)}


def test_joining_makes_the_capital_a_cut_asks_for_in_the_letters_apostrophes() -> None:
    text = "Votre dossier est complet, et l’aide sera versée."
    cut = _chosen(Edit(25, 30, ". "), capitals=(30,))
    edits, _ = joined_edits(text, [cut])
    assert apply_edits(text, edits).text == "Votre dossier est complet. L’aide sera versée."
