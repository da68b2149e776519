"""rewrite(): choose the suggestions, make them one coherent set of edits, keep the facts.

1. Analyse the letter; take, for each finding, its first suggestion that has edits (only the
   safe ones by default, all with only="all", or the ones a person accepted).
2. When two suggestions overlap, the one of the stronger category wins (a formula before the
   jargon inside it); the other is skipped and reported.
3. Capitals asked for by cuts are made, on the next edit when one starts there.
4. The edits are applied in one pass on the original; `verify()` checks the facts; a
   suggestion whose edits touch a lost fact is dropped and the rest applied again. The same
   goes for a suggestion that breaks written French (`checks.py`) or makes the re-analysis
   find a problem the original did not have.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from simplify.analysis import Report, analyse
from simplify.build import default_parser
from simplify.document import ProtectedKind, ProtectedSpan
from simplify.nlp import BlockParser
from simplify.protect import find_protected
from simplify.rewrite import DEFAULT_ROUNDS
from simplify.rewrite.blame import new_findings, owners_in_new_text, owners_of_facts
from simplify.rewrite.checks import Defect, grammar_defects, new_defects
from simplify.rewrite.compose import Composed, compose
from simplify.rewrite.edits import apply_edits
from simplify.rewrite.joining import joined_edits
from simplify.rewrite.verify import Verification, verify
from simplify.rules.model import Category, Edit, Finding, Safety, Suggestion, suggestion_id
from simplify.rules.registry import RuleSet, load_builtin
from simplify.shape import Shape

# Which suggestion wins when two overlap: the earlier category in this list.
PRIORITY = (
    Category.FORMULA,
    Category.IMPERSONAL,
    Category.NOMINALISATION,
    Category.PASSIVE,
    Category.NEGATION,
    Category.ADDRESS,
    Category.LONG_SENTENCE,
    Category.JARGON,
    Category.ACRONYM,
    Category.DATE,
    Category.NUMBER,
    Category.CAPITALS,
    Category.TENSE,
    Category.PUNCTUATION,
    Category.ENUMERATION,
    Category.STRUCTURE,
    Category.LAYOUT,
)
_RANK = {category: rank for rank, category in enumerate(PRIORITY)}
_MAX_ROUNDS = 12


@dataclass(frozen=True)
class Proposal:
    """One suggestion of one finding, as the planner handles it."""

    finding: Finding
    suggestion: Suggestion
    index: int  # position of the finding in the report

    @property
    def id(self) -> str:
        return suggestion_id(self.finding, self.suggestion)


@dataclass(frozen=True)
class AppliedEdit:
    start: int
    end: int
    replacement: str
    rule: str
    category: Category
    safety: Safety
    explanation: str
    message: str
    suggestion: str  # the suggestion's id


@dataclass(frozen=True)
class Skipped:
    suggestion: str
    rule: str
    start: int
    end: int
    reason: str


@dataclass
class Revision:
    original: str
    text: str
    edits: list[AppliedEdit]
    skipped: list[Skipped]
    verification: Verification
    before: Report
    after: Report
    defects: list[Defect] = field(default_factory=list)
    new_findings: list[Finding] = field(default_factory=list)


def proposals(
    report: Report, only: str = "safe", accepted: Iterable[str] | None = None
) -> list[Proposal]:
    """The suggestion taken for each finding: its first one with edits that the choice allows."""
    wanted = set(accepted) if accepted is not None else None
    chosen = []
    for index, finding in enumerate(report.findings):
        taken: list[Suggestion] = []
        for suggestion in finding.suggestions:
            if not suggestion.edits:
                continue
            if wanted is not None:
                if suggestion_id(finding, suggestion) not in wanted:
                    continue
            elif only == "safe" and suggestion.safety is not Safety.SAFE:
                continue
            if taken and not _another_cut(finding, taken, suggestion):
                continue
            chosen.append(Proposal(finding, suggestion, index))
            taken.append(suggestion)
            if wanted is None and finding.category is not Category.LONG_SENTENCE:
                break
    return chosen


_MAX_CUTS = 3
_MIN_PIECE = 40  # characters between two cuts of one sentence


def _another_cut(finding: Finding, taken: list[Suggestion], suggestion: Suggestion) -> bool:
    """A long sentence may be cut at several places in one round, when the cuts are apart
    (no piece shorter than a few words) and do not touch each other."""
    if finding.category is not Category.LONG_SENTENCE or len(taken) >= _MAX_CUTS:
        return False
    for other in taken:
        if _overlap(other.edits, suggestion.edits):
            return False
        if any(abs(a.start - b.start) < _MIN_PIECE for a in other.edits for b in suggestion.edits):
            return False
    return True


def rewrite(
    text: str,
    *,
    profile: str = "clair",
    only: str = "safe",
    accepted: Iterable[str] | None = None,
    rules: RuleSet | None = None,
    markdown: bool = False,
    parser: BlockParser | None = None,
    rounds: int = DEFAULT_ROUNDS,
    shape: Shape | None = None,
) -> Revision:
    """Rewrite a letter with its suggestions (safe ones by default) and check the result.

    After the first round the rewritten letter is analysed and rewritten again, up to
    `rounds` times (cuts that earlier changes made visible: a condition turned into a
    question in round 2 lets its deadline be said apart in round 3); the edits of all rounds
    are composed into edits on the original. Suggestions a person accepted are applied in
    one round only. `shape` comes with a text read from a file: suggestions that would touch
    its fields are skipped.
    """
    rule_set = rules or load_builtin()
    options = _Options(profile, only, rule_set, markdown, parser)
    current = _rewrite_once(text, options, accepted, shape)
    if accepted is not None:
        return current
    for _ in range(rounds - 1):
        following = _rewrite_once(
            current.text, options, None, current.after.document.shape, before=current.after
        )
        if not following.edits:
            break
        current = _chain(text, current, following, options)
    return current


def _chain(original: str, first: Revision, second: Revision, options: _Options) -> Revision:
    """The revision of original that the two revisions make one after the other."""
    first_edits, second_edits = _edits_of(first), _edits_of(second)
    composed = compose(original, first_edits, first.text, second_edits)
    described = {id(e): d for e, d in zip(first_edits, first.edits, strict=True)}
    described |= {id(e): d for e, d in zip(second_edits, second.edits, strict=True)}
    edits = [_merge_description(c, described) for c in composed]
    final = apply_edits(original, [Edit(e.start, e.end, e.replacement) for e in edits])
    return Revision(
        original=original,
        text=final.text,
        edits=edits,
        skipped=first.skipped + second.skipped,
        verification=options.verify(original, final.text, list(first.before.document.protected)),
        before=first.before,
        after=second.after,
        defects=options.new_defects(original, final.text),
        new_findings=second.new_findings,
    )


def _edits_of(revision: Revision) -> list[Edit]:
    return [Edit(e.start, e.end, e.replacement) for e in revision.edits]


def _merge_description(composed: Composed, described: dict[int, AppliedEdit]) -> AppliedEdit:
    parts = [described[id(e)] for e in (*composed.first, *composed.second)]
    main = parts[0]
    explanations = list(dict.fromkeys(p.explanation for p in parts))
    safe = all(p.safety is Safety.SAFE for p in parts)
    return AppliedEdit(
        start=composed.edit.start,
        end=composed.edit.end,
        replacement=composed.edit.replacement,
        rule=main.rule,
        category=main.category,
        safety=Safety.SAFE if safe else Safety.UNSAFE,
        explanation=" ; ".join(explanations),
        message=main.message,
        suggestion=",".join(dict.fromkeys(p.suggestion for p in parts)),
    )


@dataclass(frozen=True)
class _Options:
    profile: str
    only: str
    rules: RuleSet
    markdown: bool
    parser: BlockParser | None
    # one rewrite checks the same texts several times: their defects and spans, kept here
    defects_of: dict[str, list[Defect]] = field(default_factory=dict)
    spans_of: dict[str, list[ProtectedSpan]] = field(default_factory=dict)

    def verify(
        self, original: str, rewritten: str, facts: list[ProtectedSpan] | None
    ) -> Verification:
        spans = self.spans_of.get(rewritten)
        if spans is None:
            spans = self.spans_of[rewritten] = find_protected(rewritten)
        return verify(original, rewritten, facts, spans)

    def new_defects(self, original: str, rewritten: str) -> list[Defect]:
        return new_defects(original, rewritten, self._defects(original), self._defects(rewritten))

    def _defects(self, text: str) -> list[Defect]:
        known = self.defects_of.get(text)
        if known is None:
            known = self.defects_of[text] = grammar_defects(text)
        return known

    def analyse(self, text: str, shape: Shape | None, names_of: Report | None = None) -> Report:
        """The report of text; names_of, the report of the text it was rewritten from,
        lends its names to the new sentences (see `BlockParser.carrying`)."""
        parser = self.parser
        if names_of is not None:
            parser = (parser or default_parser()).carrying(
                (_ENTITY_LABELS[span.kind], span.text)
                for span in names_of.document.protected
                if span.kind in _ENTITY_LABELS
            )
        return analyse(
            text,
            profile=self.profile,
            rules=self.rules,
            markdown=self.markdown,
            parser=parser,
            shape=shape,
        )


_ENTITY_LABELS = {ProtectedKind.NAME: "PER", ProtectedKind.ORGANISATION: "ORG"}


def _rewrite_once(
    text: str,
    options: _Options,
    accepted: Iterable[str] | None,
    shape: Shape | None,
    before: Report | None = None,
) -> Revision:
    if before is None:
        before = options.analyse(text, shape)
    candidates = proposals(before, options.only, accepted)
    candidates, skipped = outside_fixed(candidates, shape)
    chosen, clashing = _select(candidates)
    facts = list(before.document.protected)
    dropped: list[Skipped] = []
    for _ in range(_MAX_ROUNDS):
        defects: list[Defect] = []
        edits, owners = joined_edits(text, chosen)
        applied = apply_edits(text, edits)
        verification = options.verify(text, applied.text, facts)
        culprits = owners_of_facts(verification, edits, owners)
        reason = "la modification ferait perdre un fait : " + ", ".join(
            f"« {m.text} »" for m in verification.missing
        )
        if not culprits:
            defects = options.new_defects(text, applied.text)
            culprits = owners_in_new_text(defects, applied, owners)
            reason = "la modification casserait le français : " + ", ".join(
                f"{d.kind} (« {d.text.strip()} »)" for d in defects
            )
        after: Report | None = None
        new: list[Finding] = []
        if not culprits:
            moved = (
                shape.moved(len(text), len(applied.text), applied.offsets)
                if shape is not None
                else None
            )
            after = options.analyse(applied.text, moved, names_of=before)
            new = new_findings(before, after, applied)
            culprits = owners_in_new_text(new, applied, owners)
            reason = "la modification ferait apparaître un autre problème : " + ", ".join(
                f"{f.rule} « {f.text} »" for f in new
            )
        if not culprits:
            assert after is not None
            return Revision(
                original=text,
                text=applied.text,
                edits=[_describe(edit, owners[id(edit)]) for edit in applied.applied],
                skipped=skipped + dropped + clashing,
                verification=verification,
                before=before,
                after=after,
                defects=defects,
                new_findings=new,
            )
        for proposal in culprits:
            dropped.append(_skip(proposal, reason))
        # a dropped suggestion frees the ones it overlapped: choose again without it
        gone = {d.suggestion for d in dropped}
        chosen, clashing = _select([c for c in candidates if c.id not in gone])
    # Could not settle: return the original untouched, with everything reported as skipped.
    after = options.analyse(text, shape, names_of=before)
    skipped.extend(dropped + clashing)
    skipped.extend(_skip(p, "aucune combinaison sûre trouvée") for p in chosen)
    return Revision(text, text, [], skipped, verify(text, text), before, after)


def outside_fixed(
    candidates: list[Proposal], shape: Shape | None
) -> tuple[list[Proposal], list[Skipped]]:
    """Suggestions that would edit a field, a content control or a drawn list number of the
    file are skipped: the file keeps them as they are."""
    if shape is None or not shape.fixed:
        return candidates, []
    kept: list[Proposal] = []
    skipped: list[Skipped] = []
    for proposal in candidates:
        touched = next(
            (
                fixed
                for edit in proposal.suggestion.edits
                for fixed in shape.fixed
                if edit.start < fixed.end and fixed.start < max(edit.end, edit.start + 1)
            ),
            None,
        )
        if touched is None:
            kept.append(proposal)
        else:
            label = f" « {touched.label} »" if touched.label else ""
            skipped.append(_skip(proposal, f"toucherait un champ du modèle{label}"))
    return kept, skipped


def _is_move(suggestion: Suggestion) -> bool:
    """A suggestion that deletes words in one place and writes them again in another (a
    relative clause or a deadline said after the sentence): it copies the original words, so
    it waits for the word changes inside them (made first, it comes back next round)."""
    return any(e.start == e.end and len(e.replacement) > 20 for e in suggestion.edits) and any(
        e.end > e.start for e in suggestion.edits
    )


def _select(candidates: list[Proposal]) -> tuple[list[Proposal], list[Skipped]]:
    ordered = sorted(
        candidates,
        key=lambda p: (
            len(PRIORITY) if _is_move(p.suggestion) else _RANK.get(p.finding.category, 99),
            p.suggestion.edits[0].start,
        ),
    )
    chosen: list[Proposal] = []
    skipped: list[Skipped] = []
    for proposal in ordered:
        clash = next(
            (c for c in chosen if _overlap(c.suggestion.edits, proposal.suggestion.edits)), None
        )
        if clash is not None:
            skipped.append(
                _skip(
                    proposal,
                    f"chevauche la modification {clash.finding.rule} « {clash.finding.text[:40]} »",
                )
            )
            continue
        chosen.append(proposal)
    return chosen, skipped


def _overlap(first: Iterable[Edit], second: Iterable[Edit]) -> bool:
    """Edits overlap when their spans share a character, or one replaces a span the other
    inserts into; two insertions at the same place do not overlap (both are kept)."""
    return any(
        (a.start < b.end and b.start < a.end)
        or (a.start == b.start and (a.end > a.start) != (b.end > b.start))
        for a in first
        for b in second
    )


def _describe(edit: Edit, proposal: Proposal) -> AppliedEdit:
    return AppliedEdit(
        start=edit.start,
        end=edit.end,
        replacement=edit.replacement,
        rule=proposal.finding.rule,
        category=proposal.finding.category,
        safety=proposal.suggestion.safety,
        explanation=proposal.suggestion.explanation,
        message=proposal.finding.message,
        suggestion=proposal.id,
    )


def _skip(proposal: Proposal, reason: str) -> Skipped:
    first = proposal.suggestion.edits[0]
    return Skipped(proposal.id, proposal.finding.rule, first.start, first.end, reason)
