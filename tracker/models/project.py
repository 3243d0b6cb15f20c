from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, SmallInteger, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow
from tracker.models.enums import InstitutionRole, ProjectStatus, enum_type

if TYPE_CHECKING:
    from tracker.models.attachment import Attachment
    from tracker.models.organization import Organization
    from tracker.models.person import Person
    from tracker.models.user import User


class SustainableDevelopmentGoal(Base):
    """Reference table of the 17 SDGs, filled by the first migration."""

    __tablename__ = "sdgs"

    number: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    name_es: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_es


project_sdgs = Table(
    "project_sdgs",
    Base.metadata,
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("sdg_number", ForeignKey("sdgs.number"), primary_key=True),
)


class ProjectInstitution(Base):
    """An institution's part in a project (lead, counterpart, participant, funder)."""

    __tablename__ = "project_institutions"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    role: Mapped[InstitutionRole] = mapped_column(
        enum_type(InstitutionRole, "institution_role"), default=InstitutionRole.PARTICIPANT
    )

    organization: Mapped[Organization] = relationship()


class Project(Base):
    """A bilateral cooperation project and its planned timeline."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    thematic_area: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(80))
    city: Mapped[str | None] = mapped_column(String(120))
    beneficiaries: Mapped[str | None] = mapped_column(Text)
    planned_start_on: Mapped[date | None]
    duration_months: Mapped[int | None] = mapped_column(SmallInteger)
    #: Derived from start + duration when both are known; stored so it can be indexed and queried.
    #: The original plan: an approved extension never changes it.
    planned_end_on: Mapped[date | None] = mapped_column(index=True)
    #: The end as last approved (the latest extension's new end); None while never extended.
    approved_end_on: Mapped[date | None] = mapped_column(index=True)
    extension_count: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    actual_end_on: Mapped[date | None]
    status: Mapped[ProjectStatus] = mapped_column(
        enum_type(ProjectStatus, "project_status"), default=ProjectStatus.PIPELINE
    )
    general_objective: Mapped[str | None] = mapped_column(Text)
    #: One specific objective per line.
    specific_objectives: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    #: "Información actualizada el …" on the project sheet.
    information_updated_on: Mapped[date | None]
    update_interval_months: Mapped[int] = mapped_column(SmallInteger, default=6)
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None]

    lead: Mapped[Person | None] = relationship()
    institutions: Mapped[list[ProjectInstitution]] = relationship(
        cascade="all, delete-orphan", order_by=ProjectInstitution.role
    )
    sdgs: Mapped[list[SustainableDevelopmentGoal]] = relationship(
        secondary=project_sdgs, order_by=SustainableDevelopmentGoal.number
    )
    extensions: Mapped[list[ProjectExtension]] = relationship(
        back_populates="project", order_by="ProjectExtension.id", cascade="all, delete-orphan"
    )
    #: Original documents (the imported form and anything attached later).
    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.id", viewonly=True)

    @property
    def specific_objective_list(self) -> list[str]:
        return [line.strip() for line in (self.specific_objectives or "").splitlines() if line]

    @property
    def end_on(self) -> date | None:
        """The end the project is held to: the approved extension's, else the original plan's."""
        return self.approved_end_on or self.planned_end_on

    def overrun_days(self, today: date) -> int:
        """Days past the approved end while the project is still running (0 when on time)."""
        if self.end_on is None or self.status != ProjectStatus.IMPLEMENTATION:
            return 0
        return max(0, (today - self.end_on).days)

    def __str__(self) -> str:
        return self.name


class ProjectExtension(Base):
    """An approved extension of a project's end: the date slip kept as data, never rewritten."""

    __tablename__ = "project_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    #: The end the project was held to before this extension (the plan's, or an earlier one's).
    previous_end_on: Mapped[date | None]
    new_end_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    approved_on: Mapped[date]
    #: Who approved it, as written (a person, a committee, a counterpart's letter).
    approved_by: Mapped[str] = mapped_column(String(200))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship(back_populates="extensions")
    recorded_by: Mapped[User | None] = relationship()
