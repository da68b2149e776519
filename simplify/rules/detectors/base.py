"""What detectors return, and helpers over the dependency parse."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from simplify.document import Document, Token
from simplify.rules.context import Context, Params
from simplify.rules.model import Severity, Suggestion


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    fields: Mapping[str, Any] = field(default_factory=dict)  # for the message template
    suggestions: tuple[Suggestion, ...] = ()
    severity: Severity | None = None
    scope: str = "span"
    message: str | None = None  # replaces the rule's message (already in French)


DetectorFunction = Callable[[Context, Params], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Detector:
    name: str
    function: DetectorFunction
    parameters: tuple[str, ...] = ()


def subtree_bounds(doc: Document, token: Token) -> tuple[int, int]:
    """Character span of a token with all its dependents, within its sentence."""
    start, end = token.start, token.end
    stack = [token]
    seen = {token.i}
    while stack:
        current = stack.pop()
        for child in doc.children(current):
            if child.i in seen or child.sentence != token.sentence:
                continue
            seen.add(child.i)
            start, end = min(start, child.start), max(end, child.end)
            stack.append(child)
    return start, end


def lower(token: Token) -> str:
    return token.lower


def previous_word(doc: Document, token: Token, distance: int = 1) -> Token | None:
    index = token.i - distance
    if index < 0 or doc.tokens[index].sentence != token.sentence:
        return None
    return doc.tokens[index]


def next_word(doc: Document, token: Token, distance: int = 1) -> Token | None:
    index = token.i + distance
    if index >= len(doc.tokens) or doc.tokens[index].sentence != token.sentence:
        return None
    return doc.tokens[index]


def is_finite_verb(token: Token) -> bool:
    return token.pos in {"VERB", "AUX"} and token.feature("VerbForm") == "Fin"
