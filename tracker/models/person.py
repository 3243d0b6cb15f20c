from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow

if TYPE_CHECKING:
    from tracker.models.organization import Organization
    from tracker.models.user import User


class Person(Base):
    """Someone who owns follow-ups or hands in reports; may or may not have an account."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Cargo.
    position: Mapped[str | None] = mapped_column(String(200))
    #: Dependencia.
    unit: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    #: Jefatura inmediata: copied on reports and on escalations.
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    language: Mapped[str] = mapped_column(String(5), default="es")
    #: Due-soon notices can be muted; overdue notices and escalations cannot.
    wants_due_soon: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None]

    organization: Mapped[Organization | None] = relationship()
    supervisor: Mapped[Person | None] = relationship(remote_side=[id])
    user: Mapped[User | None] = relationship(back_populates="person", uselist=False)

    def __str__(self) -> str:
        return self.name
