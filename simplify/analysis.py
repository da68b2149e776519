"""analyse(): a letter in, a Report out (metrics for the letter, blocks and sentences, findings)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from simplify.build import build_document
from simplify.document import BlockKind, Document
from simplify.nlp import BlockParser
from simplify.readability.counts import Counts, sentence_counts, total
from simplify.readability.formulas import kandel_moles, lix, ratio
from simplify.readability.score import BAND_MEANINGS, ScoreParts, clarity_parts, label
from simplify.rules.context import Context
from simplify.rules.model import Category, Finding
from simplify.rules.profiles import Profile
from simplify.rules.registry import RuleSet, load_builtin
from simplify.shape import Shape

# A finding of the key category hides overlapping findings of the listed categories: a closing
# formula is one problem, not five (its conditional, its jargon, its negation...).
SUPPRESSES: dict[Category, frozenset[Category]] = {
    Category.FORMULA: frozenset(
        {
            Category.JARGON,
            Category.TENSE,
            Category.IMPERSONAL,
            Category.NEGATION,
            Category.NOMINALISATION,
            Category.PASSIVE,
            Category.ADDRESS,
            Category.PUNCTUATION,
        }
    ),
    Category.IMPERSONAL: frozenset({Category.JARGON, Category.PASSIVE}),
    Category.NOMINALISATION: frozenset({Category.JARGON}),
    Category.ADDRESS: frozenset({Category.JARGON}),
}
# Findings that span whole sentences or lists never hide others.
_WIDE = frozenset({Category.LONG_SENTENCE, Category.ENUMERATION, Category.STRUCTURE})


@dataclass(frozen=True, slots=True)
class Metrics:
    """Readability figures for a letter, a block or a sentence; None where undefined."""

    words: int
    sentences: int
    syllables_per_word: float | None
    mean_sentence_words: float | None
    max_sentence_words: int
    kandel_moles: float | None
    lix: float | None
    rare_word_share: float | None
    long_sentence_share: float | None

    @staticmethod
    def of(counts: Counts) -> Metrics:
        return Metrics(
            words=counts.words,
            sentences=counts.sentences,
            syllables_per_word=ratio(counts.syllables, counts.syllable_words),
            mean_sentence_words=ratio(counts.words, counts.sentences),
            max_sentence_words=counts.max_sentence_words,
            kandel_moles=kandel_moles(
                counts.words, counts.sentences, counts.syllables, counts.syllable_words
            ),
            lix=lix(counts.words, counts.sentences, counts.long_words),
            rare_word_share=ratio(counts.rare_words, counts.vocabulary_words),
            long_sentence_share=ratio(counts.long_sentences, counts.sentences),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            name: (round(value, 3) if isinstance(value, float) else value)
            for name, value in (
                ("words", self.words),
                ("sentences", self.sentences),
                ("syllables_per_word", self.syllables_per_word),
                ("mean_sentence_words", self.mean_sentence_words),
                ("max_sentence_words", self.max_sentence_words),
                ("kandel_moles", self.kandel_moles),
                ("lix", self.lix),
                ("rare_word_share", self.rare_word_share),
                ("long_sentence_share", self.long_sentence_share),
            )
        }


@dataclass
class Report:
    document: Document
    profile: Profile
    metrics: Metrics
    score: float | None
    score_parts: ScoreParts | None
    blocks: list[tuple[int, Metrics]]  # (block index, metrics) for body blocks
    sentences: list[tuple[int, Metrics]]  # (sentence index, metrics) for body sentences
    findings: list[Finding]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def label(self) -> str | None:
        return label(self.score) if self.score is not None else None

    @property
    def label_meaning(self) -> str | None:
        return BAND_MEANINGS[self.label] if self.label else None


def analyse(
    text: str,
    *,
    profile: str = "clair",
    rules: RuleSet | None = None,
    disabled: Iterable[str] = (),
    markdown: bool = False,
    parser: BlockParser | None = None,
    shape: Shape | None = None,
) -> Report:
    """Analyse a letter with a profile ("clair" or "falc") and the built-in rules by default.

    `shape` is what a file reader found beyond the text (see simplify.shape).
    """
    rule_set = rules or load_builtin()
    chosen = rule_set.profile(profile)
    document = build_document(text, markdown=markdown, parser=parser, shape=shape)
    return analyse_document(document, chosen, rule_set, disabled)


def _outside_letterhead(findings: list[Finding], document: Document) -> list[Finding]:
    """A file's letterhead (its header and footer parts) is the institution's and is not
    edited in a letter: nothing is flagged there."""
    shape = document.shape
    if shape is None:
        return findings
    zones = [z for z in shape.zones if z.kind is BlockKind.HEADER]
    if not zones:
        return findings
    return [
        f
        for f in findings
        if f.scope == "document" or not any(z.start <= f.start and f.end <= z.end for z in zones)
    ]


def analyse_document(
    document: Document, profile: Profile, rules: RuleSet, disabled: Iterable[str] = ()
) -> Report:
    context = Context(document, profile, rules.resources)
    findings: list[Finding] = []
    for rule in rules.active(profile, disabled):
        findings.extend(rule.check(context))
    findings = resolve_overlaps(_outside_letterhead(findings, document))

    spoken = rules.resources.acronyms.spoken_as_letters
    sentence_rows = []
    per_block: dict[int, list[Counts]] = {}
    for index in document.body_sentences():
        counts = sentence_counts(document, index, profile.sentence_warning, spoken)
        if counts.words == 0:
            continue
        sentence_rows.append((index, counts))
        per_block.setdefault(document.sentences[index].block, []).append(counts)
    letter = total(counts for _, counts in sentence_rows)
    metrics = Metrics.of(letter)
    parts = clarity_parts(
        metrics.kandel_moles,
        metrics.mean_sentence_words,
        metrics.long_sentence_share,
        metrics.rare_word_share,
        metrics.words,
        findings,
    )
    blocks = [
        (index, Metrics.of(total(counts)))
        for index, counts in sorted(per_block.items())
        if document.blocks[index].kind in {BlockKind.PARAGRAPH, BlockKind.LIST_ITEM}
    ]
    return Report(
        document=document,
        profile=profile,
        metrics=metrics,
        score=parts.total if parts else None,
        score_parts=parts,
        blocks=blocks,
        sentences=[(index, Metrics.of(counts)) for index, counts in sentence_rows],
        findings=findings,
    )


def resolve_overlaps(findings: Sequence[Finding]) -> list[Finding]:
    """Drop findings hidden by a stronger overlapping one; one finding per passage and category."""
    unique: dict[tuple[str, int, int], Finding] = {}
    for finding in findings:
        # Findings about the whole letter are all kept (one per rule), whatever their span.
        scope = finding.rule if finding.scope == "document" else finding.category.value
        unique.setdefault((scope, finding.start, finding.end), finding)
    findings = list(unique.values())  # one finding per passage and category
    by_category: dict[Category, list[Finding]] = {}
    for finding in findings:
        if finding.category not in _WIDE:
            by_category.setdefault(finding.category, []).append(finding)
    kept = []
    for finding in findings:
        if finding.category not in _WIDE:
            rivals = [*by_category[finding.category]]
            for strong, hidden in SUPPRESSES.items():
                if finding.category in hidden:
                    rivals.extend(by_category.get(strong, ()))
            if any(other is not finding and _hides(other, finding) for other in rivals):
                continue
        kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule))


def _hides(strong: Finding, weak: Finding) -> bool:
    if strong.scope == "document" or weak.scope == "document":
        return False
    if not (strong.start < weak.end and weak.start < strong.end):
        return False
    if strong.category == weak.category:
        return (strong.severity.rank, strong.end - strong.start) > (
            weak.severity.rank,
            weak.end - weak.start,
        )
    inside = strong.start <= weak.start and weak.end <= strong.end
    return inside and weak.category in SUPPRESSES.get(strong.category, frozenset())
