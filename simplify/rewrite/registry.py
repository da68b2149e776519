"""Rewriters by name: a rule entry picks one with `rewrite:` in its params."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from simplify.rewrite import lists, phrases, sentences, voice

if TYPE_CHECKING:
    from simplify.rules.context import Context
    from simplify.rules.model import Finding, Suggestion

Rewriter = Callable[["Context", "Finding"], list["Suggestion"]]

REWRITERS: dict[str, Rewriter] = {
    "opening-formula": phrases.opening_formula,
    "request-formula": phrases.request_formula,
    "impersonal": phrases.impersonal,
    "nominalisation": phrases.nominalisation,
    "restriction": phrases.restriction,
    "negation": phrases.negation,
    "conditional": phrases.conditional,
    "split-sentence": sentences.split_sentence,
    "semicolon": sentences.semicolon,
    "list": lists.inline_list,
    "passive": voice.passive_to_active,
    "faire-l-objet": voice.faire_l_objet,
}
