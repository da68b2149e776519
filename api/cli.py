"""Commands the service adds to `simplify` (through the `simplify.commands` entry points):
`simplify serve` and `simplify user add|token|list|delete`."""

from __future__ import annotations

import getpass
import os
import sys

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth import AccountError, create_user, issue_token, normalise_email
from api.settings import Settings
from api.storage.database import Database, migrate
from api.storage.models import User


def _database(settings: Settings) -> Database:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.resolved_database_url)
    migrate(database.engine)
    return database


def _account(session: Session, email: str) -> User:
    found = session.scalar(select(User).where(User.email == normalise_email(email)))
    if found is None:
        raise click.ClickException(f"aucun compte pour {email}")
    return found


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adresse d'écoute.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port d'écoute.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processus serveurs (un par cœur pour l'analyse ; plusieurs processus demandent "
    "PostgreSQL pour écrire beaucoup à la fois).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Lancer le service web (API et pages) ; réglages par variables SIMPLIFY_*."""
    import uvicorn

    settings = Settings()
    _database(settings).dispose()  # migrate once, before the workers start
    click.echo(
        f"Simplify sur http://{host}:{port}/ (données : {settings.data_dir.resolve()})", err=True
    )
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=os.environ.get("SIMPLIFY_LOG_LEVEL", "info"),
        # The access log gives method, path and status; letters travel in bodies, never in
        # paths, so no letter text reaches the log.
        access_log=True,
        timeout_graceful_shutdown=10,
    )


@click.group()
def user() -> None:
    """Gérer les comptes des agents."""


@user.command("add")
@click.argument("email")
@click.option("--name", default="", help="Nom affiché (par défaut l'adresse).")
@click.option("--admin", is_flag=True, help="Compte administrateur.")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Lire le mot de passe sur l'entrée standard (pour les scripts).",
)
def user_add(email: str, name: str, admin: bool, password_stdin: bool) -> None:
    """Créer le compte EMAIL ; le mot de passe est demandé (10 caractères au moins)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mot de passe : ")
        if getpass.getpass("Mot de passe (encore) : ") != password:
            raise click.ClickException("les deux mots de passe diffèrent")
    database = _database(Settings())
    try:
        with database.session() as session:
            created = create_user(session, email, name, password, admin=admin)
            click.echo(f"Compte créé : {created.email}")
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    finally:
        database.dispose()


@user.command("token")
@click.argument("email")
@click.option("--name", default="ligne de commande", help="À quoi sert ce jeton.")
def user_token(email: str, name: str) -> None:
    """Créer un jeton d'API pour EMAIL et l'afficher (une seule fois)."""
    settings = Settings()
    database = _database(settings)
    try:
        with database.session() as session:
            found = _account(session, email)
            secret, _ = issue_token(session, found, "api", settings.token_days, name)
            click.echo(secret)
    finally:
        database.dispose()


@user.command("list")
def user_list() -> None:
    """Lister les comptes."""
    database = _database(Settings())
    try:
        with database.session() as session:
            for found in session.scalars(select(User).order_by(User.email)):
                role = " (administrateur)" if found.is_admin else ""
                click.echo(f"{found.email}\t{found.name}{role}")
    finally:
        database.dispose()


@user.command("delete")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Ne pas demander de confirmation.")
def user_delete(email: str, yes: bool) -> None:
    """Supprimer le compte EMAIL, ses jetons, ses lettres et ses audits (fichiers compris)."""
    settings = Settings()
    database = _database(settings)
    try:
        with database.session() as session:
            found = _account(session, email)
            if not yes:
                click.confirm(
                    f"Supprimer {found.email}, toutes ses lettres et tous ses audits ?", abort=True
                )
            from api.audits import delete_audit
            from api.storage.audit_files import AuditFiles
            from api.storage.files import FileStore

            files = FileStore(settings.files_dir)
            for letter in list(found.letters):
                session.delete(letter)
                session.commit()
                files.delete(letter.id)
            audit_files = AuditFiles(settings.audits_dir)
            for audit in list(found.audits):
                delete_audit(session, audit_files, audit)
            session.delete(found)
            session.commit()
            click.echo(f"Compte supprimé : {email}")
    finally:
        database.dispose()
