"""Letters as resources: upload, read, list, delete; versions; decisions; export."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.deps import ApiUser, ServicesDep, SessionDep
from api.engine import EXPORTS
from api.errors import Problem
from api.letters import (
    LetterState,
    add_version,
    create_letter,
    delete_letter,
    export_letter,
    owned_letter,
    record_decisions,
    state_of,
)
from api.routes.inputs import body_doc, in_worker, read_sent, text_too_long
from api.schemas import (
    DecisionsIn,
    LetterOut,
    LetterStateOut,
    LetterTextIn,
    VersionIn,
    VersionOut,
)
from api.storage.models import Letter, User, Version
from simplify.output.json import report_dict

router = APIRouter(prefix="/letters", tags=["lettres"])


def version_dict(version: Version, with_text: bool = False) -> dict[str, Any]:
    return {
        "number": version.number,
        "source": version.source,
        "label": version.label,
        "created_at": version.created_at,
        "text": version.text if with_text else None,
    }


def letter_dict(letter: Letter) -> dict[str, Any]:
    return {
        "id": letter.id,
        "title": letter.title,
        "filename": letter.filename,
        "format": letter.format,
        "size": letter.size,
        "profile": letter.profile,
        "created_at": letter.created_at,
        "versions": [version_dict(v) for v in letter.versions],
        "notes": list(letter.notes or []),
    }


def state_dict(state: LetterState, users: dict[int, str]) -> dict[str, Any]:
    numbers = {v.id: v.number for v in state.letter.versions}
    return letter_dict(state.letter) | {
        "report": report_dict(state.report, state.letter.filename),
        "decisions": [
            {
                "suggestion_id": d.suggestion_id,
                "rule": d.rule,
                "accepted": d.accepted,
                "version": numbers.get(d.version_id, 0),
                "by": users.get(d.user_id) if d.user_id is not None else None,
                "at": d.created_at,
            }
            for d in state.letter.decisions
        ],
        "proposed_text": state.proposed_text,
        "not_applied": [
            {"suggestion_id": key, "reason": reason} for key, reason in state.not_applied.items()
        ],
    }


def _users(session: Session, letter: Letter) -> dict[int, str]:
    ids = {d.user_id for d in letter.decisions if d.user_id is not None}
    if not ids:
        return {}
    return {u.id: u.email for u in session.scalars(select(User).where(User.id.in_(ids)))}


@router.post(
    "",
    status_code=201,
    response_model=LetterOut,
    summary="Déposer une lettre",
    description="Un fichier (multipart, champ `file`, avec `title` et `profile` facultatifs) "
    "ou un texte (JSON). Le fichier est gardé tel quel ; sa version 1 est le texte lu.",
    openapi_extra=body_doc(LetterTextIn, {"title": {"type": "string", "maxLength": 300}}),
)
async def upload_letter(
    request: Request,
    response: Response,
    user: ApiUser,
    services: ServicesDep,
) -> dict[str, Any]:
    settings = services.settings
    sent = await read_sent(request, settings, LetterTextIn)
    profile = sent.fields.get("profile") or settings.default_profile
    title = str(sent.fields.get("title") or "")[:300]
    name = sent.name if sent.is_file else f"{title or 'lettre'}.txt"

    def run() -> Letter:
        return create_letter(services, user, name, sent.data, profile, title)

    letter = await in_worker(settings, run)
    response.headers["Location"] = f"/api/v1/letters/{letter.id}"
    return letter_dict(letter)


@router.get("", response_model=list[LetterOut], summary="Lister mes lettres")
def list_letters(user: ApiUser, session: SessionDep) -> list[dict[str, Any]]:
    letters = session.scalars(
        select(Letter).where(Letter.owner_id == user.id).order_by(Letter.created_at.desc())
    )
    return [letter_dict(letter) for letter in letters]


@router.get(
    "/{letter_id}",
    response_model=LetterStateOut,
    summary="Lire une lettre",
    description="La lettre, l'analyse de sa dernière version, les décisions prises et le "
    "texte proposé (les propositions acceptées appliquées).",
)
async def get_letter(letter_id: str, user: ApiUser, services: ServicesDep) -> dict[str, Any]:
    letter = owned_letter(services.session, user, letter_id)
    state = await in_worker(services.settings, lambda: state_of(services, letter))
    return state_dict(state, _users(services.session, letter))


@router.delete(
    "/{letter_id}",
    status_code=204,
    summary="Supprimer une lettre",
    description="Supprime le fichier déposé, toutes les versions et toutes les décisions.",
)
def remove_letter(letter_id: str, user: ApiUser, services: ServicesDep) -> Response:
    delete_letter(services, owned_letter(services.session, user, letter_id))
    return Response(status_code=204)


@router.get("/{letter_id}/versions", response_model=list[VersionOut], summary="Les versions")
def list_versions(letter_id: str, user: ApiUser, session: SessionDep) -> list[dict[str, Any]]:
    return [version_dict(v) for v in owned_letter(session, user, letter_id).versions]


@router.get("/{letter_id}/versions/{number}", response_model=VersionOut, summary="Lire une version")
def get_version(letter_id: str, number: int, user: ApiUser, session: SessionDep) -> dict[str, Any]:
    for version in owned_letter(session, user, letter_id).versions:
        if version.number == number:
            return version_dict(version, with_text=True)
    raise Problem(404, f"Cette lettre n'a pas de version {number}.")


@router.post(
    "/{letter_id}/versions",
    status_code=201,
    response_model=VersionOut,
    summary="Enregistrer une version",
    description="Sans `text` : la dernière version avec les propositions acceptées ; avec "
    "`text` : le texte donné (modifié à la main).",
)
async def new_version(
    letter_id: str,
    body: VersionIn,
    user: ApiUser,
    services: ServicesDep,
) -> dict[str, Any]:
    if body.text is not None and len(body.text) > services.settings.max_text_chars:
        raise text_too_long(services.settings.max_text_chars)
    letter = owned_letter(services.session, user, letter_id)
    state = await in_worker(services.settings, lambda: state_of(services, letter))
    version = add_version(services.session, state, user, body.text, body.label)
    return version_dict(version, with_text=True)


@router.post(
    "/{letter_id}/decisions",
    response_model=LetterStateOut,
    summary="Accepter ou refuser des propositions",
    description="Chaque décision porte sur une proposition de la dernière version (son `id` "
    "dans l'analyse) ; la dernière décision sur une proposition compte, les autres restent "
    "dans l'historique avec leur auteur et leur date.",
)
async def decide(
    letter_id: str, body: DecisionsIn, user: ApiUser, services: ServicesDep
) -> dict[str, Any]:
    letter = owned_letter(services.session, user, letter_id)
    decisions = [(d.suggestion_id, d.accepted) for d in body.decisions]

    def run() -> LetterState:
        state = state_of(services, letter, with_text=False)
        record_decisions(services.session, state, user, decisions)
        return state_of(services, letter)

    state = await in_worker(services.settings, run)
    return state_dict(state, _users(services.session, letter))


@router.get(
    "/{letter_id}/export",
    summary="Télécharger la lettre",
    description="`format=docx` et `mode=tracked` : le fichier Word d'origine avec chaque "
    "modification en révision suivie et un commentaire qui l'explique ; `mode=clean` : "
    "modifications appliquées ; `odt` ; `txt`.",
    response_class=Response,
    responses={
        200: {
            "content": {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
                "application/vnd.oasis.opendocument.text": {},
                "text/plain": {},
            },
            "description": "Le fichier.",
        }
    },
)
async def export(
    letter_id: str,
    user: ApiUser,
    services: ServicesDep,
    format: Annotated[Literal["docx", "odt", "txt"], Query(description="docx, odt ou txt")] = (
        "docx"
    ),
    mode: Annotated[Literal["tracked", "clean"], Query(description="tracked ou clean")] = (
        "tracked"
    ),
) -> Response:
    letter = owned_letter(services.session, user, letter_id)

    def run() -> bytes:
        state = state_of(services, letter)
        return export_letter(
            services, state, format, tracked=mode == "tracked", author=user.name
        ).data

    return file_response(letter, await in_worker(services.settings, run), format, mode)


def file_response(letter: Letter, data: bytes, fmt: str, mode: str) -> Response:
    media_type, suffix = EXPORTS[fmt]
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in letter.title)[:80] or "lettre"
    name = f"{stem}-{'suivi' if mode == 'tracked' and fmt != 'txt' else 'simplifie'}{suffix}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": attachment(name)})


def attachment(name: str) -> str:
    """A Content-Disposition that downloads under `name`. Headers are Latin-1: an ASCII name
    for every client, the real one in filename* (RFC 6266)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"
