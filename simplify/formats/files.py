"""Read a letter from any supported file, and write a rewritten letter to any supported file.

The file's bytes decide its format (a .docx renamed .pdf is still read as Word); readers of
binary formats run in a child process with a time and memory cap, so a hostile file is refused
rather than waited for. Input files are only ever read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from simplify.formats.errors import FormatError
from simplify.formats.model import Change, Extracted, Written
from simplify.formats.safety import explain_ole, open_zip, run_limited, sniff
from simplify.inputs import InputError, decode_input
from simplify.rewrite.planner import Revision
from simplify.rules.registry import RuleSet
from simplify.shape import Shape

MAX_FILE_BYTES = 30_000_000  # a Word letter with a scanned signature and logos stays far below
TEXT_FORMATS = {
    ".txt": "text",
    ".text": "text",
    "": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
FILE_FORMATS = {".docx": "docx", ".docm": "docx", ".odt": "odt", ".pdf": "pdf"}
OUTPUT_FORMATS = {
    ".docx": "docx",
    ".odt": "odt",
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
}
UNREAD_FORMATS = {
    ".doc": "ancien format Word (.doc) ; ouvrez-le dans Word ou LibreOffice et enregistrez-le "
    "au format .docx",
    ".rtf": "format RTF non lu ; enregistrez la lettre au format .docx",
    ".pages": "format Pages non lu ; exportez la lettre au format .docx",
    ".xlsx": "c'est un tableur, pas une lettre ; enregistrez la lettre au format .docx",
}


def read_letter_file(path: str) -> tuple[Extracted, bytes]:
    """The letter in a file, and the file's bytes (for writing the changes back)."""
    file = Path(path)
    if not file.exists():
        raise FormatError(f"{path} : fichier introuvable")
    if file.is_dir():
        raise FormatError(f"{path} : c'est un dossier ; donnez le chemin d'un fichier")
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FormatError(
                f"{path} : fichier trop gros ({size // 1_000_000} Mo, au plus "
                f"{MAX_FILE_BYTES // 1_000_000} Mo) ; retirez les images lourdes"
            )
        data = file.read_bytes()
    except OSError as error:
        raise FormatError(f"{path} : lecture impossible ({error.strerror})") from error
    return read_letter(path, data), data


def read_letter(name: str, data: bytes) -> Extracted:
    """Read a letter from bytes; `name` gives the suffix and is used in messages."""
    suffix = Path(name).suffix.lower()
    kind = sniff(data)
    if kind == "ole":
        raise explain_ole(name, data)
    if kind == "zip":
        return _read_zip(name, data)
    if kind == "pdf":
        from simplify.formats.pdf_read import extract_pdf

        return run_limited(name, extract_pdf, data, name)
    if suffix in UNREAD_FORMATS:
        raise FormatError(f"{name} : {UNREAD_FORMATS[suffix]}")
    if suffix in FILE_FORMATS:
        raise FormatError(
            f"{name} : ce n'est pas un fichier {suffix} valide (contenu illisible ou tronqué) ; "
            f"réenregistrez-le depuis votre traitement de texte"
        )
    fmt = TEXT_FORMATS.get(suffix, "text")
    if fmt == "html" or (fmt == "text" and _looks_like_html(data)):
        from simplify.formats.html_read import extract_html

        return run_limited(name, extract_html, data, name)
    try:
        letter = decode_input(name, data, markdown=fmt == "markdown")
    except InputError as error:
        raise FormatError(str(error)) from error
    text = letter.text.replace("\r\n", "\n").replace("\r", "\n")
    return Extracted(
        name=name,
        format=fmt,
        text=text,
        shape=Shape(source=fmt),
        markdown=letter.markdown,
        encoding=letter.encoding,
    )


def _read_zip(name: str, data: bytes) -> Extracted:
    # Only the archive's directory is read here, to pick the reader; the reader checks the
    # whole archive (sizes, ratios, DTDs) in the capped process before parsing anything.
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FormatError(
            f"{name} : fichier abîmé ou incomplet (archive illisible : {error}) ; "
            f"réenregistrez-le depuis votre traitement de texte"
        ) from error
    if "word/document.xml" in members:
        from simplify.formats.word import extract_docx

        return run_limited(name, extract_docx, data, name)
    if "content.xml" in members and "mimetype" in members:
        mimetype = open_zip(name, data).read("mimetype")[:100]
        if b"opendocument.text" in mimetype:
            from simplify.formats.odt_read import extract_odt

            return run_limited(name, extract_odt, data, name)
        kind = mimetype.decode(errors="replace")
        raise FormatError(
            f"{name} : document OpenDocument qui n'est pas un texte ({kind}) ; "
            f"enregistrez la lettre au format .odt ou .docx"
        )
    if "EncryptedPackage" in members:
        raise explain_ole(
            name,
            b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00",
        )
    raise FormatError(
        f"{name} : archive zip qui n'est ni un document Word (.docx) ni un document "
        f"OpenDocument (.odt) ; enregistrez la lettre dans l'un de ces formats"
    )


def _looks_like_html(data: bytes) -> bool:
    head = data[:1000].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


@dataclass(frozen=True)
class Output:
    data: bytes
    format: str
    applied: tuple[Change, ...]
    refused: tuple[tuple[Change, str], ...]
    notes: tuple[str, ...] = ()


def output_format(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        known = ", ".join(sorted(s for s in OUTPUT_FORMATS if s))
        raise FormatError(
            f"{path} : format de sortie inconnu ({suffix or 'sans extension'}) ; "
            f"choisissez parmi {known}"
        )
    return OUTPUT_FORMATS[suffix]


def write_letter(
    letter: Extracted,
    data: bytes,
    changes: Sequence[Change],
    new_text: str,
    fmt: str,
    *,
    tracked: bool = True,
    author: str = "simplify",
    date: datetime | None = None,
    title: str = "",
) -> Output:
    """The rewritten letter in format fmt. Word and ODF files get the changes put back into
    the original file (tracked or applied); a letter from PDF or text gets a new Word file
    with the changes tracked. Text formats get the rewritten text."""
    if fmt == "docx":
        if letter.format == "docx":
            written = run_write(
                letter.name,
                data,
                changes,
                tracked=tracked,
                author=author,
                date=date,
                expected=letter.text,
            )
            return Output(written.data, fmt, written.applied, written.refused)
        return _docx_from_letter(letter, changes, tracked, author, date, title)
    if fmt == "odt":
        if letter.format != "odt":
            raise FormatError(
                f"{letter.name} : la sortie .odt se fait à partir d'une lettre .odt ; "
                f"pour cette lettre, choisissez une sortie .docx"
            )
        from simplify.formats.odt_write import write_odt

        written = write_odt(
            data,
            letter.name,
            changes,
            tracked=tracked,
            author=author,
            date=date or datetime.now().astimezone(),
        )
        return Output(written.data, fmt, written.applied, written.refused)
    text = new_text
    if fmt == "text":
        from simplify.formats.text_write import letter_text

        body = letter_text(text)
    elif fmt == "markdown":
        from simplify.formats.text_write import letter_markdown

        body = letter_markdown(text, None)
    elif fmt == "html":
        from simplify.formats.html_write import letter_html

        body = letter_html(text, title=title or Path(letter.name).stem, shape=None)
    else:
        raise FormatError(f"format de sortie inconnu : {fmt}")
    return Output(body.encode("utf-8"), fmt, tuple(changes), ())


def run_write(
    name: str,
    data: bytes,
    changes: Sequence[Change],
    *,
    tracked: bool,
    author: str,
    date: datetime | None,
    expected: str | None,
) -> Written:
    from simplify.formats.docx_write import write_docx

    return write_docx(
        data, name, changes, tracked=tracked, author=author, date=date, expected_text=expected
    )


def _docx_from_letter(
    letter: Extracted,
    changes: Sequence[Change],
    tracked: bool,
    author: str,
    date: datetime | None,
    title: str,
) -> Output:
    from simplify.formats.docx_new import docx_from_text
    from simplify.formats.docx_read import read_docx_document, walk_document

    data, groups = docx_from_text(letter.text, title or Path(letter.name).stem)
    file_text = walk_document(read_docx_document(data, letter.name)).text
    moved: list[Change] = []
    originals: dict[Change, Change] = {}
    refused: list[tuple[Change, str]] = []
    for change in changes:
        span = groups.span(change.start, change.end)
        if span is None:
            refused.append((change, "la modification traverse plusieurs paragraphes"))
            continue
        placed = Change(
            span[0], span[1], change.replacement, change.comment, change.rule, change.group
        )
        moved.append(placed)
        originals[placed] = change
    written = run_write(
        letter.name, data, moved, tracked=tracked, author=author, date=date, expected=file_text
    )
    applied = tuple(originals[c] for c in written.applied)
    refused += [(originals[c], reason) for c, reason in written.refused]
    notes = (
        "Le fichier Word est créé à partir du texte de la lettre (présentation facile à lire : "
        "Arial 14, interligne 1,5) ; la mise en page d'origine n'est pas reprise.",
    )
    return Output(written.data, "docx", applied, tuple(refused), notes)


def changes_of(revision: Revision, rules: RuleSet) -> list[Change]:
    """The edits of a rewrite as changes for a writer, each with its explaining comment:
    the finding's message, what the change does, and why the rule asks for it."""
    changes = []
    for edit in revision.edits:
        rule = rules.find(edit.rule)
        parts = [edit.message.strip()]
        if edit.explanation and edit.explanation.strip() not in edit.message:
            parts.append(edit.explanation.strip())
        if rule is not None and rule.spec.why:
            parts.append(f"Pourquoi : {rule.spec.why.strip()}")
        comment = f"[{edit.rule}] " + "\n".join(parts)
        changes.append(
            Change(edit.start, edit.end, edit.replacement, comment, edit.rule, edit.suggestion)
        )
    return changes
