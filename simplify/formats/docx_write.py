"""Write changes back into the agent's own .docx: as tracked revisions with a comment each, or
applied (a clean copy). Everything the changes do not touch stays as it was.

A change replaces the text [start, end) of the reader's text. In the file that becomes a
`w:del` around the runs of the old text (their `w:t` turned into `w:delText`) followed by a
`w:ins` with new runs that copy the formatting of the first replaced run; runs are split at
the change's ends when needed. A comment spans the change and says why it was made.

Refused, with the reason: a change that touches a field, a content control, a drawing or a list
number, crosses paragraphs, lies in the letterhead, or falls in text already under revision.
Changes that belong together (the cuts of one sentence) share a group and are applied all or
none. Revision and comment ids are unique across the whole file, above every existing w:id.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

from simplify.formats.docx_read import Piece, Walk, read_docx_document, walk_document
from simplify.formats.errors import FormatError
from simplify.formats.model import Change, Written

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_EDITABLE = frozenset({"text", "tab", "break"})
# Elements of zero width that may sit between the runs of a change and go into its w:del.
_ZERO_WIDTH = frozenset(
    {
        "bookmarkStart",
        "bookmarkEnd",
        "proofErr",
        "permStart",
        "permEnd",
        "commentRangeStart",
        "commentRangeEnd",
    }
)
_UNDER_REVISION = frozenset({"ins", "del", "moveTo", "moveFrom"})
# w:settings children that come before w:trackRevisions (ECMA-376 CT_Settings sequence).
_BEFORE_TRACK_REVISIONS = (
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
)
_MAX_ID = 2**31 - 1
_STORY_PART = re.compile(r"/(document|header|footer|footnotes|endnotes|comments)\w*\.xml$")
_ALL_IDS = etree.XPath("//@w:id", namespaces={"w": W})


def write_docx(
    data: bytes,
    name: str,
    changes: Sequence[Change],
    *,
    tracked: bool = True,
    author: str = "simplify",
    date: datetime | None = None,
    expected_text: str | None = None,
) -> Written:
    """The file with the changes, tracked (with comments) or applied. `data` is never modified.

    `expected_text` is the text the changes' offsets refer to; when given, the file must
    still read to exactly that text.
    """
    document = read_docx_document(data, name)
    walk = walk_document(document)
    if expected_text is not None and walk.text != expected_text:
        raise FormatError(f"{name} : le document a changé depuis sa lecture ; relancez l'analyse")
    accepted, refused = plan(walk, changes)
    when = (date or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = _IdCounter(document)
    made: list[tuple[Change, _Made]] = []
    # From the end backwards, so offsets before each change still hold; of two insertions at
    # one place the later is made first, as each goes right after the same run.
    ordered = sorted(enumerate(accepted), key=lambda item: (item[1].start, item[1].end, item[0]))
    for _, change in reversed(ordered):
        made.append((change, _apply(walk, change, ids, author, when)))
    touched: set[str] = set()
    if made:
        touched.add(_name(document.part))
    if tracked:
        comments_before = _has_comments_part(document)
        for change, result in made:
            if change.comment:
                _comment(document, result, change.comment, author, when, ids)
                touched.add(_name(document.part._comments_part))
        if made and _turn_on_tracking(document):
            touched |= {_name(r.target_part) for r in _rels(document, "/settings")}
        if not comments_before and _has_comments_part(document):
            touched |= {"[Content_Types].xml", _rels_name(document.part)}
    else:
        for _, result in made:
            _accept(result)
    applied = tuple(sorted(accepted, key=lambda c: (c.start, c.end)))
    return Written(_save(document, data, touched), applied, tuple(refused))


def plan(walk: Walk, changes: Iterable[Change]) -> tuple[list[Change], list[tuple[Change, str]]]:
    """Which changes can be written, and why the others cannot. Groups go together."""
    reasons: dict[int, str] = {}
    ordered = sorted(enumerate(changes), key=lambda item: (item[1].start, item[1].end))
    last_end = -1
    for index, change in ordered:
        reason = _why_not(walk, change)
        if reason is None and change.start < last_end:
            reason = "chevauche une autre modification"
        if reason is not None:
            reasons[index] = reason
        else:
            last_end = max(last_end, change.end)
    bad_groups = {ordered_change.group for i, ordered_change in ordered if i in reasons}
    accepted: list[Change] = []
    refused: list[tuple[Change, str]] = []
    for index, change in ordered:
        if index in reasons:
            refused.append((change, reasons[index]))
        elif change.group and change.group in bad_groups:
            refused.append((change, "va avec une autre modification qui ne peut pas être faite"))
        else:
            accepted.append(change)
    return accepted, refused


def _why_not(walk: Walk, change: Change) -> str | None:
    start, end = change.start, change.end
    if not 0 <= start <= end <= len(walk.text):
        return "position hors du texte"
    for atomic in walk.atomics:
        if (start < atomic.end and atomic.start < end) or atomic.start < start < atomic.end:
            what = {
                "mergefield": "un champ de fusion",
                "field": "un champ",
                "control": "un contrôle de contenu",
                "object": "un objet (image, note, symbole)",
            }
            return f"toucherait {what.get(atomic.kind, 'un champ')} « {atomic.name} »"
    pieces = _pieces_in(walk, start, end)
    if not pieces:
        return "aucun texte modifiable à cet endroit"
    paragraphs = {p.paragraph for p in pieces}
    if len(paragraphs) > 1:
        return "la modification traverse plusieurs paragraphes"
    paragraph = walk.paragraphs[pieces[0].paragraph]
    if paragraph.story != "body":
        return "l'en-tête et le pied de page (papier à en-tête) ne sont pas modifiés"
    covered = [p for p in pieces if p.start < end and start < p.end] if end > start else []
    if any(p.kind not in _EDITABLE for p in covered):
        kinds = {p.kind for p in covered} - _EDITABLE
        if "marker" in kinds:
            return "toucherait le numéro de liste"
        return "la modification traverse plusieurs paragraphes"
    runs = [p.run for p in pieces if p.run is not None]
    if not runs:
        return "aucun texte modifiable à cet endroit"
    parents = {id(run.getparent()) for run in runs}
    if len(parents) > 1:
        return "la modification traverse un lien ou une zone balisée"
    parent = runs[0].getparent()
    if _local(parent) in _UNDER_REVISION or _under_revision(parent):
        return "ce texte fait déjà l'objet d'une révision non acceptée"
    if covered:
        first, last = covered[0].run, covered[-1].run
        siblings = list(parent)
        for element in siblings[siblings.index(first) : siblings.index(last) + 1]:
            if _local(element) != "r" and _local(element) not in _ZERO_WIDTH:
                return "la modification traverse un élément du document (champ, lien)"
    return None


def _pieces_in(walk: Walk, start: int, end: int) -> list[Piece]:
    """The pieces a change covers; for an insertion, the editable pieces it touches."""
    if end > start:
        return [p for p in walk.pieces if p.start < end and start < p.end]
    touching = [p for p in walk.pieces if p.start <= start <= p.end and p.kind in _EDITABLE]
    return touching[:1] if touching else []


def _under_revision(element: Any) -> bool:
    parent = element.getparent()
    while parent is not None:
        if _local(parent) in _UNDER_REVISION:
            return True
        if _local(parent) == "p":
            return False
        parent = parent.getparent()
    return False


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class _Made:
    """What one change put in the paragraph."""

    deletion: Any | None  # the w:del element
    insertion: Any | None  # the w:ins element


class _IdCounter:
    """One counter for revisions and comments, above every w:id in every story part (body,
    headers, footers, notes, comments: where bookmarks, revisions and comments live)."""

    def __init__(self, document: DocxDocument) -> None:
        highest = 0
        for part in document.part.package.iter_parts():
            element = getattr(part, "element", None)
            if element is None or not _STORY_PART.search(str(part.partname)):
                continue
            found: Any = _ALL_IDS(element)
            for value in found:
                text = str(value)
                if text.lstrip("-").isdigit():
                    highest = max(highest, int(text))
        self.next = highest + 1

    def take(self) -> int:
        if self.next > _MAX_ID:
            raise FormatError("trop de révisions dans le document ; acceptez-en d'abord")
        value = self.next
        self.next += 1
        return value


def _apply(walk: Walk, change: Change, ids: _IdCounter, author: str, when: str) -> _Made:
    start, end = change.start, change.end
    paragraph = _pieces_in(walk, start, end)[0].paragraph
    _split(walk, end)
    _split(walk, start)
    before = _run_ending_at(walk, start, paragraph)
    deletion = insertion = None
    if end > start:
        covered = [
            p for p in walk.pieces if start <= p.start and p.end <= end and p.run is not None
        ]
        first, last = covered[0].run, covered[-1].run
        siblings = list(first.getparent())
        elements = siblings[siblings.index(first) : siblings.index(last) + 1]
        deletion = _element("del", ids.take(), author, when)
        first.addprevious(deletion)
        for element in elements:
            deletion.append(element)
            for text in element.iter(_W + "t"):
                text.tag = _W + "delText"
            for instruction in element.iter(_W + "instrText"):
                instruction.tag = _W + "delInstrText"
        template = first
    else:
        template = before if before is not None else _run_starting_at(walk, start, paragraph)
    if change.replacement:
        insertion = _element("ins", ids.take(), author, when)
        insertion.append(_new_run(change.replacement, template))
        if deletion is not None:
            deletion.addnext(insertion)
        elif before is not None:
            before.addnext(insertion)
        elif template is not None:
            template.addprevious(insertion)
    return _Made(deletion, insertion)


def _split(walk: Walk, offset: int) -> None:
    """Make a run boundary at offset, keeping the pieces' map of runs up to date."""
    for index, piece in enumerate(walk.pieces):
        if piece.kind not in _EDITABLE or piece.run is None:
            continue
        if piece.start < offset < piece.end:  # inside a w:t
            right = _split_node(piece.run, piece.node, offset - piece.start)
            moved = Piece(offset, piece.end, "text", right, right.find(_W + "t"), piece.paragraph)
            piece.end = offset
            walk.pieces.insert(index + 1, moved)
            _move_followers(walk, index + 2, piece.run, right)
            return
        if piece.end == offset:
            following = walk.pieces[index + 1] if index + 1 < len(walk.pieces) else None
            if following is not None and following.run is piece.run:
                right = _split_after(piece.run, piece.node)
                _move_followers(walk, index + 1, piece.run, right)
            return


def _move_followers(walk: Walk, index: int, old: Any, new: Any) -> None:
    """Pieces from index on that were in the old run are now in the new one."""
    for piece in walk.pieces[index:]:
        if piece.run is not old:
            break
        piece.run = new


def _run_ending_at(walk: Walk, offset: int, paragraph: int) -> Any | None:
    for piece in walk.pieces:
        if piece.paragraph == paragraph and piece.end == offset and piece.kind in _EDITABLE:
            return piece.run
    return None


def _run_starting_at(walk: Walk, offset: int, paragraph: int) -> Any | None:
    for piece in walk.pieces:
        if piece.paragraph == paragraph and piece.start == offset and piece.kind in _EDITABLE:
            return piece.run
    return None


def _split_node(run: Any, node: Any, at: int) -> Any:
    """Split a run inside one of its w:t; the run keeps the left part, the new run (returned,
    placed just after) takes the right part and the children after it."""
    text = node.text or ""
    index = list(run).index(node)
    right = copy.deepcopy(run)
    for child in list(run)[index + 1 :]:
        run.remove(child)
    node.text = text[:at]
    _preserve(node)
    right_children = list(right)
    for child in right_children[:index]:
        if _local(child) != "rPr":
            right.remove(child)
    right_node = right_children[index]
    right_node.text = text[at:]
    _preserve(right_node)
    run.addnext(right)
    return right


def _split_after(run: Any, node: Any) -> Any:
    """Split a run after one of its children (a w:t, w:tab or w:br); returns the new run."""
    right = copy.deepcopy(run)
    index = list(run).index(node)
    for child in list(run)[index + 1 :]:
        run.remove(child)
    for child in list(right)[: index + 1]:
        if _local(child) != "rPr":
            right.remove(child)
    run.addnext(right)
    return right


def _element(kind: str, identifier: int, author: str, when: str) -> Any:
    element = etree.Element(qn(f"w:{kind}"))
    element.set(qn("w:id"), str(identifier))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), when)
    return element


def _new_run(text: str, template: Any | None) -> Any:
    run = etree.Element(qn("w:r"))
    if template is not None and (properties := template.find(qn("w:rPr"))) is not None:
        run.append(copy.deepcopy(properties))
    buffer = ""

    def flush() -> None:
        nonlocal buffer
        if buffer:
            node = etree.SubElement(run, qn("w:t"))
            node.text = buffer
            _preserve(node)
            buffer = ""

    for character in text:
        if character == "\n":
            flush()
            etree.SubElement(run, qn("w:br"))
        elif character == "\t":
            flush()
            etree.SubElement(run, qn("w:tab"))
        else:
            buffer += character
    flush()
    return run


def _preserve(node: Any) -> None:
    text = node.text or ""
    if text != text.strip() or not text:
        node.set(_XML_SPACE, "preserve")


def _comment(
    document: DocxDocument, made: _Made, text: str, author: str, when: str, ids: _IdCounter
) -> None:
    first = made.deletion if made.deletion is not None else made.insertion
    last = made.insertion if made.insertion is not None else made.deletion
    if first is None or last is None:
        return
    comment = document.comments.add_comment(text=text, author=author, initials=_initials(author))
    identifier = str(ids.take())
    element = comment._comment_elm
    element.set(qn("w:id"), identifier)
    element.set(qn("w:date"), when)
    start = etree.Element(qn("w:commentRangeStart"))
    start.set(qn("w:id"), identifier)
    first.addprevious(start)
    end = etree.Element(qn("w:commentRangeEnd"))
    end.set(qn("w:id"), identifier)
    last.addnext(end)
    reference_run = etree.Element(qn("w:r"))
    properties = etree.SubElement(reference_run, qn("w:rPr"))
    etree.SubElement(properties, qn("w:rStyle")).set(qn("w:val"), "CommentReference")
    etree.SubElement(reference_run, qn("w:commentReference")).set(qn("w:id"), identifier)
    end.addnext(reference_run)


def _initials(author: str) -> str:
    return "".join(word[0] for word in author.split() if word[:1].isalpha()).upper()[:4]


def _name(part: Any) -> str:
    return str(part.partname).lstrip("/")


def _rels_name(part: Any) -> str:
    return str(part.partname.rels_uri).lstrip("/")


def _rels(document: DocxDocument, kind: str) -> list[Any]:
    return [
        r for r in document.part.rels.values() if r.reltype.endswith(kind) and not r.is_external
    ]


def _has_comments_part(document: DocxDocument) -> bool:
    return bool(_rels(document, "/comments"))


def _save(document: DocxDocument, original: bytes, touched: set[str]) -> bytes:
    """The file: the parts the changes touched as python-docx serialises them, every other
    member with the original's exact bytes, in the original order."""
    from docx.opc.pkgwriter import _ContentTypesItem

    source = zipfile.ZipFile(io.BytesIO(original))
    package = document.part.package
    parts = {_name(part): part for part in package.iter_parts()}
    fresh: dict[str, bytes] = {}
    for name in touched:
        if name == "[Content_Types].xml":
            fresh[name] = _ContentTypesItem.from_parts(package.iter_parts()).blob  # type: ignore[no-untyped-call]
        elif name == _rels_name(document.part):
            fresh[name] = document.part.rels.xml
        else:
            fresh[name] = parts[name].blob
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        written = set()
        for member in source.infolist():
            content = fresh.get(member.filename)
            if content is None:
                content = source.read(member)
            # Members are compressed again quickly: the content is what counts, and only a
            # few kilobytes change.
            target.writestr(_entry(member.filename, member), content, compresslevel=1)
            written.add(member.filename)
        for name in sorted(set(fresh) - written):
            target.writestr(_entry(name, None), fresh[name], compresslevel=1)
    return output.getvalue()


def _entry(name: str, model: zipfile.ZipInfo | None) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=model.date_time if model else (1980, 1, 1, 0, 0, 0))
    entry.compress_type = model.compress_type if model else zipfile.ZIP_DEFLATED
    if model is not None:
        entry.external_attr = model.external_attr
        entry.create_system = model.create_system
    return entry


def _turn_on_tracking(document: DocxDocument) -> bool:
    """Switch on change tracking in the settings; whether anything changed."""
    settings = document.settings.element
    if settings.find(qn("w:trackRevisions")) is not None:
        return False
    element = etree.Element(qn("w:trackRevisions"))
    before = [child for child in settings if _local(child) in _BEFORE_TRACK_REVISIONS]
    if before:
        before[-1].addnext(element)
    else:
        settings.insert(0, element)
    return True


def _accept(made: _Made) -> None:
    if made.deletion is not None:
        made.deletion.getparent().remove(made.deletion)
    if made.insertion is not None:
        _unwrap(made.insertion)


def _unwrap(wrapper: Any) -> None:
    for child in list(wrapper):
        wrapper.addprevious(child)
    wrapper.getparent().remove(wrapper)


def accept_all(root: Any) -> None:
    """Accept every tracked insertion and deletion under root (an lxml element)."""
    for deletion in list(root.iter(_W + "del", _W + "moveFrom")):
        if deletion.getparent() is not None and _local(deletion.getparent()) != "rPr":
            deletion.getparent().remove(deletion)
    for insertion in list(root.iter(_W + "ins", _W + "moveTo")):
        if insertion.getparent() is not None and _local(insertion.getparent()) != "rPr":
            _unwrap(insertion)


def reject_all(root: Any) -> None:
    """Reject every tracked insertion and deletion under root (an lxml element)."""
    for insertion in list(root.iter(_W + "ins", _W + "moveTo")):
        if insertion.getparent() is not None and _local(insertion.getparent()) != "rPr":
            insertion.getparent().remove(insertion)
    for deletion in list(root.iter(_W + "del", _W + "moveFrom")):
        if deletion.getparent() is None or _local(deletion.getparent()) == "rPr":
            continue
        for text in deletion.iter(_W + "delText"):
            text.tag = _W + "t"
        for instruction in deletion.iter(_W + "delInstrText"):
            instruction.tag = _W + "instrText"
        _unwrap(deletion)


def text_after(data: bytes, name: str, *, accept: bool) -> str:
    """The document's text once every revision is accepted (or rejected)."""
    document = read_docx_document(data, name)
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is not None:
            (accept_all if accept else reject_all)(element)
    return walk_document(document).text
