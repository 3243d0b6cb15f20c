from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow
from tracker.models.enums import enum_type

if TYPE_CHECKING:
    from tracker.models.person import Person


class NotificationStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    #: The item was closed, deleted or moved before the mail went out; nothing was sent.
    SKIPPED = "skipped"


class ItemType(StrEnum):
    FOLLOWUP = "followup"
    REPORT = "report"
    PROJECT = "project"


class Notification(Base):
    """One reminder for one recipient: the outbox row and, once sent, its delivery record.

    The unique key makes planning idempotent: the same (item, rule, slot, recipient) is only
    ever inserted once, however often or in how many processes the planner runs.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint(
            "item_type",
            "item_id",
            "rule",
            "slot_on",
            "recipient_email",
            name="uq_notifications_key",
        ),
        # The deliverer's query: pending rows whose next attempt is due.
        Index(
            "ix_notifications_pending",
            "next_attempt_at",
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_notifications_item", "item_type", "item_id"),
        Index("ix_notifications_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_type: Mapped[ItemType] = mapped_column(enum_type(ItemType, "notification_item_type"))
    item_id: Mapped[int]
    #: The rule that fired: due_soon, due_today, overdue, overdue_supervisor, … (jobs/plan.py).
    rule: Mapped[str] = mapped_column(String(40))
    #: The day the rule fired for (e.g. due date − 7 for "due in 7 days"); part of the key.
    slot_on: Mapped[date]
    recipient_email: Mapped[str] = mapped_column(String(254))
    #: None for the unit's mailbox and for addresses that belong to no person.
    recipient_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    #: A copy to a supervisor or to the unit, about someone else's item.
    is_copy: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(5), default="es")
    #: On the main row: the addresses that got a copy (each has its own row).
    cc: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Snapshots taken when planned, for the list page and the mail.
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None]
    #: Whose item it is (the owner or lead), for the copies' "a cargo de …".
    about_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[NotificationStatus] = mapped_column(
        enum_type(NotificationStatus, "notification_status"), default=NotificationStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    #: Pending rows are delivered from this instant on (retries back off; delivery claims it).
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    recipient_person: Mapped[Person | None] = relationship()

    @property
    def is_resendable(self) -> bool:
        return self.status == NotificationStatus.FAILED
