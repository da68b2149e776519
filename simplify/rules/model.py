"""What rules produce: findings with suggestions made of edits, each graded for safety."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Category(StrEnum):
    """The fixed vocabulary of categories shared by the engine, the API and the workshop."""

    JARGON = "jargon"
    LONG_SENTENCE = "long-sentence"
    PASSIVE = "passive"
    NEGATION = "negation"
    IMPERSONAL = "impersonal"
    ACRONYM = "acronym"
    NOMINALISATION = "nominalisation"
    FORMULA = "formula"
    NUMBER = "number"
    DATE = "date"
    PUNCTUATION = "punctuation"
    CAPITALS = "capitals"
    TENSE = "tense"
    ADDRESS = "address"
    ENUMERATION = "enumeration"
    STRUCTURE = "structure"
    LAYOUT = "layout"

    @property
    def label(self) -> str:
        """The category's name in French, for people."""
        return CATEGORY_LABELS[self]


CATEGORY_LABELS: dict[Category, str] = {
    Category.JARGON: "Vocabulaire administratif",
    Category.LONG_SENTENCE: "Phrase longue",
    Category.PASSIVE: "Forme passive",
    Category.NEGATION: "Négation",
    Category.IMPERSONAL: "Tournure impersonnelle",
    Category.ACRONYM: "Sigle ou abréviation",
    Category.NOMINALISATION: "Verbe caché dans un nom",
    Category.FORMULA: "Formule administrative",
    Category.NUMBER: "Nombre",
    Category.DATE: "Date",
    Category.PUNCTUATION: "Ponctuation et signes",
    Category.CAPITALS: "Majuscules",
    Category.TENSE: "Temps et mode",
    Category.ADDRESS: "Lecteur désigné à la 3e personne",
    Category.ENUMERATION: "Énumération",
    Category.STRUCTURE: "Structure de la lettre",
    Category.LAYOUT: "Mise en page",
}


class Safety(StrEnum):
    """How far a suggestion can be trusted (after ruff's Safe / Unsafe / DisplayOnly)."""

    SAFE = "safe"  # the meaning cannot change
    UNSAFE = "unsafe"  # a person must confirm
    DISPLAY_ONLY = "display-only"  # advice, no automatic text


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] by replacement (offsets into the original text)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposal: edits on the original text, a safety grade and an explanation in French."""

    edits: tuple[Edit, ...]
    safety: Safety
    explanation: str
    replacement: str | None = None  # the new text of the finding's span, for display
    # Offsets of the original where, once the edits are made, a sentence starts: the letter
    # there must become a capital (kept apart so another edit may start at that offset).
    capitalise_at: tuple[int, ...] = ()

    @staticmethod
    def advice(explanation: str) -> Suggestion:
        return Suggestion(edits=(), safety=Safety.DISPLAY_ONLY, explanation=explanation)

    @staticmethod
    def replace(start: int, end: int, text: str, safety: Safety, explanation: str) -> Suggestion:
        """Replace one span of the original by text."""
        return Suggestion(
            edits=(Edit(start, end, text),),
            safety=safety,
            explanation=explanation,
            replacement=text,
        )


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    name: str
    category: Category
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestions: tuple[Suggestion, ...] = ()
    references: tuple[str, ...] = ()
    scope: str = "span"  # "span", or "document" for a finding about the whole letter
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    flag: str | None = None  # the passage that must be flagged (for examples that fire)
    replacement: str | None = None  # the expected replacement of that passage, if any
    # For layout rules: the formatting of the file the example stands for ({size: 11}); the
    # tests build that file and read it back.
    layout: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A rule entry from a pack, validated."""

    id: str
    name: str
    type: str
    category: Category
    severity: Severity
    message: str
    why: str
    fix: str
    references: tuple[str, ...]
    status: str
    since: str
    fire: tuple[Example, ...]
    passing: tuple[str, ...]
    params: Mapping[str, Any]
    source: str  # "path:line" of the entry
    passing_layout: tuple[Example, ...] = ()  # examples that must not fire, given as files


def suggestion_id(finding: Finding, suggestion: Suggestion) -> str:
    """A stable identifier for accepting or rejecting a suggestion: the rule and the span of
    its first edit, and for the second and later alternatives of one finding, their rank."""
    first = suggestion.edits[0] if suggestion.edits else None
    where = f"{first.start}-{first.end}" if first else f"{finding.start}-{finding.end}"
    rank = finding.suggestions.index(suggestion) if suggestion in finding.suggestions else 0
    return f"{finding.rule}:{where}" + (f"/{rank + 1}" if rank else "")
