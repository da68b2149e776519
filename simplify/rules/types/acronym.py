"""Rule type `acronym`: an acronym not spelled out where the letter first uses it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from simplify.document import ProtectedKind
from simplify.readability.vocabulary import zipf
from simplify.rules.context import Context, Params, Resources, Rule
from simplify.rules.lexicon import AcronymEntry, fold
from simplify.rules.model import Finding, Safety, Suggestion
from simplify.rules.render import render

_CANDIDATE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*[a-z]?)(?![\w-])")
_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_CAPITALS_WORD = re.compile(r"[A-ZÀ-ÖØ-Ý]{2,}")
# A French word written in capitals ("IMPORTANT") is not an acronym: the capitals rule
# handles it. Zipf 3 is the rare-word threshold used elsewhere.
_WORD_ZIPF = 3.0
_WINDOW = 160
_GLOSS_AFTER = re.compile(r"[ \u00a0]*\([^()]*\w\W+\w[^()]*\)")
# An unknown word in capitals longer than this is a name written in capitals, not an acronym.
_UNKNOWN_MAX_LETTERS = 5


class AcronymRule(Rule):
    type_name = "acronym"
    parameters = ("unknown",)

    def configure(self, params: Params, resources: Resources) -> None:
        self.unknown = params.boolean("unknown", False)
        self.acronyms = resources.acronyms

    def check(self, ctx: Context) -> Iterator[Finding]:
        seen: set[str] = set()
        for start, end, form in acronym_occurrences(ctx):
            entry = self.acronyms.get(form)
            key = entry.acronym if entry else form
            if key in seen:
                continue
            seen.add(key)
            if (entry is None) != self.unknown:
                continue
            if _explained(ctx, start, end, entry):
                continue
            yield self._finding(ctx, start, end, form, entry)

    def _finding(
        self, ctx: Context, start: int, end: int, form: str, entry: AcronymEntry | None
    ) -> Finding:
        suggestions: list[Suggestion] = []
        span = ctx.doc.protected_at(start, end)
        inside_reference = span is not None and span.kind is ProtectedKind.LEGAL_REFERENCE
        # Spelled out in the text, not in the letterhead, addresses or signature.
        if entry is not None and not inside_reference and ctx.in_prose(start):
            replacement = f"{entry.expansion} ({form})"
            ambiguous = entry.clash or "peut aussi" in (entry.explain or "")
            suggestions.append(
                Suggestion.replace(
                    start,
                    end,
                    replacement,
                    Safety.UNSAFE if ambiguous else Safety.SAFE,
                    f"Écrire le sigle en entier la première fois : « {replacement} ».",
                )
            )
        else:
            suggestions.append(
                Suggestion.advice(f"Écrivez ce que veut dire « {form} » la première fois.")
            )
        message = render(
            self.spec.message,
            text=form,
            expansion=entry.expansion if entry else "",
            explain=(entry.explain or "") if entry else "",
        )
        data = {"acronym": form, "expansion": entry.expansion if entry else None}
        return self.finding(ctx, start, end, message=message, suggestions=suggestions, data=data)


def acronym_occurrences(ctx: Context) -> Iterator[tuple[int, int, str]]:
    """Every acronym-like word of the letter, outside placeholders, names and references."""
    text = ctx.doc.text
    acronyms = ctx.resources.acronyms
    for match in _CANDIDATE.finditer(text):
        start, end = match.span(1)
        form = match.group(1)
        listed = acronyms.get(form) is not None
        if not listed and (sum(c.islower() for c in form) > 1 or len(form) > 10):
            continue
        span = ctx.doc.protected_at(start, end)
        entry = acronyms.get(form)
        if ctx.opaque(start, end) or (
            entry is None and span is not None and span.kind is ProtectedKind.NAME
        ):
            continue
        if entry is None and (
            _ROMAN.match(form) or len(form) > _UNKNOWN_MAX_LETTERS or any(c.isdigit() for c in form)
        ):
            continue
        if entry is None and _is_french_word(form):
            continue
        if (entry is None or entry.clash) and _in_capitals_run(text, start, end):
            continue
        yield start, end, form


def _is_french_word(form: str) -> bool:
    return form.isalpha() and zipf(form.lower()) >= _WORD_ZIPF


def _in_capitals_run(text: str, start: int, end: int) -> bool:
    """Whether the word sits among other words in capitals ("NE PAS OUBLIER")."""
    before = text[max(0, start - 25) : start].split()
    after = text[end : end + 25].split()
    neighbours = [w for w in (before[-1:] + after[:1]) if w.strip(".,;:!?()")]
    return any(_CAPITALS_WORD.fullmatch(w.strip(".,;:!?()'’")) for w in neighbours)


def _explained(ctx: Context, start: int, end: int, entry: AcronymEntry | None) -> bool:
    text = ctx.doc.text
    # "SDEA (Syndicat des eaux)" or "Syndicat des eaux (SDEA)": spelled out beside it.
    if _GLOSS_AFTER.match(text, end) or (
        text[max(0, start - 1) : start] == "(" and text[end : end + 1] == ")"
    ):
        return True
    if entry is None:
        return False
    # Spelled out in the same sentence ("la Caisse d'allocations familiales, la CAF, ...").
    sentence = next((s for s in ctx.doc.sentences if s.start <= start < s.end), None)
    low, high = (sentence.start, sentence.end) if sentence else (start - _WINDOW, end + _WINDOW)
    return fold(entry.expansion) in fold(text[max(0, low) : high])
