"""Reading corpus letters: lines, their roles (reference, subject, body, list...), placeholders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LETTERS = Path(__file__).resolve().parent.parent / "letters"

LIST_MARKER = re.compile(r"^(?:- |• |\d+\. )")
PLACEHOLDER = re.compile(
    r"(?P<jinja>\{\{.*?\}\}|\{%.*?%\})"
    r"|(?P<simple>«[A-Z0-9_]+»)"
    r"|(?P<complex>\$\{[^}]+\}|\[[A-ZÀ-Ý0-9][A-ZÀ-Ý0-9 '’_-]*\])"
)
SUBJECT = re.compile(r"^Objet[ \u00a0]?:")
CLOSING = re.compile(r"agréer|cordialement|Je vous prie de croire")
DATE_LINE = re.compile(r", le ")
CONTINUATION = re.compile(r"[a-zà-ÿ0-9]")  # a wrapped paragraph goes on in lowercase or a digit


def norm(text: str) -> str:
    """Fold typographic characters so that prefixes written in specs match the letters."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")


def field_name(placeholder: str) -> str:
    """MERGEFIELD name of a «NOM», ${x} or [NOM ...] placeholder."""
    return re.sub(r"\W+", "_", placeholder.strip("«»${}[]")).strip("_")


def expected_text(line: str, role: str) -> str:
    """The line as Word shows it: no list marker, merge fields displayed as «NAME»."""
    if role == "list":
        line = LIST_MARKER.sub("", line, count=1)
    return PLACEHOLDER.sub(lambda m: m[0] if m["jinja"] else f"«{field_name(m[0])}»", line)


# --------------------------------------------------------------------------- letter parsing


@dataclass
class Letter:
    slug: str
    text: str
    service: str
    letterhead: list[str]
    lines: list[str]  # everything after the letterhead and the blank line that ends it
    roles: list[str]

    @property
    def is_template(self) -> bool:
        return PLACEHOLDER.search(self.text) is not None


def blocks_of(lines: list[str]) -> list[list[int]]:
    blocks: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line.strip():
            blocks[-1].append(i)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def assign_roles(lines: list[str]) -> list[str]:
    """Role of each line: recipient, date, ref, subject, salutation, body, list, signature,
    plain (other lines) or blank."""
    roles = ["plain" if line.strip() else "blank" for line in lines]
    blocks = blocks_of(lines)
    for i in blocks[0]:
        roles[i] = "recipient"
    date_pos = next(
        k for k, b in enumerate(blocks) if k and len(b) == 1 and DATE_LINE.search(lines[b[0]])
    )
    roles[blocks[date_pos][0]] = "date"
    for block in blocks[date_pos + 1 :]:
        first = lines[block[0]]
        if SUBJECT.match(first) or first.rstrip().endswith(","):
            break
        for i in block:
            roles[i] = "ref"
    start = blocks[date_pos][0] + 1
    for i in range(start, len(lines)):
        if SUBJECT.match(lines[i]):
            roles[i] = "subject"
    salutation = next(
        i
        for i in range(start, len(lines))
        if roles[i] == "plain" and lines[i].rstrip().endswith(",") and len(lines[i]) < 45
    )
    roles[salutation] = "salutation"
    closings = [i for i in range(salutation + 1, len(lines)) if CLOSING.search(lines[i])]
    # Without a closing formula, the signature is the last block.
    closing = closings[-1] if closings else blocks[-2][-1]
    for i in range(salutation + 1, closing + 1):
        if roles[i] == "plain":
            roles[i] = "list" if LIST_MARKER.match(lines[i]) else "body"
    signature = next(b for b in blocks if b[0] > closing)
    for i in signature:
        roles[i] = "signature"
    return roles


def load_letter(slug: str) -> Letter:
    """Read corpora/letters/<slug>/original.txt; the letterhead is the first group of lines."""
    folder = LETTERS / slug
    text = (folder / "original.txt").read_text(encoding="utf-8")
    annotations = (folder / "annotations.yaml").read_text(encoding="utf-8")
    service = re.search(r"^service:\s*(\S+)", annotations, re.M)
    all_lines = text.rstrip("\n").split("\n")
    end = all_lines.index("")
    lines = all_lines[end + 1 :]
    head = all_lines[:end]
    return Letter(slug, text, service[1] if service else "", head, lines, assign_roles(lines))


def has_wrapped_lines(letter: Letter) -> bool:
    """True when a body paragraph is wrapped over several lines (hard line breaks)."""
    lines, roles = letter.lines, letter.roles
    return any(
        roles[i] == roles[i + 1] == "body"
        and not lines[i].endswith((".", ":", ";"))
        and CONTINUATION.match(lines[i + 1])
        for i in range(len(lines) - 1)
    )


def split_ref(line: str) -> tuple[str, str]:
    """'N/Réf. : X' -> ('N/Réf. :', 'X'); 'Dossier n° X' -> ('Dossier n°', 'X'); else (line, '').

    Joining the two cells with a space gives the line back."""
    for pattern in (r"^(.*?[ \u00a0]:) (.*)$", r"^(.*?n°)[ \u00a0](.*)$", r"^(.*? le) (.*)$"):
        if m := re.match(pattern, line):
            return m[1], m[2]
    return line, ""
