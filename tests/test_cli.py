"""The `tracker` command group."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from tracker.models import Activity, FollowUp, ParticipationReport, Project, User
from tracker.models.enums import FollowUpKind, ProjectStatus, Role


def test_users_create(runner, db):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Ana@Example.org",
            "--password",
            "una-clave-larga",
            "--role",
            "coordinator",
            "--name",
            "Ana Pérez",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "created user ana@example.org (coordinator)" in result.output
    user = db.session.scalars(db.select(User)).one()
    assert user.role == Role.COORDINATOR and user.person.name == "Ana Pérez"
    assert user.check_password("una-clave-larga")


def test_users_create_refuses_duplicates_and_short_passwords(runner, db):
    args = ["users", "create", "--email", "a@example.org", "--password", "una-clave-larga"]
    assert runner.invoke(args=args).exit_code == 0
    again = runner.invoke(args=args)
    assert again.exit_code == 1 and "Ya existe una cuenta con ese correo" in again.output
    short = runner.invoke(args=["users", "create", "--email", "b@example.org", "--password", "x"])
    assert short.exit_code == 1 and "al menos 10 caracteres" in short.output
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 1


def test_demo_loads_the_seed_forms_once(runner, db, app):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    # Both demo logins, with their password, on the console.
    assert "coordinacion@seguimiento.demo" in result.output
    assert "marcela.guerrero@seguimiento.demo" in result.output
    assert "seguimiento-demo" in result.output
    project = db.session.scalars(db.select(Project)).one()
    assert project.planned_end_on.isoformat() == "2024-10-31"
    assert project.status == ProjectStatus.IMPLEMENTATION
    assert [g.number for g in project.sdgs] == [5, 10]
    # The seeds' own items, besides the unit's around them (tests/test_demo.py).
    seed_report = db.session.scalars(
        db.select(ParticipationReport).join(Activity).where(Activity.start_on == date(2021, 3, 29))
    ).one()
    kinds = db.session.scalars(
        db.select(FollowUp.kind).where(
            (FollowUp.report_id == seed_report.id) | (FollowUp.project_id == project.id)
        )
    ).all()
    assert kinds.count(FollowUpKind.COMMITMENT) == 1 and kinds.count(FollowUpKind.ACTION) == 1
    assert kinds.count(FollowUpKind.RESULT) == 3 and kinds.count(FollowUpKind.MILESTONE) == 4
    assert len(kinds) == 9
    followups = db.session.scalar(db.select(db.func.count()).select_from(FollowUp))
    second = runner.invoke(args=["demo"])
    assert "already has data" in second.output
    assert db.session.scalar(db.select(db.func.count()).select_from(Project)) == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(FollowUp)) == followups


def test_console_script_builds_an_empty_sqlite_database(tmp_path):
    database = tmp_path / "fresh.sqlite"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    tracker = Path(sys.executable).with_name("tracker")
    upgrade = subprocess.run(
        [str(tracker), "db", "upgrade"], env=env, capture_output=True, text=True, timeout=120
    )
    assert upgrade.returncode == 0, upgrade.stderr
    created = subprocess.run(
        [
            str(tracker),
            "users",
            "create",
            "--email",
            "x@example.org",
            "--password",
            "una-clave-larga",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert created.returncode == 0, created.stderr
    assert "created user x@example.org (member)" in created.stdout
