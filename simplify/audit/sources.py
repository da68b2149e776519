"""What an audit reads: the templates found under the paths given, each with its bytes.

Folders are walked recursively and zip archives are read in memory: nothing is ever extracted
to disk, so a hostile archive cannot write anywhere. Every file that cannot be taken (a symbolic
link, a name that climbs out of its archive, a file too large, a decompression bomb, a corrupt
archive) becomes a `Skipped` entry with its reason, and the run goes on.
"""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from simplify.formats.files import FILE_FORMATS, MAX_FILE_BYTES, TEXT_FORMATS, UNREAD_FORMATS

# The suffixes an audit reads in a folder or an archive (other files, such as images or
# spreadsheets next to the templates, are ignored, not reported).
AUDITED_SUFFIXES = frozenset(
    {*(s for s in TEXT_FORMATS if s), *FILE_FORMATS, *(s for s in UNREAD_FORMATS if s != ".xlsx")}
)
MAX_ARCHIVE_MEMBERS = 20_000
MAX_ARCHIVE_BYTES = 2_000_000_000  # all members of one archive, once decompressed
MAX_RATIO = 100  # uncompressed / compressed size of one member above 1 MB
# Reading a member fails with these (RuntimeError: encrypted; NotImplementedError: method).
_MEMBER_ERRORS = (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError)


@dataclass(frozen=True, slots=True)
class Source:
    """One template: its name in the report (a path relative to what was given, with
    "archive.zip/" in front for archive members), its folder (the service), and its bytes."""

    name: str
    folder: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file the audit could not take, and why (in French)."""

    name: str
    folder: str
    reason: str


def collect(paths: Sequence[str], max_bytes: int = MAX_FILE_BYTES) -> Iterator[Source | Skipped]:
    """Every template under the paths, in a stable order (each path's files sorted by name)."""
    for given in paths:
        path = Path(given)
        if path.is_symlink():
            yield Skipped(given, "", "lien symbolique non suivi ; donnez le chemin du fichier réel")
        elif path.is_dir():
            yield from _walk(path, max_bytes)
        elif not path.exists():
            yield Skipped(given, "", "fichier ou dossier introuvable")
        elif path.suffix.lower() == ".zip":
            yield from _archive(path, path.name, "", max_bytes)
        else:
            yield _file(path, path.name, str(path.parent.name), max_bytes)


def _walk(root: Path, max_bytes: int) -> Iterator[Source | Skipped]:
    prefix = root.name or str(root)
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        name = f"{prefix}/{relative.as_posix()}"
        folder = relative.parent.as_posix() if relative.parent != Path(".") else ""
        if any(part.startswith(".") for part in relative.parts):
            continue  # hidden files and folders (.git, editors' lock files)
        if path.is_symlink():
            if path.suffix.lower() in AUDITED_SUFFIXES or path.is_dir():
                yield Skipped(name, folder, "lien symbolique non suivi")
            continue
        if path.is_dir():
            continue
        suffix = path.suffix.lower()
        if suffix == ".zip":
            yield from _archive(path, name, folder, max_bytes)
        elif suffix in AUDITED_SUFFIXES and not path.name.startswith("~$"):
            yield _file(path, name, folder, max_bytes)


def _file(path: Path, name: str, folder: str, max_bytes: int) -> Source | Skipped:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Skipped(name, folder, _too_large(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        return Skipped(name, folder, f"lecture impossible ({error.strerror})")
    if len(data) > max_bytes:  # the file grew while being read
        return Skipped(name, folder, _too_large(len(data), max_bytes))
    return Source(name, folder, data)


def _too_large(size: int, limit: int) -> str:
    return (
        f"fichier trop gros ({size / 1_000_000:.1f} Mo, au plus {limit / 1_000_000:.0f} Mo) ; "
        f"retirez les images lourdes ou auditez-le à part"
    )


def _archive(path: Path, name: str, folder: str, max_bytes: int) -> Iterator[Source | Skipped]:
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        yield Skipped(name, folder, f"archive zip illisible ({error}) ; recréez l'archive")
        return
    if len(members) > MAX_ARCHIVE_MEMBERS:
        yield Skipped(
            name,
            folder,
            f"archive refusée : {len(members)} éléments (au plus {MAX_ARCHIVE_MEMBERS})",
        )
        return
    total = 0
    with archive:
        for member in sorted(members, key=lambda m: m.filename):
            inner = PurePosixPath(member.filename.replace("\\", "/"))
            shown = f"{name}/{inner.as_posix()}"
            if member.is_dir() or inner.suffix.lower() not in AUDITED_SUFFIXES | {".zip"}:
                continue
            where = "/".join(p for p in (folder, inner.parent.as_posix()) if p not in ("", "."))
            if inner.is_absolute() or ".." in inner.parts:
                yield Skipped(shown, where, "nom qui sort de l'archive (chemin absolu ou « .. »)")
                continue
            if stat.S_ISLNK(member.external_attr >> 16):
                yield Skipped(shown, where, "lien symbolique dans l'archive, non suivi")
                continue
            if inner.suffix.lower() == ".zip":
                yield Skipped(shown, where, "archive dans l'archive, non ouverte ; extrayez-la")
                continue
            if member.file_size > max_bytes:
                yield Skipped(shown, where, _too_large(member.file_size, max_bytes))
                continue
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1_000_000 and ratio > MAX_RATIO:
                yield Skipped(
                    shown, where, f"élément suspect (se décompresse {ratio:.0f} fois) ; refusé"
                )
                continue
            total += member.file_size
            if total > MAX_ARCHIVE_BYTES:
                yield Skipped(shown, where, "archive trop grosse une fois décompressée ; arrêt")
                return
            try:
                with archive.open(member) as handle:
                    data = handle.read(max_bytes + 1)
            except _MEMBER_ERRORS as error:
                yield Skipped(shown, where, f"élément illisible ({error})")
                continue
            if len(data) > max_bytes:  # the header lied about the size
                yield Skipped(shown, where, _too_large(len(data), max_bytes))
                continue
            yield Source(shown, where, data)
