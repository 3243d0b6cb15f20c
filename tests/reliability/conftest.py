"""Fault injection for the reminder pipeline: an SMTP server that misbehaves on purpose, one
that accepts connections and never answers, a database that refuses writes, and helpers to run
the real `tracker` console script against the suite's database (the SQLite file, or PostgreSQL
when TRACKER_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import Engine

# The reminder tests' SMTP fixtures, reused as they are (`smtp` restores the mail settings).
from tests.reminders.conftest import (  # noqa: F401
    Recorder,
    SMTPServer,
    config,
    smtp,
    smtp_controller,
)
from tests.reminders.helpers import free_port
from tracker.extensions import db as _db
from tracker.models import Notification, NotificationStatus, Person
from tracker.models.enums import FollowUpKind
from tracker.operations.followups import create_followup

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TRACKER = BIN / "tracker"


# --- SMTP servers that misbehave --------------------------------------------------------------


class FaultyRecorder(Recorder):
    """The reminder tests' recorder (keeps what it accepts, 550 for `refused`), and also:

    - `deferred`: addresses answered 450 (a temporary refusal, worth another attempt);
    - `delay`: seconds each DATA takes before its 250 (a slow relay);
    - `stall_after`: from the (n+1)-th DATA on (for `stalls` messages, all when None), give
      no answer until `release` is set. With `accept_stalled` the stalled message is kept on
      arrival and answered 250 once released (a slow relay; if the sender dies meanwhile, the
      relay has a mail the sender does not know was delivered: the at-least-once window).
      Without it, the message is dropped and answered 451.
    """

    def __init__(self):
        super().__init__()
        self.deferred: set[str] = set()
        self.delay = 0.0
        self.stall_after: int | None = None
        self.stalls: int | None = None
        self.accept_stalled = False
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.data_commands = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.deferred:
            return "450 4.2.1 Mailbox busy, try again later"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            number = self.data_commands
            self.data_commands += 1
        if self._stalls(number):
            if self.accept_stalled:
                reply = await super().handle_DATA(server, session, envelope)
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return reply if self.accept_stalled else "451 4.3.0 Stalled; message dropped"
        if self.delay:
            await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)

    def _stalls(self, number: int) -> bool:
        if self.stall_after is None or number < self.stall_after:
            return False
        return self.stalls is None or number < self.stall_after + self.stalls

    def per_recipient(self) -> Counter:
        with self._lock:
            return Counter(address for mail in self.received for address in mail.recipients)


@pytest.fixture
def relay(app, smtp):  # noqa: F811  (the imported fixture, requested)
    """A real SMTP server of this test's own, with the faults of FaultyRecorder; the app sends
    to it. (`smtp` restores the app's mail settings afterwards.)"""
    recorder = FaultyRecorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    server = SMTPServer(app, controller, recorder)
    server.up()
    try:
        yield server
    finally:
        recorder.release.set()
        controller.stop()


class SilentServer:
    """Accepts TCP connections and never says a word: a hung relay."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _peer = self.listener.accept()
            except TimeoutError:
                continue
            self.accepted.append(connection)  # held open, never written to

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for connection in self.accepted:
            connection.close()
        self.listener.close()


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.close()


# --- a database that refuses writes -----------------------------------------------------------


@contextmanager
def writes_blocked(engine: Engine) -> Iterator[None]:
    """Another connection holds the write lock while the block runs; reads go on.

    SQLite: BEGIN IMMEDIATE on the database file (in WAL mode readers still read; a writer
    waits for the busy timeout, then gets "database is locked"). PostgreSQL: LOCK TABLE
    notifications IN EXCLUSIVE MODE (SELECTs go on; an INSERT waits for the lock, so the
    waiting side needs a lock_timeout to fail instead of waiting forever).
    """
    if engine.dialect.name == "sqlite":
        with closing(sqlite3.connect(engine.url.database, isolation_level=None)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield
            finally:
                connection.execute("ROLLBACK")
        return
    locker = create_engine(engine.url)
    try:
        with locker.connect() as connection:
            transaction = connection.begin()
            connection.execute(text("LOCK TABLE notifications IN EXCLUSIVE MODE"))
            try:
                yield
            finally:
                transaction.rollback()
    finally:
        locker.dispose()


@contextmanager
def short_lock_waits(engine: Engine, milliseconds: int = 500) -> Iterator[None]:
    """New connections of `engine` give up on a lock after `milliseconds` (SQLite's busy
    timeout is 5 s; PostgreSQL waits forever by default). The pool is emptied before and
    after, so the setting applies to exactly the connections made inside the block; the
    test's own session is closed first (a connection it kept would outlive its pool)."""
    _db.session.close()

    def on_connect(dbapi_connection, _record):
        if engine.dialect.name == "sqlite":
            dbapi_connection.execute(f"PRAGMA busy_timeout = {milliseconds}")
        else:
            autocommit = dbapi_connection.autocommit
            dbapi_connection.autocommit = True
            dbapi_connection.execute(f"SET lock_timeout = {milliseconds}")
            dbapi_connection.autocommit = autocommit

    engine.dispose()
    event.listen(engine, "connect", on_connect)
    try:
        yield
    finally:
        event.remove(engine, "connect", on_connect)
        engine.dispose()


# --- data and the console script --------------------------------------------------------------


def seed_overdue(count: int, today: date, *, days_late: int = 3, prefix: str = "r") -> list[str]:
    """`count` people (no supervisor), each owning one follow-up `days_late` days overdue:
    one outbox row, one digest and one mail per person. Committed; returns their addresses."""
    people = [
        Person(name=f"Persona {n:03d}", email=f"{prefix}{n:03d}@example.org") for n in range(count)
    ]
    _db.session.add_all(people)
    _db.session.flush()
    for person in people:
        create_followup(
            None,
            owner=person,
            title=f"Informe pendiente de {person.name}",
            kind=FollowUpKind.TASK,
            due_on=today - timedelta(days=days_late),
        )
    emails = [person.email for person in people]
    _db.session.commit()  # and the session holds no connection afterwards
    return emails


def database_url() -> str:
    """The suite's database (the test app's), for processes of their own."""
    return _db.engine.url.render_as_string(hide_password=False)


def tracker_env(url: str, mail_port: int | None = None, **extra: str) -> dict[str, str]:
    """The environment of a `tracker` process: this database, no embedded scheduler, and mail
    to 127.0.0.1:mail_port (suppressed without one)."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "TRACKER_CONFIG": "default",
        "TRACKER_EMBEDDED_SCHEDULER": "0",
    }
    env.pop("WERKZEUG_RUN_MAIN", None)
    if mail_port is None:
        env["MAIL_SUPPRESS_SEND"] = "1"
    else:
        env.update(
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=str(mail_port),
            MAIL_SUPPRESS_SEND="0",
            MAIL_TIMEOUT="10",
        )
    env.update(extra)
    return env


def run_tracker(*args: str, env: dict[str, str], timeout: float = 60):
    return subprocess.run(
        [str(TRACKER), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def error_line(stderr: str) -> str:
    """The line that names the exception a process died of."""
    lines = [line for line in stderr.splitlines() if "Error" in line and ":" in line]
    return lines[-1] if lines else ""


def status_counts() -> dict[NotificationStatus, int]:
    _db.session.expire_all()
    found = _db.session.execute(
        select(Notification.status, func.count()).group_by(Notification.status)
    ).all()
    _db.session.rollback()
    return {NotificationStatus(status): count for status, count in found}
