"""Activities and their series; participants are added through their reports."""

from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func

from tracker.extensions import db
from tracker.models import Activity, ActivitySeries, Organization, User
from tracker.models.enums import ReportStatus
from tracker.operations.errors import OperationError
from tracker.operations.records import create_record, update_record
from tracker.operations.report_notices import brief_participant
from tracker.operations.reports import report_due_on


def series_named(name: str | None) -> ActivitySeries | None:
    """The series with this name (ignoring case), created when new."""
    name = (name or "").strip()
    if not name:
        return None
    series = db.session.scalar(
        db.select(ActivitySeries).where(func.lower(ActivitySeries.name) == name.lower())
    )
    if series is None:
        series = ActivitySeries(name=name)
        db.session.add(series)
    return series


def _check_dates(start_on: date | None, end_on: date | None) -> None:
    # Forms that create an activity on the side (the new-report form) may leave them empty.
    if start_on is None:
        raise OperationError(_("Indique la fecha de inicio de la actividad."), "start_on")
    if end_on is None:
        raise OperationError(_("Indique la fecha de fin de la actividad."), "end_on")
    if end_on < start_on:
        raise OperationError(_("El fin no puede ser anterior al inicio."), "end_on")


def create_activity(
    actor: User | None,
    *,
    series_name: str | None = None,
    organizers: list[Organization] = (),
    **values: Any,
) -> Activity:
    _check_dates(values["start_on"], values["end_on"])
    values["series"] = series_named(series_name)
    activity = create_record(Activity, actor, **values)
    activity.organizers = list(organizers)
    db.session.flush()
    return activity


def update_activity(
    activity: Activity,
    actor: User | None,
    *,
    series_name: str | None = None,
    organizers: list[Organization] | None = None,
    **values: Any,
) -> dict:
    _check_dates(values.get("start_on", activity.start_on), values.get("end_on", activity.end_on))
    values["series"] = series_named(series_name)
    changes = update_record(activity, actor, **values)
    if organizers is not None and set(organizers) != set(activity.organizers):
        old = ", ".join(o.name for o in activity.organizers)
        activity.organizers = list(organizers)
        changes["organizers"] = [old, ", ".join(o.name for o in organizers)]
    if "end_on" in changes:
        # Reports not yet handed in follow the activity's new end.
        for report in activity.reports:
            if report.status in (ReportStatus.PENDING, ReportStatus.RETURNED):
                report.due_on = report_due_on(activity)
    if "series" in changes and activity.series is not None:
        # Participants added before the activity was placed in its series get the briefing
        # they would have had, had it been there from the start (an ended edition: none).
        for report in activity.reports:
            if report.deleted_at is None:
                brief_participant(report, actor)
    if changes:
        db.session.flush()
    return changes
