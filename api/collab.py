"""Live co-editing of a workshop's letter: one pycrdt room per workshop, kept in SQLite.

The shared document holds one `Text` named "body": the letter as plain text. Only the server
seeds it, once, from the letter's latest version (a client never does: a document seeded twice
doubles its content on reconnection). Votes, comments and proposals are not in the document;
they are SQL rows behind REST routes, pushed to the pages by the events channel (`Hub`).

pycrdt counts positions in UTF-8 bytes, Python in code points and the browser in UTF-16
units: flags and proposals are anchored by quoted text, and server-side edits convert code
points to bytes (`utf8_offset`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
from pycrdt import Doc, Text
from pycrdt.store import SQLiteYStore, YDocNotFound
from pycrdt.websocket import WebsocketServer, YRoom
from starlette.websockets import WebSocket, WebSocketDisconnect

log = logging.getLogger("simplify.atelier")

BODY = "body"
MAX_MESSAGE_BYTES = 512 * 1024  # a Yjs update of a whole letter is a few kilobytes
RATE_PER_SECOND = 40.0  # messages a client may send per second, on average
RATE_BURST = 200.0  # ... and at once (a paste, a reconnection)
MAX_DROPPED = 2000  # a client still flooding after this many dropped messages is closed
CLOSE_TOO_BIG, CLOSE_POLICY = 1009, 1008
CLOSE_REFUSED = 4403  # 44xx: y-websocket stops reconnecting (refused, or workshop ended)

# Yjs message types (y-protocols): [0, 0] sync step 1 (a request), [0, 1] sync step 2 and
# [0, 2] update (both change the document), [1] awareness (presence).
_SYNC, _STEP2, _UPDATE = 0, 1, 2


def utf8_offset(text: str, index: int) -> int:
    """The pycrdt position of a Python string index (pycrdt counts UTF-8 bytes)."""
    return len(text[:index].encode("utf-8"))


def replace_in_body(doc: Doc[Any], start: int, end: int, replacement: str, origin: str) -> None:
    """Replace text[start:end] (code points) in the shared text, in one transaction that
    every client receives."""
    body = doc.get(BODY, type=Text)
    current = str(body)
    low, high = utf8_offset(current, start), utf8_offset(current, end)
    with doc.transaction(origin=origin):
        if high > low:
            del body[low:high]
        if replacement:
            body.insert(low, replacement)


def find_quote(text: str, quote: str, prefix: str = "", suffix: str = "") -> int | None:
    """Where a quoted passage is in the text: the occurrence whose surroundings match the
    prefix and suffix best (like the W3C TextQuoteSelector), or None when it is gone."""
    if not quote:
        return None
    best, best_score = None, -1
    start = text.find(quote)
    while start != -1:
        before, after = text[max(0, start - len(prefix)) : start], text[start + len(quote) :]
        score = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        if score > best_score:
            best, best_score = start, score
        start = text.find(quote, start + 1)
    return best


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


class RateLimit:
    """A token bucket: `allow()` says whether one more message may pass now."""

    def __init__(self, rate: float = RATE_PER_SECOND, burst: float = RATE_BURST) -> None:
        self.rate, self.burst = rate, burst
        self.tokens, self.last = burst, time.monotonic()
        self.dropped = 0

    def allow(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        self.dropped += 1
        return False


class SocketChannel:
    """A Starlette websocket as a pycrdt channel, enforcing on the server who may write:
    changes to the document from a client without the right are dropped, so hiding the
    editor in the page is not what protects the letter. Oversized messages close the socket;
    a flood is slowed to the rate limit (the extra messages are dropped), then closed."""

    def __init__(self, websocket: WebSocket, path: str, may_write: Callable[[], bool]) -> None:
        self._websocket = websocket
        self._path = path
        self._may_write = may_write
        self._lock = anyio.Lock()
        self.limit = RateLimit()
        self.refused = 0  # document changes dropped for want of the right to write

    @property
    def path(self) -> str:
        return self._path

    def __aiter__(self) -> SocketChannel:
        return self

    async def __anext__(self) -> bytes:
        try:
            return await self.recv()
        except (WebSocketDisconnect, RuntimeError) as error:
            raise StopAsyncIteration from error

    async def send(self, message: bytes) -> None:
        async with self._lock:
            with contextlib.suppress(WebSocketDisconnect, RuntimeError):
                await self._websocket.send_bytes(message)

    async def recv(self) -> bytes:
        while True:
            event = await self._websocket.receive()
            if event["type"] == "websocket.disconnect":
                raise WebSocketDisconnect(event.get("code", 1000))
            message = event.get("bytes")
            if message is None:  # text frames are not part of the protocol
                continue
            if len(message) > MAX_MESSAGE_BYTES:
                await self._close(CLOSE_TOO_BIG, "message trop gros")
            if not self.limit.allow():
                if self.limit.dropped > MAX_DROPPED:
                    await self._close(CLOSE_POLICY, "trop de messages")
                continue
            if (
                len(message) > 1
                and message[0] == _SYNC
                and message[1] in (_STEP2, _UPDATE)
                and not self._may_write()
            ):
                self.refused += 1
                continue
            return bytes(message)

    async def close(self, code: int = CLOSE_REFUSED, reason: str = "atelier terminé") -> None:
        """Close the socket (the workshop ended): the editor does not try again."""
        with contextlib.suppress(RuntimeError, WebSocketDisconnect):
            await self._websocket.close(code=code, reason=reason)

    async def _close(self, code: int, reason: str) -> None:
        with contextlib.suppress(RuntimeError):
            await self._websocket.close(code=code, reason=reason)
        raise WebSocketDisconnect(code)


class Rooms(WebsocketServer):
    """The workshop rooms of this process, with their documents kept in an SQLite file.

    `seed(room_name)` gives the text of a document seen for the first time (called in a
    thread: it reads the database); `changed(room_name, doc)` is called after each change."""

    def __init__(
        self,
        store_path: Path,
        seed: Callable[[str], str],
        changed: Callable[[str, Doc[Any]], Awaitable[None] | None],
    ) -> None:
        super().__init__(rooms_ready=False, auto_clean_rooms=True, log=log)
        store_path.parent.mkdir(parents=True, exist_ok=True)
        # pycrdt-store reads its settings from class attributes. History squashing stays off:
        # without compression callbacks it empties the document (a known pycrdt-store bug).
        self._store_class = type("WorkshopStore", (SQLiteYStore,), {"db_path": str(store_path)})
        self._seed = seed
        self._changed = changed
        self._locks: dict[str, anyio.Lock] = {}

    async def get_room(self, name: str) -> YRoom:
        async with self._locks.setdefault(name, anyio.Lock()):
            if name not in self.rooms:
                store = self._store_class(path=name, log=log)
                room = YRoom(ready=False, ystore=store, log=log)
                self.rooms[name] = room
                await self.start_room(room)
                await store.started.wait()
                try:
                    await store.apply_updates(room.ydoc)
                except YDocNotFound:
                    text = await anyio.to_thread.run_sync(self._seed, name)
                    room.ydoc[BODY] = Text(text)
                    await store.encode_state_as_update(room.ydoc)
                room.ydoc.observe(lambda _event, n=name, d=room.ydoc: self._notify(n, d))
                room.ready = True
            return self.rooms[name]

    def _notify(self, name: str, doc: Doc[Any]) -> None:
        result = self._changed(name, doc)
        if asyncio.iscoroutine(result):
            asyncio.get_running_loop().create_task(result)

    async def delete_room(self, *, name: str | None = None, room: YRoom | None = None) -> None:
        room = room or (self.rooms.get(name) if name else None)
        if room is None or room not in self.rooms.values():
            return  # already gone (a workshop closed, then its last client left)
        await super().delete_room(name=name, room=room)
        if room.ystore is not None:
            with contextlib.suppress(Exception):
                await room.ystore.stop()

    async def text_of(self, name: str) -> str:
        room = await self.get_room(name)
        return str(room.ydoc.get(BODY, type=Text))


def forget_documents(store_path: Path, names: list[str]) -> None:
    """Delete the stored texts of these rooms (a deleted letter's workshops): the co-editing
    store keeps every update of a text, so it must go with the letter."""
    if not names or not store_path.exists():
        return
    with contextlib.closing(sqlite3.connect(store_path, timeout=30)) as store, store:
        for table in ("yupdates", "ycheckpoints"):
            with contextlib.suppress(sqlite3.OperationalError):  # not created yet
                store.executemany(f"DELETE FROM {table} WHERE path = ?", [(n,) for n in names])


class Hub:
    """The events channel: JSON messages pushed to every page open on a workshop (analysis,
    votes, comments, proposals, presence). Safe to publish from worker threads."""

    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue[str]]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self.last: dict[tuple[str, str], str] = {}  # (workshop, kind) -> last message

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def subscribe(self, workshop: str) -> asyncio.Queue[str]:
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=200)
        self._queues.setdefault(workshop, set()).add(queue)
        return queue

    def unsubscribe(self, workshop: str, queue: asyncio.Queue[str]) -> None:
        self._queues.get(workshop, set()).discard(queue)

    def publish(self, workshop: str, kind: str, data: Any) -> None:
        message = json.dumps({"type": kind, "data": data}, ensure_ascii=False)
        self.last[(workshop, kind)] = message
        if self._loop is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            self._deliver(workshop, message)
        else:
            self._loop.call_soon_threadsafe(self._deliver, workshop, message)

    def _deliver(self, workshop: str, message: str) -> None:
        for queue in list(self._queues.get(workshop, ())):
            if queue.full():  # a page that does not read its messages loses the oldest
                with contextlib.suppress(asyncio.QueueEmpty):
                    queue.get_nowait()
            queue.put_nowait(message)

    def forget(self, workshop: str) -> None:
        for key in [k for k in self.last if k[0] == workshop]:
            del self.last[key]
