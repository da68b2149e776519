"""The `simplify` command: analyse letters, list rules, explain a rule."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console

from simplify.audit.command import audit
from simplify.options import profile_option
from simplify.rewrite import DEFAULT_ROUNDS
from simplify.version import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
SEVERITIES = ("info", "warning", "error")


def _fail(message: str) -> NoReturn:
    click.echo(f"simplify : {message}", err=True)
    sys.exit(EXIT_USAGE)


class _Commands(click.Group):
    """The built-in commands, and those other packages add through the `simplify.commands`
    entry points (the web service adds `serve` and `user`), loaded only when asked for:
    the engine itself never imports them."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *(e.name for e in _plugins())})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        for entry in _plugins():
            if entry.name == cmd_name:
                try:
                    loaded = entry.load()
                except ImportError as error:  # a plugin whose dependencies are missing
                    _fail(f"commande {cmd_name} indisponible ({error})")
                return loaded if isinstance(loaded, click.Command) else None
        return None


def _plugins() -> list[Any]:
    from importlib.metadata import entry_points

    return list(entry_points(group="simplify.commands"))


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
@profile_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "languagetool", "sarif", "html"]),
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
    from simplify.nlp import ModelMissingError
    from simplify.rules.model import Severity

    rules = _rule_set(rule_dirs)
    unknown = [key for key in disabled if rules.find(key) is None]
    if unknown:
        _fail(f"règle inconnue : {unknown[0]} (voir `simplify rules`)")
    letters = [_read_letter(path)[0] for path in paths]
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
                        shape=letter.shape,
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
@profile_option
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
    default=DEFAULT_ROUNDS,
    show_default=True,
    help="Passes de réécriture (chaque passe repart du texte réécrit).",
)
@click.option("--rules", "rule_dirs", multiple=True, metavar="DIR")
@click.option(
    "-o",
    "--output",
    metavar="FICHIER",
    default=None,
    help="Écrire la lettre réécrite dans ce fichier (.docx, .odt, .txt, .md, .html).",
)
@click.option(
    "--tracked/--clean",
    default=True,
    show_default=True,
    help="Word et ODF : modifications suivies avec commentaires, ou appliquées.",
)
@click.option(
    "--author",
    default="Simplify",
    show_default=True,
    help="Auteur des modifications suivies et des commentaires.",
)
@click.option("--force", is_flag=True, help="Remplacer le fichier de sortie s'il existe.")
def rewrite(
    path: str,
    profile: str,
    only: str,
    output_format: str,
    rounds: int,
    rule_dirs: tuple[str, ...],
    output: str | None,
    tracked: bool,
    author: str,
    force: bool,
) -> None:
    """Réécrire une lettre (PATH, ou - pour l'entrée standard) en gardant tous les faits."""
    from simplify.nlp import ModelMissingError
    from simplify.output.revision import render_revision
    from simplify.rewrite.planner import rewrite as run_rewrite

    rules = _rule_set(rule_dirs)
    target_format = _check_output(path, output, force) if output else None
    letter, data = _read_letter(path)
    try:
        revision = run_rewrite(
            letter.text,
            profile=profile,
            only=only,
            rules=rules,
            markdown=letter.markdown,
            rounds=rounds,
            shape=letter.shape,
        )
    except ModelMissingError as error:
        _fail(str(error))
    if output is None or target_format is None:
        render_revision(revision, letter.name, output_format)
        return
    _write_output(letter, data, revision, rules, output, target_format, tracked, author)


def _read_letter(path: str) -> tuple[Any, bytes]:
    """A letter from a file of any supported format, or from standard input ("-")."""
    from simplify.formats.errors import FormatError
    from simplify.formats.files import read_letter, read_letter_file
    from simplify.inputs import MAX_INPUT_BYTES

    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
            return read_letter("-", data), data
        return read_letter_file(path)
    except FormatError as error:
        _fail(str(error))


def _check_output(source: str, output: str, force: bool) -> str:
    from simplify.formats.errors import FormatError
    from simplify.formats.files import output_format

    try:
        fmt = output_format(output)
    except FormatError as error:
        _fail(str(error))
    target = Path(output)
    if source != "-" and target.exists() and target.resolve() == Path(source).resolve():
        _fail(f"{output} : c'est le fichier d'origine ; choisissez un autre nom de sortie")
    if target.exists() and not force:
        _fail(f"{output} existe déjà ; ajoutez --force pour le remplacer")
    if not target.parent.exists():
        _fail(f"{output} : le dossier {target.parent} n'existe pas")
    return fmt


def _write_output(
    letter: Any,
    data: bytes,
    revision: Any,
    rules: Any,
    output: str,
    fmt: str,
    tracked: bool,
    author: str,
) -> None:
    from simplify.formats.errors import FormatError
    from simplify.formats.files import changes_of, write_letter

    try:
        result = write_letter(
            letter,
            data,
            changes_of(revision, rules),
            revision.text,
            fmt,
            tracked=tracked,
            author=author,
            title=Path(output).stem,
        )
    except FormatError as error:
        _fail(str(error))
    temporary = Path(output).with_name(f".{Path(output).name}.partiel")
    temporary.write_bytes(result.data)
    temporary.replace(output)
    mode = "suivies" if tracked and fmt in {"docx", "odt"} else "appliquées"
    click.echo(
        f"{output} : {len(result.applied)} modification(s) {mode}"
        + (f", {len(result.refused)} écartée(s)" if result.refused else ""),
        err=True,
    )
    for change, reason in result.refused:
        original = letter.text[change.start : change.end]
        click.echo(f"  écartée [{change.rule}] « {original} » : {reason}", err=True)
    for note in (*letter.notes, *result.notes):
        click.echo(f"  note : {note}", err=True)


def _print(reports: list[tuple[str, Any]], output_format: str, rules: Any) -> None:
    if output_format == "text":
        from simplify.output.text import render_report

        console = Console(highlight=False, soft_wrap=True)
        for index, (name, report) in enumerate(reports):
            if index:
                console.print()
            render_report(report, name, console)
        return
    if output_format == "html":
        from simplify.formats.html_write import report_html

        if len(reports) > 1:
            _fail("--format html : donnez un seul fichier (une page par lettre)")
        name, report = reports[0]
        click.echo(report_html(report, title=f"Analyse de {Path(name).name}", rules=rules))
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


cli.add_command(audit)


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
