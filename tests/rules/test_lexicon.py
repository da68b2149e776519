"""The jargon lexicon and the acronym list: sizes, and every entry's own example."""

from __future__ import annotations

from pathlib import Path

import pytest

from simplify.build import build_document
from simplify.rules.context import Context
from simplify.rules.lexicon import load_jargon
from simplify.rules.registry import load_builtin
from simplify.rules.yamlsource import PackError

RULES = load_builtin()
JARGON = RULES.resources.jargon.entries
ACRONYMS = RULES.resources.acronyms.entries
PROFILE = RULES.profile("clair")


def _matched_terms(text: str) -> set[str]:
    context = Context(build_document(text), PROFILE, RULES.resources)
    return {match.entry.term for match in context.jargon_matches}


def test_lexicon_has_at_least_400_entries() -> None:
    assert len(JARGON) >= 400


def test_acronym_list_has_at_least_150_entries() -> None:
    assert len(ACRONYMS) >= 150


def test_every_legal_term_has_an_explanation() -> None:
    assert all(entry.explain for entry in JARGON if entry.group == "legal")


@pytest.mark.parametrize("entry", JARGON, ids=[e.term for e in JARGON])
def test_lexicon_entry_example_matches_its_term(entry) -> None:  # type: ignore[no-untyped-def]
    matched = _matched_terms(entry.example)
    # A longer entry may cover this one in its example ("vous trouverez ci-joint").
    assert entry.term in matched or any(entry.term in other for other in matched), (
        f"« {entry.term} » not found in its example {entry.example!r}: {matched}"
    )


@pytest.mark.parametrize(
    "entry", [e for e in JARGON if e.counter], ids=[e.term for e in JARGON if e.counter]
)
def test_lexicon_entry_counter_example_does_not_match(entry) -> None:  # type: ignore[no-untyped-def]
    assert entry.term not in _matched_terms(entry.counter)


@pytest.mark.parametrize("entry", ACRONYMS, ids=[e.acronym for e in ACRONYMS])
def test_acronym_unexplained_at_first_use_is_flagged(entry, run) -> None:  # type: ignore[no-untyped-def]
    report = run(f"Nous avons transmis votre dossier à {entry.acronym}. Merci.")
    flagged = [f for f in report.findings if f.rule == "ACR-001" and f.text == entry.acronym]
    assert flagged, entry.acronym
    assert any(entry.expansion in (s.replacement or "") for s in flagged[0].suggestions)


def test_acronym_spelled_out_beside_it_is_not_flagged(run) -> None:  # type: ignore[no-untyped-def]
    report = run("La Caisse d'allocations familiales (CAF) vous écrit. La CAF verse l'aide.")
    assert [f for f in report.findings if f.category.value == "acronym"] == []


def test_jargon_before_an_acronym_in_brackets_is_still_flagged(run) -> None:  # type: ignore[no-untyped-def]
    """Only the words the acronym stands for are a name: "vous avez la possibilité de" and
    "saisir" stand before "commission de recours amiable (CRA)" and are flagged."""
    report = run("Vous avez la possibilité de saisir la commission de recours amiable (CRA).")
    flagged = {f.text.lower() for f in report.findings if f.rule == "JAR-001"}
    assert flagged == {"vous avez la possibilité de", "saisir"}
    assert not any(f.text == "commission de recours amiable" for f in report.findings)


def test_explanations_use_no_jargon() -> None:
    """A gloss is read by the person the letter is for: it must not need a gloss itself, and
    a rewrite must not change its words in a later round ("un accord à l'amiable" became
    "un accord par un accord")."""
    glosses = [entry.explain for entry in JARGON if entry.explain]
    text = "\n\n".join(f"Ce mot veut dire : {gloss}." for gloss in glosses)
    found = _matched_terms(text)
    assert found == set(), f"jargon inside explanations: {sorted(found)}"


KEEPING = [e for e in JARGON if e.keep_in]


@pytest.mark.parametrize("entry", KEEPING, ids=[e.term for e in KEEPING])
def test_lexicon_keep_in_leaves_the_replaced_sense_alone(entry) -> None:  # type: ignore[no-untyped-def]
    """`keep_in` names the other senses; the sense of the entry's own example is replaced."""
    assert not any(pattern.search(entry.example) for pattern in entry.keep_in)


def test_lexicon_keep_in_must_be_valid_expressions(tmp_path: Path) -> None:
    bad = tmp_path / "jargon.yaml"
    bad.write_text(
        '- term: "échéance"\n  kind: word\n  pos: NOUN\n  group: formal\n'
        '  replace: ["date limite"]\n  example: "Avant l\'échéance."\n  keep_in: ["avis d(["]\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="keep_in"):
        load_jargon(bad)
