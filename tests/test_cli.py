"""The `simplify` command, run as a user runs it: exit codes, formats, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simplify.inputs import MAX_INPUT_BYTES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "letters" / "01-indu-rsa" / "original.txt"
EXE = [sys.executable, "-m", "simplify.cli"]


def simplify(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*EXE, *args],
        input=stdin.decode("latin-1") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def simplify_bytes(path: Path) -> subprocess.CompletedProcess[str]:
    return simplify("analyse", str(path))


def test_cli_analyse_text_shows_score_and_findings() -> None:
    result = simplify("analyse", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert "Score de clarté" in result.stdout
    assert "Remarques" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour codes when piped


def test_cli_analyse_json_contract() -> None:
    result = simplify("analyse", str(SAMPLE), "--format", "json")
    data = json.loads(result.stdout)
    for key in (
        "words",
        "sentences",
        "mean_sentence_words",
        "kandel_moles",
        "lix",
        "score",
        "label",
    ):
        assert key in data["metrics"]
    text = SAMPLE.read_text(encoding="utf-8")
    assert data["sentences"] and {"start", "end"} <= set(data["sentences"][0])
    finding = data["findings"][0]
    for key in (
        "rule",
        "category",
        "severity",
        "start",
        "end",
        "text",
        "message",
        "suggestions",
        "references",
    ):
        assert key in finding
    for item in data["findings"]:
        assert text[item["start"] : item["end"]] == item["text"]


def test_cli_analyse_languagetool_shape() -> None:
    data = json.loads(simplify("analyse", str(SAMPLE), "--format", "languagetool").stdout)
    match = data["matches"][0]
    assert {"offset", "length", "replacements", "rule", "message", "context"} <= set(match)
    assert {"id", "category"} <= set(match["rule"])


def test_cli_analyse_sarif_shape() -> None:
    data = json.loads(simplify("analyse", str(SAMPLE), "--format", "sarif").stdout)
    assert data["version"] == "2.1.0"
    result = data["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(SAMPLE)


def test_cli_reads_standard_input() -> None:
    result = simplify(
        "analyse",
        "-",
        "--format",
        "json",
        stdin=b"Objet : test\n\nVous devez nonobstant payer.",
    )
    assert result.returncode == 0
    assert any(f["rule"] == "JAR-001" for f in json.loads(result.stdout)["findings"])


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("info", 1)])
def test_cli_fail_on_severity(fail_on: str, code: int) -> None:
    assert (
        simplify("analyse", str(SAMPLE), "--fail-on", fail_on, "--format", "json").returncode
        == code
    )


def test_cli_fail_on_not_reached_exits_zero(tmp_path: Path) -> None:
    letter = tmp_path / "clair.txt"
    letter.write_text("Objet : votre aide\n\nVotre aide est accordée.\n", encoding="utf-8")
    assert simplify("analyse", str(letter), "--fail-on", "error").returncode == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "vide"),
        (b"   \n\n  ", "vide"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binaire"),
        (b"Objet : test \x81\x8d\x90 encore", "encodage"),
    ],
)
def test_cli_bad_input_exits_2_with_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "lettre.txt"
    path.write_bytes(content)
    result = simplify_bytes(path)
    assert result.returncode == 2
    assert reason in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == content  # the input is never modified


def test_cli_too_large_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "grosse.txt"
    path.write_bytes(b"Objet : test. " * (MAX_INPUT_BYTES // 10))
    result = simplify_bytes(path)
    assert result.returncode == 2 and "trop gros" in result.stderr


def test_cli_windows_1252_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ancien.txt"
    path.write_bytes("Objet : aide\n\nVotre demande afférente est reçue.".encode("cp1252"))
    result = simplify("analyse", str(path), "--format", "json")
    assert result.returncode == 0
    assert any(f["text"] == "afférente" for f in json.loads(result.stdout)["findings"])


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["analyse", "absent.txt"], "introuvable"),
        (["analyse", "lettre.docx"], "introuvable"),
        (["analyse", "corpora"], "dossier"),
        (["analyse", str(SAMPLE), "--disable", "NOPE-999"], "inconnue"),
        (["analyse", str(SAMPLE), "--rules", "nowhere"], "introuvable"),
        (["analyse", str(SAMPLE), "--profile", "expert"], "expert"),
        (["explain", "NOPE-999"], "inconnue"),
    ],
)
def test_cli_bad_usage_exits_2(args: list[str], reason: str) -> None:
    result = simplify(*args)
    assert result.returncode == 2, result.stdout
    assert reason in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_rewrite_prints_the_new_letter_and_a_summary(tmp_path: Path) -> None:
    letter = tmp_path / "lettre.txt"
    letter.write_text(
        "Objet : rendez-vous\n\nMadame,\n\nVotre rendez-vous est fixé au "
        "15/07/2024.\n\nJe vous prie d'agréer, Madame, l'expression de mes "
        "salutations distinguées.\n",
        encoding="utf-8",
    )
    result = simplify("rewrite", str(letter))
    assert result.returncode == 0, result.stderr
    assert "15 juillet 2024" in result.stdout and "Bien cordialement," in result.stdout
    assert "tous les faits sont conservés" in result.stderr


def test_cli_rewrite_json_contract() -> None:
    data = json.loads(simplify("rewrite", str(SAMPLE), "--only", "all", "--format", "json").stdout)
    assert {"text", "edits", "skipped", "verification", "metrics_before", "metrics_after"} <= set(
        data
    )
    assert data["verification"] == {"ok": True, "missing": []}
    edit = data["edits"][0]
    assert {"start", "end", "replacement", "rule", "safety"} <= set(edit)
    original = SAMPLE.read_text(encoding="utf-8")
    for item in data["edits"]:
        assert original[item["start"] : item["end"]] == item["original"]
    assert data["metrics_after"]["score"] > data["metrics_before"]["score"]


def test_cli_rewrite_diff() -> None:
    result = simplify("rewrite", str(SAMPLE), "--format", "diff")
    assert result.stdout.startswith("---") and "+++" in result.stdout


def test_cli_rules_lists_rules_and_counts() -> None:
    result = simplify("rules")
    assert result.returncode == 0
    assert "JAR-001" in result.stdout and "administrative-jargon" in result.stdout
    assert "lexique" in result.stdout


def test_cli_explain_is_generated_from_the_pack() -> None:
    result = simplify("explain", "passive-voice")
    assert result.returncode == 0
    assert "PAS-001" in result.stdout
    assert "Votre demande a été examinée par la commission." in result.stdout
    assert "RLS-7.3" in result.stdout and "Forme active" in result.stdout
