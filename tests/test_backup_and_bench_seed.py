"""Backup and restore round trip (SQLite), and the benchmark data generator."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.models import FollowUp, Person, User

TRACKER = str(Path(sys.executable).with_name("tracker"))


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


def test_bench_seed_fills_realistic_data(runner, db):
    result = runner.invoke(
        args=["bench", "seed", "--followups", "300", "--people", "40", "--today", "2026-06-01"]
    )
    assert result.exit_code == 0, result.output
    assert "followups=" in result.output
    people = db.session.scalar(db.select(db.func.count()).select_from(Person))
    users = db.session.scalar(db.select(db.func.count()).select_from(User))
    assert people == 40 and users == 32  # a fifth without accounts
    statuses = db.session.scalars(db.select(FollowUp.status)).all()
    closed = sum(s.value in ("done", "cancelled") for s in statuses)
    assert 0.2 < closed / len(statuses) < 0.45
    # The ids continue cleanly afterwards (sequences moved on PostgreSQL).
    again = runner.invoke(args=["bench", "seed", "--followups", "10", "--people", "5"])
    assert again.exit_code == 0, again.output
