"""What can be done with an audit, shared by the routes: check an uploaded archive, record the
audit, find the owner's audit, delete it (row, folder and cached results), and the retention
purge. Running audits is the runner's job (`api.audit_runner`). Only the owner reaches an audit.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.engine import SUPPORTED_SUFFIXES
from api.errors import Problem
from api.routes.inputs import too_large
from api.settings import Settings
from api.storage.audit_files import AuditFiles
from api.storage.models import Audit, User
from simplify.audit.cache import ResultCache
from simplify.audit.sources import AUDITED_SUFFIXES, Source, collect

log = logging.getLogger("api.audits")
QUEUED, RUNNING, DONE, INTERRUPTED, FAILED = "queued", "running", "done", "interrupted", "failed"
STATUSES = (QUEUED, RUNNING, DONE, INTERRUPTED, FAILED)
NOT_FOUND = "Aucun de vos audits n'a cet identifiant."
# Members that make a zip a document, not an archive of documents (Office Open XML, ODF).
_DOCUMENT_MEMBERS = {"[Content_Types].xml", "mimetype"}


def archive_too_large(limit: int) -> Problem:
    return too_large(limit, "L'archive", "découpez-la en plusieurs archives")


def check_archive(path: Path) -> None:
    """Refuse what is not a zip of letter templates, by its bytes, not its name."""
    if not zipfile.is_zipfile(path):
        raise Problem(
            415,
            "Ce fichier n'est pas une archive zip ; mettez les modèles de lettres dans une "
            "archive .zip et déposez-la.",
            supported=[".zip"],
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Problem(422, f"L'archive zip est illisible ({error}) ; recréez-la.") from error
    if _DOCUMENT_MEMBERS & set(names):
        raise Problem(
            415,
            "Ce fichier est un document (Word ou OpenDocument), pas une archive de modèles : "
            "déposez-le avec POST /api/v1/letters, ou mettez-le dans une archive .zip.",
            supported=[".zip"],
        )
    if not any(Path(name).suffix.lower() in AUDITED_SUFFIXES for name in names):
        raise Problem(
            422,
            "L'archive ne contient aucun modèle de lettre ; formats lus : "
            f"{', '.join(SUPPORTED_SUFFIXES)}.",
        )


def create_audit(
    session: Session, owner: User, audit_id: str, filename: str, size: int, profile: str
) -> Audit:
    """Record an audit whose archive is already saved; the runner takes it from the queue."""
    audit = Audit(
        id=audit_id,
        owner_id=owner.id,
        status=QUEUED,
        profile=profile,
        filename=(Path(filename).name or "archive.zip")[:300],
        size=size,
    )
    session.add(audit)
    session.commit()
    log.info("audit %s déposé (%d octets)", audit_id, size)
    return audit


def owned_audit(session: Session, user: User, audit_id: str) -> Audit:
    audit = session.get(Audit, audit_id)
    # Another owner's audit answers exactly like a missing one: its existence stays private.
    if audit is None or audit.owner_id != user.id:
        raise Problem(404, NOT_FOUND)
    return audit


def delete_audit(session: Session, files: AuditFiles, audit: Audit) -> None:
    """Delete the row, the folder (archive and reports) and the documents' cached results.
    A running audit is deleted too: its runner sees the row gone at its next progress update,
    stops, and forgets what it cached meanwhile."""
    audit_id = audit.id
    hashes = document_hashes(files.archive(audit_id))
    session.delete(audit)
    session.commit()
    files.delete(audit_id)
    forget_cached(files.cache_path, hashes)
    log.info("audit %s supprimé", audit_id)


def document_hashes(archive: Path) -> set[str]:
    """The SHA-256 of each document of an archive, as the audit cache keys them."""
    if not archive.is_file():
        return set()
    return {
        hashlib.sha256(item.data).hexdigest()
        for item in collect([str(archive)])
        if isinstance(item, Source)
    }


def forget_cached(cache_path: Path, hashes: Iterable[str]) -> None:
    """Remove documents from the shared result cache: a cached result holds the letter's text,
    which must not outlive the audit it came from."""
    wanted = list(hashes)
    if not wanted or not cache_path.exists():
        return
    try:
        cache = ResultCache(cache_path, engine="")
        try:
            cache.forget(wanted)
        finally:
            cache.close()
    except sqlite3.Error as error:
        log.warning("cache des audits : effacement impossible (%s)", type(error).__name__)


def purge_expired_audits(session: Session, files: AuditFiles, settings: Settings) -> int:
    """Delete audits older than the retention setting (folders, rows and cached results), and
    folders no audit owns."""
    days = settings.retention_days
    if days <= 0:
        return 0
    limit = datetime.now(UTC) - timedelta(days=days)
    old = list(session.scalars(select(Audit).where(Audit.created_at < limit)))
    for audit in old:
        delete_audit(session, files, audit)
    kept = set(session.scalars(select(Audit.id)))
    an_hour_ago = time.time() - 3600  # a younger folder may belong to an upload in progress
    for orphan in files.names() - kept:
        if files.folder(orphan).stat().st_mtime < an_hour_ago:
            forget_cached(files.cache_path, document_hashes(files.archive(orphan)))
            files.delete(orphan)
    if old:
        log.info("rétention : %d audit(s) de plus de %d jours supprimé(s)", len(old), days)
    return len(old)
