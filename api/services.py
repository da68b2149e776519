"""What a request works with: its database session, the stored files, the engine and the
settings, handed to the letter operations as one object."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.engine import Engine
from api.settings import Settings
from api.storage.files import FileStore


@dataclass(frozen=True)
class Services:
    session: Session
    files: FileStore
    engine: Engine
    settings: Settings
