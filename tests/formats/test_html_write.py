"""HTML pages of a letter and of its analysis: escaped, balanced, accessible, offsets exact."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from simplify.analysis import Report
from simplify.document import BlockKind
from simplify.formats.html_write import (
    BASE_CSS,
    CONTRAST_PAIRS,
    PALETTE,
    REPORT_CSS,
    SAFETY_LABELS,
    SEVERITY_LABELS,
    letter_html,
    report_fragment,
    report_html,
)
from simplify.rules.model import Finding, Safety
from simplify.rules.registry import RuleSet
from simplify.shape import Shape, Zone

LETTER = (
    "Mairie de Lyon\n1 place de la Comédie\n\n"
    "Objet : votre dossier <script>alert('x')</script> & suite\n\n"
    "Madame, Monsieur,\n\n"
    "Nonobstant les dispositions afférentes à votre dossier, il vous appartient de transmettre "
    "à la CAF les pièces justificatives nécessaires à l'instruction de votre demande, faute de "
    "quoi celle-ci ne pourra être examinée par la commission compétente qui se réunira "
    "prochainement dans les locaux de la mairie.\n\n"
    "• votre avis d'imposition ;\n• un relevé d'identité bancaire.\n\n"
    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.\n"
)

_VOID = {"br", "meta", "link", "img", "hr", "input", "wbr"}


class _Page(HTMLParser):
    """A strict reading of a page we wrote: every tag closed in order, ids and links,
    marks with their text, and the text of each element kind."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.marks: list[dict[str, str]] = []
        self.texts: dict[str, list[str]] = {}
        self._mark: dict[str, str] | None = None
        self._capture: list[tuple[str, list[str]]] = []
        self.feed(page)
        self.close()
        if self.open:
            self.errors.append(f"not closed: {self.open}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if "href" in attributes:
            self.hrefs.append(attributes["href"])
        if tag == "mark":
            self._mark = {**attributes, "text": ""}
        if tag not in _VOID:
            self.open.append(tag)
            self._capture.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()
        name, parts = self._capture.pop()
        self.texts.setdefault(name, []).append("".join(parts))
        if tag == "mark" and self._mark is not None:
            self.marks.append(self._mark)
            self._mark = None

    def handle_data(self, data: str) -> None:
        for _, parts in self._capture:
            parts.append(data)
        if self._mark is not None:
            self._mark["text"] += data


@pytest.fixture(scope="module")
def report(run: Callable[..., Report]) -> Report:
    return run(LETTER)


@pytest.fixture(scope="module")
def page(report: Report, rules: RuleSet) -> _Page:
    return _Page(report_html(report, title="Analyse de <lettre> & co", rules=rules))


def _numbers(report: Report) -> dict[int, int]:
    """The number each finding gets: whole-letter remarks first, then in text order."""
    ordered = [f for f in report.findings if f.scope == "document"]
    ordered += [f for f in report.findings if f.scope != "document"]
    return {id(f): i + 1 for i, f in enumerate(ordered)}


def test_html_write_letter_under_analysis_has_what_the_tests_need(report: Report) -> None:
    rules = {f.rule for f in report.findings}
    categories = {f.category.value for f in report.findings}
    assert {"jargon", "long-sentence", "acronym"} <= categories
    assert "JAR-001" in rules and any(f.scope == "document" for f in report.findings)


def test_html_write_report_page_is_balanced_french_html(page: _Page) -> None:
    assert page.errors == []
    assert page.tags[:4] == ["html", "head", "meta", "meta"]
    assert page.texts["title"] == ["Analyse de <lettre> & co"]
    assert page.texts["h1"] == ["Analyse de <lettre> & co"]
    assert "script" not in page.tags


def test_html_write_report_page_declares_language_charset_and_viewport(
    report: Report, rules: RuleSet
) -> None:
    text = report_html(report, title="Analyse", rules=rules)
    assert text.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert '<meta charset="utf-8">' in text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert "<script" not in text  # works without JavaScript: there is none


def test_html_write_letter_text_is_escaped_and_stays_text(report: Report) -> None:
    annotated = report_fragment(report)
    assert "<script" not in annotated and "</script" not in annotated
    without_numbers = re.sub(r'<a class="ref"[^>]*>.*?</a>', "", annotated)
    shown = "\n".join(_Page(without_numbers).texts["p"])
    assert "Objet : votre dossier <script>alert('x')</script> & suite" in shown


def test_html_write_marks_wrap_exactly_the_finding_spans(report: Report, page: _Page) -> None:
    text = report.text
    numbers = _numbers(report)
    covered: dict[int, set[int]] = {}
    previous_end = -1
    for mark in page.marks:
        start, end = int(mark["data-start"]), int(mark["data-end"])
        assert mark["text"] == text[start:end]
        assert start >= previous_end  # pieces are cut at every boundary: they never overlap
        previous_end = end
        for named in mark["data-remarks"].split():
            covered.setdefault(int(named), set()).update(range(start, end))
    for finding in report.findings:
        number = numbers[id(finding)]
        if finding.scope == "document" or finding.end == finding.start:
            assert number not in covered
            continue
        expected = {i for i in range(finding.start, finding.end) if text[i] not in "\r\n"}
        assert covered[number] == expected, finding.rule


def test_html_write_overlapping_findings_are_cut_and_both_named(page: _Page) -> None:
    shared = [m for m in page.marks if len(m["data-remarks"].split()) > 1]
    assert shared, "the long sentence holds jargon: some pieces belong to two remarks"
    assert all("overlap" in m["class"] for m in shared)
    assert any(m["text"] == "afférentes" for m in shared)


def test_html_write_every_finding_is_listed_with_its_explanation(
    report: Report, page: _Page, rules: RuleSet
) -> None:
    text = report_html(report, title="Analyse", rules=rules)
    numbers = _numbers(report)
    remarks = [i for i in page.ids if i.startswith("remark-")]
    assert remarks == [f"remark-{n}" for n in range(1, len(report.findings) + 1)]
    items = {f"remark-{n}" for n in numbers.values()}
    assert items == set(remarks)
    for finding in report.findings:
        assert finding.category.label in text
        rule = rules.find(finding.rule)
        assert rule is not None
        assert rule.spec.why.replace("&", "&amp;").replace("<", "&lt;") in text
    shown = " ".join(page.texts["li"])
    for finding in report.findings:
        assert finding.message in shown
        assert SEVERITY_LABELS[finding.severity] in shown


def test_html_write_whole_letter_remarks_come_first(report: Report, page: _Page) -> None:
    whole = [f for f in report.findings if f.scope == "document"]
    assert whole
    first = page.texts["ul"][0] if page.texts.get("ul") else ""
    for number, finding in enumerate(whole, start=1):
        assert f"[{number}] {finding.category.label}" in first


def test_html_write_suggestions_show_replacement_and_safety(report: Report, page: _Page) -> None:
    shown = " ".join(page.texts["li"])
    acronym = next(f for f in report.findings if f.category.value == "acronym")
    suggestion = acronym.suggestions[0]
    assert suggestion.replacement is not None
    assert (
        f"Remplacer par « {suggestion.replacement} » ({SAFETY_LABELS[suggestion.safety]})" in shown
    )
    advice = next(f for f in report.findings if f.category.value == "long-sentence")
    assert advice.suggestions[0].safety is Safety.DISPLAY_ONLY
    assert SAFETY_LABELS[Safety.DISPLAY_ONLY] in shown


def test_html_write_anchors_resolve_both_ways(report: Report, page: _Page) -> None:
    assert len(page.ids) == len(set(page.ids))
    targets = {href[1:] for href in page.hrefs if href.startswith("#")}
    assert targets <= set(page.ids)
    for number in range(1, len(report.findings) + 1):
        assert f"#remark-{number}" in page.hrefs and f"ref-{number}" in page.ids
        assert f"#ref-{number}" in page.hrefs and f"remark-{number}" in page.ids


def test_html_write_metrics_are_named_in_french(report: Report, page: _Page) -> None:
    terms = page.texts["dt"]
    for term in ("Score de clarté", "Mots par phrase", "Kandel–Moles", "LIX", "Mots rares"):
        assert term in terms
    values = dict(zip(terms, page.texts["dd"], strict=True))
    kandel = report.metrics.kandel_moles
    assert kandel is not None
    assert values["Kandel–Moles"].startswith(f"{kandel:.1f}".replace(".", ","))
    assert values["Mots"] == str(report.metrics.words)
    assert values["Remarques"].startswith(str(len(report.findings)))


def test_html_write_without_rules_omits_the_why(report: Report) -> None:
    text = report_fragment(report)
    assert "Pourquoi :" not in text
    assert "Remarques (" in text


def test_html_write_fragment_is_one_section(report: Report) -> None:
    fragment = report_fragment(report)
    parsed = _Page(fragment)
    assert parsed.errors == []
    assert parsed.tags[0] == "section" and fragment.rstrip().endswith("</section>")
    assert not {"html", "head", "body", "style", "h1"} & set(parsed.tags)


def test_html_write_report_without_findings_says_so(report: Report) -> None:
    clean = dataclasses.replace(report, findings=[])
    parsed = _Page(report_fragment(clean))
    assert parsed.errors == [] and parsed.marks == []
    assert any("Aucune remarque" in p for p in parsed.texts["p"])


def test_html_write_empty_span_finding_gets_a_number_but_no_mark(report: Report) -> None:
    position = report.text.index("Madame")
    empty = Finding("TEST-001", "vide", report.findings[0].category, report.findings[0].severity,
                    position, position, "", "Il manque quelque chose ici.")  # fmt: skip
    parsed = _Page(report_fragment(dataclasses.replace(report, findings=[empty])))
    assert parsed.errors == [] and parsed.marks == []
    assert "ref-1" in parsed.ids and "#remark-1" in parsed.hrefs


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(foreground: str, background: str) -> float:
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_html_write_contrast_formula_matches_known_values() -> None:
    assert _contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert _contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(("foreground", "background", "minimum", "what"), CONTRAST_PAIRS)
def test_html_write_colours_meet_wcag_aa(
    foreground: str, background: str, minimum: float, what: str
) -> None:
    ratio = _contrast(PALETTE[foreground], PALETTE[background])
    assert ratio >= minimum >= 3.0, f"{what}: {ratio:.2f}"
    if foreground in {"text", "muted", "link"}:
        assert minimum >= 4.5


def test_html_write_stylesheet_uses_only_checked_colours() -> None:
    used = set(re.findall(r"#[0-9a-fA-F]{6}\b", BASE_CSS + REPORT_CSS))
    assert used <= set(PALETTE.values())
    checked = {PALETTE[name] for pair in CONTRAST_PAIRS for name in pair[:2]}
    assert used <= checked


def test_html_write_stylesheet_is_readable_focusable_and_printable() -> None:
    assert "font-size: 1.25rem" in BASE_CSS and "line-height: 1.5" in BASE_CSS
    assert "max-width: 70ch" in BASE_CSS and "text-align: left" in BASE_CSS
    assert "sans-serif" in BASE_CSS
    assert re.search(r"a:focus-visible \{ outline: 3px solid", BASE_CSS)
    assert "@media print" in BASE_CSS and "@media print" in REPORT_CSS
    assert "font-size: 14pt" in BASE_CSS


def test_html_write_letter_page_structure() -> None:
    text = (
        "Mairie de Lyon\n1 place de la Comédie\n\nVotre demande\n\nMadame,\n\n"
        "Texte <script>alert(1)</script> & fin.\n\n"
        "• un\n\n• deux\n\n3. trois\n\n4. quatre\n\n- tiret\n\nCordialement.\n\nPied de page"
    )
    shape = Shape(
        zones=(
            Zone(0, text.index("\n\nVotre"), BlockKind.HEADER),
            Zone(text.index("Votre"), text.index("\n\nMadame"), BlockKind.HEADING),
            Zone(text.index("Pied"), len(text), BlockKind.HEADER),
        )
    )
    page = letter_html(text, title="Lettre <simplifiée>", shape=shape)
    parsed = _Page(page)
    assert parsed.errors == []
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert (
        "<script>" not in page and "Texte &lt;script&gt;alert(1)&lt;/script&gt; &amp; fin." in page
    )
    assert parsed.texts["h2"] == ["Votre demande"]
    assert parsed.texts["header"] == ["\nMairie de Lyon\n1 place de la Comédie\n"]
    assert parsed.texts["footer"] == ["\nPied de page\n"]
    assert parsed.texts["li"] == ["un", "deux", "trois", "quatre", "tiret"]
    assert '<ol start="3">' in page and parsed.tags.count("ul") == 2
    assert "<p>Mairie de Lyon<br>\n1 place de la Comédie</p>" in page


def test_html_write_letter_page_without_shape_has_paragraphs_only() -> None:
    page = letter_html("Titre\n\nTexte.\n\n1. un\n2. deux\n5. cinq", title="Lettre")
    parsed = _Page(page)
    assert parsed.errors == []
    assert "h2" not in parsed.tags and "header" not in parsed.tags
    assert '<li value="5">cinq</li>' in page
    assert parsed.texts["p"] == ["Titre", "Texte."]


def test_html_write_every_category_has_a_tag() -> None:
    from simplify.formats.html_write import CATEGORY_TAGS
    from simplify.rules.model import Category

    assert set(CATEGORY_TAGS) == set(Category)
    assert len(set(CATEGORY_TAGS.values())) == len(CATEGORY_TAGS)
