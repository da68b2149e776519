"""Letters as resources: upload, list, read, decisions, versions, export, delete; and only
their owner ever reaches them."""

from __future__ import annotations

import io
import logging
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, add_user, assert_problem, bearer, libreoffice_revisions

WORD = ROOT / "corpora" / "word" / "01-indu-rsa.docx"
SECRET_SENTENCE = "Votre dossier numéro 4471 mentionne une créance afférente au trop-perçu."


def _upload(client: Any, token: str, path: Path = WORD) -> dict[str, Any]:
    files = {"file": (path.name, path.read_bytes(), "application/octet-stream")}
    response = client.post("/api/v1/letters", files=files, headers=bearer(token))
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/api/v1/letters/{response.json()['id']}"
    return dict(response.json())


def _proposal_ids(state: dict[str, Any], count: int) -> list[str]:
    """The first applicable proposal of each of the first `count` findings that have one."""
    ids: list[str] = []
    for finding in state["report"]["findings"]:
        applicable = [s["id"] for s in finding["suggestions"] if s["edits"]]
        if applicable and applicable[0] not in ids:
            ids.append(applicable[0])
    return ids[:count]


def test_letters_upload_keeps_the_file_as_sent(client: Any, api_app: Any) -> None:
    token = add_user(api_app, "agent@exemple.fr")
    letter = _upload(client, token)
    assert letter["format"] == "docx" and letter["size"] == len(WORD.read_bytes())
    assert [v["number"] for v in letter["versions"]] == [1]
    assert api_app.state.files.read(letter["id"]) == WORD.read_bytes()
    listed = client.get("/api/v1/letters", headers=bearer(token)).json()
    assert [item["id"] for item in listed] == [letter["id"]]


def test_letters_decisions_then_export_word_that_libreoffice_reads(
    client: Any, api_app: Any, tmp_path: Path
) -> None:
    token = add_user(api_app, "agent@exemple.fr")
    letter = _upload(client, token)
    url = f"/api/v1/letters/{letter['id']}"
    state = client.get(url, headers=bearer(token)).json()
    chosen = _proposal_ids(state, 3)
    decisions = [
        {"suggestion_id": chosen[0], "accepted": True},
        {"suggestion_id": chosen[1], "accepted": True},
        {"suggestion_id": chosen[2], "accepted": False},
    ]
    after = client.post(f"{url}/decisions", json={"decisions": decisions}, headers=bearer(token))
    assert after.status_code == 200, after.text
    body = after.json()
    latest = {d["suggestion_id"]: (d["accepted"], d["by"]) for d in body["decisions"]}
    assert latest[chosen[0]] == latest[chosen[1]] == (True, "agent@exemple.fr")
    assert latest[chosen[2]] == (False, "agent@exemple.fr")
    assert all(d["at"] and d["version"] == 1 for d in body["decisions"])
    assert body["proposed_text"] != state["proposed_text"]
    exported = client.get(f"{url}/export?format=docx&mode=tracked", headers=bearer(token))
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "attachment" in exported.headers["content-disposition"]
    changes, comments = libreoffice_revisions(exported.content, tmp_path)
    assert changes >= 2 and comments >= 2
    clean = client.get(f"{url}/export?format=docx&mode=clean", headers=bearer(token))
    assert b"w:ins " not in zipfile.ZipFile(io.BytesIO(clean.content)).read("word/document.xml")
    text = client.get(f"{url}/export?format=txt", headers=bearer(token))
    assert text.headers["content-type"].startswith("text/plain")
    odt = client.get(f"{url}/export?format=odt", headers=bearer(token))
    assert (
        zipfile.ZipFile(io.BytesIO(odt.content))
        .read("mimetype")
        .startswith(b"application/vnd.oasis.opendocument.text")
    )


def test_letters_unknown_proposal_is_refused(client: Any, api_app: Any) -> None:
    token = add_user(api_app, "agent@exemple.fr")
    letter = _upload(client, token)
    response = client.post(
        f"/api/v1/letters/{letter['id']}/decisions",
        json={"decisions": [{"suggestion_id": "JAR-001:0-1", "accepted": True}]},
        headers=bearer(token),
    )
    assert_problem(response, 422, "JAR-001:0-1")


def test_letters_versions_from_decisions_and_from_text(client: Any, api_app: Any) -> None:
    token = add_user(api_app, "agent@exemple.fr")
    letter = client.post(
        "/api/v1/letters",
        json={"title": "Relance", "text": "Je vous saurais gré de répondre avant le 15/07/2025."},
        headers=bearer(token),
    ).json()
    url = f"/api/v1/letters/{letter['id']}"
    assert_problem(client.post(f"{url}/versions", json={}, headers=bearer(token)), 409, "acceptez")
    state = client.get(url, headers=bearer(token)).json()
    date = next(f for f in state["report"]["findings"] if f["rule"] == "DAT-001")
    client.post(
        f"{url}/decisions",
        json={"decisions": [{"suggestion_id": date["suggestions"][0]["id"], "accepted": True}]},
        headers=bearer(token),
    )
    second = client.post(f"{url}/versions", json={"label": "Relue"}, headers=bearer(token))
    assert second.status_code == 201
    assert second.json()["number"] == 2 and "15 juillet 2025" in second.json()["text"]
    edited = "Merci de répondre avant le 15 juillet 2025."
    third = client.post(f"{url}/versions", json={"text": edited}, headers=bearer(token)).json()
    assert third["number"] == 3 and third["source"] == "edit"
    assert client.get(f"{url}/versions/3", headers=bearer(token)).json()["text"] == edited
    assert [v["number"] for v in client.get(f"{url}/versions", headers=bearer(token)).json()] == [
        1,
        2,
        3,
    ]
    assert_problem(client.get(f"{url}/versions/9", headers=bearer(token)), 404, "version 9")
    # The export of a hand-edited version carries the word changes against the original.
    txt = client.get(f"{url}/export?format=txt", headers=bearer(token)).text
    assert txt.strip() == edited


def test_letters_delete_removes_file_and_rows(client: Any, api_app: Any) -> None:
    from sqlalchemy import func, select

    from api.storage.models import Decision, Letter, Version

    token = add_user(api_app, "agent@exemple.fr")
    letter = _upload(client, token)
    state = client.get(f"/api/v1/letters/{letter['id']}", headers=bearer(token)).json()
    client.post(
        f"/api/v1/letters/{letter['id']}/decisions",
        json={"decisions": [{"suggestion_id": _proposal_ids(state, 1)[0], "accepted": True}]},
        headers=bearer(token),
    )
    path = api_app.state.files.path(letter["id"])
    assert path.exists()
    assert (
        client.delete(f"/api/v1/letters/{letter['id']}", headers=bearer(token)).status_code == 204
    )
    assert not path.exists()
    with api_app.state.database.session() as session:
        for model in (Letter, Version, Decision):
            assert session.scalar(select(func.count()).select_from(model)) == 0
    response = client.get(f"/api/v1/letters/{letter['id']}", headers=bearer(token))
    assert_problem(response, 404, "lettres")


def test_letters_belong_to_their_owner(client: Any, api_app: Any) -> None:
    owner = add_user(api_app, "proprietaire@exemple.fr")
    other = add_user(api_app, "autre@exemple.fr")
    letter = _upload(client, owner)
    url = f"/api/v1/letters/{letter['id']}"
    attempts = [
        client.get(url, headers=bearer(other)),
        client.get(f"{url}/versions", headers=bearer(other)),
        client.get(f"{url}/versions/1", headers=bearer(other)),
        client.post(f"{url}/versions", json={"text": "Pris !"}, headers=bearer(other)),
        client.post(
            f"{url}/decisions",
            json={"decisions": [{"suggestion_id": "x", "accepted": True}]},
            headers=bearer(other),
        ),
        client.get(f"{url}/export?format=docx", headers=bearer(other)),
        client.delete(url, headers=bearer(other)),
    ]
    for response in attempts:
        assert_problem(response, 404, "Aucune de vos lettres")
    assert client.get("/api/v1/letters", headers=bearer(other)).json() == []
    # Untouched for its owner.
    state = client.get(url, headers=bearer(owner)).json()
    assert [v["number"] for v in state["versions"]] == [1] and state["decisions"] == []
    for response in (client.get(url), client.get(url, headers=bearer("faux-jeton"))):
        assert_problem(response, 401, "eton")


def test_letters_retention_purges_old_letters(client: Any, api_app: Any) -> None:
    from api.letters import purge_expired
    from api.services import Services
    from api.storage.models import Letter

    token = add_user(api_app, "agent@exemple.fr")
    old = _upload(client, token)
    recent = _upload(client, token)
    with api_app.state.database.session() as session:
        row = session.get(Letter, old["id"])
        row.created_at = datetime.now(UTC) - timedelta(days=91)
        session.commit()
        services = Services(
            session, api_app.state.files, api_app.state.engine, api_app.state.settings
        )
        assert services.settings.retention_days == 90
        assert purge_expired(services) == 1
    assert not api_app.state.files.path(old["id"]).exists()
    assert api_app.state.files.path(recent["id"]).exists()
    listed = [item["id"] for item in client.get("/api/v1/letters", headers=bearer(token)).json()]
    assert listed == [recent["id"]]


def test_letters_text_never_reaches_the_logs(
    client: Any, api_app: Any, caplog: pytest.LogCaptureFixture
) -> None:
    token = add_user(api_app, "agent@exemple.fr")
    caplog.set_level(logging.DEBUG)
    client.post("/api/v1/analyse", json={"text": SECRET_SENTENCE})
    letter = client.post(
        "/api/v1/letters", json={"text": SECRET_SENTENCE}, headers=bearer(token)
    ).json()
    client.get(f"/api/v1/letters/{letter['id']}", headers=bearer(token))
    client.post("/api/v1/v2/check", data={"text": SECRET_SENTENCE, "language": "fr"})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "déposée" in logged  # the upload was logged, without its text
    for piece in ("4471", "créance", "trop-perçu"):
        assert piece not in logged


def test_letters_accepting_an_alternative_rejects_the_others(client: Any, api_app: Any) -> None:
    token = add_user(api_app, "agent@exemple.fr")
    letter = _upload(client, token, ROOT / "corpora" / "word" / "05-renouvellement-aah.docx")
    url = f"/api/v1/letters/{letter['id']}"
    state = client.get(url, headers=bearer(token)).json()
    finding = next(
        f
        for f in state["report"]["findings"]
        if len([s for s in f["suggestions"] if s["edits"]]) >= 2
    )
    first, second = [s["id"] for s in finding["suggestions"] if s["edits"]][:2]
    for chosen in (first, second):
        state = client.post(
            f"{url}/decisions",
            json={"decisions": [{"suggestion_id": chosen, "accepted": True}]},
            headers=bearer(token),
        ).json()
    latest = {d["suggestion_id"]: d["accepted"] for d in state["decisions"]}
    assert latest[first] is False and latest[second] is True


def test_letters_say_which_accepted_proposals_could_not_be_applied(
    client: Any, api_app: Any
) -> None:
    # In this letter, the second alternative for "d'ores et déjà" (at 1196-1210) would leave
    # a new passive to flag ("étant déjà pris"): the rewrite refuses it.
    token = add_user(api_app, "agent@exemple.fr")
    letter = _upload(client, token, ROOT / "corpora" / "word" / "04-decision-pch.docx")
    url = f"/api/v1/letters/{letter['id']}"
    before = client.get(url, headers=bearer(token)).json()
    state = client.post(
        f"{url}/decisions",
        json={"decisions": [{"suggestion_id": "JAR-001:1196-1210/2", "accepted": True}]},
        headers=bearer(token),
    ).json()
    assert state["proposed_text"] == before["proposed_text"]
    assert [n["suggestion_id"] for n in state["not_applied"]] == ["JAR-001:1196-1210/2"]
    assert "autre problème" in state["not_applied"][0]["reason"]


def test_letters_export_names_the_file_after_any_title(client: Any, api_app: Any) -> None:
    token = add_user(api_app, "agent@exemple.fr")
    letter = client.post(
        "/api/v1/letters",
        json={"title": "Œuvre sociale ’25 — relance", "text": "Bonjour Madame."},
        headers=bearer(token),
    ).json()
    exported = client.get(
        f"/api/v1/letters/{letter['id']}/export?format=txt", headers=bearer(token)
    )
    assert exported.status_code == 200
    disposition = exported.headers["content-disposition"]
    assert 'filename="uvre-sociale--25---relance-simplifie.txt"' in disposition
    assert "filename*=UTF-8''%C5%92uvre-sociale--25---relance-simplifie.txt" in disposition
