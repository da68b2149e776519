"""From one result per template to the audit's figures: distribution of scores, worst
templates, recurring jargon, categories and rules, the RLS grid with totals, folders, and the
comparison with a previous audit. The output is plain data: the JSON report is this dict, and
the HTML and CSV reports are rendered from it."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from simplify.audit.run import AuditRun
from simplify.audit.work import NOT_CONFORM, RLS_STATUSES
from simplify.readability.score import label
from simplify.rules.model import CATEGORY_LABELS, Category
from simplify.rules.rls import RLS_CRITERIA
from simplify.version import __version__

SCHEMA = "simplify-audit/1"
BIN_WIDTH = 10  # the score histogram's bins: 0–10, 10–20, ..., 90–100
WORST_SHOWN = 20
TOP_SHOWN = 30
# A change of score smaller than this between two audits is noise, not progress.
COMPARE_MARGIN = 2.0


def summarise(
    run: AuditRun, previous: dict[str, Any] | None = None, fail_under: float | None = None
) -> dict[str, Any]:
    scored = [r for r in run.results if "error" not in r]
    failed = [r for r in run.results if "error" in r]
    scores = [r["score"] for r in scored if r["score"] is not None]
    return {
        "schema": SCHEMA,
        "engine": {"name": "simplify", "version": __version__},
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "profile": run.profile,
        "interrupted": run.interrupted,
        "run": {
            "seconds": round(run.seconds, 2),
            "analysed": run.analysed,
            "cached": run.cached,
            "jobs": run.jobs,
            "executor": run.executor,
        },
        "totals": {
            "templates": len(scored),
            "unreadable": len(failed) + len(run.skipped),
            "words": sum(r["words"] for r in scored),
            "findings": sum(len(r["findings"]) for r in scored),
            "mean_score": round(statistics.fmean(scores), 1) if scores else None,
            "median_score": round(statistics.median(scores), 1) if scores else None,
        },
        "distribution": _distribution(scores),
        "worst": [_brief(r) for r in _worst(scored)[:WORST_SHOWN]],
        "jargon": _jargon(scored)[:TOP_SHOWN],
        "categories": _categories(scored),
        "rules": _rules(scored)[:TOP_SHOWN],
        "rls": _rls(scored),
        "folders": _folders(scored),
        "comparison": _compare(scored, previous) if previous is not None else None,
        "gate": _gate(scored, fail_under) if fail_under is not None else None,
        "templates": [_template(r) for r in scored],
        "errors": [{"name": r["name"], "folder": r["folder"], "reason": r["error"]} for r in failed]
        + [{"name": s.name, "folder": s.folder, "reason": s.reason} for s in run.skipped],
    }


def _template(result: dict[str, Any]) -> dict[str, Any]:
    """A template's entry in the JSON report (the highlighted HTML stays out of it)."""
    return {key: value for key, value in result.items() if key not in {"annotated", "seconds"}}


def _distribution(scores: Sequence[float]) -> list[dict[str, Any]]:
    bins = [0] * (100 // BIN_WIDTH)
    for score in scores:
        bins[min(int(score // BIN_WIDTH), len(bins) - 1)] += 1
    return [
        {
            "from": i * BIN_WIDTH,
            "to": (i + 1) * BIN_WIDTH,
            "count": count,
            "label": label(i * BIN_WIDTH + BIN_WIDTH / 2),
        }
        for i, count in enumerate(bins)
    ]


def _worst(scored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        (r for r in scored if r["score"] is not None), key=lambda r: (r["score"], r["name"])
    )


def _brief(result: dict[str, Any]) -> dict[str, Any]:
    counts = Counter(f["category"] for f in result["findings"])
    return {
        "name": result["name"],
        "folder": result["folder"],
        "score": result["score"],
        "label": result["label"],
        "words": result["words"],
        "findings": len(result["findings"]),
        "main_problems": [
            {"category": c, "label": CATEGORY_LABELS[Category(c)], "count": n}
            for c, n in counts.most_common(3)
        ],
    }


def _jargon(scored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    uses: Counter[str] = Counter()
    templates: dict[str, set[str]] = {}
    replacement: dict[str, str | None] = {}
    for result in scored:
        for finding in result["findings"]:
            term = finding.get("term")
            if not term:
                continue
            uses[term] += 1
            templates.setdefault(term, set()).add(result["name"])
            if replacement.get(term) is None:
                replacement[term] = finding["replacement"]
    return [
        {
            "term": term,
            "uses": count,
            "templates": len(templates[term]),
            "replacement": replacement.get(term),
        }
        for term, count in sorted(uses.items(), key=lambda kv: (-len(templates[kv[0]]), kv[0]))
    ]


def _categories(scored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    uses: Counter[str] = Counter()
    templates: Counter[str] = Counter()
    for result in scored:
        seen = Counter(f["category"] for f in result["findings"])
        uses.update(seen)
        templates.update(seen.keys())
    return [
        {
            "category": category,
            "label": CATEGORY_LABELS[Category(category)],
            "uses": count,
            "templates": templates[category],
        }
        for category, count in uses.most_common()
    ]


def _rules(scored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    uses: Counter[str] = Counter()
    templates: Counter[str] = Counter()
    message: dict[str, str] = {}
    for result in scored:
        seen = Counter(f["rule"] for f in result["findings"])
        uses.update(seen)
        templates.update(seen.keys())
        for finding in result["findings"]:
            message.setdefault(finding["rule"], finding["message"])
    return [
        {"rule": rule, "message": message[rule], "uses": count, "templates": templates[rule]}
        for rule, count in uses.most_common()
    ]


def _rls(scored: list[dict[str, Any]]) -> dict[str, Any]:
    criteria: list[dict[str, Any]] = []
    for criterion, (level, text) in RLS_CRITERIA.items():
        counts = Counter(r["rls"].get(criterion, "non testé") for r in scored)
        criteria.append(
            {
                "criterion": criterion,
                "level": level,
                "label": text,
                "counts": {status: counts.get(status, 0) for status in RLS_STATUSES},
            }
        )
    overall = Counter(status for r in scored for status in r["rls"].values())
    return {
        "statuses": list(RLS_STATUSES),
        "criteria": criteria,
        "totals": {status: overall.get(status, 0) for status in RLS_STATUSES},
        "most_failed": [
            c["criterion"]
            for c in sorted(criteria, key=lambda c: -c["counts"][NOT_CONFORM])
            if c["counts"][NOT_CONFORM]
        ][:10],
    }


def _folders(scored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_folder: dict[str, list[dict[str, Any]]] = {}
    for result in scored:
        by_folder.setdefault(result["folder"] or "(racine)", []).append(result)
    rows = []
    for folder, results in sorted(by_folder.items()):
        scores = [r["score"] for r in results if r["score"] is not None]
        rows.append(
            {
                "folder": folder,
                "templates": len(results),
                "mean_score": round(statistics.fmean(scores), 1) if scores else None,
                "worst_score": min(scores) if scores else None,
                "findings_per_template": round(
                    sum(len(r["findings"]) for r in results) / len(results), 1
                ),
                "not_conform": sum(
                    1 for r in results for s in r["rls"].values() if s == NOT_CONFORM
                ),
            }
        )
    return rows


def _compare(scored: list[dict[str, Any]], previous: dict[str, Any]) -> dict[str, Any]:
    before = {t["name"]: t for t in previous.get("templates", [])}
    now = {r["name"]: r for r in scored}
    improved, worse, unchanged = [], [], 0
    for name, result in sorted(now.items()):
        old = before.get(name)
        if old is None or old.get("score") is None or result["score"] is None:
            continue
        delta = round(result["score"] - old["score"], 1)
        row = {
            "name": name,
            "before": old["score"],
            "after": result["score"],
            "delta": delta,
            "findings_before": len(old.get("findings", [])),
            "findings_after": len(result["findings"]),
        }
        if delta >= COMPARE_MARGIN:
            improved.append(row)
        elif delta <= -COMPARE_MARGIN:
            worse.append(row)
        else:
            unchanged += 1
    old_scores = [t["score"] for t in before.values() if t.get("score") is not None]
    return {
        "previous_created": previous.get("created"),
        "previous_mean_score": round(statistics.fmean(old_scores), 1) if old_scores else None,
        "margin": COMPARE_MARGIN,
        "improved": sorted(improved, key=lambda r: -r["delta"]),
        "worse": sorted(worse, key=lambda r: r["delta"]),
        "unchanged": unchanged,
        "new": sorted(set(now) - set(before)),
        "removed": sorted(set(before) - set(now)),
    }


def _gate(scored: list[dict[str, Any]], fail_under: float) -> dict[str, Any]:
    below = [
        {"name": r["name"], "score": r["score"]} for r in _worst(scored) if r["score"] < fail_under
    ]
    return {"fail_under": fail_under, "below": below, "passed": not below}
