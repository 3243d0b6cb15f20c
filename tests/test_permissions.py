"""Approval by the supervisor: the one permission that depends on who supervises whom.

Every other route × role decision is in tests/test_route_authorization.py.
"""

from tracker.models.enums import ReportStatus, Role


def test_supervisor_approves_the_report_of_a_person_they_supervise(app, make, db):
    boss = make.user(Role.MEMBER, name="Jefa")
    author = make.person(supervisor_id=boss.person_id)
    report = make.report(person=author)
    report.status = ReportStatus.SUBMITTED
    db.session.commit()
    client = app.test_client()
    client.login(boss)
    assert client.submit(f"/informes/{report.id}/aprobar").status_code == 302
    db.session.refresh(report)
    assert report.status == ReportStatus.APPROVED
