"""Audits of zip archives as background jobs: upload, progress, the report in four formats,
owner-only access, bad uploads, deletion, retention, and restarts (a clean shutdown, a server
killed mid-run, an orphaned audit whose archive is gone). The real engine and a real database
(SQLite, and PostgreSQL where the queue's updates matter)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import signal
import socket
import sqlite3
import subprocess
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, add_user, assert_problem, bearer, start_server, stop_server

LETTERS = sorted((ROOT / "corpora" / "letters").glob("*/original.txt"))
WORD = ROOT / "corpora" / "word" / "02-aide-urgence-ccas.docx"
# A sentence of the first letter: it must never reach a log.
SECRET = LETTERS[0].read_text(encoding="utf-8").strip().splitlines()[-1]
ACTIVE = {"queued", "running"}


def letters(count: int) -> dict[str, bytes]:
    """`count` distinct letters (corpus texts, each with its own number, so its own hash)."""
    return {
        f"courriers/{index:02d}-{LETTERS[index % len(LETTERS)].parent.name}.txt": (
            LETTERS[index % len(LETTERS)].read_text(encoding="utf-8") + f"\n\nRéférence {index}.\n"
        ).encode()
        for index in range(count)
    }


def make_zip(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


def upload(client: Any, token: str, data: bytes, name: str = "modeles.zip", **form: str) -> Any:
    files = {"file": (name, data, "application/zip")}
    return client.post("/api/v1/audits", files=files, data=form, headers=bearer(token))


def wait_for(
    client: Any, url: str, token: str, until: Any = lambda a: a["status"] not in ACTIVE
) -> dict[str, Any]:
    deadline = time.monotonic() + 180
    while True:
        state: dict[str, Any] = client.get(url, headers=bearer(token)).json()
        if until(state):
            return state
        assert time.monotonic() < deadline, state
        time.sleep(0.2)


def cached_hashes(app: Any) -> set[str]:
    path = app.state.audit_files.cache_path
    if not path.exists():
        return set()
    with sqlite3.connect(path) as cache:
        return {row[0] for row in cache.execute("SELECT sha256 FROM results")}


@pytest.fixture
def audit_app(database_url: str, tmp_path: Path) -> Any:
    from api.app import create_app
    from api.settings import Settings

    return create_app(
        Settings(data_dir=tmp_path / "data", database_url=database_url, warm_up=False, audit_jobs=1)
    )


@pytest.fixture
def audit_client(audit_app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(audit_app) as test_client:
        yield test_client


@pytest.fixture
def sqlite_app(tmp_path: Path) -> Any:
    from api.app import create_app
    from api.settings import Settings

    return create_app(Settings(data_dir=tmp_path / "data", warm_up=False, audit_jobs=1))


@pytest.fixture
def sqlite_client(sqlite_app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(sqlite_app) as test_client:
        yield test_client


def test_audits_upload_runs_to_a_report_in_four_formats(
    audit_client: Any, audit_app: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    token = add_user(audit_app, "agent@exemple.fr")
    members = {
        **letters(3),
        "word/aide-urgence.docx": WORD.read_bytes(),
        "courriers/casse.docx": b"PK\x03\x04 ce n'est pas un document Word",
        "../evil.txt": b"Madame, ce fichier veut sortir de l'archive.",
    }
    response = upload(audit_client, token, make_zip(members), profile="clair")
    assert response.status_code == 202, response.text
    created = response.json()
    url = response.headers["Location"]
    assert url == f"/api/v1/audits/{created['id']}" == created["links"]["self"]
    assert created["status"] in ACTIVE and created["filename"] == "modeles.zip"
    assert set(created["links"]["report"]) == {"html", "json", "csv", "sarif"}

    state = wait_for(audit_client, url, token)
    assert state["status"] == "done", state
    assert state["done"] == state["total"] == 5  # the 4 templates and the corrupt one
    assert state["totals"]["templates"] == 4 and state["errors"] == 2
    assert state["started_at"] and state["finished_at"] and state["error"] is None
    listed = audit_client.get("/api/v1/audits", headers=bearer(token)).json()
    assert [item["id"] for item in listed] == [created["id"]]

    report = audit_client.get(f"{url}/report?format=json", headers=bearer(token))
    assert report.headers["content-type"] == "application/json"
    summary = report.json()
    assert sorted(t["name"] for t in summary["templates"]) == sorted(
        f"modeles.zip/{name}" for name in [*letters(3), "word/aide-urgence.docx"]
    )
    errors = {e["name"]: e["reason"] for e in summary["errors"]}
    assert set(errors) == {"modeles.zip/courriers/casse.docx", "modeles.zip/../evil.txt"}
    assert "sort de l'archive" in errors["modeles.zip/../evil.txt"]

    expected = {
        "html": "text/html; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "sarif": "application/sarif+json",
    }
    for fmt, media_type in expected.items():
        got = audit_client.get(f"{url}/report?format={fmt}", headers=bearer(token))
        assert got.status_code == 200 and got.headers["content-type"] == media_type
        assert got.headers["content-disposition"].startswith(
            f'attachment; filename="audit-modeles.{fmt}"'
        )
    html = audit_client.get(f"{url}/report", headers=bearer(token)).text
    assert html.lstrip().lower().startswith("<!doctype html") and "modeles.zip/" in html
    table = audit_client.get(f"{url}/report?format=csv", headers=bearer(token)).text
    rows = {row["modele"] for row in csv.DictReader(io.StringIO(table))}
    assert rows == {t["name"] for t in summary["templates"]} | set(errors)  # one row per file
    sarif = audit_client.get(f"{url}/report?format=sarif", headers=bearer(token)).json()
    assert sarif["version"] == "2.1.0" and sarif["runs"]
    assert SECRET not in caplog.text


def test_audits_are_private_to_their_owner(sqlite_client: Any, sqlite_app: Any) -> None:
    owner = add_user(sqlite_app, "agent@exemple.fr")
    other = add_user(sqlite_app, "autre@exemple.fr")
    created = upload(sqlite_client, owner, make_zip(letters(1))).json()
    url = f"/api/v1/audits/{created['id']}"
    for response in (
        sqlite_client.get(url, headers=bearer(other)),
        sqlite_client.get(f"{url}/report?format=json", headers=bearer(other)),
        sqlite_client.delete(url, headers=bearer(other)),
        sqlite_client.get("/api/v1/audits/inconnu", headers=bearer(owner)),
    ):
        assert_problem(response, 404, "Aucun de vos audits")
    assert sqlite_client.get("/api/v1/audits", headers=bearer(other)).json() == []
    assert_problem(sqlite_client.get(url), 401, "jeton")
    assert sqlite_client.get(url, headers=bearer(owner)).status_code == 200


def test_audits_report_waits_for_the_end(sqlite_client: Any, sqlite_app: Any) -> None:
    sqlite_app.state.audit_runner.stop()  # nothing runs: the audit stays queued
    token = add_user(sqlite_app, "agent@exemple.fr")
    created = upload(sqlite_client, token, make_zip(letters(1))).json()
    response = sqlite_client.get(
        f"/api/v1/audits/{created['id']}/report?format=html", headers=bearer(token)
    )
    body = assert_problem(response, 409, "attend son tour")
    assert body["audit_status"] == "queued"
    assert_problem(
        sqlite_client.get(
            f"/api/v1/audits/{created['id']}/report?format=pdf", headers=bearer(token)
        ),
        422,
        "format",
    )


@pytest.fixture
def small_client(tmp_path: Path) -> Iterator[tuple[Any, str]]:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    app = create_app(
        Settings(data_dir=tmp_path / "d", warm_up=False, audit_max_upload_bytes=60_000)
    )
    with TestClient(app) as test_client:
        app.state.audit_runner.stop()
        yield test_client, add_user(app, "agent@exemple.fr")
    assert app.state.audit_files.names() == set()  # nothing refused is kept


def test_audits_refuse_an_archive_over_the_limit(small_client: tuple[Any, str]) -> None:
    client, token = small_client
    big = make_zip({"grosse.txt": os.urandom(70_000)})
    body = assert_problem(upload(client, token, big), 413, "60000 octets", "découpez")
    assert body["limit"] == 60_000
    # Past the envelope, the length alone is enough to refuse, before reading.
    huge = upload(client, token, b"PK" + b"\x00" * 300_000)
    assert assert_problem(huge, 413)["limit"] == 60_000


@pytest.mark.parametrize(
    ("name", "data", "status", "words"),
    [
        ("modeles.zip", b"Madame, ceci est du texte.", 415, ["pas une archive zip"]),
        ("lettre.docx", WORD.read_bytes(), 415, ["POST /api/v1/letters"]),
        ("modeles.zip", b"", 422, ["vide"]),
        ("images.zip", make_zip({"logo.png": b"\x89PNG\r\n"}), 422, ["aucun modèle", ".docx"]),
    ],
)
def test_audits_refuse_what_is_not_a_zip_of_templates(
    small_client: tuple[Any, str], name: str, data: bytes, status: int, words: list[str]
) -> None:
    client, token = small_client
    body = assert_problem(upload(client, token, data, name), status, *words)
    if status == 415:
        assert body["supported"] == [".zip"]


def test_audits_refuse_bad_forms(small_client: tuple[Any, str]) -> None:
    client, token = small_client
    zipped = make_zip(letters(1))
    assert_problem(upload(client, token, zipped, profile="enfant"), 422, "profile")
    no_file = client.post(
        "/api/v1/audits", files={"autre": ("m.zip", zipped)}, headers=bearer(token)
    )
    assert_problem(no_file, 422, "champ file")
    form_only = client.post("/api/v1/audits", data={"profile": "clair"}, headers=bearer(token))
    assert_problem(form_only, 415, "multipart")
    as_json = client.post("/api/v1/audits", json={"file": "x"}, headers=bearer(token))
    assert assert_problem(as_json, 415, "multipart")["supported"] == ["multipart/form-data"]
    assert_problem(client.post("/api/v1/audits", files={"file": ("m.zip", zipped)}), 401)


def test_audits_delete_removes_folder_row_and_cached_results(
    sqlite_client: Any, sqlite_app: Any
) -> None:
    token = add_user(sqlite_app, "agent@exemple.fr")
    three = list(letters(3).items())
    kept = upload(sqlite_client, token, make_zip(dict(three[2:]))).json()
    created = upload(sqlite_client, token, make_zip(dict(three[:2]))).json()
    assert wait_for(sqlite_client, kept["links"]["self"], token)["status"] == "done"
    url = created["links"]["self"]
    assert wait_for(sqlite_client, url, token)["status"] == "done"
    files = sqlite_app.state.audit_files
    assert files.report(created["id"], "html").is_file()
    assert len(cached_hashes(sqlite_app)) == 3
    assert sqlite_client.delete(url, headers=bearer(token)).status_code == 204
    assert not files.folder(created["id"]).exists()
    assert_problem(sqlite_client.get(url, headers=bearer(token)), 404)
    # The deleted audit's documents leave the cache; the other audit's stay.
    assert len(cached_hashes(sqlite_app)) == 1
    assert files.folder(kept["id"]).is_dir()


def test_audits_delete_while_running_stops_the_run(sqlite_client: Any, sqlite_app: Any) -> None:
    token = add_user(sqlite_app, "agent@exemple.fr")
    created = upload(sqlite_client, token, make_zip(letters(40))).json()
    url = created["links"]["self"]
    state = wait_for(sqlite_client, url, token, lambda a: a["done"] >= 1 or a["status"] == "done")
    assert state["status"] == "running", "l'audit a fini avant d'être supprimé"
    assert sqlite_client.delete(url, headers=bearer(token)).status_code == 204
    # The runner drops it and takes the next one; nothing of the first is left behind.
    second = upload(sqlite_client, token, make_zip({"seule.txt": LETTERS[5].read_bytes()})).json()
    assert wait_for(sqlite_client, second["links"]["self"], token)["status"] == "done"
    files = sqlite_app.state.audit_files
    assert files.names() == {second["id"]}
    assert cached_hashes(sqlite_app) == {hashlib.sha256(LETTERS[5].read_bytes()).hexdigest()}


def test_audits_retention_purges_old_audits(sqlite_client: Any, sqlite_app: Any) -> None:
    from api.audits import purge_expired_audits
    from api.storage.models import Audit

    sqlite_app.state.audit_runner.stop()
    token = add_user(sqlite_app, "agent@exemple.fr")
    old = upload(sqlite_client, token, make_zip(letters(1))).json()
    recent = upload(sqlite_client, token, make_zip(letters(2))).json()
    files = sqlite_app.state.audit_files
    with sqlite_app.state.database.session() as session:
        session.get(Audit, old["id"]).created_at = datetime.now(UTC) - timedelta(days=91)
        session.commit()
        assert purge_expired_audits(session, files, sqlite_app.state.settings) == 1
    assert files.names() == {recent["id"]}
    listed = sqlite_client.get("/api/v1/audits", headers=bearer(token)).json()
    assert [item["id"] for item in listed] == [recent["id"]]


def test_audits_clean_shutdown_queues_the_running_audit_again(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings
    from api.storage.models import Audit

    settings = Settings(data_dir=tmp_path / "data", warm_up=False, audit_jobs=1)
    first = create_app(settings)
    with TestClient(first) as client:
        token = add_user(first, "agent@exemple.fr")
        url = upload(client, token, make_zip(letters(40))).headers["Location"]
        state = wait_for(client, url, token, lambda a: a["done"] >= 1 or a["status"] == "done")
        assert state["status"] == "running", "l'audit a fini avant l'arrêt"
    with first.state.database.session() as session:
        audit = session.get(Audit, url.rsplit("/", 1)[1])
        assert (audit.status, audit.worker, audit.restarts) == ("queued", None, 0)
    second = create_app(settings)
    with TestClient(second) as client:
        state = wait_for(client, url, token)
        assert state["status"] == "done" and state["totals"]["templates"] == 40
        summary = client.get(f"{url}/report?format=json", headers=bearer(token)).json()
    assert summary["run"]["cached"] >= 1 and summary["run"]["analysed"] < 40


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.mark.parametrize(
    ("worker", "archive", "restarts", "expected"),
    [
        ("dead", True, 0, ("queued", None, 1)),
        ("dead", False, 0, ("interrupted", None, 0)),
        ("dead", True, 3, ("interrupted", None, 3)),
        ("alive", True, 0, ("running", "alive", 0)),
        ("elsewhere", True, 0, ("running", "elsewhere", 0)),
    ],
)
def test_audits_recovery_of_orphaned_audits(
    database_url: str,
    tmp_path: Path,
    worker: str,
    archive: bool,
    restarts: int,
    expected: tuple[str, str | None, int],
) -> None:
    from api.audit_runner import recover, worker_name
    from api.storage.audit_files import AuditFiles
    from api.storage.database import Database, migrate
    from api.storage.models import Audit, User

    names = {
        "dead": worker_name(_dead_pid()),
        "alive": worker_name(os.getppid()),
        "elsewhere": f"autre-machine-que-{socket.gethostname()}:1",
    }
    database = Database(database_url)
    migrate(database.engine)
    files = AuditFiles(tmp_path / "audits")
    with database.session() as session:
        user = User(email="a@b.fr", name="A", password_hash="x")
        session.add(user)
        session.flush()
        session.add(
            Audit(
                id="orphelin",
                owner_id=user.id,
                status="running",
                profile="clair",
                filename="m.zip",
                size=10,
                worker=names[worker],
                restarts=restarts,
            )
        )
        session.commit()
    if archive:
        files.save_archive("orphelin", io.BytesIO(make_zip(letters(1))), 1_000_000)
    recover(database, files, worker_name(), include_self=True)
    with database.session() as session:
        audit = session.get(Audit, "orphelin")
        assert audit is not None
        status, held, count = expected
        assert (audit.status, audit.worker, audit.restarts) == (
            status,
            names.get(held, held) if held else None,
            count,
        )
        if status == "interrupted":
            assert "déposez" in (audit.error or "") and audit.finished_at is not None
        if not archive:
            assert "archive" in (audit.error or "") and "de nouveau" in (audit.error or "")
    database.dispose()


def test_audits_survive_a_server_killed_mid_run(tmp_path: Path) -> None:
    """The real service in its own process: killed (SIGKILL, with its analysis processes) in
    the middle of a 40-letter audit, started again on the same data; the audit finishes with
    every template, and the new run skips what the first had finished."""
    import httpx

    from api.auth import create_user, issue_token
    from api.settings import Settings
    from api.storage.database import Database, migrate
    from api.storage.models import Audit

    data = tmp_path / "donnees"
    data.mkdir()
    database = Database(Settings(data_dir=data).resolved_database_url)
    migrate(database.engine)
    with database.session() as session:
        user = create_user(session, "agent@exemple.fr", "Agent", "mot-de-passe-long")
        token, _ = issue_token(session, user, "api", 1)
    env = {"SIMPLIFY_WARM_UP": "false", "SIMPLIFY_AUDIT_JOBS": "2"}
    process, base = start_server(data, env)
    try:
        with httpx.Client(base_url=base, headers=bearer(token), timeout=30) as client:
            sent = upload(client, token, make_zip(letters(40)))
            assert sent.status_code == 202, sent.text
            url = sent.headers["Location"]
            state = wait_for(
                client, url, token, lambda a: a["done"] >= 2 or a["status"] not in ACTIVE
            )
            assert state["status"] == "running" and state["done"] < state["total"] == 40, state
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        audit_id = url.rsplit("/", 1)[1]
        with database.session() as session:
            audit = session.get(Audit, audit_id)
            assert audit is not None and audit.status == "running"
            assert audit.worker == f"{socket.gethostname()}:{process.pid}"
        process, base = start_server(data, env)
        with httpx.Client(base_url=base, headers=bearer(token), timeout=30) as client:
            state = wait_for(client, url, token)
            assert state["status"] == "done", state
            assert state["done"] == state["total"] == 40 and state["totals"]["templates"] == 40
            summary = client.get(f"{url}/report", params={"format": "json"}).json()
    finally:
        stop_server(process)
        database.dispose()
    assert len(summary["templates"]) == 40 and summary["errors"] == []
    assert summary["run"]["cached"] >= 1 and summary["run"]["analysed"] < 40
    assert SECRET not in (data / "serveur.log").read_text(encoding="utf-8")
    stored = json.loads((data / "audits" / audit_id / "audit.json").read_text(encoding="utf-8"))
    assert stored["totals"]["templates"] == 40
