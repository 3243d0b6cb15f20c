"""The database goes away while a reminder job runs.

- `tracker reminders run` against a database it cannot reach, and against one that refuses
  its writes halfway through the run: the process exits non-zero naming the error, nothing
  is half-written (no outbox row, no mail), and the next run, database back, delivers every
  due notice once.
- In process: a real APScheduler whose job dies of an OperationalError keeps running, and its
  next tick completes.

The faults are real, not mocks: a closed TCP port (PostgreSQL) or a path SQLite cannot open;
another connection holding the write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: LOCK TABLE …
IN EXCLUSIVE MODE with a lock_timeout on the job's side).
"""

import queue
from datetime import UTC, date, datetime

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from sqlalchemy.exc import OperationalError

from jobs.scheduler import JobRunner, build_scheduler
from tests.reliability.conftest import (
    database_url,
    error_line,
    run_tracker,
    seed_overdue,
    short_lock_waits,
    status_counts,
    tracker_env,
    writes_blocked,
)
from tests.reminders.helpers import at, free_port, rows
from tracker.models import NotificationStatus, SchedulerLease

TODAY = date(2025, 6, 16)
SENT = NotificationStatus.SENT


def _unreachable_url(db, tmp_path) -> tuple[str, str]:
    """A URL of the suite's kind that cannot be opened, and what the error says about it."""
    if db.engine.dialect.name == "postgresql":
        url = db.engine.url.set(host="127.0.0.1", port=free_port())  # nothing listens there
        return url.render_as_string(hide_password=False), "Connection refused"
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the database's directory should be")
    return f"sqlite:///{blocker / 'tracker.sqlite'}", "unable to open database file"


def _run_for_today(env):
    return run_tracker("reminders", "run", "--today", TODAY.isoformat(), env=env)


def test_cli_run_against_an_unreachable_database_fails_cleanly_then_the_next_run_delivers(
    relay, make, db, tmp_path
):
    emails = seed_overdue(5, TODAY)
    bad_url, cause = _unreachable_url(db, tmp_path)

    down = _run_for_today(tracker_env(bad_url, mail_port=relay.port))

    assert down.returncode == 1, down.stdout
    assert "OperationalError" in error_line(down.stderr) and cause in down.stderr
    assert "planned=" not in down.stdout
    assert relay.received == [] and status_counts() == {}

    back = _run_for_today(tracker_env(database_url(), mail_port=relay.port))

    assert back.returncode == 0, back.stderr
    assert back.stdout.strip().endswith("planned=5 enqueued=5 sent=5 failed=0")
    assert relay.recorder.per_recipient() == {email: 1 for email in emails}
    assert status_counts() == {SENT: 5}
    again = _run_for_today(tracker_env(database_url(), mail_port=relay.port))
    assert again.stdout.strip().endswith("planned=5 enqueued=0 sent=0 failed=0")
    assert len(relay.received) == 5


def test_cli_run_whose_writes_are_refused_mid_run_leaves_no_partial_state(relay, make, db):
    """Planning reads fine; the outbox insert is refused (lock): the whole enqueue rolls back.

    SQLite waits its 5 s busy timeout before "database is locked"; PostgreSQL gets a 1 s
    lock_timeout through PGOPTIONS (without one it would wait for the lock, not fail).
    """
    emails = seed_overdue(5, TODAY)
    env = tracker_env(database_url(), mail_port=relay.port, PGOPTIONS="-c lock_timeout=1000")
    followups_before = [(f.id, f.status, f.due_on) for f in _followups(db)]

    with writes_blocked(db.engine):
        refused = _run_for_today(env)

    assert refused.returncode == 1, refused.stdout
    failure = error_line(refused.stderr)
    assert "OperationalError" in failure
    assert "database is locked" in failure or "lock timeout" in failure, failure
    assert status_counts() == {}, "no outbox row was left behind"
    assert relay.received == []
    assert [(f.id, f.status, f.due_on) for f in _followups(db)] == followups_before

    back = _run_for_today(env)

    assert back.returncode == 0, back.stderr
    assert back.stdout.strip().endswith("planned=5 enqueued=5 sent=5 failed=0")
    assert relay.recorder.per_recipient() == {email: 1 for email in emails}
    assert status_counts() == {SENT: 5}


def _followups(db):
    from tracker.models import FollowUp

    db.session.expire_all()
    found = list(db.session.scalars(db.select(FollowUp).order_by(FollowUp.id)))
    db.session.rollback()
    return found


def test_a_scheduled_job_survives_an_operational_error_and_the_next_tick_completes(
    app, relay, make, db
):
    """The JobRunner rolls back, removes its session and re-raises; APScheduler records the
    error and keeps the scheduler (and the job) alive; the next tick delivers everything once.

    Where it fails: on SQLite the lease write already meets the lock; on PostgreSQL the lease
    and the planning go through and the outbox insert fails (the lease stays with the runner).
    """
    emails = seed_overdue(4, TODAY)
    runner = JobRunner(app, holder="survivor", clock=lambda: at(TODAY, 14))  # 08:00 local
    scheduler = build_scheduler(app, runner, blocking=False)
    events: queue.Queue = queue.Queue()
    scheduler.add_listener(events.put, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    try:
        with short_lock_waits(db.engine), writes_blocked(db.engine):
            scheduler.start()  # the catch-up job runs at once: today's run, past 07:00
            failed = events.get(timeout=20)
        assert failed.job_id == "reminders-catch-up"
        assert isinstance(failed.exception, OperationalError), failed.exception
        assert scheduler.running
        assert rows() == [] and relay.received == []

        scheduler.get_job("reminders-daily").modify(next_run_time=datetime.now(UTC))
        completed = events.get(timeout=20)
        assert (completed.job_id, completed.exception, completed.retval) == (
            "reminders-daily",
            None,
            True,
        )
        assert relay.recorder.per_recipient() == {email: 1 for email in emails}
        assert status_counts() == {SENT: 4}

        scheduler.get_job("reminders-retry").modify(next_run_time=datetime.now(UTC))
        retried = events.get(timeout=20)
        assert (retried.job_id, retried.exception) == ("reminders-retry", None)
        assert len(relay.received) == 4, "nothing sent twice"
    finally:
        scheduler.shutdown(wait=True)
    db.session.expire_all()
    assert db.session.get(SchedulerLease, "reminders").holder == "survivor"
    assert not runner._lock.locked()
    assert events.empty(), [(e.job_id, e.exception) for e in events.queue]
