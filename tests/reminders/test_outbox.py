"""The outbox key: planning twice, in two threads or in two processes, never adds a second row."""

import os
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from jobs.enqueue import enqueue
from jobs.run import plan_notices
from tests.reminders.helpers import at, rows
from tracker.models import ItemType, Notification

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2025, 6, 16)
NOW = at(TODAY)


def _items(make, count: int = 20) -> int:
    """`count` overdue follow-ups, each escalated to a supervisor: 2 rows per follow-up."""
    boss = make.person(email="jefa@example.org")
    for n in range(count):
        owner = make.person(email=f"p{n}@example.org", supervisor=boss)
        make.followup(owner=owner, due_on=TODAY - timedelta(days=8))
    return 2 * count


def _count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification))


def test_planning_twice_enqueues_once(make, db):
    expected = _items(make, 3)
    notices = plan_notices(TODAY)
    assert sum(n.row_count for n in notices) == expected
    assert enqueue(notices, NOW) == expected
    db.session.commit()
    assert enqueue(plan_notices(TODAY), NOW + timedelta(hours=1)) == 0
    db.session.commit()
    assert _count(db) == expected
    copies = rows(is_copy=True)
    assert {r.recipient_email for r in copies} == {"jefa@example.org"}
    assert all(r.cc == [] for r in copies)
    assert all(r.cc == ["jefa@example.org"] for r in rows(is_copy=False))


def test_the_database_itself_refuses_a_duplicate_key(make, db):
    _items(make, 1)
    enqueue(plan_notices(TODAY), NOW)
    db.session.commit()
    [row, *_] = rows()
    duplicate = Notification(
        item_type=ItemType(row.item_type),
        item_id=row.item_id,
        rule=row.rule,
        slot_on=row.slot_on,
        recipient_email=row.recipient_email,
        title="otra vez",
    )
    db.session.add(duplicate)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_two_planners_in_threads_create_no_duplicate(app, make, db):
    expected = _items(make)
    barrier = threading.Barrier(2)
    inserted, errors = [], []

    def planner():
        try:
            with app.app_context():
                notices = plan_notices(TODAY)
                barrier.wait(timeout=10)
                inserted.append(enqueue(notices, NOW))
                time.sleep(0.1)  # keep the transaction open: the other one must wait on it
                db.session.commit()
                db.session.remove()
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=planner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(inserted) == [0, expected]
    assert _count(db) == expected


WORKER = """
import sys, time
from datetime import UTC, date, datetime
from config import Config
from tracker import create_app

class WorkerConfig(Config):
    SQLALCHEMY_DATABASE_URI = sys.argv[1]
    TRACKER_EMBEDDED_SCHEDULER = False

app = create_app(WorkerConfig)
with app.app_context():
    from jobs.enqueue import enqueue
    from jobs.run import plan_notices
    from tracker.extensions import db

    notices = plan_notices(date.fromisoformat(sys.argv[2]))
    time.sleep(max(0.0, float(sys.argv[3]) - time.time()))
    count = enqueue(notices, datetime.now(UTC))
    time.sleep(0.3)
    db.session.commit()
    print(count)
"""


def test_two_planners_in_two_processes_create_no_duplicate(make, db):
    """Two OS processes on the same database (PostgreSQL when TRACKER_TEST_DATABASE_URL is
    set, the SQLite file otherwise) enqueue the same notices at the same moment."""
    expected = _items(make)
    url = db.engine.url.render_as_string(hide_password=False)
    start_at = str(time.time() + 2)
    env = {**os.environ, "TRACKER_EMBEDDED_SCHEDULER": "0"}
    command = [sys.executable, "-c", WORKER, url, TODAY.isoformat(), start_at]
    workers = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [worker.communicate(timeout=60) for worker in workers]
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err.decode()
    counts = sorted(int(out.decode().split()[-1]) for out, _err in outputs)
    assert counts == [0, expected]
    db.session.expire_all()
    assert _count(db) == expected
