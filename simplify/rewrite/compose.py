"""Compose two rounds of edits into one set of edits on the original text.

Round 2 edits the text round 1 produced. An edit of round 2 that falls in text round 1 left
unchanged maps back to the original directly; one that touches text round 1 inserted merges
with that round-1 edit into a single edit of the original (its replacement is the round-1 text
with the round-2 change made). The composed edits, applied to the original, give exactly the
round-2 text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simplify.rules.model import Edit


@dataclass(frozen=True)
class Composed:
    edit: Edit
    first: tuple[Edit, ...]  # round-1 edits it contains
    second: tuple[Edit, ...]  # round-2 edits it contains


def compose(
    original: str, first: Sequence[Edit], middle: str, second: Sequence[Edit]
) -> list[Composed]:
    """Edits on original equivalent to applying `first` (giving `middle`) then `second`.

    Both lists are the edits actually applied (sorted, non-overlapping)."""
    del original  # the spans say everything; kept in the signature for clarity of use
    regions: list[tuple[int, int, Edit]] = []  # round-1 edits as spans of `middle`
    shift = 0
    for edit in sorted(first, key=lambda e: (e.start, e.end)):
        start = edit.start + shift
        regions.append((start, start + len(edit.replacement), edit))
        shift += len(edit.replacement) - (edit.end - edit.start)

    def shift_before(offset: int, include_point: bool) -> int:
        """Length change of the round-1 edits left of a `middle` offset (outside regions);
        a deletion exactly at the offset counts only when include_point."""
        total = 0
        for start, end, edit in regions:
            if end < offset or (end == offset and (start < end or include_point)):
                total += len(edit.replacement) - (edit.end - edit.start)
        return total

    def touches(region: tuple[int, int, Edit], low: int, high: int) -> bool:
        start, end, _ = region
        if start < end:
            # An insertion at the edge of a round-1 text joins it, so the order is kept.
            return (start < high and low < end) or (low == high and start <= low <= end)
        return low < start < high  # a deletion strictly inside the span

    groups: list[tuple[int, int, list[int], list[Edit]]] = []
    for edit in sorted(second, key=lambda e: (e.start, e.end)):
        touched = [i for i, region in enumerate(regions) if touches(region, edit.start, edit.end)]
        low, high = edit.start, edit.end
        if touched:
            low = min(low, regions[touched[0]][0])
            high = max(high, regions[touched[-1]][1])
        merged_first, merged_second = touched, [edit]
        while groups and groups[-1][2] and set(groups[-1][2]) & set(touched):
            previous = groups.pop()
            low, high = min(low, previous[0]), max(high, previous[1])
            merged_first = sorted(set(previous[2]) | set(merged_first))
            merged_second = previous[3] + merged_second
        groups.append((low, high, merged_first, merged_second))

    used = {i for _, _, touched, _ in groups for i in touched}
    result: list[Composed] = []
    for low, high, touched, round_two in groups:
        replacement = _apply_local(middle, low, high, round_two)
        if touched:
            first_region, last_region = regions[touched[0]], regions[touched[-1]]
            original_start = (
                first_region[2].start
                if low >= first_region[0]
                else low - shift_before(low, include_point=True)
            )
            original_end = (
                last_region[2].end
                if high <= last_region[1]
                else high - shift_before(high, include_point=False)
            )
        else:
            original_start = low - shift_before(low, include_point=True)
            original_end = high - shift_before(high, include_point=False)
        result.append(
            Composed(
                Edit(original_start, max(original_start, original_end), replacement),
                tuple(regions[i][2] for i in touched),
                tuple(round_two),
            )
        )
    for index, (_, _, edit) in enumerate(regions):
        if index not in used:
            result.append(Composed(edit, (edit,), ()))
    result.sort(key=lambda c: (c.edit.start, c.edit.end))
    return result


def _apply_local(middle: str, low: int, high: int, edits: list[Edit]) -> str:
    pieces = []
    position = low
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces.append(middle[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(middle[position:high])
    return "".join(pieces)
