"""Bad input: too large (413), unsupported type (415), empty or unreadable (422), too slow
(503); every answer in the one problem-details shape."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_problem


@pytest.fixture
def small_client(tmp_path: Path) -> Any:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(data_dir=tmp_path / "d", max_upload_bytes=5_000, max_text_chars=500))
    with TestClient(app) as test_client:
        yield test_client


def test_limits_file_too_large_names_the_limit(small_client: Any) -> None:
    files = {"file": ("lettre.txt", b"Madame, " * 2_000, "text/plain")}
    body = assert_problem(small_client.post("/api/v1/analyse", files=files), 413, "5000 octets")
    assert body["limit"] == 5_000


def test_limits_request_too_large_is_refused_before_reading(small_client: Any) -> None:
    response = small_client.post(
        "/api/v1/analyse",
        content=b"x" * 300_000,
        headers={"content-type": "application/json"},
    )
    assert_problem(response, 413, "limite")


def test_limits_text_too_long(small_client: Any) -> None:
    assert_problem(small_client.post("/api/v1/analyse", json={"text": "mot " * 200}), 413, "500")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("tableau.xlsx", ["tableur", ".docx"]),
        ("photo.png", [".png", ".docx, .odt"]),
        ("ancien.doc", [".doc", "enregistrez"]),
    ],
)
def test_limits_unsupported_types_name_the_supported_ones(
    client: Any, name: str, words: list[str]
) -> None:
    files = {"file": (name, b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "application/octet-stream")}
    body = assert_problem(client.post("/api/v1/analyse", files=files), 415, *words)
    assert ".docx" in body["supported"] and ".pdf" in body["supported"]


def test_limits_unsupported_request_body(client: Any) -> None:
    response = client.post("/api/v1/analyse", content=b"<x/>", headers={"content-type": "text/xml"})
    assert_problem(response, 415, "multipart/form-data")


@pytest.mark.parametrize(
    ("name", "data", "word"),
    [
        ("vide.txt", b"", "vide"),
        ("vide.docx", b"  ", "vide"),
        ("abime.docx", b"PK\x03\x04 pas vraiment une archive", "abîmé"),
        ("image.pdf", b"%PDF-1.4\n%%EOF", "pdf"),
    ],
)
def test_limits_empty_or_unreadable_files(client: Any, name: str, data: bytes, word: str) -> None:
    response = client.post(
        "/api/v1/analyse", files={"file": (name, data, "application/octet-stream")}
    )
    assert_problem(response, 422, name)
    assert word.lower() in response.json()["detail"].lower()


def test_limits_zip_that_is_not_a_letter(client: Any) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.jpg", b"x")
    files = {"file": ("lettre.docx", buffer.getvalue(), "application/octet-stream")}
    assert_problem(client.post("/api/v1/analyse", files=files), 422, "Word")


def test_limits_invalid_json_and_fields(client: Any) -> None:
    response = client.post(
        "/api/v1/analyse", content=b"{pas du json", headers={"content-type": "application/json"}
    )
    assert_problem(response, 422, "JSON")
    body = assert_problem(
        client.post("/api/v1/analyse", json={"text": "Bonjour.", "profile": "expert"}),
        422,
        "profile",
    )
    assert "clair" in body["detail"]
    assert_problem(client.post("/api/v1/analyse", json={"text": "   "}), 422, "vide")


def test_limits_slow_requests_are_abandoned(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(data_dir=tmp_path / "d", request_timeout_seconds=0.001))
    text = "Nous avons bien reçu votre demande et nous vous en remercions. " * 200
    with TestClient(app) as slow:
        assert_problem(slow.post("/api/v1/analyse", json={"text": text}), 503, "secondes")


def test_limits_unknown_route_and_method(client: Any) -> None:
    assert_problem(client.get("/api/v1/nulle-part"), 404, "adresse")
    assert_problem(client.get("/api/v1/analyse"), 405, "méthode")
