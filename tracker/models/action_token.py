from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow
from tracker.models.enums import enum_type

if TYPE_CHECKING:
    from tracker.models.followup import FollowUp


class MailAction(StrEnum):
    DONE = "done"
    POSTPONE = "postpone"


class ActionToken(Base):
    """A one-click link in a reminder mail: single use, expiring, stored only as a hash."""

    __tablename__ = "action_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: sha256 of the secret in the link; the secret itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    followup_id: Mapped[int] = mapped_column(
        ForeignKey("followups.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[MailAction] = mapped_column(enum_type(MailAction, "mail_action"))
    #: Who the link was mailed to (written into the follow-up's history when used).
    recipient_email: Mapped[str] = mapped_column(String(254))
    expires_at: Mapped[datetime] = mapped_column(index=True)
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    followup: Mapped[FollowUp] = relationship()
