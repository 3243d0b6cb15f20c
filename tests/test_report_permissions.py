"""Every role against every new report action: open and save the form, start a report (from
"Nuevo informe" and from an activity), create and revoke a private link."""

import pytest
from sqlalchemy import func, select

from tracker.models import ParticipationReport, ReportLink
from tracker.models.enums import Role
from tracker.operations.report_links import issue_report_link

ROLES = ("viewer", "author", "other_member", "supervisor", "coordinator", "admin")
#: Who may do each action (the author is a member writing her own report).
MAY = {
    "open_form": {"author", "coordinator", "admin"},
    "save_form": {"author", "coordinator", "admin"},
    "new_report_page": {"author", "other_member", "supervisor", "coordinator", "admin"},
    "start_from_activity": {"author", "other_member", "supervisor", "coordinator", "admin"},
    "create_link": {"coordinator", "admin"},
    "revoke_link": {"coordinator", "admin"},
}


@pytest.fixture
def world(make, db):
    boss = make.user(Role.MEMBER, name="Jefatura")
    author = make.user(Role.MEMBER, name="Autora", supervisor_id=boss.person_id)
    users = {
        "viewer": make.user(Role.VIEWER),
        "author": author,
        "other_member": make.user(Role.MEMBER),
        "supervisor": boss,
        "coordinator": make.user(Role.COORDINATOR),
        "admin": make.user(Role.ADMIN),
    }
    report = make.report(person=author.person)
    activity = make.activity()
    link, _secret = issue_report_link(report, users["coordinator"])
    db.session.commit()
    return {"users": users, "report": report, "activity": activity, "link": link}


def _act(client, action, world):
    report, activity, link = world["report"], world["activity"], world["link"]
    if action == "open_form":
        return client.get(f"/informes/{report.id}/editar")
    if action == "save_form":
        return client.submit(
            f"/informes/{report.id}/editar",
            {
                "role": "Cambio de rol",
                "person_name": "Autora",
                "new_kind": "agenda",
                "save": "Guardar",
            },
        )
    if action == "new_report_page":
        return client.get("/informes/nuevo")
    if action == "start_from_activity":
        return client.submit(f"/actividades/{activity.id}/mi-informe")
    if action == "create_link":
        return client.submit(f"/informes/{report.id}/enlace")
    if action == "revoke_link":
        return client.submit(f"/informes/{report.id}/enlace/{link.id}/revocar")
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(MAY))
def test_role_action(app, world, db, role, action):
    client = app.test_client()
    client.login(world["users"][role])
    reports_before = db.session.scalar(select(func.count()).select_from(ParticipationReport))
    response = _act(client, action, world)
    if role in MAY[action]:
        assert response.status_code in (200, 302), response.get_data(as_text=True)[:500]
    else:
        assert response.status_code == 403
        # A refusal changes nothing.
        report = db.session.get(ParticipationReport, world["report"].id)
        assert report.role is None
        assert db.session.get(ReportLink, world["link"].id).revoked_at is None
        count = db.session.scalar(select(func.count()).select_from(ParticipationReport))
        assert count == reports_before


def test_the_author_cannot_approve_her_own_report(app, world, db):
    client = app.test_client()
    client.login(world["users"]["author"])
    client.submit(f"/informes/{world['report'].id}/entregar")
    assert client.submit(f"/informes/{world['report'].id}/aprobar").status_code == 403


def test_a_member_starts_only_her_own_report(app, world, db):
    client = app.test_client()
    client.login(world["users"]["other_member"])
    response = client.submit(
        "/informes/nuevo",
        {"person": str(world["users"]["author"].person_id), "activity": world["activity"].id},
    )
    # The participant field is coordination's: for a member it is ignored, the report is hers.
    assert response.status_code == 302
    report = db.session.scalars(
        select(ParticipationReport).filter_by(activity_id=world["activity"].id)
    ).one()
    assert report.person_id == world["users"]["other_member"].person_id


def test_coordination_starts_a_report_for_anyone(app, world, db, make):
    client = app.test_client()
    client.login(world["users"]["coordinator"])
    someone = make.person(name="Funcionaria Sin Cuenta")
    response = client.submit(
        "/informes/nuevo", {"person": str(someone.id), "activity": world["activity"].id}
    )
    assert response.status_code == 302
    report = db.session.scalars(select(ParticipationReport).filter_by(person_id=someone.id)).one()
    assert report.activity_id == world["activity"].id


def test_an_approved_report_is_no_longer_edited(app, world, db):
    from tracker.models.enums import ReportStatus

    report = db.session.get(ParticipationReport, world["report"].id)
    report.status = ReportStatus.APPROVED
    db.session.commit()
    for role in ("author", "coordinator"):
        client = app.test_client()
        client.login(world["users"][role])
        response = client.get(f"/informes/{report.id}/editar")
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"/informes/{report.id}")
