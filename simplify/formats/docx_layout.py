"""Layout facts of a Word letter, from effective formatting (styles resolved).

What the easy-to-read checklist asks of a printed letter (`french.md` §1.2, L1–L14): text of
at least 14 pt, one sans-serif font, no italics, underline or capitals effects, text aligned
left, no first-line indent, line spacing of at least 1.5, no automatic hyphenation, one
column, no footnotes, page numbers. Only the letter's body is measured: the letterhead is the
institution's and is not edited in a letter.

Each fact says where it shows (a stretch of text, or the whole letter) and where it is set
("style « Normal »", "mise en forme directe"), so the advice can be "change the Normal
style" rather than a list of a hundred runs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from docx.document import Document as DocxDocument

from simplify.formats.docx_read import Walk, WalkedParagraph
from simplify.formats.docx_styles import DEFAULTS_ORIGIN, Styles, Value, on
from simplify.formats.layout_common import (
    CENTRED_WORDS,
    MIN_LINE_SPACING,
    ONE_LINE_WORDS,
    SEVERAL_PAGES_WORDS,
    main_font_facts,
    paragraph_facts,
    serif_by_name,
    smaller_stretches,
    stretch_facts,
)
from simplify.shape import LayoutFact

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"

WORD_DEFAULT_POINTS = 10.0  # what Word uses when no size is set anywhere
WORD_DEFAULT_FONT = "Times New Roman"  # the same, for the font
_WORD = re.compile(r"\w+")


def layout_facts(walk: Walk, document: DocxDocument) -> tuple[LayoutFact, ...]:
    styles = walk.styles or Styles.of(document)
    body = [p for p in walk.paragraphs if p.story == "body" and p.end > p.start and not p.heading]
    facts: list[LayoutFact] = []
    runs = list(_body_runs(walk, styles, body))
    facts += _font_facts(runs, _font_families(document))
    for code, attribute in (("italics", "i"), ("underline", "u"), ("capitals", "caps")):
        facts += _stretch_facts(code, [r for r in runs if r.flags.get(attribute)])
    facts += _paragraph_facts(walk, styles, body)
    facts += _document_facts(walk, document, body)
    return tuple(facts)


class _Run:
    """A stretch of body text with its effective formatting."""

    __slots__ = ("end", "flags", "font", "origins", "paragraph", "size", "start", "text")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        paragraph: int,
        size: Value,
        font: Value,
        flags: dict[str, bool],
        origins: dict[str, str],
    ) -> None:
        self.start, self.end, self.text, self.paragraph = start, end, text, paragraph
        self.size, self.font, self.flags, self.origins = size, font, flags, origins


def _body_runs(walk: Walk, styles: Styles, body: list[WalkedParagraph]) -> Iterator[_Run]:
    wanted = {id(p.element): p for p in body}
    cache: dict[int, tuple[Value, Value, dict[str, bool], dict[str, str]]] = {}
    for piece in walk.pieces:
        if piece.kind != "text" or piece.run is None:
            continue
        paragraph = walk.paragraphs[piece.paragraph]
        if id(paragraph.element) not in wanted:
            continue
        key = id(piece.run)
        if key not in cache:
            size = styles.run_property(paragraph.element, piece.run, "sz") or Value(
                WORD_DEFAULT_POINTS, DEFAULTS_ORIGIN
            )
            font = styles.font(paragraph.element, piece.run) or Value(
                WORD_DEFAULT_FONT, DEFAULTS_ORIGIN
            )
            flags: dict[str, bool] = {}
            origins: dict[str, str] = {}
            for attribute, tags in (("i", ("i",)), ("u", ("u",)), ("caps", ("caps", "smallCaps"))):
                for tag in tags:
                    value = styles.run_property(paragraph.element, piece.run, tag)
                    if value is not None and value.value:
                        flags[attribute] = True
                        origins[attribute] = value.origin
            cache[key] = (size, font, flags, origins)
        size, font, flags, origins = cache[key]
        yield _Run(
            piece.start,
            piece.end,
            walk.text[piece.start : piece.end],
            piece.paragraph,
            size,
            font,
            flags,
            origins,
        )


def _font_families(document: DocxDocument) -> dict[str, str]:
    """Font name → generic family ("roman" is serif, "swiss" sans) from the font table."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable") and not rel.is_external:
            from lxml import etree

            from simplify.formats.safety import xml_parser

            try:
                root = etree.fromstring(rel.target_part.blob, parser=xml_parser())
            except etree.XMLSyntaxError:
                return {}
            families = {}
            for font in root.findall(_W + "font"):
                family = font.find(_W + "family")
                if family is not None and font.get(_W + "name"):
                    families[str(font.get(_W + "name")).lower()] = str(family.get(_W + "val"))
            return families
    return {}


def _font_facts(runs: list[_Run], families: dict[str, str]) -> list[LayoutFact]:
    letters = [r for r in runs if any(c.isalpha() for c in r.text)]
    if not letters:
        return []
    sizes: Counter[tuple[float, str]] = Counter()
    fonts: Counter[str] = Counter()
    font_origins: dict[str, Counter[str]] = {}
    for run in letters:
        weight = len(run.text)
        sizes[(float(run.size.value), run.size.origin)] += weight
        name = str(run.font.value)
        fonts[name] += weight
        font_origins.setdefault(name, Counter())[run.font.origin] += weight
    paragraphs = len({r.paragraph for r in letters})
    facts = main_font_facts(
        sizes,
        fonts,
        lambda name: font_origins[name].most_common(1)[0][0],
        lambda name: _is_serif(name, families),
        paragraphs,
    )
    if not any(f.code == "font-size" for f in facts):
        facts += smaller_stretches(letters, lambda r: float(r.size.value), lambda r: r.size.origin)
    return facts


def _is_serif(name: str, families: dict[str, str]) -> bool:
    """By the font's name when we know it, else by the family the font table declares
    ("roman" has serifs, "swiss" has none)."""
    known = serif_by_name(name)
    if known is not None:
        return known
    return families.get(name.lower()) in {"roman", "modern"}


def _stretch_facts(code: str, runs: list[_Run]) -> list[LayoutFact]:
    attribute = {"italics": "i", "underline": "u", "capitals": "caps"}[code]
    return stretch_facts(code, runs, lambda run: run.origins[attribute])


def _paragraph_facts(walk: Walk, styles: Styles, body: list[WalkedParagraph]) -> list[LayoutFact]:
    found: dict[str, list[tuple[WalkedParagraph, str, str]]] = {}
    for paragraph in body:
        words = len(_WORD.findall(walk.text[paragraph.start : paragraph.end]))
        if words == 0:
            continue
        element = paragraph.element
        alignment = styles.paragraph_attribute(element, "jc", "val")
        if alignment is not None:
            if alignment.value in {"both", "distribute"} and words >= ONE_LINE_WORDS:
                found.setdefault("justified", []).append((paragraph, "justifié", alignment.origin))
            elif alignment.value == "center" and words >= CENTRED_WORDS:
                found.setdefault("centred", []).append((paragraph, "centré", alignment.origin))
        indent = styles.paragraph_attribute(element, "ind", "firstLine")
        if indent is not None and _twips(indent.value) > 0:
            value = f"{_twips(indent.value) / 567:.1f} cm".replace(".", ",")
            found.setdefault("first-line-indent", []).append((paragraph, value, indent.origin))
        if words >= ONE_LINE_WORDS:
            spacing = _line_spacing(styles, element)
            if spacing is not None:
                found.setdefault("line-spacing", []).append((paragraph, *spacing))
    return paragraph_facts(
        {
            code: [(p.start, p.end, value, origin) for p, value, origin in items]
            for code, items in found.items()
        }
    )


def _twips(value: Any) -> int:
    try:
        return int(float(str(value)))
    except ValueError:
        return 0


def _line_spacing(styles: Styles, paragraph: Any) -> tuple[str, str] | None:
    """The line spacing when under 1.5 lines: (value for people, where it is set)."""
    line = styles.paragraph_attribute(paragraph, "spacing", "line")
    rule = styles.paragraph_attribute(paragraph, "spacing", "lineRule")
    if line is None:
        return "simple", DEFAULTS_ORIGIN  # Word's default: single spacing
    amount = _twips(line.value)
    if rule is None or rule.value == "auto":
        lines = amount / 240
        if lines + 1e-9 < MIN_LINE_SPACING:
            return f"{lines:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " ligne", line.origin
        return None
    size = styles.run_property(paragraph, None, "sz")
    points = float(size.value) if size is not None else WORD_DEFAULT_POINTS
    if amount / 20 < MIN_LINE_SPACING * points:
        return f"{amount / 20:g} pt".replace(".", ","), line.origin
    return None


def _document_facts(
    walk: Walk, document: DocxDocument, body: list[WalkedParagraph]
) -> list[LayoutFact]:
    facts = []
    settings = document.settings.element
    hyphenation = settings.find(_W + "autoHyphenation")
    if on(hyphenation):
        facts.append(LayoutFact("hyphenation", 0, 0, "automatique", "réglages du document"))
    soft = [m.start() for m in re.finditer("\u00ad", walk.text) if _in_body(m.start(), body)]
    if soft:
        facts.append(
            LayoutFact(
                "hyphenation",
                soft[0],
                soft[0] + 1,
                "trait d'union conditionnel",
                "mise en forme directe",
                len(soft),
            )
        )
    columns = [int(cols.get(_W + "num") or 1) for cols in document.element.body.iter(_W + "cols")]
    if any(count > 1 for count in columns):
        facts.append(LayoutFact("columns", 0, 0, f"{max(columns)} colonnes", "mise en page"))
    for atomic in walk.atomics:
        notes = {"footnoteReference", "endnoteReference"}
        if atomic.kind == "object" and atomic.name in notes and _in_body(atomic.start, body):
            facts.append(LayoutFact("footnotes", atomic.start, atomic.end, "note", ""))
    if not _has_page_numbers(walk) and _probably_several_pages(document, walk, body):
        facts.append(LayoutFact("no-page-numbers", 0, 0, "absents", "pied de page"))
    return facts


def _in_body(offset: int, body: list[WalkedParagraph]) -> bool:
    return any(p.start <= offset < p.end for p in body)


def _has_page_numbers(walk: Walk) -> bool:
    for paragraph in walk.paragraphs:
        if paragraph.story == "body":
            continue
        for element in paragraph.element.iter(_W + "fldSimple", _W + "instrText"):
            instruction = element.get(_W + "instr") or element.text or ""
            if re.search(r"\b(PAGE|NUMPAGES|SECTIONPAGES)\b", instruction):
                return True
    return False


def _probably_several_pages(
    document: DocxDocument, walk: Walk, body: list[WalkedParagraph]
) -> bool:
    """Word records the page count in docProps/app.xml; a file made by other tools may not,
    so a long text (more than about one page of words) counts as several pages too."""
    words = sum(len(_WORD.findall(walk.text[p.start : p.end])) for p in body)
    pages = _recorded_pages(document)
    return (pages is not None and pages > 1) or words > SEVERAL_PAGES_WORDS


def _recorded_pages(document: DocxDocument) -> int | None:
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            match = re.search(rb"<(?:\w+:)?Pages>(\d+)<", part.blob)
            return int(match.group(1)) if match else None
    return None
