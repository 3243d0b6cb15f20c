from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow
from tracker.models.enums import ReportStatus, enum_type

if TYPE_CHECKING:
    from tracker.models.activity import Activity
    from tracker.models.attachment import Attachment
    from tracker.models.person import Person
    from tracker.models.user import User


class ParticipationReport(Base):
    """One participant's report on one activity; the participant's role lives here too."""

    __tablename__ = "participation_reports"
    __table_args__ = (
        UniqueConstraint("activity_id", "person_id"),
        Index(
            "ix_participation_reports_due_open",
            "due_on",
            sqlite_where=text("status IN ('pending', 'returned') AND deleted_at IS NULL"),
            postgresql_where=text("status IN ('pending', 'returned') AND deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    #: Calidad de participación.
    role: Mapped[str | None] = mapped_column(String(300))
    #: Contribución de la actividad al logro de las metas institucionales.
    contribution: Mapped[str | None] = mapped_column(Text)
    #: Motivo de la participación: contexto y objetivos.
    motive: Mapped[str | None] = mapped_column(Text)
    #: One achievement per line.
    achievements: Mapped[str | None] = mapped_column(Text)
    #: One lesson per line.
    lessons: Mapped[str | None] = mapped_column(Text)
    comments: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ReportStatus] = mapped_column(
        enum_type(ReportStatus, "report_status"), default=ReportStatus.PENDING
    )
    due_on: Mapped[date]
    submitted_at: Mapped[datetime | None]
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Why the report was sent back to its author (the latest return).
    return_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None]

    activity: Mapped[Activity] = relationship(back_populates="reports")
    person: Mapped[Person] = relationship()
    approved_by: Mapped[User | None] = relationship()
    #: Original documents (the imported form and anything attached later).
    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.id", viewonly=True)

    @property
    def achievement_list(self) -> list[str]:
        return _lines(self.achievements)

    @property
    def lesson_list(self) -> list[str]:
        return _lines(self.lessons)

    def __str__(self) -> str:
        return f"{self.person.name} — {self.activity.name}"


def _lines(value: str | None) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]
