"""The workshop's two websockets: the co-editing room (Yjs protocol) and the events channel
(JSON: analyses, votes, remarks, rights). Who may connect is decided as for the pages
(`workshop_access`): the facilitator's session or a participant's token, for an open workshop,
from a page of this site."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketDisconnect

from api.auth import SESSION_COOKIE, find_token
from api.collab import CLOSE_REFUSED, SocketChannel
from api.errors import Problem
from api.routes.workshops import live_of, workshop_access
from api.storage.models import Workshop

router = APIRouter(include_in_schema=False)


def _same_origin(websocket: WebSocket) -> bool:
    """A page of another site must not open our sockets with the visitor's cookies."""
    origin = websocket.headers.get("origin")
    if origin is None:  # not a browser (a script, a test client): cookies are not ambient
        return True
    return urlsplit(origin).netloc == websocket.headers.get("host", "")


def _who(websocket: WebSocket, workshop_id: str) -> tuple[bool, int | None] | None:
    """(is the facilitator, participant id) of this socket, or None if refused."""
    database = websocket.app.state.database
    with database.session() as session:
        secret = websocket.cookies.get(SESSION_COOKIE, "")
        token = find_token(session, secret, "session") if secret else None
        try:
            workshop, participant = workshop_access(websocket, session, token, workshop_id)
        except Problem:
            return None
        if workshop.status != "open":
            return None
        return participant is None, participant.id if participant else None


def _may_write(websocket: WebSocket, workshop_id: str, facilitator: bool) -> Any:
    if facilitator:
        return lambda: True
    database = websocket.app.state.database
    cache: dict[str, tuple[float, bool]] = {}

    def allowed() -> bool:
        # Read at most once a second: the facilitator's switch takes effect within a second.
        now = asyncio.get_running_loop().time()
        if "w" not in cache or now - cache["w"][0] > 1.0:
            with database.session() as session:
                workshop = session.get(Workshop, workshop_id)
                value = bool(workshop and workshop.status == "open" and workshop.participants_write)
            cache["w"] = (now, value)
        return cache["w"][1]

    return allowed


@router.websocket("/ws/ateliers/{workshop_id}")
async def co_editing(websocket: WebSocket, workshop_id: str) -> None:
    await websocket.accept()
    who = _who(websocket, workshop_id) if _same_origin(websocket) else None
    if who is None:
        await websocket.close(code=CLOSE_REFUSED)
        return
    facilitator, _ = who
    channel = SocketChannel(websocket, workshop_id, _may_write(websocket, workshop_id, facilitator))
    live = live_of(websocket)
    with contextlib.suppress(WebSocketDisconnect):
        await live.rooms.serve(channel)


@router.websocket("/ws/ateliers/{workshop_id}/evenements")
async def events(websocket: WebSocket, workshop_id: str) -> None:
    await websocket.accept()
    if not _same_origin(websocket) or _who(websocket, workshop_id) is None:
        await websocket.close(code=CLOSE_REFUSED)
        return
    live = live_of(websocket)
    queue = live.hub.subscribe(workshop_id)
    try:
        last = live.last_analysis(workshop_id)
        if last is None:
            await live.analyse(workshop_id)  # the first page opened starts it (queued to all)
        else:
            await websocket.send_text(last)
        receiver = asyncio.create_task(_drain(websocket))
        while not receiver.done():
            getter = asyncio.create_task(queue.get())
            finished, _ = await asyncio.wait(
                {getter, receiver}, return_when=asyncio.FIRST_COMPLETED
            )
            if getter in finished:
                message = getter.result()
                await websocket.send_text(message)
                if '"type": "fermeture"' in message:
                    break
            else:
                getter.cancel()
        receiver.cancel()
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        live.hub.unsubscribe(workshop_id, queue)
        with contextlib.suppress(RuntimeError, WebSocketDisconnect):
            await websocket.close()


async def _drain(websocket: WebSocket) -> None:
    """Read (and ignore) what the page sends, to notice when it goes away."""
    while True:
        event = await websocket.receive()
        if event["type"] == "websocket.disconnect":
            return
