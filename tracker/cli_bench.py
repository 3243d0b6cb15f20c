"""`tracker bench …`: data for the benchmarks in bench/."""

import time
from datetime import date

import click
from flask.cli import with_appcontext

from tracker.extensions import db

bench = click.Group("bench", help="Benchmark data.")


@bench.command("seed")
@click.option("--followups", type=click.IntRange(min=0), default=1000, show_default=True)
@click.option("--people", type=click.IntRange(min=1), default=500, show_default=True)
@click.option("--projects", type=click.IntRange(min=0), default=None, help="Default: people / 5.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Default: today.")
@click.option("--seed", "seed_value", type=int, default=1, show_default=True)
@with_appcontext
def seed_command(followups, people, projects, today, seed_value):
    """Fill the configured database with realistic data (bulk inserts)."""
    from tracker.benchdata import seed

    started = time.perf_counter()
    counts = seed(
        followups=followups,
        people=people,
        projects=people // 5 if projects is None else projects,
        today=today.date() if today else date.today(),
        seed_value=seed_value,
    )
    db.session.commit()
    # Bulk inserts bypass the session hook that keeps the search index current.
    from tracker.search.index import rebuild

    with db.engine.begin() as connection:
        rebuild(connection)
    _refresh_statistics()
    elapsed = time.perf_counter() - started
    click.echo(
        " ".join(f"{name}={value}" for name, value in vars(counts).items())
        + f" seconds={elapsed:.2f}"
    )


def _refresh_statistics() -> None:
    """What the database does on its own in production (autovacuum; `PRAGMA optimize`), done
    now so the benchmark measures the steady state, not a table the planner has never seen."""
    statement = "VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE"
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(statement)
