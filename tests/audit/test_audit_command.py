"""`simplify audit` run as a user runs it: reports, gate, comparison, bad input, Ctrl-C."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from audit_fixtures import corpus_text, make_templates

ROOT = Path(__file__).resolve().parents[2]
EXE = [sys.executable, "-m", "simplify.cli", "audit"]


def audit(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*EXE, *args], capture_output=True, text=True, cwd=cwd, timeout=300, check=False
    )


def _files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_an_audit_writes_its_report_and_touches_nothing_else(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    before = _files(tmp_path)
    out = tmp_path / "rapport"
    result = audit(str(root), "--out", str(out), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert "4 modèle(s) analysé(s)" in result.stdout
    after = {k: v for k, v in _files(tmp_path).items() if not k.startswith("rapport")}
    assert after == before  # the templates are read, never written
    summary = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert summary["totals"]["templates"] == 4
    assert [e["name"] for e in summary["errors"]] == ["modeles/finances/abime.docx"]
    assert {f["folder"] for f in summary["folders"]} == {"action-sociale", "finances"}
    html = (out / "audit.html").read_text(encoding="utf-8")
    for heading in (
        "Résumé",
        "Les modèles les plus difficiles",
        "Vocabulaire administratif le plus fréquent",
        "Grille RLS",
        "Par dossier (service)",
        "Fichiers non analysés",
        "Détail par modèle",
    ):
        assert heading in html
    assert "<svg" in html and "<script" not in html
    assert "nonobstant" in html  # the recurring jargon, with its replacement
    assert html.count("<details") == 4


def test_the_csv_and_sarif_reports_carry_every_template(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    out = tmp_path / "rapport"
    assert audit(str(root), "--out", str(out), "--format", "csv").returncode == 0
    rows = list(csv.DictReader(io.StringIO((out / "audit.csv").read_text(encoding="utf-8"))))
    summary = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert len(rows) == 5
    by_name = {row["modele"]: row for row in rows}
    for template in summary["templates"]:
        row = by_name[template["name"]]
        assert float(row["score"]) == template["score"]
        assert int(row["remarques"]) == len(template["findings"])
        assert row["RLS-6.4"] == template["rls"]["RLS-6.4"]
    assert "abîmé" in by_name["modeles/finances/abime.docx"]["erreur"]
    assert audit(str(root), "--out", str(out), "--format", "sarif").returncode == 0
    sarif = json.loads((out / "audit.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert len(results) == summary["totals"]["findings"] + 1  # + the unreadable file
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_fail_under_is_a_gate_for_ci(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    out = tmp_path / "rapport"
    failing = audit(str(root), "--out", str(out), "--fail-under", "99")
    assert failing.returncode == 1
    assert "sous le score 99" in failing.stderr
    gate = json.loads((out / "audit.json").read_text(encoding="utf-8"))["gate"]
    assert not gate["passed"] and len(gate["below"]) == 4
    assert audit(str(root), "--out", str(out), "--fail-under", "1").returncode == 0


def test_compare_shows_which_templates_improved(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    first, second = tmp_path / "avant", tmp_path / "apres"
    assert audit(str(root), "--out", str(first)).returncode == 0
    hard = root / "action-sociale" / "aide-urgence.txt"
    hard.write_text(corpus_text("02-aide-urgence-ccas", "plain"), encoding="utf-8")
    (root / "finances" / "relance.txt").unlink()
    (root / "finances" / "nouveau.txt").write_text(
        "Madame, vous devez payer 30 euros avant le 15 juillet.\n", encoding="utf-8"
    )
    result = audit(str(root), "--out", str(second), "--compare", str(first / "audit.json"))
    assert result.returncode == 0, result.stderr
    comparison = json.loads((second / "audit.json").read_text(encoding="utf-8"))["comparison"]
    assert [row["name"] for row in comparison["improved"]] == [
        "modeles/action-sociale/aide-urgence.txt"
    ]
    assert comparison["new"] == ["modeles/finances/nouveau.txt"]
    assert comparison["removed"] == ["modeles/finances/relance.txt"]
    assert "Évolution depuis l'audit précédent" in (second / "audit.html").read_text("utf-8")


def test_bad_arguments_get_a_reason_and_exit_code_2(tmp_path: Path) -> None:
    empty = tmp_path / "vide"
    empty.mkdir()
    nothing = audit(str(empty), "--out", str(tmp_path / "r"))
    assert nothing.returncode == 2 and "aucun modèle trouvé" in nothing.stderr
    bad = tmp_path / "pas-un-audit.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    compare = audit(str(empty), "--compare", str(bad))
    assert compare.returncode == 2 and "ce n'est pas le JSON d'un audit" in compare.stderr
    dask = audit(str(empty), "--executor", "dask")
    assert dask.returncode == 2 and "--scheduler" in dask.stderr
    for result in (nothing, compare, dask):
        assert "Traceback" not in result.stderr


def _many_templates(folder: Path, count: int) -> None:
    folder.mkdir()
    texts = [corpus_text(name) for name in ("01-indu-rsa", "04-decision-pch", "13-apl-recalcul")]
    for index in range(count):
        text = texts[index % len(texts)] + f"\nRéférence interne {index}.\n"
        (folder / f"modele-{index:03d}.txt").write_text(text, encoding="utf-8")


def _cached_rows(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path) as db:
            return int(db.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_ctrl_c_stops_cleanly_and_keeps_the_results_so_far(tmp_path: Path) -> None:
    folder, out = tmp_path / "modeles", tmp_path / "rapport"
    _many_templates(folder, 150)
    process = subprocess.Popen(
        [*EXE, str(folder), "--out", str(out), "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as in a terminal
    )
    cache = out / ".cache" / "resultats.sqlite"
    deadline = time.monotonic() + 120
    while _cached_rows(cache) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    assert process.poll() is None, "the audit ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrompu" in stderr and "Traceback" not in stderr
    summary: dict[str, Any] = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert summary["interrupted"]
    assert 0 < summary["totals"]["templates"] < 150
    assert "Audit interrompu" in (out / "audit.html").read_text(encoding="utf-8")
    resumed = audit(str(folder), "--out", str(out), "--jobs", "2")
    assert resumed.returncode == 0, resumed.stderr
    final = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert final["totals"]["templates"] == 150
    assert final["run"]["cached"] >= summary["totals"]["templates"]
