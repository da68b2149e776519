"""Read an HTML page into letter text, with headings, letterhead and list numbers as its shape.

The text follows the convention shared by all readers: each paragraph (p, li, h1-h6, a table
cell, a div or blockquote holding text...) is one line, paragraphs are separated by a blank
line, `<br>` is a line break. Whitespace is collapsed as a browser would; what a browser does
not show (script, style, head, hidden elements...) is skipped. The page is read in one pass
with the standard library's tolerant parser, and the implicit end tags browsers infer (an open
`<p>` closed by a `<div>`, an `<li>` by the next one) are inferred here too.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from simplify.document import BlockKind, ProtectedKind
from simplify.formats.errors import FormatError
from simplify.formats.model import Extracted, SourcePiece
from simplify.inputs import MAX_INPUT_BYTES, looks_binary
from simplify.shape import Fixed, Shape, Zone

# Elements whose content is never shown as text.
_SKIPPED = frozenset(
    {"script", "style", "head", "template", "noscript", "svg", "math", "title", "iframe",
     "object", "canvas", "video", "audio", "select", "datalist", "map"}
)  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
# Elements that start and end a paragraph: text on either side is not on the same line.
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
     "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
     "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
     "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
     "tfoot", "th", "thead", "tr", "ul"}
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
# A <header> or <footer> inside these is a section's, not the page's letterhead.
_SECTIONING = frozenset({"article", "aside", "main", "nav", "section", "header", "footer"})
# Start tags that close an open <p> (HTML's "close a p element" steps).
_CLOSES_P = _BLOCKS - {"body", "html", "caption", "td", "th", "tr", "tbody", "thead", "tfoot",
                       "legend", "summary"}  # fmt: skip
_HEAD_CONTENT = frozenset({"title", "meta", "link", "style", "script", "base", "noscript",
                           "template"})  # fmt: skip
# Which open element a start tag closes, and where the search stops.
_CLOSES = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu", "dir", "table"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "thead": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
}
_P_SCOPE = frozenset({"table", "td", "th", "caption", "button", "html", "template"})
# Browsers stop nesting at a few hundred levels; searches for an element to close stop there
# too, so a page of thousands of nested tags stays linear to read.
_SEARCH_DEPTH = 512
_PATH_SEGMENTS = 8  # deeper paths are shortened to their last segments

_SPACES = re.compile(r"[ \t\n\r\f]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HIDDEN_STYLE = re.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
_ANY_TAG = re.compile(r"<[A-Za-z!/]")
# WHATWG: these labels mean windows-1252 in a web page; a UTF-16 label in an ASCII-compatible
# page is a mistake read as UTF-8.
_AS_CP1252 = frozenset({"latin1", "iso8859-1", "ascii"})
_LIST_LABEL = "liste"


@dataclass(eq=False)
class _Open:
    """An element open while the page is read."""

    tag: str
    segment: str  # "p[3]": the tag and its rank among the parent's children of that tag
    parent: _Open | None
    skip: bool  # nothing inside is shown
    counts: dict[str, int] = field(default_factory=dict)
    start: int | None = None  # offset of its first text, once there is one
    page_part: bool = False  # a page-level <header> or <footer>
    number: int = 1  # next list number (<ol>)
    step: int = 1  # -1 for <ol reversed>
    style: str = "1"  # <ol type>
    level: int = 0  # list nesting level (<ul>, <ol>)
    marker: str = ""  # the marker an <li> shows, until its first text
    fresh: bool = True  # <pre>: no text seen yet (a first newline is dropped)


def extract_html(data: bytes, name: str) -> Extracted:
    """Read an HTML page: its visible text, headings and letterhead as zones, list numbers
    as fixed spans, and where each stretch of text comes from ("body > div[2] > p[3]")."""
    notes: list[str] = []
    page, encoding = _decode(data, name, notes)
    reader = _PageReader()
    try:
        reader.feed(page)
        reader.close()
    except Exception as error:
        raise FormatError(
            f"{name} : page HTML illisible ({type(error).__name__}) ; ouvrez-la dans un "
            f"navigateur et enregistrez-la de nouveau (Fichier > Enregistrer sous)"
        ) from error
    text = "".join(reader.parts)
    if not text.strip():
        raise FormatError(
            f"{name} : la page ne contient aucun texte visible ; vérifiez que c'est bien la "
            f"lettre (et non une page vide ou une image) ou enregistrez-la en texte (.txt)"
        )
    if not _ANY_TAG.search(page):
        notes.append(
            "aucune balise HTML : le texte a été lu comme une page web, retours à la ligne "
            "compris comme des espaces"
        )
    if reader.hidden:
        notes.append(f"{reader.hidden} élément(s) masqué(s) de la page ignoré(s)")
    if reader.tables:
        notes.append("tableau(x) lu(s) cellule par cellule, un paragraphe par cellule")
    if reader.images:
        notes.append(f"{reader.images} image(s) ignorée(s) : leur texte n'est pas lu")
    extra = {
        key: value for key, value in (("title", reader.title()), ("lang", reader.lang)) if value
    }
    zones = sorted(reader.zones, key=lambda z: (z.start, -z.end))
    return Extracted(
        name=name,
        format="html",
        text=text,
        shape=Shape(zones=tuple(zones), fixed=tuple(reader.fixed), source="html"),
        source=tuple(reader.pieces),
        notes=tuple(notes),
        encoding=encoding,
        extra=extra,
    )


def _decode(data: bytes, name: str, notes: list[str]) -> tuple[str, str]:
    """The page as text and the encoding used: byte order mark, then the charset the page
    declares, then UTF-8, then Windows-1252."""
    if len(data) > MAX_INPUT_BYTES:
        raise FormatError(
            f"{name} : page trop grosse ({-(-len(data) // 1000)} ko, au plus "
            f"{MAX_INPUT_BYTES // 1000} ko) ; enregistrez seulement la lettre, sans le reste "
            f"du site"
        )
    if not data.strip():
        raise FormatError(f"{name} : le fichier est vide ; il n'y a rien à analyser")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError as error:
                raise FormatError(
                    f"{name} : la page annonce l'encodage {encoding.removesuffix('-sig')} mais "
                    f"ses caractères ne le respectent pas ; réenregistrez-la en UTF-8"
                ) from error
    if looks_binary(data):
        raise FormatError(_binary_message(name, data))
    declared = _declared_charset(data)
    candidates = [declared] if declared else []
    candidates += [c for c in ("utf-8", "cp1252") if c not in candidates]
    for encoding in candidates:
        try:
            page = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if declared and encoding != declared:
            notes.append(
                f"la page annonce l'encodage {declared} mais n'y est pas écrite ; lue en {encoding}"
            )
        elif not declared and encoding == "cp1252":
            notes.append("encodage non déclaré et texte non UTF-8 : lu en Windows-1252")
        return page, encoding
    notes.append("caractères non reconnus remplacés par « \ufffd »")
    return data.decode("cp1252", errors="replace"), "cp1252"


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        encoding = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if encoding in _AS_CP1252:
        return "cp1252"
    if encoding.startswith("utf-16") or encoding.startswith("utf-32") or encoding == "utf-8-sig":
        return "utf-8"
    return encoding


def _binary_message(name: str, data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        what = "un document Word, OpenDocument ou une archive zip"
        todo = "envoyez-le tel quel (.docx ou .odt) plutôt que comme page HTML"
    elif data.lstrip()[:5] == b"%PDF-":
        what = "un document PDF"
        todo = "envoyez-le comme fichier .pdf"
    elif data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        what = "un ancien document Word (.doc)"
        todo = "enregistrez-le au format .docx"
    else:
        what = "un fichier binaire"
        todo = "ouvrez la page dans un navigateur et enregistrez-la en HTML ou en texte (.txt)"
    return f"{name} : ce n'est pas une page HTML mais {what} ; {todo}"


class _PageReader(HTMLParser):
    """Builds the text while the tags stream by; separators are written lazily, just before
    the next text, so nothing trails and zones end on their last character."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.pieces: list[SourcePiece] = []
        self.zones: list[Zone] = []
        self.fixed: list[Fixed] = []
        self.root = _Open("#document", "body", None, skip=False)
        self.stack: list[_Open] = [self.root]
        self.open_counts: dict[str, int] = {}
        self.pending_break = ""  # "", "line" or "paragraph"
        self.pending_space = False
        self.awaiting: list[_Open] = []  # open zone elements with no text yet
        self.sectioning = 0  # open sectioning elements
        self.tracked: dict[str, list[_Open]] = {"li": [], "list": [], "pre": []}
        self.title_parts: list[str] = []
        self.lang = ""
        self.hidden = 0
        self.tables = 0
        self.images = 0

    # --- the tree ---------------------------------------------------------------------------

    @property
    def top(self) -> _Open:
        return self.stack[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key.lower(): (value or "") for key, value in attrs}
        if self.open_counts.get("head") and tag not in _HEAD_CONTENT and tag != "head":
            self._close("head")
        if tag == "html" and "lang" in attributes and not self.lang:
            self.lang = attributes["lang"].strip()
        if tag in {"html", "body"} and self.open_counts.get(tag):
            return  # a repeated <html> or <body> adds nothing
        if self.top.skip:
            if tag not in _VOID:
                self._push(tag, skip=True)  # hidden content: its tags change nothing outside
            return
        if tag in _CLOSES_P:
            self._close_in_scope("p", _P_SCOPE)
        if tag in _CLOSES:
            closes, stops = _CLOSES[tag]
            self._close_nearest(closes, stops)
        if tag in _VOID:
            self._void(tag)
            return
        hidden = (
            "hidden" in attributes
            or attributes.get("aria-hidden", "").strip().lower() == "true"
            or bool(_HIDDEN_STYLE.search(attributes.get("style", "")))
        )
        self.hidden += hidden
        element = self._push(tag, skip=hidden or tag in _SKIPPED)
        if element.skip:
            return
        if tag in _BLOCKS:
            self._paragraph_break()
        if tag in {"header", "footer"} and not self.sectioning:
            element.page_part = True
        if tag in _SECTIONING:
            self.sectioning += 1
        if tag == "table":
            self.tables += 1
        if tag in _LISTS:
            element.level = len(self.tracked["list"]) + 1
            self.tracked["list"].append(element)
            if tag == "ol":
                element.style = attributes.get("type", "1") or "1"
                element.step = -1 if "reversed" in attributes else 1
                element.number = _integer(attributes.get("start"), 1)
        if tag == "li":
            element.marker = self._list_marker(attributes)
            self.tracked["li"].append(element)
        if tag == "pre":
            self.tracked["pre"].append(element)
        if tag in _HEADINGS or tag == "li" or element.page_part:
            self.awaiting.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # browsers read </br> as <br>
            self._void("br")
        elif tag == "p" and not self.open_counts.get("p"):
            if not self.top.skip:
                self._paragraph_break()  # a stray </p> is an empty paragraph
        elif tag not in {"html", "body"}:
            self._close(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def _push(self, tag: str, skip: bool) -> _Open:
        parent = self.top
        rank = parent.counts.get(tag, 0) + 1
        parent.counts[tag] = rank
        segment = tag if tag in {"html", "body"} else f"{tag}[{rank}]"
        element = _Open(tag, segment, parent, skip=skip or parent.skip)
        self.stack.append(element)
        self.open_counts[tag] = self.open_counts.get(tag, 0) + 1
        return element

    def _void(self, tag: str) -> None:
        if self.top.skip:
            return
        if tag == "br":
            self.pending_space = False
            # Two breaks in a row leave an empty line: a reader sees a new paragraph.
            self.pending_break = "paragraph" if self.pending_break else "line"
        elif tag == "hr":
            self._paragraph_break()
        elif tag == "img":
            self.images += 1

    def _close(self, tag: str) -> None:
        """Close the nearest open `tag` and everything opened inside it (inside hidden
        content, only an element of that hidden content)."""
        if not self.open_counts.get(tag):
            return
        inside_hidden = self.top.skip
        for depth in range(len(self.stack) - 1, 0, -1):
            element = self.stack[depth]
            if inside_hidden and not element.skip:
                return
            if element.tag == tag:
                while len(self.stack) > depth:
                    self._pop()
                return

    def _close_nearest(self, tags: frozenset[str], stops: frozenset[str]) -> None:
        if not any(self.open_counts.get(t) for t in tags):
            return
        for depth in range(len(self.stack) - 1, max(0, len(self.stack) - _SEARCH_DEPTH), -1):
            element = self.stack[depth]
            if element.tag in stops:
                return
            if element.tag in tags:
                while len(self.stack) > depth:
                    self._pop()
                return

    def _close_in_scope(self, tag: str, stops: frozenset[str]) -> None:
        self._close_nearest(frozenset({tag}), stops)

    def _pop(self) -> _Open:
        element = self.stack.pop()
        self.open_counts[element.tag] -= 1
        if element.skip:
            return element
        if element.tag in _SECTIONING:
            self.sectioning -= 1
        for key, tags in (("li", {"li"}), ("list", _LISTS), ("pre", {"pre"})):
            if element.tag in tags and self.tracked[key] and self.tracked[key][-1] is element:
                self.tracked[key].pop()
        if element in self.awaiting:
            self.awaiting.remove(element)
        if element.start is not None:
            kind = None
            if element.tag in _HEADINGS:
                kind = BlockKind.HEADING
            elif element.page_part:
                kind = BlockKind.HEADER
            elif element.tag == "li":
                kind = BlockKind.LIST_ITEM
            if kind is not None:
                self.zones.append(Zone(element.start, self.length, kind))
        if element.tag in _BLOCKS:
            self._paragraph_break()
        return element

    # --- the text ---------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        element = self.top
        if element.tag == "title" and not self.open_counts.get("svg"):
            self.title_parts.append(data)
        if element.skip:
            if element.tag == "head" and data.strip():
                self._close("head")  # text in the head: the body has begun
            else:
                return
        if self.tracked["pre"]:
            self._preformatted(data, self.tracked["pre"][-1])
            return
        collapsed = _SPACES.sub(" ", data.replace("\u00ad", ""))
        if collapsed.startswith(" "):
            self.pending_space = True
        words = collapsed.strip(" ")
        if words:
            self._write(words)
            self.pending_space = collapsed.endswith(" ")

    def _preformatted(self, data: str, pre: _Open) -> None:
        """Text in <pre>: spaces inside a line kept, each line a line (a blank one ends a
        paragraph)."""
        data = data.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
        if pre.fresh:
            pre.fresh = False
            data = data.removeprefix("\n")
        lines = data.split("\n")
        for index, line in enumerate(lines):
            if index:
                self._void("br")
            content = line.rstrip()
            if content.strip():
                if self.pending_break:
                    content = content.lstrip()
                self._write(content)
                self.pending_space = False
            elif line:
                self.pending_space = True

    def _paragraph_break(self) -> None:
        self.pending_break = "paragraph"
        self.pending_space = False

    def _write(self, text: str) -> None:
        if self.length:
            if self.pending_break == "paragraph":
                self._append("\n\n")
            elif self.pending_break == "line":
                self._append("\n")
            elif self.pending_space:
                self._append(" ")
        self.pending_break = ""
        self.pending_space = False
        for element in self.awaiting:
            element.start = self.length
        self.awaiting.clear()
        item = self.tracked["li"][-1] if self.tracked["li"] else None
        if item is not None and item.marker:
            start = self.length
            self._append(item.marker)
            self.fixed.append(Fixed(start, self.length, ProtectedKind.MARKUP, _LIST_LABEL))
            self.pieces.append(SourcePiece(start, self.length, f"{_path(item)}, numéro affiché"))
            item.marker = ""
        start = self.length
        self._append(text)
        where = _path(self.top)
        last = self.pieces[-1] if self.pieces else None
        if last is not None and last.where == where and start - last.end <= 1:
            self.pieces[-1] = SourcePiece(last.start, self.length, where)
        else:
            self.pieces.append(SourcePiece(start, self.length, where))

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def _list_marker(self, attributes: dict[str, str]) -> str:
        owner = self.tracked["list"][-1] if self.tracked["list"] else None
        if owner is None or owner.tag != "ol":
            level = owner.level if owner is not None else 1
            return ("•", "◦", "▪")[min(level, 3) - 1] + " "
        if "value" in attributes:
            owner.number = _integer(attributes["value"], owner.number)
        number = owner.number
        owner.number += owner.step
        return _ordinal(number, owner.style) + ". "

    def title(self) -> str:
        return _SPACES.sub(" ", "".join(self.title_parts)).strip()


def _path(element: _Open) -> str:
    """A readable path from the page's body to the element: "body > div[2] > p[3]"; deep
    ones keep their last segments ("body > … > td[2] > p[1]")."""
    segments: list[str] = []
    node: _Open | None = element
    while node is not None and node.parent is not None:
        if len(segments) == _PATH_SEGMENTS:
            segments.append("…")
            break
        if node.tag not in {"html", "body"}:
            segments.append(node.segment)
        node = node.parent
    segments.reverse()
    return " > ".join(["body", *segments])


def _integer(value: str | None, default: int) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


def _ordinal(number: int, style: str) -> str:
    """The number an <ol type> shows: 3, c, C, iii or III (decimal where a style cannot say
    the number, like letters for zero)."""
    if style in {"a", "A"} and number >= 1:
        letters = ""
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if style == "a" else letters.upper()
    if style in {"i", "I"} and 1 <= number < 4000:
        roman = ""
        for value, symbol in (
            (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
        ):  # fmt: skip
            count, number = divmod(number, value)
            roman += symbol * count
        return roman if style == "i" else roman.upper()
    return str(number)
