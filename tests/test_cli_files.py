"""The Word round trip from the command line: analyse a .docx, rewrite it into a .docx with
tracked changes (or a clean one), from Word or from text; never overwrite the input."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from test_cli import ROOT, simplify

TEMPLATE = ROOT / "corpora" / "word" / "02-aide-urgence-ccas.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document_xml(path: Path) -> str:
    return zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("word/document.xml").decode()


def test_cli_analyse_docx_reports_layout_in_falc_only() -> None:
    falc = simplify("analyse", str(TEMPLATE), "--profile", "falc", "--format", "json")
    assert falc.returncode == 0, falc.stderr
    report = json.loads(falc.stdout)
    rules = {f["rule"] for f in report["findings"]}
    assert {"LAY-001", "LAY-002"} <= rules  # Times New Roman 12 pt
    clair = json.loads(simplify("analyse", str(TEMPLATE), "--format", "json").stdout)
    assert not any(f["rule"].startswith("LAY-") for f in clair["findings"])


def test_cli_rewrite_docx_writes_tracked_changes_and_keeps_the_input(tmp_path: Path) -> None:
    before = hashlib.sha256(TEMPLATE.read_bytes()).hexdigest()
    output = tmp_path / "lettre-simple.docx"
    result = simplify(
        "rewrite", str(TEMPLATE), "-o", str(output), "--only", "all", "--author", "Mme Roux"
    )
    assert result.returncode == 0, result.stderr
    assert "modification(s) suivies" in result.stderr
    xml = _document_xml(output)
    assert xml.count("<w:ins ") > 3 and xml.count("<w:del ") > 3
    assert 'w:author="Mme Roux"' in xml
    assert "MERGEFIELD date_demande" in xml  # fields kept
    assert hashlib.sha256(TEMPLATE.read_bytes()).hexdigest() == before
    # The output is not replaced without --force, and the input never.
    again = simplify("rewrite", str(TEMPLATE), "-o", str(output))
    assert again.returncode == 2 and "--force" in again.stderr
    same = simplify("rewrite", str(output), "-o", str(output), "--force")
    assert same.returncode == 2 and "fichier d'origine" in same.stderr
    clean = tmp_path / "propre.docx"
    result = simplify("rewrite", str(TEMPLATE), "-o", str(clean), "--clean", "--only", "all")
    assert result.returncode == 0, result.stderr
    assert "<w:ins " not in _document_xml(clean) and "<w:del " not in _document_xml(clean)


def test_cli_rewrite_text_letter_into_word_with_tracked_changes(tmp_path: Path) -> None:
    letter = tmp_path / "lettre.txt"
    letter.write_text(
        "Madame,\n\nJe vous saurais gré de bien vouloir transmettre les pièces afférentes "
        "à votre dossier avant le 12 mars 2026.\n\nCordialement.\n",
        encoding="utf-8",
    )
    output = tmp_path / "lettre.docx"
    result = simplify("rewrite", str(letter), "-o", str(output), "--only", "all")
    assert result.returncode == 0, result.stderr
    xml = _document_xml(output)
    assert "<w:ins " in xml and "<w:del " in xml
    assert "12 mars 2026" in xml
    names = zipfile.ZipFile(io.BytesIO(output.read_bytes())).namelist()
    assert "word/comments.xml" in names
    text_out = tmp_path / "lettre-simple.txt"
    result = simplify("rewrite", str(letter), "-o", str(text_out), "--only", "all")
    assert result.returncode == 0, result.stderr
    assert "afférentes" not in text_out.read_text(encoding="utf-8")


def test_cli_rewrite_refuses_unknown_output_format(tmp_path: Path) -> None:
    result = simplify("rewrite", str(TEMPLATE), "-o", str(tmp_path / "sortie.xyz"))
    assert result.returncode == 2
    assert "format de sortie inconnu" in result.stderr
