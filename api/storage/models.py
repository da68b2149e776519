"""The database schema (SQLAlchemy 2 typed mapping); Alembic migrations follow it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    letters: Mapped[list[Letter]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", passive_deletes=True
    )
    audits: Mapped[list[Audit]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", passive_deletes=True
    )


class Token(Base):
    """A session cookie (kind "session") or an API bearer token (kind "api"); only the
    SHA-256 of the secret is stored."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    csrf: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()


class Letter(Base):
    __tablename__ = "letters"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    filename: Mapped[str] = mapped_column(String(300))
    format: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    profile: Mapped[str] = mapped_column(String(16))
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)

    owner: Mapped[User] = relationship(back_populates="letters")
    versions: Mapped[list[Version]] = relationship(
        back_populates="letter",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Version.number",
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="letter",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Decision.id",
    )


class Version(Base):
    """A text of the letter: number 1 is the text read from the uploaded file."""

    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("letter_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[str] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))  # "original", "decisions", "edit"
    label: Mapped[str] = mapped_column(String(200), default="")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    letter: Mapped[Letter] = relationship(back_populates="versions")


class Decision(Base):
    """An agent accepted or rejected one suggestion on one version; the latest decision on
    a suggestion counts, earlier ones stay as history."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_version_suggestion", "version_id", "suggestion_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[str] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    suggestion_id: Mapped[str] = mapped_column(String(120))
    rule: Mapped[str] = mapped_column(String(60))
    accepted: Mapped[bool] = mapped_column()
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    letter: Mapped[Letter] = relationship(back_populates="decisions")


class Audit(Base):
    """An audit of a zip of letter templates, run in the background. The table is the queue:
    a process claims a queued audit by switching its status to running and writing its own
    name in `worker` ("hostname:pid")."""

    __tablename__ = "audits"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # queued, running, done, interrupted (lost by the server; upload again) or failed.
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    profile: Mapped[str] = mapped_column(String(16))
    filename: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    # How many times the audit was taken back from a process that died: an archive that keeps
    # killing its server is given up after a few.
    restarts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(300), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The report's "totals" once done, so that reading the state needs no file.
    totals: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    owner: Mapped[User] = relationship(back_populates="audits")


class Workshop(Base):
    """A workshop: a letter reworded live by its agent (the facilitator) with participants
    who join with a short code. Its text lives in the co-editing store while it is open;
    saved versions go to the letter's versions."""

    __tablename__ = "workshops"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    letter_id: Mapped[str] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    facilitator_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(12), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, closed
    participants_write: Mapped[bool] = mapped_column(default=False)
    # The letter's version the workshop started from (the "before" of its record).
    first_version: Mapped[int] = mapped_column(Integer, default=1)
    # How many versions were saved during the workshop: votes are cast on the wording of
    # the current round (0 before the first save).
    round: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    letter: Mapped[Letter] = relationship()
    participants: Mapped[list[Participant]] = relationship(
        back_populates="workshop",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Participant.id",
    )


class Participant(Base):
    """Someone who joined with the code and a first name, without an account. The token
    (only its SHA-256 is stored) opens this workshop only, and only while it is open."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[str] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    first_name: Mapped[str] = mapped_column(String(60))
    # Whether the record may show the first name, or count the person anonymously.
    named_in_record: Mapped[bool] = mapped_column(default=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    workshop: Mapped[Workshop] = relationship(back_populates="participants")


class Vote(Base):
    """ "Je comprends" or "Je ne comprends pas" on one sentence, as worded in one round;
    the latest vote of a person on a sentence and round counts."""

    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("workshop_id", "participant_id", "sentence_key", "round"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[str] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    sentence_key: Mapped[str] = mapped_column(String(40))
    sentence: Mapped[str] = mapped_column(Text)
    round: Mapped[int] = mapped_column(Integer)
    understood: Mapped[bool] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Remark(Base):
    """A participant's comment on a sentence, or a proposed new wording of it (kind
    "proposal", decided by the facilitator: status open, accepted or rejected)."""

    __tablename__ = "remarks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[str] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # comment, proposal
    sentence_key: Mapped[str] = mapped_column(String(40))
    sentence: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    round: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
