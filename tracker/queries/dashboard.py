"""The dashboard's figures, each counted in SQL with a fixed number of statements."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, case, cast, func, literal_column, or_, select, text, union_all
from sqlalchemy.orm import aliased

from tracker.dates import add_months
from tracker.extensions import db
from tracker.models import Activity, FollowUp, ParticipationReport, Person, Project
from tracker.models.enums import FollowUpKind, ReportStatus, ResultOutcome
from tracker.models.followup import done_clause, work_clause
from tracker.queries.followups import (
    COUNT_CAP,
    capped_count,
    followup_query,
    outside_organizations,
)
from tracker.queries.projects import overrun_clause, stale_sheet_clause
from tracker.queries.reports import listed_reports, overdue_clause, status_clause

AGEING_BUCKETS = ((1, 30), (31, 90), (91, None))


@dataclass(frozen=True)
class Tiles:
    """The dashboard's follow-up figures. Counts stop at COUNT_CAP (shown "999+"): a tile says
    "many" without reading a million rows. Overdue, due soon, open and ageing count work
    (commitments, actions, tasks); milestones and results are counted apart."""

    overdue: int
    due_soon: int
    open: int
    done_this_month: int
    outside: int
    ageing: list[tuple[tuple[int, int | None], int]]
    done_last_year: int
    on_time_last_year: int
    milestones_upcoming: int = 0
    milestones_missed: int = 0
    results: dict[str, int] = field(default_factory=dict)

    @property
    def on_time_rate(self) -> float | None:
        if not self.done_last_year:
            return None
        return self.on_time_last_year / self.done_last_year


#: The on-time rate is taken over the latest completions of the last 12 months, at most this
#: many: a rate over a thousand is as telling as over a hundred thousand and reads 1% of them.
RATE_SAMPLE = 1000
#: "Hitos próximos": open milestones due within this many days.
MILESTONE_HORIZON_DAYS = 30


def followup_tiles(filters: dict[str, Any], today: date) -> Tiles:
    """Every follow-up count of the dashboard in two statements: one of capped counts (each a
    range of one partial index, read no further than COUNT_CAP entries) and one over the
    latest completions. Results are outcomes, never overdue; milestones have their own."""
    live = followup_query({**filters, "status": "all"}, today).order_by(None)
    open_items = followup_query({**filters, "status": "pending"}, today).order_by(None)
    work = open_items.where(work_clause())
    due, soon_end = FollowUp.due_on, today + timedelta(days=7)
    milestones = open_items.where(FollowUp.kind == FollowUpKind.MILESTONE)
    results = live.where(FollowUp.kind == FollowUpKind.RESULT)
    counts = {
        "open": capped_count(work),
        "due_soon": capped_count(work.where(due.between(today, soon_end))),
        # Overdue by age, one bounded range per bucket (1–30, 31–90, over 90 days).
        "age_1": capped_count(work.where(due < today, due >= today - timedelta(days=30))),
        "age_31": capped_count(
            work.where(due < today - timedelta(days=30), due >= today - timedelta(days=90))
        ),
        "age_91": capped_count(work.where(due < today - timedelta(days=90))),
        "outside": capped_count(work.where(FollowUp.organization_id.in_(outside_organizations()))),
        "done_this_month": capped_count(
            live.where(done_clause(), FollowUp.completed_on >= today.replace(day=1))
        ),
        "milestones_upcoming": capped_count(
            milestones.where(due.between(today, today + timedelta(days=MILESTONE_HORIZON_DAYS)))
        ),
        "milestones_missed": capped_count(milestones.where(due < today)),
        # A result not assessed yet counts as not achieved yet (as its project page shows it).
        "result_not_yet": capped_count(
            results.where(
                or_(FollowUp.outcome == ResultOutcome.NOT_YET, FollowUp.outcome.is_(None))
            )
        ),
        "result_partly": capped_count(results.where(FollowUp.outcome == ResultOutcome.PARTLY)),
        "result_achieved": capped_count(results.where(FollowUp.outcome == ResultOutcome.ACHIEVED)),
    }
    row = db.session.execute(select(*(c.label(k) for k, c in counts.items()))).one()._mapping
    ageing = [row["age_1"], row["age_31"], row["age_91"]]
    latest_done = (
        live.where(done_clause(), FollowUp.completed_on >= add_months(today, -12))
        .with_only_columns(FollowUp.completed_on, FollowUp.due_on)
        .order_by(FollowUp.completed_on.desc())
        .limit(RATE_SAMPLE)
        .subquery()
    )
    done_row = db.session.execute(
        select(
            func.count(),
            func.count().filter(latest_done.c.completed_on <= latest_done.c.due_on),
        ).select_from(latest_done)
    ).one()
    return Tiles(
        open=row["open"],
        # At the cap when any bucket is: "999+" either way.
        overdue=min(sum(ageing), COUNT_CAP),
        due_soon=row["due_soon"],
        ageing=list(zip(AGEING_BUCKETS, ageing, strict=True)),
        outside=row["outside"],
        done_last_year=done_row[0],
        on_time_last_year=done_row[1],
        done_this_month=row["done_this_month"],
        milestones_upcoming=row["milestones_upcoming"],
        milestones_missed=row["milestones_missed"],
        results={outcome.value: row[f"result_{outcome.value}"] for outcome in ResultOutcome},
    )


def report_tiles(today: date) -> tuple[int, int]:
    """(pending, overdue) participation reports, with the very conditions of the report list's
    filters that the tiles link to (?status=pending and ?overdue=y): a tile counts what its
    list shows. Pending is the status, whatever the due date; overdue is owed and late. Both
    stop at COUNT_CAP, as the follow-up tiles do."""
    listed, report_id = listed_reports(), ParticipationReport.id
    row = db.session.execute(
        select(
            capped_count(listed.where(status_clause(ReportStatus.PENDING)), column=report_id),
            capped_count(listed.where(overdue_clause(today)), column=report_id),
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
    or whose owner has no address (their reminders go to the unit instead).

    Asked as "owner is none or one of these people", their ids read first, rather than through
    a join or a subquery: both databases then read only those owners' ranges of
    ix_followups_open_owner_due (usually none) instead of every open item — with a subquery
    PostgreSQL guesses a third of the open items match and scans them all. The count stops at
    COUNT_CAP."""
    from sqlalchemy import literal, or_
    from sqlalchemy.orm import joinedload

    no_address = db.session.scalars(select(Person.id).where(Person.email.is_(None))).all()
    query = (
        followup_query({**filters, "status": "pending"}, today)
        .order_by(None)
        .where(or_(FollowUp.owner_id.is_(None), FollowUp.owner_id.in_(no_address)))
    )
    count = db.session.scalar(select(capped_count(query)))
    items = db.session.scalars(
        query.options(joinedload(FollowUp.owner))
        .order_by(FollowUp.due_on, FollowUp.id)
        # Written into the SQL, not bound: told only "LIMIT ?", SQLite reads the open items in
        # due order until ten match (all of them when none does) instead of those owners'.
        .limit(literal(UNREACHABLE_LIMIT, literal_execute=True))
    ).all()
    return count, list(items)
