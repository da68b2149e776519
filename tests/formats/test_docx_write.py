"""Writing changes into Word files: tracked revisions with comments, or a clean copy; the rest
of the file untouched, byte for byte."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from datetime import UTC, datetime
from functools import cache
from typing import Any

import pytest
from conftest import ROOT, docx_with_body, make_docx
from lxml import etree

from simplify.formats.docx_write import text_after, write_docx
from simplify.formats.files import changes_of
from simplify.formats.model import Change
from simplify.formats.word import extract_docx
from simplify.rewrite.edits import apply_edits
from simplify.rewrite.planner import rewrite
from simplify.rules.model import Edit
from simplify.rules.registry import load_builtin

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"
WHEN = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
CORPUS = sorted((ROOT / "corpora" / "word").glob("*.docx"))
SAMPLES = [CORPUS[0], CORPUS[1], CORPUS[9]]  # a letter, a template with fields, a long one


@cache
def _rewritten(path_name: str) -> tuple[bytes, str, list[Change], bytes]:
    """A corpus letter, its text, the changes of its rewrite (all suggestions), the output."""
    path = ROOT / "corpora" / "word" / path_name
    data = path.read_bytes()
    letter = extract_docx(data, path.name)
    rules = load_builtin()
    revision = rewrite(letter.text, only="all", shape=letter.shape, rules=rules)
    changes = changes_of(revision, rules)
    written = write_docx(
        data, path.name, changes, author="Atelier", date=WHEN, expected_text=letter.text
    )
    assert written.refused == ()
    return data, letter.text, changes, written.data


def _xml(data: bytes, part: str) -> Any:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(part))


def _expected(text: str, changes: list[Change]) -> str:
    return apply_edits(text, [Edit(c.start, c.end, c.replacement) for c in changes]).text


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_docx_write_accepting_all_gives_the_rewrite_and_rejecting_all_the_original(path) -> None:  # type: ignore[no-untyped-def]
    _, text, changes, output = _rewritten(path.name)
    assert changes, "the rewrite should change something in this letter"
    assert text_after(output, path.name, accept=True) == _expected(text, changes)
    assert text_after(output, path.name, accept=False) == text


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_docx_write_revisions_are_well_formed(path) -> None:  # type: ignore[no-untyped-def]
    original, _, changes, output = _rewritten(path.name)
    body = _xml(output, "word/document.xml")
    deletions = body.findall(f".//{_W}del")
    insertions = body.findall(f".//{_W}ins")
    assert len(deletions) == sum(1 for c in changes if c.end > c.start)
    assert len(insertions) == sum(1 for c in changes if c.replacement)
    for revision in [*deletions, *insertions]:
        assert revision.get(_W + "author") == "Atelier"
        assert revision.get(_W + "date") == "2026-03-12T09:30:00Z"
    for deletion in deletions:
        assert deletion.findall(f".//{_W}t") == []  # deleted text is w:delText
        assert deletion.find(f".//{_W}delText") is not None
    for insertion in insertions:
        assert insertion.find(f".//{_W}del") is None  # never a deletion inside an insertion
    for node in body.iter(_W + "t", _W + "delText"):
        if node.text and node.text != node.text.strip():
            assert node.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    # Ids: unique across every part, above every id the original file had.
    revision_ids = [int(e.get(_W + "id")) for e in [*deletions, *insertions]]
    comments = _xml(output, "word/comments.xml").findall(_W + "comment")
    comment_ids = [int(c.get(_W + "id")) for c in comments]
    new_ids = revision_ids + comment_ids
    assert len(new_ids) == len(set(new_ids))  # one counter for revisions and comments
    assert min(new_ids) > max(_all_ids(original), default=0)
    assert max(new_ids) < 2**31
    settings = _xml(output, "word/settings.xml")
    assert settings.find(_W + "trackRevisions") is not None


def _all_ids(data: bytes) -> list[int]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    ids = []
    for name in archive.namelist():
        if name.endswith(".xml"):
            ids += [int(v) for v in re.findall(rb'w:id="(-?\d+)"', archive.read(name))]
    return ids


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_docx_write_each_change_has_a_paired_comment_that_explains_it(path) -> None:  # type: ignore[no-untyped-def]
    _, _, changes, output = _rewritten(path.name)
    body = _xml(output, "word/document.xml")
    comments = _xml(output, "word/comments.xml").findall(_W + "comment")
    starts = [e.get(_W + "id") for e in body.iter(_W + "commentRangeStart")]
    ends = [e.get(_W + "id") for e in body.iter(_W + "commentRangeEnd")]
    references = [e.get(_W + "id") for e in body.iter(_W + "commentReference")]
    assert len(comments) == len(changes)
    assert sorted(starts) == sorted(ends) == sorted(references)
    assert sorted(starts) == sorted(c.get(_W + "id") for c in comments)
    texts = ["".join(c.itertext()) for c in comments]
    for comment, text in zip(comments, texts, strict=True):
        assert comment.get(_W + "author") == "Atelier"
        assert comment.get(_W + "date") == "2026-03-12T09:30:00Z"
        assert re.match(r"\[[A-Z]{3}-\d{3}\] ", text)
        assert "Pourquoi : " in text


def test_docx_write_inserted_text_keeps_the_formatting_it_replaces() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Vous devez </w:t></w:r>'
        '<w:r><w:rPr><w:rFonts w:ascii="Verdana" w:hAnsi="Verdana"/><w:b/><w:sz w:val="30"/>'
        "</w:rPr><w:t>transmettre le formulaire</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> avant lundi.</w:t></w:r></w:p>'
    )
    data = docx_with_body(body)
    letter = extract_docx(data, "l.docx")
    start = letter.text.index("transmettre")
    change = Change(start, start + len("transmettre"), "envoyer", "[JAR-001] Mot courant.")
    output = write_docx(data, "l.docx", [change], date=WHEN).data
    document = _xml(output, "word/document.xml")
    inserted = document.find(f".//{_W}ins/{_W}r")
    deleted = document.find(f".//{_W}del/{_W}r")
    assert "".join(inserted.itertext()) == "envoyer"
    assert etree.tostring(inserted.find(_W + "rPr")) == etree.tostring(deleted.find(_W + "rPr"))
    # The rest of the split run keeps its formatting too.
    rest = deleted.getparent().getnext().getnext()  # w:ins, then w:commentRangeEnd...
    runs = [r for r in document.iter(_W + "r") if "".join(r.itertext()) == " le formulaire"]
    assert len(runs) == 1 and runs[0].find(_W + "rPr") is not None
    assert rest is not None


def test_docx_write_untouched_parts_and_paragraphs_are_byte_identical() -> None:
    path = SAMPLES[1]
    original, text, changes, output = _rewritten(path.name)
    before, after = zipfile.ZipFile(io.BytesIO(original)), zipfile.ZipFile(io.BytesIO(output))
    expected_new = {"word/comments.xml"}
    assert set(after.namelist()) - set(before.namelist()) == expected_new
    assert set(before.namelist()) <= set(after.namelist())
    rewritten = {
        "word/document.xml",
        "word/settings.xml",
        "[Content_Types].xml",
        "word/_rels/document.xml.rels",
    }
    for name in before.namelist():
        if name in rewritten:
            continue
        assert before.read(name) == after.read(name), name  # the original's exact bytes
    # Content types and relationships: the same entries, plus the comments part's.
    assert _entries(before, "[Content_Types].xml") <= _entries(after, "[Content_Types].xml")
    added = _entries(after, "[Content_Types].xml") - _entries(before, "[Content_Types].xml")
    assert len(added) == 1 and "comments" in next(iter(added))
    rels_before = _entries(before, "word/_rels/document.xml.rels", "Id")
    rels_after = _entries(after, "word/_rels/document.xml.rels", "Id")
    assert rels_before <= rels_after and len(rels_after - rels_before) == 1
    # Settings: only w:trackRevisions was added.
    settings = etree.fromstring(after.read("word/settings.xml"))
    settings.remove(settings.find(_W + "trackRevisions"))
    assert etree.tostring(settings, method="c14n") == _c14n(before.read("word/settings.xml"))
    # Document: every paragraph no change touches is byte-identical, in the same place; and
    # the structure around paragraphs (tables, sections) is unchanged.
    old_body = etree.fromstring(before.read("word/document.xml"))
    new_body = etree.fromstring(after.read("word/document.xml"))
    old_paragraphs = list(old_body.iter(_W + "p"))
    new_paragraphs = list(new_body.iter(_W + "p"))
    assert len(old_paragraphs) == len(new_paragraphs)
    edited = {
        index
        for index, p in enumerate(new_paragraphs)
        if p.find(f".//{_W}ins") is not None or p.find(f".//{_W}del") is not None
    }
    assert edited
    for index, (old, new) in enumerate(zip(old_paragraphs, new_paragraphs, strict=True)):
        if index not in edited:
            assert etree.tostring(old) == etree.tostring(new)
    for paragraph in [*old_body.iter(_W + "p")]:
        paragraph.getparent().remove(paragraph)
    for paragraph in [*new_body.iter(_W + "p")]:
        paragraph.getparent().remove(paragraph)
    assert etree.tostring(old_body, method="c14n") == etree.tostring(new_body, method="c14n")
    del text, changes


def _c14n(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


def _entries(archive: zipfile.ZipFile, name: str, key: str = "") -> set[str]:
    root = etree.fromstring(archive.read(name))
    if key:
        return {f"{e.get(key)} {e.get('Type')} {e.get('Target')}" for e in root}
    return {etree.tostring(e, method="c14n").decode() for e in root}


def test_docx_write_clean_copy_has_no_revisions_and_the_new_text() -> None:
    path = SAMPLES[0]
    data, text, changes, _ = _rewritten(path.name)
    clean = write_docx(data, path.name, changes, tracked=False).data
    document = _xml(clean, "word/document.xml")
    assert document.find(f".//{_W}ins") is None and document.find(f".//{_W}del") is None
    assert "word/comments.xml" not in zipfile.ZipFile(io.BytesIO(clean)).namelist()
    assert extract_docx(clean, "propre.docx").text == _expected(text, changes)


def test_docx_write_refuses_changes_to_fields_lists_letterhead_and_across_paragraphs() -> None:
    data = docx_with_body(
        '<w:p><w:r><w:t xml:space="preserve">Bonjour </w:t></w:r>'
        '<w:fldSimple w:instr=" MERGEFIELD Nom "><w:r><w:t>«Nom»</w:t></w:r></w:fldSimple>'
        "<w:r><w:t>, votre demande est afférente au dossier.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Cordialement.</w:t></w:r></w:p>",
        header="<w:p><w:r><w:t>Mairie de Lormont</w:t></w:r></w:p>",
    )
    letter = extract_docx(data, "m.docx")
    text = letter.text
    field = text.index("«Nom»")
    word = text.index("afférente")
    changes = [
        Change(field, field + 5, "Dupont", "", "X", "g1"),
        Change(field - 3, field + 2, "jour", "", "X", "g2"),
        Change(word, word + 9, "liée", "[JAR-001] Mot courant.", "JAR-001", "g3"),
        Change(text.index("dossier"), text.index("Cordialement") + 3, "", "", "X", "g4"),
        Change(0, 5, "Ville", "", "X", "g5"),
        Change(text.index("est"), text.index("est") + 3, "sera", "", "Y", "g1"),  # with g1
    ]
    written = write_docx(data, "m.docx", changes, date=WHEN)
    reasons: dict[str, str] = {}
    for change, reason in written.refused:
        reasons[change.group] = reasons.get(change.group, "") + reason + " | "
    assert [c.group for c in written.applied] == ["g3"]
    assert "champ de fusion « Nom »" in reasons["g1"]
    assert "va avec une autre modification" in reasons["g1"]  # the other change of g1
    assert "champ" in reasons["g2"]
    assert "plusieurs paragraphes" in reasons["g4"]
    assert "en-tête" in reasons["g5"]
    assert text_after(written.data, "m.docx", accept=True) == text.replace("afférente", "liée")


def test_docx_write_two_insertions_at_one_place_keep_their_order() -> None:
    data = make_docx("Vous devez payer.")
    letter = extract_docx(data, "l.docx")
    at = letter.text.index(" payer")
    changes = [Change(at, at, " bien", "a"), Change(at, at, " vite", "b")]
    output = write_docx(data, "l.docx", changes, date=WHEN).data
    assert text_after(output, "l.docx", accept=True).startswith("Vous devez bien vite payer.")


def test_docx_write_line_breaks_and_tabs_in_a_replacement_become_word_breaks() -> None:
    data = make_docx("Il faut un justificatif, une photo et un formulaire.")
    letter = extract_docx(data, "l.docx")
    start = letter.text.index(", une photo")
    change = Change(start, start + len(", une photo et "), " :\n- une photo\n- ", "liste")
    output = write_docx(data, "l.docx", [change], date=WHEN).data
    inserted = _xml(output, "word/document.xml").find(f".//{_W}ins/{_W}r")
    assert [etree.QName(child).localname for child in inserted] == ["t", "br", "t", "br", "t"]
    assert text_after(output, "l.docx", accept=True).startswith(
        "Il faut un justificatif :\n- une photo\n- un formulaire."
    )


def test_docx_write_never_modifies_its_input() -> None:
    path = SAMPLES[0]
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    letter = extract_docx(data, path.name)
    start = letter.text.index("Madame,")
    write_docx(data, path.name, [Change(start, start + 6, "Bonjour", "c")])
    assert hashlib.sha256(data).hexdigest() == digest
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
