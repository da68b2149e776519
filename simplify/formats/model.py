"""What every reader returns: the letter's text, its shape and a map back to the file."""

from __future__ import annotations

from dataclasses import dataclass, field

from simplify.shape import Shape


@dataclass(frozen=True, slots=True)
class SourcePiece:
    """Where the text [start, end) comes from in the file, said for people and tools:
    "word/document.xml, paragraphe 12, segment 3", "page 1, x=72 y=118"."""

    start: int
    end: int
    where: str


@dataclass(frozen=True)
class Extracted:
    """A letter read from a file. Plain data (picklable): readers run in a child process with
    time and memory caps, and hand this back."""

    name: str
    format: str  # "docx", "odt", "pdf", "html", "text", "markdown"
    text: str
    shape: Shape
    source: tuple[SourcePiece, ...] = ()
    notes: tuple[str, ...] = ()  # what the reader had to decide, in French
    markdown: bool = False
    encoding: str = "utf-8"
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Change:
    """One edit a writer puts in a file: replace text [start, end) (offsets into the text the
    reader gave) by `replacement`, explained by `comment` (in French) when changes are tracked."""

    start: int
    end: int
    replacement: str
    comment: str = ""
    rule: str = ""
    group: str = ""  # changes of one group are written all together or not at all


@dataclass(frozen=True)
class Written:
    """What a writer produced: the file's bytes, the changes it made and the ones it refused
    (with the reason, in French: a change that would touch a field, cross paragraphs...)."""

    data: bytes
    applied: tuple[Change, ...]
    refused: tuple[tuple[Change, str], ...] = ()
