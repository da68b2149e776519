"""The Word letters of the corpus are what their generator makes: rebuilding them gives the
same bytes, and the generator's own check (every line of the text letter, every feature the
manifest claims) passes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

WORD = ROOT / "corpora" / "word"


def test_corpus_word_files_are_reproducible(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(WORD / "build_docx.py"), "--out", str(tmp_path), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem" in result.stdout
    committed = sorted(p.name for p in WORD.glob("*.docx"))
    assert committed == sorted(p.name for p in tmp_path.glob("*.docx"))
    for name in committed:
        assert (tmp_path / name).read_bytes() == (WORD / name).read_bytes(), name
    manifest = json.loads((WORD / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))


def test_corpus_word_has_the_features_agents_have() -> None:
    """At least 15 letters; letterheads, tables, lists, merge fields, bold and italics."""
    manifest = json.loads((WORD / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    assert len(files) >= 15
    features = [set(entry["features"]) for entry in files]
    assert all("letterhead_in_header" in f for f in features)
    assert sum(1 for entry in files if entry["merge_fields"]) >= 5
    assert sum(1 for f in features if {"reference_table", "data_table"} & f) >= 10
    assert sum(1 for f in features if {"bullet_list", "numbered_list"} & f) >= 8
    assert sum(1 for f in features if "italic_legal_refs" in f) >= 8
    assert sum(1 for f in features if {"bold_amounts", "bold_capitals"} & f) >= 8
