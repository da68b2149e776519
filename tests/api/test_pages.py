"""The agents' pages without a browser: sign in, CSRF, upload, decisions, downloads, errors.
(The same journey in a real browser, with accessibility checks: test_browser.py.)"""

from __future__ import annotations

import re
from typing import Any

from conftest import ROOT, add_user

WORD = ROOT / "corpora" / "word" / "01-indu-rsa.docx"


def _sign_in(client: Any, api_app: Any) -> str:
    add_user(api_app, "agent@exemple.fr", "mot-de-passe-long")
    response = client.post(
        "/connexion",
        data={"email": "agent@exemple.fr", "password": "mot-de-passe-long", "suite": "/lettres"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    page = client.get("/lettres")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]


def test_pages_ask_to_sign_in(client: Any) -> None:
    response = client.get("/lettres", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/connexion?suite=/lettres"
    page = client.get("/connexion")
    assert '<html lang="fr">' in page.text and 'for="email"' in page.text


def test_pages_wrong_password_says_so(client: Any, api_app: Any) -> None:
    add_user(api_app, "agent@exemple.fr", "mot-de-passe-long")
    page = client.post("/connexion", data={"email": "agent@exemple.fr", "password": "non"})
    assert page.status_code == 401
    assert 'role="alert"' in page.text and "incorrect" in page.text


def test_pages_sign_in_never_redirects_elsewhere(client: Any, api_app: Any) -> None:
    add_user(api_app, "agent@exemple.fr", "mot-de-passe-long")
    response = client.post(
        "/connexion",
        data={
            "email": "agent@exemple.fr",
            "password": "mot-de-passe-long",
            "suite": "//pirate.example",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/lettres"


def test_pages_upload_decide_download(client: Any, api_app: Any) -> None:
    csrf = _sign_in(client, api_app)
    uploaded = client.post(
        "/lettres",
        data={"csrf": csrf, "profile": "clair", "title": ""},
        files={"file": (WORD.name, WORD.read_bytes(), "application/octet-stream")},
        follow_redirects=False,
    )
    assert uploaded.status_code == 303
    letter_url = uploaded.headers["location"]
    page = client.get(letter_url)
    assert page.status_code == 200
    assert "Score de clarté" in page.text and "<mark" in page.text
    suggestions = re.findall(r'name="suggestion" value="([^"]+)"', page.text)
    numbers = re.findall(r'name="number" value="(\d+)"', page.text)
    assert len(suggestions) >= 2
    first_of_each = dict(reversed(list(zip(numbers, suggestions, strict=True))))
    for number, suggestion in list(first_of_each.items())[:2]:
        decided = client.post(
            f"{letter_url}/decisions",
            data={"csrf": csrf, "suggestion": suggestion, "decision": "accepter", "number": number},
            follow_redirects=False,
        )
        assert decided.status_code == 303
        assert decided.headers["location"].endswith(f"#remarque-{number}")
    page = client.get(letter_url)
    assert (
        len(
            re.findall(
                r'value="accepter" class="accept"\s+aria-describedby="[^"]+" aria-pressed="true"',
                page.text,
            )
        )
        == 2
    )
    assert "<ins>" in page.text or "<del>" in page.text
    download = client.get(f"{letter_url}/telecharger?format=docx&mode=tracked")
    assert download.status_code == 200 and download.content[:2] == b"PK"


def test_pages_refuse_forms_without_the_csrf_token(client: Any, api_app: Any) -> None:
    _sign_in(client, api_app)
    response = client.post(
        "/lettres",
        data={"csrf": "faux", "text": "Bonjour Madame."},
        headers={"accept": "text/html"},
    )
    assert response.status_code == 403
    assert "expiré" in response.text and '<html lang="fr">' in response.text


def test_pages_upload_errors_are_shown_in_the_form(client: Any, api_app: Any) -> None:
    csrf = _sign_in(client, api_app)
    response = client.post(
        "/lettres",
        data={"csrf": csrf, "title": "Mon tableau"},
        files={"file": ("budget.xlsx", b"PK\x03\x04", "application/octet-stream")},
    )
    assert response.status_code == 415
    assert 'role="alert"' in response.text and "tableur" in response.text
    assert 'value="Mon tableau"' in response.text  # what the agent typed is kept


def test_pages_escape_what_agents_type(client: Any, api_app: Any) -> None:
    csrf = _sign_in(client, api_app)
    uploaded = client.post(
        "/lettres",
        data={"csrf": csrf, "title": "<script>alert(1)</script>", "text": "Bonjour <b>Madame</b>."},
        follow_redirects=False,
    )
    page = client.get(uploaded.headers["location"])
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_pages_other_agents_letters_are_not_found(client: Any, api_app: Any) -> None:
    csrf = _sign_in(client, api_app)
    uploaded = client.post(
        "/lettres", data={"csrf": csrf, "text": "Bonjour Madame."}, follow_redirects=False
    )
    url = uploaded.headers["location"]
    add_user(api_app, "autre@exemple.fr", "mot-de-passe-long")
    client.post("/connexion", data={"email": "autre@exemple.fr", "password": "mot-de-passe-long"})
    assert client.get(url, headers={"accept": "text/html"}).status_code == 404
    assert client.get(f"{url}/telecharger").status_code == 404


def test_pages_sign_out_ends_the_session(client: Any, api_app: Any) -> None:
    csrf = _sign_in(client, api_app)
    client.post("/deconnexion", data={"csrf": csrf})
    assert client.get("/lettres", follow_redirects=False).status_code == 303
