"""A .docx read into the common form: text, shape (zones, fields, layout) and source map."""

from __future__ import annotations

from simplify.document import BlockKind, ProtectedKind
from simplify.formats.docx_layout import layout_facts
from simplify.formats.docx_read import Walk, read_docx_document, walk_document
from simplify.formats.errors import FormatError
from simplify.formats.model import Extracted, SourcePiece
from simplify.formats.safety import open_zip
from simplify.shape import Fixed, Shape, Zone

_STORY_PARTS = {"header": "en-tête", "body": "corps", "footer": "pied de page"}


def extract_docx(data: bytes, name: str) -> Extracted:
    """Read a Word file (after the zip checks). Runs in the capped child process."""
    archive = open_zip(name, data)
    if "word/document.xml" not in archive.namelist():
        raise FormatError(
            f"{name} : ce n'est pas un document Word (.docx) : la partie word/document.xml "
            f"manque ; enregistrez la lettre au format .docx"
        )
    document = read_docx_document(data, name)
    walk = walk_document(document)
    if not walk.text.strip():
        raise FormatError(f"{name} : le document ne contient pas de texte ; rien à analyser")
    notes = []
    if any(p.story == "header" for p in walk.paragraphs if p.end > p.start):
        notes.append(
            "L'en-tête et le pied de page (papier à en-tête) sont lus mais ni signalés ni modifiés."
        )
    return Extracted(
        name=name,
        format="docx",
        text=walk.text,
        shape=Shape(
            zones=zones_of(walk),
            fixed=fixed_of(walk),
            layout=layout_facts(walk, document),
            source="docx",
        ),
        source=source_of(walk),
        notes=tuple(notes),
    )


def zones_of(walk: Walk) -> tuple[Zone, ...]:
    zones = []
    for story in ("header", "footer"):
        found = walk.story_range(story)
        if found is not None:
            zones.append(Zone(found[0], found[1], BlockKind.HEADER))
    zones += [
        Zone(p.start, p.end, BlockKind.HEADING)
        for p in walk.paragraphs
        if p.heading and p.story == "body" and p.end > p.start
    ]
    return tuple(zones)


def fixed_of(walk: Walk) -> tuple[Fixed, ...]:
    fixed = [
        Fixed(a.start, a.end, ProtectedKind.PLACEHOLDER, a.name or a.kind) for a in walk.atomics
    ]
    fixed += [
        Fixed(p.start, p.start + len(p.marker), ProtectedKind.MARKUP, "liste")
        for p in walk.paragraphs
        if p.marker
    ]
    return tuple(sorted(fixed, key=lambda f: (f.start, f.end)))


def source_of(walk: Walk) -> tuple[SourcePiece, ...]:
    pieces = []
    counters: dict[str, int] = {}
    numbers: dict[int, int] = {}
    for index, paragraph in enumerate(walk.paragraphs):
        counters[paragraph.story] = counters.get(paragraph.story, 0) + 1
        numbers[index] = counters[paragraph.story]
    run_numbers: dict[int, int] = {}
    for piece in walk.pieces:
        if piece.kind == "newline":
            continue
        paragraph = walk.paragraphs[piece.paragraph]
        where = f"{_STORY_PARTS[paragraph.story]}, paragraphe {numbers[piece.paragraph]}"
        if piece.run is not None:
            if id(piece.run) not in run_numbers:
                parent = piece.run.getparent()
                run_numbers[id(piece.run)] = list(parent).index(piece.run) + 1
            where += f", segment {run_numbers[id(piece.run)]}"
        elif piece.kind == "marker":
            where += ", numéro de liste"
        pieces.append(SourcePiece(piece.start, piece.end, where))
    return tuple(pieces)
