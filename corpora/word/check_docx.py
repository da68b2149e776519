"""Reopen the generated Word files and check their text and the features the manifest claims."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import docx
from letter_text import LIST_MARKER, expected_text, load_letter
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def xp(element: etree._Element, path: str) -> list[Any]:
    """XPath with the w: prefix (python-docx elements override xpath() with another signature)."""
    return cast(list[Any], etree._Element.xpath(element, path, namespaces=NS))


def paragraph_text(p: etree._Element) -> str:
    """Text of a w:p as Word shows it: w:t of every run, including runs inside w:fldSimple,
    w:sdt and hyperlinks; of a complex field only the result (between 'separate' and 'end')."""
    parts: list[str] = []
    fields: list[str] = []  # stack of 'code' / 'result' for nested complex fields
    for el in p.iter(f"{W}fldChar", f"{W}t", f"{W}tab"):
        if el.tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            if kind == "begin":
                fields.append("code")
            elif kind == "separate" and fields:
                fields[-1] = "result"
            elif kind == "end" and fields:
                fields.pop()
        elif all(state == "result" for state in fields):
            parts.append("\t" if el.tag == f"{W}tab" else el.text or "")
    return "".join(parts)


def block_lines(container: etree._Element) -> Iterator[str]:
    """One string per paragraph; one per table row (non-empty cells joined by a space)."""
    for child in container:
        if child.tag == f"{W}p":
            yield paragraph_text(child)
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = (
                    " ".join(paragraph_text(p) for p in cell.iter(f"{W}p"))
                    for cell in row.iter(f"{W}tc")
                )
                yield " ".join(text for text in cells if text)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from block_lines(content)


@dataclass
class Parts:
    body: etree._Element
    header: etree._Element
    footer: etree._Element | None
    normal_font: str | None

    def xpath(self, where: str, path: str) -> list[etree._Element]:
        root = {"body": self.body, "header": self.header, "footer": self.footer}[where]
        return [] if root is None else xp(root, path)


def has_run(parts: Parts, prop: str, pattern: str) -> bool:
    return any(
        re.search(pattern, "".join(xp(r, "w:t/text()")))
        for r in parts.xpath("body", f".//w:r[w:rPr/w:{prop}]")
    )


def list_ok(parts: Parts, style: str) -> bool:
    items = parts.xpath("body", f".//w:p[w:pPr/w:pStyle/@w:val='{style}']")
    return bool(items) and not any(LIST_MARKER.match(paragraph_text(p)) for p in items)


def jinja_split(parts: Parts) -> bool:
    texts = parts.xpath("body", ".//w:t/text()") + parts.xpath("header", ".//w:t/text()")
    shown = "\n".join(block_lines(parts.body))
    return bool(JINJA.search(shown)) and not any(JINJA.search(str(t)) for t in texts)


FEATURE_CHECKS: dict[str, Callable[[Parts], bool]] = {
    "reference_table": lambda p: bool(
        p.xpath("body", "w:tbl[not(w:tblPr/w:tblStyle)][w:tblPr/w:tblBorders/w:top/@w:val='nil']")
    ),
    "data_table": lambda p: bool(p.xpath("body", "w:tbl[w:tblPr/w:tblStyle/@w:val='TableGrid']")),
    "bullet_list": lambda p: list_ok(p, "ListBullet"),
    "numbered_list": lambda p: list_ok(p, "ListNumber"),
    "merge_field_simple": lambda p: bool(
        p.xpath("body", ".//w:fldSimple[contains(@w:instr, 'MERGEFIELD')]")
        + p.xpath("header", ".//w:fldSimple[contains(@w:instr, 'MERGEFIELD')]")
    ),
    "merge_field_complex": lambda p: bool(
        p.xpath("body", ".//w:instrText[contains(., 'MERGEFIELD')]")
        + p.xpath("header", ".//w:instrText[contains(., 'MERGEFIELD')]")
    ),
    "placeholders_in_header": lambda p: bool(
        p.xpath("header", ".//w:fldSimple | .//w:instrText")
        or JINJA.search("\n".join(block_lines(p.header)))
    ),
    "jinja_split_runs": jinja_split,
    "content_control": lambda p: bool(
        p.xpath("body", ".//w:sdt[w:sdtPr/w:alias and w:sdtPr/w:tag]/w:sdtContent/w:r")
    ),
    "footer_page_x_of_y": lambda p: (
        {" PAGE ", " NUMPAGES "} <= set(p.xpath("footer", ".//w:instrText/text()"))
    ),
    "justified": lambda p: bool(p.xpath("body", ".//w:p/w:pPr/w:jc[@w:val='both']")),
    "first_line_indent": lambda p: bool(p.xpath("body", ".//w:p/w:pPr/w:ind[@w:firstLine]")),
    "line_spacing_1_5": lambda p: bool(p.xpath("body", ".//w:p/w:pPr/w:spacing[@w:line='360']")),
    "indented_address_and_signature": lambda p: bool(
        p.xpath("body", ".//w:p/w:pPr/w:ind[@w:left]")
    ),
    "two_fonts_in_body": lambda p: bool(
        p.xpath("body", ".//w:r/w:rPr/w:rFonts[@w:ascii='Calibri']")
    ),
    "subject_label_bold": lambda p: has_run(p, "b", r"^Objet\s?:$"),
    "bold_capitals": lambda p: has_run(p, "b", r"\b(?:IMPORTANT|ATTENTION)\b"),
    "bold_amounts": lambda p: has_run(p, "b", r"\d\s?€"),
    "italic_legal_refs": lambda p: has_run(p, "i", r"^(?:articles?|art\.)\s"),
    "letterhead_in_header": lambda p: bool(p.xpath("header", ".//w:p[1]//w:r[w:rPr/w:b]")),
}


def check_file(path: Path, entry: dict[str, object]) -> list[str]:
    errors: list[str] = []
    document = docx.Document(str(path))
    section = document.sections[0]
    footer = section.footer._element if not section.footer.is_linked_to_previous else None
    parts = Parts(
        document.element.body, section.header._element, footer, document.styles["Normal"].font.name
    )
    letter = load_letter(str(entry["letter_id"]))
    for where, lines, roles in (
        ("header", letter.letterhead, ["letterhead"] * len(letter.letterhead)),
        ("body", letter.lines, letter.roles),
    ):
        shown = list(block_lines(parts.header if where == "header" else parts.body))
        # Each line must be a whole paragraph (or table row), in the order of the letter.
        position = 0
        for line, role in zip(lines, roles, strict=True):
            if role == "blank":
                continue
            wanted = expected_text(line, role)
            found = next((k for k in range(position, len(shown)) if shown[k] == wanted), -1)
            if found < 0:
                errors.append(f"{path.name}: {where} line not found in order: {wanted!r}")
            else:
                position = found + 1
    font = str(entry["font"]).rsplit(" ", 2)[0]
    if parts.normal_font != font:
        errors.append(
            f"{path.name}: Normal style font is {parts.normal_font!r}, manifest says {font!r}"
        )
    for feature in entry["features"]:  # type: ignore[attr-defined]
        check = FEATURE_CHECKS.get(feature)
        if check is not None and not check(parts):
            errors.append(f"{path.name}: feature {feature!r} not found in the XML")
    for merge_field in entry["merge_fields"]:  # type: ignore[attr-defined]
        if merge_field["display"] not in "\n".join(
            [*block_lines(parts.body), *block_lines(parts.header)]
        ):
            errors.append(f"{path.name}: merge field {merge_field['display']} not displayed")
    return errors


def check_all(out_dir: Path, entries: list[dict[str, object]]) -> int:
    errors = [
        error for entry in entries for error in check_file(out_dir / str(entry["file"]), entry)
    ]
    for error in errors:
        print("FAIL", error)
    print(f"check: {len(entries)} files, {len(errors)} problem(s)")
    return 1 if errors else 0
