"""The live side of workshops in one process: the co-editing rooms, the events channel, and
the analysis that follows the text (debounced, then pushed to every page of the workshop)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio
from pycrdt import Doc

from api.collab import Hub, Rooms, SocketChannel, find_quote, replace_in_body
from api.engine import Engine
from api.settings import Settings
from api.storage.database import Database
from api.storage.models import Workshop
from api.workshops import analysis_payload, current_text

log = logging.getLogger("simplify.atelier")
DEBOUNCE_SECONDS = 0.4  # quiet time after an edit before the text is analysed again


class Live:
    def __init__(self, settings: Settings, database: Database, engine: Engine) -> None:
        self.settings = settings
        self.database = database
        self.engine = engine
        self.hub = Hub()
        self.rooms = Rooms(settings.workshop_texts, self._seed, self._changed)
        self._waiting: dict[str, asyncio.Task[None]] = {}
        self._versions: dict[str, int] = {}
        self._profiles: dict[str, str] = {}

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        self.hub.bind(asyncio.get_running_loop())
        async with self.rooms:
            try:
                yield
            finally:
                for task in self._waiting.values():
                    task.cancel()

    def _seed(self, workshop_id: str) -> str:
        with self.database.session() as session:
            workshop = session.get(Workshop, workshop_id)
            if workshop is None:
                return ""
            return current_text(session, workshop)

    def _profile(self, workshop_id: str) -> str:
        profile = self._profiles.get(workshop_id)
        if profile is None:
            with self.database.session() as session:
                workshop = session.get(Workshop, workshop_id)
                letter_profile = workshop.letter.profile if workshop else None
            profile = self._profiles[workshop_id] = letter_profile or "clair"
        return profile

    def _changed(self, workshop_id: str, _doc: Doc[Any]) -> None:
        waiting = self._waiting.get(workshop_id)
        if waiting is not None and not waiting.done():
            waiting.cancel()
        self._waiting[workshop_id] = asyncio.get_running_loop().create_task(
            self._analyse_later(workshop_id)
        )

    async def _analyse_later(self, workshop_id: str) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        await self.analyse(workshop_id)

    async def analyse(self, workshop_id: str) -> dict[str, Any]:
        """Analyse the shared text now and push the result to every page. Only the sentences
        that changed are parsed again (the engine keeps parsed sentences)."""
        text = await self.rooms.text_of(workshop_id)
        profile = await anyio.to_thread.run_sync(self._profile, workshop_id)
        report = await anyio.to_thread.run_sync(lambda: self.engine.analyse(text, profile))
        version = self._versions[workshop_id] = self._versions.get(workshop_id, 0) + 1
        payload = analysis_payload(report, version)
        self.hub.publish(workshop_id, "analyse", payload)
        return payload

    def last_analysis(self, workshop_id: str) -> str | None:
        return self.hub.last.get((workshop_id, "analyse"))

    async def replace_quote(
        self, workshop_id: str, quote: str, prefix: str, suffix: str, replacement: str, origin: str
    ) -> bool:
        """Replace a quoted passage of the shared text for everyone; False if it is gone."""
        room = await self.rooms.get_room(workshop_id)
        text = await self.rooms.text_of(workshop_id)
        start = find_quote(text, quote, prefix, suffix)
        if start is None:
            return False
        replace_in_body(room.ydoc, start, start + len(quote), replacement, origin)
        return True

    async def close(self, workshop_id: str) -> None:
        """The workshop is over: its pages are told, its room closed (the text stays stored)."""
        self.hub.publish(workshop_id, "fermeture", {})
        room = self.rooms.rooms.get(workshop_id)
        if room is not None:
            for client in list(room.clients):
                if isinstance(client, SocketChannel):
                    await client.close()
            await self.rooms.delete_room(room=room)
        self.hub.forget(workshop_id)
