"""The `tracker` command: a Flask command group (db, users, demo, run, …).

Starting it is cheap: this module imports click and flask.cli only, each command imports what
it uses when it runs, and `tracker --help` lists the commands without building the app (Flask's
group builds it to list `app.cli`; ours names the app's own groups, `db` and `search`, itself).
The app is built when a command needs it (`with_appcontext`, or a command only the app has).
"""

import importlib
import json
import os
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import FlaskGroup, ScriptInfo, with_appcontext
from flask.cli import run_command as flask_run_command

from tracker.cli_backup import backup_command, restore_command
from tracker.cli_reminders import reminders, scheduler_command

#: Commands that the app registers on `app.cli` itself (Flask-Migrate's `db`, the search
#: blueprint's group): listed with this help without building the app, run through the app.
APP_COMMANDS = {
    "db": "Perform database migrations.",
    "search": "The search index (reindex).",
}
#: Commands whose module is costly to import: "module:attribute", help for the listing.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {}
#: Commands that run on the jobs' app (create_app's `jobs_only`), which starts faster.
JOBS_COMMANDS = {"reminders", "scheduler"}


class TrackerGroup(FlaskGroup):
    """FlaskGroup that lists its commands without building the app or importing them.

    Plugins registered under the `flask.commands` entry point still run by name; the listing
    leaves them out rather than scan every installed distribution on each start.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(LAZY_COMMANDS) | set(APP_COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        info = ctx.ensure_object(ScriptInfo)
        if name in JOBS_COMMANDS and info.create_app is _make_app:  # not a test's own app
            info.create_app = _make_jobs_app
        if name in LAZY_COMMANDS and name not in self.commands:
            self.add_command(_lazy_command(name), name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        width = formatter.width - 6 - max(len(name) for name in self.list_commands(ctx))
        rows = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is not None:
                if command.hidden:
                    continue
                rows.append((name, command.get_short_help_str(width)))
            else:
                rows.append((name, LAZY_COMMANDS.get(name, (None, APP_COMMANDS.get(name)))[1]))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _make_app(jobs_only: bool = False) -> Flask:
    from config import CONFIGS
    from tracker import create_app

    return create_app(CONFIGS[os.environ.get("TRACKER_CONFIG", "default")], jobs_only=jobs_only)


def _make_jobs_app() -> Flask:
    return _make_app(jobs_only=True)


@click.group(cls=TrackerGroup, create_app=_make_app)
def cli() -> None:
    """Seguimiento: follow-ups and commitments of international cooperation."""


def _run_with_scheduler(**options) -> None:
    """Flask's `run`, with the embedded scheduler started first in the process that serves.

    `create_app` starts nothing: a WSGI server, a script or any other command that builds the
    app runs no jobs. TRACKER_EMBEDDED_SCHEDULER (on by default, off in production) decides
    whether `tracker run` does.
    """
    info = click.get_current_context().ensure_object(ScriptInfo)
    try:
        app = info.load_app()
    except Exception:
        app = None  # Flask's run reports it (and, under the reloader, serves the error)
    if app is not None:
        from jobs.scheduler import start_embedded_scheduler

        start_embedded_scheduler(app, reload=options.get("reload"))
    flask_run_command.callback(**options)


run_command = click.Command(
    "run",
    callback=_run_with_scheduler,
    params=flask_run_command.params,
    help="Run the development server, with the reminders scheduled inside it "
    "(TRACKER_EMBEDDED_SCHEDULER).",
    short_help="Run a development server (and the reminders inside it).",
)
cli.add_command(run_command)


users = click.Group("users", help="Manage accounts.")


#: Role values, spelled here so that the listing does not import the models (checked by a test).
ROLES = ("admin", "coordinator", "member", "viewer")


@users.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--role", type=click.Choice(ROLES), default="member")
@click.option("--name", default=None, help="The person's name (defaults to the email's user).")
@with_appcontext
def create_user_command(email: str, password: str, role: str, name: str | None) -> None:
    """Create an account (and its person)."""
    from tracker.extensions import db
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
    from tracker.extensions import db

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
    from tracker.extensions import db
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


#: Every command of ours, on the `tracker` group and on `app.cli`.
COMMANDS = (
    users,
    demo_command,
    import_command,
    backup_command,
    restore_command,
    reminders,
    scheduler_command,
)
for _command in COMMANDS:
    cli.add_command(_command)


def _lazy_command(name: str) -> click.Command:
    module, attribute = LAZY_COMMANDS[name][0].split(":")
    return getattr(importlib.import_module(module), attribute)


def register_commands(app: Flask) -> None:
    """The same commands on `app.cli`, for `app.test_cli_runner()` and `flask --app tracker`."""
    for command in COMMANDS:
        app.cli.add_command(command)
    for name in LAZY_COMMANDS:
        app.cli.add_command(_lazy_command(name), name)
