from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base, utcnow
from tracker.models.enums import OrganizationKind, enum_type


class Organization(Base):
    """A government body, embassy, UN agency or other institution we work with."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    acronym: Mapped[str | None] = mapped_column(String(30))
    country: Mapped[str | None] = mapped_column(String(80))
    kind: Mapped[OrganizationKind] = mapped_column(
        enum_type(OrganizationKind, "organization_kind"), default=OrganizationKind.OTHER
    )
    #: Our own institution: follow-ups owned elsewhere are "waiting on outside institutions".
    is_own: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
