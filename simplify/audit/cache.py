"""The audit cache: a document's result, kept under its content and the engine that made it.

The key is the SHA-256 of the file's bytes, the profile, and a fingerprint of the engine (its
version, its code, the language model's version and every rule-pack file): change any of them
and the old results are simply not found. Results live in one SQLite file, written in one
transaction per batch, so an interrupted run keeps what it finished.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from simplify.nlp import MODEL_NAME
from simplify.rules.registry import builtin_dir
from simplify.version import __version__

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    sha256 TEXT NOT NULL,
    profile TEXT NOT NULL,
    engine TEXT NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (sha256, profile, engine)
)
"""


@cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _folder_digest(folder: Path, digest: Any) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def engine_fingerprint(rule_dirs: Sequence[str] = ()) -> str:
    """What, besides the document, decides a result: engine, model and rules."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}|{_code_digest()}|{_version('spacy')}".encode())
    digest.update(f"|{MODEL_NAME}={_version(MODEL_NAME)}".encode())
    for folder in (builtin_dir(), *(Path(d) for d in rule_dirs)):
        _folder_digest(folder, digest)
    return digest.hexdigest()[:32]


class ResultCache:
    """Results by (content, profile, engine fingerprint), in an SQLite file."""

    def __init__(self, path: Path, engine: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = engine
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)

    def get_many(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        """The cached results among the (sha256, profile) keys."""
        found: dict[tuple[str, str], dict[str, Any]] = {}
        by_profile: dict[str, list[str]] = {}
        for sha256, profile in set(keys):
            by_profile.setdefault(profile, []).append(sha256)
        for profile, hashes in by_profile.items():
            for begin in range(0, len(hashes), 500):
                chunk = hashes[begin : begin + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT sha256, result FROM results WHERE engine = ? AND profile = ? "
                    f"AND sha256 IN ({marks})",
                    (self.engine, profile, *chunk),
                )
                for sha256, result in rows:
                    found[(sha256, profile)] = json.loads(result)
        return found

    def put_many(self, items: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        """Store (sha256, profile, result) triples; results with an error are not kept, so
        a file refused for a passing reason (a timeout on a busy machine) is tried again."""
        rows = [
            (sha256, profile, self.engine, json.dumps(result, ensure_ascii=False))
            for sha256, profile, result in items
            if "error" not in result
        ]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", rows)

    def forget(self, hashes: Iterable[str]) -> int:
        """Delete the results of these documents (any profile, any engine): a result holds
        the letter's text, which must not outlive what it was kept for. Returns rows deleted."""
        rows = [(sha256,) for sha256 in set(hashes)]
        with self._db:
            before = self._db.total_changes
            self._db.executemany("DELETE FROM results WHERE sha256 = ?", rows)
            return self._db.total_changes - before

    def close(self) -> None:
        self._db.close()
