"""Write a letter as plain text (.txt) or Markdown (.md), and read its lines for the writers.

Every reader gives text where a paragraph is one line, paragraphs are separated by a blank
line and list items start with the marker a reader sees ("• ", "1. "). The writers turn that
back into structure: `letter_lines` says what each line is, using the shape for what the text
alone cannot say (which lines are headings or letterhead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simplify.document import BlockKind
from simplify.shape import Shape

# The list markers the readers write, and those people type in text letters.
LIST_MARKER = re.compile(r"(?:(?P<bullet>[-–•◦▪*])|(?P<number>\d{1,3})[.)])[ \t\u00a0]+")

_ASCII_PUNCTUATION = r"""!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"""
_INLINE_SPECIAL = re.compile(
    r"\\(?=[" + _ASCII_PUNCTUATION + r"]|$)"  # a backslash that would escape what follows
    r"|[`*\[\]<~]"  # code, emphasis, links, HTML and autolinks, strikethrough
    r"|(?<![0-9A-Za-zÀ-ÿ])_|_(?![0-9A-Za-zÀ-ÿ])"  # underscores that can open or close emphasis
    r"|&(?=#?\w+;)"  # what would read as an entity
)
_BLOCK_START = re.compile(
    r"(?P<hash>#)"  # heading
    r"|(?P<quote>>)"  # block quote
    r"|(?P<bullet>[-+=])(?=\s|$)"  # list item, setext underline
    r"|(?P<rule>[-=](?=[-=\s]*$))"  # thematic break or setext underline
    r"|\d{1,9}(?P<number>[.)])(?=\s|$)"  # ordered list item
)


@dataclass(frozen=True, slots=True)
class LetterLine:
    """One line of a letter, as the writers see it."""

    start: int  # offsets into the text, without the line break
    end: int
    text: str
    kind: str  # "blank", "heading", "item" or "text"
    header: bool = False  # inside a letterhead or footer zone
    marker: str = ""  # a list item's marker, with its spaces ("• ", "2. ")
    number: int | None = None  # an ordered item's number

    @property
    def content(self) -> str:
        """The text after the list marker."""
        return self.text[len(self.marker) :]


def letter_lines(text: str, shape: Shape | None = None) -> list[LetterLine]:
    """The lines of a letter, each with its kind (headings come from the shape's zones)."""
    zones = shape.zones if shape is not None else ()
    headings = [(z.start, z.end) for z in zones if z.kind is BlockKind.HEADING]
    headers = [(z.start, z.end) for z in zones if z.kind is BlockKind.HEADER]
    lines: list[LetterLine] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        start, end = position, position + len(body)
        position += len(raw)
        header = _inside(start, headers)
        if not body.strip():
            lines.append(LetterLine(start, end, body, "blank", header))
        elif _inside(start, headings):
            lines.append(LetterLine(start, end, body, "heading", header))
        elif marker := LIST_MARKER.match(body):
            number = marker.group("number")
            lines.append(
                LetterLine(
                    start,
                    end,
                    body,
                    "item",
                    header,
                    marker.group(0),
                    int(number) if number is not None else None,
                )
            )
        else:
            lines.append(LetterLine(start, end, body, "text", header))
    return lines


def _inside(start: int, zones: list[tuple[int, int]]) -> bool:
    """Whether a line starts inside one of the zones."""
    return any(zone_start <= start < zone_end for zone_start, zone_end in zones)


def letter_text(text: str) -> str:
    """The letter as a .txt file: its text, ending with one newline (empty stays empty)."""
    body = text.rstrip()
    return body + "\n" if body else ""


def letter_markdown(text: str, shape: Shape | None = None) -> str:
    """The letter as Markdown: heading zones as "## ", list items as Markdown lists, line
    breaks kept, and every character Markdown would read as syntax escaped."""
    out: list[str] = []
    open_kind = ""  # the paragraph being written: "", "heading", "text" or "item"
    indent = ""  # continuation lines of a list item are indented to stay in the item
    for line in letter_lines(text, shape):
        if line.kind == "blank":
            open_kind = ""
            continue
        if line.kind == "heading" and open_kind == "heading":
            out[-1] += " " + _escape_heading(line.text.strip())
            continue
        if line.kind == "text" and open_kind in {"text", "item"}:
            out[-1] += "  "  # a hard line break: the letter's line breaks are kept
            out.append(indent + escape_markdown(line.text.strip(), start=not indent))
            continue
        # A new paragraph, or a new item (items follow each other without a blank line).
        if out and not (line.kind == "item" and open_kind == "item"):
            out.append("")
        if line.kind == "heading":
            out.append("## " + _escape_heading(line.text.strip()))
            indent = ""
        elif line.kind == "item":
            marker = f"{line.number}. " if line.number is not None else "- "
            out.append(marker + escape_markdown(line.content.strip()))
            indent = " " * len(marker)
        else:
            out.append(escape_markdown(line.text.strip()))
            indent = ""
        open_kind = line.kind
    return "\n".join(out) + "\n" if out else ""


def escape_markdown(text: str, *, start: bool = True) -> str:
    """Text that Markdown shows as itself: inline syntax escaped everywhere, block syntax
    ("#", ">", "-", "1.") escaped at the start of the line when `start`."""
    escaped = _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    block = _BLOCK_START.match(escaped) if start else None
    if block is None:
        return escaped
    found = block.group(0)
    if block.group("number") is not None:  # "2024. " stays a year, not item 2024
        return found[:-1] + "\\" + found[-1] + escaped[block.end() :]
    return "\\" + escaped


def _escape_heading(text: str) -> str:
    """A heading's text: escaped, with a closing "#" kept as text."""
    escaped = escape_markdown(text, start=False)
    return escaped[:-1] + "\\#" if escaped.endswith("#") else escaped
