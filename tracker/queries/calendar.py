"""Deadlines by day: follow-ups (milestones among them) and participation reports due."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import FollowUp, ParticipationReport
from tracker.models.enums import OPEN_STATUSES, FollowUpKind, ReportStatus

WAITING_REPORTS = (ReportStatus.PENDING, ReportStatus.RETURNED)


@dataclass(frozen=True)
class Deadline:
    """One thing due on a day, as the month view and the feed show it."""

    day: date
    kind: str  #: followup, milestone or report
    record_id: int
    title: str
    is_open: bool
    is_overdue: bool


def month_deadlines(
    first: date, last: date, today: date, owner_id: int | None, per_day: int
) -> tuple[dict[date, list[Deadline]], dict[date, int]]:
    """Up to `per_day` deadlines per day between `first` and `last`, and each day's total.

    A window function keeps the statement count fixed however busy a day is.
    """
    rank = func.row_number().over(partition_by=FollowUp.due_on, order_by=FollowUp.id).label("rank")
    followups = select(
        FollowUp.id, FollowUp.due_on, FollowUp.title, FollowUp.kind, FollowUp.status, rank
    ).where(FollowUp.deleted_at.is_(None), FollowUp.due_on.between(first, last))
    reports = select(ParticipationReport).where(
        ParticipationReport.deleted_at.is_(None),
        ParticipationReport.status.in_(WAITING_REPORTS),
        ParticipationReport.due_on.between(first, last),
    )
    totals_query = (
        select(FollowUp.due_on, func.count())
        .where(FollowUp.deleted_at.is_(None), FollowUp.due_on.between(first, last))
        .group_by(FollowUp.due_on)
    )
    if owner_id is not None:
        followups = followups.where(FollowUp.owner_id == owner_id)
        reports = reports.where(ParticipationReport.person_id == owner_id)
        totals_query = totals_query.where(FollowUp.owner_id == owner_id)
    ranked = followups.subquery()
    days: dict[date, list[Deadline]] = {}
    for row in db.session.execute(select(ranked).where(ranked.c.rank <= per_day)):
        is_open = row.status in OPEN_STATUSES
        kind = "milestone" if row.kind == FollowUpKind.MILESTONE else "followup"
        days.setdefault(row.due_on, []).append(
            Deadline(row.due_on, kind, row.id, row.title, is_open, is_open and row.due_on < today)
        )
    totals = {day: count for day, count in db.session.execute(totals_query)}
    for report in db.session.scalars(
        reports.options(
            joinedload(ParticipationReport.person), joinedload(ParticipationReport.activity)
        )
    ):
        title = f"{report.person.name}: {report.activity.name}"
        days.setdefault(report.due_on, []).append(
            Deadline(report.due_on, "report", report.id, title, True, report.due_on < today)
        )
        totals[report.due_on] = totals.get(report.due_on, 0) + 1
    return days, totals


def feed_items(person_id: int):
    """What a person's calendar feed holds: their open follow-ups (overdue included) and the
    reports they still owe. Done and cancelled items drop out of the feed."""
    followups = db.session.scalars(
        select(FollowUp).where(
            FollowUp.deleted_at.is_(None),
            FollowUp.owner_id == person_id,
            FollowUp.status.in_(OPEN_STATUSES),
            FollowUp.due_on.is_not(None),
        )
    ).all()
    reports = db.session.scalars(
        select(ParticipationReport)
        .where(
            ParticipationReport.deleted_at.is_(None),
            ParticipationReport.person_id == person_id,
            ParticipationReport.status.in_(WAITING_REPORTS),
        )
        .options(joinedload(ParticipationReport.activity))
    ).all()
    return followups, reports
