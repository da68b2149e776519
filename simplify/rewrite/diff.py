"""The edits that turn one text into another, word by word: for versions edited by hand,
whose changes must still reach a Word file as tracked revisions."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from simplify.rules.model import Edit

# Words, runs of spaces, and single other characters: a change never cuts a word in two.
_PIECE = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def _pieces(text: str) -> tuple[list[str], list[int]]:
    pieces, starts = [], []
    for match in _PIECE.finditer(text):
        pieces.append(match.group())
        starts.append(match.start())
    starts.append(len(text))
    return pieces, starts


def text_edits(old: str, new: str) -> list[Edit]:
    """Sorted, non-overlapping edits on `old` whose application gives `new` exactly."""
    if old == new:
        return []
    old_pieces, old_starts = _pieces(old)
    new_pieces, new_starts = _pieces(new)
    matcher = SequenceMatcher(None, old_pieces, new_pieces, autojunk=False)
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edits.append(Edit(old_starts[i1], old_starts[i2], new[new_starts[j1] : new_starts[j2]]))
    return edits
