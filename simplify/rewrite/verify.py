"""verify(): every fact of the original letter is still in the rewrite.

Facts are the protected spans: dates, times, amounts, percentages, numbers, phone numbers,
e-mail and web addresses, file and legal references, placeholders and names. A fact counts as
kept when the rewrite holds it the same number of times or more, written the same way or in an
equivalent form:

- a date may change its writing: 15/07/2024, 15.07.2024, « 15 juillet 2024 » and « lundi
  15 juillet 2024 » are the same date (compared as year-month-day);
- an amount compares by value and unit: « 1 245,50 € », « 1245,50 euros »;
- a phone number compares by its digits: « 05 56 99 33 33 », « 05.56.99.33.33 »;
- a time compares as hours and minutes: « 14 h 30 », « 14:30 »;
- a number compares by value, and may become part of an amount, a date or a reference;
- references, legal references, addresses, placeholders and names compare as text, spaces
  and apostrophes normalised (a reference must not change at all), except that « art. » and
  « article » are the same word in a legal reference.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from simplify.document import ProtectedKind, ProtectedSpan
from simplify.protect import find_protected

_SPACES = re.compile(r"[\s\u00a0\u202f]+")

# Facts compared by their normalised value; the others compare by their text.
_BY_VALUE = frozenset(
    {
        ProtectedKind.DATE,
        ProtectedKind.AMOUNT,
        ProtectedKind.PERCENT,
        ProtectedKind.PHONE,
        ProtectedKind.TIME,
        ProtectedKind.NUMBER,
    }
)
_NOT_FACTS = frozenset({ProtectedKind.MARKUP})


@dataclass(frozen=True)
class MissingFact:
    kind: ProtectedKind
    text: str
    start: int  # where it stands in the original
    end: int


@dataclass(frozen=True)
class Verification:
    ok: bool
    missing: tuple[MissingFact, ...]


_ARTICLE = re.compile(r"\b([Aa])rt\.\s")


def _flat(text: str) -> str:
    flat = _SPACES.sub(" ", text.replace("’", "'")).strip()
    return _ARTICLE.sub(r"\1rticle ", flat)


def _key(span: ProtectedSpan) -> tuple[str, str]:
    if span.kind in _BY_VALUE:
        return ("value", f"{span.kind.value}:{span.value}")
    return ("text", _flat(span.text))


def facts(text: str, spans: Iterable[ProtectedSpan] | None = None) -> list[ProtectedSpan]:
    """The facts of a text: its protected spans (found by pattern unless given)."""
    found = find_protected(text) if spans is None else list(spans)
    return [span for span in found if span.kind not in _NOT_FACTS]


def verify(
    original: str,
    rewritten: str,
    original_facts: Iterable[ProtectedSpan] | None = None,
    rewritten_spans: Iterable[ProtectedSpan] | None = None,
) -> Verification:
    """Which facts of the original are missing from the rewrite (an empty tuple when none).

    `original_facts` may pass the spans the analysis found (names from the parser included);
    by default the pattern-based spans are used. `rewritten_spans` may pass the pattern-based
    spans of the rewrite when the caller has them already.
    """
    before = facts(original, original_facts)
    after_spans = find_protected(rewritten) if rewritten_spans is None else list(rewritten_spans)
    flat_after = _flat(rewritten)
    available: Counter[tuple[str, str]] = Counter(_key(span) for span in after_spans)
    # A number of the original may live on inside a date, an amount or a reference.
    numbers_after = Counter(re.findall(r"\d+", rewritten.replace("\u00a0", "").replace(" ", "")))
    missing: list[MissingFact] = []
    needed: Counter[tuple[str, str]] = Counter()
    for span in before:
        key = _key(span)
        needed[key] += 1
        if available[key] >= needed[key]:
            continue
        if span.kind is ProtectedKind.NUMBER and _number_survives(span, numbers_after):
            continue
        if key[0] == "text" and flat_after.count(key[1]) >= needed[key]:
            continue  # a name or a reference the patterns did not re-find as such
        if span.kind is ProtectedKind.DATE and _date_written_out(span, rewritten):
            continue
        missing.append(MissingFact(span.kind, span.text, span.start, span.end))
    return Verification(ok=not missing, missing=tuple(missing))


def _number_survives(span: ProtectedSpan, numbers_after: Counter[str]) -> bool:
    digits = re.sub(r"\D", "", span.text.split(",")[0])
    if not digits or numbers_after[digits] == 0:
        return False
    numbers_after[digits] -= 1
    return True


def _date_written_out(span: ProtectedSpan, rewritten: str) -> bool:
    """A partial date ("mars 2024") may be written out in a longer form."""
    value = span.value or ""
    if "?" not in value:
        return False
    for found in find_protected(rewritten):
        other = found.value or ""
        if (
            found.kind is ProtectedKind.DATE
            and all(a in (b, "?") for a, b in zip(value, other, strict=False))
            and len(other) == len(value)
        ):
            return True
    return False
