"""The iCalendar (RFC 5545) feed of a person's deadlines, as all-day events."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from tracker.dates import is_sane
from tracker.labels import KIND_LABELS, STATUS_LABELS
from tracker.models import FollowUp, ParticipationReport, Project


def _event(uid: str, day: date, summary: str, url: str, now: datetime, description: str):
    from icalendar import Event

    event = Event()
    event.add("uid", f"{uid}@seguimiento")
    event.add("dtstamp", now)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("url", url)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def build_feed(
    followups: list[FollowUp],
    reports: list[ParticipationReport],
    today: date,
    now: datetime,
    language: str | None = None,
    name: str | None = None,
    projects: Sequence[Project] = (),
) -> bytes:
    """One VEVENT per deadline, worded in `language` (the feed owner's); overdue ones say so
    in their summary.

    The feed is fetched by a calendar client with no session and its own Accept-Language, so
    the owner's saved language decides, as it does for their reminder mail.

    A deadline stored outside the sane date range (only possible in rows written before the
    range was enforced) is left out: its all-day end would overflow at 9999-12-31, and calendar
    clients mishandle year 1. The app's own pages still list it, so it can be corrected.
    """
    languages = current_app.config["LANGUAGES"]
    with force_locale(language if language in languages else languages[0]):
        calendar = _calendar(followups, reports, today, now, name)
        _add_project_ends(calendar, projects, now)
        return calendar.to_ical()


def _calendar(followups, reports, today: date, now: datetime, name: str | None = None):
    followups = [followup for followup in followups if is_sane(followup.due_on)]
    reports = [report for report in reports if is_sane(report.due_on)]
    from icalendar import Calendar

    overdue = _("[VENCIDO]") + " "

    calendar = Calendar()
    calendar.add("prodid", "-//Seguimiento//Cooperación Internacional//ES")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Seguimiento · {name}" if name else "Seguimiento")
    calendar.add("x-wr-timezone", current_app.config["TRACKER_TIMEZONE"])
    for followup in followups:
        prefix = overdue if followup.due_on < today else ""
        url = url_for("followups.show", followup_id=followup.id, _external=True)
        calendar.add_component(
            _event(
                f"followup-{followup.id}",
                followup.due_on,
                f"{prefix}{followup.title}",
                url,
                now,
                _followup_description(followup, url),
            )
        )
    for report in reports:
        prefix = overdue if report.due_on < today else ""
        url = url_for("reports.show", report_id=report.id, _external=True)
        calendar.add_component(
            _event(
                f"report-{report.id}",
                report.due_on,
                prefix + _("Informe: %(activity)s", activity=report.activity.name),
                url,
                now,
                url,
            )
        )
    return calendar


def _followup_description(followup: FollowUp, url: str) -> str:
    lines = [f"{KIND_LABELS[followup.kind]} · {STATUS_LABELS[followup.status]}"]
    if followup.owner is not None:
        lines.append(_("Responsable: %(name)s", name=followup.owner.name))
    return "\n".join([*lines, url])


def _add_project_ends(calendar, projects: Sequence[Project], now: datetime) -> None:
    """A running project's end as an event; after an approved extension, the approved end."""
    for project in projects:
        end = project.end_on
        if not is_sane(end):
            continue
        url = url_for("projects.show", project_id=project.id, _external=True)
        if project.approved_end_on is not None:
            summary = _("Fin del proyecto (prorrogado): %(name)s", name=project.name)
        else:
            summary = _("Fin previsto del proyecto: %(name)s", name=project.name)
        calendar.add_component(_event(f"project-end-{project.id}", end, summary, url, now, url))
