"""Shared fixtures: the built-in rule set and analysis with the real spaCy model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simplify.analysis import Report, analyse
from simplify.rules.registry import RuleSet, load_builtin

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "letters"


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_builtin()


@pytest.fixture(scope="session")
def run(rules: RuleSet) -> Callable[..., Report]:
    """analyse() with the built-in rules (model loaded once for the session)."""

    def _run(text: str, profile: str = "clair", **options: object) -> Report:
        return analyse(text, profile=profile, rules=rules, **options)  # type: ignore[arg-type]

    return _run
