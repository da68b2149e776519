"""The audit runner: one background thread per server process takes queued audits from the
database, oldest first and one at a time, runs the engine's audit on each archive, and writes
the reports. The database is the queue, so several processes (or machines) can share it.

An audit is never silently lost. A process that stops cleanly puts its running audit back in
the queue; one that dies leaves it "running" under its name ("hostname:pid"), and the next
process to start on that machine finds the process gone and queues the audit again. The
engine's result cache makes the new run skip every document already finished. An audit whose
archive has disappeared, or that kept killing its server, ends "interrupted" with a French
message saying to upload it again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, func, select, update

from api.audits import (
    DONE,
    FAILED,
    INTERRUPTED,
    QUEUED,
    RUNNING,
    forget_cached,
)
from api.settings import Settings
from api.storage.audit_files import ARCHIVE, AuditFiles
from api.storage.database import Database
from api.storage.models import Audit, now
from simplify.audit.aggregate import summarise
from simplify.audit.render import FORMATS, render
from simplify.audit.run import AuditRun, run_audit
from simplify.nlp import ModelMissingError

log = logging.getLogger("api.audits")
POLL_SECONDS = 1.0  # an idle runner looks at the queue this often (an upload here wakes it)
PROGRESS_SECONDS = 1.0  # at most one progress write per this many seconds
RECOVER_SECONDS = 60.0  # how often a running process looks for audits of dead siblings
STOP_SECONDS = 30.0  # how long a shutdown waits for the running document to finish
MAX_RESTARTS = 3
ARCHIVE_MISSING = (
    "L'archive de cet audit a disparu du serveur pendant une interruption ; déposez-la de "
    "nouveau pour relancer l'audit."
)
TOO_MANY_RESTARTS = (
    f"L'audit a été interrompu {MAX_RESTARTS + 1} fois par un arrêt du serveur ; déposez de "
    "nouveau l'archive, ou découpez-la en archives plus petites."
)


@dataclass(frozen=True)
class Job:
    id: str
    profile: str
    filename: str


def worker_name(pid: int | None = None) -> str:
    return f"{socket.gethostname()}:{pid if pid is not None else os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    try:  # a killed process its parent has not reaped yet is a zombie: dead
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _orphaned(worker: str | None, me: str, include_self: bool) -> bool:
    """Whether the process named `worker` is gone. Only this machine's processes can be
    checked: another machine's audit is left to that machine."""
    if worker is None:
        return True
    if worker == me:
        return include_self
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname():
        return False
    return not pid.isdigit() or not _alive(int(pid))


def _held_by(audit_id: str, worker: str | None) -> ColumnElement[bool]:
    held = Audit.worker.is_(None) if worker is None else Audit.worker == worker
    return (Audit.id == audit_id) & (Audit.status == RUNNING) & held


def recover(database: Database, files: AuditFiles, me: str, *, include_self: bool) -> int:
    """Queue again the running audits of this machine's dead processes (with `include_self`,
    this process's too: at start-up it runs none yet, and a restarted server may get its old
    pid back). Returns how many audits were taken back."""
    with database.session() as session:
        rows = session.execute(
            select(Audit.id, Audit.worker, Audit.restarts).where(Audit.status == RUNNING)
        ).all()
    taken = 0
    for audit_id, worker, restarts in rows:
        if not _orphaned(worker, me, include_self):
            continue
        values: dict[str, Any]
        if not files.archive(audit_id).is_file():
            values = {"status": INTERRUPTED, "error": ARCHIVE_MISSING, "finished_at": now()}
        elif restarts >= MAX_RESTARTS:
            values = {"status": INTERRUPTED, "error": TOO_MANY_RESTARTS, "finished_at": now()}
        else:
            values = {"status": QUEUED, "restarts": restarts + 1}
        with database.engine.begin() as connection:
            changed = connection.execute(
                update(Audit).where(_held_by(audit_id, worker)).values(worker=None, **values)
            ).rowcount
        if changed:
            taken += 1
            log.warning(
                "audit %s : son processus (%s) s'est arrêté ; état %s",
                audit_id,
                worker,
                values["status"],
            )
    return taken


class AuditRunner:
    """Runs this process's share of the queue in one daemon thread."""

    def __init__(self, database: Database, files: AuditFiles, settings: Settings) -> None:
        self.database = database
        self.files = files
        self.settings = settings
        self.worker = worker_name()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Take back the audits of dead processes, then start the thread."""
        self.worker = worker_name()  # the factory may run in another process than the app
        self._stop.clear()
        recover(self.database, self.files, self.worker, include_self=True)
        self._thread = threading.Thread(target=self._loop, name="audits", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """An audit was queued: look now, not at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = STOP_SECONDS) -> None:
        """Stop after the document being analysed; the running audit goes back to the queue.
        Past the timeout the thread is left behind (a daemon): the audit stays running under
        this process's name and the next start-up takes it back."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("audits : arrêt sans attendre la fin du document en cours")
            self._thread = None

    def _loop(self) -> None:
        next_recovery = time.monotonic() + RECOVER_SECONDS
        while not self._stop.is_set():
            job = None
            try:
                if time.monotonic() >= next_recovery:
                    next_recovery = time.monotonic() + RECOVER_SECONDS
                    recover(self.database, self.files, self.worker, include_self=False)
                job = self._claim()
                if job is not None:
                    self._run(job)
            except Exception as error:  # the database may be away for a while: try again
                log.error("audits : file d'attente inaccessible (%s)", type(error).__name__)
                if job is not None:
                    with contextlib.suppress(Exception):
                        self._update(job.id, status=QUEUED, worker=None)
                self._stop.wait(POLL_SECONDS * 5)
            if job is None:
                self._wake.wait(POLL_SECONDS)
                self._wake.clear()

    def _claim(self) -> Job | None:
        """The oldest queued audit, taken with a conditional update: when several processes
        want it, one update changes the row and the others change nothing."""
        with self.database.session() as session:
            candidates = session.execute(
                select(Audit.id, Audit.profile, Audit.filename)
                .where(Audit.status == QUEUED)
                .order_by(Audit.created_at, Audit.id)
                .limit(10)
            ).all()
        for audit_id, profile, filename in candidates:
            with self.database.engine.begin() as connection:
                claimed = connection.execute(
                    update(Audit)
                    .where(Audit.id == audit_id, Audit.status == QUEUED)
                    .values(
                        status=RUNNING,
                        worker=self.worker,
                        started_at=func.coalesce(Audit.started_at, now()),
                    )
                ).rowcount
            if claimed == 1:
                log.info("audit %s : analyse commencée", audit_id)
                return Job(audit_id, profile, filename)
        return None

    def _update(self, audit_id: str, **values: Any) -> bool:
        """Change the audit if this process still holds it (not deleted, not taken back)."""
        with self.database.engine.begin() as connection:
            result = connection.execute(
                update(Audit).where(_held_by(audit_id, self.worker)).values(**values)
            )
        return result.rowcount == 1

    def _exists(self, audit_id: str) -> bool:
        with self.database.session() as session:
            return session.get(Audit, audit_id) is not None

    def _run(self, job: Job) -> None:
        archive = self.files.archive(job.id)
        if not archive.is_file():
            self._update(
                job.id,
                status=INTERRUPTED,
                error=ARCHIVE_MISSING,
                worker=None,
                finished_at=now(),
            )
            return
        last_write = 0.0
        lost = False  # the audit was deleted, or taken back by another process

        def progress(done: int, total: int) -> None:
            nonlocal last_write, lost
            moment = time.monotonic()
            if lost or (done < total and moment - last_write < PROGRESS_SECONDS):
                return
            last_write = moment
            if not self._update(job.id, done=done, total=total):
                lost = True

        def should_stop() -> bool:
            return lost or self._stop.is_set()

        run: AuditRun | None = None
        try:
            run = run_audit(
                [str(archive)],
                profile=job.profile,
                jobs=self.settings.audit_jobs,
                cache_path=self.files.cache_path,
                progress=progress,
                should_stop=should_stop,
                serial_below=0,  # the model stays out of the server's own process
            )
        except Exception as error:
            self._fail(job, error)
            return
        if lost:
            self._drop(job, run)
        elif run is None or run.interrupted:
            # Stopping: back to the queue for whichever process is next.
            if self._update(job.id, status=QUEUED, worker=None):
                log.info("audit %s : remis dans la file (arrêt du serveur)", job.id)
        else:
            self._finish(job, run)

    def _finish(self, job: Job, run: AuditRun) -> None:
        if not run.results and not run.skipped:
            self._fail(job, None)
            return
        named(run, job.filename)
        summary = summarise(run)
        annotated = {r["name"]: r["annotated"] for r in run.results if "annotated" in r}
        try:
            for fmt in FORMATS:
                self.files.save_report(job.id, fmt, render(summary, fmt, annotated))
        except FileNotFoundError:  # the folder went with a deletion
            self._drop(job, run)
            return
        total = len(run.results)
        finished = self._update(
            job.id,
            status=DONE,
            done=total,
            total=total,
            totals=summary["totals"],
            error=None,
            finished_at=now(),
        )
        if not finished:
            self._drop(job, run)
            return
        log.info(
            "audit %s : terminé (%d modèle(s), %d repris du cache, %.1f s)",
            job.id,
            total,
            run.cached,
            run.seconds,
        )

    def _fail(self, job: Job, error: Exception | None) -> None:
        if error is None:
            reason = "L'archive ne contient aucun modèle de lettre à auditer."
        else:
            # Only the type and the frames reach the log: a message may quote a letter.
            frames = "".join(traceback.format_tb(error.__traceback__))
            log.error("audit %s : échec (%s)\n%s", job.id, type(error).__name__, frames)
            if isinstance(error, ModelMissingError):
                detail = str(error)
            elif isinstance(error, OSError) and error.strerror:
                detail = f"erreur du système : {error.strerror}"
            else:
                detail = f"erreur interne {type(error).__name__}"
            reason = (
                f"L'audit a échoué ({detail}) ; déposez de nouveau l'archive, et si l'échec "
                f"revient, signalez-le à l'administrateur."
            )
        if not self._update(
            job.id, status=FAILED, error=reason, worker=None, finished_at=now()
        ) and not self._exists(job.id):
            self._drop(job, None)

    def _drop(self, job: Job, run: AuditRun | None) -> None:
        """The audit is no longer ours. Deleted: remove what this run left (the folder it may
        have written to, the results it cached). Taken back by another process: leave it."""
        if self._exists(job.id):
            log.warning("audit %s : repris par un autre processus ; abandonné ici", job.id)
            return
        self.files.delete(job.id)
        if run is not None:
            forget_cached(self.files.cache_path, {r["sha256"] for r in run.results})
        log.info("audit %s : supprimé pendant l'analyse ; abandonné", job.id)


def named(run: AuditRun, filename: str) -> None:
    """Name the templates after the archive the agent uploaded ("modeles.zip/relance.docx"),
    not after the stored copy ("archive.zip/relance.docx")."""

    def rename(name: str) -> str:
        if name == ARCHIVE:
            return filename
        return f"{filename}/{name[len(ARCHIVE) + 1 :]}" if name.startswith(f"{ARCHIVE}/") else name

    for result in run.results:
        result["name"] = rename(result["name"])
    run.skipped = [replace(item, name=rename(item.name)) for item in run.skipped]
