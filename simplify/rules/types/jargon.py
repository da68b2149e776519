"""Rule type `lexicon`: words and phrases of the jargon lexicon, with plainer alternatives."""

from __future__ import annotations

import re
from collections.abc import Iterator

from simplify.rules.context import Context, Params, Resources, Rule
from simplify.rules.lexicon import GROUPS, JargonMatch
from simplify.rules.model import Finding, Safety, Suggestion
from simplify.rules.render import render
from simplify.rules.yamlsource import PackError

# What a writer puts right after a hard term to explain it.
_GLOSS = re.compile(
    r"^\s*(?:\(|,?\s*(?:c['’]est-à-dire|soit|autrement dit|qui (?:signifie|veut dire|désigne)"
    r"|—|–|:)|,\s*(?:une?|la|le|les|l['’])\s)",
    re.IGNORECASE,
)


class LexiconRule(Rule):
    type_name = "lexicon"
    parameters = ("groups", "first_only", "unless_glossed")

    def configure(self, params: Params, resources: Resources) -> None:
        self.groups = frozenset(params.strings("groups", sorted(GROUPS)))
        unknown = self.groups - GROUPS
        if unknown:
            raise PackError(f"{self.spec.source} : groupe de lexique inconnu {sorted(unknown)}")
        self.first_only = params.boolean("first_only", False)
        self.unless_glossed = params.boolean("unless_glossed", False)

    def check(self, ctx: Context) -> Iterator[Finding]:
        seen: set[str] = set()
        for match in ctx.jargon_matches:
            entry = match.entry
            if entry.group not in self.groups or ctx.opaque(match.start, match.end):
                continue
            if self.first_only:
                if entry.term in seen:
                    continue
                seen.add(entry.term)
            if self.unless_glossed and _is_glossed(ctx, match):
                continue
            yield self._finding(ctx, match)

    def _finding(self, ctx: Context, match: JargonMatch) -> Finding:
        entry = match.entry
        text = ctx.doc.text[match.start : match.end]
        suggestions = [
            Suggestion.replace(
                match.start,
                match.end,
                alternative,
                Safety.UNSAFE,
                f"Remplacer « {text} » par « {alternative} ».",
            )
            for alternative in entry.replace[:3]
        ]
        if entry.explain:
            suggestions.append(
                Suggestion.advice(f"Expliquez « {text} » dans la lettre : {entry.explain}")
            )
        message = render(
            self.spec.message,
            text=text,
            term=entry.term,
            replacement=entry.replace[0] if entry.replace else "",
            explain=entry.explain or "",
        )
        return self.finding(
            ctx,
            match.start,
            match.end,
            message=message,
            suggestions=suggestions,
            data={"term": entry.term, "group": entry.group, "explain": entry.explain},
        )


def _is_glossed(ctx: Context, match: JargonMatch) -> bool:
    after = ctx.doc.text[match.end : match.end + 40]
    return bool(_GLOSS.match(after))
