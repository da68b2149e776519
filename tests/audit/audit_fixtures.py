"""Template folders for the audit tests, built from the corpus letters (written for the project)."""

from __future__ import annotations

from pathlib import Path

from conftest import make_docx

CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "letters"


def corpus_text(folder: str, version: str = "original") -> str:
    return (CORPUS / folder / f"{version}.txt").read_text(encoding="utf-8")


def make_templates(root: Path) -> Path:
    """Two services, Word and text files, a template with placeholders, a corrupt file."""
    social = root / "modeles" / "action-sociale"
    finances = root / "modeles" / "finances"
    social.mkdir(parents=True)
    finances.mkdir(parents=True)
    (social / "indu-rsa.docx").write_bytes(make_docx(corpus_text("01-indu-rsa")))
    (social / "aide-urgence.txt").write_text(corpus_text("02-aide-urgence-ccas"), encoding="utf-8")
    (social / "aide-urgence-clair.txt").write_text(
        corpus_text("02-aide-urgence-ccas", "plain"), encoding="utf-8"
    )
    (finances / "relance.txt").write_text(
        "Madame {{nom}},\n\nVotre facture n° [NUMERO FACTURE] du ${date_facture} reste à payer. "
        "Nonobstant nos précédents courriers, nous n'avons reçu aucun règlement. "
        "Je vous saurais gré de procéder au règlement de la somme due avant le 15/07/2024.\n\n"
        "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.\n",
        encoding="utf-8",
    )
    (finances / "abime.docx").write_bytes(b"PK\x03\x04 ce fichier est tronque")
    (finances / "notes.png").write_bytes(b"\x89PNG not a template")
    return root / "modeles"
