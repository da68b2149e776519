"""Shared dependencies of the routes, as Annotated aliases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from api.auth import SESSION_COOKIE, find_token
from api.engine import Engine
from api.errors import Problem
from api.services import Services
from api.settings import Settings
from api.storage.audit_files import AuditFiles
from api.storage.database import Database
from api.storage.files import FileStore
from api.storage.models import Token, User


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_files(request: Request) -> FileStore:
    files: FileStore = request.app.state.files
    return files


def get_audit_files(request: Request) -> AuditFiles:
    files: AuditFiles = request.app.state.audit_files
    return files


def get_session(request: Request) -> Iterator[Session]:
    database: Database = request.app.state.database
    with database.session() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
SessionDep = Annotated[Session, Depends(get_session)]
AuditFilesDep = Annotated[AuditFiles, Depends(get_audit_files)]


def get_services(request: Request, session: SessionDep) -> Services:
    return Services(session, get_files(request), get_engine(request), get_settings(request))


ServicesDep = Annotated[Services, Depends(get_services)]


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


def api_user(request: Request, session: SessionDep) -> User:
    """The owner of the bearer token; the API does not take the page cookie, so a page
    elsewhere cannot make an agent's browser act on the API."""
    secret = _bearer(request)
    token = find_token(session, secret, "api") if secret else None
    if token is None:
        detail = (
            "Jeton d'API invalide ou expiré ; créez-en un avec POST /api/v1/tokens."
            if secret
            else "Donnez un jeton d'API : en-tête Authorization: Bearer <jeton>."
        )
        raise Problem(401, detail)
    return token.user


def analysis_access(request: Request, session: SessionDep, settings: SettingsDep) -> None:
    """Stateless endpoints are open unless `public_analysis` is false."""
    if not settings.public_analysis:
        api_user(request, session)


def page_session(request: Request, session: SessionDep) -> Token | None:
    secret = request.cookies.get(SESSION_COOKIE, "")
    return find_token(session, secret, "session") if secret else None


ApiUser = Annotated[User, Depends(api_user)]
PageSession = Annotated[Token | None, Depends(page_session)]
