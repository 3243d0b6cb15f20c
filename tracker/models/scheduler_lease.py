from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base


class SchedulerLease(Base):
    """Who runs the scheduled jobs: one holder at a time, renewed while it lives.

    A second scheduler process finds the lease held and stays idle until it expires.
    """

    __tablename__ = "scheduler_leases"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    #: host:pid:random of the process that holds it.
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime]
