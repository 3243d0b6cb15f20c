"""The dashboard's figures, each counted in SQL with a fixed number of statements."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, case, cast, func, literal_column, select, text, union_all
from sqlalchemy.orm import aliased

from tracker.dates import add_months
from tracker.extensions import db
from tracker.models import Activity, FollowUp, ParticipationReport, Person, Project
from tracker.models.enums import ReportStatus
from tracker.models.followup import done_clause
from tracker.queries.followups import followup_query, outside_organizations
from tracker.queries.projects import overrun_clause, stale_sheet_clause
from tracker.queries.reports import listed_reports, overdue_clause, status_clause

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
    """Every follow-up count of the dashboard; each statement reads one range of one partial
    index (open items, done items), never the closed history."""
    open_items = followup_query({**filters, "status": "pending"}, today).order_by(None)
    due, soon_end = FollowUp.due_on, today + timedelta(days=7)

    def count(*conditions) -> int:
        # A plain count over one range of the partial index on open items: no row is read.
        return db.session.scalar(open_items.where(*conditions).with_only_columns(func.count()))

    total_open = count()
    due_soon = count(due.between(today, soon_end))
    # Overdue by age from three cumulative counts: due before today, before 30 and 90 days ago.
    older_than = [count(due < today - timedelta(days=days)) for days in (0, 30, 90)]
    ageing = [older_than[0] - older_than[1], older_than[1] - older_than[2], older_than[2]]
    outside = db.session.scalar(
        open_items.with_only_columns(func.count()).where(
            FollowUp.organization_id.in_(outside_organizations())
        )
    )
    year_ago = add_months(today, -12)
    done_row = db.session.execute(
        followup_query({**filters, "status": "all"}, today)
        .order_by(None)
        .where(done_clause(), FollowUp.completed_on >= year_ago)
        .with_only_columns(
            func.count(),
            func.count().filter(FollowUp.completed_on <= due),
            func.count().filter(FollowUp.completed_on >= today.replace(day=1)),
        )
    ).one()
    return Tiles(
        open=total_open,
        overdue=older_than[0],
        due_soon=due_soon,
        ageing=list(zip(AGEING_BUCKETS, ageing, strict=True)),
        outside=outside,
        done_last_year=done_row[0],
        on_time_last_year=done_row[1],
        done_this_month=done_row[2],
    )


def report_tiles(today: date) -> tuple[int, int]:
    """(pending, overdue) participation reports, with the very conditions of the report list's
    filters that the tiles link to (?status=pending and ?overdue=y): a tile counts what its
    list shows. Pending is the status, whatever the due date; overdue is owed and late."""
    row = db.session.execute(
        listed_reports().with_only_columns(
            func.count().filter(status_clause(ReportStatus.PENDING)),
            func.count().filter(overdue_clause(today)),
        )
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
    """[(person id, name, open, overdue)] for the owners with most overdue, then open, items."""
    counts = (
        followup_query({**filters, "status": "pending"}, today)
        .order_by(None)
        .with_only_columns(
            FollowUp.owner_id.label("owner_id"),
            func.count().label("open"),
            func.count().filter(FollowUp.due_on < today).label("overdue"),
        )
        .where(FollowUp.owner_id.is_not(None))
        .group_by(FollowUp.owner_id)
        .order_by(text("overdue DESC"), text("open DESC"))
        .limit(limit)
        .subquery()
    )
    rows = db.session.execute(
        select(Person.id, Person.name, counts.c.open, counts.c.overdue)
        .join(counts, counts.c.owner_id == Person.id)
        .order_by(counts.c.overdue.desc(), counts.c.open.desc(), Person.name)
    )
    return [tuple(row) for row in rows]


def _month(column):
    """'YYYY-MM' of a date or timestamp column, in each database's dialect, labelled "month"
    so that GROUP BY can name it (PostgreSQL does not match two bound format parameters)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, literal_column("'YYYY-MM'")).label("month")
    return func.strftime(literal_column("'%Y-%m'"), column).label("month")


def _day(column):
    """The calendar day (UTC) of a timestamp column, as a date each dialect compares with a
    DATE column (SQLite's CAST AS DATE would give a number)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return cast(column, Date)
    return func.date(column)


def monthly_trend(filters: dict[str, Any], today: date, months: int = 12):
    """[(YYYY-MM, opened, done)] for the last `months` months, oldest first, in one statement.

    Opened counts when the commitment was made, not when its row was written: a follow-up from a
    participation report counts at the activity's end, the only date the form itself gives
    ("Fecha de la actividad"; its due date is computed and its submission is the import's
    moment), unless the row is older. Importing a year of reports thus fills a year of months
    instead of one spike. Done counts by completion date.
    """
    first = add_months(today.replace(day=1), -(months - 1))
    report, activity = aliased(ParticipationReport), aliased(Activity)
    created_on = _day(FollowUp.created_at)
    opened_on = case(
        (activity.end_on < created_on, activity.end_on),
        else_=created_on,
    )
    live = followup_query({**filters, "status": "all"}, today).order_by(None)
    opened = (
        live.outerjoin(report, report.id == FollowUp.report_id)
        .outerjoin(activity, activity.id == report.activity_id)
        .where(opened_on >= first)
        .with_only_columns(
            _month(opened_on),
            literal_column("1").label("opened"),
            literal_column("0").label("done"),
        )
    )
    done = live.where(done_clause(), FollowUp.completed_on >= first).with_only_columns(
        _month(FollowUp.completed_on), literal_column("0"), literal_column("1")
    )
    both = union_all(opened, done).subquery()
    counts = {
        month: (int(o), int(d))
        for month, o, d in db.session.execute(
            select(both.c.month, func.sum(both.c.opened), func.sum(both.c.done)).group_by(
                both.c.month
            )
        )
    }
    keys = [add_months(first, n).strftime("%Y-%m") for n in range(months)]
    return [(key, *counts.get(key, (0, 0))) for key in keys]


#: The dashboard lists at most this many follow-ups that remind nobody (and says how many).
UNREACHABLE_LIMIT = 10


def unreachable_followups(filters: dict[str, Any], today: date) -> tuple[int, list[FollowUp]]:
    """(count, most urgent) open follow-ups that remind nobody by themselves: without an owner,
    or whose owner has no address (their reminders go to the unit instead)."""
    from sqlalchemy import or_
    from sqlalchemy.orm import contains_eager

    query = (
        followup_query({**filters, "status": "pending"}, today)
        .order_by(None)
        .outerjoin(Person, Person.id == FollowUp.owner_id)
        .where(or_(FollowUp.owner_id.is_(None), Person.email.is_(None)))
    )
    count = db.session.scalar(query.with_only_columns(func.count()))
    items = db.session.scalars(
        query.options(contains_eager(FollowUp.owner))
        .order_by(FollowUp.due_on, FollowUp.id)
        .limit(UNREACHABLE_LIMIT)
    ).all()
    return count, list(items)
