"""Audits as resources: upload a zip of letter templates (a background job), follow its
progress, download its report, delete it."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile
from starlette.types import Message

from api.audits import (
    DONE,
    QUEUED,
    RUNNING,
    archive_too_large,
    check_archive,
    create_audit,
    delete_audit,
    owned_audit,
)
from api.deps import ApiUser, AuditFilesDep, SessionDep, SettingsDep
from api.errors import Problem
from api.routes.letters import attachment
from api.schemas import AuditOut
from api.storage.audit_files import AuditFiles
from api.storage.models import Audit, User
from simplify.audit.render import FORMATS, SUFFIXES

router = APIRouter(prefix="/audits", tags=["audits"])
# Room for the multipart envelope and the form fields around the archive itself.
ENVELOPE_BYTES = 200_000
MEDIA_TYPES = {
    "html": "text/html",
    "json": "application/json",
    "csv": "text/csv",
    "sarif": "application/sarif+json",
}
ARCHIVE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "Une archive .zip de modèles de lettres (.docx, "
                            ".odt, .pdf, .txt, .md, .html), dossiers compris.",
                        },
                        "profile": {"type": "string", "enum": ["clair", "falc"]},
                    },
                    "required": ["file"],
                }
            }
        },
    }
}
REPORT_CONTENT: dict[str, Any] = {media_type: {} for media_type in MEDIA_TYPES.values()}


def audit_dict(audit: Audit) -> dict[str, Any]:
    url = f"/api/v1/audits/{audit.id}"
    totals = audit.totals if audit.status == DONE else None
    return {
        "id": audit.id,
        "status": audit.status,
        "filename": audit.filename,
        "size": audit.size,
        "profile": audit.profile,
        "done": audit.done,
        "total": audit.total,
        "error": audit.error,
        "totals": totals,
        "errors": totals.get("unreadable") if totals else None,
        "created_at": audit.created_at,
        "started_at": audit.started_at,
        "finished_at": audit.finished_at,
        "links": {
            "self": url,
            "report": {fmt: f"{url}/report?format={fmt}" for fmt in FORMATS},
        },
    }


@router.post(
    "",
    status_code=202,
    response_model=AuditOut,
    summary="Lancer un audit",
    description="Une archive .zip de modèles de lettres (multipart, champ `file`, avec "
    "`profile` facultatif). L'archive est gardée telle quelle et analysée en arrière-plan : "
    "suivez l'avancement à l'adresse de l'en-tête `Location`, puis téléchargez le rapport. "
    "Un audit interrompu par un arrêt du serveur reprend au redémarrage, sans refaire les "
    "modèles déjà analysés.",
    openapi_extra=ARCHIVE_BODY,
)
async def upload_audit(
    request: Request,
    response: Response,
    user: ApiUser,
    session: SessionDep,
    settings: SettingsDep,
    files: AuditFilesDep,
) -> dict[str, Any]:
    limit = settings.audit_max_upload_bytes
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "multipart/form-data":
        raise Problem(
            415,
            "Envoyez l'archive en multipart/form-data, dans le champ file.",
            supported=["multipart/form-data"],
        )
    form = await _form(request, limit)
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise Problem(422, "Le champ file manque : joignez l'archive zip des modèles.")
        profile = form.get("profile") or settings.default_profile
        if profile not in {"clair", "falc"}:
            raise Problem(422, "profile : valeur non permise (attendu : clair ou falc).")
        audit_id = uuid.uuid4().hex
        size = await run_in_threadpool(files.save_archive, audit_id, upload.file, limit)
        filename = upload.filename or "archive.zip"
    finally:
        await form.close()

    def record() -> Audit:
        try:
            if size > limit:
                raise archive_too_large(limit)
            if size == 0:
                raise Problem(
                    422, "Le fichier envoyé est vide ; joignez l'archive zip des modèles."
                )
            check_archive(files.archive(audit_id))
            return create_audit(session, user, audit_id, filename, size, str(profile))
        except Exception:
            files.delete(audit_id)
            raise

    audit = await run_in_threadpool(record)
    request.app.state.audit_runner.wake()
    response.headers["Location"] = f"/api/v1/audits/{audit.id}"
    return audit_dict(audit)


async def _form(request: Request, limit: int) -> FormData:
    """The form, read while counting: a body sent without Content-Length (chunked) is cut at
    the limit instead of filling the disk."""
    received = 0

    async def receive() -> Message:
        nonlocal received
        message = await request.receive()
        received += len(message.get("body", b""))
        if received > limit + ENVELOPE_BYTES:
            raise archive_too_large(limit)
        return message

    try:
        return await Request(request.scope, receive).form(
            max_files=1, max_fields=20, max_part_size=100_000
        )
    except Problem:
        raise
    except Exception as error:  # the multipart parser raises several kinds for broken bodies
        raise Problem(422, "Le formulaire envoyé est illisible (multipart invalide).") from error


@router.get("", response_model=list[AuditOut], summary="Lister mes audits")
def list_audits(user: ApiUser, session: SessionDep) -> list[dict[str, Any]]:
    audits = session.scalars(
        select(Audit)
        .where(Audit.owner_id == user.id)
        .order_by(Audit.created_at.desc(), Audit.id.desc())
    )
    return [audit_dict(audit) for audit in audits]


@router.get(
    "/{audit_id}",
    response_model=AuditOut,
    summary="Suivre un audit",
    description="L'état (`queued`, `running`, `done`, `interrupted`, `failed`), l'avancement "
    "(`done` sur `total` modèles) et, une fois terminé, les totaux du rapport.",
)
def get_audit(audit_id: str, user: ApiUser, session: SessionDep) -> dict[str, Any]:
    return audit_dict(owned_audit(session, user, audit_id))


@router.get(
    "/{audit_id}/report",
    summary="Télécharger le rapport d'audit",
    description="`format=html` : la page autonome du rapport ; `json` : toutes les données ; "
    "`csv` : une ligne par modèle ; `sarif` : pour les outils d'intégration continue. "
    "Réponse 409 tant que l'audit n'est pas terminé.",
    response_class=Response,
    responses={200: {"content": REPORT_CONTENT, "description": "Le rapport."}},
)
def get_report(
    audit_id: str,
    user: ApiUser,
    session: SessionDep,
    files: AuditFilesDep,
    format: Annotated[
        Literal["html", "json", "csv", "sarif"], Query(description="html, json, csv ou sarif")
    ] = "html",
) -> Response:
    audit = owned_audit(session, user, audit_id)
    if audit.status != DONE:
        raise Problem(409, _not_ready(audit), audit_status=audit.status)
    path = files.report(audit.id, format)
    if not path.is_file():
        raise Problem(500, "Le rapport de cet audit manque sur le serveur ; relancez l'audit.")
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in Path(audit.filename).stem)
    name = f"audit-{stem[:80] or audit.id}{SUFFIXES[format]}"
    return FileResponse(
        path, media_type=MEDIA_TYPES[format], headers={"Content-Disposition": attachment(name)}
    )


def _not_ready(audit: Audit) -> str:
    if audit.status == QUEUED:
        return "L'audit attend son tour ; le rapport sera prêt quand son état sera done."
    if audit.status == RUNNING:
        return (
            f"L'audit est en cours ({audit.done} modèle(s) sur {audit.total}) ; le rapport "
            f"sera prêt quand son état sera done."
        )
    reason = audit.error or "il s'est arrêté sans finir."
    return f"Cet audit n'a pas de rapport : {reason}"


@router.delete(
    "/{audit_id}",
    status_code=204,
    summary="Supprimer un audit",
    description="Supprime l'archive, les rapports et les résultats gardés en cache. Un audit "
    "en cours est supprimé aussi : son analyse s'arrête d'elle-même peu après.",
)
async def remove_audit(
    audit_id: str, user: ApiUser, session: SessionDep, files: AuditFilesDep
) -> Response:
    await run_in_threadpool(_delete, session, files, user, audit_id)
    return Response(status_code=204)


def _delete(session: Session, files: AuditFiles, user: User, audit_id: str) -> None:
    delete_audit(session, files, owned_audit(session, user, audit_id))
