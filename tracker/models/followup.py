from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    and_,
    bindparam,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, in_literals, utcnow
from tracker.models.enums import (
    OPEN_STATUSES,
    FollowUpKind,
    FollowUpStatus,
    Priority,
    ResultOutcome,
    enum_type,
)

if TYPE_CHECKING:
    from tracker.models.activity import Activity
    from tracker.models.organization import Organization
    from tracker.models.person import Person
    from tracker.models.project import Project
    from tracker.models.report import ParticipationReport
    from tracker.models.user import User

_OPEN_SQL = "status IN ('open', 'in_progress', 'blocked') AND deleted_at IS NULL"
_DONE_SQL = "status = 'done' AND deleted_at IS NULL"
#: Work that can be late: commitments, actions and tasks (results and milestones are not).
_WORK_KINDS = ("commitment", "action", "task")
_OPEN_WORK_SQL = _OPEN_SQL + " AND kind IN ('commitment', 'action', 'task')"


class FollowUp(Base):
    """Anything tracked to completion: a commitment, an action, a result, a milestone, a task."""

    __tablename__ = "followups"
    __table_args__ = (
        # Partial indexes on what is still open serve the reminder planner, the dashboard's
        # counts and the pending lists without reading closed history.
        Index(
            "ix_followups_open_due",
            "due_on",
            sqlite_where=text(_OPEN_SQL),
            postgresql_where=text(_OPEN_SQL),
        ),
        Index(
            "ix_followups_open_owner_due",
            "owner_id",
            "due_on",
            sqlite_where=text(_OPEN_SQL),
            postgresql_where=text(_OPEN_SQL),
        ),
        Index(
            "ix_followups_open_org_due",
            "organization_id",
            "due_on",
            sqlite_where=text(_OPEN_SQL),
            postgresql_where=text(_OPEN_SQL),
        ),
        # Completion figures (done this month, on time over 12 months).
        Index(
            "ix_followups_done_completed",
            "completed_on",
            "due_on",
            sqlite_where=text(_DONE_SQL),
            postgresql_where=text(_DONE_SQL),
        ),
        # The dashboard's overdue, due-soon and ageing counts: open work only (no results, no
        # milestones), so each tile is one range of this index, read no further than the cap.
        Index(
            "ix_followups_open_work_due",
            "due_on",
            sqlite_where=text(_OPEN_WORK_SQL),
            postgresql_where=text(_OPEN_WORK_SQL),
        ),
        # Lists filtered by kind and the dashboard's milestone and result counts: one kind's
        # open items in due order (a page is read straight from it, no sort).
        Index(
            "ix_followups_open_kind_due",
            "kind",
            "due_on",
            sqlite_where=text(_OPEN_SQL),
            postgresql_where=text(_OPEN_SQL),
        ),
        # Results by outcome (achieved, partly, not yet), counted from the index alone.
        Index(
            "ix_followups_live_kind_outcome",
            "kind",
            "outcome",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        # A project's items, and its items of one kind (the timeline's milestones).
        Index("ix_followups_project_kind", "project_id", "kind"),
        # The monthly trend (opened per month).
        Index(
            "ix_followups_live_created",
            "created_at",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[FollowUpKind] = mapped_column(
        enum_type(FollowUpKind, "followup_kind"), default=FollowUpKind.TASK
    )
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    # Where it came from: at most one report, activity or project.
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("participation_reports.id", ondelete="SET NULL"), index=True
    )
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL"), index=True
    )
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    #: The institution that must deliver; another than ours means "waiting on outside".
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    start_on: Mapped[date | None]
    due_on: Mapped[date | None]
    #: The first due date ever set; rescheduling never changes it.
    original_due_on: Mapped[date | None]
    reschedule_count: Mapped[int] = mapped_column(SmallInteger, default=0)
    #: The due date was guessed (e.g. a form without one) and waits for a coordinator to confirm.
    is_due_estimated: Mapped[bool] = mapped_column(default=False)
    #: Tracked but never reminded (e.g. history recorded long after the fact).
    is_muted: Mapped[bool] = mapped_column(default=False, server_default="0")
    status: Mapped[FollowUpStatus] = mapped_column(
        enum_type(FollowUpStatus, "followup_status"), default=FollowUpStatus.OPEN
    )
    priority: Mapped[Priority] = mapped_column(
        enum_type(Priority, "priority"), default=Priority.NORMAL
    )
    completed_on: Mapped[date | None]
    #: Results only: how far the expected result was achieved (None: not assessed yet).
    outcome: Mapped[ResultOutcome | None] = mapped_column(
        enum_type(ResultOutcome, "result_outcome")
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None]
    #: Optimistic lock: a save from a stale page is refused instead of overwriting.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    owner: Mapped[Person | None] = relationship()
    organization: Mapped[Organization | None] = relationship()
    report: Mapped[ParticipationReport | None] = relationship()
    activity: Mapped[Activity | None] = relationship()
    project: Mapped[Project | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    events: Mapped[list[FollowUpEvent]] = relationship(
        back_populates="followup", order_by="FollowUpEvent.id", cascade="all, delete-orphan"
    )
    watchers: Mapped[list[FollowUpWatcher]] = relationship(
        back_populates="followup", order_by="FollowUpWatcher.user_id", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def days_overdue(self, today: date) -> int:
        if not self.is_open or self.due_on is None:
            return 0
        return max(0, (today - self.due_on).days)

    def __str__(self) -> str:
        return self.title


def open_clause():
    """Open and not deleted, the statuses as literals (base.in_literals: so SQLite reads the
    open items' partial indexes)."""
    statuses = in_literals(FollowUp.status, "open_statuses", [s.value for s in OPEN_STATUSES])
    return and_(statuses, FollowUp.deleted_at.is_(None))


def work_clause():
    """Commitments, actions and tasks, as literals: with open_clause() the query's text implies
    ix_followups_open_work_due's WHERE."""
    return in_literals(FollowUp.kind, "work_kinds", _WORK_KINDS)


def done_clause():
    """Done and not deleted, as literals (see open_clause)."""
    done = bindparam("done_status", FollowUpStatus.DONE.value, literal_execute=True)
    return and_(FollowUp.status == done, FollowUp.deleted_at.is_(None))


class FollowUpEvent(Base):
    """One entry of a follow-up's history. Rows are only ever added."""

    __tablename__ = "followup_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    followup_id: Mapped[int] = mapped_column(
        ForeignKey("followups.id", ondelete="CASCADE"), index=True
    )
    #: None when the change came from the system or a mail link.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: created, updated, status, rescheduled, comment, deleted, restored.
    action: Mapped[str] = mapped_column(String(20))
    #: {field: [old, new]} as JSON-friendly strings.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    followup: Mapped[FollowUp] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class FollowUpWatcher(Base):
    """A user who asked to be told of a follow-up's changes (its owner is told anyway)."""

    __tablename__ = "followup_watchers"

    followup_id: Mapped[int] = mapped_column(
        ForeignKey("followups.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    followup: Mapped[FollowUp] = relationship(back_populates="watchers")
    user: Mapped[User] = relationship()
