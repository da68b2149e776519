"""API tokens: an agent trades e-mail and password for a bearer token."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from api.auth import authenticate, issue_token, revoke
from api.deps import ApiUser, SessionDep, SettingsDep
from api.errors import Problem
from api.schemas import TokenIn, TokenOut

router = APIRouter(prefix="/tokens", tags=["comptes"])


@router.post(
    "",
    status_code=201,
    response_model=TokenOut,
    summary="Créer un jeton d'API",
    description="Avec l'adresse et le mot de passe du compte ; le jeton n'est montré qu'une fois.",
)
async def create_token(body: TokenIn, session: SessionDep, settings: SettingsDep) -> dict[str, Any]:
    user = await run_in_threadpool(authenticate, session, body.email, body.password)
    if user is None:
        raise Problem(401, "Adresse ou mot de passe incorrect.")
    secret, token = issue_token(session, user, "api", settings.token_days, body.name)
    return {"token": secret, "expires_at": token.expires_at}


@router.delete("/current", status_code=204, summary="Révoquer le jeton utilisé")
def revoke_current(request: Request, user: ApiUser, session: SessionDep) -> Response:
    secret = request.headers.get("authorization", "").partition(" ")[2].strip()
    revoke(session, secret)
    return Response(status_code=204)
