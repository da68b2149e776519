"""Every example of every rule pack runs as a test: what must fire fires, on that passage."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import make_docx

from simplify.analysis import Report
from simplify.formats.word import extract_docx
from simplify.rules.model import Example
from simplify.rules.registry import load_builtin

RULES = load_builtin()
FIRE = [
    pytest.param(rule.spec.id, example, id=f"{rule.spec.id}-fire-{index}")
    for rule in RULES.rules
    for index, example in enumerate(rule.spec.fire)
]
PASS = [
    pytest.param(rule.spec.id, Example(text), id=f"{rule.spec.id}-pass-{index}")
    for rule in RULES.rules
    for index, text in enumerate(rule.spec.passing)
] + [
    pytest.param(rule.spec.id, example, id=f"{rule.spec.id}-pass-file-{index}")
    for rule in RULES.rules
    for index, example in enumerate(rule.spec.passing_layout)
]


def _profile_for(rule_id: str) -> str:
    """Examples run under the first profile that has the rule on."""
    spec = RULES.by_id[rule_id].spec
    return next(
        name for name, p in RULES.profiles.items() if p.enables(rule_id, spec.category.value)
    )


def _analyse_example(rule_id: str, example: Example, run: Callable[..., Report]) -> Report:
    """Text examples are analysed as text; layout examples as the .docx they describe."""
    if example.layout is None:
        return run(example.text, profile=_profile_for(rule_id))
    letter = extract_docx(make_docx(example.text, example.layout), f"{rule_id}.docx")
    return run(letter.text, profile=_profile_for(rule_id), shape=letter.shape)


@pytest.mark.parametrize(("rule_id", "example"), FIRE)
def test_rule_example_fires(rule_id: str, example: Example, run: Callable[..., Report]) -> None:
    report = _analyse_example(rule_id, example, run)
    mine = [f for f in report.findings if f.rule == rule_id]
    assert mine, f"{rule_id} should fire on {example.text!r}"
    if example.flag is None:
        return
    flagged = [f for f in mine if f.text == example.flag]
    assert flagged, f"{rule_id} flagged {[f.text for f in mine]} instead of {example.flag!r}"
    if example.replacement is not None:
        replacements = {s.replacement for f in flagged for s in f.suggestions}
        assert example.replacement in replacements


@pytest.mark.parametrize(("rule_id", "example"), PASS)
def test_rule_example_passes(rule_id: str, example: Example, run: Callable[..., Report]) -> None:
    report = _analyse_example(rule_id, example, run)
    assert [f.text for f in report.findings if f.rule == rule_id] == []


def test_every_rule_has_both_kinds_of_example() -> None:
    for rule in RULES.rules:
        assert rule.spec.fire and (rule.spec.passing or rule.spec.passing_layout), rule.spec.id


def test_every_category_has_rules() -> None:
    from simplify.rules.model import Category

    covered = {rule.spec.category for rule in RULES.rules}
    assert set(Category) - covered == set()


def test_layout_rules_are_on_in_falc_only() -> None:
    layout = [rule for rule in RULES.rules if rule.spec.category.value == "layout"]
    assert layout
    falc, clair = RULES.profile("falc"), RULES.profile("clair")
    assert all(falc.enables(r.spec.id, "layout") for r in layout)
    assert not any(clair.enables(r.spec.id, "layout") for r in layout)
