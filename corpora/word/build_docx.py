"""Build Word (.docx) versions of corpus letters, with the features of agents' Word files."""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from letter_specs import SPECS, DataTable, LetterSpec  # noqa: E402
from letter_text import (  # noqa: E402
    LIST_MARKER,
    PLACEHOLDER,
    SUBJECT,
    Letter,
    field_name,
    has_wrapped_lines,
    load_letter,
    norm,
    split_ref,
)
from word_xml import (  # noqa: E402
    RunStyle,
    add_complex_field,
    add_content_control,
    add_run,
    add_simple_field,
    add_split_text,
    element,
    save_deterministic,
    set_borders,
    set_widths,
)

AUTHOR = "Corpus simplify"
FIXED_TIME = datetime(2025, 1, 1, 0, 0, 0)
SECOND_FONT = "Calibri"
DATA_TABLE_NOTE = "added by the generator; repeats amounts and dates already written in the letter"

CAPITALS = re.compile(r"\b(?:IMPORTANT|ATTENTION)\b")
AMOUNT = re.compile(
    r"(?<![\d,])\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d{2})?[ \u00a0\u202f]?€(?:[ \u00a0]TTC)?"
)
_ARTICLE = r"(?:[LRD]\.\s?)?\d+(?:-\d+)*(?:\s(?:V|III)\b)?"
_CODE_END = (
    r"(?:familles|habitation|impôts|territoriales|administrative|urbanisme|travail|électoral"
    r"|publique|sociale|administration)"
)
_DATE = r"\sdu\s\d+(?:er)?\s\w+\s\d{4}"
LEGAL = re.compile(  # "article L. 262-46 du code de l'action sociale et des familles", "art. R. 1"
    rf"\b(?:articles?|art\.)\s{_ARTICLE}(?:(?:,\s|\s(?:et|à)\s){_ARTICLE})*(?:\set suivants)?"
    r"(?:\s(?:du|de la)\s(?:même code|CASF|CCH|livre des procédures fiscales"
    rf"|code(?:\s[\w’'-]+)*\s(?:\w+[’'])?{_CODE_END}\b"
    rf"|(?:loi|décret)(?:\sn°\s[\d-]+)?(?:{_DATE})?(?:\s(?:susvisée|précitée"
    r"|relatif à l[’']état civil|tendant à améliorer les rapports locatifs))?))?"
)


@dataclass
class BuildContext:
    """What one letter's build has written so far (for the manifest)."""

    spec: LetterSpec
    features: set[str] = field(default_factory=set)
    fields: dict[str, dict[str, str]] = field(default_factory=dict)
    controls_used: set[int] = field(default_factory=set)
    tag_count: int = 0
    table_done: bool = False


def mark(flags: list[bool], pattern: re.Pattern[str], text: str) -> bool:
    found = False
    for m in pattern.finditer(text):
        flags[m.start() : m.end()] = [True] * (m.end() - m.start())
        found = True
    return found


def add_placeholder(
    paragraph: Paragraph, m: re.Match[str], style: RunStyle, ctx: BuildContext
) -> None:
    """{{ x }}, {% x %}: text split over runs; «X»: simple field; ${x}, [X]: complex field."""
    token = m[0]
    if m["jinja"]:
        ctx.tag_count += 1
        add_split_text(paragraph, token, style, three=ctx.tag_count % 2 == 1)
        ctx.features.add("jinja_split_runs")
        return
    kind, name = m.lastgroup or "", field_name(token)
    if kind == "simple":
        add_simple_field(paragraph, name, style)
    else:
        add_complex_field(paragraph, f"MERGEFIELD {name}", f"«{name}»", style)
    ctx.features.add(f"merge_field_{kind}")
    info = {"placeholder": token, "kind": kind, "field": name, "display": f"«{name}»"}
    ctx.fields.setdefault(token, info)


def fill(
    paragraph: Paragraph,
    text: str,
    ctx: BuildContext,
    bold_all: bool = False,
    font: str | None = None,
    size: float | None = None,
) -> None:
    """Write `text` as formatted runs, merge fields, split jinja tags and content controls."""
    spec, n = ctx.spec, len(text)
    bold, italic, control = [bold_all] * n, [False] * n, [-1] * n
    if m := SUBJECT.match(text):
        bold[: m.end()] = [True] * m.end()
        ctx.features.add("subject_label_bold")
    if mark(bold, CAPITALS, text):
        ctx.features.add("bold_capitals")
    if spec.bold_amounts and mark(bold, AMOUNT, text):
        ctx.features.add("bold_amounts")
    if spec.italic_legal and mark(italic, LEGAL, text):
        ctx.features.add("italic_legal_refs")
    for k, cc in enumerate(spec.content_controls):
        if k not in ctx.controls_used and (pos := text.find(cc.text)) >= 0:
            control[pos : pos + len(cc.text)] = [k] * len(cc.text)
            ctx.controls_used.add(k)
            ctx.features.add("content_control")

    def look(k: int) -> tuple[bool, bool, int]:
        return bold[k], italic[k], control[k]

    def style_at(k: int) -> RunStyle:
        return RunStyle(bold[k], italic[k], font, size)

    def emit(lo: int, hi: int) -> None:  # one run per stretch of identical formatting
        start = lo
        for k in range(lo, hi + 1):
            if k < hi and look(k) == look(start):
                continue
            if k > start and control[start] >= 0:
                cc = spec.content_controls[control[start]]
                ident = 1000 + control[start]
                add_content_control(
                    paragraph, text[start:k], style_at(start), cc.alias, cc.tag, ident
                )
            elif k > start:
                add_run(paragraph, text[start:k], style_at(start))
            start = k

    pos = 0
    for m in PLACEHOLDER.finditer(text):
        emit(pos, m.start())
        add_placeholder(paragraph, m, style_at(m.start()), ctx)
        pos = m.end()
    emit(pos, n)


def typo(text: str, source: str) -> str:
    """Give added table text the letter's typography (no-break spaces, typographic apostrophe)."""
    if "\u00a0" in source:
        text = re.sub(r"(?<=\d) (?=\d{3}\b)", "\u00a0", text).replace(" €", "\u00a0€")
    return text.replace("'", "’") if "’" in source else text


def setup_document(doc: Document, spec: LetterSpec, letter: Letter) -> None:
    """Normal style (font, French, no spacing), A4 page, no thumbnail, fixed core properties."""
    normal = doc.styles["Normal"]
    normal.font.name = spec.font
    normal.font.size = Pt(11 if spec.font == "Arial" else 12)
    rpr = normal.element.get_or_add_rPr()
    rpr.rFonts.set(qn("w:cs"), spec.font)
    rpr.append(element("w:lang", val="fr-FR"))
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)
    props = doc.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    props.title = next((line for line in letter.lines if SUBJECT.match(line)), letter.slug)
    props.category = letter.service
    props.comments = f"Generated from corpora/letters/{letter.slug}/original.txt by build_docx.py"


def build_header_footer(doc: Document, letter: Letter, ctx: BuildContext) -> None:
    """Letterhead in the page header (first line bold); optional "Page X sur Y" footer."""
    section = doc.sections[0]
    header = section.header
    for k, line in enumerate(letter.letterhead):
        paragraph = header.paragraphs[0] if k == 0 else header.add_paragraph()
        fill(paragraph, line, ctx, bold_all=k == 0)
    ctx.features.add("letterhead_in_header")
    if any(PLACEHOLDER.search(line) for line in letter.letterhead):
        ctx.features.add("placeholders_in_header")
    if ctx.spec.footer_pages:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        small = RunStyle(size=9)
        add_run(paragraph, "Page ", small)
        add_complex_field(paragraph, "PAGE", "1", small)
        add_run(paragraph, " sur ", small)
        add_complex_field(paragraph, "NUMPAGES", str(ctx.spec.expected_pages), small)
        ctx.features.add("footer_page_x_of_y")


def add_ref_table(doc: Document, lines: list[str], ctx: BuildContext) -> None:
    """Reference lines as a borderless label | value table."""
    table = doc.add_table(rows=0, cols=2)
    set_borders(table, "nil")
    for line in lines:
        label, value = split_ref(line)
        row = table.add_row()
        fill(row.cells[0].paragraphs[0], label, ctx)
        if value:
            fill(row.cells[1].paragraphs[0], value, ctx)
    set_widths(table, [5.5, 10.5])
    ctx.features.add("reference_table")


def add_data_table(doc: Document, data: DataTable, source: str, ctx: BuildContext) -> None:
    """A bordered table ("Table Grid") with a bold header row."""
    table = doc.add_table(rows=0, cols=len(data.header))
    table.style = doc.styles["Table Grid"]
    for k, values in enumerate((data.header, *data.rows)):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            if value:
                fill(cell.paragraphs[0], typo(value, source), ctx, bold_all=k == 0)
    others = len(data.header) - 1
    set_widths(table, [16.0 - 4 * others] + [4.0] * others)
    ctx.features.add("data_table")


def format_paragraph(paragraph: Paragraph, role: str, ctx: BuildContext) -> None:
    spec, fmt = ctx.spec, paragraph.paragraph_format
    if role == "body" and spec.justify:
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        ctx.features.add("justified")
    if role == "body" and spec.first_line_indent:
        fmt.first_line_indent = Cm(1.25)
        ctx.features.add("first_line_indent")
    if role in ("body", "list") and spec.line_spacing_15:
        fmt.line_spacing = 1.5
        ctx.features.add("line_spacing_1_5")
    if spec.classic_layout and role in ("recipient", "signature"):
        fmt.left_indent = Cm(9)
        ctx.features.add("indented_address_and_signature")
    if spec.classic_layout and role == "date":
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def build_body(doc: Document, letter: Letter, ctx: BuildContext) -> None:
    """One Word paragraph per text line (a blank line -> an empty paragraph), refs in a table."""
    spec, lines, roles = ctx.spec, letter.lines, letter.roles
    i = 0
    while i < len(lines):
        line, role = lines[i], roles[i]
        if role == "ref" and spec.ref_table:
            j = i
            while j < len(lines) and roles[j] == "ref":
                j += 1
            add_ref_table(doc, lines[i:j], ctx)
            i = j
            continue
        i += 1
        if role == "blank":
            doc.add_paragraph()
            continue
        paragraph = doc.add_paragraph(style=spec.list_style if role == "list" else None)
        if role == "list":
            ctx.features.add("numbered_list" if "Number" in spec.list_style else "bullet_list")
        other_font = any(norm(line).startswith(norm(p)) for p in spec.second_font_lines)
        if other_font:
            ctx.features.add("two_fonts_in_body")
        text = LIST_MARKER.sub("", line, count=1) if role == "list" else line
        fill(
            paragraph,
            text,
            ctx,
            font=SECOND_FONT if other_font else None,
            size=11 if other_font else None,
        )
        format_paragraph(paragraph, role, ctx)
        data = spec.data_table
        if data and not ctx.table_done and norm(line).startswith(norm(data.after)):
            doc.add_paragraph()
            add_data_table(doc, data, letter.text, ctx)
            ctx.table_done = True
    if spec.data_table and not ctx.table_done:
        raise ValueError(f"{letter.slug}: no line starts with {spec.data_table.after!r}")


def build_letter(spec: LetterSpec, out_dir: Path) -> dict[str, object]:
    """Write NN-slug.docx and return its manifest entry."""
    letter = load_letter(spec.slug)
    ctx = BuildContext(spec)
    doc = docx.Document()
    setup_document(doc, spec, letter)
    build_header_footer(doc, letter, ctx)
    build_body(doc, letter, ctx)
    if len(ctx.controls_used) != len(spec.content_controls):
        raise ValueError(f"{spec.slug}: content control text not found")
    for wanted, feature in (("’", "typographic_apostrophes"), ("\u00a0", "no_break_spaces")):
        if wanted in letter.text:
            ctx.features.add(feature)
    if letter.is_template:
        ctx.features.add("template")
    if has_wrapped_lines(letter):
        ctx.features.add("wrapped_lines_as_paragraphs")
    save_deterministic(doc, out_dir / f"{spec.slug}.docx")
    data = spec.data_table
    return {
        "file": f"{spec.slug}.docx",
        "letter_id": spec.slug,
        "source": f"corpora/letters/{spec.slug}/original.txt",
        "service": letter.service,
        "template": letter.is_template,
        "font": f"{spec.font} {11 if spec.font == 'Arial' else 12} pt",
        "expected_pages": spec.expected_pages,
        "features": sorted(ctx.features),
        "merge_fields": list(ctx.fields.values()),
        "content_controls": [
            {"alias": c.alias, "tag": c.tag, "text": c.text} for c in spec.content_controls
        ],
        "data_table": None
        if data is None
        else {
            "columns": list(data.header),
            "rows": len(data.rows),
            "after_line_starting": data.after,
            "note": DATA_TABLE_NOTE,
        },
    }


def build_all(out_dir: Path) -> list[dict[str, object]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = [build_letter(spec, out_dir) for spec in SPECS]
    manifest = {
        "generator": "corpora/word/build_docx.py",
        "blank_lines": "empty paragraphs",
        "files": entries,
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (out_dir / "manifest.json").write_text(text, encoding="utf-8")
    return entries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: here)")
    parser.add_argument("--check", action="store_true", help="then reopen and verify every file")
    args = parser.parse_args()
    entries = build_all(args.out)
    print(f"wrote {len(entries)} .docx files and manifest.json to {args.out}")
    if args.check:
        from check_docx import check_all

        return check_all(args.out, entries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
