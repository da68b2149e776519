"""Workshops against the real server (uvicorn in its own process) with real websocket clients:
co-editing, who may write, the events channel, votes and remarks, limits, and a server killed
while someone types."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import start_server, stop_server
from pycrdt import Doc, Text
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from api.collab import find_quote, replace_in_body, utf8_offset
from benchmarks.ws_clients import editing, events, next_event

LETTER = (
    "Madame,\n\nNonobstant votre demande du 3 mars, le dossier afférent à votre situation "
    "est incomplet.\n\nVeuillez agréer, Madame, mes salutations distinguées."
)


def test_utf8_offsets_and_quotes_with_french_text() -> None:
    text = "Délai : œuvre d’art 😀 à rendre. Délai : fin."
    assert utf8_offset(text, 2) == 3  # "é" is two bytes
    doc: Doc[Any] = Doc()
    doc["body"] = body = Text(text)
    start = text.index("à rendre")
    replace_in_body(doc, start, start + len("à rendre"), "à donner", "test")
    assert str(body) == "Délai : œuvre d’art 😀 à donner. Délai : fin."
    again = str(body)
    second = find_quote(again, "Délai", prefix="donner. ", suffix=" : fin")
    assert second == again.rindex("Délai")
    assert find_quote(again, "Délai", suffix=" : œuvre") == 0
    assert find_quote(again, "absent") is None


@dataclass
class Setup:
    process: Any
    url: str
    data: Path
    workshop: str
    code: str
    cookie: str
    csrf: str
    participant: str  # a participant's token
    other_workshop_participant: str


def _prepare(data: Path) -> tuple[str, str, str, str, str, str]:
    """An agent, a letter, two workshops and a participant in each, made in the database."""
    from api.auth import create_user, issue_token
    from api.settings import Settings
    from api.storage.database import Database, migrate
    from api.storage.models import Letter, Version
    from api.workshops import create_workshop, join

    settings = Settings(data_dir=data)
    database = Database(settings.resolved_database_url)
    migrate(database.engine)
    with database.session() as session:
        user = create_user(session, "animatrice@exemple.fr", "Animatrice", "mot-de-passe-long")
        secret, token = issue_token(session, user, "session", 1)
        ids = []
        for number in (1, 2):
            letter = Letter(
                id=f"lettre{number}",
                owner_id=user.id,
                title=f"Lettre {number}",
                filename="lettre.txt",
                format="text",
                size=len(LETTER),
                sha256="0" * 64,
                profile="clair",
            )
            letter.versions.append(Version(number=1, text=LETTER, source="original"))
            session.add(letter)
            session.commit()
            workshop = create_workshop(session, letter, user)
            _, participant = join(session, workshop.code, f"Lou{number}", named=True)
            ids.append((workshop.id, workshop.code, participant))
        csrf = token.csrf
    database.dispose()
    (first, code, participant), (_, _, other) = ids
    return first, code, secret, csrf, participant, other


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    data = tmp_path_factory.mktemp("atelier")
    workshop, code, secret, csrf, participant, other = _prepare(data)
    process, url = start_server(data, {"SIMPLIFY_WARM_UP": "false"})
    yield Setup(
        process, url, data, workshop, code, f"simplify_session={secret}", csrf, participant, other
    )
    stop_server(process)


def _ws(setup: Setup) -> str:
    return setup.url.replace("http://", "ws://")


def _post(setup: Setup, path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    request = urllib.request.Request(
        setup.url + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read() or b"null")


def _as_facilitator(setup: Setup) -> dict[str, str]:
    return {"Cookie": setup.cookie, "X-CSRF": setup.csrf}


def _as_participant(setup: Setup) -> dict[str, str]:
    return {"Cookie": f"atelier_{setup.workshop}={setup.participant}", "X-Atelier": "1"}


def test_session_cookie_name_is_the_one_the_app_sets() -> None:
    from api.auth import SESSION_COOKIE

    assert SESSION_COOKIE == "simplify_session"


def test_edits_reach_everyone_and_participants_write_only_when_allowed(setup: Setup) -> None:
    async def scenario() -> None:
        base = _ws(setup)
        async with (
            editing(base, setup.workshop, cookie=setup.cookie) as facilitator,
            editing(base, setup.workshop, jeton=setup.participant) as participant,
        ):
            assert facilitator.text.startswith("Madame,")  # seeded once by the server
            assert participant.text == facilitator.text
            facilitator.insert(len("Madame,"), " chère Zoé 😀 œ’")
            await participant.wait_for("chère Zoé 😀 œ’")
            # Not allowed yet: the server drops the participant's change.
            participant.insert(0, "INTRUS ")
            await asyncio.sleep(1.0)
            assert "INTRUS" not in facilitator.text
            status, _ = _post(
                setup,
                f"/ateliers/{setup.workshop}/droits",
                {"participants_write": True},
                _as_facilitator(setup),
            )
            assert status == 200
            await asyncio.sleep(1.2)  # the socket reads the right at most once a second
            # A client whose changes were dropped holds a history the server lacks: its page
            # reloads (a new document) before writing, as the editor's page does.
            async with editing(base, setup.workshop, jeton=setup.participant) as allowed:
                assert "INTRUS" not in allowed.text
                allowed.insert(len(allowed.text), "\n\nMerci à tous.")
                await facilitator.wait_for("Merci à tous.")
            _post(
                setup,
                f"/ateliers/{setup.workshop}/droits",
                {"participants_write": False},
                _as_facilitator(setup),
            )
        # A new client gets the server's text, without the refused change.
        async with editing(base, setup.workshop, cookie=setup.cookie) as late:
            assert "Merci à tous." in late.text and "INTRUS" not in late.text

    asyncio.run(scenario())


def test_tokens_open_their_own_workshop_only(setup: Setup) -> None:
    async def refused(**query: str) -> int | None:
        url = f"{_ws(setup)}/ws/ateliers/{setup.workshop}"
        if query:
            url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
        async with connect(url) as connection:
            try:
                await asyncio.wait_for(connection.recv(), 10)
            except ConnectionClosed as closed:
                return closed.rcvd.code if closed.rcvd else None
        return None

    async def scenario() -> None:
        assert await refused() == 4403
        assert await refused(jeton="faux") == 4403
        assert await refused(jeton=setup.other_workshop_participant) == 4403

    asyncio.run(scenario())
    status, body = _post(
        setup,
        f"/ateliers/{setup.workshop}/votes",
        {"sentence": "x", "understood": True},
        {"X-Atelier": "1"},
    )
    assert status == 403 and "participez pas" in body["detail"]
    # The participant's cookie without the page's header (a form posted from another site).
    cookie_only = {"Cookie": f"atelier_{setup.workshop}={setup.participant}"}
    status, _ = _post(
        setup,
        f"/ateliers/{setup.workshop}/votes",
        {"sentence": "x", "understood": True},
        cookie_only,
    )
    assert status == 403
    status, _ = _post(
        setup,
        f"/ateliers/{setup.workshop}/droits",
        {"participants_write": True},
        {"Cookie": setup.cookie},
    )
    assert status == 403  # the facilitator's cookie without the CSRF token


def test_analysis_follows_the_text_and_votes_and_remarks_are_pushed(setup: Setup) -> None:
    async def scenario() -> None:
        base = _ws(setup)
        async with (
            events(base, setup.workshop, jeton=setup.participant) as channel,
            editing(base, setup.workshop, cookie=setup.cookie) as facilitator,
        ):
            first = await next_event(channel, "analyse")
            assert first["sentences"] and first["score"] is not None
            assert any(f["quote"].lower() == "nonobstant" for f in first["findings"])
            closing = facilitator.text.index("\n\nVeuillez")
            facilitator.insert(closing, "\n\nIl appartient à l'usager de répondre.")
            while True:
                later = await next_event(channel, "analyse")
                if any("appartient" in s["text"] for s in later["sentences"]):
                    break
            assert later["version"] > first["version"]
            jargon = next(f for f in later["findings"] if f["quote"].lower() == "nonobstant")
            assert jargon["meaning"]  # what a participant sees on tap
            sentence = next(s["text"] for s in later["sentences"] if "afférent" in s["text"])
            status, _ = _post(
                setup,
                f"/ateliers/{setup.workshop}/votes",
                {"sentence": sentence, "understood": False},
                _as_participant(setup),
            )
            assert status == 200
            tallies = await next_event(channel, "votes")
            assert list(tallies["tallies"].values()) == [{"oui": 0, "non": 1}]
            comment = "<script>alert(1)</script> je ne connais pas ce mot"
            status, _ = _post(
                setup,
                f"/ateliers/{setup.workshop}/remarques",
                {"kind": "comment", "sentence": sentence, "text": comment},
                _as_participant(setup),
            )
            assert status == 200
            remarks = await next_event(channel, "remarques")
            assert remarks[-1]["text"] == comment and remarks[-1]["author"] == "Lou1"
            # The facilitator applies a proposal of the engine for everyone.
            status, _ = _post(
                setup,
                f"/ateliers/{setup.workshop}/appliquer",
                {
                    "quote": jargon["quote"],
                    "prefix": jargon["prefix"],
                    "suffix": jargon["suffix"],
                    "replacement": "Malgré",
                    "id": jargon["id"],
                },
                _as_facilitator(setup),
            )
            assert status == 200
            await facilitator.wait_for("Malgré votre demande")

    asyncio.run(scenario())


def test_floods_and_oversized_messages_do_not_hurt_the_others(setup: Setup) -> None:
    async def scenario() -> None:
        base = _ws(setup)
        url = f"{base}/ws/ateliers/{setup.workshop}?jeton={setup.participant}"
        async with (
            editing(base, setup.workshop, cookie=setup.cookie) as facilitator,
            editing(base, setup.workshop, jeton=setup.participant) as witness,
        ):
            async with connect(url, max_size=None) as flooder:
                closed = None
                try:
                    for _ in range(20_000):  # awareness messages, as fast as possible
                        await flooder.send(b"\x01\x01\x00")
                    await asyncio.wait_for(flooder.recv(), 5)
                    async with asyncio.timeout(10):
                        while True:
                            await flooder.recv()
                except (ConnectionClosed, TimeoutError) as error:
                    closed = error
                assert isinstance(closed, ConnectionClosed) and closed.rcvd is not None
                assert closed.rcvd.code == 1008
            facilitator.insert(0, "Après l'inondation. ")
            await witness.wait_for("Après l'inondation.", timeout=5)
            async with connect(url, max_size=None) as big:
                await big.send(b"\x00\x02" + b"x" * 600_000)
                with pytest.raises(ConnectionClosed) as caught:
                    async with asyncio.timeout(10):
                        while True:
                            await big.recv()
                assert caught.value.rcvd is not None and caught.value.rcvd.code == 1009

    asyncio.run(scenario())


def test_the_letter_survives_a_server_killed_while_someone_types(
    tmp_path: Path,
) -> None:
    workshop, _, secret, _, _, _ = _prepare(tmp_path)
    cookie = f"simplify_session={secret}"
    process, url = start_server(tmp_path, {"SIMPLIFY_WARM_UP": "false"})
    typed: list[tuple[float, str]] = []

    async def typing() -> None:
        base = url.replace("http://", "ws://")
        async with editing(base, workshop, cookie=cookie) as editor:
            for index in range(400):
                piece = f" mot{index}"
                editor.insert(len(editor.text), piece)
                typed.append((time.monotonic(), piece))
                await asyncio.sleep(0.01)

    async def kill_while_typing() -> float:
        task = asyncio.create_task(typing())
        await asyncio.sleep(2.0)
        os.killpg(process.pid, signal.SIGKILL)
        killed = time.monotonic()
        with contextlib.suppress(Exception):  # the connection dies with the server
            await asyncio.wait_for(task, 10)
        return killed

    try:
        killed = asyncio.run(kill_while_typing())
        process.wait(timeout=10)
        again, url = start_server(tmp_path, {"SIMPLIFY_WARM_UP": "false"})
    except BaseException:
        stop_server(process)
        raise

    async def reread() -> str:
        async with editing(url.replace("http://", "ws://"), workshop, cookie=cookie) as editor:
            return editor.text

    try:
        text = asyncio.run(reread())
    finally:
        stop_server(again)
    assert text.startswith(LETTER)  # the letter itself is never lost
    before = [piece for moment, piece in typed if moment < killed - 1.0]
    assert len(before) > 50
    kept = text[len(LETTER) :]
    assert kept.startswith("".join(before))  # at most the last second of typing is lost


def test_deleting_a_letter_deletes_its_workshops_and_their_stored_texts(tmp_path: Path) -> None:
    import sqlite3

    from api.app import create_app
    from api.letters import delete_letter
    from api.services import Services
    from api.settings import Settings
    from api.storage.models import Participant, Vote, Workshop

    workshop, _, secret, _, _, _ = _prepare(tmp_path)
    process, url = start_server(tmp_path, {"SIMPLIFY_WARM_UP": "false"})

    async def edit() -> None:
        base = url.replace("http://", "ws://")
        async with editing(base, workshop, cookie=f"simplify_session={secret}") as editor:
            editor.insert(0, "Texte tapé en atelier. ")
            await asyncio.sleep(0.5)

    try:
        asyncio.run(edit())
    finally:
        stop_server(process)
    store = Settings(data_dir=tmp_path).workshop_texts
    with contextlib.closing(sqlite3.connect(store)) as db:
        assert db.execute("SELECT count(*) FROM yupdates WHERE path = ?", (workshop,)).fetchone()[0]
    app = create_app(Settings(data_dir=tmp_path, warm_up=False))
    with app.state.database.session() as session:
        letter = session.get(Workshop, workshop).letter
        services = Services(session, app.state.files, app.state.engine, app.state.settings)
        delete_letter(services, letter)
        assert session.get(Workshop, workshop) is None
        assert session.query(Participant).filter_by(workshop_id=workshop).count() == 0
        assert session.query(Vote).filter_by(workshop_id=workshop).count() == 0
    with contextlib.closing(sqlite3.connect(store)) as db:
        for table in ("yupdates", "ycheckpoints"):
            count = db.execute(f"SELECT count(*) FROM {table} WHERE path = ?", (workshop,))
            assert count.fetchone()[0] == 0


def test_closing_a_workshop_ends_its_sockets_and_tokens(tmp_path: Path) -> None:
    workshop, code, secret, csrf, participant, _ = _prepare(tmp_path)
    process, url = start_server(tmp_path, {"SIMPLIFY_WARM_UP": "false"})
    setup = Setup(
        process, url, tmp_path, workshop, code, f"simplify_session={secret}", csrf, participant, ""
    )

    async def scenario() -> int | None:
        base = _ws(setup)
        async with editing(base, workshop, jeton=participant) as editor:
            status, body = _post(setup, f"/ateliers/{workshop}/fermer", {}, _as_facilitator(setup))
            assert status == 200 and body["status"] == "closed"
            async with asyncio.timeout(10):
                await editor.connection.wait_closed()
            return editor.connection.close_code

    try:
        assert asyncio.run(scenario()) == 4403
        status, _ = _post(
            setup,
            f"/ateliers/{workshop}/votes",
            {"sentence": "Madame,", "understood": True},
            _as_participant(setup),
        )
        assert status == 403  # the token ended with the workshop
        request = urllib.request.Request(
            url + "/ateliers/rejoindre",
            data=f"code={code}&prenom=Zoé".encode(),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        with refused.value:
            assert refused.value.code == 404
    finally:
        stop_server(process)
