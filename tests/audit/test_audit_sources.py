"""Collecting templates: folders, archives, and every kind of file that must be refused."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from audit_fixtures import make_templates

from simplify.audit.sources import Skipped, Source, collect


def _split(items: list[Source | Skipped]) -> tuple[dict[str, Source], dict[str, str]]:
    sources = {i.name: i for i in items if isinstance(i, Source)}
    skipped = {i.name: i.reason for i in items if isinstance(i, Skipped)}
    return sources, skipped


def test_a_folder_is_walked_recursively_with_services_as_folders(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    sources, skipped = _split(list(collect([str(root)])))
    assert sorted(sources) == [
        "modeles/action-sociale/aide-urgence-clair.txt",
        "modeles/action-sociale/aide-urgence.txt",
        "modeles/action-sociale/indu-rsa.docx",
        "modeles/finances/abime.docx",  # read as bytes here; the reader refuses it later
        "modeles/finances/relance.txt",
    ]
    assert not skipped  # the image next to the templates is ignored, not reported
    assert sources["modeles/finances/relance.txt"].folder == "finances"
    assert sources["modeles/action-sociale/indu-rsa.docx"].data.startswith(b"PK")


def test_missing_paths_and_symbolic_links_are_reported(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("Ceci est en dehors du dossier audité.", encoding="utf-8")
    os.symlink(secret, root / "finances" / "lien.txt")
    os.symlink(tmp_path, root / "boucle")
    items = list(collect([str(root), str(tmp_path / "absent")]))
    sources, skipped = _split(items)
    assert "modeles/finances/lien.txt" not in sources
    assert "lien symbolique" in skipped["modeles/finances/lien.txt"]
    assert "lien symbolique" in skipped["modeles/boucle"]
    assert "introuvable" in skipped[str(tmp_path / "absent")]
    assert all("secret" not in name for name in sources)


def test_huge_files_are_refused_without_being_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "gros.txt"
    big.write_bytes(b"a" * 5000)
    (item,) = collect([str(big)], max_bytes=1000)
    assert isinstance(item, Skipped)
    assert "trop gros" in item.reason


def _zip(path: Path, members: dict[str, bytes], symlinks: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name in symlinks:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


def test_archive_members_are_read_in_memory_and_hostile_ones_refused(tmp_path: Path) -> None:
    archive = _zip(
        tmp_path / "modeles.zip",
        {
            "habitat/loyer.txt": b"Madame, votre loyer augmente le 1er janvier.",
            "../../evasion.txt": b"Je sors du dossier.",
            "/etc/absolu.txt": b"Chemin absolu.",
            "bombe.txt": b"0" * 3_000_000,  # deflates more than 100 times
            "interne.zip": b"PK\x05\x06" + b"\x00" * 18,
            "photo.jpg": b"not a template",
        },
        symlinks=("lien.txt",),
    )
    before = sorted(p.name for p in tmp_path.iterdir())
    sources, skipped = _split(list(collect([str(archive)])))
    assert list(sources) == ["modeles.zip/habitat/loyer.txt"]
    assert sources["modeles.zip/habitat/loyer.txt"].folder == "habitat"
    assert "sort de l'archive" in skipped["modeles.zip/../../evasion.txt"]
    assert "sort de l'archive" in skipped["modeles.zip//etc/absolu.txt"]
    assert "suspect" in skipped["modeles.zip/bombe.txt"]
    assert "archive dans l'archive" in skipped["modeles.zip/interne.zip"]
    assert "lien symbolique" in skipped["modeles.zip/lien.txt"]
    # Nothing was extracted anywhere: the folder holds what it held.
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not (tmp_path.parent / "evasion.txt").exists()


def test_a_corrupt_archive_is_one_reported_file(tmp_path: Path) -> None:
    broken = tmp_path / "abime.zip"
    broken.write_bytes(b"PK\x03\x04 tronque")
    (item,) = collect([str(broken)])
    assert isinstance(item, Skipped)
    assert "archive zip illisible" in item.reason


def test_an_archive_member_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"lettre.txt": b"x" * 4000})
    (item,) = collect([str(archive)], max_bytes=1000)
    assert isinstance(item, Skipped)
    assert "trop gros" in item.reason
