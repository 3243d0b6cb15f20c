"""The list queries of activities, participation reports and projects with the API's filters
(`q`, `status`, `activity`), newest first, deleted ones left out.

The web lists and the API both start from these; the web adds its own filters (kind,
institution, dates, overrun…) on top.
"""

from typing import Any

from sqlalchemy import Select, exists, or_, select

from tracker.models import Activity, ActivitySeries, ParticipationReport, Person, Project
from tracker.queries.followups import search_clause
from tracker.queries.projects import end_column
from tracker.queries.reports import listed_reports, status_clause


def activity_list(filters: dict[str, Any]) -> Select:
    """Live activities; `q` searches the name, the place and the series."""
    query = select(Activity).where(Activity.deleted_at.is_(None))
    if filters.get("q"):
        series_match = exists().where(
            ActivitySeries.id == Activity.series_id,
            search_clause(filters["q"], ActivitySeries.name),
        )
        query = query.where(
            or_(search_clause(filters["q"], Activity.name, Activity.place), series_match)
        )
    return query.order_by(Activity.start_on.desc(), Activity.id.desc())


def report_list(filters: dict[str, Any]) -> Select:
    """Live reports on live activities, latest due first; `q` searches the activity and the
    person."""
    query = listed_reports().join(Person, Person.id == ParticipationReport.person_id)
    if filters.get("q"):
        query = query.where(search_clause(filters["q"], Activity.name, Person.name))
    if filters.get("status"):
        query = query.where(status_clause(filters["status"]))
    if filters.get("activity") is not None:
        query = query.where(ParticipationReport.activity_id == filters["activity"])
    return query.order_by(ParticipationReport.due_on.desc(), ParticipationReport.id.desc())


def project_list(filters: dict[str, Any]) -> Select:
    """Live projects, latest end first (the approved one after an extension, else the plan's);
    `q` searches the name and the thematic area."""
    query = select(Project).where(Project.deleted_at.is_(None))
    if filters.get("q"):
        query = query.where(search_clause(filters["q"], Project.name, Project.thematic_area))
    if filters.get("status"):
        query = query.where(Project.status == filters["status"])
    end = end_column()
    return query.order_by(end.is_(None), end.desc(), Project.id)
