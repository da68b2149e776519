"""Rule type `pattern`: a regular expression over the text (dates, punctuation, formulas...)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from simplify.rules.context import Context, Params, Resources, Rule
from simplify.rules.model import Finding, Safety, Suggestion
from simplify.rules.render import render
from simplify.rules.yamlsource import PackError

SCOPES = frozenset({"prose", "all"})


class PatternRule(Rule):
    type_name = "pattern"
    parameters = (
        "regex",
        "ignore_case",
        "group",
        "scope",
        "first_only",
        "sentence",
        "exclude",
        "replacement",
        "safety",
        "explanation",
        "inside_protected",
    )

    def configure(self, params: Params, resources: Resources) -> None:
        flags = re.IGNORECASE if params.boolean("ignore_case", False) else 0
        self.regex = _compile(self, params.string("regex"), flags)
        exclude = params.optional_string("exclude")
        self.exclude = _compile(self, exclude, flags) if exclude else None
        self.group = params.integer("group", 0)
        self.scope = params.string("scope", "prose")
        if self.scope not in SCOPES:
            raise PackError(f"{self.spec.source} : « scope » : prose ou all attendu")
        self.first_only = params.boolean("first_only", False)
        self.sentence = params.boolean("sentence", False)
        self.inside_protected = params.boolean("inside_protected", False)
        self.replacement = params.optional_string("replacement")
        self.safety = Safety(params.string("safety", "unsafe"))
        self.explanation = params.optional_string("explanation")

    def check(self, ctx: Context) -> Iterator[Finding]:
        text = ctx.lookup_text
        seen: set[str] = set()
        for match in self.regex.finditer(text):
            start, end = match.span(self.group)
            if start == end:
                continue
            if self.scope == "prose" and not ctx.in_prose(start):
                continue
            if not self.inside_protected and ctx.opaque(start, end):
                continue
            if self.exclude is not None and self.exclude.search(match.group(0)):
                continue
            key = match.group(self.group).lower()
            if self.first_only:
                if key in seen:
                    continue
                seen.add(key)
            if self.sentence:
                start, end = _sentence_around(ctx, start, end)
            yield self._finding(ctx, start, end)

    def _finding(self, ctx: Context, start: int, end: int) -> Finding:
        text = ctx.doc.text[start:end]
        suggestions = []
        if self.replacement is not None:
            suggestions.append(
                Suggestion.replace(
                    start,
                    end,
                    self.replacement,
                    self.safety,
                    self.explanation or f"Remplacer par « {self.replacement} ».",
                )
            )
        elif self.explanation:
            suggestions.append(Suggestion.advice(self.explanation))
        return self.finding(
            ctx, start, end, message=render(self.spec.message, text=text), suggestions=suggestions
        )


def _compile(rule: Rule, source: str, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(source, flags)
    except re.error as error:
        raise PackError(
            f"{rule.spec.source} : règle {rule.spec.id} : regex invalide ({error})"
        ) from error


def _sentence_around(ctx: Context, start: int, end: int) -> tuple[int, int]:
    for sentence in ctx.doc.sentences:
        if sentence.start <= start < sentence.end:
            return sentence.start, max(end, sentence.end)
    return start, end
