"""The per-document function: one template's figures, findings and RLS grid."""

from __future__ import annotations

import re

from conftest import make_docx

from simplify.audit.work import (
    CONFORM,
    NOT_APPLICABLE,
    NOT_CONFORM,
    NOT_TESTED,
    Task,
    audit_document,
)
from simplify.rules.rls import RLS_CRITERIA

TEMPLATE = (
    "Madame {{nom}},\n\nVotre facture n° [NUMERO FACTURE] du ${date_facture} reste à payer. "
    "Nonobstant nos précédents courriers, nous n'avons reçu aucun règlement.\n\n"
    "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.\n"
)
PLACEHOLDERS = ("{{nom}}", "[NUMERO FACTURE]", "${date_facture}")


def test_placeholders_are_neither_flagged_nor_counted_as_words() -> None:
    result = audit_document(Task("relance.txt", "finances", TEMPLATE.encode(), "clair"))
    text = result["text"]
    spans = [(text.index(p), text.index(p) + len(p)) for p in PLACEHOLDERS]
    for finding in result["findings"]:
        if finding["end"] - finding["start"] < len(text) // 2:  # not a whole-letter remark
            assert not any(
                finding["start"] < end and start < finding["end"] for start, end in spans
            ), finding
    without = TEMPLATE
    for placeholder in PLACEHOLDERS:
        without = without.replace(placeholder, "")
    plain = audit_document(Task("sans.txt", "", without.encode(), "clair"))
    assert result["words"] == plain["words"]
    assert result["words"] < len(re.findall(r"\w+", TEMPLATE))


def test_a_template_gets_its_score_jargon_and_rls_grid() -> None:
    result = audit_document(Task("relance.txt", "finances", TEMPLATE.encode(), "clair"))
    assert result["format"] == "text"
    assert 0 <= result["score"] <= 100
    assert result["label"]
    terms = {f.get("term") for f in result["findings"]}
    assert "nonobstant" in terms
    grid = result["rls"]
    assert set(grid) == set(RLS_CRITERIA)
    assert grid["RLS-6.4"] == NOT_CONFORM  # jargon
    assert grid["RLS-6.6"] == NOT_TESTED  # only readers can say they understood
    assert grid["RLS-1.1"] == NOT_TESTED  # the clair profile leaves layout rules off
    assert CONFORM in grid.values()
    assert 'class="' in result["annotated"] and "Nonobstant" in result["annotated"]


def test_formatting_criteria_apply_to_word_files_not_to_text_files() -> None:
    letter = "Madame,\n\nVous devez payer la facture."
    word = audit_document(Task("petit.docx", "", make_docx(letter, {"size": 10}), "falc"))
    assert word["format"] == "docx"
    assert word["rls"]["RLS-1.1"] == NOT_CONFORM  # 10 pt is too small
    text = audit_document(Task("petit.txt", "", letter.encode(), "falc"))
    assert text["rls"]["RLS-1.1"] == NOT_APPLICABLE  # a text file has no font size


def test_an_unreadable_or_empty_file_gives_a_reason_not_an_exception() -> None:
    broken = audit_document(Task("abime.docx", "", b"PK\x03\x04 tronque", "clair"))
    assert "error" in broken and "abîmé" in broken["error"]
    assert not broken["error"].startswith("abime.docx")
    empty = audit_document(Task("vide.txt", "", b"   \n", "clair"))
    assert "vide" in empty["error"]
