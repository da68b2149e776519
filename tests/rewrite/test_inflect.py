"""French agreement used by substitutions."""

from __future__ import annotations

import pytest

from simplify.rewrite.inflect import (
    conjugate,
    demonstrative,
    determiner_for,
    inflect_adjective,
    join_words,
    noun_gender,
    pluralise_noun_phrase,
)


@pytest.mark.parametrize(
    ("word", "gender", "number", "expected"),
    [
        ("lié", "Fem", "Plur", "liées"),
        ("lié", "Masc", "Plur", "liés"),
        ("actuel", "Fem", "Sing", "actuelle"),
        ("complet", "Fem", "Sing", "complète"),
        ("social", "Masc", "Plur", "sociaux"),
        ("cité plus haut", "Fem", "Sing", "citée plus haut"),
    ],
)
def test_inflect_adjectives(word: str, gender: str, number: str, expected: str) -> None:
    assert inflect_adjective(word, gender, number) == expected


def test_inflect_noun_phrase_plural() -> None:
    assert pluralise_noun_phrase("calendrier de paiement") == "calendriers de paiement"


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("de", "le 1er avril", "du 1er avril"),
        ("à partir de", "les", "à partir des"),
        ("merci de", "envoyer", "merci d'envoyer"),
        ("si", "il", "s'il"),
        ("le", "avis", "l'avis"),
        ("le", "handicap", "le handicap"),
    ],
)
def test_inflect_elision_and_contraction(first: str, second: str, expected: str) -> None:
    assert join_words(first, second) == expected


@pytest.mark.parametrize(
    ("determiner", "gender", "number", "following", "expected"),
    [
        ("ce", "Fem", "Sing", "décision", "cette"),
        ("ce", "Masc", "Sing", "avis", "cet"),
        ("la", "Masc", "Sing", "calendrier", "le"),
        ("le", "Fem", "Sing", "aide", "l'"),
        ("tout", "Fem", "Sing", "preuve", "toute"),
    ],
)
def test_inflect_determiners(
    determiner: str, gender: str, number: str, following: str, expected: str
) -> None:
    assert determiner_for(determiner, gender, number, following) == expected


@pytest.mark.parametrize(
    ("verb", "features", "expected"),
    [
        ("demander", ("Fin", "Ind", "Pres", "2", "Plur"), "demandez"),
        ("envoyer", ("Fin", "Ind", "Fut", "1", "Plur"), "enverrons"),
        ("payer", ("Part", None, "Past", None, "Plur", "Fem"), "payées"),
        ("être", ("Fin", "Ind", "Pres", "2", "Plur"), "êtes"),
        ("vérifier", ("Inf", None, None, None, None), "vérifier"),
    ],
)
def test_inflect_conjugation_with_verbecc(verb: str, features: tuple, expected: str) -> None:  # type: ignore[type-arg]
    assert conjugate(verb, *features) == expected


def test_inflect_conjugator_leaves_no_log_file(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert conjugate("signer", "Fin", "Ind", "Pres", "3", "Sing") == "signe"
    assert list(tmp_path.iterdir()) == []


def test_inflect_noun_genders_of_replacements() -> None:
    assert [noun_gender(n) for n in ("lettre", "date limite", "calendrier")] == [
        "Fem",
        "Fem",
        "Masc",
    ]


@pytest.mark.parametrize(
    ("words", "gender", "number", "expected"),
    [
        ("Demande", "Fem", "Sing", "cette demande"),
        ("indu", "Masc", "Sing", "cet indu"),
        ("opérations de vote", "Fem", "Plur", "ces opérations de vote"),
        ("CCAS", "Masc", "Sing", "ce CCAS"),
    ],
)
def test_inflect_demonstrative_says_a_noun_again(
    words: str, gender: str, number: str, expected: str
) -> None:
    assert demonstrative(words, gender, number) == expected
