"""Uploaded files, kept as they came, one file per letter under the data directory."""

from __future__ import annotations

import os
from pathlib import Path


class FileStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def path(self, letter_id: str) -> Path:
        if not letter_id.isalnum():
            raise ValueError("identifiant de lettre invalide")
        return self.folder / letter_id

    def save(self, letter_id: str, data: bytes) -> None:
        target = self.path(letter_id)
        partial = target.with_name(f".{letter_id}.partiel")
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)

    def read(self, letter_id: str) -> bytes:
        return self.path(letter_id).read_bytes()

    def delete(self, letter_id: str) -> None:
        self.path(letter_id).unlink(missing_ok=True)

    def names(self) -> set[str]:
        return {p.name for p in self.folder.iterdir() if p.is_file() and p.name.isalnum()}
