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
    # The seed sheet's project (the unit around it adds one with an approved extension).
    project = db.session.scalars(
        db.select(Project).where(Project.planned_end_on == date(2024, 10, 31))
    ).one()
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
    assert db.session.scalar(db.select(db.func.count()).select_from(Project)) == 2
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


# --- starting fast, and starting nothing --------------------------------------------------------

TRACKER = Path(sys.executable).with_name("tracker")
#: What a reminder run must not load: the form readers and the document/spreadsheet writers.
HEAVY = ("docx", "pdfminer", "pypdf", "xlsxwriter", "fpdf", "openpyxl")


def _imported(stderr: str) -> set[str]:
    """The modules a `python -X importtime` run loaded, from its stderr."""
    return {
        line.rsplit("|", 1)[1].strip()
        for line in stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def _run_tracker(args, env, *, importtime=False, timeout=120):
    command = [sys.executable, *(["-X", "importtime"] if importtime else []), str(TRACKER)]
    return subprocess.run(
        [*command, *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def _fresh_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"MAIL_SERVER", "TRACKER_CONFIG"}}
    return {
        **env,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite'}",
        "TRACKER_INSTANCE_DIR": str(tmp_path / "instance"),
    }


def test_help_lists_every_command_without_building_the_app(tmp_path):
    result = _run_tracker(["--help"], _fresh_env(tmp_path), importtime=True)
    assert result.returncode == 0, result.stderr
    listed = result.stdout.split("Commands:")[1]
    for name in ("backup", "db", "demo", "import", "reminders", "restore", "run"):
        assert f"\n  {name} " in listed, name
    for name in ("scheduler", "search", "users"):
        assert f"\n  {name} " in listed, name
    modules = _imported(result.stderr)
    # No app: no models, no database layer, no migrations, no views.
    assert not {"sqlalchemy", "flask_sqlalchemy", "flask_migrate", "tracker.models"} & modules
    assert not any(m.startswith(("tracker.web", "tracker.api", "jobs")) for m in modules)
    assert not (tmp_path / "instance").exists()  # create_app would have made it


def test_the_role_choices_are_the_roles():
    from tracker.cli import ROLES

    assert sorted(ROLES) == sorted(role.value for role in Role)


def test_a_reminder_run_loads_no_form_reader_and_no_document_writer(tmp_path):
    env = _fresh_env(tmp_path)
    assert _run_tracker(["db", "upgrade"], env).returncode == 0
    result = _run_tracker(["reminders", "run", "--dry-run"], env, importtime=True)
    assert result.returncode == 0, result.stderr
    assert "planned=0" in result.stdout
    modules = _imported(result.stderr)
    assert "jobs.run" in modules  # the run did happen in this process
    assert not {m for m in modules if m.split(".")[0] in HEAVY}
    # The jobs' app: no form readers, no API, no migrations.
    assert not {m for m in modules if m.split(".")[0] in {"alembic", "flask_migrate"}}
    assert not {m for m in modules if m.startswith(("tracker.importers", "tracker.api"))}
    assert not {m for m in modules if m.split(".")[0] in {"flask_smorest", "apispec"}}


def test_create_app_starts_no_scheduler(tmp_path):
    """A WSGI server or a script that builds the app runs no jobs, whatever the config says."""
    env = {**_fresh_env(tmp_path), "TRACKER_EMBEDDED_SCHEDULER": "1"}
    script = (
        "import sys, threading\n"
        "from tracker import create_app\n"
        "app = create_app()\n"
        "print(app.config['TRACKER_EMBEDDED_SCHEDULER'], 'jobs.scheduler' in sys.modules,"
        " threading.active_count())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "1"]


def test_tracker_run_starts_the_scheduler_and_says_so(tmp_path):
    import socket
    import time
    import urllib.request

    env = _fresh_env(tmp_path)
    assert _run_tracker(["db", "upgrade"], env).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(TRACKER), "run", "--port", str(port)],
        env={**env, "REMINDER_DAILY_HOUR": "6"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as page:
                    assert page.status == 200
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "reminders run inside this process every day at 6:00" in output
    assert "mail is only kept in the outbox" in output
