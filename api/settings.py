"""Typed settings of the service, read from SIMPLIFY_* environment variables.

Built once in the app factory (`api.app.create_app`) and passed down; nothing reads the
environment at import time. Every field is documented in docs/api.md (a test checks it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SIMPLIFY_", extra="ignore")

    data_dir: Path = Field(
        default=Path("data"),
        description="Dossier des données locales : base SQLite et fichiers déposés.",
    )
    database_url: str | None = Field(
        default=None,
        description="URL SQLAlchemy de la base ; par défaut SQLite dans data_dir. "
        "Exemple PostgreSQL : postgresql+psycopg://simplify:secret@localhost/simplify",
    )
    max_upload_bytes: int = Field(
        default=10_000_000, ge=1_000, description="Taille maximale d'un fichier déposé."
    )
    max_text_chars: int = Field(
        default=100_000, ge=100, description="Longueur maximale d'un texte à analyser."
    )
    request_timeout_seconds: float = Field(
        default=60.0, gt=0, description="Délai au-delà duquel une requête est abandonnée (503)."
    )
    retention_days: int = Field(
        default=90,
        ge=0,
        description="Les lettres plus anciennes sont supprimées (fichier et lignes) ; 0 : jamais.",
    )
    public_analysis: bool = Field(
        default=True,
        description="Analyse, réécriture, règles et /v2/check sans compte ; rien n'est "
        "enregistré. Mettre false pour exiger un jeton.",
    )
    session_days: int = Field(default=7, ge=1, description="Durée d'une session de pages.")
    token_days: int = Field(default=365, ge=1, description="Durée d'un jeton d'API.")
    cookie_secure: bool = Field(
        default=False,
        description="Cookie de session réservé à HTTPS ; à mettre à true derrière HTTPS.",
    )
    parse_cache_sentences: int = Field(
        default=2048,
        ge=0,
        description="Phrases analysées gardées en mémoire par processus (environ 20 ko chacune).",
    )
    warm_up: bool = Field(
        default=True,
        description="Charger le modèle de langue au démarrage plutôt qu'à la première requête.",
    )
    default_profile: Literal["clair", "falc"] = Field(
        default="clair", description="Profil utilisé quand la requête n'en donne pas."
    )
    audit_max_upload_bytes: int = Field(
        default=200_000_000,
        ge=1_000,
        description="Taille maximale d'une archive zip déposée pour un audit.",
    )
    audit_jobs: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        le=256,
        description="Processus d'analyse d'un audit (par défaut : un par cœur).",
    )

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'simplify.sqlite3').resolve()}"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def workshop_texts(self) -> Path:
        """The co-editing store of workshops (their live texts)."""
        return self.data_dir / "ateliers" / "textes.sqlite"

    @property
    def audits_dir(self) -> Path:
        return self.data_dir / "audits"
