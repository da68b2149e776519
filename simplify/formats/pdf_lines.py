"""Glyphs of a PDF page into printed lines, each character with its font and size.

pdfplumber gives every glyph with its font, size and position. A glyph belongs to the line whose
height range holds its middle; a gap wider than WORD_GAP is a space even if none is printed, and
a gap wider than COLUMN_GAP cuts the line in two (table cells, far tab stops). Ligatures are
spelt out, the list bullets of symbol fonts become their Unicode characters, glyphs printed
twice at one place (a fake bold) count once, and a soft hyphen at a line end is kept as a hyphen
marked as soft.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

WORD_GAP = 0.15  # × size: a wider gap between two glyphs is a space even if none is printed
COLUMN_GAP = 4.0  # × size: a wider gap cuts a printed line in two (table cells, far tab stops)

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_ITALIC_NAME = re.compile(r"(?i)italic|oblique|kursiv|(?<=[-,])it(?:$|[-,])")
_STYLE_SUFFIX = re.compile(
    r"(?i)(?:PSMT|PS|MT|Bold|Italic|Oblique|Regular|Book|Medium|Light|Semibold|Black)$"
)
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
# List bullets that Word and LibreOffice print from Symbol, Wingdings or OpenSymbol: their
# characters sit in the private use area.
_SYMBOL_BULLETS = {
    "\uf0b7": "•", "\uf0a7": "▪", "\uf0fc": "✓", "\uf0d8": "►", "\uf0e8": "►", "\uf076": "◆",
    "\uf06e": "■", "\uf0a8": "◦", "\uf02d": "-", "\uf0be": "—",
}  # fmt: skip
_CID = re.compile(r"^\(cid:\d+\)$")
_NO_BREAK_SPACES = frozenset("\u00a0\u202f\u2007")  # kept as they are: words they tie stay one
# Placeholders that must never be cut: opening mark, closing mark, and whether it must close
# within a short stretch of text (« and [ also open quotations and brackets; the lengths are
# in pdf_paragraphs).
PLACEHOLDER_MARKS = (
    ("{{", "}}", False), ("{%", "%}", False), ("{#", "#}", False), ("${", "}", False),
    ("«", "»", True), ("[", "]", True),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class GlyphStyle:
    """Font of one character: name without subset prefix, family, size in points."""

    font: str
    family: str
    size: float
    italic: bool


@dataclass(frozen=True)
class PdfLine:
    """One printed line (or one piece of it, cut at a wide gap), in points from the top left
    of its page; `baseline` grows downwards. `styles` has one entry per character of `text`
    (None for the spaces the reader put between words)."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    baseline: float
    size: float
    first_word_width: float  # what would have had to fit at the end of the line before
    space_width: float
    styles: tuple[GlyphStyle | None, ...] = ()
    word_gap: float | None = None  # mean gap between words: it varies in justified lines
    soft_hyphen: bool = False  # the line ends with a hyphen the file marks as a soft one


@dataclass(frozen=True)
class PdfPage:
    number: int
    width: float
    height: float
    lines: tuple[PdfLine, ...]
    images: int = 0


@dataclass(frozen=True, slots=True)
class _Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    style: GlyphStyle


def font_style(fontname: str, size: float, matrix: Sequence[float] | None = None) -> GlyphStyle:
    """The font of a glyph from its PDF font name; a sheared text matrix is a fake italic."""
    font = _SUBSET_PREFIX.sub("", fontname or "")
    family = re.split(r"[-,]", font, maxsplit=1)[0] if font else ""
    while (stripped := _STYLE_SUFFIX.sub("", family)) != family and stripped:
        family = stripped
    italic = bool(_ITALIC_NAME.search(font))
    if matrix is not None and len(matrix) >= 4 and matrix[3]:
        italic = italic or abs(matrix[2] / matrix[3]) > 0.15
    return GlyphStyle(font, family or font, round(float(size) * 2) / 2, italic)


def glyph_lines(page: int, chars: Sequence[dict[str, Any]]) -> tuple[list[PdfLine], int, int]:
    """Printed lines of a page from pdfplumber's characters, in reading order; also how many
    rotated glyphs were left out and how many glyphs had no known character."""
    glyphs: list[_Glyph] = []
    rotated = unreadable = 0
    for char in chars:
        if not char.get("upright", True):
            rotated += 1
            continue
        text = str(char.get("text", ""))
        if _CID.match(text):
            text = "\ufffd"
            unreadable += 1
        text = _LIGATURES.get(text, _SYMBOL_BULLETS.get(text, text))
        matrix = char.get("matrix")
        baseline = float(char["bottom"])
        if matrix is not None:  # pdfminer's box starts at the font's descent, not the baseline
            baseline += float(char["y0"]) - float(matrix[5])
        style = font_style(str(char.get("fontname", "")), float(char["size"]), matrix)
        glyphs.append(
            _Glyph(
                text,
                float(char["x0"]),
                float(char["x1"]),
                float(char["top"]),
                float(char["bottom"]),
                baseline,
                style,
            )
        )
    # A glyph belongs to the line whose height range holds its middle: superscripts ("1er")
    # and a bigger word stay on their line, the next line (a pitch lower) does not.
    glyphs.sort(key=lambda g: (g.top, g.x0))
    rows: list[list[_Glyph]] = []
    row_top = row_bottom = 0.0
    for glyph in glyphs:
        middle = (glyph.top + glyph.bottom) / 2
        if rows and row_top <= middle <= row_bottom:
            rows[-1].append(glyph)
            row_top, row_bottom = min(row_top, glyph.top), max(row_bottom, glyph.bottom)
        else:
            rows.append([glyph])
            row_top, row_bottom = glyph.top, glyph.bottom
    lines: list[PdfLine] = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        for piece in _cut_at_columns(_without_doubles(row)):
            line = _make_line(page, piece)
            if line is not None:
                lines.append(line)
    return lines, rotated, unreadable


def _without_doubles(row: list[_Glyph]) -> list[_Glyph]:
    """Glyphs printed twice at the same place (a fake bold) count once."""
    kept: list[_Glyph] = []
    for glyph in row:
        if any(
            other.text == glyph.text
            and abs(other.x0 - glyph.x0) <= 1.0
            and abs(other.top - glyph.top) <= 1.0
            for other in kept[-3:]
        ):
            continue
        kept.append(glyph)
    return kept


def _cut_at_columns(row: list[_Glyph]) -> list[list[_Glyph]]:
    pieces: list[list[_Glyph]] = [[]]
    last: _Glyph | None = None
    for glyph in row:
        if glyph.text.isspace():
            pieces[-1].append(glyph)
            continue
        if last is not None and glyph.x0 - last.x1 > COLUMN_GAP * max(last.style.size, 1.0):
            pieces.append([])
        pieces[-1].append(glyph)
        last = glyph
    return pieces


def _make_line(page: int, glyphs: list[_Glyph]) -> PdfLine | None:
    chars: list[str] = []
    ends: list[float] = []  # right edge of the glyph behind each character
    styles: list[GlyphStyle | None] = []
    gaps: list[float] = []
    inked: list[_Glyph] = []
    space_widths: list[float] = []
    pending_space = soft_hyphen = tied = False
    for glyph in glyphs:
        if glyph.text in _NO_BREAK_SPACES and inked and not tied:
            chars.append(glyph.text)
            ends.append(inked[-1].x1)
            styles.append(None)
            tied = True
            continue
        if not glyph.text or glyph.text.isspace():
            pending_space = bool(inked)
            if glyph.text == " ":
                space_widths.append(glyph.x1 - glyph.x0)
            continue
        if glyph.text == "\u00ad":  # a soft hyphen: printed only at a line end
            soft_hyphen = True
            continue
        soft_hyphen = False
        if inked and not tied:
            gap = glyph.x0 - inked[-1].x1
            if pending_space or gap > WORD_GAP * glyph.style.size:
                chars.append(" ")
                ends.append(inked[-1].x1)
                styles.append(None)
                gaps.append(gap)
        pending_space = tied = False
        chars.extend(glyph.text)
        ends.extend([glyph.x1] * len(glyph.text))
        styles.extend([glyph.style] * len(glyph.text))
        inked.append(glyph)
    if not inked:
        return None
    while chars and chars[-1] in _NO_BREAK_SPACES:
        del chars[-1], ends[-1], styles[-1]
    if soft_hyphen:
        chars.append("-")
        ends.append(inked[-1].x1)
        styles.append(inked[-1].style)
    text = "".join(chars)
    sizes = Counter(glyph.style.size for glyph in inked)
    size = sizes.most_common(1)[0][0]
    main = sorted(glyph.baseline for glyph in inked if glyph.style.size == size)
    x0 = inked[0].x0
    return PdfLine(
        page=page,
        text=text,
        x0=x0,
        x1=max(glyph.x1 for glyph in inked),
        top=min(glyph.top for glyph in inked),
        baseline=main[len(main) // 2],
        size=size,
        first_word_width=ends[_first_unit_end(text)] - x0,
        space_width=sorted(space_widths)[len(space_widths) // 2] if space_widths else size / 4,
        styles=tuple(styles),
        word_gap=sum(gaps) / len(gaps) if gaps else None,
        soft_hyphen=soft_hyphen,
    )


def _first_unit_end(text: str) -> int:
    """Index of the last character of what a layout engine moves to a new line as a whole:
    the first word, or the whole placeholder when the line starts with one, with what sticks
    to it ("«NOM»,")."""
    start = 0
    for opening, closing, _ in PLACEHOLDER_MARKS:
        if text.startswith(opening):
            close = text.find(closing, len(opening))
            if close >= 0:
                start = close + len(closing)
            break
    space = text.find(" ", start)
    return (space if space > 0 else len(text)) - 1
