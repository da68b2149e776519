"""Read a .docx into text with a source map back to its runs.

The walk goes over the XML of each paragraph (python-docx's `paragraph.text` drops fields and
content controls): text of runs (also inside hyperlinks, smart tags, custom XML and tracked
insertions), tabs, breaks; deleted text is skipped. Fields (simple and complex, nested),
content controls and drawings are atomic: their displayed text is in the letter but nothing
may edit it. Headers (the letterhead) come first, then the body (tables cell by cell), then
the footers. As with every reader, a paragraph is one line and a blank line separates
paragraphs; a list paragraph starts with the marker Word draws ("• ", "2. "), which is not in
the file's text and so is fixed (never edited).

The letterhead (header and footer parts) is read but marked as a header zone: it is shown,
its placeholders and acronyms count, but no rule flags it and no rewrite touches it; it belongs
to the institution's visual identity and is not edited in a letter.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.document import Document as DocxDocument

from simplify.formats.docx_styles import ListCounter, Styles
from simplify.formats.errors import FormatError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"
OBJECT = "\ufffc"  # stands for a drawing, an object or a symbol: one character, never edited

_RECURSE = frozenset({"hyperlink", "smartTag", "customXml", "ins", "moveTo", "dir", "bdo"})
_SKIP = frozenset(
    {
        "del",
        "moveFrom",
        "pPr",
        "rPr",
        "bookmarkStart",
        "bookmarkEnd",
        "proofErr",
        "commentRangeStart",
        "commentRangeEnd",
        "permStart",
        "permEnd",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "lastRenderedPageBreak",
        "commentReference",
        "annotationRef",
    }
)
_OBJECTS = frozenset(
    {
        "drawing",
        "object",
        "pict",
        "sym",
        "footnoteReference",
        "endnoteReference",
        "ptab",
    }
)


def local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class Piece:
    """A stretch of the document text and where it comes from."""

    start: int
    end: int
    kind: str  # "text", "tab", "break", "object", "newline", "marker"
    run: Any = None  # the w:r element
    node: Any = None  # the w:t element (kind "text")
    paragraph: int = -1  # index in Walk.paragraphs


@dataclass
class Atomic:
    """A field, a content control or an object: shown text, never edited."""

    start: int
    end: int
    kind: str  # "mergefield", "field", "control", "object"
    name: str  # field instruction or control tag


@dataclass
class WalkedParagraph:
    element: Any
    story: str  # "header", "body", "footer"
    start: int
    end: int
    list_item: bool
    heading: bool
    in_table: bool
    marker: str = ""  # the list marker drawn by Word, at the start of the paragraph's text


@dataclass
class Walk:
    text: str
    pieces: list[Piece]
    atomics: list[Atomic]
    paragraphs: list[WalkedParagraph]
    documents: list[Any] = field(default_factory=list)  # python-docx objects kept alive
    styles: Styles | None = None

    def story_range(self, story: str) -> tuple[int, int] | None:
        """Where the text of one story (header, body, footer) starts and ends."""
        own = [p for p in self.paragraphs if p.story == story and p.end > p.start]
        if not own:
            return None
        return own[0].start, own[-1].end


class _Builder:
    def __init__(self, styles: Styles, lists: ListCounter) -> None:
        self.styles = styles
        self.lists = lists
        self.chunks: list[str] = []
        self.length = 0
        self.pieces: list[Piece] = []
        self.atomics: list[Atomic] = []
        self.paragraphs: list[WalkedParagraph] = []

    def add(self, text: str, kind: str, run: Any = None, node: Any = None) -> None:
        if not text:
            return
        start = self.length
        self.chunks.append(text)
        self.length += len(text)
        self.pieces.append(Piece(start, self.length, kind, run, node, len(self.paragraphs) - 1))

    def newline(self) -> None:
        self.add("\n\n", "newline")


def read_docx_document(data: bytes, name: str) -> DocxDocument:
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:
        raise FormatError(
            f"{name} : ce n'est pas un document Word lisible ({type(error).__name__}) ; "
            f"réenregistrez-le au format .docx"
        ) from error


def walk_document(document: DocxDocument) -> Walk:
    """The text of a Word document with the source of every character."""
    styles = Styles.of(document)
    builder = _Builder(styles, ListCounter(styles))
    for element in _story_elements(document, "header"):
        _walk_block(builder, element, "header", in_table=False)
    _walk_block(builder, document.element.body, "body", in_table=False)
    for element in _story_elements(document, "footer"):
        _walk_block(builder, element, "footer", in_table=False)
    text = "".join(builder.chunks)
    return Walk(text, builder.pieces, builder.atomics, builder.paragraphs, [document], styles)


def _story_elements(document: DocxDocument, which: str) -> list[Any]:
    """Header or footer parts of all sections, each once (linked ones repeat the previous)."""
    seen: set[int] = set()
    elements = []
    for section in document.sections:
        for attribute in (f"first_page_{which}", which, f"even_page_{which}"):
            part = getattr(section, attribute)
            if part.is_linked_to_previous:
                continue
            element = part._element
            if id(element) in seen:
                continue
            seen.add(id(element))
            elements.append(element)
    return elements


def _walk_block(builder: _Builder, container: Any, story: str, in_table: bool) -> None:
    for child in container:
        tag = local(child)
        if tag == "p":
            _walk_paragraph(builder, child, story, in_table)
        elif tag == "tbl":
            for row in child.iter(_W + "tr"):
                for cell in row.findall(_W + "tc"):
                    _walk_block(builder, cell, story, in_table=True)
        elif tag == "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                _walk_block(builder, content, story, in_table)


def _walk_paragraph(builder: _Builder, paragraph: Any, story: str, in_table: bool) -> None:
    start = builder.length
    marker = builder.lists.marker(paragraph) or ""
    heading = builder.styles.outline_level(paragraph) is not None
    walked = WalkedParagraph(
        paragraph, story, start, start, bool(marker), heading, in_table, marker
    )
    builder.paragraphs.append(walked)
    builder.add(marker, "marker")
    fields: list[dict[str, Any]] = []  # open complex fields (they nest)
    _walk_inline(builder, paragraph, fields)
    if builder.length == start + len(marker):  # an empty paragraph (or a lone list marker)
        del builder.chunks[len(builder.chunks) - (1 if marker else 0) :]
        del builder.pieces[len(builder.pieces) - (1 if marker else 0) :]
        builder.length = start
        walked.marker = ""
        walked.list_item = False
        return
    walked.end = builder.length
    builder.newline()


def _walk_inline(builder: _Builder, element: Any, fields: list[dict[str, Any]]) -> None:
    for child in element:
        tag = local(child)
        if tag == "r":
            _walk_run(builder, child, fields)
        elif tag == "fldSimple":
            instruction = (child.get(_W + "instr") or "").strip()
            start = builder.length
            if not fields:
                _walk_inline(builder, child, [{"muted": False, "display": True}])
            _close_atomic(builder, start, instruction)
        elif tag == "sdt":
            start = builder.length
            properties = child.find(_W + "sdtPr")
            prompt = properties is not None and properties.find(_W + "showingPlcHdr") is not None
            content = child.find(_W + "sdtContent")
            if prompt:
                builder.add(OBJECT, "object")  # the prompt text is not letter text
            elif content is not None:
                _walk_inline(builder, content, fields)
            tag_element = properties.find(_W + "tag") if properties is not None else None
            name = tag_element.get(_W + "val") if tag_element is not None else "contrôle"
            builder.atomics.append(Atomic(start, builder.length, "control", str(name)))
        elif tag in _RECURSE:
            _walk_inline(builder, child, fields)
        elif tag in _SKIP:
            continue


def _walk_run(builder: _Builder, run: Any, fields: list[dict[str, Any]]) -> None:
    for child in run:
        tag = local(child)
        if tag == "fldChar":
            kind = child.get(_W + "fldCharType")
            if kind == "begin":
                fields.append({"start": builder.length, "instr": "", "display": False})
            elif kind == "separate" and fields:
                fields[-1]["display"] = True
            elif kind == "end" and fields:
                opened = fields.pop()
                if not fields and "start" in opened:
                    _close_atomic(builder, opened["start"], opened["instr"].strip())
            continue
        if tag == "instrText":
            if fields:
                fields[-1]["instr"] += child.text or ""
            continue
        if fields and not all(f.get("display") for f in fields):
            continue  # inside a field's instruction: not displayed
        if tag == "t":
            builder.add(child.text or "", "text", run, child)
        elif tag == "tab":
            builder.add("\t", "tab", run, child)
        elif tag in {"br", "cr"}:
            builder.add("\n", "break", run, child)
        elif tag == "noBreakHyphen":
            builder.add("\u2011", "object", run, child)
        elif tag in _OBJECTS:
            start = builder.length
            builder.add(OBJECT, "object", run, child)
            builder.atomics.append(Atomic(start, builder.length, "object", tag))


def _close_atomic(builder: _Builder, start: int, instruction: str) -> None:
    words = instruction.split()
    kind = "mergefield" if words and words[0].upper() == "MERGEFIELD" else "field"
    name = words[1] if len(words) > 1 else (words[0] if words else "")
    if builder.length > start:
        builder.atomics.append(Atomic(start, builder.length, kind, name))
