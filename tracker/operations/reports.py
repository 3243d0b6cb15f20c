"""A participation report's lifecycle: pending → submitted → approved | returned."""

from datetime import date
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from tracker.dates import shift_days
from tracker.extensions import db
from tracker.models import Activity, ParticipationReport, Person, User
from tracker.models.base import utcnow
from tracker.models.enums import ReportStatus
from tracker.operations.errors import OperationError, PermissionDenied
from tracker.operations.history import apply_changes, record_audit
from tracker.operations.report_notices import (
    brief_participant,
    notify_approved,
    notify_returned,
    notify_submitted,
)
from tracker.permissions import can_approve_report

EDITABLE_FIELDS = ("role", "contribution", "motive", "achievements", "lessons", "comments")


def report_due_on(activity: Activity) -> date:
    # shift_days saturates: an activity stored as ending 9999-12-31 must not crash the page.
    return shift_days(activity.end_on, current_app.config["REPORT_DUE_DAYS"])


def add_participant(
    activity: Activity, person: Person, actor: User | None, role: str | None = None
) -> ParticipationReport:
    """Register a participant: their report is created pending, due REPORT_DUE_DAYS after, and
    they are briefed on what earlier editions of the series left."""
    exists = db.session.scalar(
        db.select(ParticipationReport.id).filter_by(activity_id=activity.id, person_id=person.id)
    )
    if exists:
        raise OperationError(_("Esta persona ya participa en la actividad."), "person")
    report = ParticipationReport(
        activity=activity, person=person, role=role, due_on=report_due_on(activity)
    )
    db.session.add(report)
    db.session.flush()
    record_audit(report, actor, "created", {"person": [None, person.name]})
    brief_participant(report, actor)
    return report


def update_report(report: ParticipationReport, actor: User | None, **values: Any) -> dict:
    """Change the report's text sections; returns the recorded {field: [old, new]}."""
    if report.status == ReportStatus.APPROVED:
        raise OperationError(_("Un informe aprobado ya no se edita."))
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    changes = apply_changes(report, values)
    if changes:
        record_audit(report, actor, "updated", changes)
        db.session.flush()
    return changes


def submit_report(report: ParticipationReport, actor: User | None, notify: bool = True) -> None:
    """The author hands the report in (again, after a return).

    An imported form was handed in on paper, often long ago: coordination, who imports it,
    approves it from the app, so no one is asked for the visto bueno by mail (`notify=False`).
    """
    if report.status not in (ReportStatus.PENDING, ReportStatus.RETURNED):
        raise OperationError(_("Este informe ya fue entregado."), "status")
    old = report.status
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = utcnow()
    record_audit(report, actor, "submitted", {"status": [old.value, report.status.value]})
    db.session.flush()
    if notify:
        notify_submitted(report, actor)


def approve_report(report: ParticipationReport, actor: User) -> None:
    """Visto bueno: by the author's supervisor, a coordinator or an admin."""
    if not can_approve_report(actor, report):
        raise PermissionDenied(_("Solo la jefatura de la persona o la coordinación aprueba."))
    if report.status != ReportStatus.SUBMITTED:
        raise OperationError(_("Solo se aprueba un informe entregado."), "status")
    report.status = ReportStatus.APPROVED
    report.approved_at = utcnow()
    report.approved_by = actor
    record_audit(report, actor, "approved", {"status": ["submitted", "approved"]})
    # A private link is for writing the report; once approved there is nothing left to write.
    from tracker.operations.report_links import expire_report_links

    expire_report_links(report)
    db.session.flush()
    notify_approved(report, actor)


def return_report(report: ParticipationReport, actor: User, reason: str) -> None:
    """Send the report back to its author with the reason."""
    if not can_approve_report(actor, report):
        raise PermissionDenied(_("Solo la jefatura de la persona o la coordinación devuelve."))
    if report.status != ReportStatus.SUBMITTED:
        raise OperationError(_("Solo se devuelve un informe entregado."), "status")
    reason = (reason or "").strip()
    if not reason:
        raise OperationError(_("Indique qué debe corregirse."), "reason")
    report.status = ReportStatus.RETURNED
    report.return_reason = reason
    record_audit(report, actor, "returned", {"status": ["submitted", "returned"]}, reason)
    db.session.flush()
    notify_returned(report, actor)
