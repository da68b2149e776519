"""The `simplify` command: analyse letters, list rules, explain a rule."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console

from simplify.version import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
SEVERITIES = ("info", "warning", "error")


def _fail(message: str) -> NoReturn:
    click.echo(f"simplify : {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="simplify")
def cli() -> None:
    """Rendre les lettres administratives compréhensibles (langage clair, FALC)."""


def _rule_set(rule_dirs: Sequence[str]) -> Any:
    from simplify.rules.registry import load_builtin, load_rule_set
    from simplify.rules.yamlsource import PackError

    try:
        if rule_dirs:
            return load_rule_set(tuple(Path(d) for d in rule_dirs))
        return load_builtin()
    except PackError as error:
        _fail(f"règles invalides : {error}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--profile",
    type=click.Choice(["clair", "falc"]),
    default="clair",
    show_default=True,
    help="Profil : langage clair ou FALC.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "languagetool", "sarif"]),
    default="text",
    show_default=True,
    help="Format de sortie.",
)
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    metavar="DIR",
    help="Dossier de règles YAML à ajouter (répétable).",
)
@click.option(
    "--disable",
    "disabled",
    multiple=True,
    metavar="RÈGLE",
    help="Désactiver une règle (identifiant ou nom, répétable).",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Code de sortie 1 s'il y a une remarque de cette gravité ou plus.",
)
def analyse(
    paths: tuple[str, ...],
    profile: str,
    output_format: str,
    rule_dirs: tuple[str, ...],
    disabled: tuple[str, ...],
    fail_on: str | None,
) -> None:
    """Analyser une ou plusieurs lettres (PATH, ou - pour l'entrée standard)."""
    from simplify.analysis import analyse as run_analysis
    from simplify.inputs import InputError, read_input
    from simplify.nlp import ModelMissingError
    from simplify.rules.model import Severity

    rules = _rule_set(rule_dirs)
    unknown = [key for key in disabled if rules.find(key) is None]
    if unknown:
        _fail(f"règle inconnue : {unknown[0]} (voir `simplify rules`)")
    try:
        letters = [read_input(path) for path in paths]
    except InputError as error:
        _fail(str(error))
    reports = []
    try:
        for letter in letters:
            reports.append(
                (
                    letter.name,
                    run_analysis(
                        letter.text,
                        profile=profile,
                        rules=rules,
                        disabled=disabled,
                        markdown=letter.markdown,
                    ),
                )
            )
    except ModelMissingError as error:
        _fail(str(error))
    _print(reports, output_format, rules)
    if fail_on is not None:
        threshold = Severity(fail_on).rank
        if any(f.severity.rank >= threshold for _, r in reports for f in r.findings):
            sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("path")
@click.option(
    "--profile",
    type=click.Choice(["clair", "falc"]),
    default="clair",
    show_default=True,
    help="Profil : langage clair ou FALC.",
)
@click.option(
    "--only",
    type=click.Choice(["safe", "all"]),
    default="safe",
    show_default=True,
    help="Appliquer les propositions sûres seulement, ou toutes.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "diff"]),
    default="text",
    show_default=True,
    help="Format de sortie.",
)
@click.option(
    "--rounds",
    type=click.IntRange(1, 5),
    default=2,
    show_default=True,
    help="Passes de réécriture (chaque passe repart du texte réécrit).",
)
@click.option("--rules", "rule_dirs", multiple=True, metavar="DIR")
def rewrite(
    path: str,
    profile: str,
    only: str,
    output_format: str,
    rounds: int,
    rule_dirs: tuple[str, ...],
) -> None:
    """Réécrire une lettre (PATH, ou - pour l'entrée standard) en gardant tous les faits."""
    from simplify.inputs import InputError, read_input
    from simplify.nlp import ModelMissingError
    from simplify.output.revision import render_revision
    from simplify.rewrite.planner import rewrite as run_rewrite

    rules = _rule_set(rule_dirs)
    try:
        letter = read_input(path)
        revision = run_rewrite(
            letter.text,
            profile=profile,
            only=only,
            rules=rules,
            markdown=letter.markdown,
            rounds=rounds,
        )
    except InputError as error:
        _fail(str(error))
    except ModelMissingError as error:
        _fail(str(error))
    render_revision(revision, letter.name, output_format)


def _print(reports: list[tuple[str, Any]], output_format: str, rules: Any) -> None:
    if output_format == "text":
        from simplify.output.text import render_report

        console = Console(highlight=False, soft_wrap=True)
        for index, (name, report) in enumerate(reports):
            if index:
                console.print()
            render_report(report, name, console)
        return
    payload: Any
    if output_format == "json":
        from simplify.output.json import report_dict

        items = [report_dict(report, name) for name, report in reports]
        payload = items[0] if len(items) == 1 else items
    elif output_format == "languagetool":
        from simplify.output.languagetool import languagetool_dict

        items = [languagetool_dict(report) for _, report in reports]
        payload = items[0] if len(items) == 1 else items
    else:
        from simplify.output.sarif import sarif_dict

        payload = sarif_dict(reports, rules)
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


@cli.command(name="rules")
@click.option(
    "--profile",
    type=click.Choice(["clair", "falc"]),
    default=None,
    help="N'afficher que les règles actives pour ce profil.",
)
@click.option("--rules", "rule_dirs", multiple=True, metavar="DIR")
def list_rules(profile: str | None, rule_dirs: tuple[str, ...]) -> None:
    """Lister les règles."""
    rules = _rule_set(rule_dirs)
    shown = rules.active(rules.profile(profile)) if profile else rules.rules
    for rule in sorted(shown, key=lambda r: r.spec.id):
        spec = rule.spec
        click.echo(f"{spec.id:8} {spec.name:32} {spec.category.value:15} {spec.severity.value:8}")
    click.echo(
        f"\n{len(shown)} règles · lexique : {len(rules.resources.jargon)} termes · "
        f"sigles : {len(rules.resources.acronyms)}"
    )


@cli.command()
@click.argument("rule")
@click.option("--rules", "rule_dirs", multiple=True, metavar="DIR")
def explain(rule: str, rule_dirs: tuple[str, ...]) -> None:
    """Expliquer une règle (identifiant ou nom), avec ses exemples."""
    from simplify.rules.docs import rule_documentation

    rules = _rule_set(rule_dirs)
    found = rules.find(rule)
    if found is None:
        _fail(f"règle inconnue : {rule} (voir `simplify rules`)")
    click.echo(rule_documentation(found.spec, rules))


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: never a traceback; a one-line reason and an exit code instead."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="simplify",
            standalone_mode=True,
        )
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("simplify : interrompu", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as error:
        click.echo(
            f"simplify : erreur interne ({type(error).__name__}: {error}) ; merci de la "
            f"signaler avec le fichier qui la provoque",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
