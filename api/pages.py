"""The agents' web pages (French, server-rendered, little JavaScript): sign in, upload,
the analysis with Accept / Reject, before/after, downloads."""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from api.auth import SESSION_COOKIE, authenticate, issue_token, revoke
from api.deps import PageSession, ServicesDep, SessionDep, SettingsDep
from api.engine import SUPPORTED_SUFFIXES
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
from api.routes.inputs import in_worker, too_large
from api.routes.letters import file_response
from api.settings import Settings
from api.storage.models import Letter, Token
from simplify.formats.html_write import (
    BASE_CSS,
    CATEGORY_TAGS,
    REPORT_CSS,
    SAFETY_LABELS,
    SEVERITY_LABELS,
    annotated_letter,
    remark_order,
)
from simplify.rewrite.diff import text_edits
from simplify.rules.model import suggestion_id
from simplify.rules.registry import RuleSet

templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
router = APIRouter(include_in_schema=False)
DOWNLOADS = (
    ("docx", "tracked", "Word avec les modifications suivies et commentées"),
    ("docx", "clean", "Word avec les modifications appliquées"),
    ("odt", "tracked", "OpenDocument (LibreOffice)"),
    ("txt", "clean", "Texte seul"),
)


def render_page(
    request: Request, name: str, context: dict[str, Any], status: int = 200
) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(
    request: Request, status: int, title: str, detail: str, headers: dict[str, str] | None
) -> Response:
    response = render_page(
        request, "error.html", {"title": title, "detail": detail, "status": status}, status
    )
    for key, value in (headers or {}).items():
        if key.lower() != "www-authenticate":
            response.headers[key] = value
    return response


def _check_csrf(token: Token, sent: str) -> None:
    if not hmac.compare_digest(token.csrf, sent or ""):
        raise Problem(
            403, "Le formulaire a expiré ou ne vient pas de cette application ; rechargez la page."
        )


def to_sign_in(request: Request) -> Response:
    return RedirectResponse(f"/connexion?suite={quote(request.url.path)}", status_code=303)


@router.get("/styles/rapport.css")
def report_styles() -> Response:
    return Response(BASE_CSS + REPORT_CSS, media_type="text/css")


@router.get("/")
def home(token: PageSession) -> Response:
    return RedirectResponse("/lettres" if token else "/connexion", status_code=303)


@router.get("/connexion")
def sign_in_page(request: Request, token: PageSession, suite: str = "/lettres") -> Response:
    if token is not None:
        return RedirectResponse(_safe_next(suite), status_code=303)
    return render_page(request, "connexion.html", {"suite": _safe_next(suite), "email": ""})


@router.post("/connexion")
async def sign_in(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    suite: Annotated[str, Form(max_length=500)] = "/lettres",
) -> Response:
    user = await run_in_threadpool(authenticate, session, email, password)
    if user is None:
        context = {
            "suite": _safe_next(suite),
            "email": email,
            "error": "Adresse ou mot de passe incorrect. Vérifiez-les et réessayez.",
        }
        return render_page(request, "connexion.html", context, 401)
    secret, _ = issue_token(session, user, "session", settings.session_days)
    response = RedirectResponse(_safe_next(suite), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=settings.session_days * 86400,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )
    return response


@router.post("/deconnexion")
def sign_out(
    request: Request,
    token: PageSession,
    session: SessionDep,
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if token is not None:
        _check_csrf(token, csrf)
        revoke(session, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/connexion", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _safe_next(target: str) -> str:
    # Only paths of this site: "//elsewhere" or "https://…" would send the agent away.
    return target if target.startswith("/") and not target.startswith("//") else "/lettres"


@router.get("/lettres")
def letters_page(
    request: Request, token: PageSession, session: SessionDep, settings: SettingsDep
) -> Response:
    if token is None:
        return to_sign_in(request)
    return render_page(request, "lettres.html", _letters_context(session, token, settings))


def _letters_context(session: Session, token: Token, settings: Settings) -> dict[str, Any]:
    letters = session.scalars(
        select(Letter).where(Letter.owner_id == token.user_id).order_by(Letter.created_at.desc())
    )
    return {
        "user": token.user,
        "csrf": token.csrf,
        "letters": list(letters),
        "supported": ", ".join(SUPPORTED_SUFFIXES),
        "limit_mo": settings.max_upload_bytes // 1_000_000,
        "profile": settings.default_profile,
    }


@router.post("/lettres")
async def upload_page(
    request: Request,
    token: PageSession,
    services: ServicesDep,
) -> Response:
    if token is None:
        return to_sign_in(request)
    session, settings = services.session, services.settings
    async with request.form(
        max_files=1, max_fields=10, max_part_size=settings.max_text_chars * 4
    ) as form:
        _check_csrf(token, str(form.get("csrf", "")))
        upload = form.get("file")
        text = str(form.get("text", "") or "")
        title = str(form.get("title", "") or "")[:300]
        profile = str(form.get("profile", "") or settings.default_profile)
        if profile not in {"clair", "falc"}:
            profile = settings.default_profile
        try:
            name, data = await _sent_letter(upload, text, title, settings)
        except Problem as problem:
            return _upload_error(request, session, token, settings, problem, text, title, profile)
    try:
        user = token.user
        letter = await in_worker(
            settings,
            lambda: create_letter(services, user, name, data, profile, title),
        )
    except Problem as problem:
        return _upload_error(request, session, token, settings, problem, text, title, profile)
    return RedirectResponse(f"/lettres/{letter.id}", status_code=303)


async def _sent_letter(
    upload: object, text: str, title: str, settings: Settings
) -> tuple[str, bytes]:
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise too_large(settings.max_upload_bytes)
        return upload.filename, data
    if text.strip():
        if len(text) > settings.max_text_chars:
            raise Problem(413, f"Le texte dépasse {settings.max_text_chars} caractères.")
        return f"{title or 'lettre'}.txt", text.encode()
    raise Problem(422, "Choisissez un fichier ou collez le texte de la lettre.")


def _upload_error(
    request: Request,
    session: Session,
    token: Token,
    settings: Settings,
    problem: Problem,
    text: str,
    title: str,
    profile: str,
) -> Response:
    context = _letters_context(session, token, settings)
    context |= {"error": problem.detail, "text": text, "title": title, "profile": profile}
    return render_page(request, "lettres.html", context, problem.status)


@router.get("/lettres/{letter_id}")
async def letter_page(
    request: Request,
    letter_id: str,
    token: PageSession,
    services: ServicesDep,
) -> Response:
    if token is None:
        return to_sign_in(request)
    letter = owned_letter(services.session, token.user, letter_id)
    state = await in_worker(services.settings, lambda: state_of(services, letter))
    context = _letter_context(state, services.engine.rules)
    context |= {"user": token.user, "csrf": token.csrf, "message": request.query_params.get("ok")}
    return render_page(request, "lettre.html", context)


def _letter_context(state: LetterState, rules: RuleSet) -> dict[str, Any]:
    report = state.report
    ordered = remark_order(report)
    accepted, rejected = set(state.accepted), set(state.rejected)
    remarks = []
    for number, finding in enumerate(ordered, start=1):
        proposals = []
        for suggestion in finding.suggestions:
            key = suggestion_id(finding, suggestion) if suggestion.edits else None
            proposals.append(
                {
                    "id": key,
                    "replacement": suggestion.replacement,
                    "explanation": suggestion.explanation,
                    "safety": SAFETY_LABELS[suggestion.safety],
                    "status": (
                        "acceptée" if key in accepted else "refusée" if key in rejected else None
                    ),
                    "not_applied": state.not_applied.get(key or ""),
                }
            )
        line = report.text.count("\n", 0, finding.start) + 1
        rule = rules.find(finding.rule)
        remarks.append(
            {
                "number": number,
                "finding": finding,
                "tag": CATEGORY_TAGS[finding.category],
                "severity": SEVERITY_LABELS[finding.severity],
                "where": "toute la lettre" if finding.scope == "document" else f"ligne {line}",
                "proposals": proposals,
                "why": rule.spec.why if rule else "",
                "fix": rule.spec.fix if rule else "",
            }
        )
    categories: dict[str, dict[str, Any]] = {}
    for finding in ordered:
        entry = categories.setdefault(
            finding.category.value,
            {"label": finding.category.label, "tag": CATEGORY_TAGS[finding.category], "count": 0},
        )
        entry["count"] += 1
    return {
        "letter": state.letter,
        "version": state.version,
        "report": report,
        "annotated": Markup(annotated_letter(report)),  # built with html.escape in the engine
        "remarks": remarks,
        "categories": sorted(categories.values(), key=lambda c: -int(c["count"])),
        "accepted_count": len(accepted - set(state.not_applied)),
        "comparison": _comparison(state.version.text, state.proposed_text),
        "downloads": DOWNLOADS,
    }


def _comparison(before: str, after: str) -> list[dict[str, str]]:
    """The proposed text as pieces: kept, removed and added, for the before/after view."""
    pieces = []
    position = 0
    for edit in text_edits(before, after):
        if edit.start > position:
            pieces.append({"kind": "same", "text": before[position : edit.start]})
        if edit.end > edit.start:
            pieces.append({"kind": "removed", "text": before[edit.start : edit.end]})
        if edit.replacement:
            pieces.append({"kind": "added", "text": edit.replacement})
        position = edit.end
    if position < len(before):
        pieces.append({"kind": "same", "text": before[position:]})
    return pieces


@router.post("/lettres/{letter_id}/decisions")
async def decide_page(
    request: Request,
    letter_id: str,
    token: PageSession,
    services: ServicesDep,
    suggestion: Annotated[str, Form(max_length=120)],
    decision: Annotated[str, Form(pattern="^(accepter|refuser)$")],
    number: Annotated[int, Form()] = 0,
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if token is None:
        return to_sign_in(request)
    _check_csrf(token, csrf)
    letter = owned_letter(services.session, token.user, letter_id)
    state = await in_worker(services.settings, lambda: state_of(services, letter, with_text=False))
    record_decisions(services.session, state, token.user, [(suggestion, decision == "accepter")])
    said = "acceptee" if decision == "accepter" else "refusee"
    return RedirectResponse(
        f"/lettres/{letter_id}?ok={said}-{number}#remarque-{number}", status_code=303
    )


@router.post("/lettres/{letter_id}/versions")
async def version_page(
    request: Request,
    letter_id: str,
    token: PageSession,
    services: ServicesDep,
    label: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if token is None:
        return to_sign_in(request)
    _check_csrf(token, csrf)
    letter = owned_letter(services.session, token.user, letter_id)
    state = await in_worker(services.settings, lambda: state_of(services, letter))
    add_version(services.session, state, token.user, None, label)
    return RedirectResponse(f"/lettres/{letter_id}?ok=version", status_code=303)


@router.get("/lettres/{letter_id}/telecharger")
async def download_page(
    request: Request,
    letter_id: str,
    token: PageSession,
    services: ServicesDep,
    format: str = "docx",
    mode: str = "tracked",
) -> Response:
    if token is None:
        return to_sign_in(request)
    if format not in {"docx", "odt", "txt"} or mode not in {"tracked", "clean"}:
        raise Problem(422, "Format de téléchargement inconnu.")
    letter = owned_letter(services.session, token.user, letter_id)
    user = token.user

    def run() -> bytes:
        state = state_of(services, letter)
        output = export_letter(services, state, format, tracked=mode == "tracked", author=user.name)
        return output.data

    data = await in_worker(services.settings, run)
    return file_response(letter, data, format, mode)


@router.post("/lettres/{letter_id}/supprimer")
def delete_page(
    request: Request,
    letter_id: str,
    token: PageSession,
    services: ServicesDep,
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if token is None:
        return to_sign_in(request)
    _check_csrf(token, csrf)
    delete_letter(services, owned_letter(services.session, token.user, letter_id))
    return RedirectResponse("/lettres?ok=supprimee", status_code=303)
