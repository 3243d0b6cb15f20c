"""Backup and restore round trip (SQLite), and the benchmark data generator."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.models import FollowUp, FollowUpEvent, Person, User

TRACKER = str(Path(sys.executable).with_name("tracker"))
ROOT = Path(__file__).resolve().parent.parent


def _run(env, *args):
    return subprocess.run([TRACKER, *args], env=env, capture_output=True, text=True, timeout=180)


def test_backup_then_restore_brings_the_data_back(tmp_path):
    database = tmp_path / "live.sqlite"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "MAIL_SUPPRESS_SEND": "1"}
    assert _run(env, "db", "upgrade").returncode == 0
    assert _run(env, "demo").returncode == 0
    script = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        "print(c.execute('select count(*) from users').fetchone()[0],"
        " c.execute('select count(*) from followups').fetchone()[0])"
    )

    def counts() -> list[str]:
        return subprocess.run(
            [sys.executable, "-c", script, str(database)], capture_output=True, text=True
        ).stdout.split()

    before = counts()
    backup = tmp_path / "copia.sqlite"
    made = _run(env, "backup", str(backup))
    assert made.returncode == 0, made.stderr
    assert _run(env, "backup", str(backup)).returncode != 0  # never overwrites

    # Lose data, then restore it.
    lost = _run(
        env, "users", "create", "--email", "nuevo@example.org", "--password", "una-clave-larga"
    )
    assert lost.returncode == 0
    restored = _run(env, "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert counts() == before and int(before[1]) > 0  # the new account is gone, all else back


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    database = tmp_path / "live.sqlite"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    _run(env, "db", "upgrade")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    result = _run(env, "restore", str(junk), "--yes")
    assert result.returncode != 0 and "not an SQLite database" in result.stderr


def test_backup_on_postgresql_points_to_pg_dump(runner, db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("this check is about the PostgreSQL message; SQLite is covered above")
    result = runner.invoke(args=["backup", "/tmp/never.sqlite"])
    assert result.exit_code != 0 and "pg_dump" in result.output


def _seed(app, tmp_path, *args) -> subprocess.CompletedProcess:
    """bench/seed.py run as the benchmark runs it, against the test database."""
    env = {
        **os.environ,
        "TRACKER_INSTANCE_DIR": str(tmp_path / "instance"),
        "SECRET_KEY": "bench-seed-test-" + "x" * 32,
    }
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    command = [sys.executable, str(ROOT / "bench" / "seed.py"), "--database", url, *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def _index_names(db) -> set[str]:
    inspector = db.inspect(db.engine)
    return {
        index["name"]
        for table in ("followups", "followup_events")
        for index in inspector.get_indexes(table)
    }


def test_bench_seed_fills_realistic_data(app, db, tmp_path):
    indexes = _index_names(db)
    result = _seed(app, tmp_path, "--size", "300", "--people", "40", "--today", "2026-06-01")
    assert result.returncode == 0, result.stderr
    assert "followups=" in result.stdout and "insert_s=" in result.stdout
    people = db.session.scalar(db.select(db.func.count()).select_from(Person))
    users = db.session.scalars(db.select(User)).all()
    assert people == 40 and len(users) == 32  # a fifth without accounts
    assert users[0].check_password("benchmark-password")
    statuses = db.session.scalars(db.select(FollowUp.status)).all()
    assert len(statuses) == 300 + 2 * 8  # and each of the 8 projects' start and end
    closed = sum(s.value in ("done", "cancelled") for s in statuses)
    assert 0.2 < closed / len(statuses) < 0.45
    events = db.session.scalar(db.select(db.func.count()).select_from(FollowUpEvent))
    assert events == 300  # each follow-up's "created"
    # The indexes dropped for the load are back, and the search index has every follow-up.
    assert _index_names(db) == indexes
    indexed = db.session.scalar(db.text("SELECT count(*) FROM search_index"))
    assert indexed >= len(statuses)
    # The ids continue cleanly afterwards (sequences moved on PostgreSQL). This session's reads
    # end first: on PostgreSQL they hold locks that the seed's index drops would wait for.
    db.session.rollback()
    again = _seed(app, tmp_path, "--size", "10", "--people", "5")
    assert again.returncode == 0, again.stderr
    assert db.session.scalar(db.select(db.func.count()).select_from(Person)) == 45


def test_bench_seed_refuses_a_negative_size(app, tmp_path):
    result = _seed(app, tmp_path, "--size", "-1")
    assert result.returncode == 2 and "--size" in result.stderr


def test_bench_run_measures_children_and_pages_and_writes_the_table(tmp_path):
    """A whole bench/run.py at 200 follow-ups: the reminder runs' figures come from wait4,
    the relay received the digests, every page answered over HTTP with its statement count,
    and RESULTS.md has the targets table."""
    output, markdown = tmp_path / "results.json", tmp_path / "RESULTS.md"
    env = {**os.environ, "BENCH_DIR": str(tmp_path)}
    env.pop("BENCH_POSTGRESQL_URL", None)
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "200"]
    command += ["--requests", "2", "--output", str(output), "--markdown", str(markdown)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads(output.read_text())
    (run,) = results["runs"]["sqlite"]
    first, next_day = run["reminders"]["first run"], run["reminders"]["next day"]
    assert first["peak_rss_mb"] > 30 and first["seconds"] > 0
    assert first["failed"] == 0 and first["sent"] > 0
    assert first["messages"] == first["recipients"] > 10  # one digest each, all arrived
    assert next_day["sent"] < first["sent"]
    pages = {name: figures for name, figures in run["pages"].items() if isinstance(figures, dict)}
    assert {"dashboard", "timeline", "Mi trabajo", "calendar feed (unit)"} <= set(pages)
    for name, figures in pages.items():
        if "median_ms" in figures:
            assert figures["median_ms"] > 0 and 1 <= figures["statements"] <= 23, name
        else:
            assert figures["bytes"] > 100, name
    assert run["pages"]["server peak RSS (MB)"] > 30
    table = markdown.read_text()
    assert "| measure | result | target |" in table and "| `tracker --help` |" in table
    assert "| reminders first run peak RSS (MB) |" in table
    assert f"| dashboard statements | {pages['dashboard']['statements']} |" in table
