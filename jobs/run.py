"""The reminder run: plan → enqueue → deliver. Used by the CLI, the scheduler and the tests."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import delete

from jobs.delivery import DeliveryResult, deliver
from jobs.enqueue import enqueue
from jobs.plan import Notice, iter_items, plan, plan_window
from jobs.rules import Rules
from jobs.run_log import record_run, window_for
from jobs.slots import Window
from tracker.extensions import db
from tracker.models import ActionToken
from tracker.models.base import utcnow

log = logging.getLogger(__name__)

#: Used or expired mail links are kept this long (to answer "already used"), then purged.
TOKEN_RETENTION = timedelta(days=30)


@dataclass
class RunResult:
    """Counts are outbox rows: one per item, rule, slot and recipient (copies included)."""

    today: date
    planned: int = 0
    enqueued: int = 0
    sent: int = 0
    failed: int = 0
    notices: list[Notice] = field(default_factory=list)
    delivery: DeliveryResult | None = None

    def summary(self) -> str:
        return (
            f"planned={self.planned} enqueued={self.enqueued} sent={self.sent} failed={self.failed}"
        )


def plan_notices(today: date, window: Window | None = None) -> list[Notice]:
    """What the rules say for `today` (reads the database, writes nothing).

    Without a window, everything that applies today (what the outbox may already hold
    included); with one, only what is new in it (jobs/plan.py, `plan_window`).
    """
    rules = Rules.from_config(current_app.config)
    if window is None:
        return plan(today, rules, iter_items(today, rules))
    return plan_window(window, rules, iter_items(today, rules, window))


def run_reminders(
    today: date | None = None, *, dry_run: bool = False, now: datetime | None = None
) -> RunResult:
    """Plan for `today` (the institution's date by default), enqueue in one transaction, deliver.

    Running it again for the same day enqueues and sends nothing new. Planning covers the
    days since the last completed run (jobs/run_log.py): a day's cost follows what is due
    that day, and a run after missed days catches up with them.
    """
    started_at = utcnow()  # the real clock: compared with the rows' updated_at, not `now`
    now = now or started_at
    today = today or Rules.from_config(current_app.config).today(now)
    notices = plan_notices(today, window_for(today))
    result = RunResult(today=today, notices=notices, planned=sum(n.row_count for n in notices))
    if dry_run:
        db.session.rollback()
        return result
    result.enqueued = enqueue(notices, now)
    record_run(today, started_at, result.planned, result.enqueued)
    db.session.commit()
    result.delivery = deliver(today=today, now=now)
    result.sent, result.failed = result.delivery.sent, result.delivery.failed
    purge_action_tokens(now)
    log.info("reminders for %s: %s", today, result.summary())
    return result


def purge_action_tokens(now: datetime) -> int:
    """Forget mail links that expired long ago."""
    deleted = db.session.execute(
        delete(ActionToken).where(ActionToken.expires_at < now - TOKEN_RETENTION)
    )
    db.session.commit()
    return deleted.rowcount
