"""Benchmark of live workshops: websocket clients against the real server on loopback.

    python -m benchmarks.bench_workshop [--participants N] [--edits N] [--workshops N]

Starts the service as a user does (uvicorn, one process: a room lives in one process), with
its own data folder, one agent and N workshops on corpus letters, then measures:
1. propagation: 30 participants (pycrdt clients over real websockets, like the browser's Yjs
   editor) and the facilitator in one room; the facilitator makes an edit, and the time until
   each participant's copy contains it is recorded (30 x EDITS samples). Target p95 < 100 ms.
2. analysis: every participant also listens to the events channel; after an edit, the time
   from the end of the debounce (edit time + 0.4 s) until each participant has an analysis
   that contains the edited sentence. Target p95 < 500 ms.
3. memory: 20 workshops open at once, each with a facilitator and 5 participants editing and
   receiving analyses; the server's RSS is sampled. Target < 800 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psutil

from api.live import DEBOUNCE_SECONDS
from benchmarks.server_load import free_port, start_server, stop_server, wait_ready
from benchmarks.ws_clients import editing, events, next_event

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "letters"
MB = 1024 * 1024
PROPAGATION_TARGET_MS = 100
ANALYSIS_TARGET_MS = 500
MEMORY_TARGET_MB = 800


def prepare(
    data: Path, workshops: int, participants: int
) -> tuple[str, list[tuple[str, list[str]]]]:
    """An agent, `workshops` letters with a workshop each, and participants' tokens."""
    from api.auth import create_user, issue_token
    from api.settings import Settings
    from api.storage.database import Database, migrate
    from api.storage.models import Letter, Version
    from api.workshops import create_workshop, join

    letters = sorted(CORPUS.glob("*/original.txt"))
    database = Database(Settings(data_dir=data).resolved_database_url)
    migrate(database.engine)
    made = []
    with database.session() as session:
        user = create_user(session, "animateur@exemple.fr", "Animateur", "mot-de-passe-long")
        secret, _ = issue_token(session, user, "session", 1)
        for number in range(workshops):
            text = letters[number % len(letters)].read_text(encoding="utf-8")
            letter = Letter(
                id=f"l{number}",
                owner_id=user.id,
                title=f"Lettre {number}",
                filename="lettre.txt",
                format="text",
                size=len(text),
                sha256="0" * 64,
                profile="clair",
            )
            letter.versions.append(Version(number=1, text=text, source="original"))
            session.add(letter)
            session.commit()
            workshop = create_workshop(session, letter, user)
            tokens = [
                join(session, workshop.code, f"P{i}", named=True)[1] for i in range(participants)
            ]
            made.append((workshop.id, tokens))
    database.dispose()
    return f"simplify_session={secret}", made


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def show(label: str, values: Sequence[float], target: float) -> bool:
    reached = p95(values) < target
    print(
        f"  {label:<34} p50 {statistics.median(values):6.1f} ms  p95 {p95(values):6.1f} ms  "
        f"max {max(values):6.1f} ms  (n={len(values)}; target p95 < {target:.0f} ms: "
        f"{'reached' if reached else 'NOT reached'})"
    )
    return reached


async def _seen(reader: Any, marker: str, sent: float) -> float:
    await reader.wait_for(marker)
    return (time.perf_counter() - sent) * 1000


async def _analysed(channel: Any, marker: str, sent: float) -> float:
    while True:
        data = await next_event(channel, "analyse")
        if any(marker in s["text"] for s in data["sentences"]):
            return (time.perf_counter() - sent - DEBOUNCE_SECONDS) * 1000


async def one_room(base: str, cookie: str, workshop: str, tokens: list[str], edits: int) -> None:
    async with contextlib.AsyncExitStack() as stack:
        facilitator = await stack.enter_async_context(editing(base, workshop, cookie=cookie))
        readers = [
            await stack.enter_async_context(editing(base, workshop, jeton=token))
            for token in tokens
        ]
        channels = [
            await stack.enter_async_context(events(base, workshop, jeton=token)) for token in tokens
        ]
        for channel in channels:  # the analysis of the text as it is now
            await next_event(channel, "analyse")
        propagation: list[float] = []
        analysis: list[float] = []
        for index in range(edits):
            marker = f"Phrase ajoutée numéro {index} pour la mesure."
            position = facilitator.text.find("\n\n") + 2
            sent = time.perf_counter()
            facilitator.insert(position, marker + "\n\n")

            results = await asyncio.gather(
                *(_seen(r, marker, sent) for r in readers),
                *(_analysed(c, marker, sent) for c in channels),
            )
            propagation += results[: len(readers)]
            analysis += results[len(readers) :]
            await asyncio.sleep(0.6)
    print(f"one room, {len(tokens)} participants, {edits} edits")
    show("edit reaches every participant", propagation, PROPAGATION_TARGET_MS)
    show("analysis after the debounce", analysis, ANALYSIS_TARGET_MS)


async def many_rooms(
    base: str, cookie: str, made: list[tuple[str, list[str]]], server: psutil.Process
) -> float:
    peak = 0.0
    stop = asyncio.Event()

    async def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            with contextlib.suppress(psutil.Error):
                peak = max(peak, server.memory_info().rss / MB)
            await asyncio.sleep(0.2)

    async def room(workshop: str, tokens: list[str]) -> None:
        async with contextlib.AsyncExitStack() as stack:
            facilitator = await stack.enter_async_context(editing(base, workshop, cookie=cookie))
            for token in tokens[:5]:
                await stack.enter_async_context(editing(base, workshop, jeton=token))
            channel = await stack.enter_async_context(events(base, workshop, jeton=tokens[0]))
            for index in range(5):
                facilitator.insert(0, f"Ajout {index}. ")
                await asyncio.sleep(0.5)
            await next_event(channel, "analyse", timeout=60)

    sampler = asyncio.create_task(sample())
    await asyncio.gather(*(room(workshop, tokens) for workshop, tokens in made))
    stop.set()
    await sampler
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--workshops", type=int, default=20)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-atelier-") as folder:
        data = Path(folder)
        cookie, made = prepare(data, options.workshops + 1, options.participants)
        port = free_port()
        with (data / "serveur.log").open("wb") as log:
            process = start_server(port, data, log, workers=1)  # a room lives in one process
        try:
            wait_ready(port, process)
            base = f"ws://127.0.0.1:{port}"
            workshop, tokens = made[0]
            asyncio.run(one_room(base, cookie, workshop, tokens, options.edits))
            server = psutil.Process(process.pid)
            rooms = made[1 : options.workshops + 1] or made
            peak = asyncio.run(many_rooms(base, cookie, rooms, server))
            print(f"{len(rooms)} workshops at once, 6 clients each")
            print(
                f"  server RSS                         {peak:6.0f} MB  (target < "
                f"{MEMORY_TARGET_MB} MB: {'reached' if peak < MEMORY_TARGET_MB else 'NOT reached'})"
            )
        finally:
            stop_server(process)


if __name__ == "__main__":
    main()
