"""The report for a person: the letter with flagged passages marked, then what to change."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from simplify.analysis import Report
from simplify.rules.model import Category, Finding, Severity

_STYLE = {
    Severity.INFO: "underline cyan",
    Severity.WARNING: "bold yellow",
    Severity.ERROR: "bold red",
}
_SEVERITY_FR = {
    Severity.INFO: "conseil",
    Severity.WARNING: "à revoir",
    Severity.ERROR: "à corriger",
}
_WIDE = frozenset({Category.LONG_SENTENCE, Category.ENUMERATION, Category.STRUCTURE})


def _number(value: float | None, digits: int = 1, suffix: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}".replace(".", ",") + suffix


def render_report(report: Report, name: str, console: Console) -> None:
    """Print the report; colours when the console is a terminal, plain text otherwise."""
    m = report.metrics
    marked = [f for f in report.findings if f.category not in _WIDE and f.end > f.start]
    numbers = {id(f): i + 1 for i, f in enumerate(report.findings)}
    letter = Text(report.text)
    for finding in marked:
        letter.stylize(_STYLE[finding.severity], finding.start, finding.end)
    # Insert the finding numbers from the end so earlier offsets stay valid.
    for finding in sorted(marked, key=lambda f: f.end, reverse=True):
        letter = (
            letter[: finding.end]
            + Text(f"[{numbers[id(finding)]}]", style="dim")
            + letter[finding.end :]
        )
    score = f"{_number(report.score, 0)}/100" if report.score is not None else "—"
    header = Text.assemble(
        (f"{name}", "bold"),
        f" — profil {report.profile.label}\n",
        ("Score de clarté : ", "bold"),
        (f"{score} ({report.label or 'non calculé'})", "bold magenta"),
        f"\n{report.label_meaning or ''}\n",
        f"{m.words} mots · {m.sentences} phrases · {_number(m.mean_sentence_words)} mots par "
        f"phrase (max {m.max_sentence_words}) · Kandel–Moles {_number(m.kandel_moles)} · "
        f"LIX {_number(m.lix)} · mots rares {_number((m.rare_word_share or 0) * 100, 0, ' %')}",
    )
    console.print(Panel(header, expand=False))
    console.print(letter)
    console.print()
    console.print(Text(f"Remarques ({len(report.findings)})", style="bold"))
    for finding in report.findings:
        console.print(_finding_text(report, finding, numbers[id(finding)]))


def _finding_text(report: Report, finding: Finding, number: int) -> Group:
    line = report.text.count("\n", 0, finding.start) + 1
    where = "toute la lettre" if finding.scope == "document" else f"ligne {line}"
    head = Text.assemble(
        (f"[{number}] ", "dim"),
        (f"{where} · {finding.category.label} · ", ""),
        (_SEVERITY_FR[finding.severity], _STYLE[finding.severity]),
        (f" · {finding.rule}", "dim"),
    )
    body = Text("    " + finding.message)
    parts = [head, body]
    replacements = [s.replacement for s in finding.suggestions if s.replacement]
    if replacements:
        parts.append(Text("    → " + " | ".join(replacements), style="green"))
    else:
        advice = [s.explanation for s in finding.suggestions if not s.edits]
        if advice:
            parts.append(Text("    → " + advice[0], style="green"))
    return Group(*parts)
