"""A new Word file from a letter's text (a PDF, a text file), so that changes to a letter that
did not come from Word can still be given back as tracked revisions.

Each group of lines between blank lines becomes one paragraph (its line breaks kept as
breaks); the file uses an easy-to-read presentation: Arial 14 pt, left aligned, line spacing
1.5. `OffsetMap` carries offsets of the letter's text over to the text of the new file.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from dataclasses import dataclass

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

_GROUP = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")


@dataclass(frozen=True)
class GroupMap:
    """Where each paragraph's text starts in the letter and in the new file."""

    letter_starts: tuple[int, ...]
    file_starts: tuple[int, ...]
    lengths: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The same stretch in the file's text, or None when it leaves its paragraph."""
        index = bisect_right(self.letter_starts, start) - 1
        if index < 0:
            return None
        offset = start - self.letter_starts[index]
        if end - self.letter_starts[index] > self.lengths[index]:
            return None
        base = self.file_starts[index]
        return base + offset, base + offset + (end - start)


def docx_from_text(text: str, title: str = "") -> tuple[bytes, GroupMap]:
    """A .docx holding the text, and the map from the text's offsets to the file's."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(14)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    normal.paragraph_format.space_after = Pt(10)
    if title:
        document.core_properties.title = title
    letter_starts, file_starts, lengths = [], [], []
    position = 0
    for match in _GROUP.finditer(text):
        group = match.group(0)
        paragraph = document.add_paragraph()
        run = paragraph.add_run()
        for index, line in enumerate(group.split("\n")):
            if index:
                run.add_break()
            pieces = line.split("\t")
            for number, piece in enumerate(pieces):
                if number:
                    run.add_tab()
                if piece:
                    run.add_text(piece)
        letter_starts.append(match.start())
        file_starts.append(position)
        lengths.append(len(group))
        position += len(group) + 2  # the blank line the reader puts after each paragraph
    output = io.BytesIO()
    document.save(output)
    return output.getvalue(), GroupMap(tuple(letter_starts), tuple(file_starts), tuple(lengths))
