"""What a file says about its text beyond the characters: which stretches are letterhead or
headings, which are fields that must never be edited, and what its layout does.

A reader of a .docx, .odt, .pdf or .html gives the text and a Shape. The engine takes both:
zones fix the kind of the blocks they cover, fixed spans are protected like placeholders, and
layout facts feed the `layout` rules. Offsets are into the text; when a rewrite changes the
text, `moved` carries the shape over to the new text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from simplify.document import BlockKind, ProtectedKind


@dataclass(frozen=True, slots=True)
class Zone:
    """Blocks inside [start, end) have this kind whatever their text looks like."""

    start: int
    end: int
    kind: BlockKind


@dataclass(frozen=True, slots=True)
class Fixed:
    """A stretch that is not editable text: a field, a content control, a drawing, a list
    number the word processor draws. Protected with the given kind."""

    start: int
    end: int
    kind: ProtectedKind  # PLACEHOLDER for fields and controls, MARKUP for drawn list numbers
    label: str = ""  # the field instruction or the control's tag


@dataclass(frozen=True, slots=True)
class LayoutFact:
    """One layout property of the file that hinders reading.

    `code` names the property (for example "font-size" or "justified"); `start`/`end` is where
    it shows in the text (0, 0 for the whole document); `value` is what was found ("11 pt");
    `origin` says where it is set ("style « Normal »", "mise en forme directe", "réglages du
    document") so the advice can point at the one place to fix.
    """

    code: str
    start: int
    end: int
    value: str
    origin: str = ""
    count: int = 1  # how many places show it (runs, paragraphs)


@dataclass(frozen=True, slots=True)
class Shape:
    zones: tuple[Zone, ...] = ()
    fixed: tuple[Fixed, ...] = ()
    layout: tuple[LayoutFact, ...] = ()
    source: str = "text"  # the format read: "docx", "odt", "pdf", "html", "text", "markdown"
    facts: dict[str, str] = field(default_factory=dict)  # file facts (fonts, page size...)

    def moved(self, old_length: int, new_length: int, offset: Callable[[int], int]) -> Shape:
        """The same shape over a rewritten text. `offset` maps an offset of the old text to
        the new text (an OffsetMap); zones that reach the end keep reaching it."""

        def end(position: int) -> int:
            return new_length if position >= old_length else offset(position)

        return replace(
            self,
            zones=tuple(Zone(offset(z.start), end(z.end), z.kind) for z in self.zones),
            fixed=tuple(Fixed(offset(f.start), end(f.end), f.kind, f.label) for f in self.fixed),
            layout=tuple(
                replace(fact, start=offset(fact.start), end=end(fact.end))
                if fact.end > fact.start
                else fact
                for fact in self.layout
            ),
        )


PLAIN = Shape()
