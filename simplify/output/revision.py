"""A rewrite for people (the new letter, a summary on standard error), as JSON, or as a diff."""

from __future__ import annotations

import difflib
import json
import sys
from typing import Any

from simplify.output.json import finding_dict
from simplify.rewrite.planner import Revision


def revision_dict(revision: Revision) -> dict[str, Any]:
    def metrics(report: Any) -> dict[str, Any]:
        data: dict[str, Any] = report.metrics.as_dict()
        data["score"] = report.score
        data["label"] = report.label
        data["findings"] = len(report.findings)
        return data

    return {
        "text": revision.text,
        "edits": [
            {
                "start": e.start,
                "end": e.end,
                "original": revision.original[e.start : e.end],
                "replacement": e.replacement,
                "rule": e.rule,
                "category": e.category.value,
                "safety": e.safety.value,
                "explanation": e.explanation,
                "suggestion": e.suggestion,
            }
            for e in revision.edits
        ],
        "skipped": [
            {
                "suggestion": s.suggestion,
                "rule": s.rule,
                "start": s.start,
                "end": s.end,
                "reason": s.reason,
            }
            for s in revision.skipped
        ],
        "verification": {
            "ok": revision.verification.ok,
            "missing": [
                {"kind": m.kind.value, "text": m.text, "start": m.start, "end": m.end}
                for m in revision.verification.missing
            ],
        },
        "defects": [{"kind": d.kind, "text": d.text} for d in revision.defects],
        "new_findings": [finding_dict(f) for f in revision.new_findings],
        "metrics_before": metrics(revision.before),
        "metrics_after": metrics(revision.after),
    }


def render_revision(revision: Revision, name: str, output_format: str) -> None:
    if output_format == "json":
        print(json.dumps(revision_dict(revision), ensure_ascii=False, indent=2))
        return
    if output_format == "diff":
        diff = difflib.unified_diff(
            revision.original.splitlines(keepends=True),
            revision.text.splitlines(keepends=True),
            fromfile=f"{name} (original)",
            tofile=f"{name} (réécrit)",
        )
        sys.stdout.writelines(diff)
        return
    sys.stdout.write(revision.text)
    before, after = revision.before, revision.after
    status = (
        "tous les faits sont conservés"
        if revision.verification.ok
        else ("faits manquants : " + ", ".join(m.text for m in revision.verification.missing))
    )
    print(
        f"\n{name} : {len(revision.edits)} modifications, {len(revision.skipped)} écartées ; "
        f"score {before.score} → {after.score} ({after.label}) ; "
        f"{before.metrics.mean_sentence_words or 0:.1f} → "
        f"{after.metrics.mean_sentence_words or 0:.1f} mots par phrase ; {status}.",
        file=sys.stderr,
    )
