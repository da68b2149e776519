"""Enumerations: an inline list becomes a bulleted one; "soit ..., soit ..." becomes two
choices."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from simplify.rules.model import Edit, Safety, Suggestion

if TYPE_CHECKING:
    from simplify.rules.context import Context
    from simplify.rules.model import Finding

_LIST_INTRODUCERS = frozenset({"suivants", "suivantes", "notamment"})


def inline_list(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Envoyez votre avis, un justificatif et une pièce d'identité." -> a bulleted list."""
    from simplify.rules.detectors.clauses import _enumerations

    doc, text = ctx.doc, ctx.doc.text
    sentence = next(
        (i for i, s in enumerate(doc.sentences) if s.start <= finding.start < s.end), None
    )
    if sentence is None:
        return []
    tokens = [t for t in doc.sentence_tokens[sentence] if t.pos != "SPACE"]
    items = next(
        (found for found in _enumerations(tokens, 3) if found[0][0].start == finding.start), None
    )
    if items is None:
        return []
    first = items[0][0]
    before = doc.tokens[first.i - 1] if first.i > 0 else None
    if before is None or before.sentence != first.sentence:
        return []
    verb_like = before.pos in {"VERB", "AUX"} or before.lower.endswith(("ez", "er", "ir", "re"))
    if before.text == ":":
        edits_start = [Edit(before.start, first.start, ":\n- ")]
    elif verb_like or before.lower in _LIST_INTRODUCERS:
        edits_start = [Edit(before.end, first.start, " :\n- ")]
    else:
        return []  # "Envoyez" may be tagged as a proper noun at the start of a sentence
    after = text[items[-1][-1].end :].lstrip(" \u00a0")
    if not after.startswith((".", "\n", "(")) and after:
        return []  # the list must end the sentence (a parenthesis may close the last item)
    if (
        any(t.lower == "ou" for item in items for t in item[:1])
        or " ou " in text[items[-2][-1].end : items[-1][0].start]
    ):
        return []  # alternatives read badly as a list
    edits = edits_start
    for previous, current in itertools.pairwise(items):
        edits.append(Edit(previous[-1].end, current[0].start, "\n- "))
    return [
        Suggestion(
            edits=tuple(edits),
            safety=Safety.UNSAFE,
            explanation="Présenter les éléments en liste à puces.",
        )
    ]


_SOIT = re.compile(r"(?i)\bsoit ([^,;.]{3,120}?), soit ([^;.]{3,160}?)(?=[.;]|$)")


def alternatives_list(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Payez soit par chèque, soit par virement." -> a list of the two ways."""
    doc = ctx.doc
    sentence = next((s for s in doc.sentences if s.start == finding.start), None)
    if sentence is None:
        return []
    text = ctx.lookup_text
    match = _SOIT.search(text, sentence.start, sentence.end)
    if match is None or ctx.opaque(match.start(), match.end()):
        return []
    first_soit = Edit(
        match.start() - (1 if text[match.start() - 1] == " " else 0), match.start(1), " :\n- "
    )
    second = Edit(match.end(1), match.start(2), "\n- ")
    return [
        Suggestion(
            edits=(first_soit, second),
            safety=Safety.UNSAFE,
            explanation="Présenter les deux possibilités en liste.",
        )
    ]


# -- passive to active ------------------------------------------------------------------------
