from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow
from tracker.models.enums import ActivityKind, Modality, enum_type
from tracker.models.organization import Organization

if TYPE_CHECKING:
    from tracker.models.report import ParticipationReport

activity_organizers = Table(
    "activity_organizers",
    Base.metadata,
    Column("activity_id", ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True),
    Column("organization_id", ForeignKey("organizations.id"), primary_key=True),
)


class ActivitySeries(Base):
    """A recurring forum or body (e.g. "Foro Generación Igualdad"); carries the handover notes."""

    __tablename__ = "activity_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    notes: Mapped[list[HandoverNote]] = relationship(
        back_populates="series", order_by="HandoverNote.created_at.desc()"
    )

    def __str__(self) -> str:
        return self.name


class Activity(Base):
    """An international activity someone took part in on behalf of the institution."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[ActivityKind] = mapped_column(
        enum_type(ActivityKind, "activity_kind"), default=ActivityKind.MEETING
    )
    modality: Mapped[Modality] = mapped_column(
        enum_type(Modality, "modality"), default=Modality.IN_PERSON
    )
    start_on: Mapped[date]
    end_on: Mapped[date]
    place: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity_series.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None]

    series: Mapped[ActivitySeries | None] = relationship()
    organizers: Mapped[list[Organization]] = relationship(
        secondary=activity_organizers, order_by=Organization.name
    )
    reports: Mapped[list[ParticipationReport]] = relationship(
        back_populates="activity", order_by="ParticipationReport.id"
    )

    def __str__(self) -> str:
        return self.name


class HandoverNote(Base):
    """An observation for the next representative, kept on the series so it carries over."""

    __tablename__ = "handover_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(
        ForeignKey("activity_series.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("participation_reports.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    series: Mapped[ActivitySeries] = relationship(back_populates="notes")
    report: Mapped[ParticipationReport | None] = relationship()
