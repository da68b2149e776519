"""Put changes back into an .odt: in place (clean copy) or as ODF tracked changes with a
comment on each, so the agent gets their own file back with every change to accept or reject.

Offsets are into the text `extract_odt` gives. A replacement goes where the first replaced
character was, inside the same span, so it keeps that text's style. Tracked mode writes what
LibreOffice writes: a `text:changed-region` per deletion (the deleted text kept as a `text:p`)
marked by `text:change`, one per insertion around the new text (`text:change-start` /
`text:change-end`), and an `office:annotation` ... `office:annotation-end` with the reason.
Only content.xml is rewritten; every other member of the zip is copied unchanged.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from simplify.formats.errors import FormatError
from simplify.formats.model import Change, Written
from simplify.formats.odt_read import (
    OBJECT,
    OdtParagraph,
    OdtWalk,
    Piece,
    open_odt,
    paragraph_nodes,
    read_paragraph_text,
    walk_odt,
)
from simplify.formats.odt_styles import q, to_int

Position = tuple[Any, str, int]  # (element, "text" or "tail", offset in that string)
_EDITABLE = frozenset({"text", "space", "tab", "break"})
_INLINE = frozenset(q("text", n) for n in ("p", "h", "span", "a", "meta"))


def write_odt(
    data: bytes,
    name: str,
    changes: Sequence[Change],
    *,
    tracked: bool,
    author: str,
    date: datetime,
) -> Written:
    """The .odt with the changes applied, tracked or not; refused changes say why."""
    package = open_odt(data, name)
    walk = walk_odt(package.content, package.styles)
    accepted, refused = _sort_out(walk, changes)
    if not accepted:
        return Written(data, (), tuple(refused))
    touched = sorted({index for _, index in accepted})
    for index in touched:
        _canonical(walk, index)
    shown = walk.text
    walk = walk_odt(package.content, package.styles)
    if walk.text != shown:  # rewriting white space canonically must not change the text
        raise FormatError(
            f"{name} : impossible de réécrire ce document sans changer son texte ; aucune "
            f"modification n'a été faite"
        )
    editor = _Editor(walk, package.content, tracked, author, _iso(date))
    numbers = editor.reserve([change for change, _ in accepted])
    # From the end of the text, so offsets before each change stay valid; at one place the
    # later change goes first, and the earlier one then lands before it.
    for (change, index), ids in reversed(list(zip(accepted, numbers, strict=True))):
        editor.apply(change, index, ids)
    editor.finish()
    for index in touched:
        _literal_spaces(walk.paragraphs[index].element, walk)
    content = etree.tostring(package.content.getroottree(), xml_declaration=True, encoding="UTF-8")
    applied = tuple(change for change, _ in accepted)
    return Written(_rezip(package.archive, {"content.xml": content}), applied, tuple(refused))


# ---------------------------------------------------------------------------------------------
# Which changes can go in


def _sort_out(
    walk: OdtWalk, changes: Sequence[Change]
) -> tuple[list[tuple[Change, int]], list[tuple[Change, str]]]:
    """The changes that can be written (in the order of the text, with their paragraph) and
    the others with the reason. Changes of one group go in together or not at all."""
    ordered = sorted(enumerate(changes), key=lambda item: (item[1].start, item[1].end, item[0]))
    revised = _revised(walk)
    found: list[tuple[Change, str | None, int]] = []
    last_end = -1
    for _, change in ordered:
        reason, index = _refusal(walk, change, revised)
        if reason is None and change.start < last_end:
            reason = "chevauche une autre modification du même passage"
        if reason is None:
            last_end = max(last_end, change.end)
        found.append((change, reason, index))
    bad_groups = {change.group for change, reason, _ in found if reason and change.group}
    accepted: list[tuple[Change, int]] = []
    refused: list[tuple[Change, str]] = []
    for change, reason, index in found:
        if reason is None and change.group in bad_groups:
            refused.append((change, "va avec une autre modification qui ne peut pas être faite"))
        elif reason is None:
            accepted.append((change, index))
        else:
            refused.append((change, reason))
    return accepted, refused


def _revised(walk: OdtWalk) -> list[tuple[int, int]]:
    """Text already under revision: spans of earlier tracked insertions, points of earlier
    deletions. A new change inside them would nest revisions, which LibreOffice mishandles."""
    starts = {m.change_id: m.position for m in walk.marks if m.kind == "change-start"}
    spans = [(m.position, m.position) for m in walk.marks if m.kind == "change"]
    spans += [
        (starts[m.change_id], m.position)
        for m in walk.marks
        if m.kind == "change-end" and m.change_id in starts
    ]
    return spans


def _refusal(
    walk: OdtWalk, change: Change, revised: list[tuple[int, int]]
) -> tuple[str | None, int]:
    start, end = change.start, change.end
    if not 0 <= start <= end <= len(walk.text):
        return "la modification sort du texte du document", -1
    if walk.text[start:end] == change.replacement:
        return "la modification ne change rien au texte", -1
    if "\n\n" in change.replacement or OBJECT in change.replacement:
        return "le remplacement ajoute un paragraphe ou un objet : à faire à la main", -1
    index = next(
        (i for i, p in enumerate(walk.paragraphs) if p.start <= start and end <= p.end), -1
    )
    if index < 0:
        return "la modification s'étend sur plusieurs paragraphes", -1
    paragraph = walk.paragraphs[index]
    if paragraph.story != "body":
        return "la modification touche l'en-tête ou le pied de page (papier à en-tête)", -1
    for fixed in walk.fixed:
        inside = fixed.start < start < fixed.end
        if inside or (start < end and fixed.start < end and start < fixed.end):
            if fixed.label == "liste":
                return "la modification touche la puce ou le numéro d'une liste", -1
            return f"la modification touche un champ ou un objet (« {fixed.label} »)", -1
    if start < paragraph.content_start:
        return "la modification touche la puce ou le numéro d'une liste", -1
    for begin, finish in revised:
        # An insertion right at the end of an earlier one would land inside it.
        if (
            begin < start < finish
            or (start < end and start < finish and begin < end)
            or (start == end and begin < start == finish)
        ):
            return (
                "le passage a déjà une modification suivie : acceptez-la ou refusez-la d'abord",
                -1,
            )
    return None, index


# ---------------------------------------------------------------------------------------------
# Canonical white space: each shown character is one character of the XML


def _canonical(walk: OdtWalk, index: int) -> None:
    """Write the paragraph's text nodes as they show (collapsed white space dropped) and
    split `text:s c="n"` into single spaces, so offsets map one to one onto the XML."""
    for node in walk.paragraphs[index].nodes:
        shown = "".join(" " if node.raw[i] in " \t\n\r" else node.raw[i] for i in node.kept)
        setattr(node.owner, node.slot, shown or None)
    for piece in walk.pieces:
        if piece.paragraph == index and piece.kind == "space" and piece.end - piece.start > 1:
            element = piece.element
            element.attrib.pop(q("text", "c"), None)
            for _ in range(piece.end - piece.start - 1):
                single = etree.Element(q("text", "s"))
                single.tail, element.tail = element.tail, None
                element.addnext(single)


def _literal_spaces(paragraph: Any, walk: OdtWalk) -> None:
    """After the edits, make every space show: a space ODF would collapse (at the start of
    the paragraph, after another space) becomes `text:s`; then merge neighbouring `text:s`."""
    for node in paragraph_nodes(paragraph, walk.sheet):
        if len(node.kept) == len(node.raw):
            continue
        kept = set(node.kept)
        items: list[Any] = []
        for is_kept, group in itertools.groupby(range(len(node.raw)), key=kept.__contains__):
            indices = list(group)
            if is_kept:
                items.append("".join(node.raw[i] for i in indices))
            else:
                items.append(_spaces(len(indices)))
        setattr(node.owner, node.slot, None)
        _insert((node.owner, node.slot, 0), items)
    for space in list(paragraph.iter(q("text", "s"))):
        following = space.getnext()
        if space.getparent() is None or following is None or following.tag != q("text", "s"):
            continue
        if not space.tail and space.getparent().tag in _INLINE:
            count = to_int(space.get(q("text", "c")), 1) + to_int(following.get(q("text", "c")), 1)
            following.set(q("text", "c"), str(count))
            _remove(space)
    for space in paragraph.iter(q("text", "s")):
        if space.get(q("text", "c")) == "1":
            del space.attrib[q("text", "c")]


def _spaces(count: int) -> Any:
    element = etree.Element(q("text", "s"))
    if count > 1:
        element.set(q("text", "c"), str(count))
    return element


# ---------------------------------------------------------------------------------------------
# Editing the tree


def encode(text: str, white: bool) -> list[Any]:
    """Text as ODF items: strings, `text:s` for spaces that would collapse (`white` says the
    character before was white space or the paragraph starts), `text:tab`, `text:line-break`."""
    items: list[Any] = []
    spaces = 0
    for character in text.replace("\r\n", "\n").replace("\r", "\n"):
        if character == " " and white:
            spaces += 1
            continue
        if spaces:
            items.append(_spaces(spaces))
            spaces = 0
        if character == "\t":
            items.append(etree.Element(q("text", "tab")))
            white = False
        elif character == "\n":
            items.append(etree.Element(q("text", "line-break")))
            white = False
        else:
            items.append(character)
            white = character == " "
    if spaces:
        items.append(_spaces(spaces))
    return items


def _insert(position: Position, items: list[Any]) -> None:
    """Insert text and elements at a position; text joins the text around it."""
    owner, slot, offset = position
    current = getattr(owner, slot) or ""
    before, after = current[:offset], current[offset:]
    elements: list[Any] = []
    for item in items:
        if not isinstance(item, str):
            elements.append(item)
        elif elements:
            elements[-1].tail = (elements[-1].tail or "") + item
        else:
            before += item
    if not elements:
        setattr(owner, slot, (before + after) or None)
        return
    setattr(owner, slot, before or None)
    elements[-1].tail = ((elements[-1].tail or "") + after) or None
    if slot == "text":
        for number, element in enumerate(elements):
            owner.insert(number, element)
    else:
        parent = owner.getparent()
        at = parent.index(owner) + 1
        for number, element in enumerate(elements):
            parent.insert(at + number, element)


def _append(parent: Any, items: list[Any]) -> None:
    for item in items:
        if not isinstance(item, str):
            parent.append(item)
        elif len(parent):
            parent[-1].tail = (parent[-1].tail or "") + item
        else:
            parent.text = (parent.text or "") + item


def _remove(element: Any) -> None:
    """Remove an element and keep the text that follows it."""
    parent = element.getparent()
    previous = element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _before(element: Any) -> Position:
    previous = element.getprevious()
    if previous is not None:
        return previous, "tail", len(previous.tail or "")
    parent = element.getparent()
    return parent, "text", len(parent.text or "")


def _position(pieces: list[Piece], start: int, end: int) -> Position:
    """Where the new text goes: at the first replaced character; for an insertion, right
    after the character before it (so it takes that text's style), else before the next."""
    if end > start:
        first = next(p for p in pieces if p.end > start)
        if first.kind == "text":
            return first.element, first.slot, first.offset + start - first.start
        return _before(first.element)
    before = next((p for p in pieces if p.start < start <= p.end), None)
    if before is not None and before.kind == "text":
        return before.element, before.slot, before.offset + start - before.start
    if before is not None and before.kind != "marker":
        return before.element, "tail", 0
    after = next(p for p in pieces if p.start >= start and p.kind != "marker")
    if after.kind == "text":
        return after.element, after.slot, after.offset
    return _before(after.element)


class _Editor:
    def __init__(self, walk: OdtWalk, content: Any, tracked: bool, author: str, date: str) -> None:
        self.walk = walk
        self.tracked = tracked
        self.author = author
        self.date = date
        self.regions: dict[str, Any] = {}  # changed regions by id
        self.order: list[str] = []  # region ids in the order of the text
        self.body = content.find(f"{q('office', 'body')}/{q('office', 'text')}")
        keys = {q("xml", "id"), q("text", "id"), q("text", "change-id"), q("office", "name")}
        used = {
            value
            for element in content.iter()
            for key, value in element.attrib.items()
            if key in keys
        }
        self.ids = (f"ct{n}" for n in itertools.count(1) if f"ct{n}" not in used)
        self.names = (
            f"__Annotation__simplify_{n}"
            for n in itertools.count(1)
            if f"__Annotation__simplify_{n}" not in used
        )

    def reserve(self, changes: list[Change]) -> list[tuple[str, str, str]]:
        """Names of each change's comment, deletion and insertion, in the order of the text
        (the changes are then applied from the end)."""
        numbers = [
            (
                next(self.names) if change.comment else "",
                next(self.ids) if change.end > change.start else "",
                next(self.ids) if change.replacement else "",
            )
            for change in changes
        ]
        self.order = [region for _, *regions in numbers for region in regions if region]
        return numbers

    def apply(self, change: Change, index: int, ids: tuple[str, str, str]) -> None:
        paragraph = self.walk.paragraphs[index]
        pieces = [p for p in self.walk.pieces if p.paragraph == index]
        start, end = change.start, change.end
        position = _position(pieces, start, end)
        removed = [p for p in pieces if p.start < end and start < p.end] if end > start else []
        deleted = self._deleted_paragraph(paragraph, removed, start, end) if self.tracked else None
        for piece in reversed(removed):
            self._cut(piece, start, end)
        inserted = encode(change.replacement, white=False)
        if not self.tracked:
            _insert(position, inserted)
            return
        items: list[Any] = []
        name, deletion_id, insertion_id = ids
        if change.comment:
            items.append(self._annotation(name, change.comment))
        if deleted is not None:
            self._region("deletion", deletion_id, deleted)
            items.append(etree.Element(q("text", "change"), {q("text", "change-id"): deletion_id}))
        if inserted:
            self._region("insertion", insertion_id, None)
            attributes = {q("text", "change-id"): insertion_id}
            items.append(etree.Element(q("text", "change-start"), attributes))
            items += inserted
            items.append(etree.Element(q("text", "change-end"), attributes))
        if change.comment:
            items.append(etree.Element(q("office", "annotation-end"), {q("office", "name"): name}))
        _insert(position, items)

    def _cut(self, piece: Piece, start: int, end: int) -> None:
        if piece.kind not in _EDITABLE:  # refused earlier; never edit fields or objects
            raise AssertionError(f"odt_write: editing a {piece.kind} piece")
        if piece.kind != "text":
            _remove(piece.element)
            return
        current = getattr(piece.element, piece.slot) or ""
        cut_from = piece.offset + max(start, piece.start) - piece.start
        cut_to = piece.offset + min(end, piece.end) - piece.start
        setattr(piece.element, piece.slot, (current[:cut_from] + current[cut_to:]) or None)

    def _deleted_paragraph(
        self, paragraph: OdtParagraph, removed: list[Piece], start: int, end: int
    ) -> Any | None:
        """The deleted text as a `text:p` of the paragraph's style, spans kept."""
        if not removed:
            return None
        kept = etree.Element(q("text", "p"))
        style = paragraph.element.get(q("text", "style-name"))
        if style:
            kept.set(q("text", "style-name"), style)
        white = True
        for piece in removed:
            text = self.walk.text[max(start, piece.start) : min(end, piece.end)]
            span_style = _span_style(piece, paragraph.element)
            target = kept
            if span_style:
                if (
                    len(kept)
                    and kept[-1].tag == q("text", "span")
                    and not kept[-1].tail
                    and (kept[-1].get(q("text", "style-name")) == span_style)
                ):
                    target = kept[-1]
                else:
                    target = etree.SubElement(
                        kept, q("text", "span"), {q("text", "style-name"): span_style}
                    )
            _append(target, encode(text, white))
            white = text[-1] == " "
        return kept

    def _annotation(self, name: str, comment: str) -> Any:
        annotation = etree.Element(q("office", "annotation"), {q("office", "name"): name})
        etree.SubElement(annotation, q("dc", "creator")).text = self.author
        etree.SubElement(annotation, q("dc", "date")).text = self.date
        for line in comment.split("\n"):
            _append(etree.SubElement(annotation, q("text", "p")), encode(line, white=True))
        return annotation

    def _region(self, kind: str, region_id: str, content: Any | None) -> None:
        region = etree.Element(
            q("text", "changed-region"), {q("xml", "id"): region_id, q("text", "id"): region_id}
        )
        change = etree.SubElement(region, q("text", kind))
        info = etree.SubElement(change, q("office", "change-info"))
        etree.SubElement(info, q("dc", "creator")).text = self.author
        etree.SubElement(info, q("dc", "date")).text = self.date
        if content is not None:
            change.append(content)
        self.regions[region_id] = region

    def finish(self) -> None:
        """Put the changed regions, in the order of the text, into `text:tracked-changes`."""
        if not self.regions:
            return
        container = self.body.find(q("text", "tracked-changes"))
        if container is None:
            container = etree.Element(q("text", "tracked-changes"))
            forms = self.body.find(q("office", "forms"))
            at = 1 if forms is not None and self.body.index(forms) == 0 else 0
            self.body.insert(at, container)
        for region_id in self.order:
            container.append(self.regions[region_id])


def _span_style(piece: Piece, paragraph: Any) -> str:
    """The style of the innermost span around a piece of text (empty when there is none)."""
    inside_element = piece.kind == "text" and piece.slot == "text"
    element = piece.element if inside_element else piece.element.getparent()
    while element is not None and element is not paragraph:
        if element.tag == q("text", "span") and element.get(q("text", "style-name")):
            return str(element.get(q("text", "style-name")))
        element = element.getparent()
    return ""


def _iso(date: datetime) -> str:
    if date.tzinfo is not None:
        return date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return date.strftime("%Y-%m-%dT%H:%M:%S")


def _rezip(archive: zipfile.ZipFile, replaced: dict[str, bytes]) -> bytes:
    """The same members in the same order, `mimetype` first and stored; only the replaced
    ones change."""
    output = io.BytesIO()
    members = sorted(archive.infolist(), key=lambda info: info.filename != "mimetype")
    with zipfile.ZipFile(output, "w") as target:
        for info in members:
            data = replaced.get(info.filename)
            if data is None:
                data = archive.read(info)
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.external_attr = info.external_attr
            if info.filename == "mimetype":
                copy.compress_type = zipfile.ZIP_STORED
            elif info.filename in replaced:
                copy.compress_type = zipfile.ZIP_DEFLATED
            else:
                copy.compress_type = info.compress_type
            target.writestr(copy, data)
    return output.getvalue()


# ---------------------------------------------------------------------------------------------
# Accept or reject all tracked changes (to check a tracked file)


def accept_all_odt(data: bytes) -> str:
    """The text once every tracked change is accepted: insertions stay, deletions go. This
    is the text the reader gives, which reads tracked changes as accepted."""
    package = open_odt(data, "document.odt")
    return walk_odt(package.content, package.styles).text


def reject_all_odt(data: bytes) -> str:
    """The text once every tracked change is rejected: inserted text goes, deleted text
    (kept in `text:tracked-changes`) comes back where its `text:change` marker is."""
    package = open_odt(data, "document.odt")
    walk = walk_odt(package.content, package.styles)
    regions = {
        str(region.get(q("text", "id")) or region.get(q("xml", "id"))): region
        for region in package.content.iter(q("text", "changed-region"))
    }
    starts = {m.change_id: m.position for m in walk.marks if m.kind == "change-start"}
    edits: list[tuple[int, int, str]] = []  # in the order of the marks
    for mark in walk.marks:
        region = regions.get(mark.change_id)
        if region is None:
            continue
        if mark.kind == "change-end" and region.find(q("text", "insertion")) is not None:
            begin = starts.get(mark.change_id, mark.position)
            edits.append((begin, mark.position, ""))
        elif mark.kind == "change" and (deletion := region.find(q("text", "deletion"))) is not None:
            paragraphs = [p for p in deletion if p.tag in (q("text", "p"), q("text", "h"))]
            restored = "\n\n".join(read_paragraph_text(p, walk.sheet) for p in paragraphs)
            if not mark.inline:
                restored = f"\n\n{restored}" if mark.position else f"{restored}\n\n"
            edits.append((mark.position, mark.position, restored))
    return _apply_text(walk.text, edits)


def _apply_text(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply text edits given in the order of the text, from the end (restored texts at one
    place keep their order). Removed spans that overlap are removed once; deleted text
    restored inside a removed span goes with it."""
    removed: list[tuple[int, int]] = []
    for start, end in sorted((start, end) for start, end, _ in edits if end > start):
        if removed and start < removed[-1][1]:
            removed[-1] = (removed[-1][0], max(end, removed[-1][1]))
        else:
            removed.append((start, end))
    operations = [(start, end, -1, "") for start, end in removed] + [
        (start, end, order, replacement)
        for order, (start, end, replacement) in enumerate(edits)
        if end == start and not any(a < start < b for a, b in removed)
    ]
    for start, end, _, replacement in sorted(operations, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text
