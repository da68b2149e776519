"""Reading any file: the bytes decide the format; bad files get a clear French message (what is
wrong, what to do), never a traceback nor a hang; inputs are never modified."""

from __future__ import annotations

import hashlib
import io
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, make_docx

from simplify.formats.errors import FormatError
from simplify.formats.files import read_letter, read_letter_file
from simplify.formats.safety import OLE_MAGIC, run_limited

LETTER = "Madame,\n\nVous devez envoyer le formulaire avant le 12 mars 2026.\n\nCordialement."


def test_files_read_docx_by_its_content_whatever_its_name() -> None:
    letter = read_letter("lettre.pdf", make_docx(LETTER))  # misnamed: still Word
    assert letter.format == "docx"
    assert "Vous devez envoyer le formulaire" in letter.text


def test_files_read_text_in_windows_1252_and_normalise_line_ends() -> None:
    letter = read_letter("lettre.txt", "Madame,\r\n\r\nVous êtes convoqué.\r\n".encode("cp1252"))
    assert letter.format == "text"
    assert letter.text == "Madame,\n\nVous êtes convoqué.\n"
    assert letter.encoding == "cp1252"


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("tronque.docx", make_docx(LETTER)[:3000], "abîmé ou incomplet"),
        ("abime.docx", b"PK\x03\x04" + b"\x00" * 200, "abîmé ou incomplet"),
        ("vide.docx", b"", "ce n'est pas un fichier .docx valide"),
        ("texte.docx", b"Bonjour, ceci n'est pas un document Word.", "pas un fichier .docx"),
        ("archive.docx", _zip({"notes.txt": b"rien"}), "ni un document Word"),
        ("ancien.doc", OLE_MAGIC + b"\x00" * 600, "ancien format Word (.doc)"),
        (
            "protege.docx",
            OLE_MAGIC + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100,
            "protégé par un mot de passe",
        ),
        ("lettre.rtf", b"{\\rtf1\\ansi Madame,}", "RTF"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "fichier binaire"),
    ],
)
def test_files_bad_file_gets_a_clear_message(name: str, data: bytes, expected: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_letter(name, data)
    message = str(caught.value)
    assert message.startswith(name)
    assert expected in message
    assert "Traceback" not in message


def test_files_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = _zip({"word/document.xml": b"\x00" * 150_000_000})
    assert len(bomb) < 1_000_000
    started = time.perf_counter()
    with pytest.raises(FormatError, match="archive suspecte"):
        read_letter("bombe.docx", bomb)
    assert time.perf_counter() - started < 5


def test_files_xml_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("MOT-DE-PASSE-SECRET", encoding="utf-8")
    data = make_docx("Bonjour &xxe; fin.")
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    document = members["word/document.xml"].decode("utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    document = document.replace("?>", "?>" + doctype, 1).replace("&amp;xxe;", "&xxe;")
    members["word/document.xml"] = document.encode("utf-8")
    hostile = _zip(members)
    with pytest.raises(FormatError, match="refusé par sécurité") as caught:
        read_letter("hostile.docx", hostile)
    assert "MOT-DE-PASSE-SECRET" not in str(caught.value)


def _sleep_forever() -> None:
    time.sleep(60)


def _swell() -> int:
    return len(bytearray(4_000_000_000))


def test_files_a_parser_that_hangs_is_stopped() -> None:
    started = time.perf_counter()
    with pytest.raises(FormatError, match="plus de 1 s"):
        run_limited("lent.docx", _sleep_forever, seconds=1)
    assert time.perf_counter() - started < 5


def test_files_a_parser_that_swells_is_stopped() -> None:
    with pytest.raises(FormatError, match="mémoire"):
        run_limited("gros.docx", _swell, memory=500_000_000)


def test_files_reading_never_modifies_the_input(tmp_path: Path) -> None:
    path = tmp_path / "lettre.docx"
    path.write_bytes(make_docx(LETTER))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    modified = path.stat().st_mtime_ns
    read_letter_file(str(path))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert path.stat().st_mtime_ns == modified


def test_files_missing_and_directory_paths() -> None:
    with pytest.raises(FormatError, match="introuvable"):
        read_letter_file("nulle-part.docx")
    with pytest.raises(FormatError, match="dossier"):
        read_letter_file(str(ROOT / "corpora"))


def test_files_pdf_letter_comes_back_as_word_with_tracked_changes() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from simplify.formats.docx_write import text_after
    from simplify.formats.files import write_letter
    from simplify.formats.model import Change

    output = io.BytesIO()
    page = canvas.Canvas(output, pagesize=A4)
    page.setFont("Helvetica", 12)
    for number, line in enumerate(
        ["Madame,", "", "Les pièces afférentes à votre dossier sont à envoyer avant le 3 mars."]
    ):
        page.drawString(72, 760 - 18 * number, line)
    page.save()
    letter = read_letter("lettre.pdf", output.getvalue())
    assert letter.format == "pdf"
    start = letter.text.index("afférentes à")
    change = Change(start, start + len("afférentes à"), "liées à", "[JAR-001] Mot courant.")
    result = write_letter(letter, b"", [change], "", "docx", author="Atelier")
    assert result.refused == () and len(result.applied) == 1
    accepted = text_after(result.data, "lettre.docx", accept=True)
    assert "Les pièces liées à votre dossier sont à envoyer avant le 3 mars." in accepted
    rejected = text_after(result.data, "lettre.docx", accept=False)
    assert "Les pièces afférentes à votre dossier" in rejected
