"""Word styles resolved the way Word does: document defaults, then the paragraph style chain,
then the character style chain, then direct formatting; plus list numbering.

python-docx returns only what is set directly on an element; a letter's font size or
alignment usually comes from the "Normal" style or the document defaults, so the layout checks
and the list markers need the effective values and where they come from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.document import Document as DocxDocument

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

# Bold, italics, capitals... are toggles: set in a paragraph style and again in a character
# style they switch off (ECMA-376 §17.7.3).
TOGGLES = frozenset(
    {
        "b",
        "i",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
        "emboss",
        "imprint",
        "vanish",
    }
)
_FALSE = frozenset({"0", "false", "off", "none"})


def on(element: Any) -> bool:
    """A boolean property element: present and not switched off by its w:val."""
    return element is not None and (element.get(_W + "val") or "true").lower() not in _FALSE


@dataclass(frozen=True, slots=True)
class Value:
    """An effective property value and where it was set, said for people."""

    value: Any
    origin: str


DEFAULTS_ORIGIN = "réglages par défaut du document"
DIRECT_ORIGIN = "mise en forme directe"


@dataclass
class Styles:
    """The styles part of a document, with style chains resolved once."""

    by_id: dict[str, Any]
    names: dict[str, str]
    default_paragraph: str
    default_character: str
    run_defaults: Any  # w:docDefaults/w:rPrDefault/w:rPr
    paragraph_defaults: Any  # w:docDefaults/w:pPrDefault/w:pPr
    theme_fonts: dict[str, str] = field(default_factory=dict)
    numbering: Numbering | None = None
    _chains: dict[str, list[Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: DocxDocument) -> Styles:
        element = document.styles.element
        by_id: dict[str, Any] = {}
        names: dict[str, str] = {}
        default_paragraph = default_character = ""
        for style in element.findall(_W + "style"):
            style_id = style.get(_W + "styleId") or ""
            by_id[style_id] = style
            name = style.find(_W + "name")
            names[style_id] = (name.get(_W + "val") if name is not None else None) or style_id
            if style.get(_W + "default") in {"1", "true", "on"}:
                if style.get(_W + "type") == "paragraph":
                    default_paragraph = style_id
                elif style.get(_W + "type") == "character":
                    default_character = style_id
        defaults = element.find(_W + "docDefaults")
        run_defaults = paragraph_defaults = None
        if defaults is not None:
            run_defaults = defaults.find(f"{_W}rPrDefault/{_W}rPr")
            paragraph_defaults = defaults.find(f"{_W}pPrDefault/{_W}pPr")
        return cls(
            by_id,
            names,
            default_paragraph,
            default_character,
            run_defaults,
            paragraph_defaults,
            _theme_fonts(document),
            Numbering.of(document),
        )

    def name(self, style_id: str) -> str:
        return self.names.get(style_id, style_id)

    def chain(self, style_id: str) -> list[Any]:
        """The style and the styles it is based on, the most basic first."""
        if style_id in self._chains:
            return self._chains[style_id]
        self._chains[style_id] = chain = self._resolve_chain(style_id)
        return chain

    def _resolve_chain(self, style_id: str) -> list[Any]:
        chain: list[Any] = []
        seen: set[str] = set()
        current = style_id
        while current and current in self.by_id and current not in seen:
            seen.add(current)
            style = self.by_id[current]
            chain.append(style)
            based = style.find(_W + "basedOn")
            current = based.get(_W + "val") if based is not None else ""
        return list(reversed(chain))

    def paragraph_style(self, paragraph: Any) -> str:
        properties = paragraph.find(_W + "pPr")
        style = properties.find(_W + "pStyle") if properties is not None else None
        if style is not None and style.get(_W + "val") in self.by_id:
            return str(style.get(_W + "val"))
        return self.default_paragraph

    def paragraph_property(self, paragraph: Any, tag: str) -> tuple[Any, str] | None:
        """The element setting a paragraph property (w:jc, w:ind, w:spacing, w:numPr...) and
        where it comes from: direct formatting, the style chain, the document defaults."""
        properties = paragraph.find(_W + "pPr")
        if properties is not None and (found := properties.find(_W + tag)) is not None:
            return found, DIRECT_ORIGIN
        style_id = self.paragraph_style(paragraph)
        for style in reversed(self.chain(style_id)):
            style_properties = style.find(_W + "pPr")
            if (
                style_properties is not None
                and (found := style_properties.find(_W + tag)) is not None
            ):
                return found, f"style « {self.name(str(style.get(_W + 'styleId')))} »"
        if self.paragraph_defaults is not None:
            found = self.paragraph_defaults.find(_W + tag)
            if found is not None:
                return found, DEFAULTS_ORIGIN
        return None

    def paragraph_attribute(self, paragraph: Any, tag: str, attribute: str) -> Value | None:
        """One attribute of a paragraph property (w:spacing/@w:line, w:ind/@w:firstLine),
        looked up level by level: each level may set only some attributes."""
        levels: list[tuple[Any, str]] = []
        properties = paragraph.find(_W + "pPr")
        if properties is not None:
            levels.append((properties, DIRECT_ORIGIN))
        for style in reversed(self.chain(self.paragraph_style(paragraph))):
            style_id = str(style.get(_W + "styleId"))
            levels.append((style.find(_W + "pPr"), f"style « {self.name(style_id)} »"))
        levels.append((self.paragraph_defaults, DEFAULTS_ORIGIN))
        for level, origin in levels:
            if level is None:
                continue
            element = level.find(_W + tag)
            if element is not None and element.get(_W + attribute) is not None:
                return Value(element.get(_W + attribute), origin)
        return None

    def outline_level(self, paragraph: Any) -> int | None:
        found = self.paragraph_property(paragraph, "outlineLvl")
        if found is not None:
            return int(found[0].get(_W + "val") or 9)
        name = self.name(self.paragraph_style(paragraph)).lower()
        if name.startswith(("heading", "titre")) or name == "title":
            return 0
        return None

    def run_property(self, paragraph: Any, run: Any, tag: str) -> Value | None:
        """The effective value of a run property (w:sz, w:rFonts, w:i, w:u, w:caps...).

        Toggles are combined by XOR across the paragraph and character style chains; direct
        formatting and document defaults are absolute.
        """
        run_properties = run.find(_W + "rPr") if run is not None else None
        if run_properties is not None and (found := run_properties.find(_W + tag)) is not None:
            return Value(_value(found, tag), DIRECT_ORIGIN)
        paragraph_level = self._style_value(self.paragraph_style(paragraph), tag)
        character_style = ""
        if (
            run_properties is not None
            and (r_style := run_properties.find(_W + "rStyle")) is not None
        ):
            character_style = str(r_style.get(_W + "val") or "")
        character_level = self._style_value(character_style, tag) if character_style else None
        if tag in TOGGLES and paragraph_level is not None and character_level is not None:
            origin = f"{paragraph_level.origin} et {character_level.origin}"
            return Value(bool(paragraph_level.value) != bool(character_level.value), origin)
        if character_level is not None:
            return character_level
        if paragraph_level is not None:
            return paragraph_level
        if (
            self.run_defaults is not None
            and (found := self.run_defaults.find(_W + tag)) is not None
        ):
            return Value(_value(found, tag), DEFAULTS_ORIGIN)
        return None

    def _style_value(self, style_id: str, tag: str) -> Value | None:
        for style in reversed(self.chain(style_id)):
            properties = style.find(_W + "rPr")
            if properties is not None and (found := properties.find(_W + tag)) is not None:
                return Value(
                    _value(found, tag), f"style « {self.name(str(style.get(_W + 'styleId')))} »"
                )
        return None

    def font(self, paragraph: Any, run: Any) -> Value | None:
        """The font of a run's Latin text, theme fonts resolved."""
        found = self.run_property(paragraph, run, "rFonts")
        if found is None:
            return None
        fonts = found.value
        # A theme font supersedes the font named beside it (ECMA-376 §17.3.2.26).
        theme = fonts.get(_W + "asciiTheme") or fonts.get(_W + "hAnsiTheme")
        name = fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi")
        if theme:
            name = self.theme_fonts.get("major" if theme.startswith("major") else "minor", name)
        return Value(name, found.origin) if name else None


def _value(element: Any, tag: str) -> Any:
    if tag in TOGGLES:
        return on(element)
    if tag == "sz":
        return int(element.get(_W + "val") or 0) / 2
    if tag == "u":
        return (element.get(_W + "val") or "single") != "none"
    if tag == "rFonts":
        return element
    return element.get(_W + "val")


def _theme_fonts(document: DocxDocument) -> dict[str, str]:
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme") and not rel.is_external:
            from lxml import etree

            from simplify.formats.safety import xml_parser

            try:
                root = etree.fromstring(rel.target_part.blob, parser=xml_parser())
            except etree.XMLSyntaxError:
                return {}
            fonts = {}
            for which in ("major", "minor"):
                latin = root.find(f".//{_A}{which}Font/{_A}latin")
                if latin is not None and latin.get("typeface"):
                    fonts[which] = str(latin.get("typeface"))
            return fonts
    return {}


@dataclass
class Numbering:
    """List definitions: which numbering a paragraph uses and its format per level."""

    formats: dict[tuple[str, int], tuple[str, int]]  # (numId, level) -> (numFmt, start)
    abstract_of: dict[str, str]

    @classmethod
    def of(cls, document: DocxDocument) -> Numbering | None:
        part = next(
            (
                rel.target_part
                for rel in document.part.rels.values()
                if rel.reltype.endswith("/numbering") and not rel.is_external
            ),
            None,
        )
        if part is None:
            return None
        root = part.element
        abstract: dict[str, dict[int, tuple[str, int]]] = {}
        for definition in root.findall(_W + "abstractNum"):
            levels = {}
            for level in definition.findall(_W + "lvl"):
                fmt = level.find(_W + "numFmt")
                start = level.find(_W + "start")
                levels[int(level.get(_W + "ilvl") or 0)] = (
                    (fmt.get(_W + "val") if fmt is not None else None) or "decimal",
                    int((start.get(_W + "val") if start is not None else None) or 1),
                )
            abstract[str(definition.get(_W + "abstractNumId"))] = levels
        formats: dict[tuple[str, int], tuple[str, int]] = {}
        abstract_of: dict[str, str] = {}
        for number in root.findall(_W + "num"):
            num_id = str(number.get(_W + "numId"))
            reference = number.find(_W + "abstractNumId")
            abstract_id = str(reference.get(_W + "val")) if reference is not None else ""
            abstract_of[num_id] = abstract_id
            for level, value in abstract.get(abstract_id, {}).items():
                formats[(num_id, level)] = value
        return cls(formats, abstract_of)


@dataclass
class ListCounter:
    """The marker a reader sees before each list paragraph: "• " or "3. "."""

    styles: Styles
    counts: dict[tuple[str, int], int] = field(default_factory=dict)

    def marker(self, paragraph: Any) -> str | None:
        found = self.styles.paragraph_property(paragraph, "numPr")
        if found is None:
            return None
        number = found[0]
        num_id_element = number.find(_W + "numId")
        level_element = number.find(_W + "ilvl")
        num_id = str(num_id_element.get(_W + "val")) if num_id_element is not None else "0"
        level = int(level_element.get(_W + "val") or 0) if level_element is not None else 0
        if num_id == "0":
            return None
        numbering = self.styles.numbering
        fmt, start = ("bullet", 1)
        if numbering is not None:
            fmt, start = numbering.formats.get((num_id, level), ("bullet", 1))
        if fmt in {"bullet", "none"}:
            return "• " if fmt == "bullet" else None
        abstract = numbering.abstract_of.get(num_id, num_id) if numbering else num_id
        key = (abstract, level)
        self.counts[key] = self.counts.get(key, start - 1) + 1
        for deeper in [k for k in self.counts if k[0] == abstract and k[1] > level]:
            del self.counts[deeper]
        value = self.counts[key]
        if fmt in {"lowerLetter", "upperLetter"}:
            letter = chr(ord("a") + (value - 1) % 26)
            return f"{letter.upper() if fmt == 'upperLetter' else letter}) "
        return f"{value}. "
