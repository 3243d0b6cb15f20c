from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow

if TYPE_CHECKING:
    from tracker.models.report import ParticipationReport
    from tracker.models.user import User


class ReportLink(Base):
    """A private link that lets a participant without an account write one report.

    It opens that report only, stops working once the report is approved, and can be
    revoked; only the secret's hash is stored.
    """

    __tablename__ = "report_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("participation_reports.id", ondelete="CASCADE"), index=True
    )
    #: sha256 (hex) of the secret in the link.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]

    report: Mapped[ParticipationReport] = relationship()
    created_by: Mapped[User | None] = relationship()

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
