"""What a reminder run would send, per recipient, without writing anything (the dry run's report).

A real run enqueues the planned rows that are new and then delivers every pending row that is
due; the preview counts the same two sets, read-only, and groups them as the digests would be.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from jobs import rules as R
from jobs.plan import Notice
from tracker.extensions import db
from tracker.models import ItemType, Notification, NotificationStatus, Person

#: The digest's sections as the preview counts them ("vencen hoy" is counted as "por vencer").
SECTIONS = ("overdue", "soon", "reports", "projects", "news")


@dataclass
class RecipientPreview:
    """One recipient's would-be digest: who, in which language, how many lines per section."""

    email: str
    name: str
    language: str
    lines: dict[str, set[tuple[str, int]]] = field(
        default_factory=lambda: {name: set() for name in SECTIONS}
    )

    def count(self, section: str) -> int:
        return len(self.lines[section])


def section_of(item_type: str, rule: str, due: date | None, today: date) -> str:
    """The preview section of a line, by the rules jobs.delivery uses on the day of sending."""
    if rule in R.NEWS_RULES:
        return "news"
    if item_type == ItemType.REPORT:
        return "reports"
    if item_type == ItemType.PROJECT:
        return "projects"
    return "overdue" if due is None or due < today else "soon"


def preview(notices: Iterable[Notice], today: date, now: datetime) -> list[RecipientPreview]:
    """Per recipient (by address), the lines a run on `today` at `now` would send; reads only."""
    notices = list(notices)
    existing = _existing_keys({n.slot for n in notices})
    found: dict[str, RecipientPreview] = {}

    def add(email, name, language, item_type, item_id, rule, due) -> None:
        entry = found.get(email)
        if entry is None:
            entry = found[email] = RecipientPreview(email, name or email, language or "es")
        entry.lines[section_of(item_type, rule, due, today)].add((str(item_type), item_id))

    for notice in notices:
        for contact in (notice.recipient, *notice.cc):
            key = (str(notice.item_type), notice.item_id, notice.rule, notice.slot, contact.email)
            if key not in existing:
                add(
                    contact.email,
                    contact.name,
                    contact.language,
                    notice.item_type,
                    notice.item_id,
                    notice.rule,
                    notice.due_date,
                )
    pending = db.session.execute(
        select(
            Notification.recipient_email,
            Person.name,
            Notification.language,
            Notification.item_type,
            Notification.item_id,
            Notification.rule,
            Notification.due_on,
        )
        .outerjoin(Person, Person.id == Notification.recipient_person_id)
        .where(
            Notification.status == NotificationStatus.PENDING,
            Notification.next_attempt_at <= now,
        )
    )
    for row in pending:
        add(*row)
    return sorted(found.values(), key=lambda entry: entry.email)


def _existing_keys(slots: set[date]) -> set[tuple]:
    """The outbox keys already stored for these slots (those rows would not be enqueued again)."""
    if not slots:
        return set()
    statement = select(
        Notification.item_type,
        Notification.item_id,
        Notification.rule,
        Notification.slot_on,
        Notification.recipient_email,
    ).where(Notification.slot_on.in_(sorted(slots)))
    return {(str(t), i, r, s, e) for t, i, r, s, e in db.session.execute(statement)}
