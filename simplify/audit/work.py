"""The per-document function of an audit: bytes in, a plain result (JSON-ready dict) out.

The same function runs in the local process pool and on Dask workers; each process loads the
rules and the language model once, on its first document.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from simplify.analysis import Report, analyse
from simplify.formats.errors import FormatError
from simplify.formats.files import read_letter
from simplify.formats.html_write import annotated_letter
from simplify.nlp import BlockParser, ModelMissingError
from simplify.rules.model import Category, Finding
from simplify.rules.registry import RuleSet, load_builtin, load_rule_set
from simplify.rules.rls import RLS_CRITERIA

CONFORM, NOT_CONFORM, NOT_APPLICABLE, NOT_TESTED = (
    "conforme",
    "non conforme",
    "non applicable",
    "non testé",
)
RLS_STATUSES = (CONFORM, NOT_CONFORM, NOT_APPLICABLE, NOT_TESTED)
# Formats that carry no formatting: criteria about fonts, spacing and alignment do not apply.
_UNFORMATTED = frozenset({"text", "markdown", "html"})
PARSE_CACHE_SENTENCES = 4096


@dataclass(frozen=True, slots=True)
class Task:
    """One document to audit. Plain data, sent to worker processes."""

    name: str
    folder: str
    data: bytes
    profile: str
    rule_dirs: tuple[str, ...] = ()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


class _Worker:
    """What one process keeps between documents: the rules and the parser with its cache."""

    def __init__(self, rule_dirs: tuple[str, ...]) -> None:
        self.rules: RuleSet = (
            load_rule_set(tuple(Path(d) for d in rule_dirs)) if rule_dirs else load_builtin()
        )
        # Parsed sentences are kept for the next documents: templates share paragraphs.
        self.parser = BlockParser(cache_size=_parse_cache_size())


def _parse_cache_size() -> int:
    """SIMPLIFY_PARSE_CACHE_SENTENCES (also the web service's setting); 0 turns it off."""
    value = os.environ.get("SIMPLIFY_PARSE_CACHE_SENTENCES", "")
    return int(value) if value.isdigit() else PARSE_CACHE_SENTENCES


@cache
def _worker(rule_dirs: tuple[str, ...]) -> _Worker:
    return _Worker(rule_dirs)


def warm_up(rule_dirs: Sequence[str] = ()) -> None:
    """Load the rules and the language model now (a pool worker's initializer)."""
    worker = _worker(tuple(rule_dirs))
    _ = worker.parser.nlp


def audit_document(task: Task) -> dict[str, Any]:
    """Read and analyse one template; a file that cannot be read gives {"error": reason}."""
    started = time.perf_counter()
    head: dict[str, Any] = {"name": task.name, "folder": task.folder, "sha256": task.sha256}
    try:
        letter = read_letter(task.name, task.data)
    except FormatError as error:
        return head | {"error": _reason(str(error), task.name)}
    if not letter.text.strip():
        return head | {"format": letter.format, "error": "document vide : aucun texte à lire"}
    worker = _worker(task.rule_dirs)
    try:
        report = analyse(
            letter.text,
            profile=task.profile,
            rules=worker.rules,
            markdown=letter.markdown,
            parser=worker.parser,
            shape=letter.shape,
        )
    except ModelMissingError:
        raise
    except (ValueError, RecursionError) as error:  # never lose the run for one document
        return head | {"format": letter.format, "error": f"analyse impossible ({error})"}
    return (
        head
        | result_of(report, letter.format, worker.rules)
        | {"seconds": round(time.perf_counter() - started, 4)}
    )


def _reason(message: str, name: str) -> str:
    """The reader's message without the file name in front (the report shows it already)."""
    prefix = f"{name} : "
    return message[len(prefix) :] if message.startswith(prefix) else message


def result_of(report: Report, file_format: str, rules: RuleSet) -> dict[str, Any]:
    metrics = report.metrics.as_dict()
    return {
        "format": file_format,
        "words": report.metrics.words,
        "sentences": report.metrics.sentences,
        "score": None if report.score is None else round(report.score, 1),
        "label": report.label,
        "metrics": metrics,
        "findings": [_finding(f) for f in report.findings],
        "rls": rls_grid(report, file_format, rules),
        "text": report.text,
        "annotated": annotated_letter(report),
    }


def _finding(finding: Finding) -> dict[str, Any]:
    first = next((s for s in finding.suggestions if s.replacement is not None), None)
    out: dict[str, Any] = {
        "rule": finding.rule,
        "category": finding.category.value,
        "severity": finding.severity.value,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text[:200],
        "message": finding.message,
        "replacement": first.replacement if first else None,
        "references": list(finding.references),
    }
    if finding.category is Category.JARGON and "term" in finding.data:
        out["term"] = finding.data["term"]
    return out


def rls_grid(report: Report, file_format: str, rules: RuleSet) -> dict[str, str]:
    """Each RLS criterion for this document: non conforme when a finding cites it, conforme
    when an active rule checks it and found nothing, non applicable when only formatting rules
    check it and the file has no formatting (plain text), non testé when no active rule checks
    it (illustrations, testing with readers...: a person must judge)."""
    failed = {reference for f in report.findings for reference in f.references}
    checked: dict[str, bool] = {}  # criterion -> whether some rule can check it here
    for rule in rules.active(report.profile):
        applicable = not (rule.spec.category is Category.LAYOUT and file_format in _UNFORMATTED)
        for reference in rule.spec.references:
            checked[reference] = checked.get(reference, False) or applicable
    grid = {}
    for criterion in RLS_CRITERIA:
        if criterion in failed:
            grid[criterion] = NOT_CONFORM
        elif criterion not in checked:
            grid[criterion] = NOT_TESTED
        elif checked[criterion]:
            grid[criterion] = CONFORM
        else:
            grid[criterion] = NOT_APPLICABLE
    return grid
