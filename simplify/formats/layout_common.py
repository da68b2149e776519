"""What the Word, ODF and PDF layout checks share: thresholds, font families, and how
stretches of formatted text become layout facts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from simplify.shape import LayoutFact

MIN_POINTS = 14.0  # RLS-1.1 / Inclusion Europe print guidance: text of at least 14 pt
MIN_LINE_SPACING = 1.5  # RLS-1.13, in lines
# A paragraph shorter than a line shows neither justification nor its line spacing.
ONE_LINE_WORDS = 12
CENTRED_WORDS = 8  # a centred title is common; a centred sentence is the problem
SEVERAL_PAGES_WORDS = 450  # about one printed page of letter text
MAX_SPAN_FACTS = 20  # per property: beyond, the advice is the same

# Font names, lower case without spaces; a part of the name is enough ("timesnewroman").
SANS_NAMES = (
    "arial", "helvetica", "calibri", "carlito", "verdana", "tahoma", "marianne", "luciole",
    "segoe", "trebuchet", "gill", "lato", "roboto", "futura", "frutiger", "myriad",
    "centurygothic", "opensans", "sourcesans", "liberationsans", "dejavusans", "notosans",
)  # fmt: skip
SERIF_NAMES = (
    "times", "georgia", "garamond", "cambria", "bookantiqua", "palatino", "palladio",
    "century", "bookman", "baskerville", "didot", "bodoni", "constantia", "libertine",
    "caladea", "charter", "minion", "caslon", "spectral", "merriweather", "courier", "tinos",
    "gelasio", "nimbusrom", "termes", "pagella", "rockwell", "sylfaen", "ptserif",
    "sourceserif", "liberationserif", "dejavuserif", "notoserif",
)  # fmt: skip


def serif_by_name(name: str) -> bool | None:
    """Whether a font has serifs, from its name; None for a name we do not know."""
    key = name.lower().replace(" ", "").replace("-", "")
    if "sans" in key or any(known in key for known in SANS_NAMES):
        return False
    if "serif" in key or any(known in key for known in SERIF_NAMES):
        return True
    return None


def number_fr(value: float) -> str:
    """ "11.5" as a French reader writes it: "11,5"."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def points_text(size: float) -> str:
    return f"{number_fr(size)} pt"


class Formatted(Protocol):
    """A stretch of body text with its formatting (a run, a span)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def paragraph(self) -> int: ...


F = TypeVar("F", bound=Formatted)


def stretches(runs: Iterable[F]) -> list[tuple[int, int, list[F]]]:
    """Runs merged into stretches of one paragraph (runs next to each other join)."""
    merged: list[tuple[int, int, list[F]]] = []
    for run in runs:
        if (
            merged
            and merged[-1][2][-1].paragraph == run.paragraph
            and run.start - merged[-1][1] <= 1
        ):
            start, _, members = merged[-1]
            merged[-1] = (start, run.end, [*members, run])
        else:
            merged.append((run.start, run.end, [run]))
    return merged


def stretch_facts(code: str, runs: Iterable[F], origin: Callable[[F], str]) -> list[LayoutFact]:
    """One fact per stretch of text with a property (italics...); its value is the text."""
    facts = []
    for start, end, members in stretches(runs):
        text = "".join(run.text for run in members)
        if any(c.isalpha() for c in text):
            facts.append(LayoutFact(code, start, end, text.strip()[:60], origin(members[0])))
    return facts[:MAX_SPAN_FACTS]


def main_font_facts(
    sizes: Counter[tuple[float, str]],
    fonts: Counter[str],
    font_origin: Callable[[str], str],
    is_serif: Callable[[str], bool],
    paragraphs: int,
) -> list[LayoutFact]:
    """Size, serif and several-fonts facts from character counts per (size, origin) and per
    font name."""
    facts = []
    (size, origin), _ = sizes.most_common(1)[0]
    if size < MIN_POINTS:
        facts.append(LayoutFact("font-size", 0, 0, points_text(size), origin, paragraphs))
    main_font, _ = fonts.most_common(1)[0]
    if is_serif(main_font):
        facts.append(LayoutFact("serif-font", 0, 0, main_font, font_origin(main_font), paragraphs))
    total = sum(fonts.values())
    used = [name for name, count in fonts.most_common() if count >= max(20, total * 0.02)]
    if len(used) > 1:
        facts.append(LayoutFact("several-fonts", 0, 0, ", ".join(used), "", len(used)))
    return facts


def paragraph_facts(
    found: dict[str, list[tuple[int, int, str, str]]],
) -> list[LayoutFact]:
    """Facts about paragraphs (justified, indent...): at one place, where it is; at several,
    one fact for the letter with the most common value and origin, and how many."""
    facts = []
    for code, items in found.items():
        value = Counter(item[2] for item in items).most_common(1)[0][0]
        origin = Counter(item[3] for item in items).most_common(1)[0][0]
        if len(items) == 1:
            facts.append(LayoutFact(code, items[0][0], items[0][1], value, origin))
        else:
            facts.append(LayoutFact(code, 0, 0, value, origin, len(items)))
    return facts


def smaller_stretches(
    runs: Sequence[F], size: Callable[[F], float], origin: Callable[[F], str]
) -> list[LayoutFact]:
    """Passages in smaller print than 14 pt when the main size is large enough."""
    small = [run for run in runs if size(run) < MIN_POINTS]
    facts = []
    for start, end, members in stretches(small)[:MAX_SPAN_FACTS]:
        smallest = min(size(run) for run in members)
        facts.append(LayoutFact("font-size", start, end, points_text(smallest), origin(members[0])))
    return facts
