"""Cut a letter into blocks (by lines) and each block into sentences, knowing letter habits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from simplify.document import Block, BlockKind, ProtectedSpan, Sentence
from simplify.lang.fr.abbreviations import MAY_BE_FINAL, NEVER_FINAL

_LIST_MARKER = re.compile(r"[ \t]*(?:[-–—•*▪◦·●■►✓]|\d{1,2}[.)]|[a-z][.)])[ \t\u00a0]+")
_MD_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+")
_SUBJECT = re.compile(r"[ \t]*(?:Objet|OBJET|Object)[ \t\u00a0]*:", re.UNICODE)
_SALUTATION = re.compile(
    r"[ \t]*(?:(?:Chère|Cher|Très chère|Très cher)\s+)?(?:Madame|Monsieur|Mademoiselle|Mesdames|"
    r"Messieurs|Maître|Docteur|Bonjour|Bonsoir|Madame,\s*Monsieur)\b[^.!?\n]{0,60}[,!]?[ \t]*$"
)
_CLOSING = re.compile(
    r"(?i)^\s*(?:je vous prie d['’]agréer|veuillez agréer|je vous prie de (?:bien vouloir )?croire"
    r"|nous vous prions d['’]agréer|recevez|(?:bien |très )?cordialement|(?:avec )?(?:mes|nos) "
    r"(?:sincères |meilleures )?salutations|bien à vous|sincèrement|salutations distinguées"
    r"|dans l['’]attente de (?:votre|vous lire)[^.]*,\s*(?:je|nous) vous prie)"
)
_HEADER_LABEL = re.compile(
    r"(?i)^\s*(?:n/\s?réf|v/\s?réf|réf(?:érence)?s?\b|nos? réf|vos? réf|dossier suivi par"
    r"|affaire suivie par|tél(?:éphone)?\b|courriel|mél\b|e-?mail\b|fax\b|contact\b"
    r"|pièces? jointes?|p\.?\s?j\.?\s?:|copie\b|lettre recommandée|recommandé|siret\b"
    r"|[^,]{2,40},\s+le\s+\d)"
)
_SENTENCE_END = re.compile(r"(?:[.!?…]+|\.\.\.)[\"»”’)\]]*(?=\s)")
_STARTS_SENTENCE = re.compile(r"[\s\u00a0\u202f]+[\"«“(\[]?[\u00a0\u202f ]?[A-ZÀ-ÖØ-Ý0-9{$«\[]")
_WORD_BEFORE = re.compile(r"([\w/°.’'-]+)\.$")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int  # without trailing spaces

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def split_lines(text: str) -> list[_Line]:
    lines = []
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.rstrip(" \t\u00a0\u202f")
        lead = len(body) - len(body.lstrip(" \t\u00a0\u202f"))
        if stripped.strip():
            lines.append(_Line(position + lead, position + len(stripped)))
        else:
            lines.append(_Line(position, position))  # empty line: a separator
        position += len(raw)
    return lines


def _is_continuation(previous: str, current: str) -> bool:
    """Whether current continues previous (a paragraph hard-wrapped over several lines)."""
    if not previous or not current or _LIST_MARKER.match(current) or _SUBJECT.match(current):
        return False
    previous = previous.rstrip()
    first = current.lstrip()[:1]
    lower_start = first.islower() or first.isdigit()
    if previous.endswith(("%}", "}}")) or previous[-1] in {".", "!", "?", ":", ";", "…", "»"}:
        return False
    if previous.endswith(","):
        return lower_start and len(previous) >= 40
    # A wrapped line is close to the wrap width; a title or a name line is short.
    return (lower_start and len(previous) >= 25) or len(previous) >= 68


def split_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Blocks of a letter: one per line, wrapped lines joined, each given its kind."""
    lines = split_lines(text)
    # Letterhead and address lines are never joined: only lines after the subject line or the
    # salutation can be a wrapped paragraph.
    opening = next(
        (
            i
            for i, line in enumerate(lines)
            if _SUBJECT.match(line.text(text)) or _is_salutation(line.text(text))
        ),
        0,
    )
    groups: list[tuple[int, int]] = []  # (start, end) of joined lines
    for index, line in enumerate(lines):
        if line.end == line.start:
            continue
        previous = lines[index - 1] if index else None
        if (
            index > opening
            and groups
            and previous is not None
            and previous.end > previous.start
            and previous.end == groups[-1][1]
            and _is_continuation(previous.text(text), line.text(text))
        ):
            groups[-1] = (groups[-1][0], line.end)
        else:
            groups.append((line.start, line.end))
    return _classify(text, groups, markdown)


def _classify(text: str, groups: list[tuple[int, int]], markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    seen_opening = False  # a subject or a salutation: the header is over
    seen_closing = False
    for start, end in groups:
        line = text[start:end]
        content_start = start
        kind: BlockKind
        if markdown and (heading := _MD_HEADING.match(line)):
            kind, content_start = BlockKind.HEADING, start + heading.end()
            seen_opening = True
        elif _SUBJECT.match(line):
            kind, seen_opening = BlockKind.SUBJECT, True
        elif (marker := _LIST_MARKER.match(line)) and not seen_closing:
            kind, content_start = BlockKind.LIST_ITEM, start + marker.end()
            seen_opening = True
        elif seen_closing:
            kind = BlockKind.SIGNATURE
        elif _CLOSING.match(line) and seen_opening:
            kind, seen_closing = BlockKind.CLOSING, True
        elif _is_salutation(line):
            kind, seen_opening = BlockKind.SALUTATION, True
        elif (not seen_opening and _looks_like_header(line)) or (
            _HEADER_LABEL.match(line) and len(line) < 100
        ):
            kind = BlockKind.HEADER
        else:
            kind, seen_opening = BlockKind.PARAGRAPH, True
        blocks.append(Block(kind, start, end, content_start))
    return blocks


def _is_salutation(line: str) -> bool:
    """ "Madame," or "Bonjour Madame Martin,": a greeting ends with a comma (or is "Bonjour")."""
    stripped = line.strip()
    if len(stripped) >= 80 or not _SALUTATION.match(stripped):
        return False
    return stripped.endswith((",", "!")) or stripped.lower().startswith(("bonjour", "bonsoir"))


def _looks_like_header(line: str) -> bool:
    """Letterhead and address lines: short, no sentence punctuation at the end."""
    stripped = line.strip()
    return (len(stripped) < 90 and not re.search(r"[.!?:;]$", stripped)) or bool(
        _HEADER_LABEL.match(stripped)
    )


def split_sentences(
    text: str, block: Block, block_index: int, protected: list[ProtectedSpan]
) -> list[Sentence]:
    """Sentences of one block. Header-like blocks are one sentence each."""
    start, end = block.content_start, block.end
    if block.kind in _ONE_SENTENCE_KINDS:
        return [Sentence(start, end, block_index)]
    sentences = []
    segment_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        cut = match.end()
        if _STARTS_SENTENCE.match(text, cut, end) is None:
            continue
        if not _is_boundary(text, match.start(), protected):
            continue
        sentences.append(Sentence(segment_start, cut, block_index))
        segment_start = cut
        while segment_start < end and text[segment_start].isspace():
            segment_start += 1
    if segment_start < end:
        sentences.append(Sentence(segment_start, end, block_index))
    return sentences


_ONE_SENTENCE_KINDS = frozenset(
    {BlockKind.HEADER, BlockKind.SALUTATION, BlockKind.SIGNATURE, BlockKind.SUBJECT}
)


def _is_boundary(text: str, mark: int, protected: list[ProtectedSpan]) -> bool:
    """Whether the punctuation at mark ends a sentence (the next word has a capital)."""
    # Never inside a protected span: "R. 431-5", "2024.118", "J. Martin".
    if any(span.start <= mark and mark + 1 < span.end for span in protected):
        return False
    if text[mark] != "." or text.startswith("...", mark):
        return True
    before = _WORD_BEFORE.search(text, max(0, mark - 30), mark + 1)
    if before is None:
        return True
    word = before.group(1).lower().rstrip(".")
    if word in MAY_BE_FINAL:
        return True
    if word in NEVER_FINAL:
        return False
    # A single capital letter: an initial ("J. Martin") or a code prefix ("R. 431-5").
    return not (len(word) == 1 and before.group(1)[0].isupper())
