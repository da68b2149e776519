"""The audit report in its four formats: a self-contained HTML page (jinja2, inline CSS and SVG,
no JavaScript), the JSON summary, a CSV table with one row per template, and SARIF for CI."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from simplify.audit.work import NOT_CONFORM, RLS_STATUSES
from simplify.formats.html_write import REPORT_CSS, french_number
from simplify.output.sarif import region, result, sarif_log
from simplify.rules.model import CATEGORY_LABELS, Category
from simplify.rules.rls import RLS_CRITERIA
from simplify.version import __version__

FORMATS = ("html", "json", "csv", "sarif")
SUFFIXES = {"html": ".html", "json": ".json", "csv": ".csv", "sarif": ".sarif"}
_SARIF_LEVEL = {"info": "note", "warning": "warning", "error": "error"}
SCORE_RULE, UNREADABLE_RULE = "AUDIT-SCORE", "AUDIT-UNREADABLE"


def render(summary: dict[str, Any], fmt: str, annotated: dict[str, str] | None = None) -> str:
    """The report as text in one of FORMATS; `annotated` maps template names to their
    highlighted letter (HTML fragments made by the engine), for the HTML detail sections."""
    if fmt == "html":
        return render_html(summary, annotated or {})
    if fmt == "json":
        return _json(summary)
    if fmt == "csv":
        return render_csv(summary)
    if fmt == "sarif":
        return _json(render_sarif(summary))
    raise ValueError(f"format inconnu : {fmt}")


def _json(data: dict[str, Any]) -> str:
    # Compact: an audit of thousands of templates is tens of megabytes, and the compact form
    # is written several times faster (`jq .` shows it indented).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_report(
    summary: dict[str, Any], out: Path, fmt: str, annotated: dict[str, str] | None = None
) -> list[Path]:
    """Write `audit.<fmt>` in `out`, and `audit.json` always (the record a later
    `--compare` reads). Files are written whole to a temporary name, then renamed."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in dict.fromkeys((fmt, "json")):
        target = out / f"audit{SUFFIXES[name]}"
        partial = target.with_name(target.name + ".partiel")
        partial.write_text(render(summary, name, annotated), encoding="utf-8")
        partial.replace(target)
        written.append(target)
    return written


_ENV = Environment(
    loader=PackageLoader("simplify.audit", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(summary: dict[str, Any], annotated: dict[str, str]) -> str:
    template = _ENV.get_template("report.html.j2")
    return template.render(
        s=summary,
        histogram=histogram_svg(summary["distribution"]),
        annotated={name: Markup(html) for name, html in annotated.items()},
        anchors={t["name"]: f"modele-{i + 1}" for i, t in enumerate(summary["templates"])},
        categories=CATEGORY_LABELS,
        category=Category,
        criteria=RLS_CRITERIA,
        statuses=RLS_STATUSES,
        not_conform=NOT_CONFORM,
        report_css=Markup(REPORT_CSS),
        number=french_number,
        when=_when,
        grid=_grid,
        problems=_problems,
    )


def _when(iso: str | None) -> str:
    """An ISO date and time as French readers write it."""
    if not iso:
        return "date inconnue"
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    zone = " (UTC)" if moment.utcoffset() is not None and not moment.utcoffset() else ""
    return moment.strftime("%d/%m/%Y à %H:%M") + zone


def _grid(rls: dict[str, str]) -> dict[str, list[str]]:
    """A template's criteria grouped by status, in the order of the reference."""
    groups: dict[str, list[str]] = {status: [] for status in RLS_STATUSES}
    for criterion in RLS_CRITERIA:
        groups[rls.get(criterion, "non testé")].append(criterion)
    return groups


def _problems(template: dict[str, Any]) -> list[tuple[str, int]]:
    counts = Counter(f["category"] for f in template["findings"])
    return [(CATEGORY_LABELS[Category(c)], n) for c, n in counts.most_common(3)]


def histogram_svg(distribution: list[dict[str, Any]]) -> Markup:
    """The distribution of clarity scores as an inline SVG bar chart; each bar carries its
    count as text, so the chart reads without colour, and a table follows it in the page."""
    width, height, left, bottom, top = 640, 260, 44, 40, 24
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max((b["count"] for b in distribution), default=0) or 1
    step = plot_w / len(distribution)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="histo-titre" class="histogramme">',
        '<title id="histo-titre">Nombre de modèles par tranche de score de clarté '
        "(0 = très difficile, 100 = très facile)</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" '
        f'stroke="#1a1a1a"/>',
    ]
    for index, band in enumerate(distribution):
        bar_h = plot_h * band["count"] / peak
        x = left + index * step + 4
        y = top + plot_h - bar_h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step - 8:.1f}" height="{bar_h:.1f}" '
            f'fill="#1f4e99"><title>{band["from"]}–{band["to"]} : {band["count"]} '
            f"modèle(s)</title></rect>"
        )
        parts.append(
            f'<text x="{x + (step - 8) / 2:.1f}" y="{y - 6:.1f}" text-anchor="middle" '
            f'font-size="14">{band["count"]}</text>'
        )
        parts.append(
            f'<text x="{x + (step - 8) / 2:.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
            f'font-size="13">{band["from"]}–{band["to"]}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle" '
        f'font-size="13">Score de clarté</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def render_csv(summary: dict[str, Any]) -> str:
    """One row per template (unreadable ones too, with their reason): its figures, its
    findings by category, its jargon and its status for each RLS criterion."""
    categories = [c.value for c in Category]
    header = [
        "modele",
        "dossier",
        "format",
        "mots",
        "phrases",
        "score",
        "niveau",
        "kandel_moles",
        "mots_par_phrase",
        "remarques",
        *(f"cat_{c}" for c in categories),
        "jargon",
        "rls_non_conformes",
        *RLS_CRITERIA,
        "erreur",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for template in summary["templates"]:
        counts = Counter(f["category"] for f in template["findings"])
        terms = sorted({f["term"] for f in template["findings"] if f.get("term")})
        rls = template["rls"]
        writer.writerow(
            [
                template["name"],
                template["folder"],
                template["format"],
                template["words"],
                template["sentences"],
                template["score"],
                template["label"],
                template["metrics"]["kandel_moles"],
                template["metrics"]["mean_sentence_words"],
                len(template["findings"]),
                *(counts.get(c, 0) for c in categories),
                "; ".join(terms),
                sum(1 for s in rls.values() if s == NOT_CONFORM),
                *(rls.get(c, "non testé") for c in RLS_CRITERIA),
                "",
            ]
        )
    blank = [""] * (len(header) - 3)
    for error in summary["errors"]:
        writer.writerow([error["name"], error["folder"], *blank, error["reason"]])
    return buffer.getvalue()


def render_sarif(summary: dict[str, Any]) -> dict[str, Any]:
    """Findings as SARIF results located in each template; templates under the --fail-under
    score and unreadable templates as errors, so a CI gate shows them."""
    rule_ids: dict[str, str] = {}  # rule -> its description
    found: list[tuple[str, str, str, str, dict[str, int] | None]] = []
    for template in summary["templates"]:
        for finding in template["findings"]:
            rule_ids.setdefault(finding["rule"], finding["message"])
            where = region(template["text"], finding["start"], finding["end"])
            level = _SARIF_LEVEL[finding["severity"]]
            found.append((finding["rule"], level, finding["message"], template["name"], where))
    gate = summary.get("gate")
    if gate:
        rule_ids[SCORE_RULE] = "Score de clarté sous le seuil"
        for below in gate["below"]:
            message = (
                f"score de clarté {french_number(below['score'])} sous le seuil "
                f"{french_number(gate['fail_under'])}"
            )
            found.append((SCORE_RULE, "error", message, below["name"], None))
    if summary["errors"]:
        rule_ids[UNREADABLE_RULE] = "Modèle illisible"
        for error in summary["errors"]:
            found.append((UNREADABLE_RULE, "error", error["reason"], error["name"], None))
    ids = sorted(rule_ids)
    index = {rule: i for i, rule in enumerate(ids)}
    driver = {
        "name": "simplify-audit",
        "version": __version__,
        "rules": [{"id": rule, "shortDescription": {"text": rule_ids[rule]}} for rule in ids],
    }
    results = [
        result(rule, index[rule], level, message, uri, where)
        for rule, level, message, uri, where in found
    ]
    return sarif_log(driver, results)
