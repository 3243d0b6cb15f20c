"""Which days the reminders were planned for: one history row per completed planning run.

Kept in audit_events (entity_type "reminder_runs", entity_id the day's ordinal, the run's start
in `changes`), so no migration is needed; no page lists that entity type. The row is written
in the enqueue's own transaction: it exists exactly when the run's notices are in the outbox.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from jobs.slots import Window
from tracker.extensions import db
from tracker.models import AuditEvent

ENTITY = "reminder_runs"
#: Changes this long before a run's start count as unseen by it: a transaction that stamped
#: updated_at then committed while that run was reading.
UNSEEN_MARGIN = timedelta(minutes=10)


def window_for(today: date) -> Window:
    """(the last day planned before today, today], and the changes since that run started.

    Re-running a day plans that day's window again (same rows, enqueued once). Without a
    completed run before today — the first run, or a day before every recorded one — the
    window opens on nothing and everything due is planned.
    """
    row = db.session.execute(
        select(AuditEvent.entity_id, AuditEvent.changes)
        .where(AuditEvent.entity_type == ENTITY, AuditEvent.entity_id < today.toordinal())
        .order_by(AuditEvent.entity_id.desc(), AuditEvent.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return Window(today)
    started = datetime.fromisoformat(row.changes["started_at"])
    return Window(today, date.fromordinal(row.entity_id), started - UNSEEN_MARGIN)


def record_run(today: date, started_at: datetime, planned: int, enqueued: int) -> None:
    """Note that `today` was planned by a run that began at `started_at` (the caller commits)."""
    db.session.add(
        AuditEvent(
            entity_type=ENTITY,
            entity_id=today.toordinal(),
            action="planned",
            changes={
                "today": today.isoformat(),
                "started_at": started_at.isoformat(),
                "planned": planned,
                "enqueued": enqueued,
            },
        )
    )
    db.session.flush()
