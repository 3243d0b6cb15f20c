from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow

if TYPE_CHECKING:
    from tracker.models.user import User


class UserNotice(Base):
    """Something a user is told inside the app (a report returned, a briefing…), read or not.

    The wording is rendered from `kind` and `details` in the reader's language, so a notice
    written in Spanish reads in English for someone who switches.
    """

    __tablename__ = "user_notices"
    __table_args__ = (Index("ix_user_notices_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: What happened, e.g. "report_submitted", "report_returned", "briefing".
    kind: Mapped[str] = mapped_column(String(40))
    #: The record it is about (an ItemType value and its id), to link to its page.
    item_type: Mapped[str | None] = mapped_column(String(20))
    item_id: Mapped[int | None]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Values the wording needs (a reason, an activity name), JSON-friendly.
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
