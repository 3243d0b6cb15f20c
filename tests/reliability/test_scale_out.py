"""The scale-out shape, for real: two web processes (gunicorn) and two `tracker scheduler`
processes on one PostgreSQL database and one SMTP server, with reminders due."""

import os
import signal
import subprocess
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import pytest
from sqlalchemy import select

from jobs.rules import Rules
from jobs.run import plan_notices
from tests.reliability.conftest import (
    database_url,
    seed_overdue,
    status_counts,
    tracker_env,
)
from tests.reminders.helpers import free_port
from tests.wheel_env import installed_bin
from tracker.models import NotificationStatus, SchedulerLease
from tracker.models.base import utcnow

pytestmark = pytest.mark.skipif(
    not os.environ.get("TRACKER_TEST_DATABASE_URL"),
    reason="scale-out is a PostgreSQL shape (several processes on one server database); "
    "set TRACKER_TEST_DATABASE_URL to run it",
)

PEOPLE = 60


def _get(url: str) -> int | None:
    """The status of a GET (redirects followed), or None when nothing answers."""
    try:
        with urlopen(url, timeout=5) as response:
            return response.status
    except HTTPError as error:
        error.close()
        return error.code
    except (URLError, ConnectionError, TimeoutError):
        return None


class Processes:
    """Started processes, each with its stdout and stderr in a file; stopped in `close`."""

    def __init__(self, directory: Path, stack: ExitStack):
        self.directory = directory
        self.stack = stack
        self.started: dict[str, subprocess.Popen] = {}
        stack.callback(self.close)

    def start(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        out = self.stack.enter_context((self.directory / f"{name}.out").open("w"))
        err = self.stack.enter_context((self.directory / f"{name}.err").open("w"))
        process = subprocess.Popen(command, env=env, cwd=self.directory, stdout=out, stderr=err)
        self.started[name] = process
        return process

    def stderr(self, name: str) -> str:
        return (self.directory / f"{name}.err").read_text()

    def stop(self, name: str) -> int:
        process = self.started[name]
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        return process.returncode

    def close(self) -> None:
        for process in self.started.values():
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Path:
    """The wheel, not the checkout: processes run from tmp_path with the installed package."""
    return installed_bin(tmp_path_factory)


def test_two_web_processes_and_two_schedulers_deliver_every_notice_exactly_once(
    app, relay, make, db, tmp_path, installed
):
    today = Rules.from_config(app.config).today(utcnow())
    emails = seed_overdue(PEOPLE, today)
    planned = sum(notice.row_count for notice in plan_notices(today))
    db.session.rollback()
    assert planned == PEOPLE
    relay.recorder.delay = 0.03  # a relay of 30 ms a message: delivery takes ~2 s

    url = database_url()
    web_env = tracker_env(url)  # MAIL_SUPPRESS_SEND=1, TRACKER_EMBEDDED_SCHEDULER=0
    # The catch-up job runs the daily job at start when the local hour is past the daily hour.
    scheduler_env = tracker_env(url, mail_port=relay.port, REMINDER_DAILY_HOUR="0")
    ports = {"web-1": free_port(), "web-2": free_port()}
    logins = {name: f"http://127.0.0.1:{port}/login" for name, port in ports.items()}

    with ExitStack() as stack:
        processes = Processes(tmp_path, stack)
        for name, port in ports.items():
            gunicorn = [str(installed / "gunicorn"), "-w", "1", "-b", f"127.0.0.1:{port}"]
            # Recent gunicorns open a control socket under $HOME: one home each, in tmp_path.
            env = {**web_env, "HOME": str(tmp_path / f"home-{name}")}
            processes.start(name, [*gunicorn, "tracker.wsgi:app"], env)
        deadline = time.monotonic() + 30
        while any(_get(login) != 200 for login in logins.values()):
            assert time.monotonic() < deadline, {n: processes.stderr(n) for n in logins}
            time.sleep(0.1)

        schedulers = {
            name: processes.start(name, [str(installed / "tracker"), "scheduler"], scheduler_env)
            for name in ("scheduler-1", "scheduler-2")
        }

        answers: list[tuple[int, dict[str, int | None]]] = []  # (rows sent, status per web)
        holders: set[str] = set()
        sent = 0
        deadline = time.monotonic() + 60
        settle = None
        while settle is None or time.monotonic() < settle:
            assert time.monotonic() < deadline, "not delivered in time"
            sent = status_counts().get(NotificationStatus.SENT, 0)
            answers.append((sent, {name: _get(login) for name, login in logins.items()}))
            holders |= set(db.session.scalars(select(SchedulerLease.holder)))
            lease_rows = len(db.session.scalars(select(SchedulerLease)).all())
            db.session.rollback()
            assert lease_rows <= 1
            if sent == planned and settle is None:
                settle = time.monotonic() + 2  # time for a late second delivery to show up
            time.sleep(0.05)

        alive = {name for name, process in processes.started.items() if process.poll() is None}
        stopped = {name: processes.stop(name) for name in processes.started}
        outputs = {name: (tmp_path / f"{name}.out").read_text() for name in schedulers}

    received = relay.recorder.per_recipient()
    assert received == {email: 1 for email in emails}, "one digest per recipient, once"
    assert status_counts() == {NotificationStatus.SENT: planned}
    assert len(relay.received) == planned

    [holder] = holders
    assert int(holder.split(":")[1]) in {p.pid for p in schedulers.values()}

    assert all(status == 200 for _sent, by_web in answers for status in by_web.values())
    during = [by_web for sent, by_web in answers if 0 < sent < planned]
    assert during, "the web processes were asked while the delivery was going on"

    assert alive == set(processes.started), "the idle scheduler stayed up, idle"
    for name in schedulers:
        assert stopped[name] == 0
        assert "reminders-daily" in outputs[name] and "scheduler stopped" in outputs[name]
    for name in processes.started:
        stderr = processes.stderr(name)
        assert "Traceback" not in stderr and "ERROR" not in stderr, f"{name}:\n{stderr}"
