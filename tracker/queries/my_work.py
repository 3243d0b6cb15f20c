"""A person's own work for her home page: what she owes, what waits for her visto bueno."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import FollowUp, ParticipationReport, Person, User
from tracker.models.enums import FollowUpKind, ReportStatus
from tracker.models.followup import open_clause, work_clause
from tracker.queries.followups import with_list_columns
from tracker.queries.reports import listed_reports, my_owed_reports

#: How many rows each section shows; its link opens the whole list.
SECTION_LIMIT = 20


@dataclass
class MyWork:
    overdue: list[FollowUp] = field(default_factory=list)
    upcoming: list[FollowUp] = field(default_factory=list)
    to_approve: list[ParticipationReport] = field(default_factory=list)
    reports: list[ParticipationReport] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _mine(person_id: int):
    """Her open follow-ups, without the expected results: those are assessed on their
    project's page, never owed by a date."""
    return select(FollowUp).where(
        FollowUp.deleted_at.is_(None),
        FollowUp.owner_id == person_id,
        open_clause(),
        FollowUp.kind != FollowUpKind.RESULT,
    )


def to_approve_query(person_id: int):
    """Reports handed in by the people this person supervises, waiting for her visto bueno."""
    return listed_reports().where(
        ParticipationReport.status == ReportStatus.SUBMITTED,
        ParticipationReport.person_id.in_(
            select(Person.id).where(Person.supervisor_id == person_id)
        ),
    )


def my_work(user: User, today: date) -> MyWork:
    """The user's sections, each read in one statement, and their counts in two."""
    if user.person_id is None:
        return MyWork()
    mine = _mine(user.person_id)
    week_end = today + timedelta(days=7)
    owned = mine.with_only_columns(FollowUp.due_on, work_clause().label("is_work")).subquery()
    counts = db.session.execute(
        select(
            # Overdue as the list's filter says it (jobs and the tile agree): milestones are
            # reached or missed, not overdue.
            func.count().filter(owned.c.due_on < today, owned.c.is_work),
            func.count().filter(owned.c.due_on.between(today, week_end)),
            func.count(),
        ).select_from(owned)
    ).one()
    overdue = db.session.scalars(
        with_list_columns(mine.where(work_clause(), FollowUp.due_on < today), only_open=True).limit(
            SECTION_LIMIT
        )
    ).unique()
    upcoming = db.session.scalars(
        with_list_columns(
            mine.where((FollowUp.due_on >= today) | FollowUp.due_on.is_(None)), only_open=True
        ).limit(SECTION_LIMIT)
    ).unique()
    awaiting = to_approve_query(user.person_id)
    approvals = db.session.scalar(select(func.count()).select_from(awaiting.subquery()))
    to_approve = db.session.scalars(
        awaiting.options(
            joinedload(ParticipationReport.activity), joinedload(ParticipationReport.person)
        )
        .order_by(ParticipationReport.submitted_at, ParticipationReport.id)
        .limit(SECTION_LIMIT)
    ).all()
    return MyWork(
        overdue=list(overdue),
        upcoming=list(upcoming),
        to_approve=list(to_approve),
        reports=my_owed_reports(user),
        counts={
            "overdue": counts[0],
            "due_soon": counts[1],
            "open": counts[2],
            "to_approve": approvals,
        },
    )
