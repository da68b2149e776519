"""The record of a workshop: what a facilitator keeps and prints when it ends.

The letter before and after, the sentences that were hard and how their votes changed from one
saved version to the next, the comments and proposals, who took part (first names, or a count
for those who asked to stay anonymous), and what it shows for the easy-to-read checklist:
RLS-2.1 (written with the people concerned) and RLS-6.6 (the text is understood).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select

from api.engine import moved_shape
from api.letters import source_of
from api.services import Services
from api.storage.models import Letter, Remark, Version, Vote, Workshop
from simplify.rewrite.diff import text_edits


def record_context(services: Services, workshop: Workshop) -> dict[str, Any]:
    session = services.session
    letter = session.get(Letter, workshop.letter_id)
    assert letter is not None
    versions = list(
        session.scalars(
            select(Version).where(Version.letter_id == letter.id).order_by(Version.number)
        )
    )
    before = next((v for v in versions if v.number == workshop.first_version), versions[0])
    after = versions[-1]
    votes = list(session.scalars(select(Vote).where(Vote.workshop_id == workshop.id)))
    by_sentence: dict[str, dict[str, Any]] = {}
    for vote in votes:
        row = by_sentence.setdefault(
            vote.sentence_key, {"sentence": vote.sentence, "rounds": defaultdict(lambda: [0, 0])}
        )
        row["rounds"][vote.round][0 if vote.understood else 1] += 1
    hard = []
    for row in by_sentence.values():
        rounds = sorted(row["rounds"].items())
        if any(no for _, (_, no) in rounds):
            hard.append(
                {
                    "sentence": row["sentence"],
                    "rounds": [
                        {"round": number, "oui": yes, "non": no} for number, (yes, no) in rounds
                    ],
                }
            )
    hard.sort(key=lambda row: -max(r["non"] for r in row["rounds"]))
    last_round = max((v.round for v in votes), default=0)
    last = [v for v in votes if v.round == last_round]
    last_keys = {v.sentence_key for v in last}
    understood_by_all = sum(
        1 for key in last_keys if all(v.understood for v in last if v.sentence_key == key)
    )
    participants = workshop.participants
    named = [p.first_name for p in participants if p.named_in_record]
    remarks = list(
        session.scalars(select(Remark).where(Remark.workshop_id == workshop.id).order_by(Remark.id))
    )
    names = {p.id: (p.first_name if p.named_in_record else "Participant") for p in participants}
    source = source_of(services, letter)

    def score(version: Version) -> float | None:
        # The report the letter's page shows for this version (and keeps): same shape, same score.
        shape = moved_shape(source, version.text)
        report = services.engine.version_report(version.id, version.text, letter.profile, shape)
        return report.score

    score_before, score_after = score(before), score(after)
    return {
        "workshop": workshop,
        "letter": letter,
        "before": before,
        "after": after,
        "score_before": score_before,
        "score_after": score_after,
        "changes": changes(before.text, after.text),
        "hard": hard,
        "remarks": [
            {
                "kind": r.kind,
                "author": names.get(r.participant_id or 0, "Animateur"),
                "sentence": r.sentence,
                "text": r.text,
                "status": r.status,
            }
            for r in remarks
        ],
        "named": named,
        "anonymous": len(participants) - len(named),
        "voted_sentences": len(last_keys),
        "understood_by_all": understood_by_all,
        "voters": len({v.participant_id for v in votes}),
        "rls_21": bool(participants) and bool(votes or remarks),
    }


def changes(old: str, new: str) -> list[tuple[str, str]]:
    """The text as pieces ("same", "del" or "ins", text) for a before/after view."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for edit in text_edits(old, new):
        if edit.start > position:
            pieces.append(("same", old[position : edit.start]))
        if edit.end > edit.start:
            pieces.append(("del", old[edit.start : edit.end]))
        if edit.replacement:
            pieces.append(("ins", edit.replacement))
        position = edit.end
    if position < len(old):
        pieces.append(("same", old[position:]))
    return pieces
