"""Every example of every rule pack runs as a test: what must fire fires, on that passage."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from simplify.analysis import Report
from simplify.rules.registry import load_builtin

RULES = load_builtin()
FIRE = [
    pytest.param(rule.spec.id, example, id=f"{rule.spec.id}-fire-{index}")
    for rule in RULES.rules
    for index, example in enumerate(rule.spec.fire)
]
PASS = [
    pytest.param(rule.spec.id, text, id=f"{rule.spec.id}-pass-{index}")
    for rule in RULES.rules
    for index, text in enumerate(rule.spec.passing)
]


def _profile_for(rule_id: str) -> str:
    """Examples run under the first profile that has the rule on."""
    return next(name for name, p in RULES.profiles.items() if rule_id not in p.disabled)


@pytest.mark.parametrize(("rule_id", "example"), FIRE)
def test_rule_example_fires(rule_id: str, example, run: Callable[..., Report]) -> None:  # type: ignore[no-untyped-def]
    report = run(example.text, profile=_profile_for(rule_id))
    mine = [f for f in report.findings if f.rule == rule_id]
    assert mine, f"{rule_id} should fire on {example.text!r}"
    if example.flag is None:
        return
    flagged = [f for f in mine if f.text == example.flag]
    assert flagged, f"{rule_id} flagged {[f.text for f in mine]} instead of {example.flag!r}"
    if example.replacement is not None:
        replacements = {s.replacement for f in flagged for s in f.suggestions}
        assert example.replacement in replacements


@pytest.mark.parametrize(("rule_id", "text"), PASS)
def test_rule_example_passes(rule_id: str, text: str, run: Callable[..., Report]) -> None:
    report = run(text, profile=_profile_for(rule_id))
    assert [f.text for f in report.findings if f.rule == rule_id] == []


def test_every_rule_has_both_kinds_of_example() -> None:
    for rule in RULES.rules:
        assert rule.spec.fire and rule.spec.passing, rule.spec.id


def test_every_category_but_layout_has_rules() -> None:
    from simplify.rules.model import Category

    covered = {rule.spec.category for rule in RULES.rules}
    assert set(Category) - covered == {Category.LAYOUT}
