"""The scheduled jobs, the lease that keeps a second scheduler idle, and who starts a scheduler."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from jobs.scheduler import JOBS, JobRunner, build_scheduler, should_start_embedded
from tests.reminders.helpers import at, free_port, rows
from tracker.models import SchedulerLease

TODAY = date(2025, 6, 16)
TRACKER = Path(sys.executable).with_name("tracker")


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_every_job_has_a_stable_id_and_safe_defaults(app):
    scheduler = build_scheduler(app, JobRunner(app), blocking=False)
    jobs = scheduler.get_jobs()
    assert [job.id for job in jobs] == [
        "reminders-daily",
        "reminders-retry",
        "reminders-catch-up",
        "scheduler-lease",
    ]
    for job in jobs:
        assert job.coalesce is True and job.max_instances == 1
        assert job.misfire_grace_time == app.config["REMINDER_MISFIRE_GRACE_SECONDS"] >= 3600
    retry = next(job for job in jobs if job.id == "reminders-retry")
    assert retry.trigger.interval == timedelta(minutes=5)


def test_the_daily_run_is_at_the_local_hour_on_both_sides_of_a_dst_change():
    daily = next(job for job in JOBS if job.id == "reminders-daily")
    trigger = daily.trigger({"REMINDER_DAILY_HOUR": 7, "TRACKER_TIMEZONE": "Europe/Madrid"})
    saturday = datetime(2025, 3, 29, 8, tzinfo=UTC)
    sunday = trigger.get_next_fire_time(None, saturday)
    monday = trigger.get_next_fire_time(sunday, sunday + timedelta(seconds=1))
    assert sunday.isoformat() == "2025-03-30T07:00:00+02:00"  # first day of summer time
    assert monday.isoformat() == "2025-03-31T07:00:00+02:00"
    assert monday - sunday == timedelta(days=1)
    friday = trigger.get_next_fire_time(None, datetime(2025, 3, 28, 5, tzinfo=UTC))
    assert friday.isoformat() == "2025-03-28T07:00:00+01:00"


def test_a_second_scheduler_stays_idle_until_the_lease_runs_out(app, make, db):
    make.followup(owner=make.person(email="ana@example.org"), due_on=TODAY)
    clock = Clock(at(TODAY, 14))  # 08:00 in Costa Rica
    first = JobRunner(app, holder="first", clock=clock)
    second = JobRunner(app, holder="second", clock=clock)

    assert first.run("scheduler-lease") is True
    assert second.run("scheduler-lease") is False
    assert second.run("reminders-daily") is False
    assert rows() == [], "the idle scheduler did nothing"
    assert first.run("reminders-daily") is True
    assert len(rows()) == 1

    make.followup(owner=make.person(email="beto@example.org"), due_on=TODAY)
    clock.now += timedelta(seconds=app.config["SCHEDULER_LEASE_SECONDS"] + 1)
    assert second.run("scheduler-lease") is True, "the first stopped renewing: taken over"
    assert len(rows()) == 2, "and the new holder caught up at once"
    assert first.run("reminders-retry") is False
    lease = db.session.get(SchedulerLease, "reminders")
    db.session.refresh(lease)
    assert lease.holder == "second"

    second.release()
    assert first.run("scheduler-lease") is True, "a released lease is free at once"


def test_the_daily_job_plans_and_delivers_and_running_it_again_sends_nothing(app, smtp, make, db):
    make.followup(owner=make.person(email="ana@example.org"), due_on=TODAY - timedelta(1))
    runner = JobRunner(app, clock=Clock(at(TODAY, 14)))
    assert runner.run("reminders-daily") and runner.run("reminders-daily")
    assert len(smtp.received) == 1
    assert runner.run("reminders-retry")
    assert len(smtp.received) == 1


def test_catch_up_on_start_plans_only_after_the_daily_hour(app, make, db):
    make.followup(owner=make.person(email="ana@example.org"), due_on=TODAY)
    early = JobRunner(app, holder="early", clock=Clock(at(TODAY, 9)))  # 03:00 local
    assert early.run("reminders-catch-up") and rows() == []
    early.release()
    later = JobRunner(app, holder="later", clock=Clock(at(TODAY, 13)))  # 07:00 local
    assert later.run("reminders-catch-up") and len(rows()) == 1


def test_a_background_scheduler_runs_the_catch_up_as_it_starts(app, make, db):
    make.followup(owner=make.person(email="ana@example.org"), due_on=TODAY)
    scheduler = build_scheduler(app, JobRunner(app, clock=Clock(at(TODAY, 14))), blocking=False)
    scheduler.start()
    try:
        deadline = time.monotonic() + 10
        while not rows() and time.monotonic() < deadline:
            time.sleep(0.05)
            db.session.expire_all()
    finally:
        scheduler.shutdown(wait=True)
    assert [r.rule for r in rows()] == ["due_today"]


@pytest.mark.parametrize(
    ("command", "reload", "debug", "run_main", "expected"),
    [
        ("run", None, False, None, True),  # `tracker run`: no reloader, this process serves
        ("run", None, True, None, False),  # `--debug`: the reloader's watcher does not…
        ("run", None, True, "true", True),  # …its child, which serves, does
        ("run", False, True, None, True),  # `--debug --no-reload`: no child
        ("run", True, False, None, False),  # `--reload` without debug: the watcher
        ("db", None, False, None, False),  # `tracker db upgrade`
        ("scheduler", None, False, None, False),  # has its own, blocking
        (None, None, False, None, False),  # a script or WSGI server calling create_app()
    ],
)
def test_who_starts_the_embedded_scheduler(command, reload, debug, run_main, expected):
    app = SimpleNamespace(config={"TRACKER_EMBEDDED_SCHEDULER": True}, testing=False, debug=debug)
    env = {"WERKZEUG_RUN_MAIN": run_main} if run_main else {}
    assert should_start_embedded(app, command, reload, env) is expected
    app.config["TRACKER_EMBEDDED_SCHEDULER"] = False
    assert should_start_embedded(app, command, reload, env) is False


# --- real processes ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A fresh SQLite database, migrated by the console script."""
    database = tmp_path_factory.mktemp("scheduler") / "tracker.sqlite"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "TRACKER_EMBEDDED_SCHEDULER": "1",
        "TRACKER_CONFIG": "default",
    }
    env.pop("WERKZEUG_RUN_MAIN", None)
    upgrade = subprocess.run(
        [str(TRACKER), "db", "upgrade"], env=env, capture_output=True, text=True, timeout=120
    )
    assert upgrade.returncode == 0, upgrade.stderr
    return database, env


def _lease_holder(database: Path, timeout: float = 15) -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with sqlite3.connect(database) as connection:
            found = connection.execute("SELECT holder FROM scheduler_leases").fetchone()
        if found:
            return found[0]
        time.sleep(0.1)
    return None


def _clear_lease(database: Path) -> None:
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM scheduler_leases")


def _stop(process: subprocess.Popen) -> str:
    os.killpg(process.pid, signal.SIGTERM)  # the group: a reloader's child goes too
    output, _ = process.communicate(timeout=20)
    return output


def test_db_upgrade_starts_no_scheduler_and_tracker_run_starts_one(migrated):
    database, env = migrated
    assert _lease_holder(database, timeout=0.5) is None, "`tracker db upgrade` started nothing"
    for debug in ([], ["--debug"]):
        _clear_lease(database)
        server = subprocess.Popen(
            [str(TRACKER), *debug, "run", "--port", str(free_port())],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            holder = _lease_holder(database)
        finally:
            _stop(server)
        assert holder is not None, f"no scheduler under `tracker {' '.join(debug)} run`"
        pid = int(holder.split(":")[1])
        if debug:
            assert pid != server.pid, "the reloader's child runs it, not the watcher"
        else:
            assert pid == server.pid


def test_tracker_scheduler_runs_in_the_foreground_and_stops_on_sigterm(migrated):
    database, env = migrated
    _clear_lease(database)
    process = subprocess.Popen(
        [str(TRACKER), "scheduler"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        holder = _lease_holder(database)
    finally:
        output = _stop(process)
    assert process.returncode == 0, output
    assert holder and int(holder.split(":")[1]) == process.pid
    assert "reminders-daily, reminders-retry, reminders-catch-up, scheduler-lease" in output
    assert "scheduler stopped" in output
    with sqlite3.connect(database) as connection:
        [expires_at] = connection.execute("SELECT expires_at FROM scheduler_leases").fetchone()
    assert datetime.fromisoformat(expires_at).replace(tzinfo=UTC) <= datetime.now(UTC)


def test_the_console_says_reminders_run_here_and_where_mail_goes(app, monkeypatch):
    from jobs.scheduler import describe_embedded

    # The session's app: its settings are changed for this test only.
    for name in ("MAIL_SUPPRESS_SEND", "MAIL_SERVER", "MAIL_PORT", "REMINDER_DAILY_HOUR"):
        monkeypatch.setitem(app.config, name, app.config.get(name))
    app.config.update(MAIL_SUPPRESS_SEND=True, REMINDER_DAILY_HOUR=7)
    assert describe_embedded(app) == (
        "reminders run inside this process every day at 7:00 "
        "(mail is only kept in the outbox (/avisos/): set MAIL_SERVER to send it)"
    )
    app.config.update(MAIL_SUPPRESS_SEND=False, MAIL_SERVER="smtp.example.org", MAIL_PORT=587)
    assert "mail is sent through smtp.example.org:587" in describe_embedded(app)
