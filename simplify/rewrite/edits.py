"""Applying edits: one pure function, edits sorted, overlapping ones skipped (never merged)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from simplify.rules.model import Edit


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets of the original text to offsets of the edited text.

    Built from the applied edits (sorted, non-overlapping). An offset inside a replaced span
    maps to the start of its replacement.
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    shifts: tuple[int, ...]  # total length change after each edit

    def __call__(self, offset: int) -> int:
        index = bisect_right(self.ends, offset) - 1  # last edit ending at or before offset
        inside = bisect_right(self.starts, offset) - 1
        if inside > index:  # offset falls strictly inside a replaced span
            before = self.shifts[inside - 1] if inside > 0 else 0
            return self.starts[inside] + before
        return offset + (self.shifts[index] if index >= 0 else 0)


@dataclass(frozen=True)
class Applied:
    text: str
    applied: tuple[Edit, ...]
    skipped: tuple[Edit, ...]
    offsets: OffsetMap
    regions: tuple[tuple[int, int], ...] = ()  # where each applied edit's text stands now


def apply_edits(text: str, edits: Iterable[Edit]) -> Applied:
    """Apply edits to text in one pass.

    Edits are taken in order of start (then end); an edit that overlaps one already taken is
    skipped, never merged. Two insertions at the same offset are both kept, in the order given.
    """
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))
    taken: list[Edit] = []
    skipped: list[Edit] = []
    last_end = 0
    for _, edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            skipped.append(edit)
            continue
        if taken and edit.start < last_end:
            skipped.append(edit)
            continue
        taken.append(edit)
        last_end = max(last_end, edit.end)
    pieces: list[str] = []
    position = 0
    shift = 0
    starts, ends, shifts = [], [], []
    regions = []
    for edit in taken:
        pieces.append(text[position : edit.start])
        new_start = edit.start + shift
        regions.append((new_start, new_start + len(edit.replacement)))
        pieces.append(edit.replacement)
        position = edit.end
        shift += len(edit.replacement) - (edit.end - edit.start)
        starts.append(edit.start)
        ends.append(edit.end)
        shifts.append(shift)
    pieces.append(text[position:])
    return Applied(
        text="".join(pieces),
        applied=tuple(taken),
        skipped=tuple(skipped),
        offsets=OffsetMap(tuple(starts), tuple(ends), tuple(shifts)),
        regions=tuple(regions),
    )


def overlaps(first: Sequence[Edit], second: Sequence[Edit]) -> bool:
    """Whether any edit of one group overlaps any edit of the other (insertions at the same
    offset count as overlapping)."""
    return any(
        (a.start < b.end and b.start < a.end) or (a.start == b.start and a.end == b.end == a.start)
        for a in first
        for b in second
    )
