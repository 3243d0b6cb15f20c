"""The dashboard's figures, each counted in SQL with a fixed number of statements."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, literal_column, select

from tracker.dates import add_months
from tracker.extensions import db
from tracker.models import Organization, ParticipationReport, Person, Project
from tracker.models.enums import OPEN_STATUSES, FollowUpStatus, ReportStatus
from tracker.queries.followups import followup_query
from tracker.queries.projects import overrun_clause, stale_sheet_clause

AGEING_BUCKETS = ((1, 30), (31, 90), (91, None))


@dataclass(frozen=True)
class Tiles:
    overdue: int
    due_soon: int
    open: int
    done_this_month: int
    outside: int
    ageing: list[tuple[tuple[int, int | None], int]]
    done_last_year: int
    on_time_last_year: int

    @property
    def on_time_rate(self) -> float | None:
        if not self.done_last_year:
            return None
        return self.on_time_last_year / self.done_last_year


def followup_tiles(filters: dict[str, Any], today: date) -> Tiles:
    """Every follow-up count of the dashboard in one statement."""
    base = followup_query(filters, today).subquery()
    is_open = base.c.status.in_([s.value for s in OPEN_STATUSES])
    overdue = and_(is_open, base.c.due_on < today)
    month_start = today.replace(day=1)
    year_ago = add_months(today, -12)
    done_year = and_(base.c.status == FollowUpStatus.DONE.value, base.c.completed_on >= year_ago)
    outside = select(Organization.id).where(Organization.is_own.is_(False))
    ageing_filters = []
    for low, high in AGEING_BUCKETS:
        condition = and_(overdue, base.c.due_on <= today - timedelta(days=low))
        if high is not None:
            condition = and_(condition, base.c.due_on >= today - timedelta(days=high))
        ageing_filters.append(func.count().filter(condition))
    row = db.session.execute(
        select(
            func.count().filter(overdue),
            func.count().filter(and_(is_open, base.c.due_on.between(today, today + timedelta(7)))),
            func.count().filter(is_open),
            func.count().filter(
                and_(base.c.status == FollowUpStatus.DONE.value, base.c.completed_on >= month_start)
            ),
            func.count().filter(and_(is_open, base.c.organization_id.in_(outside))),
            func.count().filter(done_year),
            func.count().filter(and_(done_year, base.c.completed_on <= base.c.due_on)),
            *ageing_filters,
        )
    ).one()
    return Tiles(
        overdue=row[0],
        due_soon=row[1],
        open=row[2],
        done_this_month=row[3],
        outside=row[4],
        done_last_year=row[5],
        on_time_last_year=row[6],
        ageing=list(zip(AGEING_BUCKETS, row[7:], strict=True)),
    )


def report_tiles(today: date) -> tuple[int, int]:
    """(pending, overdue) participation reports: not yet handed in, or returned."""
    waiting = and_(
        ParticipationReport.deleted_at.is_(None),
        ParticipationReport.status.in_((ReportStatus.PENDING, ReportStatus.RETURNED)),
    )
    row = db.session.execute(
        select(
            func.count().filter(ParticipationReport.due_on >= today),
            func.count().filter(ParticipationReport.due_on < today),
        ).where(waiting)
    ).one()
    return row[0], row[1]


def project_tiles(today: date) -> tuple[int, int]:
    """(past their planned end, sheet not updated) projects."""
    row = db.session.execute(
        select(
            func.count().filter(overrun_clause(today)),
            func.count().filter(stale_sheet_clause(today)),
        ).select_from(Project)
    ).one()
    return row[0], row[1]


def owners_with_most_pending(filters: dict[str, Any], today: date, limit: int = 10):
    """[(person id, name, open, overdue)] for the owners with most open follow-ups."""
    base = followup_query({**filters, "status": "pending"}, today).subquery()
    rows = db.session.execute(
        select(
            Person.id,
            Person.name,
            func.count().label("open"),
            func.count().filter(base.c.due_on < today).label("overdue"),
        )
        .join(base, base.c.owner_id == Person.id)
        .group_by(Person.id, Person.name)
        .order_by(func.count().filter(base.c.due_on < today).desc(), func.count().desc())
        .limit(limit)
    )
    return [tuple(row) for row in rows]


def _month(column):
    """'YYYY-MM' of a date or timestamp column, in each database's dialect, labelled "month"
    so that GROUP BY can name it (PostgreSQL does not match two bound format parameters)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, literal_column("'YYYY-MM'")).label("month")
    return func.strftime(literal_column("'%Y-%m'"), column).label("month")


def monthly_trend(filters: dict[str, Any], today: date, months: int = 12):
    """[(YYYY-MM, opened, done)] for the last `months` months, oldest first."""
    first = add_months(today.replace(day=1), -(months - 1))
    base = followup_query(filters, today).subquery()
    opened = dict(
        db.session.execute(
            select(_month(base.c.created_at), func.count())
            .where(base.c.created_at >= datetime.combine(first, time(), tzinfo=UTC))
            .group_by("month")
        ).all()
    )
    done = dict(
        db.session.execute(
            select(_month(base.c.completed_on), func.count())
            .where(base.c.completed_on >= first, base.c.status == FollowUpStatus.DONE.value)
            .group_by("month")
        ).all()
    )
    keys = [add_months(first, n).strftime("%Y-%m") for n in range(months)]
    return [(key, opened.get(key, 0), done.get(key, 0)) for key in keys]
