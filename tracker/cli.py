"""The `tracker` command: a Flask command group (db, users, demo, run, …)."""

import os

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext

from tracker.extensions import db
from tracker.models.enums import Role


def _make_app() -> Flask:
    from config import CONFIGS
    from tracker import create_app

    return create_app(CONFIGS[os.environ.get("TRACKER_CONFIG", "default")])


@click.group(cls=FlaskGroup, create_app=_make_app)
def cli() -> None:
    """Seguimiento: follow-ups and commitments of international cooperation."""


users = click.Group("users", help="Manage accounts.")


@users.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.MEMBER.value)
@click.option("--name", default=None, help="The person's name (defaults to the email's user).")
@with_appcontext
def create_user_command(email: str, password: str, role: str, name: str | None) -> None:
    """Create an account (and its person)."""
    from tracker.operations.errors import OperationError
    from tracker.operations.users import create_user

    try:
        user = create_user(email, password, role, name=name)
    except OperationError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"created user {user.email} ({user.role.value})")


@click.command("demo")
@click.option("--password", default="seguimiento-demo", show_default=True)
@with_appcontext
def demo_command(password: str) -> None:
    """Load the demo data (the two seed forms) into an empty database."""
    from tracker.demo import DEMO_EMAIL, database_is_empty, load_demo

    if not database_is_empty():
        click.echo(f"the database already has data; demo login (unless changed): {DEMO_EMAIL}")
        return
    load_demo(password)
    db.session.commit()
    click.echo(f"demo loaded — log in as {DEMO_EMAIL} / {password}")


def register_commands(app: Flask) -> None:
    app.cli.add_command(users)
    app.cli.add_command(demo_command)
