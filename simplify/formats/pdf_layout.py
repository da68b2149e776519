"""Layout facts of a PDF letter's body, measured from the glyph fonts and the line geometry.

The facts use the `code`s of the Word reader, with no origin: a PDF has no style to fix, so the
advice does not say where a setting is made ("réglé dans : …").
- "font-size": the dominant body size (by glyph count) is under 14 pt.
- "line-spacing": paragraphs whose baseline distance is under 1.6 × their font size.
  Measured on LibreOffice PDFs (Liberation Serif, Liberation Sans, DejaVu Sans at 11 pt):
  single spacing gives 1.15-1.16 × size, "1.15" 1.32-1.34, "1.5 lines" 1.72-1.75, double
  2.30-2.33. 1.6 tells "1.5 lines" from anything tighter for fonts whose natural line is at
  least 1.07 × their size (Word's 1.5 is 1.5 × the font's line, about 1.5 × 1.15 × size).
- "justified": paragraphs of 3 lines or more whose lines but the last end within 1.5 pt of one
  another and whose word gaps change from line to line (stretched spaces).
- "centred": paragraphs of 8 words or more centred on the text frame within 3 pt.
- "first-line-indent": paragraphs whose first line starts right of the next ones.
- "serif-font" (dominant font), "several-fonts" (families with 20 glyphs and 2 % of the body
  at least, symbol fonts left out), "italics" (one fact per italic stretch, at most 20),
  "hyphenation" (words cut at line ends), "no-page-numbers" (2 pages or more, none found).
Only the body is measured: the repeated letterhead and footer are the institution's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import pairwise

from simplify.formats.layout_common import (
    CENTRED_WORDS,
    MAX_SPAN_FACTS,
    MIN_POINTS,
    number_fr,
    paragraph_facts,
    serif_by_name,
)
from simplify.formats.pdf_lines import PdfLine
from simplify.formats.pdf_paragraphs import (
    INDENT_TOLERANCE_PT,
    LIST_MARKER,
    Assembly,
    Frame,
    Paragraph,
)
from simplify.shape import LayoutFact, Zone

ORIGIN = ""  # a PDF has no style to fix: the advice names no place where a setting is made
CM = 72 / 2.54  # points

LINE_PITCH_MIN_RATIO = 1.6
JUSTIFIED_FLUSH_PT = 1.5
JUSTIFIED_MIN_LINES = 3
JUSTIFIED_STRETCH = 0.05  # × size: spread of the mean word gap between lines
CENTRED_TOLERANCE_PT = 3.0
SECOND_FONT_MIN_CHARS = 20
SECOND_FONT_MIN_SHARE = 0.02

_SYMBOL_FONTS = ("symbol", "wingdings", "webdings", "opensymbol", "zapfdingbats", "dingbats")


def measure_layout(assembly: Assembly) -> list[LayoutFact]:
    """Layout facts of the body from the glyph styles and the line geometry."""
    body = [p for p in assembly.paragraphs if p.zone is None]
    styles = [
        style
        for paragraph in body
        for style in assembly.styles[paragraph.start : paragraph.end]
        if style is not None
    ]
    if not styles:
        return []
    facts: list[LayoutFact] = []
    sizes = Counter(style.size for style in styles)
    size = sizes.most_common(1)[0][0]
    if size < MIN_POINTS:
        facts.append(LayoutFact("font-size", 0, 0, f"{number_fr(size)} pt", ORIGIN, len(body)))
    fonts = Counter(style.font for style in styles)
    font = fonts.most_common(1)[0][0]
    if _is_serif(font):
        facts.append(LayoutFact("serif-font", 0, 0, font, ORIGIN, len(body)))
    families = Counter(
        style.family for style in styles if not style.family.lower().startswith(_SYMBOL_FONTS)
    )
    least = max(SECOND_FONT_MIN_CHARS, SECOND_FONT_MIN_SHARE * len(styles))
    used = [family for family, count in families.most_common() if count >= least]
    if len(used) > 1:
        facts.append(LayoutFact("several-fonts", 0, 0, ", ".join(used), ORIGIN, len(used)))
    facts.extend(_italics(assembly))
    found: dict[str, list[tuple[Paragraph, str]]] = defaultdict(list)
    for paragraph in body:
        lines = paragraph.lines
        if _is_justified(lines, assembly.frame):
            found["justified"].append((paragraph, "justifié"))
        elif _is_centred(paragraph, assembly):
            found["centred"].append((paragraph, "centré"))
        indent = _first_line_indent(lines)
        if indent is not None:
            found["first-line-indent"].append((paragraph, f"{number_fr(indent / CM)} cm"))
        pitch = _paragraph_pitch(lines)
        if pitch is not None and pitch < LINE_PITCH_MIN_RATIO * lines[0].size:
            found["line-spacing"].append((paragraph, f"{number_fr(pitch)} pt"))
    facts += paragraph_facts(
        {
            code: [(p.start, p.end, value, ORIGIN) for p, value in items]
            for code, items in found.items()
        }
    )
    if assembly.hyphenated:
        shown = ", ".join(assembly.hyphenated[:3])
        facts.append(LayoutFact("hyphenation", 0, 0, shown, ORIGIN, len(assembly.hyphenated)))
    if assembly.pages >= 2 and not assembly.page_numbers:
        facts.append(LayoutFact("no-page-numbers", 0, 0, f"{assembly.pages} pages", ORIGIN))
    return facts


def _is_serif(font: str) -> bool:
    return serif_by_name(font) is True


def _italics(assembly: Assembly) -> list[LayoutFact]:
    """One fact per stretch of italic text (the spaces between italic words do not cut it);
    its value is the text, as the Word reader gives it."""
    facts = []
    styles, text = assembly.styles, assembly.text
    start: int | None = None
    last = 0
    for position, style in enumerate([*styles, None]):
        character = text[position] if position < len(text) else "\n"
        if style is not None and style.italic:
            start = position if start is None else start
            last = position + 1
        elif style is None and character in " \u00a0\u202f" and start is not None:
            continue
        elif start is not None:
            stretch = text[start:last]
            if sum(c.isalpha() for c in stretch) >= 2 and not _in_zones(start, assembly.zones):
                facts.append(LayoutFact("italics", start, last, stretch.strip()[:60], ORIGIN))
            start = None
    return facts[:MAX_SPAN_FACTS]


def _in_zones(offset: int, zones: Sequence[Zone]) -> bool:
    return any(zone.start <= offset < zone.end for zone in zones)


def _is_justified(lines: Sequence[PdfLine], frame: Frame) -> bool:
    if len(lines) < JUSTIFIED_MIN_LINES:
        return False
    ends = [line.x1 for line in lines[:-1]]
    if max(ends) - min(ends) > JUSTIFIED_FLUSH_PT or frame.right - max(ends) > 2 * lines[0].size:
        return False
    gaps = [line.word_gap for line in lines if line.word_gap is not None]
    return len(gaps) >= 2 and max(gaps) - min(gaps) > JUSTIFIED_STRETCH * lines[0].size


def _is_centred(paragraph: Paragraph, assembly: Assembly) -> bool:
    frame = assembly.frame
    if len(assembly.text[paragraph.start : paragraph.end].split()) < CENTRED_WORDS:
        return False
    return all(
        abs((line.x0 + line.x1) / 2 - frame.centre) <= CENTRED_TOLERANCE_PT
        and line.x0 - frame.left > 2 * line.size
        for line in paragraph.lines
    )


def _first_line_indent(lines: Sequence[PdfLine]) -> float | None:
    """How far the first line starts right of the others, for a paragraph of 2 lines or more
    (a list item's bullet hangs the other way)."""
    if len(lines) < 2 or LIST_MARKER.match(lines[0].text):
        return None
    indent = lines[0].x0 - lines[1].x0
    return indent if indent > INDENT_TOLERANCE_PT else None


def _paragraph_pitch(lines: Sequence[PdfLine]) -> float | None:
    pitches = sorted(
        line.baseline - previous.baseline
        for previous, line in pairwise(lines)
        if line.page == previous.page
    )
    return round(pitches[len(pitches) // 2], 1) if pitches else None
