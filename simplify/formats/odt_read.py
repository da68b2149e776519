"""Read an OpenDocument text (.odt) into the letter's text, with a map back to its XML.

Every paragraph is one line; paragraphs are separated by a blank line and empty ones add
nothing. Header text (from the master pages in styles.xml) comes first, then the body (lists
with the marker a reader sees, tables cell by cell, sections), then the footers. White space
follows the ODF rules the way LibreOffice applies them: runs of spaces, tabs and newlines in the
XML collapse to one space, leading ones are dropped, and `text:s`, `text:tab` and
`text:line-break` are literal. Fields, notes and drawn objects are atomic: shown, never edited.
Tracked deletions, comments and note bodies are not letter text.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import Any

from simplify.document import BlockKind, ProtectedKind
from simplify.formats.errors import FormatError
from simplify.formats.model import Extracted, SourcePiece
from simplify.formats.odt_layout import layout_facts
from simplify.formats.odt_styles import (
    NS,
    ListCounter,
    StyleSheet,
    display_name,
    local,
    namespace,
    q,
    to_int,
)
from simplify.formats.safety import open_zip, parse_xml, sniff
from simplify.shape import Fixed, Shape, Zone

OBJECT = "\ufffc"  # stands for a frame, an object or a note call: one character, never edited
TEXT_MIMETYPES = frozenset(
    {"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template"}
)
MAX_SPACES = 1000  # a text:s asking for more spaces is malformed or hostile
_WHITE = frozenset(" \t\n\r")

_P, _H = q("text", "p"), q("text", "h")
_RECURSE = frozenset(q("text", n) for n in ("span", "a", "meta", "ruby", "ruby-base"))
_ZERO = frozenset(
    [q("office", "annotation-end"), q("text", "number"), q("text", "ruby-text")]
    + [
        q("text", f"{mark}{end}")
        for mark in (
            "bookmark",
            "reference-mark",
            "toc-mark",
            "alphabetical-index-mark",
            "user-index-mark",
        )
        for end in ("", "-start", "-end")
    ]
    + [q("text", "soft-page-break"), q("field", "param")]
)
_SKIP = frozenset({q("office", "annotation"), q("text", "tracked-changes"), q("text", "note-body")})
CHANGE_MARKS = frozenset(q("text", n) for n in ("change", "change-start", "change-end"))
_OBJECT_NAMESPACES = frozenset(
    [NS["draw"], NS["table"], NS["office"], "http://www.w3.org/1998/Math/MathML"]
    + [f"urn:oasis:names:tc:opendocument:xmlns:{name}:1.0" for name in ("dr3d", "chart", "form")]
)
_NAMED_FIELDS = frozenset(
    q("text", n)
    for n in (
        "user-field-get",
        "user-field-input",
        "variable-get",
        "variable-set",
        "variable-input",
        "sequence",
        "page-variable-get",
        "page-variable-set",
        "user-defined",
    )
)


# ---------------------------------------------------------------------------------------------
# The package


@dataclass
class OdtPackage:
    """An .odt opened and checked: its zip and the parsed content and styles parts."""

    name: str
    archive: zipfile.ZipFile
    content: Any  # root of content.xml
    styles: Any | None  # root of styles.xml


def open_odt(data: bytes, name: str) -> OdtPackage:
    """Open an .odt after the safety checks; every failure is a FormatError in French."""
    kind = sniff(data)
    if kind != "zip":
        what = {
            "ole": "c'est un ancien document Word (.doc) ou un document Office protégé",
            "pdf": "c'est un PDF",
        }.get(kind, "ce n'est pas une archive OpenDocument")
        raise FormatError(
            f"{name} : ce n'est pas un document OpenDocument texte (.odt) ({what}) ; ouvrez-le "
            f"dans LibreOffice et enregistrez-le au format .odt"
        )
    archive = open_zip(name, data)
    members = set(archive.namelist())
    if "mimetype" in members:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        if mimetype not in TEXT_MIMETYPES:
            raise FormatError(
                f"{name} : ce fichier OpenDocument n'est pas un texte (type « {mimetype} ») ; "
                f"seuls les documents texte (.odt) sont lus"
            )
    if "META-INF/manifest.xml" in members:
        manifest = _parse(name, archive, "META-INF/manifest.xml")
        if manifest.find(f".//{q('manifest', 'encryption-data')}") is not None:
            raise FormatError(
                f"{name} : le document est protégé par un mot de passe ; ouvrez-le dans "
                f"LibreOffice, faites Fichier > Enregistrer sous en décochant « Enregistrer avec "
                f"mot de passe », puis réessayez avec la copie"
            )
    if "content.xml" not in members:
        raise FormatError(
            f"{name} : document incomplet (le contenu, content.xml, manque) ; réenregistrez-le "
            f"depuis LibreOffice au format .odt"
        )
    content = _parse(name, archive, "content.xml")
    if content.find(f"{q('office', 'body')}/{q('office', 'text')}") is None:
        raise FormatError(
            f"{name} : ce document OpenDocument ne contient pas de texte (office:text absent) ; "
            f"enregistrez-le comme document texte .odt"
        )
    styles = _parse(name, archive, "styles.xml") if "styles.xml" in members else None
    return OdtPackage(name, archive, content, styles)


def _parse(name: str, archive: zipfile.ZipFile, member: str) -> Any:
    root = parse_xml(f"{name} ({member})", archive.read(member))
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        # An .odt never declares a DTD; entities could expand or reach outside the file.
        raise FormatError(
            f"{name} : {member} déclare un DOCTYPE ou des entités XML, ce qu'un vrai fichier "
            f".odt ne fait pas ; fichier refusé par sécurité"
        )
    return root


# ---------------------------------------------------------------------------------------------
# The walk


@dataclass
class TextNode:
    """One stretch of character data in a paragraph: `owner.text` or `owner.tail`."""

    owner: Any
    slot: str  # "text" or "tail"
    raw: str
    kept: tuple[int, ...]  # indices of the raw characters that show (white space collapsed)


@dataclass
class Piece:
    """A stretch of the text and where it comes from.

    For "text" pieces the characters are `getattr(element, slot)[offset:offset + length]`;
    for "space", "tab", "break" and "object" pieces the element is the `text:s`, `text:tab`,
    `text:line-break`, note or frame; "field" pieces belong to the field `element`; "marker"
    (a list marker) and "separator" (the blank line between paragraphs) are synthetic.
    """

    start: int
    end: int
    kind: str
    element: Any = None
    slot: str = ""
    offset: int = 0
    paragraph: int = -1


@dataclass
class Mark:
    """A tracked-change marker in the text: `text:change` (a deletion), or the start or end
    of an insertion; zero width."""

    position: int
    kind: str  # "change", "change-start", "change-end"
    change_id: str
    inline: bool  # inside a paragraph (else between paragraphs)


@dataclass
class OdtParagraph:
    element: Any
    story: str  # "header", "body", "footer"
    start: int
    end: int
    content_start: int  # after the list marker
    heading: bool
    part: str  # where its automatic styles live: "content" or "styles"
    in_table: bool
    where: str
    nodes: list[TextNode] = field(default_factory=list)


@dataclass
class OdtWalk:
    text: str
    pieces: list[Piece]
    fixed: list[Fixed]
    paragraphs: list[OdtParagraph]
    zones: list[Zone]
    marks: list[Mark]
    sections: list[tuple[Any, int, int]]  # text:section, start, end
    masters: list[Any]  # the master pages in use (their headers and footers were read)
    sheet: StyleSheet
    notes: list[str]


def walk_odt(content: Any, styles: Any | None) -> OdtWalk:
    """The text of an .odt (the one `extract_odt` gives) with the source of every character,
    for writers working on the same parsed trees."""
    return _Walker(content, styles).walk()


def read_paragraph_text(paragraph: Any, sheet: StyleSheet) -> str:
    """The text of one paragraph on its own (a deleted one kept in tracked changes)."""
    walker = _Walker(None, None, sheet)
    walker.paragraph(paragraph, "body", "content", keep_empty=True)
    return "".join(walker.chunks)


def paragraph_nodes(paragraph: Any, sheet: StyleSheet) -> list[TextNode]:
    """The character data of one paragraph, with what shows of each (for writers)."""
    walker = _Walker(None, None, sheet)
    walker.paragraph(paragraph, "body", "content", keep_empty=True)
    return walker.paragraphs[0].nodes


class _Walker:
    def __init__(self, content: Any, styles: Any | None, sheet: StyleSheet | None = None) -> None:
        self.content = content
        self.sheet = sheet or StyleSheet.of(content, styles)
        self.where = "content.xml"  # the part being read, for the source map
        self.chunks: list[str] = []
        self.length = 0
        self.pieces: list[Piece] = []
        self.fixed: list[Fixed] = []
        self.paragraphs: list[OdtParagraph] = []
        self.marks: list[Mark] = []
        self.sections: list[tuple[Any, int, int]] = []
        self.lists: dict[str, ListCounter] = {}
        self.last_list: ListCounter | None = None
        self.counts: dict[str, int] = {}  # what was left out, for the notes
        self.numbers: dict[str, int] = {}  # paragraphs read per story, for the source map
        self.prev_white = True
        self.nodes: list[TextNode] = []
        self.field: Any = None  # the field being read: its pieces are atomic
        self.fieldmarks: list[tuple[int, str]] = []

    def walk(self) -> OdtWalk:
        masters = self._masters_in_use()
        zones = self._story(masters, "header", ("header-first", "header", "header-left"))
        self.where = "content.xml"
        body = self.content.find(f"{q('office', 'body')}/{q('office', 'text')}")
        self.block(body, "body", "content", in_table=False)
        zones += self._story(masters, "footer", ("footer-first", "footer", "footer-left"))
        zones += [
            Zone(p.start, p.end, BlockKind.HEADING)
            for p in self.paragraphs
            if p.heading and p.story == "body"
        ]
        zones.sort(key=lambda zone: zone.start)
        return OdtWalk(
            "".join(self.chunks),
            self.pieces,
            self.fixed,
            self.paragraphs,
            zones,
            self.marks,
            self.sections,
            masters,
            self.sheet,
            self._notes(),
        )

    def _story(self, masters: list[Any], story: str, tags: tuple[str, ...]) -> list[Zone]:
        """Read the headers (or footers) of the master pages; one zone over all of them."""
        first = len(self.paragraphs)
        for master in masters:
            for tag in tags:
                element = master.find(q("style", tag))
                if element is not None and element.get(q("style", "display")) != "false":
                    self.where = f"styles.xml, {_STORIES[story]} « {display_name(master)} »"
                    self.block(element, story, "styles", in_table=False)
        if len(self.paragraphs) == first:
            return []
        return [Zone(self.paragraphs[first].start, self.paragraphs[-1].end, BlockKind.HEADER)]

    def _masters_in_use(self) -> list[Any]:
        """Master pages the body uses: the first paragraph's (else "Standard"), any named by
        an automatic style, and the pages that follow them."""
        masters = {str(m.get(q("style", "name"))): m for m in self.sheet.masters}
        if not masters:
            return []
        wanted: list[str] = []
        body = self.content.find(f"{q('office', 'body')}/{q('office', 'text')}")
        first = next((p for p in body.iter(_P, _H) if not _in_skipped(p, body)), None)
        style_name = str(first.get(q("text", "style-name")) or "") if first is not None else ""
        found = self.sheet.style("paragraph", style_name, "content")
        start = found[0].get(q("style", "master-page-name")) if found else None
        if start not in masters:
            start = "Standard" if "Standard" in masters else next(iter(masters))
        wanted.append(str(start))
        for style in self.sheet.automatic.get("content", {}).values():
            name = style.get(q("style", "master-page-name"))
            if name in masters:
                wanted.append(str(name))
        used: set[str] = set()
        while wanted:
            name = wanted.pop()
            if name in used or name not in masters:
                continue
            used.add(name)
            following = masters[name].get(q("style", "next-style-name"))
            if following:
                wanted.append(str(following))
        return [m for m in self.sheet.masters if str(m.get(q("style", "name"))) in used]

    def _notes(self) -> list[str]:
        said = {
            "tracked": "le document contient déjà des modifications suivies : le texte lu est "
            "celui où elles sont acceptées",
            "annotation": "{n} commentaire(s) ignoré(s) (ils ne font pas partie du courrier)",
            "note": "{n} note(s) de bas de page : leur texte n'est pas lu",
            "text-box": "{n} cadre(s) de texte : leur texte n'est pas lu",
            "index": "{n} table(s) des matières ou index : texte généré, non lu",
            "spaces": "{n} espacement(s) anormalement long(s) ramené(s) à 1000 espaces",
        }
        return [said[key].format(n=n) for key, n in self.counts.items() if n and key in said]

    def _count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    # -- blocks ---------------------------------------------------------------------------

    def block(self, container: Any, story: str, part: str, in_table: bool) -> None:
        for child in container:
            tag = child.tag
            if tag in (_P, _H):
                self.paragraph(child, story, part, in_table=in_table)
            elif tag == q("text", "list"):
                self._list(child, story, part, in_table, level=1, style="", counter=None)
            elif tag == q("table", "table"):
                for row in _rows(child):
                    for cell in row.iterfind(q("table", "table-cell")):
                        self.block(cell, story, part, in_table=True)
            elif tag == q("text", "section"):
                start = self.length
                self.block(child, story, part, in_table)
                self.sections.append((child, start, self.length))
            elif tag == q("text", "numbered-paragraph"):
                self.block(child, story, part, in_table)
            elif tag in CHANGE_MARKS:
                self._mark(child, inline=False)
            elif tag == q("text", "tracked-changes"):
                if len(child):
                    self._count("tracked")
            elif local(child).endswith(("-index", "table-of-content", "bibliography")):
                self._count("index")
            elif namespace(child) == NS["draw"]:
                self._count_text_boxes(child)

    def _list(
        self,
        element: Any,
        story: str,
        part: str,
        in_table: bool,
        level: int,
        style: str,
        counter: ListCounter | None,
    ) -> None:
        style = str(element.get(q("text", "style-name")) or style)
        if counter is None:
            counter = self._counter_for(element, style, part)
        for item in element:
            numbered = item.tag == q("text", "list-item")
            if not numbered and item.tag != q("text", "list-header"):
                continue
            first = True
            for child in item:
                if child.tag in (_P, _H):
                    marker = None
                    if first and numbered:
                        marker = counter.next(level, item.get(q("text", "start-value")))
                    self.paragraph(child, story, part, in_table, marker=marker)
                elif child.tag == q("text", "list"):
                    self._list(child, story, part, in_table, level + 1, style, counter)
                first = False

    def _counter_for(self, element: Any, style: str, part: str) -> ListCounter:
        continued = element.get(q("text", "continue-list"))
        if continued and continued in self.lists:
            counter = self.lists[continued]
        elif element.get(q("text", "continue-numbering")) == "true" and self.last_list:
            counter = self.last_list
        else:
            counter = ListCounter(self.sheet.list_style(style, part))
        identifier = element.get(q("xml", "id"))
        if identifier:
            self.lists[str(identifier)] = counter
        self.last_list = counter
        return counter

    # -- paragraphs -----------------------------------------------------------------------

    def paragraph(
        self,
        element: Any,
        story: str,
        part: str,
        in_table: bool = False,
        marker: str | None = None,
        keep_empty: bool = False,
    ) -> None:
        rollback = (len(self.chunks), self.length, len(self.pieces), len(self.fixed))
        if self.length:
            self._add("\n\n", "separator")
        start = self.length
        self.numbers[story] = self.numbers.get(story, 0) + 1
        where = f"{self.where}, {'tableau, ' if in_table else ''}paragraphe {self.numbers[story]}"
        paragraph = OdtParagraph(
            element, story, start, start, start, element.tag == _H, part, in_table, where
        )
        self.paragraphs.append(paragraph)
        if marker:
            self._add(marker, "marker")
            self.fixed.append(Fixed(start, self.length, ProtectedKind.MARKUP, "liste"))
        paragraph.content_start = self.length
        self.prev_white = True
        self.nodes = paragraph.nodes
        self.fieldmarks = []
        self.inline(element)
        for opened, label in self.fieldmarks:  # a fieldmark left open ends with its paragraph
            self._fixed(opened, label)
        if self.length == paragraph.content_start and not keep_empty:
            del self.chunks[rollback[0] :]
            self.length = rollback[1]
            del self.pieces[rollback[2] :]
            del self.fixed[rollback[3] :]
            for mark in self.marks:
                mark.position = min(mark.position, self.length)
            self.paragraphs.pop()
            return
        paragraph.end = self.length

    def inline(self, element: Any) -> None:
        self._text(element.text, element, "text")
        for child in element:
            self._child(child)
            self._text(child.tail, child, "tail")

    def _child(self, child: Any) -> None:
        tag = child.tag
        if not isinstance(tag, str) or tag in _ZERO:
            return
        if tag in _RECURSE:
            self.inline(child)
        elif tag == q("text", "s"):
            count = to_int(child.get(q("text", "c")), 1)
            if count > MAX_SPACES:
                self._count("spaces")
            self._literal(" " * min(max(count, 1), MAX_SPACES), "space", child)
        elif tag == q("text", "tab"):
            self._literal("\t", "tab", child)
        elif tag == q("text", "line-break"):
            self._literal("\n", "break", child)
        elif tag in _SKIP:
            if tag == q("office", "annotation"):
                self._count("annotation")
        elif tag in CHANGE_MARKS:
            self._mark(child, inline=True)
        elif tag == q("text", "note"):
            self._count("note")
            self._object(child, "note")
        elif tag == q("field", "fieldmark-start"):
            self.fieldmarks.append((self.length, str(child.get(q("field", "type")) or "champ")))
        elif tag == q("field", "fieldmark-end"):
            if self.fieldmarks:
                self._fixed(*self.fieldmarks.pop())
        elif tag == q("field", "fieldmark"):
            self._object(child, str(child.get(q("field", "type")) or "champ"))
        elif namespace(child) == NS["text"] or tag == q("loext", "content-control"):
            self._field(child)
        elif namespace(child) in _OBJECT_NAMESPACES:
            self._count_text_boxes(child)
            self._object(child, "objet")
        else:  # an element from another vocabulary: its text shows
            self.inline(child)

    def _text(self, raw: str | None, owner: Any, slot: str) -> None:
        if not raw:
            return
        kept: list[int] = []
        for index, character in enumerate(raw):
            if character in _WHITE:
                if self.prev_white:
                    continue
                self.prev_white = True
            else:
                self.prev_white = False
            kept.append(index)
        if self.field is not None:
            shown = "".join(" " if raw[i] in _WHITE else raw[i] for i in kept)
            self._add(shown, "field", self.field)
            return
        self.nodes.append(TextNode(owner, slot, raw, tuple(kept)))
        run_start = 0
        for position in range(1, len(kept) + 1):
            if position == len(kept) or kept[position] != kept[position - 1] + 1:
                first, last = kept[run_start], kept[position - 1] + 1
                shown = "".join(" " if c in _WHITE else c for c in raw[first:last])
                self._add(shown, "text", owner, slot, first)
                run_start = position

    def _literal(self, text: str, kind: str, element: Any) -> None:
        self.prev_white = False
        if self.field is not None:
            self._add(text, "field", self.field)
        else:
            self._add(text, kind, element)

    def _field(self, element: Any) -> None:
        if self.field is not None:  # a field inside a field is part of it
            self.inline(element)
            return
        start = self.length
        self.field = element
        self.inline(element)
        self.field = None
        self._fixed(start, field_label(element))

    def _object(self, element: Any, label: str) -> None:
        if self.field is not None:
            self._literal(OBJECT, "field", element)
            return
        start = self.length
        self._literal(OBJECT, "object", element)
        self._fixed(start, label)

    def _fixed(self, start: int, label: str) -> None:
        if self.length > start:
            self.fixed.append(Fixed(start, self.length, ProtectedKind.PLACEHOLDER, label))

    def _mark(self, element: Any, inline: bool) -> None:
        change_id = str(element.get(q("text", "change-id")) or "")
        self.marks.append(Mark(self.length, local(element), change_id, inline))

    def _count_text_boxes(self, element: Any) -> None:
        for _ in element.iter(q("draw", "text-box")):
            self._count("text-box")

    def _add(
        self, text: str, kind: str, element: Any = None, slot: str = "", offset: int = 0
    ) -> None:
        if not text:
            return
        start = self.length
        self.chunks.append(text)
        self.length += len(text)
        index = len(self.paragraphs) - 1
        self.pieces.append(Piece(start, self.length, kind, element, slot, offset, index))


_STORIES = {"header": "en-tête", "footer": "pied de page"}


def field_label(element: Any) -> str:
    """What names a field: the merge column, the variable, the prompt, else its kind."""
    if element.tag == q("text", "database-display"):
        return str(element.get(q("text", "column-name")) or "champ de fusion")
    if element.tag in _NAMED_FIELDS:
        return str(element.get(q("text", "name")) or local(element))
    if element.tag in (q("text", "text-input"), q("text", "placeholder"), q("text", "drop-down")):
        return str(
            element.get(q("text", "description"))
            or element.get(q("text", "name"))
            or local(element)
        )
    if element.tag == q("loext", "content-control"):
        return str(element.get(q("loext", "alias")) or element.get(q("loext", "tag")) or "contrôle")
    return local(element)


def _rows(table: Any) -> list[Any]:
    rows: list[Any] = []
    for child in table:
        if child.tag == q("table", "table-row"):
            rows.append(child)
        elif child.tag in (
            q("table", "table-header-rows"),
            q("table", "table-rows"),
            q("table", "table-row-group"),
        ):
            rows += _rows(child)
    return rows


def _in_skipped(element: Any, top: Any) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not top:
        if parent.tag in _SKIP or namespace(parent) == NS["draw"]:
            return True
        parent = parent.getparent()
    return False


# ---------------------------------------------------------------------------------------------


def extract_odt(data: bytes, name: str) -> Extracted:
    """Read an .odt: its text, zones, fixed spans, layout facts and a source map."""
    package = open_odt(data, name)
    walk = walk_odt(package.content, package.styles)
    layout, facts = layout_facts(walk, _page_count(package))
    shape = Shape(tuple(walk.zones), tuple(walk.fixed), layout, "odt", facts)
    source = tuple(SourcePiece(p.start, p.end, p.where) for p in walk.paragraphs)
    return Extracted(name, "odt", walk.text, shape, source, tuple(walk.notes))


def _page_count(package: OdtPackage) -> int | None:
    """The page count LibreOffice recorded in meta.xml when it saved the file."""
    if "meta.xml" not in package.archive.namelist():
        return None
    meta = _parse(package.name, package.archive, "meta.xml")
    statistic = meta.find(f".//{q('meta', 'document-statistic')}")
    if statistic is None or statistic.get(q("meta", "page-count")) is None:
        return None
    return to_int(statistic.get(q("meta", "page-count")), 0) or None
