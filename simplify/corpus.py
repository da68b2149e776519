"""Annotated letters (corpora/letters/*): loading, and scoring the engine against them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from simplify.analysis import Report
from simplify.rules.model import Category

# The structure notes of annotations and the rules that answer them.
STRUCTURE_RULES = {"objet": "STR-001", "délai": "STR-002"}


@dataclass(frozen=True)
class Annotation:
    category: Category
    start: int | None  # None: about the whole letter
    end: int | None
    note: str | None = None


@dataclass(frozen=True)
class Letter:
    id: str
    path: Path
    text: str
    plain: str | None
    service: str
    split: str
    sentence_starts: tuple[int, ...]
    annotations: tuple[Annotation, ...]


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs as one space, and the original offset of each character."""
    chars: list[str] = []
    offsets: list[int] = []
    previous_space = True
    for index, char in enumerate(text):
        if char.isspace():
            if not previous_space:
                chars.append(" ")
                offsets.append(index)
            previous_space = True
            continue
        chars.append(char)
        offsets.append(index)
        previous_space = False
    return "".join(chars), offsets


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load_letter(folder: Path) -> Letter:
    text = (folder / "original.txt").read_text(encoding="utf-8")
    plain_path = folder / "plain.txt"
    data: dict[str, Any] = yaml.safe_load((folder / "annotations.yaml").read_text(encoding="utf-8"))
    flat, offsets = _normalised_with_map(text)
    starts: list[int] = []
    position = 0
    for sentence in data.get("sentences") or []:
        wanted = _norm(str(sentence))
        found = flat.find(wanted, position)
        if found < 0:
            raise ValueError(f"{folder.name} : phrase annotée introuvable : {wanted[:60]!r}")
        starts.append(offsets[found])
        position = found + len(wanted)
    annotations = []
    for item in data.get("findings") or []:
        category = Category(item["category"])
        passage = item.get("passage")
        if passage is None:
            annotations.append(Annotation(category, None, None, item.get("note")))
            continue
        occurrence = int(item.get("occurrence", 1))
        index = -1
        for _ in range(occurrence):
            index = text.find(passage, index + 1)
            if index < 0:
                raise ValueError(f"{folder.name} : passage introuvable : {passage[:60]!r}")
        annotations.append(Annotation(category, index, index + len(passage), item.get("note")))
    return Letter(
        id=folder.name,
        path=folder,
        text=text,
        plain=plain_path.read_text(encoding="utf-8") if plain_path.exists() else None,
        service=str(data.get("service")),
        split=str(data.get("split", "dev")),
        sentence_starts=tuple(starts),
        annotations=tuple(annotations),
    )


def load_corpus(root: Path) -> list[Letter]:
    return [
        load_letter(folder)
        for folder in sorted(root.iterdir())
        if (folder / "annotations.yaml").exists()
    ]


@dataclass
class Tally:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        self.misses += other.misses
        self.extras += other.extras

    @property
    def precision(self) -> float | None:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else None

    @property
    def recall(self) -> float | None:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else None


def boundary_tally(letter: Letter, report: Report) -> Tally:
    """Annotated sentence starts (after the first) found by the segmenter, and extra cuts.

    A list item's sentence starts after its bullet: annotations that include the bullet are
    compared from the first character after it.
    """
    expected = {_after_list_marker(letter.text, start) for start in letter.sentence_starts[1:]}
    found = {s.start for s in report.document.sentences[1:]}
    text = letter.text
    tally = Tally(
        true_positives=len(expected & found),
        false_negatives=len(expected - found),
        false_positives=len(found - expected),
    )
    tally.misses = [
        f"{letter.id}: pas de coupure avant {text[s : s + 40]!r}" for s in sorted(expected - found)
    ]
    tally.extras = [
        f"{letter.id}: coupure en trop avant {text[s : s + 40]!r}" for s in sorted(found - expected)
    ]
    return tally


_LIST_MARKER = re.compile(r"(?:[-–—•*▪◦·●■►✓]|\d{1,2}[.)]|[a-z][.)])[ \t\u00a0]+")


def _after_list_marker(text: str, start: int) -> int:
    marker = _LIST_MARKER.match(text, start)
    return marker.end() if marker else start


def finding_tallies(letter: Letter, report: Report) -> dict[Category, Tally]:
    """Per category: engine findings matched one to one with annotations by overlap."""
    tallies: dict[Category, Tally] = {}
    text = letter.text
    for category in Category:
        expected = [a for a in letter.annotations if a.category is category]
        found = [f for f in report.findings if f.category is category]
        if not expected and not found:
            continue
        used: set[int] = set()
        tally = Tally()
        for annotation in expected:
            match = _match(annotation, found, used)
            if match is None:
                tally.false_negatives += 1
                where = (
                    text[annotation.start : annotation.end]
                    if annotation.start is not None
                    else f"(lettre entière : {annotation.note})"
                )
                tally.misses.append(f"{letter.id}: {where[:70]!r}")
            else:
                used.add(match)
                tally.true_positives += 1
        for index, finding in enumerate(found):
            if index not in used:
                tally.false_positives += 1
                tally.extras.append(f"{letter.id}: {finding.rule} {finding.text[:70]!r}")
        tallies[category] = tally
    return tallies


def _match(annotation: Annotation, found: Sequence[Any], used: set[int]) -> int | None:
    best = None
    best_overlap = 0
    for index, finding in enumerate(found):
        if index in used:
            continue
        if annotation.start is None or annotation.end is None:
            rule = STRUCTURE_RULES.get(annotation.note or "")
            if finding.scope == "document" and (rule is None or finding.rule == rule):
                return index
            continue
        overlap = min(annotation.end, finding.end) - max(annotation.start, finding.start)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


def merge(tallies: Iterable[dict[Category, Tally]]) -> dict[Category, Tally]:
    merged: dict[Category, Tally] = {}
    for item in tallies:
        for category, tally in item.items():
            merged.setdefault(category, Tally()).add(tally)
    return merged
