"""Rule type `lexicon`: words and phrases of the jargon lexicon, with plainer alternatives."""

from __future__ import annotations

import re
from collections.abc import Iterator

from simplify.document import ProtectedKind
from simplify.rewrite.words import gloss_suggestion, jargon_suggestion
from simplify.rules.context import Context, Params, Resources, Rule
from simplify.rules.lexicon import GROUPS, JargonMatch
from simplify.rules.model import Finding, Suggestion
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
            if _in_acronym_expansion(ctx.doc.text, match.start, match.end):
                continue  # "Caisse d'allocations familiales (CAF)": a name, not jargon
            span = ctx.doc.protected_at(match.start, match.end)
            if span is not None and span.kind is ProtectedKind.LEGAL_REFERENCE:
                continue  # "code général des collectivités territoriales": a title
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
        suggestions: list[Suggestion] = []
        if entry.group == "legal" and entry.explain:
            # A legal term stays in the letter: the rewrite explains it (not in a title).
            gloss = gloss_suggestion(ctx.doc, match.start, match.end, entry.explain)
            if gloss is not None and ctx.block_kind(match.start).value in {
                "paragraph",
                "list-item",
            }:
                suggestions.append(gloss)
        else:
            nouns = ctx.memo("replaced-nouns", lambda: _replaced_nouns(ctx))
            replaced = ctx.memo("replaced-starts", lambda: _replaced_starts(ctx))
            for alternative in entry.replace[:3]:
                suggestion = jargon_suggestion(
                    ctx.doc, entry, match.start, match.end, alternative, nouns, replaced
                )
                if suggestion is not None:
                    suggestions.append(suggestion)
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


_EXPANSION_END = re.compile(r"^[^.;:!?()\n]{0,60}?\(\s*([A-Z][A-Za-z]{1,9})\s*\)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LINKS = frozenset({"d", "de", "des", "du", "la", "le", "les", "l", "et", "à", "au", "aux", "en"})


def _replaced_nouns(ctx: Context) -> dict[str, str]:
    """Nouns of the letter that the lexicon replaces, with their first replacement."""
    return {
        ctx.doc.text[m.start : m.end].lower(): m.entry.replace[0]
        for m in ctx.jargon_matches
        if m.entry.pos == "NOUN" and m.entry.replace
    }


def _replaced_starts(ctx: Context) -> frozenset[int]:
    """Where the lexicon replaces a word itself: such a word agrees on its own."""
    return frozenset(m.start for m in ctx.jargon_matches if m.entry.replace)


def _in_acronym_expansion(text: str, start: int, end: int) -> bool:
    """Whether the match is part of the words an acronym in brackets stands for ("Caisse
    d'allocations familiales (CAF)"), not merely before one ("vous avez la possibilité de
    saisir la commission de recours amiable (CRA)": only the last four words are its name)."""
    found = _EXPANSION_END.match(text[end : end + 80])
    if found is None:
        return False
    letters = found.group(1).lower()
    before = text[max(0, start - 120) : end + found.start(1)]
    words = [(m.start(), m.group()) for m in _WORD.finditer(before)]
    position = len(letters) - 1
    significant = [(offset, word) for offset, word in words if word.lower() not in _LINKS]
    for offset, word in reversed(significant[-2 * len(letters) - 2 :]):
        if position >= 0 and word[0].lower() == letters[position]:
            position -= 1
        if position < 0:
            return max(0, start - 120) + offset <= start
    return False


def _is_glossed(ctx: Context, match: JargonMatch) -> bool:
    """Explained right after the term, or by a sentence « Le mot « ... » veut dire »."""
    after = ctx.doc.text[match.end : match.end + 40]
    if _GLOSS.match(after):
        return True
    term = re.escape(ctx.doc.text[match.start : match.end].lower())
    return re.search(rf"«\s*{term}\s*»\s+veut dire", ctx.doc.text.lower()) is not None
