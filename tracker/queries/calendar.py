"""Deadlines by day: follow-ups (milestones among them) and participation reports due."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import FollowUp, ParticipationReport, Project, ProjectInstitution
from tracker.models.enums import (
    OPEN_STATUSES,
    FeedScope,
    FollowUpKind,
    ProjectStatus,
    ReportStatus,
)

WAITING_REPORTS = (ReportStatus.PENDING, ReportStatus.RETURNED)
#: A shared feed (the unit's, an institution's, a project's) holds a window around today: a
#: calendar client reloads it every few hours, and years of old deadlines help nobody.
SHARED_FEED_PAST = timedelta(days=90)
SHARED_FEED_AHEAD = timedelta(days=400)
#: And at most this many follow-ups (and as many reports), the nearest first: a calendar
#: with more in 16 months is unreadable, clients slow down past a few thousand events, and
#: the icalendar library takes about a millisecond per event to build and fold.
SHARED_FEED_MAX = 1000


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


def _open_deadlines():
    """Open follow-ups with a date; a project's expected results are outcomes, not deadlines."""
    return (
        select(FollowUp)
        .where(
            FollowUp.deleted_at.is_(None),
            FollowUp.status.in_(OPEN_STATUSES),
            FollowUp.due_on.is_not(None),
            FollowUp.kind != FollowUpKind.RESULT,
        )
        .options(joinedload(FollowUp.owner))
    )


def feed_items(person_id: int):
    """What a person's calendar feed holds: their open follow-ups (overdue included) and the
    reports they still owe. Done and cancelled items drop out of the feed."""
    followups = db.session.scalars(_open_deadlines().where(FollowUp.owner_id == person_id)).all()
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


@dataclass
class FeedContent:
    followups: list[FollowUp]
    reports: list[ParticipationReport]
    #: Running projects whose (approved) end falls in the feed.
    projects: list[Project]


def scoped_feed_items(scope: FeedScope, target_id: int | None, own_person_id: int, today: date):
    """What a feed of `scope` holds today: a person's (own or a colleague's) open deadlines and
    owed reports; for the unit, a project or an institution, the open deadlines and project
    ends in a window around today, nearest first, bounded."""
    if scope in (FeedScope.MINE, FeedScope.PERSON):
        person_id = own_person_id if scope == FeedScope.MINE else target_id
        followups, reports = feed_items(person_id)
        return FeedContent(list(followups), list(reports), [])
    first, last = today - SHARED_FEED_PAST, today + SHARED_FEED_AHEAD
    followups = _open_deadlines().where(FollowUp.due_on.between(first, last))
    end = func.coalesce(Project.approved_end_on, Project.planned_end_on)
    projects = select(Project).where(
        Project.deleted_at.is_(None),
        Project.status == ProjectStatus.IMPLEMENTATION,
        end.between(first, last),
    )
    reports = None
    if scope == FeedScope.PROJECT:
        followups = followups.where(FollowUp.project_id == target_id)
        projects = projects.where(Project.id == target_id)
    elif scope == FeedScope.ORGANIZATION:
        its_projects = select(ProjectInstitution.project_id).where(
            ProjectInstitution.organization_id == target_id
        )
        followups = followups.where(
            or_(FollowUp.organization_id == target_id, FollowUp.project_id.in_(its_projects))
        )
        projects = projects.where(Project.id.in_(its_projects))
    else:
        reports = (
            select(ParticipationReport)
            .where(
                ParticipationReport.deleted_at.is_(None),
                ParticipationReport.status.in_(WAITING_REPORTS),
                ParticipationReport.due_on.between(first, last),
            )
            .options(joinedload(ParticipationReport.activity))
            .order_by(ParticipationReport.due_on)
            .limit(SHARED_FEED_MAX)
        )
    followups = followups.order_by(FollowUp.due_on, FollowUp.id).limit(SHARED_FEED_MAX)
    return FeedContent(
        list(db.session.scalars(followups)),
        list(db.session.scalars(reports)) if reports is not None else [],
        list(db.session.scalars(projects.order_by(end))),
    )
