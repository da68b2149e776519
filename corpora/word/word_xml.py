"""Word XML as Word writes it: runs, fields, content controls, table borders, a stable zip."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

ZIP_TIME = (2025, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class RunStyle:
    bold: bool = False
    italic: bool = False
    font: str | None = None
    size: float | None = None


def element(tag: str, **attrs: str) -> BaseOxmlElement:
    """A w: element with w: attributes."""
    el = cast(BaseOxmlElement, OxmlElement(tag))
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def add_run(paragraph: Paragraph, text: str | None, style: RunStyle) -> Run:
    run = paragraph.add_run(text or None)
    if style.bold:
        run.bold = True
    if style.italic:
        run.italic = True
    if style.font:
        run.font.name = style.font
    if style.size:
        run.font.size = Pt(style.size)
    return run


def add_complex_field(paragraph: Paragraph, instr: str, result: str, style: RunStyle) -> None:
    """begin / instrText / separate / result / end, each in its own run."""
    add_run(paragraph, None, style)._r.append(element("w:fldChar", fldCharType="begin"))
    code = element("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instr} "
    add_run(paragraph, None, style)._r.append(code)
    add_run(paragraph, None, style)._r.append(element("w:fldChar", fldCharType="separate"))
    add_run(paragraph, result, style).font.no_proof = True
    add_run(paragraph, None, style)._r.append(element("w:fldChar", fldCharType="end"))


def add_simple_field(paragraph: Paragraph, name: str, style: RunStyle) -> None:
    """<w:fldSimple w:instr=" MERGEFIELD NAME \\* MERGEFORMAT "> around a run showing «NAME»."""
    fld = element("w:fldSimple", instr=f" MERGEFIELD {name} \\* MERGEFORMAT ")
    run = add_run(paragraph, f"«{name}»", style)
    run.font.no_proof = True
    fld.append(run._r)
    paragraph._p.append(fld)


def add_split_text(paragraph: Paragraph, text: str, style: RunStyle, three: bool) -> None:
    """`text` cut over 3 runs ("{{ ", "no", "m }}") or 2, the second one flagged as a spelling
    error in another language, as Word leaves placeholders after a spell-check."""
    cut = 3 + max(1, (len(text) - 5) // 2)
    pieces = [text[:3], text[3:cut], text[cut:]] if three else [text[:cut], text[cut:]]
    for k, piece in enumerate(pieces):
        if k == 1:
            paragraph._p.append(element("w:proofErr", type="spellStart"))
        run = add_run(paragraph, piece, style)
        if k == 1:
            run._r.get_or_add_rPr().append(element("w:lang", val="en-US"))
            paragraph._p.append(element("w:proofErr", type="spellEnd"))


def add_content_control(
    paragraph: Paragraph, text: str, style: RunStyle, alias: str, tag: str, ident: int
) -> None:
    """A plain-text content control (w:sdt) holding one run."""
    sdt, props, content = element("w:sdt"), element("w:sdtPr"), element("w:sdtContent")
    props.extend([element("w:alias", val=alias), element("w:tag", val=tag)])
    props.extend([element("w:id", val=str(ident)), element("w:text")])
    content.append(add_run(paragraph, text, style)._r)
    sdt.extend([props, element("w:sdtEndPr"), content])
    paragraph._p.append(sdt)


def set_borders(table: Table, value: str) -> None:
    borders = element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{side}", val=value, sz="0", space="0", color="auto"))
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(borders)
    else:
        tbl_pr.append(borders)


def set_widths(table: Table, widths: Sequence[float]) -> None:
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def save_deterministic(doc: Document, path: Path) -> None:
    """Save with entries in a fixed order and a fixed date, so two runs give identical bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    order = sorted(entries, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
    with zipfile.ZipFile(path, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name])
