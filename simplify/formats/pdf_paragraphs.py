"""Printed PDF lines into paragraphs: breaks, repeated letterhead and footer, hyphenated words.

Where a paragraph ends is decided from the geometry: a vertical gap wider than the line pitch
next to it, a change of size, a list bullet, an indented first line, or a line that ends short
(the first word of the next line would have fitted on it). Before the subject line or the
salutation, and in blocks pushed far to the right (recipient address, signature), lines are
short lines of their own: they are joined only when the next line starts in lowercase.

Lines of one paragraph are joined by a space. A word cut by a hyphen at a line end is re-joined
without it, unless the hyphen belongs to the word: the next line starts with a capital
("Saint-" / "Étienne"), a digit touches it ("2025-" / "0412"), the second part only comes after
a hyphen ("peut-" / "être", "rendez-" / "vous"), or the hyphenated form is clearly more frequent
in French than the joined one ("médico-social", "sous-préfecture"; wordfreq, see
COMPOUND_MARGIN); a prefix French writes joined ("pré", "télé"...) is always re-joined (word
tables in `simplify.lang.fr.hyphenation`). A placeholder cut by a line end (`{{ nom` / `}}`,
`«NOM` / `»`) always keeps its lines in one paragraph, joined by a space (no space around an
underscore: `{{ nom_` / `demandeur }}`).

Lines printed on at least half of the pages (and two at least) at the same height, with the
same text once digits are ignored, in the top 30 % or the bottom 20 % of the page, are the
letterhead or the footer. Page-number lines ("1/2", "Page 1 sur 2", "- 1 -") in those bands
are dropped.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from simplify.document import BlockKind
from simplify.formats.model import SourcePiece
from simplify.formats.pdf_lines import PLACEHOLDER_MARKS, GlyphStyle, PdfLine, PdfPage
from simplify.lang.fr.hyphenation import COMPOUND_TAILS, JOINED_PREFIXES
from simplify.readability.vocabulary import zipf
from simplify.shape import Zone

# Lines into paragraphs.
PARAGRAPH_GAP = 0.2  # × size (at least MIN_PARAGRAPH_GAP_PT) above the neighbouring pitch
MIN_PARAGRAPH_GAP_PT = 2.0
INDENT_TOLERANCE_PT = 2.0
FIRST_LINE_INDENT_MAX = 5.0  # × size: a deeper indent is another block, not a first line
ROOM_SLACK_PT = 1.0  # a line ends its paragraph when the next word fitted with this to spare
SIDE_BLOCK = 1 / 3  # of the text width: a block indented more holds short lines (address)

# Letterhead, footer and page numbers.
HEADER_BAND = 0.30  # top part of the page where a repeated line is letterhead
FOOTER_BAND = 0.20  # bottom part of the page where a repeated line is footer
SAME_PLACE_PT = 2.0  # a repeated line sits at the same height on every page

LIST_MARKER = re.compile(r"(?:[-–—•▪◦●■►◆✓*]|\d{1,2}[.)]|[a-z][.)])\s")
# The subject line or the salutation: before it, letterhead, address and reference lines are
# lines of their own.
OPENING = re.compile(
    r"^\s*(?:(?:Objet|OBJET|Object)\s*:|(?:(?:Chère|Cher)\s+)?(?:Madame|Monsieur|Mademoiselle|"
    r"Mesdames|Messieurs|Maître|Docteur|Bonjour)\b.{0,60}[,!]\s*$)"
)

_PAGE_NUMBER = r"(?:(?:page|p\.)\s*)?\d{1,3}(?:\s*(?:/|sur|de|of)\s*\d{1,3})?"
_PAGE_LINE = re.compile(rf"(?i)^[\s\-–—.()]*{_PAGE_NUMBER}[\s\-–—.()]*$")
_PAGE_PART = r"(?:(?:page|p\.)\s*\d{1,3}(?:\s*(?:/|sur|de|of)\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})"
_PAGE_PART_END = re.compile(rf"(?i)[\s\-–—|,]+{_PAGE_PART}\s*$")
_PAGE_PART_START = re.compile(rf"(?i)^\s*{_PAGE_PART}[\s\-–—|,]+")
# A placeholder whose mark is "short" in PLACEHOLDER_MARKS (« and [) must close within this.
_SHORT_PLACEHOLDER = 40
_LONG_PLACEHOLDER = 120  # an opening mark left open longer than this is not a placeholder

# Hyphens at a line end. Measured with wordfreq 3.1 on hyphenated words of the corpus letters
# and common compounds: a compound scores 1.55 ("auto-entrepreneur") to 3.8 ("bien-être") above
# its joined form, a word cut by hyphenation -0.6 ("Gi-ronde") to 1.34 ("ré-examen").
COMPOUND_MARGIN = 1.5


@dataclass
class Paragraph:
    """A rebuilt paragraph: its place in the text and the printed lines it comes from."""

    start: int
    end: int
    lines: list[PdfLine]
    zone: BlockKind | None = None


@dataclass
class Frame:
    """The text area of the document: margins, usual size and usual line pitch."""

    left: float = 0.0
    right: float = 0.0
    size: float = 0.0
    pitches: dict[float, float] = field(default_factory=dict)  # size -> usual pitch

    def pitch(self, size: float) -> float | None:
        return self.pitches.get(_size_key(size))

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@dataclass
class Assembly:
    """The text rebuilt from the lines of all pages, with what it took to get there."""

    text: str
    paragraphs: list[Paragraph]
    source: list[SourcePiece]
    zones: list[Zone]
    notes: list[str]
    styles: list[GlyphStyle | None]  # one per character of text
    hyphenated: list[str]  # words re-joined across a line end, as printed ("adminis-tration")
    page_numbers: int  # page-number lines or parts found
    pages: int
    frame: Frame


# --------------------------------------------------------------------------- repeated lines


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _band(line: PdfLine, page: PdfPage) -> str | None:
    if line.baseline <= page.height * HEADER_BAND:
        return "top"
    if line.baseline >= page.height * (1 - FOOTER_BAND):
        return "bottom"
    return None


Spot = tuple[int, int]  # (page number, line index)


def repeated_lines(
    pages: Sequence[PdfPage],
) -> tuple[dict[Spot, bool], dict[Spot, bool], set[Spot], dict[Spot, PdfLine]]:
    """Repeated letterhead and footer lines (True for the copy to keep), page-number lines to
    drop, and repeated lines with their page-number part cut off."""
    dropped: set[Spot] = set()
    places: dict[tuple[str, str], list[tuple[int, int, float]]] = defaultdict(list)
    for page in pages:
        for index, line in enumerate(page.lines):
            band = _band(line, page)
            if band is None:
                continue
            if _PAGE_LINE.match(line.text):
                dropped.add((page.number, index))
                continue
            places[(band, _key(line.text))].append((page.number, index, line.baseline))
    needed = max(2, (len(pages) + 1) // 2)
    header: dict[Spot, bool] = {}
    footer: dict[Spot, bool] = {}
    for (band, _), spots in places.items():
        remaining = sorted(spots)
        while remaining:
            anchor = remaining[0][2]
            same = [s for s in remaining if abs(s[2] - anchor) <= SAME_PLACE_PT]
            remaining = [s for s in remaining if abs(s[2] - anchor) > SAME_PLACE_PT]
            if len({number for number, _, _ in same}) < needed:
                continue
            target = header if band == "top" else footer
            for position, (number, index, _) in enumerate(same):
                target[(number, index)] = position == 0
    stripped: dict[Spot, PdfLine] = {}
    by_number = {page.number: page for page in pages}
    for spot in (*header, *footer):
        cut = _without_page_number(by_number[spot[0]].lines[spot[1]])
        if cut is not None:
            stripped[spot] = cut
    return header, footer, dropped, stripped


def _without_page_number(line: PdfLine) -> PdfLine | None:
    start, end = 0, len(line.text)
    if match := _PAGE_PART_END.search(line.text):
        end = match.start()
    elif match := _PAGE_PART_START.match(line.text):
        start = match.end()
    else:
        return None
    if not line.text[start:end].strip():
        return None
    return replace(line, text=line.text[start:end], styles=line.styles[start:end])


# --------------------------------------------------------------------------- lines into paragraphs


def _size_key(size: float) -> float:
    return round(size * 2) / 2


def measure_frame(lines: Sequence[PdfLine], pages: Sequence[PdfPage]) -> Frame:
    if not lines:
        return Frame(0.0, pages[0].width if pages else 0.0, 0.0, {})
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[_size_key(line.size)] += len(line.text)
    size = sizes.most_common(1)[0][0]
    left = float(Counter(round(line.x0) for line in lines).most_common(1)[0][0])
    ends = sorted(line.x1 for line in lines if abs(line.size - size) <= 1.0) or sorted(
        line.x1 for line in lines
    )
    # The right margin: the longest lines, leaving out the odd wider one (a table, a URL).
    typical = ends[int(0.9 * (len(ends) - 1))]
    right = max(end for end in ends if end <= typical + 2 * size)
    frame = Frame(left, right, size, {})
    found: dict[float, list[float]] = defaultdict(list)
    wrapped: dict[float, list[float]] = defaultdict(list)
    for index in range(1, len(lines)):
        pitch = _pitch(lines, index)
        if pitch is None:
            continue
        key = _size_key(lines[index].size)
        found[key].append(pitch)
        if lines[index].text[:1].islower() and _no_room(lines[index - 1], lines[index], frame):
            wrapped[key].append(pitch)
    for key, values in found.items():
        # The line pitch inside a paragraph: measured where a line plainly goes on from the
        # one before (the word would not fit, lowercase start); else the tightest common
        # pitch, paragraph spacing only adds to it.
        close = sorted(wrapped[key] or [v for v in values if v <= 1.3 * min(values)])
        frame.pitches[key] = round(close[len(close) // 2], 1)
    return frame


def _pitch(lines: Sequence[PdfLine], index: int) -> float | None:
    """Baseline distance from line index-1 to line index, if both are lines of one page and
    one size, one under the other."""
    if index < 1 or index >= len(lines):
        return None
    previous, line = lines[index - 1], lines[index]
    if line.page != previous.page or abs(line.size - previous.size) > 1.0:
        return None
    pitch = line.baseline - previous.baseline
    return pitch if 0.9 * line.size <= pitch <= 3 * line.size else None


def group_lines(
    lines: Sequence[PdfLine], frame: Frame, opening: int | None = None
) -> list[list[PdfLine]]:
    """Lines into paragraphs. `opening` is the index of the subject line or the salutation
    (-1: there is none, every line is letter text; None: none of the lines is). A pitch is a
    paragraph break when it is wider than the pitch next to it, before or after, so the rule
    holds whatever the line spacing."""
    groups: list[list[PdfLine]] = []
    for index, line in enumerate(lines):
        opened = opening is not None and index > opening
        around = [_pitch(lines, index - 1), _pitch(lines, index + 1), frame.pitch(line.size)]
        usual = min((p for p in around if p), default=None)
        if groups and _continues(groups[-1], line, frame, usual, opened):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _continues(
    paragraph: list[PdfLine], line: PdfLine, frame: Frame, usual: float | None, opened: bool
) -> bool:
    """Whether `line` goes on the paragraph whose last printed line is paragraph[-1]."""
    previous = paragraph[-1]
    if _open_placeholder(" ".join(item.text for item in paragraph)):
        return True
    if line.page != previous.page and previous.text[-1:] in ".!?:;" and line.text[:1].isupper():
        return False  # a page that ends a sentence and a page that starts one
    if line.page == previous.page:
        pitch = line.baseline - previous.baseline
        if pitch <= 0.5 * previous.size:
            return False  # the same height: another column or table cell
        usual = usual or 1.2 * previous.size
        if pitch > usual + max(MIN_PARAGRAPH_GAP_PT, PARAGRAPH_GAP * previous.size):
            return False
    if abs(line.size - previous.size) > 1.0 or LIST_MARKER.match(line.text):
        return False
    if OPENING.match(line.text):
        return False
    if _ends_with_cut_word(previous) and line.text[:1].isalnum():
        return True
    side_block = previous.x0 - frame.left > SIDE_BLOCK * (frame.right - frame.left)
    if (not opened or side_block) and not line.text[:1].islower():
        return False
    if len(paragraph) >= 2:
        if abs(line.x0 - paragraph[1].x0) > INDENT_TOLERANCE_PT:
            return False
    else:
        shift = line.x0 - previous.x0
        deepest = FIRST_LINE_INDENT_MAX * previous.size
        at_margin = abs(line.x0 - frame.left) <= INDENT_TOLERANCE_PT
        first_line_indent = shift < 0 and -shift <= deepest and at_margin
        hanging = 0 < shift <= deepest and bool(LIST_MARKER.match(previous.text))
        if abs(shift) > INDENT_TOLERANCE_PT and not first_line_indent and not hanging:
            return False
    return _no_room(previous, line, frame)


def _no_room(previous: PdfLine, line: PdfLine, frame: Frame) -> bool:
    """Whether the first word of line would not have fitted at the end of previous: then
    previous was wrapped, not ended."""
    room = frame.right - previous.x1
    return room <= line.first_word_width + previous.space_width + ROOM_SLACK_PT


def _ends_with_cut_word(line: PdfLine) -> bool:
    text = line.text
    return len(text) >= 2 and text[-1] in "-\u2010" and text[-2].isalnum()


def _open_placeholder(text: str) -> bool:
    """Whether text ends inside a placeholder ({{ … }}, {% … %}, «NOM», [NOM])."""
    for opening, closing, short in PLACEHOLDER_MARKS:
        start = text.rfind(opening)
        if start < 0 or text.find(closing, start + len(opening)) >= 0:
            continue
        if len(text) - start <= (_SHORT_PLACEHOLDER if short else _LONG_PLACEHOLDER):
            return True
    return False


# --------------------------------------------------------------------------- paragraphs into text


class ParagraphWriter:
    """Writes paragraphs one after the other with their offsets, styles and sources."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.length = 0
        self.styles: list[GlyphStyle | None] = []
        self.source: list[SourcePiece] = []
        self.paragraphs: list[Paragraph] = []
        self.hyphenated: list[str] = []

    def _add(self, text: str, styles: Sequence[GlyphStyle | None]) -> None:
        self.chunks.append(text)
        self.length += len(text)
        self.styles.extend(styles)

    def paragraph(self, lines: list[PdfLine], zone: BlockKind | None) -> Paragraph:
        if self.length:
            self._add("\n\n", (None, None))
        start = self.length
        written = ""
        for index, line in enumerate(lines):
            text, styles = line.text, line.styles or (None,) * len(line.text)
            joiner = ""
            if index + 1 < len(lines):
                joiner, keep_last = self._join(written + text, line, lines[index + 1])
                if not keep_last:
                    text, styles = text[:-1], styles[:-1]
            piece_start = self.length
            self._add(text, styles)
            where = f"page {line.page}, x={line.x0:.0f}, y={line.top:.0f}"
            self.source.append(SourcePiece(piece_start, self.length, where))
            if joiner:
                self._add(joiner, (None,) * len(joiner))
            written += text + joiner
        paragraph = Paragraph(start, self.length, list(lines), zone)
        self.paragraphs.append(paragraph)
        return paragraph

    def _join(self, written: str, line: PdfLine, following: PdfLine) -> tuple[str, bool]:
        """What goes between two lines of a paragraph, and whether the first keeps its last
        character (not when it is a hyphen that only cut a word)."""
        after = following.text
        if (_ends_with_cut_word(line) or line.soft_hyphen) and after[:1].isalnum():
            head_match = re.search(r"[\w’'-]*$", line.text[:-1])
            tail_match = re.match(r"[\w’'-]*", after)
            head = head_match.group(0) if head_match else ""
            tail = tail_match.group(0) if tail_match else ""
            if line.soft_hyphen or not _real_compound(head, tail):
                self.hyphenated.append(f"{head}-{tail}")
                return "", False
            return "", True
        if _open_placeholder(written) and (written.endswith("_") or after.startswith("_")):
            return "", True
        return " ", True


def _real_compound(head: str, tail: str) -> bool:
    """Whether head-tail, cut at its hyphen by a line end, is written with the hyphen."""
    if not head or not tail or tail[0].isupper() or head[-1].isdigit() or tail[0].isdigit():
        return True
    last = re.split(r"[-’']", head)[-1]
    first = re.split(r"[-’']", tail)[0]
    if first.lower() in COMPOUND_TAILS:
        return True
    if last.lower() in JOINED_PREFIXES:
        return False
    # wordfreq splits a hyphenated word into its parts: "pro-thèses" scores about as "thèses"
    # and "prothèses" a little less, while "peut-être" scores far above the typo "peutêtre".
    return zipf(f"{last}-{first}") - zipf(f"{last}{first}") >= COMPOUND_MARGIN
