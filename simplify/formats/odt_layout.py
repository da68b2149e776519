"""Layout facts of an .odt letter that hinder reading, from effective formatting (ODF style
inheritance resolved, see odt_styles).

The same facts and conventions as the Word reader (docx_layout), so one rule reads both:
text of at least 14 pt in one sans-serif font, no italics, underline or capitals effects,
text aligned left, no first-line indent, line spacing of at least 1.5, no automatic
hyphenation, one column, no footnotes, page numbers. Only the body is measured (not the
letterhead, not headings). Each fact says where it shows (a stretch, or 0, 0 for the whole
letter with a count) and where it is set ("style « Standard »", "mise en forme directe",
"style de page « Standard »"), so the advice can name the one place to fix.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from simplify.formats.layout_common import (
    CENTRED_WORDS,
    ONE_LINE_WORDS,
    SEVERAL_PAGES_WORDS,
    main_font_facts,
    paragraph_facts,
    serif_by_name,
    smaller_stretches,
    stretch_facts,
)
from simplify.formats.odt_styles import (
    DEFAULTS_ORIGIN,
    DIRECT_ORIGIN,
    Level,
    display_name,
    lookup,
    q,
    to_int,
)
from simplify.shape import LayoutFact

if TYPE_CHECKING:
    from simplify.formats.odt_read import OdtParagraph, OdtWalk

MIN_LINE_PERCENT = 150.0  # RLS-1.13: line spacing at least 1.5 times the font size
LIBREOFFICE_DEFAULT_POINTS = 12.0  # LibreOffice's size when no style sets one
# As in docx_layout: a paragraph shorter than a line shows neither justification nor line
# spacing; a centred title is common, a centred sentence is the problem.

_POINTS = {"pt": 1.0, "pc": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|pc|in|cm|mm|px)\s*$")
_WORD = re.compile(r"\w+")


def points(value: str) -> float | None:
    """A length such as "12pt" or "0.5cm" in points; None when it is not a length."""
    match = _LENGTH.match(value)
    return float(match.group(1)) * _POINTS[match.group(2)] if match else None


def shown(value: str) -> str:
    """A length or number as a French reader writes it: "1.25cm" -> "1,25 cm"."""
    match = _LENGTH.match(value)
    if match:
        return f"{match.group(1).replace('.', ',')} {match.group(2)}"
    return value.replace(".", ",")


def _percent(value: str) -> float | None:
    """ "115%" -> 115.0; None when it is not a percentage."""
    value = value.strip()
    if not value.endswith("%"):
        return None
    try:
        return float(value[:-1])
    except ValueError:
        return None


def _effect_origin(code: str, run: _Run) -> str:
    return run.effects[code]


def is_serif(name: str, generic: str) -> bool:
    """A serif font, by its name when it is a known one, else by the generic family the file
    declares ("roman" is serif, "swiss" sans). Names come first: LibreOffice declares Arial
    and Calibri "roman" when it converts a Word file."""
    known = serif_by_name(name)
    return known if known is not None else generic == "roman"


@dataclass
class _Run:
    """A stretch of body text with its effective formatting."""

    start: int
    end: int
    text: str
    paragraph: int
    size: tuple[float, str]  # points, origin
    font: tuple[str, str, str]  # name, generic family, origin
    effects: dict[str, str] = field(default_factory=dict)  # italics/underline/capitals: origin


def layout_facts(
    walk: OdtWalk, pages: int | None = None
) -> tuple[tuple[LayoutFact, ...], dict[str, str]]:
    """The layout facts of the body, and file facts (fonts, page size) for Shape.facts.
    `pages` is the page count LibreOffice recorded in meta.xml, when there is one."""
    body = {
        index
        for index, paragraph in enumerate(walk.paragraphs)
        if paragraph.story == "body" and not paragraph.heading
    }
    runs = list(_body_runs(walk, body))
    facts = _font_facts(runs)
    for code in ("italics", "underline", "capitals"):
        chosen = [run for run in runs if code in run.effects]
        facts += stretch_facts(code, chosen, partial(_effect_origin, code))
    facts += _paragraph_facts(walk, [walk.paragraphs[index] for index in sorted(body)])
    facts += _document_facts(walk, body, pages)
    fonts = sorted({run.font[0] for run in runs if any(c.isalpha() for c in run.text)})
    file_facts = {"fonts": ", ".join(fonts)} if fonts else {}
    file_facts.update(_page_size(walk))
    return tuple(facts), file_facts


def _body_runs(walk: OdtWalk, body: set[int]) -> Iterator[_Run]:
    cache: dict[tuple[int, int], tuple[tuple[float, str], tuple[str, str, str], dict[str, str]]]
    cache = {}
    for piece in walk.pieces:
        if piece.paragraph not in body or piece.kind not in {"text", "field"}:
            continue
        paragraph = walk.paragraphs[piece.paragraph]
        container = piece.element if piece.slot == "text" else piece.element.getparent()
        key = (id(paragraph.element), id(container))
        if key not in cache:
            levels = walk.sheet.text_levels(paragraph.element, container, paragraph.part)
            cache[key] = (_font_size(levels), _font(walk, levels), _effects(levels, container))
        size, font, effects = cache[key]
        text = walk.text[piece.start : piece.end]
        yield _Run(piece.start, piece.end, text, piece.paragraph, size, font, effects)


def _font_size(levels: list[Level]) -> tuple[float, str]:
    """(points, origin); a percentage scales the size set at the levels below it."""
    factor = 1.0
    origin = ""
    tag = q("style", "text-properties")
    for style, level_origin in levels:
        element = style.find(tag)
        value = element.get(q("fo", "font-size")) if element is not None else None
        if value is None:
            continue
        origin = origin or level_origin
        if value.strip().endswith("%"):
            factor *= (_percent(value) or 100.0) / 100
            continue
        size = points(value)
        if size is not None:
            return size * factor, origin
    return LIBREOFFICE_DEFAULT_POINTS * factor, origin or DEFAULTS_ORIGIN


def _font(walk: OdtWalk, levels: list[Level]) -> tuple[str, str, str]:
    """(font name, generic family, origin), the font name resolved through the font faces."""
    tag = q("style", "text-properties")
    for style, origin in levels:
        element = style.find(tag)
        if element is None:
            continue
        face = element.get(q("style", "font-name"))
        if face is not None:
            family, generic = walk.sheet.fonts.get(str(face), (str(face), ""))
            return family, generic, origin
        family = element.get(q("fo", "font-family"))
        if family is not None:
            generic = str(element.get(q("style", "font-family-generic")) or "")
            return str(family).strip("'\""), generic, origin
    return "Liberation Serif", "roman", DEFAULTS_ORIGIN  # LibreOffice's default font


def _effects(levels: list[Level], container: Any) -> dict[str, str]:
    effects: dict[str, str] = {}
    for code, attribute, values in (
        ("italics", q("fo", "font-style"), {"italic", "oblique"}),
        ("underline", q("style", "text-underline-style"), None),
        ("capitals", q("fo", "text-transform"), {"uppercase"}),
        ("capitals", q("fo", "font-variant"), {"small-caps"}),
    ):
        found = lookup(levels, "text-properties", attribute)
        if found is None or code in effects:
            continue
        value, origin = found
        if (values is None and value != "none") or (values is not None and value in values):
            effects[code] = origin
    if "underline" in effects and _in_link(container):
        del effects["underline"]  # links are underlined to be seen as links
    return effects


def _in_link(element: Any) -> bool:
    while element is not None and element.tag not in (q("text", "p"), q("text", "h")):
        if element.tag == q("text", "a"):
            return True
        element = element.getparent()
    return False


def _font_facts(runs: list[_Run]) -> list[LayoutFact]:
    letters = [run for run in runs if any(c.isalpha() for c in run.text)]
    if not letters:
        return []
    sizes: Counter[tuple[float, str]] = Counter()
    fonts: Counter[str] = Counter()
    font_origins: dict[str, Counter[str]] = {}
    generics: dict[str, str] = {}
    for run in letters:
        weight = len(run.text)
        sizes[(round(run.size[0], 1), run.size[1])] += weight
        name, generic, origin = run.font
        fonts[name] += weight
        font_origins.setdefault(name, Counter())[origin] += weight
        generics[name] = generic
    facts = main_font_facts(
        sizes,
        fonts,
        lambda name: font_origins[name].most_common(1)[0][0],
        lambda name: is_serif(name, generics[name]),
        len({run.paragraph for run in letters}),
    )
    if not any(f.code == "font-size" for f in facts):
        facts += smaller_stretches(letters, lambda run: run.size[0], lambda run: run.size[1])
    return facts


def _paragraph_facts(walk: OdtWalk, body: list[OdtParagraph]) -> list[LayoutFact]:
    found: dict[str, list[tuple[OdtParagraph, str, str]]] = {}
    for paragraph in body:
        words = len(_WORD.findall(walk.text[paragraph.content_start : paragraph.end]))
        if words == 0:
            continue
        levels = walk.sheet.paragraph_levels(paragraph.element, paragraph.part)
        align = lookup(levels, "paragraph-properties", q("fo", "text-align"))
        if align is not None and align[0] == "justify" and words >= ONE_LINE_WORDS:
            found.setdefault("justified", []).append((paragraph, "justifié", align[1]))
        elif align is not None and align[0] == "center" and words >= CENTRED_WORDS:
            found.setdefault("centred", []).append((paragraph, "centré", align[1]))
        indent = _first_line_indent(levels)
        if indent is not None:
            found.setdefault("first-line-indent", []).append((paragraph, *indent))
        spacing = _line_spacing(levels)
        if spacing is not None and words >= ONE_LINE_WORDS:
            found.setdefault("line-spacing", []).append((paragraph, *spacing))
        hyphenation = lookup(levels, "text-properties", q("fo", "hyphenate"))
        if hyphenation is not None and hyphenation[0] == "true":
            found.setdefault("hyphenation", []).append((paragraph, "automatique", hyphenation[1]))
    return paragraph_facts(
        {
            code: [(p.content_start, p.end, value, origin) for p, value, origin in items]
            for code, items in found.items()
        }
    )


def _first_line_indent(levels: list[Level]) -> tuple[str, str] | None:
    automatic = lookup(levels, "paragraph-properties", q("style", "auto-text-indent"))
    if automatic is not None and automatic[0] == "true":
        return "automatique", automatic[1]
    indent = lookup(levels, "paragraph-properties", q("fo", "text-indent"))
    if indent is not None and (points(indent[0]) or 0) > 0:
        return shown(indent[0]), indent[1]
    return None


def _line_spacing(levels: list[Level]) -> tuple[str, str] | None:
    """The line spacing when under 1.5 lines: (value for people, where it is set)."""
    found = lookup(levels, "paragraph-properties", q("fo", "line-height"))
    if found is None or found[0] == "normal":
        return "simple", found[1] if found is not None else DEFAULTS_ORIGIN
    value, origin = found[0].strip(), found[1]
    percent = _percent(value)
    if percent is not None:
        return (f"{shown(value[:-1])} %", origin) if percent < MIN_LINE_PERCENT else None
    if points(value) is not None:
        return f"fixe ({shown(value)})", origin  # a fixed height does not grow with the text
    return None


def _document_facts(walk: OdtWalk, body: set[int], pages: int | None) -> list[LayoutFact]:
    facts = []
    soft = [
        offset
        for paragraph in (walk.paragraphs[index] for index in sorted(body))
        for offset in range(paragraph.start, paragraph.end)
        if walk.text[offset] == "\u00ad"
    ]
    if soft:
        facts.append(
            LayoutFact(
                "hyphenation",
                soft[0],
                soft[0] + 1,
                "trait d'union conditionnel",
                DIRECT_ORIGIN,
                len(soft),
            )
        )
    for master in walk.masters:
        layout = walk.sheet.page_layouts.get(str(master.get(q("style", "page-layout-name"))))
        count = _columns(layout, "page-layout-properties")
        if count > 1:
            origin = f"style de page « {display_name(master)} »"
            facts.append(LayoutFact("columns", 0, 0, f"{count} colonnes", origin))
    for section, start, end in walk.sections:
        style_name = str(section.get(q("text", "style-name")) or "")
        found = walk.sheet.style("section", style_name, "content")
        count = _columns(found[0] if found else None, "section-properties")
        if count > 1:
            origin = f"section « {section.get(q('text', 'name')) or style_name} »"
            facts.append(LayoutFact("columns", start, end, f"{count} colonnes", origin))
    for piece in walk.pieces:
        if (
            piece.kind == "object"
            and piece.element.tag == q("text", "note")
            and (piece.paragraph in body)
        ):
            facts.append(LayoutFact("footnotes", piece.start, piece.end, "note", ""))
    if walk.masters and not _has_page_numbers(walk) and _several_pages(walk, body, pages):
        origin = f"style de page « {display_name(walk.masters[0])} »"
        facts.append(LayoutFact("no-page-numbers", 0, 0, "absents", origin))
    return facts


def _columns(style: Any | None, properties: str) -> int:
    if style is None:
        return 1
    columns = style.find(f"{q('style', properties)}/{q('style', 'columns')}")
    return to_int(columns.get(q("fo", "column-count")), 1) if columns is not None else 1


def _has_page_numbers(walk: OdtWalk) -> bool:
    return any(next(m.iter(q("text", "page-number")), None) is not None for m in walk.masters)


def _several_pages(walk: OdtWalk, body: set[int], pages: int | None) -> bool:
    """LibreOffice records the page count in meta.xml; a file made by other tools may not,
    so a long text (more than about one page of words) counts as several pages too."""
    paragraphs = (walk.paragraphs[index] for index in body)
    words = sum(len(_WORD.findall(walk.text[p.start : p.end])) for p in paragraphs)
    return (pages is not None and pages > 1) or words > SEVERAL_PAGES_WORDS


def _page_size(walk: OdtWalk) -> dict[str, str]:
    if not walk.masters:
        return {}
    layout = walk.sheet.page_layouts.get(str(walk.masters[0].get(q("style", "page-layout-name"))))
    properties = layout.find(q("style", "page-layout-properties")) if layout is not None else None
    if properties is None:
        return {}
    width = points(str(properties.get(q("fo", "page-width")) or ""))
    height = points(str(properties.get(q("fo", "page-height")) or ""))
    if width is None or height is None:
        return {}
    centimetres = [f"{value * 2.54 / 72:.1f}".rstrip("0").rstrip(".") for value in (width, height)]
    return {"page-size": f"{centimetres[0]} × {centimetres[1]} cm".replace(".", ",")}
