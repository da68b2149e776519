"""Accounts: argon2 hashes, API tokens, expiry; `simplify user add` from the command line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import add_user, assert_problem, bearer


def test_auth_passwords_are_stored_as_argon2_hashes(api_app: Any) -> None:
    from sqlalchemy import select

    from api.storage.models import User

    add_user(api_app, "agent@exemple.fr", "un-mot-de-passe-long")
    with api_app.state.database.session() as session:
        user = session.scalar(select(User))
        assert user.password_hash.startswith("$argon2id$")
        assert "un-mot-de-passe-long" not in user.password_hash


def test_auth_token_from_password_then_revoked(client: Any, api_app: Any) -> None:
    add_user(api_app, "agent@exemple.fr", "un-mot-de-passe-long")
    wrong = client.post(
        "/api/v1/tokens", json={"email": "agent@exemple.fr", "password": "mauvais-mot-de-passe"}
    )
    assert_problem(wrong, 401, "incorrect")
    created = client.post(
        "/api/v1/tokens",
        json={"email": " Agent@Exemple.fr ", "password": "un-mot-de-passe-long", "name": "GED"},
    )
    assert created.status_code == 201
    token = created.json()["token"]
    assert client.get("/api/v1/letters", headers=bearer(token)).status_code == 200
    assert client.delete("/api/v1/tokens/current", headers=bearer(token)).status_code == 204
    assert_problem(client.get("/api/v1/letters", headers=bearer(token)), 401, "expiré")


def test_auth_expired_tokens_are_refused(client: Any, api_app: Any) -> None:
    from sqlalchemy import select

    from api.storage.models import Token

    token = add_user(api_app, "agent@exemple.fr")
    with api_app.state.database.session() as session:
        stored = session.scalar(select(Token))
        stored.expires_at = datetime.now(UTC) - timedelta(seconds=1)
        session.commit()
    assert_problem(client.get("/api/v1/letters", headers=bearer(token)), 401, "expiré")


def test_auth_accounts_need_a_valid_address_and_a_long_password(api_app: Any) -> None:
    from api.auth import AccountError, create_user

    with api_app.state.database.session() as session:
        with pytest.raises(AccountError, match="10 caractères"):
            create_user(session, "agent@exemple.fr", "", "court")
        with pytest.raises(AccountError, match="adresse"):
            create_user(session, "pas-une-adresse", "", "mot-de-passe-long")
        create_user(session, "agent@exemple.fr", "", "mot-de-passe-long")
        with pytest.raises(AccountError, match="existe déjà"):
            create_user(session, "AGENT@exemple.fr", "", "mot-de-passe-long")


def test_auth_user_add_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from simplify.cli import cli

    monkeypatch.setenv("SIMPLIFY_DATA_DIR", str(tmp_path / "donnees"))
    runner = CliRunner()
    added = runner.invoke(
        cli,
        ["user", "add", "agent@exemple.fr", "--name", "Agent", "--password-stdin"],
        input="mot-de-passe-long\n",
    )
    assert added.exit_code == 0, added.output
    assert "Compte créé : agent@exemple.fr" in added.output
    again = runner.invoke(
        cli, ["user", "add", "agent@exemple.fr", "--password-stdin"], input="mot-de-passe-long\n"
    )
    assert again.exit_code != 0 and "existe déjà" in again.output
    listed = runner.invoke(cli, ["user", "list"])
    assert "agent@exemple.fr\tAgent" in listed.output
    token = runner.invoke(cli, ["user", "token", "agent@exemple.fr"]).output.strip()

    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    with TestClient(create_app(Settings(data_dir=tmp_path / "donnees"))) as client:
        assert client.get("/api/v1/letters", headers=bearer(token)).status_code == 200
        signed_in = client.post(
            "/connexion",
            data={"email": "agent@exemple.fr", "password": "mot-de-passe-long"},
            follow_redirects=False,
        )
        assert signed_in.status_code == 303 and signed_in.headers["location"] == "/lettres"
