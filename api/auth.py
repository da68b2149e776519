"""Accounts: argon2 password hashes, session cookies for pages, bearer tokens for the API.

Secrets are random and shown once; the database keeps only their SHA-256.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.storage.models import Token, User

SESSION_COOKIE = "simplify_session"
_hasher = PasswordHasher()
# Verifying against this hash when the e-mail is unknown keeps both answers equally slow.
_DUMMY_HASH = _hasher.hash("mot de passe factice")
MIN_PASSWORD = 10


class AccountError(ValueError):
    """A user cannot be created as asked; the message says why, in French."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(
    session: Session, email: str, name: str, password: str, *, admin: bool = False
) -> User:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError(f"« {email} » n'est pas une adresse électronique valide")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"le mot de passe doit avoir au moins {MIN_PASSWORD} caractères")
    if session.scalar(select(User).where(User.email == email)) is not None:
        raise AccountError(f"un compte existe déjà pour {email}")
    user = User(
        email=email,
        name=name.strip() or email,
        password_hash=_hasher.hash(password),
        is_admin=admin,
    )
    session.add(user)
    session.commit()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        session.commit()
    return user


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(
    session: Session, user: User, kind: str, days: int, name: str = ""
) -> tuple[str, Token]:
    """A new secret for the user (kind "session" or "api"), and its stored record."""
    secret = secrets.token_urlsafe(32)
    token = Token(
        user_id=user.id,
        kind=kind,
        secret_hash=hash_secret(secret),
        name=name,
        csrf=secrets.token_urlsafe(24) if kind == "session" else "",
        expires_at=datetime.now(UTC) + timedelta(days=days),
    )
    session.add(token)
    session.commit()
    return secret, token


def find_token(session: Session, secret: str, kind: str) -> Token | None:
    if not secret or len(secret) > 200:
        return None
    token = session.scalar(
        select(Token).where(Token.secret_hash == hash_secret(secret), Token.kind == kind)
    )
    if token is None:
        return None
    expires = token.expires_at
    if expires.tzinfo is None:  # SQLite gives naive datetimes back
        expires = expires.replace(tzinfo=UTC)
    if expires <= datetime.now(UTC):
        session.delete(token)
        session.commit()
        return None
    return token


def revoke(session: Session, secret: str) -> None:
    session.execute(delete(Token).where(Token.secret_hash == hash_secret(secret)))
    session.commit()
