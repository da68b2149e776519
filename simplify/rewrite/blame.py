"""Which suggestion broke the rewrite: the one whose edits touch a lost fact, a broken piece
of French or a finding the original did not have. The planner drops it and tries again."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

from simplify.analysis import Report
from simplify.rewrite.checks import Defect
from simplify.rewrite.edits import Applied
from simplify.rewrite.verify import Verification
from simplify.rules.model import Category, Edit, Finding

P = TypeVar("P", bound=Hashable)

# Categories whose findings may legitimately appear anew after a rewrite (a cut sentence
# still long, a list) and are not counted as new problems.
_NOT_NEW = frozenset({Category.LONG_SENTENCE, Category.ENUMERATION, Category.STRUCTURE})


def owners_of_facts(verification: Verification, edits: list[Edit], owners: dict[int, P]) -> list[P]:
    found: list[P] = []
    for missing in verification.missing:
        for edit in edits:
            if edit.start < missing.end and missing.start < edit.end:
                proposal = owners[id(edit)]
                if proposal not in found:
                    found.append(proposal)
    return found


def owners_in_new_text(
    problems: Iterable[Defect | Finding], applied: Applied, owners: dict[int, P]
) -> list[P]:
    """The suggestions whose new text touches a problem, or, when none does, stands right
    beside it (a cut next to a replacement is not blamed for the replacement's words)."""
    regions = [
        (start, end, owners[id(edit)])
        for edit, (start, end) in zip(applied.applied, applied.regions, strict=True)
    ]
    found: list[P] = []
    for problem in problems:
        for margin in (0, 2):
            touching = [
                proposal
                for start, end, proposal in regions
                if start - margin < problem.end and problem.start < end + margin
            ]
            if touching:
                found.extend(p for p in touching if p not in found)
                break
    return found


def new_findings(before: Report, after: Report, applied: Applied) -> list[Finding]:
    """Findings of the rewrite with no finding of the same rule at the same place before
    (places are carried over with the offset map, so a reworded passage is still "the same
    place"). Words an edit writes again that carried a finding in the original ("Elle peut
    aussi faire l'objet d'un recours", the verb said again after a cut) bring nothing new."""
    carried: dict[str, list[tuple[int, int]]] = {}
    seen = {(f.rule, _first_word(f.text)) for f in before.findings}
    moved = list(zip(applied.applied, applied.regions, strict=True))
    for finding in before.findings:
        start, end = applied.offsets(finding.start), applied.offsets(finding.end)
        end = max(end, start + 1)
        for edit, (region_start, region_end) in moved:
            if edit.start < finding.end and finding.start < edit.end:
                # a finding inside a rewritten passage may stand anywhere in its new text
                start, end = min(start, region_start), max(end, region_end)
        carried.setdefault(finding.rule, []).append((start, end))
    new = []
    for finding in after.findings:
        if finding.category in _NOT_NEW:
            continue
        places = carried.get(finding.rule, [])
        if any(start < finding.end and finding.start < end for start, end in places):
            continue
        if (finding.rule, _first_word(finding.text)) in seen and any(
            start <= finding.start < end for start, end in applied.regions
        ):
            continue
        new.append(finding)
    return new


def _first_word(text: str) -> str:
    return text.split(maxsplit=1)[0].lower() if text.strip() else ""
