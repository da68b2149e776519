"""The committed co-editor bundle: built from the committed sources and lock file, with only
permissively licensed packages in it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "api" / "static"
PERMISSIVE = {"MIT", "ISC", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0", "0BSD"}


def test_the_bundle_lists_only_permissive_licences() -> None:
    text = (STATIC / "atelier-editor.LICENSES.txt").read_text(encoding="utf-8")
    table = text.split("package\tversion\tlicence\trepository\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.split("\t") for line in table.splitlines()]
    names = {row[0] for row in rows}
    assert {"yjs", "y-websocket", "y-codemirror.next", "@codemirror/view"} <= names
    assert all(row[2] in PERMISSIVE for row in rows), rows


def test_the_bundle_is_what_the_sources_build(tmp_path: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm absent : la reconstruction du paquet JavaScript n'est pas vérifiée")
    work = tmp_path / "frontend"
    shutil.copytree(ROOT / "frontend", work, ignore=shutil.ignore_patterns("node_modules"))
    (tmp_path / "api" / "static").mkdir(parents=True)
    for step in (["ci", "--no-audit", "--no-fund"], ["run", "build"], ["test"]):
        done = subprocess.run(
            [npm, *step], cwd=work, capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
    for name in ("atelier-editor.js", "atelier-editor.LICENSES.txt"):
        assert (tmp_path / "api" / "static" / name).read_bytes() == (STATIC / name).read_bytes()
