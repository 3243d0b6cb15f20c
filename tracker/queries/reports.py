"""The conditions the report list filters by, shared with the dashboard's report tiles so that
a tile counts exactly what its link lists."""

from datetime import date

from sqlalchemy import and_, select

from tracker.models import Activity, ParticipationReport
from tracker.models.base import in_literals
from tracker.models.enums import ReportStatus

#: Still owed by its author: not handed in yet, or sent back.
OWED_STATUSES = (ReportStatus.PENDING, ReportStatus.RETURNED)


def listed_reports():
    """The reports any list shows: live, on a live activity."""
    return (
        select(ParticipationReport)
        .join(Activity, Activity.id == ParticipationReport.activity_id)
        .where(ParticipationReport.deleted_at.is_(None), Activity.deleted_at.is_(None))
    )


def status_clause(status: str | ReportStatus):
    return ParticipationReport.status == ReportStatus(status)


def owed_clause():
    """Still owed, the statuses as literals (base.in_literals: so SQLite reads the owed reports'
    partial index)."""
    statuses = [s.value for s in OWED_STATUSES]
    return in_literals(ParticipationReport.status, "owed_statuses", statuses)


def overdue_clause(today: date):
    """Owed and past its due date."""
    return and_(owed_clause(), ParticipationReport.due_on < today)


#: "Mis informes" on the home page shows at most this many (the list has them all).
MY_REPORTS_LIMIT = 20


def my_owed_reports(user) -> list[ParticipationReport]:
    """The user's own reports still to write or correct, the most urgent first."""
    from sqlalchemy.orm import joinedload

    from tracker.extensions import db

    if user.person_id is None:
        return []
    return list(
        db.session.scalars(
            listed_reports()
            .where(
                ParticipationReport.person_id == user.person_id,
                owed_clause(),
            )
            .options(joinedload(ParticipationReport.activity))
            .order_by(ParticipationReport.due_on, ParticipationReport.id)
            .limit(MY_REPORTS_LIMIT)
        )
    )
