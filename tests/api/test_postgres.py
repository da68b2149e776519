"""The service on PostgreSQL, the store of a service with several processes: two app
instances share one real server (the schema itself is tested on both databases in
test_storage.py). CI starts one (.ci/postgres); elsewhere these tests skip and say so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, add_user, assert_problem, bearer

WORD = ROOT / "corpora" / "word" / "02-aide-urgence-ccas.docx"


@pytest.fixture
def two_processes(postgres_url: str, tmp_path: Path) -> Iterator[tuple[Any, Any, Any, Any]]:
    """Two app instances sharing one PostgreSQL database and one data folder, as two server
    processes would."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    settings = Settings(data_dir=tmp_path / "partage", database_url=postgres_url, warm_up=False)
    first, second = create_app(settings), create_app(settings)
    with TestClient(first) as one, TestClient(second) as two:
        yield first, one, second, two


def test_postgres_letters_across_two_processes(
    two_processes: tuple[Any, Any, Any, Any],
) -> None:
    first_app, first, _, second = two_processes
    token = add_user(first_app, "agent@exemple.fr")
    files = {"file": (WORD.name, WORD.read_bytes(), "application/octet-stream")}
    letter = first.post("/api/v1/letters", files=files, headers=bearer(token)).json()
    url = f"/api/v1/letters/{letter['id']}"
    # The other process reads it, records decisions, exports it.
    state = second.get(url, headers=bearer(token)).json()
    chosen = [
        next(s["id"] for s in f["suggestions"] if s["edits"])
        for f in state["report"]["findings"]
        if any(s["edits"] for s in f["suggestions"])
    ][:2]
    decided = second.post(
        f"{url}/decisions",
        json={"decisions": [{"suggestion_id": key, "accepted": True} for key in chosen]},
        headers=bearer(token),
    ).json()
    assert {d["suggestion_id"] for d in decided["decisions"] if d["accepted"]} == set(chosen)
    exported = first.get(f"{url}/export?format=docx", headers=bearer(token))
    assert exported.status_code == 200 and exported.content[:2] == b"PK"
    other = add_user(first_app, "autre@exemple.fr")
    assert_problem(second.get(url, headers=bearer(other)), 404, "Aucune de vos lettres")
    assert second.delete(url, headers=bearer(token)).status_code == 204
    assert_problem(first.get(url, headers=bearer(token)), 404, "Aucune de vos lettres")
    assert not first_app.state.files.path(letter["id"]).exists()
