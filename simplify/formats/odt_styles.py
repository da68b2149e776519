"""OpenDocument names and styles: namespaces, the style sheet of both parts, property lookup
through style inheritance, and list numbering.

A property of a paragraph is looked up in its automatic style (direct formatting, in
content.xml for the body and styles.xml for headers and footers), then up the
`style:parent-style-name` chain of named styles, then in the `style:default-style` of the
family. Text properties look in the span styles first (innermost first), then the paragraph.
Each level says where it is, in French, so advice can name the one place to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
    "field": "urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0",
    "xml": "http://www.w3.org/XML/1998/namespace",
}

DIRECT_ORIGIN = "mise en forme directe"
DEFAULTS_ORIGIN = "réglages par défaut du document"


def q(prefix: str, name: str) -> str:
    """The Clark name ({namespace}name) lxml uses for prefix:name."""
    return f"{{{NS[prefix]}}}{name}"


def local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(element: Any) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def to_int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def display_name(style: Any) -> str:
    """The name a user sees for a style: its display name, else its name decoded
    (LibreOffice writes "Text body" as "Text_20_body")."""
    shown = style.get(q("style", "display-name"))
    if shown:
        return str(shown)
    name = str(style.get(q("style", "name")) or "")
    return re.sub(r"_([0-9a-fA-F]{2,4})_", lambda m: chr(int(m.group(1), 16)), name)


Level = tuple[Any, str]  # a style element and where it is, said for people


@dataclass
class StyleSheet:
    """The styles of both parts, indexed once. Automatic styles are per part: "content" for
    the body, "styles" for headers and footers."""

    named: dict[tuple[str, str], Any] = field(default_factory=dict)  # (family, name) -> style
    automatic: dict[str, dict[tuple[str, str], Any]] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)  # family -> style:default-style
    list_styles: dict[str, dict[str, Any]] = field(default_factory=dict)  # part -> name -> style
    page_layouts: dict[str, Any] = field(default_factory=dict)
    masters: list[Any] = field(default_factory=list)
    fonts: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (family, generic)

    @classmethod
    def of(cls, content: Any | None, styles: Any | None) -> StyleSheet:
        sheet = cls()
        faces = f"{q('office', 'font-face-decls')}/{q('style', 'font-face')}"
        for part, root in (("styles", styles), ("content", content)):
            sheet.automatic[part] = {}
            sheet.list_styles.setdefault(part, {})
            if root is None:
                continue
            for face in root.iterfind(faces):
                family = str(face.get(q("svg", "font-family")) or face.get(q("style", "name")))
                sheet.fonts[str(face.get(q("style", "name")))] = (
                    family.strip().strip("'\""),
                    str(face.get(q("style", "font-family-generic")) or ""),
                )
            for style in root.iterfind(f"{q('office', 'automatic-styles')}/*"):
                sheet._index(style, part, automatic=True)
        if styles is not None:
            for style in styles.iterfind(f"{q('office', 'styles')}/*"):
                sheet._index(style, "styles", automatic=False)
            sheet.masters = list(
                styles.iterfind(f"{q('office', 'master-styles')}/{q('style', 'master-page')}")
            )
        return sheet

    def _index(self, style: Any, part: str, automatic: bool) -> None:
        name = str(style.get(q("style", "name")) or "")
        if style.tag == q("style", "style"):
            key = (str(style.get(q("style", "family")) or ""), name)
            (self.automatic[part] if automatic else self.named)[key] = style
        elif style.tag == q("style", "default-style"):
            self.defaults[str(style.get(q("style", "family")) or "")] = style
        elif style.tag == q("text", "list-style"):
            self.list_styles[part if automatic else "styles"][name] = style
        elif style.tag == q("style", "page-layout"):
            self.page_layouts[name] = style

    def style(self, family: str, name: str, part: str) -> tuple[Any, bool] | None:
        """A style by name, the automatic one of the part first; True when automatic."""
        found = self.automatic.get(part, {}).get((family, name))
        if found is not None:
            return found, True
        found = self.named.get((family, name))
        return (found, False) if found is not None else None

    def list_style(self, name: str, part: str) -> Any | None:
        found = self.list_styles.get(part, {}).get(name)
        return found if found is not None else self.list_styles.get("styles", {}).get(name)

    def chain(self, family: str, name: str, part: str) -> list[Level]:
        """The style and its parents, the most specific first, each with where it is."""
        levels: list[Level] = []
        seen: set[str] = set()
        found = self.automatic.get(part, {}).get((family, name))
        if found is not None:
            levels.append((found, DIRECT_ORIGIN))
            name = str(found.get(q("style", "parent-style-name")) or "")
        while name and name not in seen:
            seen.add(name)
            style = self.named.get((family, name))
            if style is None:
                break
            levels.append((style, f"style « {display_name(style)} »"))
            name = str(style.get(q("style", "parent-style-name")) or "")
        return levels

    def paragraph_levels(self, paragraph: Any, part: str) -> list[Level]:
        # A paragraph with no style has LibreOffice's default paragraph style, "Standard".
        name = str(paragraph.get(q("text", "style-name")) or "Standard")
        levels = self.chain("paragraph", name, part)
        default = self.defaults.get("paragraph")
        if default is not None:
            levels.append((default, DEFAULTS_ORIGIN))
        return levels

    def text_levels(self, paragraph: Any, container: Any, part: str) -> list[Level]:
        """Levels for the text properties of characters directly inside `container`: the
        spans and links around them (innermost first), then the paragraph."""
        levels: list[Level] = []
        element = container
        while element is not None and element is not paragraph:
            if element.tag in (q("text", "span"), q("text", "a")):
                name = element.get(q("text", "style-name"))
                if name:
                    levels += self.chain("text", str(name), part)
            element = element.getparent()
        return levels + self.paragraph_levels(paragraph, part)


def lookup(levels: list[Level], properties: str, attribute: str) -> tuple[str, str] | None:
    """The first level whose `style:<properties>` sets `attribute`: (value, origin)."""
    tag = q("style", properties)
    for style, origin in levels:
        element = style.find(tag)
        if element is not None and element.get(attribute) is not None:
            return str(element.get(attribute)), origin
    return None


class ListCounter:
    """Numbers of one list (and of the lists that continue it), level by level, and the
    marker a reader sees: "• " for bullets, "1. ", "a) " or "iv. " for numbers."""

    def __init__(self, style: Any | None) -> None:
        self.style = style
        self.counts: dict[int, int] = {}

    def next(self, level: int, start_value: str | None) -> str | None:
        for deeper in [k for k in self.counts if k > level]:
            del self.counts[deeper]
        level_style = self._level_style(level)
        if level_style is None or level_style.tag != q("text", "list-level-style-number"):
            return "• "
        if start_value is not None:
            self.counts[level] = to_int(start_value, 1)
        else:
            first = to_int(level_style.get(q("text", "start-value")), 1)
            self.counts[level] = self.counts.get(level, first - 1) + 1
        number_format = str(level_style.get(q("style", "num-format")) or "")
        value = self.counts[level]
        if not number_format:
            return None  # a numbered style that shows no number
        if number_format in {"a", "A"}:
            letter = chr(ord("a") + (value - 1) % 26)
            return f"{letter.upper() if number_format == 'A' else letter}) "
        if number_format in {"i", "I"}:
            numeral = roman(value)
            return f"{numeral if number_format == 'I' else numeral.lower()}. "
        return f"{value}. "

    def _level_style(self, level: int) -> Any | None:
        if self.style is None:
            return None
        for candidate in self.style:
            if to_int(candidate.get(q("text", "level")), 0) == level:
                return candidate
        return None


_NUMERALS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(value: int) -> str:
    out = []
    for amount, numeral in _NUMERALS:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)
