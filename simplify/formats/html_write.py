"""Write a letter, or its analysis, as an accessible HTML page: no script, printable.

Pages are built with `html.escape` and small functions (the engine does not use jinja2).
`report_fragment` gives the analysis as one `<section>` that the web app embeds in its own
layout with `REPORT_CSS`; `report_html` and `letter_html` give standalone pages.

Colours are chosen for WCAG AA: every text colour has a contrast ratio of at least 4.5 with
the background it sits on, focus outlines and mark underlines at least 3 (`CONTRAST_PAIRS`,
checked by the tests). Nothing is said by colour alone: each flagged passage is followed by
its number, and severities are written out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from string import Template

from simplify.analysis import Report
from simplify.formats.text_write import LetterLine, letter_lines
from simplify.rules.model import Category, Finding, Safety, Severity, Suggestion
from simplify.rules.registry import RuleSet
from simplify.shape import Shape

# The words of the terminal report (output/text.py) and of `simplify explain` (rules/docs.py).
SEVERITY_LABELS: dict[Severity, str] = {
    Severity.ERROR: "à corriger",
    Severity.WARNING: "à revoir",
    Severity.INFO: "conseil",
}
SAFETY_LABELS: dict[Safety, str] = {
    Safety.SAFE: "proposition sûre : le sens ne change pas",
    Safety.UNSAFE: "proposition à confirmer : relisez-la avant de l'accepter",
    Safety.DISPLAY_ONLY: "conseil : pas de texte proposé",
}
# A short word after each flagged passage says its category, so that categories are told by
# text and not by colour alone.
CATEGORY_TAGS: dict[Category, str] = {
    Category.JARGON: "mot",
    Category.LONG_SENTENCE: "long",
    Category.PASSIVE: "passif",
    Category.NEGATION: "négation",
    Category.IMPERSONAL: "impersonnel",
    Category.ACRONYM: "sigle",
    Category.NOMINALISATION: "nom",
    Category.FORMULA: "formule",
    Category.NUMBER: "nombre",
    Category.DATE: "date",
    Category.PUNCTUATION: "signe",
    Category.CAPITALS: "majuscule",
    Category.TENSE: "temps",
    Category.ADDRESS: "3e personne",
    Category.ENUMERATION: "liste",
    Category.STRUCTURE: "structure",
    Category.LAYOUT: "mise en page",
}
# Findings about whole sentences or lists: shown lightly so the words inside stay readable.
_WIDE = frozenset({Category.LONG_SENTENCE, Category.ENUMERATION, Category.STRUCTURE})
_QUOTE_LIMIT = 160  # characters of a flagged passage quoted in its remark

PALETTE: dict[str, str] = {
    "text": "#1a1a1a",
    "muted": "#4a4a4a",
    "background": "#ffffff",
    "panel": "#f3f4f6",
    "link": "#0b4f9c",
    "focus": "#c2410c",
    "rule": "#767676",
    "error-bg": "#ffe1e1",
    "error-line": "#b00020",
    "warning-bg": "#fff1b8",
    "warning-line": "#7a5900",
    "info-bg": "#e1ecff",
    "info-line": "#1d4ed8",
    "wide-bg": "#ececec",
    "wide-line": "#595959",
}
# (foreground, background, minimum ratio, what): 4.5 for text (WCAG 1.4.3), 3 for focus
# outlines, borders and underlines that carry meaning (WCAG 1.4.11).
CONTRAST_PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("text", "background", 4.5, "texte"),
    ("muted", "background", 4.5, "texte secondaire"),
    ("text", "panel", 4.5, "texte des encadrés"),
    ("muted", "panel", 4.5, "texte secondaire des encadrés"),
    ("link", "background", 4.5, "liens"),
    ("link", "panel", 4.5, "liens des encadrés"),
    ("text", "error-bg", 4.5, "passage à corriger"),
    ("text", "warning-bg", 4.5, "passage à revoir"),
    ("text", "info-bg", 4.5, "passage à conseil"),
    ("text", "wide-bg", 4.5, "phrase longue"),
    ("error-line", "error-bg", 3.0, "soulignement à corriger"),
    ("warning-line", "warning-bg", 3.0, "soulignement à revoir"),
    ("info-line", "info-bg", 3.0, "soulignement conseil"),
    ("wide-line", "wide-bg", 3.0, "soulignement phrase longue"),
    ("focus", "background", 3.0, "contour du focus"),
    ("focus", "panel", 3.0, "contour du focus sur encadré"),
    ("focus", "error-bg", 3.0, "contour du focus sur passage"),
    ("focus", "warning-bg", 3.0, "contour du focus sur passage"),
    ("focus", "info-bg", 3.0, "contour du focus sur passage"),
    ("rule", "background", 3.0, "filets de séparation"),
)

_BASE_CSS = Template("""\
:root { color-scheme: light; }
html { background: $background; color: $text; }
body {
  margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 70ch;
  font-family: Arial, "Helvetica Neue", Helvetica, "Liberation Sans", sans-serif;
  font-size: 1.25rem; line-height: 1.5; text-align: left;
  overflow-wrap: break-word; hyphens: none;
}
h1, h2, h3, h4 { line-height: 1.25; margin: 1.5em 0 0.5em; }
h1 { font-size: 1.6em; }
h2 { font-size: 1.3em; }
h3 { font-size: 1.15em; }
h4 { font-size: 1em; }
p, ul, ol, dl { margin: 0 0 1em; }
li { margin-bottom: 0.5em; }
a { color: $link; text-decoration: underline; text-underline-offset: 0.15em; }
a:focus, a:focus-visible { outline: 3px solid $focus; outline-offset: 2px; }
a:focus:not(:focus-visible) { outline: none; }
.sr-only {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}
.letter header { margin-bottom: 2em; }
.letter footer { margin-top: 2em; padding-top: 1em; border-top: 1px solid $rule; }
@media print {
  body { max-width: none; padding: 0; font-size: 14pt; }
  a { color: $text; }
  h1, h2, h3, h4 { break-after: avoid; }
  li, p { break-inside: avoid; }
}
""")

_REPORT_CSS = Template("""\
.simplify-report .help, .simplify-report .meta { color: $muted; }
.simplify-report dl.metrics { display: grid; grid-template-columns: max-content 1fr;
  gap: 0.25em 1em; }
.simplify-report dl.metrics dt { font-weight: bold; }
.simplify-report dl.metrics dd { margin: 0; }
.simplify-report .whole-letter, .simplify-report .annotated {
  background: $panel; padding: 1em; margin-bottom: 1.5em; border-left: 4px solid $rule;
}
.simplify-report .annotated { background: $background; border: 1px solid $rule; }
.simplify-report .annotated p { white-space: pre-wrap; }
.simplify-report mark {
  color: $text; padding: 0.05em 0; border-bottom: 2px dashed $warning_line;
  background: $warning_bg;
  -webkit-box-decoration-break: clone; box-decoration-break: clone;
}
.simplify-report mark.severity-error { background: $error_bg;
  border-bottom: 3px solid $error_line; }
.simplify-report mark.severity-warning { background: $warning_bg;
  border-bottom: 2px dashed $warning_line; }
.simplify-report mark.severity-info { background: $info_bg;
  border-bottom: 2px dotted $info_line; }
.simplify-report mark.wide { background: $wide_bg; border-bottom: 2px dotted $wide_line; }
.simplify-report mark.overlap { border-bottom-style: double; border-bottom-width: 4px; }
.simplify-report a.ref { font-size: 0.8em; font-weight: bold; padding: 0 0.1em;
  white-space: nowrap; }
.simplify-report .severity { font-weight: bold; padding: 0 0.3em; border: 1px solid; }
.simplify-report .severity-error { background: $error_bg; border-color: $error_line; }
.simplify-report .severity-warning { background: $warning_bg; border-color: $warning_line; }
.simplify-report .severity-info { background: $info_bg; border-color: $info_line; }
.simplify-report ol.findings > li { padding-bottom: 0.75em; border-bottom: 1px solid $rule; }
.simplify-report ol.findings p { margin: 0.25em 0; }
.simplify-report ol.findings ul { margin: 0.25em 0; }
.simplify-report blockquote { margin: 0.25em 0; padding-left: 0.75em;
  border-left: 3px solid $rule; }
@media print {
  .simplify-report mark, .simplify-report .severity {
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }
  .simplify-report a.back { display: none; }
  .simplify-report ol.findings > li { break-inside: avoid; }
}
""")


def _css(template: Template) -> str:
    return template.substitute({name.replace("-", "_"): value for name, value in PALETTE.items()})


BASE_CSS = _css(_BASE_CSS)
"""The stylesheet of the standalone pages."""
REPORT_CSS = _css(_REPORT_CSS)
"""The styles of `report_fragment`, for a page that embeds it (with its own base styles)."""


# --- the letter -----------------------------------------------------------------------------


def letter_html(text: str, *, title: str, shape: Shape | None = None) -> str:
    """The letter as a standalone page: lines become paragraphs (line breaks inside one kept),
    list lines become lists, heading zones `<h2>`, letterhead zones a `<header>` (a
    `<footer>` when they come after the body). `shape` must describe this text (for a
    rewritten letter, the original's shape moved with `Shape.moved`)."""
    body = _letter_body(letter_lines(text, shape))
    return _page(
        title,
        f'<main>\n<h1 class="sr-only">{_text(title)}</h1>\n'
        f'<article class="letter">\n{body}</article>\n</main>',
    )


@dataclass
class _Unit:
    """A paragraph, heading or list item of the letter: lines shown together."""

    kind: str  # "text", "heading" or "item"
    header: bool
    lines: list[LetterLine]


def _letter_units(lines: list[LetterLine]) -> list[_Unit]:
    units: list[_Unit] = []
    open_unit: _Unit | None = None
    for line in lines:
        if line.kind == "blank":
            open_unit = None
        elif (
            open_unit is not None
            and line.kind != "item"
            and (line.kind == "heading") == (open_unit.kind == "heading")
            and line.header == open_unit.header
        ):
            open_unit.lines.append(line)  # a line break inside a paragraph or an item
        else:
            open_unit = _Unit(line.kind, line.header, [line])
            units.append(open_unit)
    return units


def _letter_body(lines: list[LetterLine]) -> str:
    units = _letter_units(lines)
    out: list[str] = []
    seen_body = False
    index = 0
    while index < len(units):
        header = units[index].header
        end = index
        while end < len(units) and units[end].header == header:
            end += 1
        blocks = _blocks(units[index:end])
        if header:
            tag = "footer" if seen_body else "header"
            out.append(f"<{tag}>\n{blocks}</{tag}>\n")
        else:
            out.append(blocks)
            seen_body = True
        index = end
    return "".join(out)


def _blocks(units: list[_Unit]) -> str:
    """Paragraphs, headings and lists; list items of one kind in a row make one list."""
    out: list[str] = []
    open_list = ""  # "ul" or "ol" while a list is open
    expected = 0  # the number the next item of an open <ol> would show
    for unit in units:
        first = unit.lines[0]
        kind = "" if unit.kind != "item" else ("ol" if first.number is not None else "ul")
        if open_list and kind != open_list:
            out.append(f"</{open_list}>\n")
            open_list = ""
        if unit.kind == "item":
            content = "<br>\n".join(
                [_text(first.content.strip()), *(_text(x.text.strip()) for x in unit.lines[1:])]
            )
            value = ""
            if not open_list:
                start = first.number if first.number is not None else 1
                attribute = f' start="{start}"' if kind == "ol" and start != 1 else ""
                out.append(f"<{kind}{attribute}>\n")
                open_list, expected = kind, start
            elif first.number is not None and first.number != expected:
                value = f' value="{first.number}"'
            expected = (first.number if first.number is not None else expected) + 1
            out.append(f"<li{value}>{content}</li>\n")
            continue
        content = "<br>\n".join(_text(line.text.strip()) for line in unit.lines)
        tag = "h2" if unit.kind == "heading" else "p"
        out.append(f"<{tag}>{content}</{tag}>\n")
    if open_list:
        out.append(f"</{open_list}>\n")
    return "".join(out)


# --- the report -----------------------------------------------------------------------------


def report_html(report: Report, *, title: str, rules: RuleSet | None = None) -> str:
    """The analysis as a standalone page: metrics, the letter with its flagged passages
    marked and numbered, and the numbered remarks (with each rule's explanation when
    `rules` is given)."""
    fragment = report_fragment(report, rules)
    return _page(title, f"<main>\n<h1>{_text(title)}</h1>\n{fragment}</main>", REPORT_CSS)


def remark_order(report: Report) -> list[Finding]:
    """The findings in the order of their remark numbers (1, 2, ...): remarks about the whole
    letter first, then the others in text order."""
    ordered = [f for f in report.findings if f.scope == "document"]
    return ordered + [f for f in report.findings if f.scope != "document"]


def annotated_letter(report: Report) -> str:
    """The letter with its flagged passages marked, each followed by its remark number and
    category tag (`ref-N` links to `remark-N`), and the remarks about the whole letter."""
    ordered = remark_order(report)
    numbers = {id(finding): index + 1 for index, finding in enumerate(ordered)}
    return _whole_letter(ordered, numbers) + _annotated(report, ordered, numbers)


def report_fragment(report: Report, rules: RuleSet | None = None) -> str:
    """The analysis as one `<section>` (headings from `<h2>`), to embed in a page that
    includes `REPORT_CSS`. Element ids: `remark-N` for remark N, `ref-N` for its mark."""
    ordered = remark_order(report)
    numbers = {id(finding): index + 1 for index, finding in enumerate(ordered)}
    parts = [
        '<section class="simplify-report" aria-labelledby="report-title">\n',
        '<h2 id="report-title">Analyse de la lisibilité</h2>\n',
        _metrics(report),
        '<h3 id="annotated-letter">La lettre et ses passages signalés</h3>\n',
        '<p class="help">Chaque passage signalé est surligné et suivi du numéro de sa '
        "remarque entre crochets ; le numéro mène à la remarque, qui ramène au passage.</p>\n",
        _whole_letter(ordered, numbers),
        _annotated(report, ordered, numbers),
        f'<h3 id="remarks">Remarques ({len(ordered)})</h3>\n',
        _remarks(report, ordered, numbers, rules),
        "</section>\n",
    ]
    return "".join(parts)


def _metrics(report: Report) -> str:
    m = report.metrics
    score = (
        f"{french_number(report.score, 0)}/100 ({_text(report.label or '')})"
        if report.score is not None
        else "non calculé (pas assez de texte)"
    )
    rows = [("Score de clarté", score)]
    if report.label_meaning:
        rows.append(("Ce que cela veut dire", _text(report.label_meaning)))
    rows += [
        ("Profil", _text(report.profile.label)),
        ("Mots", str(m.words)),
        ("Phrases", str(m.sentences)),
        (
            "Mots par phrase",
            f"{french_number(m.mean_sentence_words)} en moyenne, {m.max_sentence_words} pour la "
            f"plus longue",
        ),
        ("Phrases longues", _percent(m.long_sentence_share)),
        ("Mots rares", _percent(m.rare_word_share)),
        ("Syllabes par mot", french_number(m.syllables_per_word, 2)),
        (
            "Kandel–Moles",
            f"{french_number(m.kandel_moles)} (plus le nombre est haut, plus c'est facile)",
        ),
        ("LIX", f"{french_number(m.lix)} (plus le nombre est bas, plus c'est facile)"),
    ]
    parts = report.score_parts
    if parts is not None:
        detail = (
            f"facilité de lecture {french_number(parts.reading_ease, 0)}/100, "
            f"phrases {french_number(parts.sentences, 0)}/100, "
            f"vocabulaire {french_number(parts.vocabulary, 0)}/100, "
            f"remarques {french_number(parts.findings, 0)}/100"
        )
        rows.insert(2 if report.label_meaning else 1, ("Détail du score", detail))
    counts = dict.fromkeys(SEVERITY_LABELS, 0)
    for finding in report.findings:
        counts[finding.severity] += 1
    summary = ", ".join(
        f"{counts[s]} {SEVERITY_LABELS[s]}{'s' if s is Severity.INFO and counts[s] > 1 else ''}"
        for s in SEVERITY_LABELS
        if counts[s]
    )
    remarks = f"{len(report.findings)}" + (f" ({summary})" if summary else "")
    rows.append(("Remarques", remarks))
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>\n" for name, value in rows)
    return f'<h3 id="metrics">Résumé</h3>\n<dl class="metrics">\n{items}</dl>\n'


def _whole_letter(ordered: list[Finding], numbers: dict[int, int]) -> str:
    """Remarks about the whole letter: listed before it, since no passage can show them."""
    whole = [f for f in ordered if f.scope == "document"]
    if not whole:
        return ""
    items = "".join(
        f'<li id="ref-{numbers[id(f)]}"><a href="#remark-{numbers[id(f)]}">'
        f"[{numbers[id(f)]}] {_text(f.category.label)}</a> : {_text(f.message)}</li>\n"
        for f in whole
    )
    return (
        '<div class="whole-letter">\n<h4>Sur toute la lettre</h4>\n'
        f'<ul class="whole-letter-remarks">\n{items}</ul>\n</div>\n'
    )


def _annotated(report: Report, ordered: list[Finding], numbers: dict[int, int]) -> str:
    """The letter as analysed, cut at every finding boundary and every line break: each
    piece covered by findings is one `<mark>` naming them (data-remarks) and its offsets in
    the text (data-start, data-end); each finding's number follows its last character."""
    text = report.text
    spans = [f for f in ordered if f.scope != "document"]
    marked = [f for f in spans if f.end > f.start]
    lines = [line for line in letter_lines(text) if line.kind != "blank"]
    # Where each finding's number goes: right after its last character, or at the end of the
    # line before the break it ends in.
    refs: dict[int, list[Finding]] = {}
    starts = [line.start for line in lines]
    for finding in spans:
        position = finding.end if finding.end > finding.start else finding.start
        # The line a finding ends in: a break it ends with belongs to the line before.
        if finding.end > finding.start:
            line_index = max(0, bisect_left(starts, position) - 1)
        else:
            line_index = max(0, bisect_right(starts, position) - 1)
        if lines:
            position = max(lines[line_index].start, min(position, lines[line_index].end))
        refs.setdefault(position, []).append(finding)
    paragraphs: list[list[str]] = []
    previous_end = -1
    for line in lines:
        if previous_end < 0 or text.count("\n", previous_end, line.start) > 1:
            paragraphs.append([])
        paragraphs[-1].append(_annotated_line(text, line, marked, refs, numbers))
        previous_end = line.end
    body = "".join("<p>" + "<br>".join(p) + "</p>\n" for p in paragraphs)
    return f'<div class="annotated">\n{body}</div>\n'


def _annotated_line(
    text: str,
    line: LetterLine,
    marked: list[Finding],
    refs: dict[int, list[Finding]],
    numbers: dict[int, int],
) -> str:
    cuts = {line.start, line.end}
    for finding in marked:
        for position in (finding.start, finding.end):
            if line.start < position < line.end:
                cuts.add(position)
    cuts.update(p for p in refs if line.start <= p <= line.end)
    points = sorted(cuts)
    out = [_refs(refs.get(line.start, []), numbers)]
    for start, end in pairwise(points):
        piece = _text(text[start:end])
        covering = [f for f in marked if f.start <= start and end <= f.end]
        if covering:
            out.append(_mark(piece, start, end, covering, numbers))
        else:
            out.append(piece)
        out.append(_refs(refs.get(end, []), numbers))
    return "".join(out)


def _mark(
    piece: str, start: int, end: int, covering: list[Finding], numbers: dict[int, int]
) -> str:
    narrow = [f for f in covering if f.category not in _WIDE]
    classes = []
    if narrow:
        worst = max(narrow, key=lambda f: f.severity.rank).severity
        classes.append(f"severity-{worst.value}")
    else:
        classes.append("wide")
    if len(covering) > 1:
        classes.append("overlap")
    remarks = " ".join(str(numbers[id(f)]) for f in covering)
    categories = " ".join(sorted({f.category.value for f in covering}))
    return (
        f'<mark class="{" ".join(classes)}" data-remarks="{remarks}" '
        f'data-categories="{categories}" data-start="{start}" data-end="{end}">{piece}</mark>'
    )


def _refs(findings: Sequence[Finding], numbers: dict[int, int]) -> str:
    return "".join(
        f'<a class="ref" id="ref-{numbers[id(f)]}" href="#remark-{numbers[id(f)]}">'
        f'[<span class="sr-only">remarque </span>{numbers[id(f)]}\u00a0'
        f'<span class="tag">{CATEGORY_TAGS[f.category]}</span>]</a>'
        for f in findings
    )


def _remarks(
    report: Report, ordered: list[Finding], numbers: dict[int, int], rules: RuleSet | None
) -> str:
    if not ordered:
        return "<p>Aucune remarque : la lettre respecte toutes les règles du profil.</p>\n"
    items = "".join(_remark(report, f, numbers[id(f)], rules) for f in ordered)
    return f'<ol class="findings">\n{items}</ol>\n'


def _remark(report: Report, finding: Finding, number: int, rules: RuleSet | None) -> str:
    if finding.scope == "document":
        where = "toute la lettre"
    else:
        line = report.text.count("\n", 0, finding.start) + 1
        where = f"ligne {line}"
    severity = finding.severity
    out = [
        f'<li id="remark-{number}">\n',
        f"<p><strong>{_text(finding.category.label)}</strong> · "
        f'<span class="severity severity-{severity.value}">{SEVERITY_LABELS[severity]}</span>'
        f' · <span class="meta">{where} · règle {_text(finding.rule)}</span></p>\n',
    ]
    if finding.scope != "document" and finding.text.strip():
        out.append(f"<blockquote><p>{_text(_shorten(finding.text))}</p></blockquote>\n")
    out.append(f"<p>{_text(finding.message)}</p>\n")
    rule = rules.find(finding.rule) if rules is not None else None
    if rule is not None:
        out.append(f"<p><strong>Pourquoi :</strong> {_text(rule.spec.why)}</p>\n")
        if rule.spec.fix:
            out.append(f"<p><strong>Que faire :</strong> {_text(rule.spec.fix)}</p>\n")
    if finding.suggestions:
        suggestions = "".join(f"<li>{_suggestion(s)}</li>\n" for s in finding.suggestions)
        out.append(f'<ul class="suggestions">\n{suggestions}</ul>\n')
    back = (
        "Revenir à la liste au-dessus de la lettre"
        if finding.scope == "document"
        else ("Revenir au passage dans la lettre")
    )
    out.append(f'<p><a class="back" href="#ref-{number}">{back}</a></p>\n</li>\n')
    return "".join(out)


def _suggestion(suggestion: Suggestion) -> str:
    safety = _text(SAFETY_LABELS[suggestion.safety])
    explanation = _text(suggestion.explanation)
    if suggestion.replacement is not None:
        what = (
            f"Remplacer par « {_text(suggestion.replacement)} »"
            if suggestion.replacement
            else "Supprimer le passage"
        )
    elif suggestion.edits:
        what = "Modifier le passage"
    else:
        return f"{explanation} <em>({safety})</em>"
    detail = f"<br>{explanation}" if explanation else ""
    return f"{what} <em>({safety})</em>{detail}"


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _QUOTE_LIMIT else flat[: _QUOTE_LIMIT - 1].rstrip() + "…"


# --- shared -----------------------------------------------------------------------------------


def _page(title: str, body: str, extra_css: str = "") -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(title)}</title>\n"
        f"<style>\n{BASE_CSS}{extra_css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _text(text: str) -> str:
    """Text for an element's content (quotes need no escaping there, and French has many)."""
    return escape(text, quote=False)


def french_number(value: float | None, digits: int = 1) -> str:
    """A number as French readers write it: "1 323,5" (narrow no-break space, decimal
    comma); a dash when undefined."""
    if value is None:
        return "—"
    return f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{french_number(share * 100, 0)}\u00a0%"
