"""The participation report's lifecycle and who may approve it."""

from datetime import date

import pytest

from tracker.models import AuditEvent
from tracker.models.enums import ReportStatus, Role
from tracker.operations import reports as ops
from tracker.operations.errors import OperationError, PermissionDenied


def test_report_is_due_report_due_days_after_the_activity(make, app):
    activity = make.activity(start_on=date(2021, 3, 29), end_on=date(2021, 3, 31))
    report = make.report(activity=activity)
    assert report.status == ReportStatus.PENDING
    assert report.due_on == date(2021, 4, 15)  # 31 March + REPORT_DUE_DAYS (15)


def test_participant_is_registered_once(make, db):
    activity = make.activity()
    person = make.person()
    ops.add_participant(activity, person, None)
    with pytest.raises(OperationError):
        ops.add_participant(activity, person, None)


def test_submit_approve_by_supervisor(make, db):
    supervisor = make.user(Role.MEMBER)
    author = make.user(Role.MEMBER, supervisor_id=supervisor.person_id)
    report = make.report(person=author.person)
    ops.submit_report(report, author)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_at
    ops.approve_report(report, supervisor)
    assert report.status == ReportStatus.APPROVED
    assert report.approved_by == supervisor and report.approved_at
    actions = db.session.scalars(
        db.select(AuditEvent.action).filter_by(
            entity_id=report.id, entity_type="participation_reports"
        )
    ).all()
    assert actions == ["created", "submitted", "approved"]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.VIEWER])
def test_other_members_and_viewers_cannot_approve(make, db, role):
    author = make.user(Role.MEMBER)
    stranger = make.user(role)
    report = make.report(person=author.person)
    ops.submit_report(report, author)
    with pytest.raises(PermissionDenied):
        ops.approve_report(report, stranger)
    assert report.status == ReportStatus.SUBMITTED


def test_author_cannot_approve_own_report_even_as_coordinator(make, db):
    author = make.user(Role.COORDINATOR)
    report = make.report(person=author.person)
    ops.submit_report(report, author)
    with pytest.raises(PermissionDenied):
        ops.approve_report(report, author)


def test_return_needs_reason_and_author_can_resubmit(make, db):
    coordinator = make.user(Role.COORDINATOR)
    author = make.user(Role.MEMBER)
    report = make.report(person=author.person)
    ops.submit_report(report, author)
    with pytest.raises(OperationError):
        ops.return_report(report, coordinator, "")
    ops.return_report(report, coordinator, "Falta la agenda")
    assert report.status == ReportStatus.RETURNED
    assert report.return_reason == "Falta la agenda"
    ops.submit_report(report, author)
    assert report.status == ReportStatus.SUBMITTED


def test_cannot_approve_a_pending_report_or_edit_an_approved_one(make, db):
    coordinator = make.user(Role.COORDINATOR)
    report = make.report()
    with pytest.raises(OperationError):
        ops.approve_report(report, coordinator)
    ops.submit_report(report, None)
    ops.approve_report(report, coordinator)
    with pytest.raises(OperationError):
        ops.update_report(report, coordinator, comments="cambio")
