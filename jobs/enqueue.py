"""Enqueue: planned notices become outbox rows, one per (item, rule, slot, recipient).

The insert skips rows whose key already exists (INSERT … ON CONFLICT DO NOTHING on both
PostgreSQL and SQLite), so planning twice — or in two processes at once — adds nothing. On
PostgreSQL a concurrent insert of the same key waits for the first transaction and then does
nothing; on SQLite writers are serialized by the database lock.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from jobs.bulk import Converters, insert_many
from jobs.plan import Notice
from tracker.models import ItemType, Notification, NotificationStatus
from tracker.models.base import utcnow

KEY = ("item_type", "item_id", "rule", "slot_on", "recipient_email")
#: The columns written, in the order of the row tuples below.
COLUMNS = (
    *KEY,
    "recipient_person_id",
    "is_copy",
    "language",
    "cc",
    "title",
    "due_on",
    "about_name",
    "status",
    "attempts",
    "next_attempt_at",
    "created_at",
)


def enqueue(notices: Iterable[Notice], now: datetime | None = None) -> int:
    """Insert the rows that do not exist yet; returns how many were new. The caller commits.

    INSERT … ON CONFLICT DO NOTHING for all the rows at once (jobs.bulk: no ORM objects, no
    statement per row), in the caller's one transaction: a key that already exists, or
    repeats among `notices`, is skipped by the database and not counted.

    Each recipient's rows go in side by side, in the order they are planned (the recipient's
    own notices and the copies of others', as `plan` sorts them): delivery reads, stamps and
    commits one recipient at a time, and then touches a few pages instead of hundreds.
    """
    targets = [(notice, to) for notice in notices for to in range(1 + len(notice.cc))]
    targets.sort(key=_recipient_email)
    table = Notification.__table__
    rows = _rows(targets, now or utcnow(), Converters(table))
    return insert_many(table, COLUMNS, rows, skip_existing=KEY)


def _recipient_email(target: tuple[Notice, int]) -> str:
    notice, to = target
    return (notice.cc[to - 1] if to else notice.recipient).email or ""


def _rows(
    targets: Iterable[tuple[Notice, int]], now: datetime, convert: Converters
) -> Iterator[tuple]:
    """The outbox row of each (notice, recipient) — 0 the notice's recipient, n its n-th copy
    — as driver values in COLUMNS order. (Text and integer columns need no conversion.)"""
    item_type, slot_on, due_on = (
        convert.of("item_type"),
        convert.of("slot_on"),
        convert.of("due_on"),
    )
    is_copy, cc = convert.of("is_copy"), convert.of("cc", key=tuple)
    # The same for every row of a run.
    constants = (
        convert.of("status")(NotificationStatus.PENDING),
        convert.of("attempts")(0),
        convert.of("next_attempt_at")(now),
        convert.of("created_at")(now),
    )
    item_types = {t.value: item_type(t) for t in ItemType}
    main, copy, no_copies = is_copy(False), is_copy(True), cc([])
    for notice, to in targets:
        contact = notice.cc[to - 1] if to else notice.recipient
        yield (
            item_types[notice.item_type],
            notice.item_id,
            notice.rule,
            slot_on(notice.slot),
            contact.email,
            contact.person_id,
            copy if to else main,
            contact.language,
            no_copies if to else cc([c.email for c in notice.cc]),
            notice.title[:300],
            due_on(notice.due_date),
            (notice.about or "")[:200] or None,
            *constants,
        )
