"""The audit report opened in a real headless Chromium: readable offline, accessible, narrow."""

from __future__ import annotations

from pathlib import Path

from audit_fixtures import make_templates
from conftest import CHROMIUM_FLAGS, axe_violations, chromium, no_horizontal_scroll

from simplify.audit.aggregate import summarise
from simplify.audit.render import write_report
from simplify.audit.run import run_audit


def test_the_html_report_is_accessible_offline_and_fits_narrow_screens(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    root = make_templates(tmp_path)
    run = run_audit([str(root)])
    first = summarise(run)
    summary = summarise(run, previous=first, fail_under=60)  # every section shown
    annotated = {r["name"]: r["annotated"] for r in run.results if "annotated" in r}
    report = write_report(summary, tmp_path / "rapport", "html", annotated)[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(locale="fr-FR", offline=True)
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(report.as_uri())
            page.locator("details").first.evaluate("d => d.open = true")
            assert axe_violations(page) == []
            assert [url for url in requests if not url.startswith("file:")] == []
            page.set_viewport_size({"width": 320, "height": 800})
            assert no_horizontal_scroll(page)
            assert page.locator("svg[role=img] > title").count() == 1
        finally:
            browser.close()
