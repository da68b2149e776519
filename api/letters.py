"""What can be done with a stored letter, shared by the REST routes and the pages:
upload, the current state (latest version, decisions, report, proposed text), new versions,
export, deletion and the retention purge. Only the owner ever reaches a letter."""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.collab import forget_documents
from api.engine import moved_shape
from api.errors import Problem
from api.services import Services
from api.storage.files import FileStore
from api.storage.models import Decision, Letter, User, Version, Workshop
from simplify.analysis import Report
from simplify.formats.files import Output
from simplify.formats.model import Extracted
from simplify.rewrite.planner import Revision
from simplify.rules.model import suggestion_id

log = logging.getLogger("api.letters")
NOT_FOUND = "Aucune de vos lettres n'a cet identifiant."


@dataclass
class LetterState:
    """A letter as it stands: its latest version, that version's analysis, the decisions
    taken on it and the text they give."""

    letter: Letter
    source: Extracted
    version: Version
    report: Report
    accepted: list[str]
    rejected: list[str]
    # Makes the rewrite with the accepted suggestions; called only when the text is asked for
    # (recording a decision needs the report, not the rewrite).
    rewrite: Callable[[], Revision | None]

    @cached_property
    def revision(self) -> Revision | None:
        """The rewrite with the accepted suggestions; None when nothing is accepted."""
        return self.rewrite()

    @property
    def proposed_text(self) -> str:
        return self.revision.text if self.revision is not None else self.version.text

    @property
    def not_applied(self) -> dict[str, str]:
        """Accepted suggestions the rewrite had to leave out, with the reason (in French)."""
        if self.revision is None:
            return {}
        return {skipped.suggestion: skipped.reason for skipped in self.revision.skipped}


def owned_letter(session: Session, user: User, letter_id: str) -> Letter:
    letter = session.get(Letter, letter_id)
    # Another owner's letter answers exactly like a missing one: its existence stays private.
    if letter is None or letter.owner_id != user.id:
        raise Problem(404, NOT_FOUND)
    return letter


def create_letter(
    services: Services,
    owner: User,
    filename: str,
    data: bytes,
    profile: str,
    title: str = "",
) -> Letter:
    source = services.engine.read(filename, data)
    letter_id = uuid.uuid4().hex
    letter = Letter(
        id=letter_id,
        owner_id=owner.id,
        title=(title.strip() or Path(filename).stem or "Lettre")[:300],
        filename=Path(filename).name[:300],
        format=source.format,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        profile=profile,
        notes=list(source.notes),
    )
    letter.versions.append(
        Version(
            number=1,
            text=source.text,
            source="original",
            label="Texte d'origine",
            author_id=owner.id,
        )
    )
    services.files.save(letter_id, data)
    try:
        services.session.add(letter)
        services.session.commit()
    except Exception:
        services.files.delete(letter_id)
        raise
    log.info("lettre %s déposée (%s, %d octets)", letter_id, source.format, len(data))
    return letter


def original_file(files: FileStore, letter: Letter) -> bytes:
    try:
        return files.read(letter.id)
    except FileNotFoundError as error:
        raise Problem(
            500, "Le fichier d'origine de cette lettre manque ; déposez-la de nouveau."
        ) from error


def source_of(services: Services, letter: Letter) -> Extracted:
    """The letter as read from its file (the file is read again only when not cached)."""
    return services.engine.stored_letter(
        letter.id, letter.filename, lambda: original_file(services.files, letter)
    )


def latest_decisions(letter: Letter, version: Version) -> dict[str, Decision]:
    latest: dict[str, Decision] = {}
    for decision in letter.decisions:
        if decision.version_id == version.id:
            latest[decision.suggestion_id] = decision
    return latest


def state_of(
    services: Services, letter: Letter, profile: str | None = None, *, with_text: bool = True
) -> LetterState:
    """The letter as it stands. With `with_text`, the rewrite with the accepted suggestions is
    made now (callers run this in a worker thread); without, only when first asked for."""
    engine = services.engine
    source = source_of(services, letter)
    version = letter.versions[-1]
    shape = moved_shape(source, version.text)
    chosen = profile or letter.profile
    report = engine.version_report(version.id, version.text, chosen, shape)
    decisions = latest_decisions(letter, version)
    accepted = [s for s, d in decisions.items() if d.accepted]
    rejected = [s for s, d in decisions.items() if not d.accepted]

    def rewrite() -> Revision | None:
        if not accepted:
            return None
        return engine.rewrite(version.text, chosen, accepted=accepted, shape=shape)

    state = LetterState(letter, source, version, report, accepted, rejected, rewrite)
    if with_text:
        _ = state.revision
    return state


def known_suggestions(report: Report) -> dict[str, str]:
    """Each suggestion id of a report that can be applied, with its rule."""
    return {
        suggestion_id(finding, suggestion): finding.rule
        for finding in report.findings
        for suggestion in finding.suggestions
        if suggestion.edits
    }


def alternatives(report: Report) -> dict[str, list[str]]:
    """For each applicable suggestion id, the ids of the other suggestions of its finding."""
    siblings: dict[str, list[str]] = {}
    for finding in report.findings:
        ids = [suggestion_id(finding, s) for s in finding.suggestions if s.edits]
        for key in ids:
            siblings[key] = [other for other in ids if other != key]
    return siblings


def record_decisions(
    session: Session,
    state: LetterState,
    user: User,
    decisions: list[tuple[str, bool]],
) -> list[Decision]:
    known = known_suggestions(state.report)
    unknown = [s for s, _ in decisions if s not in known]
    if unknown:
        raise Problem(
            422,
            f"Ces propositions n'existent pas dans la version {state.version.number} de la "
            f"lettre : {', '.join(unknown[:5])}. Relisez l'analyse pour avoir leurs identifiants.",
            unknown=unknown,
        )
    # The proposals of one finding are alternatives: accepting one rejects the others.
    siblings = alternatives(state.report)
    wanted: list[tuple[str, bool]] = []
    for suggestion, accepted in decisions:
        if accepted:
            wanted += [(other, False) for other in siblings.get(suggestion, ())]
        wanted.append((suggestion, accepted))
    made = [
        Decision(
            letter_id=state.letter.id,
            version_id=state.version.id,
            suggestion_id=suggestion,
            rule=known[suggestion],
            accepted=accepted,
            user_id=user.id,
        )
        for suggestion, accepted in wanted
    ]
    state.letter.decisions.extend(made)
    session.commit()
    return made


def add_version(
    session: Session, state: LetterState, user: User, text: str | None, label: str
) -> Version:
    """A new version: the given text, or the proposed text of the accepted decisions."""
    if text is None:
        if state.revision is None:
            raise Problem(
                409,
                "Aucune proposition acceptée sur la dernière version : acceptez-en au moins une, "
                "ou envoyez le nouveau texte.",
            )
        text, source = state.revision.text, "decisions"
    else:
        source = "edit"
    if not text.strip():
        raise Problem(422, "Le texte de la nouvelle version est vide.")
    number = state.version.number + 1
    version = Version(
        number=number,
        text=text,
        source=source,
        label=label.strip()[:200] or f"Version {number}",
        author_id=user.id,
    )
    state.letter.versions.append(version)
    session.commit()
    return version


def export_letter(
    services: Services, state: LetterState, fmt: str, *, tracked: bool, author: str
) -> Output:
    data = original_file(services.files, state.letter)
    on_original = state.version.number == 1
    note = (
        f"Modification de la version {state.version.number} ({state.version.label})"
        if not on_original
        else "Modification acceptée dans Simplify"
    )
    return services.engine.export(
        state.source,
        data,
        state.proposed_text,
        state.revision if on_original else None,
        fmt,
        tracked=tracked,
        author=author,
        when=datetime.now(UTC),
        title=state.letter.title,
        note=note,
    )


def delete_letter(services: Services, letter: Letter) -> None:
    letter_id = letter.id
    version_ids = [v.id for v in letter.versions]
    workshops = list(
        services.session.scalars(select(Workshop.id).where(Workshop.letter_id == letter_id))
    )
    services.session.delete(letter)
    services.session.commit()
    forget_documents(services.settings.workshop_texts, workshops)
    services.files.delete(letter_id)
    services.engine.forget(letter_id, version_ids)
    log.info("lettre %s supprimée", letter_id)


def purge_expired(services: Services) -> int:
    """Delete letters older than the retention setting (files and rows), and files no letter
    owns."""
    days = services.settings.retention_days
    session, files = services.session, services.files
    if days <= 0:
        return 0
    limit = datetime.now(UTC) - timedelta(days=days)
    old = list(session.scalars(select(Letter).where(Letter.created_at < limit)))
    for letter in old:
        delete_letter(services, letter)
    kept = set(session.scalars(select(Letter.id)))
    an_hour_ago = time.time() - 3600  # a file younger may belong to an upload in progress
    for orphan in files.names() - kept:
        if files.path(orphan).stat().st_mtime < an_hour_ago:
            files.delete(orphan)
    if old:
        log.info("rétention : %d lettre(s) de plus de %d jours supprimée(s)", len(old), days)
    return len(old)
