"""Command-line options shared by the `simplify` commands (kept apart so that commands defined
in other modules, such as `simplify audit`, use the same ones without importing the CLI)."""

from __future__ import annotations

import click

profile_option = click.option(
    "--profile",
    type=click.Choice(["clair", "falc"]),
    default="clair",
    show_default=True,
    help="Profil : langage clair ou FALC.",
)
