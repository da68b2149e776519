"""A real client reads what we write: LibreOffice (headless) opens our Word files.

It must list each of our revisions as a tracked change, show each comment, and keep the
untouched text; a clean copy must read, in LibreOffice, exactly as the rewritten letter.
Without LibreOffice these tests skip and say so; CI sets SIMPLIFY_REQUIRE_LIBREOFFICE=1 so
that they fail there instead.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, soffice
from lxml import etree

from simplify.document import BlockKind
from simplify.formats.files import changes_of, read_letter, write_letter
from simplify.formats.model import Change
from simplify.formats.word import extract_docx
from simplify.rewrite.planner import rewrite
from simplify.rules.registry import load_builtin

LETTERS = ["02-aide-urgence-ccas", "40-plan-reglement-impot-revenu"]  # template; tables, list
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AUTHOR = "Atelier FALC"


@dataclass
class Case:
    name: str
    original_text: str
    changes: list[Change]
    tracked: bytes
    expected_text: str  # the letter once the changes are applied
    body_text: str  # the same, without the letterhead (LibreOffice's text export omits it)
    odt: bytes  # LibreOffice's conversion of the tracked file
    clean_txt: str  # LibreOffice's text export of the clean file
    fields: list[tuple[int, int]]  # fields LibreOffice computes again (page numbers, dates)


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    command = soffice()
    folder = tmp_path_factory.mktemp("libreoffice")
    rules = load_builtin()
    prepared = []
    for name in LETTERS:
        path = ROOT / "corpora" / "word" / f"{name}.docx"
        data = path.read_bytes()
        letter = read_letter(path.name, data)
        revision = rewrite(letter.text, only="all", shape=letter.shape, rules=rules)
        changes = changes_of(revision, rules)
        tracked = write_letter(letter, data, changes, revision.text, "docx", author=AUTHOR)
        clean = write_letter(letter, data, changes, revision.text, "docx", tracked=False)
        assert tracked.refused == () and clean.refused == ()
        (folder / f"{name}.docx").write_bytes(tracked.data)
        (folder / f"{name}-propre.docx").write_bytes(clean.data)
        fields = [(f.start, f.end) for f in letter.shape.fixed if f.label != "liste"]
        prepared.append((name, letter.text, changes, tracked.data, clean.data, fields))
    tracked_files = [str(folder / f"{name}.docx") for name in LETTERS]
    clean_files = [str(folder / f"{name}-propre.docx") for name in LETTERS]
    profile = f"-env:UserInstallation=file://{folder / 'profil'}"
    for target, files in (("odt", tracked_files), ("txt:Text (encoded):UTF8", clean_files)):
        subprocess.run(
            [
                command,
                profile,
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(folder),
                *files,
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    result = []
    for name, text, changes, tracked_data, clean_data, fields in prepared:
        clean_letter = extract_docx(clean_data, "propre.docx")
        body = clean_letter.text
        for zone in clean_letter.shape.zones:
            if zone.kind is BlockKind.HEADER:
                body = body.replace(clean_letter.text[zone.start : zone.end], "")
        result.append(
            Case(
                name,
                text,
                changes,
                tracked_data,
                clean_letter.text,
                body,
                (folder / f"{name}.odt").read_bytes(),
                (folder / f"{name}-propre.txt").read_text(encoding="utf-8-sig"),
                fields,
            )
        )
    return result


def _content(odt: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(odt)).read("content.xml"))


def test_libreoffice_sees_every_revision_as_a_tracked_change(cases: list[Case]) -> None:
    for case in cases:
        ours = etree.fromstring(zipfile.ZipFile(io.BytesIO(case.tracked)).read("word/document.xml"))
        insertions = len(ours.findall(f".//{W}ins"))
        deletions = len(ours.findall(f".//{W}del"))
        content = _content(case.odt)
        regions = content.findall(f".//{{{TEXT}}}changed-region")
        seen_insertions = [r for r in regions if r.find(f"{{{TEXT}}}insertion") is not None]
        seen_deletions = [r for r in regions if r.find(f"{{{TEXT}}}deletion") is not None]
        assert insertions > 0 and deletions > 0
        assert len(seen_insertions) == insertions, case.name
        # LibreOffice splits a deletion that spans several runs into one region per run.
        assert len(seen_deletions) >= deletions, case.name
        creators = {e.text for e in content.iter(f"{{{DC}}}creator")}
        assert AUTHOR in creators


def test_libreoffice_sees_every_comment(cases: list[Case]) -> None:
    for case in cases:
        annotations = _content(case.odt).findall(f".//{{{OFFICE}}}annotation")
        assert len(annotations) == len(case.changes), case.name
        texts = ["".join(a.itertext()) for a in annotations]
        assert all("Pourquoi : " in text for text in texts)
        rules = {change.rule for change in case.changes}
        assert all(any(f"[{rule}]" in text for text in texts) for rule in rules)


def _paragraph_texts(odt: bytes) -> set[str]:
    """The text of every paragraph LibreOffice wrote (body, and headers and footers, which
    live in styles.xml), without the tracked-changes block and the comments."""
    archive = zipfile.ZipFile(io.BytesIO(odt))
    texts = set()
    for part in ("content.xml", "styles.xml"):
        root = etree.fromstring(archive.read(part))
        for skipped in [
            *root.iter(f"{{{TEXT}}}tracked-changes"),
            *root.iter(f"{{{OFFICE}}}annotation"),
        ]:
            skipped.getparent().remove(skipped)
        for spacing in root.iter(f"{{{TEXT}}}line-break", f"{{{TEXT}}}tab", f"{{{TEXT}}}s"):
            spacing.text = " "
        for paragraph in root.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h"):
            texts.add(" ".join("".join(paragraph.itertext()).split()))
    return texts


def test_libreoffice_keeps_the_untouched_text(cases: list[Case]) -> None:
    for case in cases:
        seen = _paragraph_texts(case.odt)
        touched = [(c.start, c.end) for c in case.changes] + case.fields
        untouched = 0
        position = 0
        for line in case.original_text.split("\n\n"):
            start, end = position, position + len(line)
            position = end + 2
            if not line.strip() or any(s <= end and start <= e for s, e in touched):
                continue
            words = " ".join(line.replace("\ufffc", "").split())
            assert words in seen, (case.name, words)
            untouched += 1
        assert untouched > 5


def test_libreoffice_reads_the_clean_copy_as_the_rewritten_letter(cases: list[Case]) -> None:
    for case in cases:
        ours = [" ".join(line.split()) for line in case.body_text.splitlines() if line.strip()]
        theirs = [" ".join(line.split()) for line in case.clean_txt.splitlines() if line.strip()]
        assert theirs == ours, case.name


def test_libreoffice_tests_run_on_real_files() -> None:
    """The corpus letters these checks use exist (the tests above are not vacuous)."""
    for name in LETTERS:
        assert Path(ROOT / "corpora" / "word" / f"{name}.docx").stat().st_size > 10_000
