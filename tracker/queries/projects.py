"""Conditions on projects shared by the dashboard, the project list and the reminders."""

from datetime import date

from sqlalchemy import and_, func, literal

from tracker.extensions import db
from tracker.models import Project
from tracker.models.enums import ProjectStatus

#: Statuses in which a project sheet is expected to be kept current.
RUNNING = (ProjectStatus.PIPELINE, ProjectStatus.IMPLEMENTATION, ProjectStatus.FINALISATION)


def end_column():
    """The end a project is held to, in SQL: the approved extension's, else the original plan's
    (Project.end_on in Python)."""
    return func.coalesce(Project.approved_end_on, Project.planned_end_on)


def overrun_clause(today: date):
    """Still in implementation after the end it is held to (an approved extension moves it)."""
    return and_(
        Project.deleted_at.is_(None),
        Project.status == ProjectStatus.IMPLEMENTATION,
        end_column() < today,
    )


def stale_sheet_clause(today: date):
    """A running project whose sheet is older than its own update interval (in months).

    The interval differs per project, so the date arithmetic happens in SQL, in each
    database's own dialect.
    """
    updated, months = Project.information_updated_on, Project.update_interval_months
    if db.session.get_bind().dialect.name == "postgresql":
        due = updated + func.make_interval(0, months)
        expired = due < today
    else:
        due = func.date(updated, literal("+") + func.cast(months, db.String) + " months")
        expired = due < today.isoformat()
    return and_(
        Project.deleted_at.is_(None),
        Project.status.in_(RUNNING),
        updated.is_not(None),
        expired,
    )
