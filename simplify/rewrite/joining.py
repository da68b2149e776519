"""The chosen suggestions made one list of edits on the letter: in the letter's own apostrophes,
with the capitals that cuts ask for, and with elisions and contractions where two edits meet
("merci de " + "envoyer" -> "merci d'envoyer", "à" + "le tribunal" -> "au tribunal").

Each edit keeps its owner (the suggestion it came from), so that a problem found in the
result can be blamed on the suggestion that made it."""

from __future__ import annotations

import itertools
import re
from typing import Protocol, TypeVar

from simplify.rewrite.inflect import join_words, starts_with_vowel_sound
from simplify.rules.model import Edit, Suggestion


class _Owner(Protocol):
    @property
    def suggestion(self) -> Suggestion: ...


P = TypeVar("P", bound=_Owner)


def joined_edits(text: str, chosen: list[P]) -> tuple[list[Edit], dict[int, P]]:
    """The edits of the chosen suggestions, with the capitals that cuts ask for."""
    edits: list[Edit] = []
    owners: dict[int, P] = {}
    curly = text.count("’") > text.count("'")  # the letter's own apostrophes (Word writes ’)
    # At one place, pure additions (a word's gloss) come after what a move writes there: the
    # reference said apart follows its sentence ("Cette règle ..."), the glosses follow it.
    for proposal in sorted(chosen, key=lambda p: all(e.start == e.end for e in p.suggestion.edits)):
        for original in proposal.suggestion.edits:
            edit = original
            if curly and "'" in original.replacement:
                edit = Edit(original.start, original.end, original.replacement.replace("'", "’"))
            edits.append(edit)
            owners[id(edit)] = proposal
    for proposal in chosen:
        for offset in proposal.suggestion.capitalise_at:
            _capitalise_at(text, offset, edits, owners, proposal)
    _elide_between(text, edits, owners)
    return edits, owners


_ELIDABLE_END = re.compile(r"(?i)\b(de|que|le|la|ne|je|me|se|te)\s?$")


def _elide_between(text: str, edits: list[Edit], owners: dict[int, P]) -> None:
    """Two edits side by side: "merci de " + "envoyer" -> "merci d'" + "envoyer"."""
    ordered = sorted(range(len(edits)), key=lambda i: (edits[i].start, edits[i].end))
    for first_index, second_index in itertools.pairwise(ordered):
        first, second = edits[first_index], edits[second_index]
        gap = text[first.end : second.start]
        if len(gap) > 1 or gap.strip() or first.end == first.start:
            continue
        article = re.match(r"(le|les) ", second.replacement)
        if article and re.search(r"\b(?:à|de)$", first.replacement) and gap in {" ", "\n"}:
            # "vous adresser à" + "le tribunal" -> "vous adresser au" + "tribunal"
            joined = join_words(first.replacement, article.group(1))
            new_first = Edit(first.start, first.end, joined)
            new_second = Edit(second.start, second.end, second.replacement[article.end() :])
            owners[id(new_first)] = owners.pop(id(first))
            owners[id(new_second)] = owners.pop(id(second))
            edits[first_index], edits[second_index] = new_first, new_second
            continue
        match = _ELIDABLE_END.search(first.replacement)
        if match is None or not starts_with_vowel_sound(second.replacement):
            continue
        if not gap and not first.replacement.endswith(" "):
            continue  # the two replacements were glued: nothing to elide
        apostrophe = "’" if "’" in text else "'"
        replacement = first.replacement[: match.start()] + match.group(1)[0] + apostrophe
        new = Edit(first.start, second.start, replacement)
        owners[id(new)] = owners.pop(id(first))
        edits[first_index] = new


def _capitalise_at(
    text: str, offset: int, edits: list[Edit], owners: dict[int, P], owner: P
) -> None:
    """Make the letter at offset a capital: in the edit that starts there, or with a new one."""
    for position, edit in enumerate(edits):
        if edit.start == offset and edit.end > edit.start:
            if edit.replacement[:1].isalpha():
                new = Edit(
                    edit.start, edit.end, edit.replacement[:1].upper() + edit.replacement[1:]
                )
                owners[id(new)] = owners.pop(id(edit))
                edits[position] = new
                return
            if not edit.replacement:
                _capitalise_at(text, edit.end, edits, owners, owner)
                return
    if (
        offset < len(text)
        and text[offset].islower()
        and not any(e.start <= offset < e.end for e in edits)
    ):
        new = Edit(offset, offset + 1, text[offset].upper())
        owners[id(new)] = owner
        edits.append(new)
