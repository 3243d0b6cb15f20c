"""The scheduled jobs (one list, stable ids), the APScheduler builders and the database lease.

Production runs one `tracker scheduler` process (a BlockingScheduler). The embedded default
starts a BackgroundScheduler inside the web process. Either way every job first takes (or
renews) the lease row in the database; a second scheduler finds it held and stays idle, and
takes over when the holder stops renewing it.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask
from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite

from tracker.extensions import db
from tracker.models import SchedulerLease
from tracker.models.base import utcnow

log = logging.getLogger(__name__)

LEASE_NAME = "reminders"


# --- the jobs ---------------------------------------------------------------------------------


def daily_reminders(now: datetime) -> None:
    """Plan today's reminders, enqueue them and deliver every digest."""
    from jobs.run import run_reminders

    run_reminders(now=now)


def deliver_pending(now: datetime) -> None:
    """Deliver what waits in the outbox: retries after a failure, resent rows."""
    from jobs.delivery import deliver

    deliver(now=now)


def catch_up(now: datetime) -> None:
    """On start: if today's run time has passed, run it now (it is idempotent); otherwise only
    deliver what waits, and leave planning to the daily job — no reminders at 3 a.m."""
    from flask import current_app

    from jobs.rules import Rules

    rules = Rules.from_config(current_app.config)
    local = now.astimezone(ZoneInfo(rules.timezone))
    if local.hour >= current_app.config["REMINDER_DAILY_HOUR"]:
        daily_reminders(now)
    else:
        deliver_pending(now)


def keep_lease(now: datetime) -> None:
    """Nothing to do: the runner renews the lease before every job, this one included."""


@dataclass(frozen=True)
class Job:
    id: str
    func: Callable[[datetime], None]
    trigger: Callable[[Mapping], object]
    description: str


#: Every scheduled job. The ids are stable: they name the jobs in logs and in the scheduler.
JOBS: tuple[Job, ...] = (
    Job(
        "reminders-daily",
        daily_reminders,
        lambda config: CronTrigger(
            hour=config["REMINDER_DAILY_HOUR"], minute=0, timezone=config["TRACKER_TIMEZONE"]
        ),
        "plan and deliver reminders at the local daily hour",
    ),
    Job(
        "reminders-retry",
        deliver_pending,
        lambda config: IntervalTrigger(minutes=config["REMINDER_RETRY_MINUTES"]),
        "deliver pending and retried reminders",
    ),
    Job(
        "reminders-catch-up",
        catch_up,
        lambda config: DateTrigger(),  # once, as soon as the scheduler starts
        "catch up after a start or restart",
    ),
    Job(
        "scheduler-lease",
        keep_lease,
        lambda config: IntervalTrigger(seconds=max(10, config["SCHEDULER_LEASE_SECONDS"] // 3)),
        "renew the scheduler lease (a standby scheduler takes over when it runs out)",
    ),
)


# --- the lease --------------------------------------------------------------------------------


def new_holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire_lease(holder: str, now: datetime, seconds: int, name: str = LEASE_NAME) -> bool:
    """Take or renew the lease; True when `holder` has it until now + seconds. Commits.

    Both steps are single statements the database serializes: the insert creates the row once,
    the conditional update moves it only to its holder or past its expiry.
    """
    expires_at = now + timedelta(seconds=seconds)
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = SchedulerLease.__table__
    db.session.execute(
        insert(table)
        .values(name=name, holder=holder, expires_at=expires_at)
        .on_conflict_do_nothing(index_elements=["name"])
    )
    taken = db.session.execute(
        update(table)
        .where(
            table.c.name == name,
            (table.c.holder == holder) | (table.c.expires_at < now),
        )
        .values(holder=holder, expires_at=expires_at)
    )
    db.session.commit()
    return taken.rowcount == 1


def release_lease(holder: str, now: datetime, name: str = LEASE_NAME) -> None:
    """Give the lease up at shutdown so that a standby does not wait for it to expire."""
    table = SchedulerLease.__table__
    db.session.execute(
        update(table)
        .where(table.c.name == name, table.c.holder == holder)
        .values(expires_at=now - timedelta(seconds=1))
    )
    db.session.commit()


class JobRunner:
    """Runs a job in the app context, only while this process holds the lease."""

    def __init__(self, app: Flask, holder: str | None = None, clock=utcnow):
        self.app = app
        self.holder = holder or new_holder_id()
        self.clock = clock
        self.has_lease = False
        #: Another scheduler held the lease at some point: getting it now is a takeover.
        self.was_idle = False
        self._lock = threading.Lock()
        #: One reminder job at a time in this process: the jobs have different ids, so
        #: max_instances=1 does not keep the 5-minute retry from starting while a long daily
        #: delivery still runs, and the retry would find that delivery's rows due again once
        #: their claim (15 minutes) ran out and send them a second time.
        self._work = threading.Lock()

    def run(self, job_id: str) -> bool:
        """Run one job now; False when another scheduler holds the lease (nothing was done)."""
        job = next(j for j in JOBS if j.id == job_id)
        with self.app.app_context():
            try:
                now = self.clock()
                with self._lock:
                    seconds = self.app.config["SCHEDULER_LEASE_SECONDS"]
                    held = acquire_lease(self.holder, now, seconds)
                    taken_over = held and not self.has_lease and self.was_idle
                    if held != self.has_lease:
                        log.info(
                            "scheduler %s %s the lease", self.holder, "took" if held else "lost"
                        )
                    self.has_lease = held
                    self.was_idle = self.was_idle or not held
                if not held:
                    return False
                # Taking over from a scheduler that stopped: do what it may have missed.
                work = catch_up if job.id == "scheduler-lease" and taken_over else job.func
                if job.id == "scheduler-lease" and not taken_over:
                    return True  # the lease was renewed above; that is the whole job
                if not self._work.acquire(blocking=False):
                    log.info("%s skipped: another reminder job is still running", job.id)
                    return True
                try:
                    work(now)
                finally:
                    self._work.release()
                return True
            except Exception:
                db.session.rollback()
                raise  # APScheduler logs it; the next tick tries again
            finally:
                db.session.remove()

    def release(self) -> None:
        with self.app.app_context():
            try:
                release_lease(self.holder, self.clock())
            finally:
                db.session.remove()


def build_scheduler(app: Flask, runner: JobRunner, *, blocking: bool) -> BaseScheduler:
    """A scheduler with every job of JOBS: coalesced, one instance each, generous grace."""
    scheduler_class = BlockingScheduler if blocking else BackgroundScheduler
    scheduler: BaseScheduler = scheduler_class(timezone=ZoneInfo(app.config["TRACKER_TIMEZONE"]))
    for job in JOBS:
        scheduler.add_job(
            runner.run,
            trigger=job.trigger(app.config),
            args=[job.id],
            id=job.id,
            name=job.description,
            replace_existing=True,
            # A run missed while the process slept is done once, not once per missed tick.
            coalesce=True,
            max_instances=1,
            misfire_grace_time=app.config["REMINDER_MISFIRE_GRACE_SECONDS"],
        )
    return scheduler


# --- embedded in the web process --------------------------------------------------------------

_embedded: BackgroundScheduler | None = None
_embedded_lock = threading.Lock()


def should_start_embedded(app: Flask, command: str | None, reload: bool | None, env) -> bool:
    """Whether this process is the one that serves the app (and so runs the jobs).

    `command` is the CLI command asking (None outside the CLI) and `reload` the run command's
    --reload/--no-reload (None: follows --debug).

    - Only `tracker run` starts it (it calls start_embedded_scheduler). Every other command
      (`tracker db upgrade`, `shell`, `scheduler`…) and every script or WSGI server that calls
      create_app() does not: a deployment with a WSGI server runs `tracker scheduler` beside it.
    - With the reloader on, the parent process only watches files and restarts the child;
      the child (WERKZEUG_RUN_MAIN=true) is the one that serves.
    """
    if not app.config.get("TRACKER_EMBEDDED_SCHEDULER") or app.testing or command != "run":
        return False
    use_reloader = app.debug if reload is None else reload
    return not use_reloader or env.get("WERKZEUG_RUN_MAIN") == "true"


def start_embedded_scheduler(
    app: Flask, *, reload: bool | None = None, command: str | None = "run"
) -> BackgroundScheduler | None:
    """Start the background scheduler in this web process, once per process.

    Called by `tracker run` (tracker/cli.py) with its --reload/--no-reload; `create_app`
    never calls it, so building the app starts nothing.
    """
    global _embedded
    import click

    if not should_start_embedded(app, command, reload, os.environ):
        return None
    with _embedded_lock:
        if _embedded is not None:
            return _embedded
        runner = JobRunner(app)
        scheduler = build_scheduler(app, runner, blocking=False)
        scheduler.start()

        def stop() -> None:
            scheduler.shutdown(wait=False)
            runner.release()

        atexit.register(stop)
        _embedded = scheduler
        log.info("embedded scheduler started (%s)", runner.holder)
        click.echo(describe_embedded(app), err=True)
        return scheduler


def describe_embedded(app: Flask) -> str:
    """What the console says when `tracker run` starts: reminders run here, and where mail goes."""
    config = app.config
    if config.get("MAIL_SUPPRESS_SEND"):
        mail = "mail is only kept in the outbox (/avisos/): set MAIL_SERVER to send it"
    else:
        mail = f"mail is sent through {config.get('MAIL_SERVER')}:{config.get('MAIL_PORT')}"
    hour = config.get("REMINDER_DAILY_HOUR")
    return f"reminders run inside this process every day at {hour}:00 ({mail})"
