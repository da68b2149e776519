"""Reading Word files: text with its source, fields and controls fixed, letterhead zoned."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ROOT, docx_with_body, make_docx

from simplify.document import BlockKind, ProtectedKind
from simplify.formats.word import extract_docx

WORD = ROOT / "corpora" / "word"


def _read(data: bytes) -> tuple[str, list[tuple[str, str]]]:
    letter = extract_docx(data, "lettre.docx")
    fixed = [(letter.text[f.start : f.end], f.label) for f in letter.shape.fixed]
    return letter.text, fixed


def test_docx_read_paragraphs_are_lines_separated_by_a_blank_line() -> None:
    text, _ = _read(make_docx("Madame,\n\nVous devez payer.\n\nCordialement."))
    assert text == "Madame,\n\nVous devez payer.\n\nCordialement.\n\n"


def test_docx_read_simple_merge_field_is_fixed() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Bonjour </w:t></w:r>'
        '<w:fldSimple w:instr=" MERGEFIELD Nom \\* MERGEFORMAT ">'
        "<w:r><w:t>«Nom»</w:t></w:r></w:fldSimple><w:r><w:t>,</w:t></w:r></w:p>"
    )
    text, fixed = _read(docx_with_body(body))
    assert text == "Bonjour «Nom»,\n\n"
    assert fixed == [("«Nom»", "Nom")]


def test_docx_read_complex_field_shows_its_result_not_its_code() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Né le </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> MERGEFIELD date_naissance </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>«date_naissance»</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:t>.</w:t></w:r></w:p>"
    )
    text, fixed = _read(docx_with_body(body))
    assert text == "Né le «date_naissance».\n\n"
    assert fixed == [("«date_naissance»", "date_naissance")]


def test_docx_read_nested_fields_are_one_placeholder() -> None:
    body = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText> MERGEFIELD Sexe </w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>F</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> = "F" "Madame" "Monsieur" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Madame</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>,</w:t></w:r></w:p>'
    )
    text, fixed = _read(docx_with_body(body))
    assert text == "Madame,\n\n"
    assert [value for value, _ in fixed] == ["Madame"]


def test_docx_read_content_control_is_fixed_and_its_prompt_is_not_text() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Fait le </w:t></w:r>'
        '<w:sdt><w:sdtPr><w:tag w:val="date_signature"/></w:sdtPr><w:sdtContent>'
        "<w:r><w:t>3 mars 2026</w:t></w:r></w:sdtContent></w:sdt></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">Signataire : </w:t></w:r>'
        '<w:sdt><w:sdtPr><w:tag w:val="signataire"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
        "<w:r><w:t>Cliquez ici pour entrer du texte.</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    )
    text, fixed = _read(docx_with_body(body))
    assert "Cliquez ici" not in text
    assert text == "Fait le 3 mars 2026\n\nSignataire : \ufffc\n\n"
    assert fixed == [("3 mars 2026", "date_signature"), ("\ufffc", "signataire")]


def test_docx_read_jinja_tag_split_across_runs_is_protected() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Bonjour {{ pre</w:t></w:r>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t>nom</w:t></w:r><w:proofErr w:type="spellStart"/>'
        '<w:r><w:t xml:space="preserve"> }}, votre dossier est prêt.</w:t></w:r></w:p>'
    )
    letter = extract_docx(docx_with_body(body), "modele.docx")
    from simplify.build import build_document

    document = build_document(letter.text, shape=letter.shape)
    placeholders = [p.text for p in document.protected if p.kind is ProtectedKind.PLACEHOLDER]
    assert placeholders == ["{{ prenom }}"]


def test_docx_read_skips_deleted_text_and_reads_inserted_and_linked_text() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Votre </w:t></w:r>'
        '<w:del w:id="1" w:author="A" w:date="2025-01-01T00:00:00Z"><w:r>'
        "<w:delText>ancienne </w:delText></w:r></w:del>"
        '<w:ins w:id="2" w:author="A" w:date="2025-01-01T00:00:00Z"><w:r>'
        '<w:t xml:space="preserve">nouvelle </w:t></w:r></w:ins>'
        '<w:hyperlink w:anchor="x"><w:r><w:t>demande</w:t></w:r></w:hyperlink>'
        '<w:bookmarkStart w:id="3" w:name="b"/><w:r><w:tab/><w:t>ok</w:t><w:br/>'
        '<w:t>fin</w:t></w:r><w:bookmarkEnd w:id="3"/></w:p>'
    )
    text, _ = _read(docx_with_body(body))
    assert text == "Votre nouvelle demande\tok\nfin\n\n"


def test_docx_read_list_paragraphs_start_with_the_marker_word_draws() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Pièces à fournir :")
    document.add_paragraph("un justificatif de domicile ;", style="List Bullet")
    document.add_paragraph("votre avis d'imposition.", style="List Bullet")
    document.add_paragraph("Envoyez le formulaire.", style="List Number")
    document.add_paragraph("Attendez notre réponse.", style="List Number")
    output = io.BytesIO()
    document.save(output)
    letter = extract_docx(output.getvalue(), "liste.docx")
    assert letter.text.splitlines()[2::2] == [
        "• un justificatif de domicile ;",
        "• votre avis d'imposition.",
        "1. Envoyez le formulaire.",
        "2. Attendez notre réponse.",
    ]
    markers = [letter.text[f.start : f.end] for f in letter.shape.fixed]
    assert markers == ["• ", "• ", "1. ", "2. "]
    assert all(f.kind is ProtectedKind.MARKUP for f in letter.shape.fixed)
    from simplify.build import build_document

    document_model = build_document(letter.text, shape=letter.shape)
    kinds = [b.kind for b in document_model.blocks]
    assert kinds.count(BlockKind.LIST_ITEM) == 4


def test_docx_read_letterhead_and_footer_are_header_zones() -> None:
    data = docx_with_body(
        "<w:p><w:r><w:t>Madame,</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Votre demande est acceptée.</w:t></w:r></w:p>",
        header="<w:p><w:r><w:t>Mairie de Lormont. Service social.</w:t></w:r></w:p>",
        footer="<w:p><w:r><w:t>Hôtel de ville, 1 rue André-Dupin.</w:t></w:r></w:p>",
    )
    letter = extract_docx(data, "lettre.docx")
    assert letter.text.startswith("Mairie de Lormont. Service social.\n\nMadame,")
    zones = [(letter.text[z.start : z.end], z.kind) for z in letter.shape.zones]
    assert zones == [
        ("Mairie de Lormont. Service social.", BlockKind.HEADER),
        ("Hôtel de ville, 1 rue André-Dupin.", BlockKind.HEADER),
    ]
    from simplify.build import build_document

    document = build_document(letter.text, shape=letter.shape)
    first = document.blocks[0]
    assert first.kind is BlockKind.HEADER  # although it reads like a sentence


def test_docx_read_table_cells_are_paragraphs() -> None:
    body = (
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Montant</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>120 €</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:t>Merci.</w:t></w:r></w:p>"
    )
    text, _ = _read(docx_with_body(body))
    assert text == "Montant\n\n120 €\n\nMerci.\n\n"


def test_docx_read_source_map_names_paragraph_and_run() -> None:
    letter = extract_docx(make_docx("Madame,\n\nVous devez payer."), "lettre.docx")
    where = {letter.text[p.start : p.end]: p.where for p in letter.source}
    assert where["Vous devez payer."] == "corps, paragraphe 2, segment 1"


def test_docx_read_empty_document_is_refused() -> None:
    from simplify.formats.errors import FormatError

    with pytest.raises(FormatError, match="ne contient pas de texte"):
        extract_docx(make_docx(""), "vide.docx")


MANIFEST = json.loads((WORD / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", MANIFEST["files"], ids=lambda e: str(e["file"]))
def test_docx_read_corpus_letter_keeps_every_line_of_its_text(entry: dict[str, Any]) -> None:
    """Each Word letter reads back to the lines of the text letter it was made from (its
    placeholders shown as the merge fields that replaced them), and each field is fixed."""
    letter = extract_docx((WORD / entry["file"]).read_bytes(), entry["file"])
    original = (ROOT / entry["source"]).read_text(encoding="utf-8")
    for field in entry["merge_fields"]:
        original = original.replace(field["placeholder"], field["display"])
    flat = " ".join(letter.text.split())
    missing = []
    for line in original.splitlines():
        words = line.strip().lstrip("-•").strip()
        if words and " ".join(words.split()) not in flat:
            missing.append(words)
    assert missing == []
    fixed = {f.label for f in letter.shape.fixed}
    assert {field["field"] for field in entry["merge_fields"]} <= fixed
    assert {control["tag"] for control in entry["content_controls"]} <= fixed
