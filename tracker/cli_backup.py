"""`tracker backup PATH` and `tracker restore PATH` (SQLite; PostgreSQL uses pg_dump)."""

import sqlite3
from pathlib import Path

import click
from flask.cli import with_appcontext

PG_RECIPE = (
    "PostgreSQL: use pg_dump / pg_restore (see README, 'Backups'):\n"
    '  pg_dump --format=custom --file=seguimiento.dump "$DATABASE_URL"\n'
    '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" seguimiento.dump'
)


def _sqlite_path() -> str:
    from sqlalchemy.engine import make_url

    from tracker.extensions import db

    url = make_url(str(db.engine.url))
    if url.get_backend_name() != "sqlite":
        raise click.ClickException(PG_RECIPE)
    if not url.database or url.database == ":memory:":
        raise click.ClickException("the configured SQLite database is not a file")
    return url.database


def _check_backup(path: Path) -> None:
    """Refuse anything that is not a Seguimiento database (and say why)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source:
            tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
            if not {"alembic_version", "followups", "users"} <= tables:
                raise click.ClickException(f"{path} is not a Seguimiento backup")
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise click.ClickException(f"{path} is damaged (integrity check failed)")
    except sqlite3.DatabaseError as error:
        raise click.ClickException(f"{path} is not an SQLite database: {error}") from error


def _copy(source_path: str, target_path: str) -> None:
    """SQLite's online backup: consistent even while the app writes to the source."""
    source = sqlite3.connect(source_path)
    target = sqlite3.connect(target_path)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent copy of the database to PATH, while the app keeps running."""
    from tracker.extensions import db

    database = _sqlite_path()
    if path.exists():
        raise click.ClickException(f"{path} exists; choose a new file")
    db.session.remove()
    _copy(database, str(path))
    _check_backup(path)
    click.echo(f"backup written to {path}")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database with the backup at PATH (then run `tracker db upgrade`)."""
    from tracker.extensions import db

    database = _sqlite_path()
    _check_backup(path)
    if not yes:
        click.confirm(f"Replace {database} with {path}? Current data will be lost", abort=True)
    db.session.remove()
    db.engine.dispose()
    _copy(str(path), database)
    click.echo(f"restored {database} from {path}; run `tracker db upgrade` if the backup is older")
