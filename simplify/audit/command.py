"""`simplify audit`: audit many letter templates and write one report."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from simplify.audit.render import FORMATS
from simplify.options import profile_option

EXIT_OK, EXIT_GATE, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = (task.completed - task.fields.get("start", 0)) / elapsed if elapsed > 0.5 else 0
        return Text(f"{rate:.1f} fichiers/s")


def _fail(message: str) -> NoReturn:
    click.echo(f"simplify audit : {message}", err=True)
    sys.exit(EXIT_USAGE)


def _previous(path: str | None) -> dict[str, Any] | None:
    if path is None:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        _fail(f"{path} : fichier introuvable (donnez l'audit.json d'un audit précédent)")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        _fail(f"{path} : ce n'est pas le JSON d'un audit ({error})")
    if not isinstance(data, dict) or not isinstance(data.get("templates"), list):
        _fail(f"{path} : ce n'est pas le JSON d'un audit (clé « templates » absente)")
    return dict(data)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@profile_option
@click.option(
    "--out",
    "out_dir",
    default="audit",
    show_default=True,
    metavar="DOSSIER",
    help="Dossier du rapport (et du cache des résultats).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="html",
    show_default=True,
    help="Format du rapport ; audit.json est toujours écrit aussi.",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="SCORE",
    help="Code de sortie 1 si un modèle a un score de clarté inférieur à SCORE.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 256),
    default=None,
    metavar="N",
    help="Processus d'analyse en parallèle (par défaut : un par cœur).",
)
@click.option(
    "--compare",
    "compare_path",
    default=None,
    metavar="PRECEDENT.json",
    help="Comparer avec un audit précédent (son fichier audit.json).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Où analyser : sur cette machine, ou sur une grappe Dask.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADRESSE",
    help="Adresse de l'ordonnanceur Dask (tcp://hôte:8786), avec --executor dask.",
)
@click.option("--rules", "rule_dirs", multiple=True, metavar="DIR", help="Règles en plus.")
@click.option("--no-cache", is_flag=True, help="Tout réanalyser, sans lire ni écrire le cache.")
def audit(
    paths: tuple[str, ...],
    profile: str,
    out_dir: str,
    output_format: str,
    fail_under: float | None,
    jobs: int | None,
    compare_path: str | None,
    executor: str,
    scheduler: str | None,
    rule_dirs: tuple[str, ...],
    no_cache: bool,
) -> None:
    """Auditer des modèles de lettres (dossiers, archives zip ou fichiers) et écrire un rapport."""
    from simplify.audit.aggregate import summarise
    from simplify.audit.render import write_report
    from simplify.audit.run import run_audit
    from simplify.nlp import ModelMissingError

    if executor == "dask" and not scheduler:
        _fail("--executor dask demande --scheduler ADRESSE (tcp://hôte:8786)")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        _fail(f"{out_dir} existe et n'est pas un dossier ; choisissez un autre --out")
    previous = _previous(compare_path)
    workers = jobs or os.cpu_count() or 1
    console = Console(stderr=True)
    columns = (
        TextColumn("Audit"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("fichiers ·"),
        _Rate(),
        TextColumn("· reste"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("audit", total=None)

        def progress(done: int, total: int) -> None:
            if bar.tasks[0].total is None:
                bar.update(task, total=total, completed=done, start=done)
            else:
                bar.update(task, completed=done)

        try:
            run = run_audit(
                paths,
                profile=profile,
                jobs=workers,
                rule_dirs=rule_dirs,
                cache_path=None if no_cache else out / ".cache" / "resultats.sqlite",
                executor=executor,
                scheduler=scheduler,
                progress=progress,
            )
        except ModelMissingError as error:
            _fail(str(error))
        except (OSError, RuntimeError) as error:
            _fail(str(error))
    if not run.results and not run.skipped:
        _fail("aucun modèle trouvé (formats lus : .docx, .odt, .pdf, .txt, .md, .html, .zip)")
    summary = summarise(run, previous, fail_under)
    annotated = {r["name"]: r["annotated"] for r in run.results if "annotated" in r}
    written = write_report(summary, out, output_format, annotated)
    totals = summary["totals"]
    click.echo(
        f"{totals['templates']} modèle(s) analysé(s) ({run.cached} repris du cache), "
        f"{totals['unreadable']} non analysé(s), score moyen {totals['mean_score']} ; "
        f"rapport : {written[0]}"
    )
    if run.interrupted:
        click.echo("simplify audit : interrompu ; rapport partiel écrit", err=True)
        sys.exit(EXIT_INTERRUPTED)
    gate = summary["gate"]
    if gate and not gate["passed"]:
        click.echo(
            f"simplify audit : {len(gate['below'])} modèle(s) sous le score {fail_under}",
            err=True,
        )
        sys.exit(EXIT_GATE)
