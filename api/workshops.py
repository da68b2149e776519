"""Workshops: a letter reworded live by its agent with the people who receive such letters.

The facilitator (the letter's owner) opens a workshop and gets a short join code; participants
join with the code and a first name, without an account, and get a token that opens this
workshop only, while it is open. Votes ("je comprends" / "je ne comprends pas"), comments and
proposed wordings are rows here; the text itself is in the co-editing store (api.collab).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth import hash_secret
from api.errors import Problem
from api.storage.models import Letter, Participant, Remark, User, Version, Vote, Workshop, now
from simplify.analysis import Report
from simplify.document import BlockKind
from simplify.formats.html_write import CATEGORY_TAGS
from simplify.rules.model import Category, Finding, suggestion_id

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed
CODE_LENGTH = 6
QUOTE_CONTEXT = 24  # characters of text kept before and after a quoted passage
NOT_FOUND = "Aucun atelier ouvert n'a ce code : vérifiez-le auprès de l'animateur."
CLOSED = "Cet atelier est terminé."
MAX_NAME = 40
MAX_REMARK = 2000


def new_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if session.scalar(select(Workshop.id).where(Workshop.code == code)) is None:
            return code


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).upper()


def create_workshop(session: Session, letter: Letter, facilitator: User) -> Workshop:
    workshop = Workshop(
        id=uuid.uuid4().hex,
        letter_id=letter.id,
        facilitator_id=facilitator.id,
        code=new_code(session),
        title=letter.title,
        first_version=letter.versions[-1].number,
    )
    session.add(workshop)
    session.commit()
    return workshop


def led_workshop(session: Session, user: User, workshop_id: str) -> Workshop:
    """A workshop of this facilitator; another agent's answers like a missing one."""
    workshop = session.get(Workshop, workshop_id)
    if workshop is None or workshop.facilitator_id != user.id:
        raise Problem(404, "Aucun de vos ateliers n'a cet identifiant.")
    return workshop


def join(session: Session, code: str, first_name: str, named: bool) -> tuple[Workshop, str]:
    """A new participant: the workshop and the participant's secret token."""
    name = " ".join(first_name.split())[:MAX_NAME]
    if not name:
        raise Problem(422, "Indiquez votre prénom (ou un surnom).")
    workshop = session.scalar(select(Workshop).where(Workshop.code == normalise_code(code)))
    if workshop is None or workshop.status != "open":
        raise Problem(404, NOT_FOUND)
    token = secrets.token_urlsafe(32)
    session.add(
        Participant(
            workshop_id=workshop.id,
            first_name=name,
            named_in_record=named,
            token_hash=hash_secret(token),
        )
    )
    session.commit()
    return workshop, token


def participant_of(session: Session, workshop_id: str, token: str) -> Participant | None:
    """The participant this token is, in this open workshop; None otherwise."""
    if not token:
        return None
    participant = session.scalar(
        select(Participant).where(Participant.token_hash == hash_secret(token))
    )
    if participant is None or participant.workshop_id != workshop_id:
        return None
    if participant.workshop.status != "open":
        return None
    return participant


def current_text(session: Session, workshop: Workshop) -> str:
    """The letter's latest saved text (what a new room is seeded with)."""
    version = session.scalars(
        select(Version).where(Version.letter_id == workshop.letter_id).order_by(Version.number)
    ).all()[-1]
    return version.text


# --- sentences and analysis -------------------------------------------------------------


def sentence_key(sentence: str) -> str:
    """A sentence's key: its words, whatever the spaces and apostrophes. A vote belongs to a
    wording: when the sentence changes, its key does."""
    flat = unicodedata.normalize("NFC", sentence).replace("’", "'")
    flat = " ".join(flat.split())
    return hashlib.sha1(flat.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Sentence:
    key: str
    text: str
    start: int
    end: int
    words: int


# What participants read as cards: not the letterhead nor the signature.
_CARD_KINDS = frozenset(
    {
        BlockKind.SUBJECT,
        BlockKind.SALUTATION,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.CLOSING,
    }
)


def sentences_of(report: Report) -> list[Sentence]:
    """The sentences a participant reads as cards: the body of the letter, in order."""
    document = report.document
    words = {index: metrics.words for index, metrics in report.sentences}
    found = []
    for index, sentence in enumerate(document.sentences):
        block = document.blocks[sentence.block]
        text = document.text[sentence.start : sentence.end].strip()
        if not text or block.kind not in _CARD_KINDS:
            continue
        found.append(
            Sentence(sentence_key(text), text, sentence.start, sentence.end, words.get(index, 0))
        )
    return found


def analysis_payload(report: Report, version: int) -> dict[str, Any]:
    """What the pages get after each analysis: score, findings anchored by quoted text, and
    the sentences with their keys."""
    text = report.text
    findings = []
    for finding in report.findings:
        if finding.scope == "document":
            continue
        first = next((s for s in finding.suggestions if s.replacement is not None), None)
        findings.append(
            {
                "id": suggestion_id(finding, first) if first else f"{finding.rule}:{finding.start}",
                "rule": finding.rule,
                "category": finding.category.value,
                "label": finding.category.label,
                "tag": CATEGORY_TAGS[finding.category],
                "message": finding.message,
                "quote": text[finding.start : finding.end],
                "prefix": text[max(0, finding.start - QUOTE_CONTEXT) : finding.start],
                "suffix": text[finding.end : finding.end + QUOTE_CONTEXT],
                "replacement": first.replacement if first else None,
                "safety": first.safety.value if first else None,
                # A jargon word's plain meaning, shown to participants when they tap it.
                "meaning": _meaning(finding) if finding.category is Category.JARGON else None,
            }
        )
    return {
        "version": version,
        "score": None if report.score is None else round(report.score),
        "label": report.label,
        "meaning": report.label_meaning,
        "findings": findings,
        "sentences": [
            {"key": s.key, "text": s.text, "words": s.words} for s in sentences_of(report)
        ],
    }


def _meaning(finding: Finding) -> str | None:
    """What a jargon word means in plain words: the lexicon's explanation, or its plainer
    alternatives."""
    explain = finding.data.get("explain")
    if explain:
        return str(explain)
    plain = list(dict.fromkeys(s.replacement for s in finding.suggestions if s.replacement))
    if not plain:
        return None
    return f"« {finding.text} » veut dire : " + " ou ".join(f"« {p} »" for p in plain[:3])


# --- votes, comments, proposals --------------------------------------------------------


def cast_vote(
    session: Session,
    workshop: Workshop,
    participant: Participant,
    sentence: str,
    understood: bool,
) -> None:
    key = sentence_key(sentence)
    vote = session.scalar(
        select(Vote).where(
            Vote.workshop_id == workshop.id,
            Vote.participant_id == participant.id,
            Vote.sentence_key == key,
            Vote.round == workshop.round,
        )
    )
    if vote is None:
        vote = Vote(
            workshop_id=workshop.id,
            participant_id=participant.id,
            sentence_key=key,
            sentence=sentence,
            round=workshop.round,
            understood=understood,
        )
        session.add(vote)
    else:
        vote.understood, vote.created_at = understood, now()
    session.commit()


def tallies(session: Session, workshop: Workshop) -> dict[str, dict[str, int]]:
    """For each sentence of the current round: how many understood it, how many did not."""
    counts: dict[str, Counter[str]] = {}
    for vote in session.scalars(
        select(Vote).where(Vote.workshop_id == workshop.id, Vote.round == workshop.round)
    ):
        counts.setdefault(vote.sentence_key, Counter())["oui" if vote.understood else "non"] += 1
    return {key: {"oui": c["oui"], "non": c["non"]} for key, c in counts.items()}


def my_votes(session: Session, workshop: Workshop, participant: Participant) -> dict[str, bool]:
    return {
        vote.sentence_key: vote.understood
        for vote in session.scalars(
            select(Vote).where(
                Vote.workshop_id == workshop.id,
                Vote.participant_id == participant.id,
                Vote.round == workshop.round,
            )
        )
    }


def add_remark(
    session: Session,
    workshop: Workshop,
    participant: Participant | None,
    kind: str,
    sentence: str,
    text: str,
) -> Remark:
    body = text.strip()
    if not body:
        raise Problem(422, "Le message est vide.")
    if len(body) > MAX_REMARK:
        raise Problem(422, f"Message trop long (au plus {MAX_REMARK} caractères).")
    remark = Remark(
        workshop_id=workshop.id,
        participant_id=participant.id if participant else None,
        kind=kind,
        sentence_key=sentence_key(sentence),
        sentence=sentence,
        text=body,
        round=workshop.round,
    )
    session.add(remark)
    session.commit()
    return remark


def remarks_payload(session: Session, workshop: Workshop) -> list[dict[str, Any]]:
    names = {p.id: p.first_name for p in workshop.participants}
    return [
        {
            "id": remark.id,
            "kind": remark.kind,
            "author": names.get(remark.participant_id or 0, "Animateur"),
            "sentence_key": remark.sentence_key,
            "sentence": remark.sentence,
            "text": remark.text,
            "status": remark.status,
            "round": remark.round,
        }
        for remark in session.scalars(
            select(Remark).where(Remark.workshop_id == workshop.id).order_by(Remark.id)
        )
    ]


def decide_proposal(session: Session, workshop: Workshop, remark_id: int, accept: bool) -> Remark:
    remark = session.get(Remark, remark_id)
    if remark is None or remark.workshop_id != workshop.id or remark.kind != "proposal":
        raise Problem(404, "Aucune proposition de cet atelier n'a cet identifiant.")
    if remark.status != "open":
        raise Problem(409, "Cette proposition a déjà été traitée.")
    remark.status = "accepted" if accept else "rejected"
    session.commit()
    return remark


def save_round(session: Session, workshop: Workshop, user: User, text: str, label: str) -> Version:
    """Save the text as a version of the letter; votes then start again on the new wording."""
    if not text.strip():
        raise Problem(422, "Le texte est vide.")
    letter = session.get(Letter, workshop.letter_id)
    assert letter is not None
    number = letter.versions[-1].number + 1
    version = Version(
        number=number,
        text=text,
        source="workshop",
        label=label.strip()[:200] or "Version validée en atelier",
        author_id=user.id,
    )
    letter.versions.append(version)
    workshop.round += 1
    session.commit()
    return version


def close_workshop(session: Session, workshop: Workshop) -> None:
    workshop.status, workshop.closed_at = "closed", now()
    session.commit()
