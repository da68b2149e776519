"""The report as JSON: the contract shared by the CLI, the API and the workshop.

Offsets are indices into the decoded text (Python string indices, i.e. code points).
"""

from __future__ import annotations

from typing import Any

from simplify.analysis import Report
from simplify.rules.model import Finding, Suggestion, suggestion_id
from simplify.version import __version__

SCHEMA_VERSION = 1


def suggestion_dict(suggestion: Suggestion, finding: Finding | None = None) -> dict[str, Any]:
    """A suggestion; with its finding, also its `id`, the key for accepting or rejecting it."""
    out: dict[str, Any] = {} if finding is None else {"id": suggestion_id(finding, suggestion)}
    return out | {
        "replacement": suggestion.replacement,
        "safety": suggestion.safety.value,
        "explanation": suggestion.explanation,
        "edits": [
            {"start": e.start, "end": e.end, "replacement": e.replacement} for e in suggestion.edits
        ],
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category.value,
        "category_label": finding.category.label,
        "severity": finding.severity.value,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "scope": finding.scope,
        "message": finding.message,
        "suggestions": [suggestion_dict(s, finding) for s in finding.suggestions],
        "references": list(finding.references),
    }


def report_dict(report: Report, source: str | None = None) -> dict[str, Any]:
    doc = report.document
    metrics = report.metrics.as_dict()
    metrics["score"] = report.score
    metrics["label"] = report.label
    metrics["label_meaning"] = report.label_meaning
    if report.score_parts is not None:
        parts = report.score_parts
        metrics["score_parts"] = {
            "reading_ease": round(parts.reading_ease, 1),
            "sentences": round(parts.sentences, 1),
            "vocabulary": round(parts.vocabulary, 1),
            "findings": round(parts.findings, 1),
        }
    by_severity: dict[str, int] = {}
    by_category: dict[str, int] = {}
    for finding in report.findings:
        by_severity[finding.severity.value] = by_severity.get(finding.severity.value, 0) + 1
        by_category[finding.category.value] = by_category.get(finding.category.value, 0) + 1
    return {
        "schema": SCHEMA_VERSION,
        "engine": {"name": "simplify", "version": __version__},
        "source": source,
        "profile": report.profile.name,
        "metrics": metrics,
        "summary": {
            "findings": len(report.findings),
            "by_severity": by_severity,
            "by_category": by_category,
        },
        "blocks": [
            {
                "index": i,
                "kind": doc.blocks[i].kind.value,
                "start": doc.blocks[i].start,
                "end": doc.blocks[i].end,
                **m.as_dict(),
            }
            for i, m in report.blocks
        ],
        "sentences": [
            {
                "start": doc.sentences[i].start,
                "end": doc.sentences[i].end,
                "block": doc.sentences[i].block,
                "long": m.words > report.profile.sentence_warning,
                **m.as_dict(),
            }
            for i, m in report.sentences
        ],
        "findings": [finding_dict(f) for f in report.findings],
    }
