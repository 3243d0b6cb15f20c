"""Enqueue: planned notices become outbox rows, one per (item, rule, slot, recipient).

The insert skips rows whose key already exists (INSERT … ON CONFLICT DO NOTHING on both
PostgreSQL and SQLite), so planning twice — or in two processes at once — adds nothing. On
PostgreSQL a concurrent insert of the same key waits for the first transaction and then does
nothing; on SQLite writers are serialized by the database lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

from jobs.plan import Notice
from tracker.extensions import db
from tracker.models import ItemType, Notification, NotificationStatus
from tracker.models.base import utcnow

KEY = ("item_type", "item_id", "rule", "slot_on", "recipient_email")
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def notice_rows(notices: Iterable[Notice], now: datetime) -> list[dict[str, Any]]:
    """The outbox rows of `notices`: the recipient's, then one per copy (deduplicated)."""
    rows: dict[tuple, dict[str, Any]] = {}
    for notice in notices:
        targets = [(notice.recipient, False), *((copy, True) for copy in notice.cc)]
        for contact, is_copy in targets:
            row = {
                "item_type": ItemType(notice.item_type),
                "item_id": notice.item_id,
                "rule": notice.rule,
                "slot_on": notice.slot,
                "recipient_email": contact.email,
                "recipient_person_id": contact.person_id,
                "is_copy": is_copy,
                "language": contact.language,
                "cc": [] if is_copy else [c.email for c in notice.cc],
                "title": notice.title[:300],
                "due_on": notice.due_date,
                "about_name": (notice.about or "")[:200] or None,
                "status": NotificationStatus.PENDING,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
            rows.setdefault(tuple(row[k] for k in KEY), row)
    return list(rows.values())


def enqueue(notices: Iterable[Notice], now: datetime | None = None) -> int:
    """Insert the rows that do not exist yet; returns how many were new. The caller commits."""
    rows = notice_rows(notices, now or utcnow())
    if not rows:
        return 0
    dialect = db.session.get_bind().dialect.name
    try:
        insert = _INSERTS[dialect]
    except KeyError:
        raise RuntimeError(f"no idempotent insert for the {dialect} dialect") from None
    table = Notification.__table__
    statement = insert(table).on_conflict_do_nothing(index_elements=list(KEY)).returning(table.c.id)
    # RETURNING yields only the rows actually inserted: the count of what is new.
    return len(db.session.execute(statement, rows).all())
