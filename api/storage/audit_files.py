"""Audit folders under the data directory: one per audit with the archive as uploaded and the
reports, and the result cache all audits share (re-running a template analyses it once)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import BinaryIO

from simplify.audit.render import SUFFIXES

ARCHIVE = "archive.zip"
CACHE = "cache.sqlite"
_CHUNK = 1 << 20


class AuditFiles:
    def __init__(self, folder: Path) -> None:
        self.root = folder
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def cache_path(self) -> Path:
        return self.root / CACHE

    def folder(self, audit_id: str) -> Path:
        if not audit_id.isalnum():
            raise ValueError("identifiant d'audit invalide")
        return self.root / audit_id

    def archive(self, audit_id: str) -> Path:
        return self.folder(audit_id) / ARCHIVE

    def report(self, audit_id: str, fmt: str) -> Path:
        return self.folder(audit_id) / f"audit{SUFFIXES[fmt]}"

    def save_archive(self, audit_id: str, source: BinaryIO, limit: int) -> int:
        """Copy the upload as it came, written whole under a temporary name then renamed. Stops
        one byte past `limit` and returns the bytes read: above `limit`, nothing is kept."""
        folder = self.folder(audit_id)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / ARCHIVE
        partial = folder / f".{ARCHIVE}.partiel"
        size = 0
        with partial.open("wb") as handle:
            while size <= limit and (chunk := source.read(min(_CHUNK, limit + 1 - size))):
                handle.write(chunk)
                size += len(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if size > limit:
            self.delete(audit_id)
        else:
            partial.replace(target)
        return size

    def save_report(self, audit_id: str, fmt: str, text: str) -> None:
        target = self.report(audit_id, fmt)
        partial = target.with_name(f".{target.name}.partiel")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)

    def delete(self, audit_id: str) -> None:
        shutil.rmtree(self.folder(audit_id), ignore_errors=True)

    def names(self) -> set[str]:
        return {p.name for p in self.root.iterdir() if p.is_dir() and p.name.isalnum()}
