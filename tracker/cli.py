"""The `tracker` command: a Flask command group (db, users, demo, run, …)."""

import json
import os
import sys
from pathlib import Path

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
    from tracker.demo import DEMO_EMAIL, MEMBER_EMAIL, database_is_empty, load_demo

    logins = f"coordination {DEMO_EMAIL}, member {MEMBER_EMAIL}"
    if not database_is_empty():
        click.echo(f"the database already has data; demo logins (unless changed): {logins}")
        return
    load_demo(password)
    db.session.commit()
    click.echo(f"demo loaded — log in as {logins}, password {password}")


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Parse and show; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per file).")
@with_appcontext
def import_command(paths: tuple[Path, ...], dry_run: bool, as_json: bool) -> None:
    """Import participation reports and project sheets (.txt, .docx, .pdf)."""
    from tracker.importers import ImportFormatError
    from tracker.operations.imports import import_file, parse_file

    outputs, failed = [], 0
    with click.progressbar(
        paths, label="Importando", file=sys.stderr, hidden=len(paths) < 2
    ) as progress:
        for path in progress:
            try:
                data = path.read_bytes()
                if dry_run:
                    outputs.append(parse_file(data, path.name).to_json())
                    continue
                result = import_file(data, path.name, None)
                db.session.commit()
                outputs.append(
                    {
                        "file": str(path),
                        "kind": result.kind,
                        "id": result.record.id,
                        "created": result.created,
                        "updated": result.updated,
                        "warnings": result.warnings,
                    }
                )
            except (ImportFormatError, OSError, ValueError) as error:
                db.session.rollback()
                failed += 1
                message = getattr(error, "message", None) or str(error)
                outputs.append({"file": str(path), "error": message})
    if as_json:
        payload = outputs[0] if len(outputs) == 1 else outputs
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for output in outputs:
            click.echo(_describe_import(output, dry_run))
        click.echo(f"files={len(paths)} failed={failed}")
    if failed:
        sys.exit(1)


def _describe_import(output: dict, dry_run: bool) -> str:
    if "error" in output:
        return f"{output['file']}: ERROR {output['error']}"
    if dry_run:
        name = (output.get("project") or output.get("activity") or {}).get("name")
        return f"{output['kind']}: {name}"
    if not output["created"] and not output["updated"]:
        return f"{output['file']}: {output['kind']} #{output['id']} sin cambios (ya importado)"
    lines = [f"{output['file']}: {output['kind']} #{output['id']}"]
    lines += [f"  + {item}" for item in output["created"]]
    lines += [f"  ~ {item}" for item in output["updated"]]
    lines += [f"  ! {warning}" for warning in output["warnings"]]
    return "\n".join(lines)


def register_commands(app: Flask) -> None:
    from tracker.cli_backup import backup_command, restore_command
    from tracker.cli_reminders import register_reminder_commands

    register_reminder_commands(app)
    app.cli.add_command(users)
    app.cli.add_command(demo_command)
    app.cli.add_command(import_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
