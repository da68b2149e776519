"""Workshop clients without a browser: a pycrdt document synced with the server's room over
a real websocket (the `websockets` library), as the browser's Yjs editor does, and a reader of
the events channel. Used by the workshop tests and benchmark."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

from pycrdt import Doc, Provider, Text
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed


class WebsocketChannel:
    """A `websockets` client connection as a pycrdt channel."""

    def __init__(self, connection: ClientConnection, path: str) -> None:
        self._connection = connection
        self._path = path

    @property
    def path(self) -> str:
        return self._path

    def __aiter__(self) -> WebsocketChannel:
        return self

    async def __anext__(self) -> bytes:
        try:
            return await self.recv()
        except ConnectionClosed as error:
            raise StopAsyncIteration from error

    async def send(self, message: bytes) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self._connection.send(message)

    async def recv(self) -> bytes:
        while True:
            message = await self._connection.recv()
            if isinstance(message, bytes):
                return message


class Editor:
    """One client's copy of the letter, kept in sync with the room."""

    def __init__(self, doc: Doc[Any], connection: ClientConnection) -> None:
        self.doc = doc
        self.body = doc.get("body", type=Text)
        self.connection = connection

    @property
    def text(self) -> str:
        return str(self.body)

    def insert(self, index: int, value: str) -> None:
        """Insert at a Python string index (converted to pycrdt's UTF-8 byte offset)."""
        current = str(self.body)
        self.body.insert(len(current[:index].encode("utf-8")), value)

    async def wait_for(self, needle: str, timeout: float = 10.0) -> float:
        """Seconds until the text contains `needle`."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        async with asyncio.timeout(timeout):
            while needle not in str(self.body):
                await asyncio.sleep(0.002)
        return loop.time() - start


@contextlib.asynccontextmanager
async def editing(
    base: str, workshop_id: str, cookie: str = "", **query: str
) -> AsyncIterator[Editor]:
    """A synced client of the workshop's room: `base` is "ws://host:port"; a participant
    gives its token as `jeton=...`, the facilitator its session `cookie`."""
    url = f"{base}/ws/ateliers/{workshop_id}"
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    headers = {"Cookie": cookie} if cookie else {}
    async with connect(url, max_size=None, additional_headers=headers) as connection:
        doc: Doc[Any] = Doc()
        async with Provider(doc, WebsocketChannel(connection, workshop_id)) as provider:
            async with asyncio.timeout(20):
                await provider.synced.wait()
            yield Editor(doc, connection)


@contextlib.asynccontextmanager
async def events(
    base: str, workshop_id: str, cookie: str = "", **query: str
) -> AsyncIterator[ClientConnection]:
    url = f"{base}/ws/ateliers/{workshop_id}/evenements"
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    headers = {"Cookie": cookie} if cookie else {}
    async with connect(url, max_size=None, additional_headers=headers) as connection:
        yield connection


async def next_event(connection: ClientConnection, kind: str, timeout: float = 20.0) -> Any:
    """The data of the next event of this type."""
    async with asyncio.timeout(timeout):
        while True:
            message = json.loads(await connection.recv())
            if message["type"] == kind:
                return message["data"]
