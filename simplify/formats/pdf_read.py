"""Read a PDF letter: printed lines rebuilt into paragraphs, the repeated letterhead and footer
kept once, page numbers dropped, and layout facts measured from the fonts.

This module checks the file (refusing in French what cannot be read: not a PDF, cut short,
damaged, password-protected, scanned) and assembles the text. A PDF holds glyphs at positions,
not paragraphs: `pdf_lines` groups pdfplumber's glyphs into printed lines, `pdf_paragraphs`
rebuilds the paragraphs, finds the repeated letterhead and footer and re-joins words cut at a
line end, and `pdf_layout` measures the layout facts of the body. The letterhead comes once at
the start of the text and the footer once at the end, each inside a HEADER zone. Each paragraph
becomes one line of text and paragraphs are separated by a blank line, like every reader of the
project.

Library choice, measured with `.venv/bin/python -m benchmarks.evaluate_pdf` (method in that
module: the 45 corpus letters printed by reportlab in four layouts, 25 of them on two pages, and
the 20 Word letters of `corpora/word` converted by LibreOffice 7, 9 on two pages; pypdf 7.1 gets
the same paragraph rebuild over its layout mode). Words: difflib ratio on word tokens;
boundaries: paragraph starts, precision and recall; placeholders found whole in one paragraph:

    reportlab (45 PDFs, 73 pages)   words  bound. P  bound. R  placeholders  ms/page
    pdfplumber + rebuild            1.000     0.999     1.000       201/201   67-105
    pypdf layout + rebuild          0.993     0.845     0.997       201/201     7-11
    pypdf extract_text, lines       0.935     0.606     0.999       195/201      6-8
    pdfplumber extract_text, lines  0.961     0.616     1.000       195/201   87-106
    LibreOffice (20 PDFs, 29 pages)
    pdfplumber + rebuild            0.999     0.994     0.975       167/167  121-176
    pypdf layout + rebuild          0.997     0.727     0.998       167/167    50-96
    pypdf extract_text, lines       0.985     0.598     0.896       160/167    23-40
    pdfplumber extract_text, lines  0.985     0.598     0.896       160/167   77-124

pdfplumber wins: its glyph positions make the paragraph rebuild right (boundary precision
0.99-1.00 against 0.73-0.85 for pypdf's character grid, whose line lengths do not follow the
real widths), and only it gives each glyph's font and size for the layout facts. pypdf is
faster, but a letter page takes a tenth of a second or so either way (two runs on a shared
machine, hence the ranges).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence

from simplify.document import BlockKind
from simplify.formats.errors import FormatError
from simplify.formats.model import Extracted
from simplify.formats.pdf_layout import measure_layout
from simplify.formats.pdf_lines import PdfLine, PdfPage, glyph_lines
from simplify.formats.pdf_paragraphs import (
    OPENING,
    Assembly,
    ParagraphWriter,
    group_lines,
    measure_frame,
    repeated_lines,
)
from simplify.formats.safety import sniff
from simplify.shape import Shape, Zone

# PdfLine and PdfPage too: the benchmark builds pages from pypdf's lines for assemble().
__all__ = ["Assembly", "PdfLine", "PdfPage", "assemble", "extract_pdf"]

# Scans: fewer glyphs than this per page, with images on the pages, is a scan.
SCAN_MIN_CHARS_PER_PAGE = 20


# --------------------------------------------------------------------------- entry point


def extract_pdf(data: bytes, name: str) -> Extracted:
    """Read a PDF letter; raise FormatError (in French) for what cannot be read."""
    if sniff(data) != "pdf":
        raise FormatError(
            f"{name} : ce fichier n'est pas un PDF (son contenu ne commence pas par « %PDF ») ; "
            f"vérifiez que vous avez choisi le bon fichier"
        )
    if b"%%EOF" not in data[-4096:]:
        raise FormatError(
            f"{name} : fichier PDF incomplet (la fin du fichier manque : il a sans doute été "
            f"coupé pendant un envoi ou un téléchargement) ; récupérez-le ou exportez-le de "
            f"nouveau, puis réessayez"
        )
    pages, facts, notes = _read_pages(data, name)
    _refuse_scans(pages, name)
    assembly = assemble(pages)
    empty = [str(page.number) for page in pages if not page.lines]
    if empty:
        plural = "s" if len(empty) > 1 else ""
        notes.append(
            f"Page{plural} {', '.join(empty)} sans texte (image ou page scannée) : non lue{plural}."
        )
    fonts = sorted({style.font for style in assembly.styles if style is not None})
    facts["fonts"] = ", ".join(fonts)
    shape = Shape(
        zones=tuple(assembly.zones),
        layout=tuple(measure_layout(assembly)),
        source="pdf",
        facts=facts,
    )
    return Extracted(
        name=name,
        format="pdf",
        text=assembly.text,
        shape=shape,
        source=tuple(assembly.source),
        notes=(*assembly.notes, *notes),
        extra={"pages": str(len(pages)), "library": "pdfplumber"},
    )


def _read_pages(data: bytes, name: str) -> tuple[list[PdfPage], dict[str, str], list[str]]:
    """Pages with their printed lines, file facts, and notes on what was left out."""
    import pdfplumber

    pages: list[PdfPage] = []
    rotated = unreadable = 0
    facts: dict[str, str] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                producer = pdf.metadata.get("Producer") or pdf.metadata.get("Creator")
                if isinstance(producer, str) and producer:
                    facts["producer"] = producer
                for page in pdf.pages:
                    lines, turned, missing = glyph_lines(page.page_number, page.chars)
                    rotated += turned
                    unreadable += missing
                    size = (float(page.width), float(page.height))
                    pages.append(PdfPage(page.page_number, *size, tuple(lines), len(page.images)))
    except Exception as error:  # pdfminer raises many kinds of errors on bad files
        raise _explain(name, error) from error
    if not pages:
        raise FormatError(f"{name} : ce PDF ne contient aucune page ; vérifiez le fichier")
    facts["pages"] = str(len(pages))
    facts["page-size"] = _page_size(pages[0].width, pages[0].height)
    notes = []
    if rotated:
        notes.append(f"Texte vertical ou tourné ignoré ({rotated} caractères).")
    if unreadable:
        plural = "s" if unreadable > 1 else ""
        notes.append(
            f"{unreadable} caractère{plural} illisible{plural} (police sans table de "
            f"caractères) remplacé{plural} par « \ufffd »."
        )
    return pages, facts, notes


def _explain(name: str, error: BaseException) -> FormatError:
    """A FormatError in French for whatever pdfminer raised."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
        if current is None and chain[-1].args and isinstance(chain[-1].args[0], BaseException):
            current = chain[-1].args[0]  # pdfplumber wraps pdfminer's error in its arguments
    kinds = " ".join(type(item).__name__ for item in chain)
    if "Password" in kinds or "Encryption" in kinds:
        return FormatError(
            f"{name} : ce PDF est protégé par un mot de passe ; ouvrez-le avec son mot de "
            f"passe et enregistrez-en une copie sans protection (ou demandez le document "
            f"d'origine), puis réessayez"
        )
    return FormatError(
        f"{name} : fichier PDF abîmé, impossible à lire ({type(chain[-1]).__name__}) ; "
        f"exportez-le de nouveau depuis le logiciel qui l'a produit, puis réessayez"
    )


def _refuse_scans(pages: Sequence[PdfPage], name: str) -> None:
    chars = sum(len(line.text.replace(" ", "")) for page in pages for line in page.lines)
    if chars >= SCAN_MIN_CHARS_PER_PAGE * len(pages):
        return
    if any(page.images for page in pages):
        raise FormatError(
            f"{name} : ce PDF est une image scannée, sans texte que l'outil puisse lire ; "
            f"demandez le document d'origine (Word ou LibreOffice), ou passez d'abord le PDF "
            f"dans un logiciel de reconnaissance de caractères (OCR), puis réessayez"
        )
    if chars == 0:
        raise FormatError(
            f"{name} : ce PDF ne contient aucun texte lisible (pages vides, ou texte dessiné "
            f"comme une image) ; demandez le document d'origine (Word ou LibreOffice)"
        )


def _page_size(width: float, height: float) -> str:
    short, long = sorted((round(width), round(height)))
    if abs(short - 595) <= 2 and abs(long - 842) <= 2:
        return "A4"
    if abs(short - 612) <= 2 and abs(long - 792) <= 2:
        return "Letter"
    return f"{width:.0f} × {height:.0f} pt"


# --------------------------------------------------------------------------- lines into text


def assemble(pages: Sequence[PdfPage]) -> Assembly:
    """The text of the pages: repeated letterhead first, body paragraphs, repeated footer last.
    Works on PdfLines from any source (the benchmark feeds it pypdf's lines too)."""
    header, footer, dropped, stripped = repeated_lines(pages)
    header_lines: list[PdfLine] = []
    footer_lines: list[PdfLine] = []
    body: list[PdfLine] = []
    for page in pages:
        for index, line in enumerate(page.lines):
            spot = (page.number, index)
            kept = stripped.get(spot, line)
            if spot in dropped:
                continue
            if spot in header:
                if header[spot]:
                    header_lines.append(kept)
            elif spot in footer:
                if footer[spot]:
                    footer_lines.append(kept)
            else:
                body.append(kept)
    frame = measure_frame(body or header_lines + footer_lines, pages)
    writer = ParagraphWriter()
    tops = [writer.paragraph(group, BlockKind.HEADER) for group in group_lines(header_lines, frame)]
    opening = next((i for i, line in enumerate(body) if OPENING.match(line.text)), None)
    for group in group_lines(body, frame, opening=-1 if opening is None else opening):
        writer.paragraph(group, None)
    bottoms = [
        writer.paragraph(group, BlockKind.HEADER) for group in group_lines(footer_lines, frame)
    ]
    zones = [
        Zone(paragraphs[0].start, paragraphs[-1].end, BlockKind.HEADER)
        for paragraphs in (tops, bottoms)
        if paragraphs
    ]
    page_numbers = len(dropped) + len(stripped)
    notes = []
    if header_lines:
        notes.append(
            f"En-tête répété sur {len({page for page, _ in header})} pages "
            f"({_lines_fr(len(header_lines))}) : gardé une seule fois, au début du texte."
        )
    if footer_lines:
        notes.append(
            f"Pied de page répété sur {len({page for page, _ in footer})} pages "
            f"({_lines_fr(len(footer_lines))}) : gardé une seule fois, à la fin du texte."
        )
    if page_numbers:
        notes.append(f"Numéros de page retirés ({page_numbers}).")
    if writer.hyphenated:
        plural = "s" if len(writer.hyphenated) > 1 else ""
        example = writer.hyphenated[0].replace("-", "", 1)
        notes.append(
            f"{len(writer.hyphenated)} mot{plural} coupé{plural} en fin de ligne "
            f"recollé{plural} (par exemple « {example} »)."
        )
    return Assembly(
        text="".join(writer.chunks),
        paragraphs=writer.paragraphs,
        source=writer.source,
        zones=zones,
        notes=notes,
        styles=writer.styles,
        hyphenated=writer.hyphenated,
        page_numbers=page_numbers,
        pages=len(pages),
        frame=frame,
    )


def _lines_fr(count: int) -> str:
    return f"{count} ligne{'s' if count > 1 else ''}"
