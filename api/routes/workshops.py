"""Workshop pages and actions (the websockets are in workshop_sockets).

Who may do what is decided here, on the server: the facilitator is the signed-in owner of the
letter (session cookie, CSRF token in the `X-CSRF` header of every action); a participant is
whoever holds the token given at joining (cookie `atelier_<id>`, or `jeton` on a websocket),
valid for this workshop only and only while it is open. Participants change the text only when
the facilitator allows it, and that is enforced on the co-editing socket itself.
"""

from __future__ import annotations

import hmac
import io
import json
from typing import Annotated, Any

import segno
from fastapi import APIRouter, Form, Request, Response, WebSocket
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from api.deps import PageSession, ServicesDep, SessionDep
from api.errors import Problem
from api.letters import owned_letter
from api.live import Live
from api.pages import render_page, to_sign_in
from api.storage.models import Participant, Token, User, Workshop
from api.workshop_record import record_context
from api.workshops import (
    add_remark,
    cast_vote,
    close_workshop,
    create_workshop,
    decide_proposal,
    join,
    led_workshop,
    my_votes,
    participant_of,
    remarks_payload,
    save_round,
    tallies,
)

router = APIRouter(include_in_schema=False)
COOKIE_PREFIX = "atelier_"


def live_of(request: Request | WebSocket) -> Live:
    live: Live = request.app.state.live
    return live


def cookie_name(workshop_id: str) -> str:
    return COOKIE_PREFIX + workshop_id


def _facilitator(token: Token | None, request: Request) -> User:
    if token is None:
        raise Problem(401, "Connectez-vous pour animer un atelier.")
    sent = request.headers.get("x-csrf", "")
    if request.method != "GET" and not hmac.compare_digest(token.csrf, sent):
        raise Problem(403, "La demande ne vient pas de cette application ; rechargez la page.")
    return token.user


def _participant(request: Request, session: Session, workshop_id: str) -> Participant:
    # Actions are sent by the page's script with this header: a form on another site cannot
    # add it, so a participant's cookie cannot be used from elsewhere.
    if request.headers.get("x-atelier") != "1":
        raise Problem(403, "La demande ne vient pas de cette application ; rechargez la page.")
    participant = participant_of(
        session, workshop_id, request.cookies.get(cookie_name(workshop_id), "")
    )
    if participant is None:
        raise Problem(403, "Vous ne participez pas à cet atelier, ou il est terminé.")
    return participant


# --- joining -------------------------------------------------------------------------------


@router.get("/atelier")
@router.get("/ateliers/rejoindre")
def join_page(request: Request, code: str = "") -> Response:
    return render_page(request, "atelier_rejoindre.html", {"code": code, "error": None})


@router.post("/ateliers/rejoindre")
def join_workshop(
    request: Request,
    session: SessionDep,
    code: Annotated[str, Form(max_length=20)] = "",
    prenom: Annotated[str, Form(max_length=100)] = "",
    anonyme: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    try:
        workshop, token = join(session, code, prenom, named=not anonyme)
    except Problem as problem:
        context = {"code": code, "prenom": prenom, "error": problem.detail}
        return render_page(request, "atelier_rejoindre.html", context, problem.status)
    response = RedirectResponse(f"/ateliers/{workshop.id}/participer", status_code=303)
    response.set_cookie(
        cookie_name(workshop.id),
        token,
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.cookie_secure,
        path="/",
        max_age=24 * 3600,
    )
    return response


# --- facilitator -----------------------------------------------------------------------------


@router.post("/lettres/{letter_id}/atelier")
def open_workshop(
    letter_id: str,
    session: SessionDep,
    token: PageSession,
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if token is None or not hmac.compare_digest(token.csrf, csrf):
        raise Problem(403, "Le formulaire a expiré ; rechargez la page.")
    letter = owned_letter(session, token.user, letter_id)
    workshop = create_workshop(session, letter, token.user)
    return RedirectResponse(f"/ateliers/{workshop.id}", status_code=303)


@router.get("/ateliers/{workshop_id}")
def facilitator_page(
    request: Request, workshop_id: str, session: SessionDep, token: PageSession
) -> Response:
    if token is None:
        return to_sign_in(request)
    workshop = led_workshop(session, token.user, workshop_id)
    join_url = str(request.url_for("join_page")) + f"?code={workshop.code}"
    context = {
        "workshop": workshop,
        "letter": workshop.letter,
        "user": token.user,
        "csrf": token.csrf,
        "join_url": join_url,
        "participants": len(workshop.participants),
    }
    return render_page(request, "atelier_animateur.html", context)


@router.get("/ateliers/{workshop_id}/qr.svg")
def join_qr(
    request: Request, workshop_id: str, session: SessionDep, token: PageSession
) -> Response:
    user = _facilitator(token, request)
    workshop = led_workshop(session, user, workshop_id)
    url = str(request.url_for("join_page")) + f"?code={workshop.code}"
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=8, border=2, title=f"Code de l'atelier : {workshop.code}"
    )
    return Response(buffer.getvalue(), media_type="image/svg+xml")


class Allow(BaseModel):
    participants_write: bool


@router.post("/ateliers/{workshop_id}/droits")
def set_rights(
    request: Request, workshop_id: str, body: Allow, session: SessionDep, token: PageSession
) -> dict[str, Any]:
    workshop = led_workshop(session, _facilitator(token, request), workshop_id)
    workshop.participants_write = body.participants_write
    session.commit()
    live_of(request).hub.publish(workshop_id, "droits", {"write": workshop.participants_write})
    return {"participants_write": workshop.participants_write}


class Apply(BaseModel):
    quote: str = Field(min_length=1, max_length=5000)
    prefix: str = Field("", max_length=200)
    suffix: str = Field("", max_length=200)
    replacement: str = Field(max_length=5000)
    id: str = Field("", max_length=200)


@router.post("/ateliers/{workshop_id}/appliquer")
async def apply_suggestion(
    request: Request, workshop_id: str, body: Apply, session: SessionDep, token: PageSession
) -> dict[str, Any]:
    """Apply a proposal of the engine to the text, for everyone (a server-side edit)."""
    led_workshop(session, _facilitator(token, request), workshop_id)
    done = await live_of(request).replace_quote(
        workshop_id, body.quote, body.prefix, body.suffix, body.replacement, f"suggestion:{body.id}"
    )
    if not done:
        raise Problem(409, "Ce passage a changé entre-temps ; la proposition ne s'applique plus.")
    return {"applied": True}


class Decide(BaseModel):
    accept: bool


@router.post("/ateliers/{workshop_id}/propositions/{remark_id}")
async def decide(
    request: Request,
    workshop_id: str,
    remark_id: int,
    body: Decide,
    session: SessionDep,
    token: PageSession,
) -> dict[str, Any]:
    """Accept a participant's wording (it replaces the sentence for everyone) or reject it."""
    workshop = led_workshop(session, _facilitator(token, request), workshop_id)
    remark = decide_proposal(session, workshop, remark_id, body.accept)
    if body.accept:
        done = await live_of(request).replace_quote(
            workshop_id, remark.sentence, "", "", remark.text, f"proposition:{remark.id}"
        )
        if not done:
            remark.status = "open"
            session.commit()
            raise Problem(409, "Cette phrase a changé entre-temps ; relisez la proposition.")
    _publish_remarks(request, session, workshop)
    return {"status": remark.status}


class SaveRound(BaseModel):
    label: str = Field("Version validée en atelier", max_length=200)


@router.post("/ateliers/{workshop_id}/versions")
async def save_version(
    request: Request, workshop_id: str, body: SaveRound, session: SessionDep, token: PageSession
) -> dict[str, Any]:
    user = _facilitator(token, request)
    workshop = led_workshop(session, user, workshop_id)
    text = await live_of(request).rooms.text_of(workshop_id)
    version = save_round(session, workshop, user, text, body.label)
    live_of(request).hub.publish(workshop_id, "votes", {"round": workshop.round, "tallies": {}})
    return {"version": version.number, "round": workshop.round}


@router.post("/ateliers/{workshop_id}/fermer")
async def close(
    request: Request, workshop_id: str, session: SessionDep, token: PageSession
) -> dict[str, Any]:
    user = _facilitator(token, request)
    workshop = led_workshop(session, user, workshop_id)
    text = await live_of(request).rooms.text_of(workshop_id)
    if text != workshop.letter.versions[-1].text:
        save_round(session, workshop, user, text, "Version finale de l'atelier")
    close_workshop(session, workshop)
    await live_of(request).close(workshop_id)
    return {"status": workshop.status}


@router.get("/ateliers/{workshop_id}/compte-rendu")
def record(
    request: Request, workshop_id: str, services: ServicesDep, token: PageSession
) -> Response:
    if token is None:
        return to_sign_in(request)
    workshop = led_workshop(services.session, token.user, workshop_id)
    context = record_context(services, workshop)
    context |= {"user": token.user, "csrf": token.csrf}
    return render_page(request, "atelier_compte_rendu.html", context)


# --- participants ---------------------------------------------------------------------------


@router.get("/ateliers/{workshop_id}/participer")
def participant_page(request: Request, workshop_id: str, session: SessionDep) -> Response:
    participant = participant_of(
        session, workshop_id, request.cookies.get(cookie_name(workshop_id), "")
    )
    if participant is None:
        return RedirectResponse("/ateliers/rejoindre", status_code=303)
    workshop = participant.workshop
    context = {"workshop": workshop, "participant": participant}
    return render_page(request, "atelier_participant.html", context)


class VoteIn(BaseModel):
    sentence: str = Field(min_length=1, max_length=5000)
    understood: bool


@router.post("/ateliers/{workshop_id}/votes")
def vote(request: Request, workshop_id: str, body: VoteIn, session: SessionDep) -> dict[str, Any]:
    participant = _participant(request, session, workshop_id)
    workshop = participant.workshop
    cast_vote(session, workshop, participant, body.sentence, body.understood)
    counts = tallies(session, workshop)
    live_of(request).hub.publish(workshop_id, "votes", {"round": workshop.round, "tallies": counts})
    return {"tallies": counts}


class RemarkIn(BaseModel):
    kind: str = Field(pattern="^(comment|proposal)$")
    sentence: str = Field(min_length=1, max_length=5000)
    text: str = Field(min_length=1, max_length=2000)


@router.post("/ateliers/{workshop_id}/remarques")
def remark(
    request: Request, workshop_id: str, body: RemarkIn, session: SessionDep
) -> dict[str, Any]:
    participant = _participant(request, session, workshop_id)
    created = add_remark(
        session, participant.workshop, participant, body.kind, body.sentence, body.text
    )
    _publish_remarks(request, session, participant.workshop)
    return {"id": created.id}


def _publish_remarks(request: Request, session: Session, workshop: Workshop) -> None:
    live_of(request).hub.publish(workshop.id, "remarques", remarks_payload(session, workshop))


@router.get("/ateliers/{workshop_id}/etat")
def state(
    request: Request, workshop_id: str, session: SessionDep, token: PageSession
) -> dict[str, Any]:
    """Everything a page shows when it opens; then the events channel keeps it up to date."""
    workshop, participant = workshop_access(request, session, token, workshop_id)
    live = live_of(request)
    analysis = live.last_analysis(workshop_id)
    return {
        "round": workshop.round,
        "status": workshop.status,
        "participants_write": workshop.participants_write,
        "analysis": json.loads(analysis)["data"] if analysis else None,
        "tallies": tallies(session, workshop),
        "remarks": remarks_payload(session, workshop),
        "mine": my_votes(session, workshop, participant) if participant else {},
    }


def workshop_access(
    request: Request | WebSocket, session: Session, token: Token | None, workshop_id: str
) -> tuple[Workshop, Participant | None]:
    """The workshop for its facilitator or one of its participants; 403 for anybody else."""
    if token is not None:
        workshop = session.get(Workshop, workshop_id)
        if workshop is not None and workshop.facilitator_id == token.user_id:
            return workshop, None
    secret = request.cookies.get(cookie_name(workshop_id), "") or request.query_params.get(
        "jeton", ""
    )
    participant = participant_of(session, workshop_id, secret)
    if participant is None:
        raise Problem(403, "Vous ne participez pas à cet atelier, ou il est terminé.")
    return participant.workshop, participant
