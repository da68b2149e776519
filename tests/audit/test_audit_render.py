"""The report formats, rendered from a summary: escaping, the chart, the comparison."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from audit_fixtures import make_templates

from simplify.audit.aggregate import summarise
from simplify.audit.render import histogram_svg, render, write_report
from simplify.audit.run import run_audit


def test_names_and_texts_from_templates_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "<b>service"
    folder.mkdir()
    (folder / "<img src=x onerror=alert(1)>.txt").write_text(
        "Madame,\n\nNonobstant votre demande <script>alert(2)</script>, payez avant le 15 juillet.\n",
        encoding="utf-8",
    )
    run = run_audit([str(tmp_path)])
    summary = summarise(run)
    html = render(summary, "html", {r["name"]: r["annotated"] for r in run.results})
    assert "<script" not in html and "<img" not in html and "<b>service" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html
    # The letter's text is there as text (marks and remark numbers around flagged signs cut it).
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert "<script>alert(2)</script>" in re.sub(r"\[remarque \d+\s\w+\]", "", text)
    assert "&lt;b&gt;service" in html


def test_the_chart_shows_every_count_as_text() -> None:
    bands = [
        {"from": i * 10, "to": i * 10 + 10, "count": count, "label": "x"}
        for i, count in enumerate([0, 3, 7, 0, 1, 0, 0, 0, 0, 12])
    ]
    svg = str(histogram_svg(bands))
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg
    counts = re.findall(r'font-size="14">(\d+)</text>', svg)
    assert [int(c) for c in counts] == [0, 3, 7, 0, 1, 0, 0, 0, 0, 12]
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert heights[9] == max(heights) and heights[0] == 0  # bars in proportion
    assert heights[2] > heights[1] > heights[4] > 0


def test_reports_are_written_whole_and_json_always(tmp_path: Path) -> None:
    run = run_audit([str(make_templates(tmp_path))])
    summary = summarise(run, fail_under=50)
    out = tmp_path / "rapport"
    written = write_report(summary, out, "csv", {})
    assert [p.name for p in written] == ["audit.csv", "audit.json"]
    assert sorted(p.name for p in out.iterdir()) == ["audit.csv", "audit.json"]  # no leftovers
    assert json.loads((out / "audit.json").read_text(encoding="utf-8")) == summary
    sarif = json.loads(render(summary, "sarif"))
    rules = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    below = summary["gate"]["below"]
    assert below and "AUDIT-SCORE" in rules
    scored = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "AUDIT-SCORE"]
    assert len(scored) == len(below)
