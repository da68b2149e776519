"""One error shape for the whole API: problem details (RFC 9457), in French.

Every error, whether raised by a route (`Problem`), by validation or by an unexpected fault,
leaves as `application/problem+json` with `type`, `title`, `status` and `detail`; a page
request gets the same message as an HTML page instead.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"
TITLES = {
    400: "Requête invalide",
    401: "Authentification requise",
    403: "Accès refusé",
    404: "Introuvable",
    405: "Méthode non permise",
    409: "Conflit",
    413: "Contenu trop volumineux",
    415: "Type de fichier non pris en charge",
    422: "Contenu impossible à traiter",
    429: "Trop de requêtes",
    500: "Erreur interne",
    503: "Service momentanément indisponible",
}
log = logging.getLogger("api")


class Problem(Exception):
    """An error to answer with: status, a French explanation, and optional fields."""

    def __init__(self, status: int, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.extra = extra


def problem_body(status: int, detail: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": f"https://simplify.invalid/problemes/{status}",
        "title": TITLES.get(status, "Erreur"),
        "status": status,
        "detail": detail,
        **extra,
    }


def problem_response(
    request: Request, status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    if _wants_page(request):
        from api.pages import error_page  # pages import this module: imported when needed

        return error_page(request, status, TITLES.get(status, "Erreur"), detail, headers)
    return JSONResponse(
        problem_body(status, detail, **extra),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )


_DEFAULT_DETAILS = {
    401: "Connectez-vous ou donnez un jeton d'API (en-tête Authorization: Bearer …).",
    404: "Cette adresse ne correspond à rien ici.",
    405: "Cette méthode n'est pas permise à cette adresse.",
}


def install_error_handlers(app: FastAPI) -> None:
    async def on_problem(request: Request, error: Exception) -> Response:
        assert isinstance(error, Problem)
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        return problem_response(request, error.status, error.detail, headers, **error.extra)

    async def on_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        detail = error.detail if isinstance(error.detail, str) else ""
        if not detail or detail == TITLES.get(error.status_code) or detail.isascii():
            detail = _DEFAULT_DETAILS.get(error.status_code, TITLES.get(error.status_code, ""))
        return problem_response(request, error.status_code, detail, dict(error.headers or {}))

    async def on_validation(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        errors = [
            {
                "champ": ".".join(str(part) for part in item.get("loc", ()) if part != "body"),
                "message": french_validation(item),
            }
            for item in error.errors()
        ]
        detail = "; ".join(f"{e['champ'] or 'requête'} : {e['message']}" for e in errors)
        return problem_response(request, 422, detail, errors=errors)

    async def on_fault(request: Request, error: Exception) -> Response:
        # The traceback goes to the log, never the letter: only the route and the error type.
        # (the exception's message may quote the text, so only its type and frames are logged).
        frames = "".join(traceback.format_tb(error.__traceback__))
        log.error(
            "erreur interne sur %s %s : %s\n%s",
            request.method,
            request.url.path,
            type(error).__name__,
            frames,
        )
        return problem_response(
            request, 500, "Une erreur inattendue s'est produite ; réessayez plus tard."
        )

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_fault)


_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "string_type": "une chaîne de caractères est attendue",
    "string_too_short": "texte trop court",
    "string_too_long": "texte trop long",
    "literal_error": "valeur non permise",
    "int_parsing": "un nombre entier est attendu",
    "bool_parsing": "vrai ou faux est attendu",
    "json_invalid": "JSON invalide",
    "model_attributes_type": "un objet JSON est attendu",
    "dict_type": "un objet JSON est attendu",
    "list_type": "une liste est attendue",
    "value_error": "valeur invalide",
    "enum": "valeur non permise",
}


def french_validation(item: Any) -> str:
    kind = str(item.get("type", ""))
    message = _MESSAGES.get(kind, "valeur invalide")
    context = item.get("ctx") or {}
    if kind == "literal_error" and "expected" in context:
        message += f" (attendu : {context['expected']})"
    if kind in {"string_too_long", "string_too_short"}:
        limit = context.get("max_length") or context.get("min_length")
        if limit is not None:
            message += f" (limite : {limit} caractères)"
    return message
