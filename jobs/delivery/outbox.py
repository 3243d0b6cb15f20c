"""Claim and stamp: the outbox rows a run owns, and what became of them.

A run *claims* the due pending rows with one conditional UPDATE that pushes their next attempt
CLAIM ahead, and commits, so a second deliverer running at the same moment does not pick them
up. Just before a digest goes out, its rows are checked to be still this run's (a run that
outlasts its claim leaves them to the one that took them over). Once the server accepted a
digest its rows are stamped `sent`; a failure counts an attempt, stores the error and either
backs off or, after REMINDER_MAX_ATTEMPTS (or a refusal for good), marks them `failed`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, NamedTuple

from flask import current_app
from sqlalchemy import String, and_, bindparam, func, select, type_coerce, update

from jobs.delivery.ids import by_ids, id_runs_clause
from tracker.extensions import db
from tracker.models import ItemType, Notification, NotificationStatus
from tracker.models.base import UTCDateTime

#: How long a deliverer owns the rows it claimed; a crash makes them due again after this.
CLAIM = timedelta(minutes=15)


@dataclass
class DeliveryResult:
    sent: int = 0  #: rows delivered
    failed: int = 0  #: rows that reached `failed` in this run
    retrying: int = 0  #: rows that failed this time and wait for another attempt
    skipped: int = 0  #: rows dropped because their item no longer applies
    mails: int = 0  #: digests the server accepted
    suppressed: bool = False  #: MAIL_SUPPRESS_SEND: nothing left the outbox


class ClaimedRow(NamedTuple):
    """A row this run claimed (a tuple: a run claims every due row, made fast)."""

    id: int
    item_type: str


def claim(now: datetime) -> dict[str, list[ClaimedRow]]:
    """Take the due pending rows for this run (committed), so no other run takes them.

    Returns their rows per recipient, recipients and ids in order. The UPDATE returns only
    the ids (SQLite holds a RETURNING's rows in memory until the statement ends); recipients
    and types are read back by id, a run of consecutive ids at a time.
    """
    table = Notification.__table__
    ids = db.session.scalars(
        update(table)
        .where(
            table.c.status == NotificationStatus.PENDING.value,
            table.c.next_attempt_at <= now,
        )
        .values(next_attempt_at=now + CLAIM)
        .returning(table.c.id)
    ).all()
    by_recipient: dict[str, list[ClaimedRow]] = defaultdict(list)
    names = {t.value: t.value for t in ItemType}  # one string per type, not one per row
    for count, params in by_ids(ids):
        for row_id, email, item_type in db.session.execute(_claimed_statement(count), params):
            by_recipient[email].append(ClaimedRow(row_id, names[item_type]))
    db.session.commit()
    return {
        email: sorted(by_recipient[email], key=lambda row: row.id) for email in sorted(by_recipient)
    }


@cache
def _claimed_statement(count: int) -> Any:
    table = Notification.__table__
    return select(
        table.c.id, table.c.recipient_email, type_coerce(table.c.item_type, String)
    ).where(id_runs_clause(table.c.id, count))


def still_claimed(ids: list[int], until: datetime) -> bool:
    """Whether the rows are still pending under this run's claim (read just before sending).

    The database counts them: rows selected by id, the claim compared in the count and not in
    the WHERE (a condition on the claim's instant would lead it to the pending-rows index,
    where every row of the run has that same instant).
    """
    owned = 0
    for count, params in by_ids(ids):
        owned += db.session.execute(
            _claim_state_statement(count), {**params, "until": until}
        ).scalar_one()
    return owned == len(ids)


@cache
def _claim_state_statement(count: int) -> Any:
    table = Notification.__table__
    mine = and_(
        table.c.status == NotificationStatus.PENDING.value,
        table.c.next_attempt_at == bindparam("until", type_=UTCDateTime()),
    )
    return select(func.count().filter(mine)).where(id_runs_clause(table.c.id, count))


def mark_sent(ids: list[int], at: datetime) -> None:
    for count, params in by_ids(ids):
        db.session.execute(_mark_sent_statement(count), {**params, "sent": at})


@cache
def _mark_sent_statement(count: int) -> Any:
    table = Notification.__table__
    return (
        update(table)
        .where(id_runs_clause(table.c.id, count))
        .values(status=NotificationStatus.SENT, sent_at=bindparam("sent", type_=UTCDateTime()))
    )


def mark_skipped(reasons: dict[int, str]) -> None:
    """Rows whose item no longer applies (closed, deleted, moved): `skipped`, with why."""
    bulk_update(
        [
            {"_id": row_id, "status": NotificationStatus.SKIPPED, "last_error": reason}
            for row_id, reason in reasons.items()
        ]
    )


def record_failure(
    ids: list[int], error: str, now: datetime, result: DeliveryResult, permanent: bool = False
) -> None:
    """attempts + 1, the error, and either the next attempt after a backoff or `failed`."""
    config = current_app.config
    max_attempts = config["REMINDER_MAX_ATTEMPTS"]
    backoff = tuple(config["REMINDER_BACKOFF_MINUTES"]) or (5,)
    attempts: dict[int, int] = {}
    for count, params in by_ids(ids):
        statement = select(Notification.id, Notification.attempts).where(
            id_runs_clause(Notification.id, count)
        )
        attempts.update(db.session.execute(statement, params).all())
    changes = []
    for row_id, previous in attempts.items():
        count = previous + 1
        change = {"_id": row_id, "attempts": count, "last_error": error[:1000]}
        if permanent or count >= max_attempts:
            change["status"] = NotificationStatus.FAILED
            result.failed += 1
        else:
            wait = backoff[min(count, len(backoff)) - 1]
            change["next_attempt_at"] = now + timedelta(minutes=wait)
            result.retrying += 1
        changes.append(change)
    bulk_update(changes)


def bulk_update(changes: list[dict[str, Any]]) -> None:
    """One executemany per set of columns (no statement per row when they agree)."""
    table = Notification.__table__
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for change in changes:
        groups[tuple(sorted(k for k in change if k != "_id"))].append(change)
    for columns, params in groups.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({column: bindparam(column) for column in columns})
        )
        db.session.execute(statement, params)
