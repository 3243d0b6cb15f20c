"""Private report links: a participant without an account writes and hands in her one report;
the link dies when the report is approved, when revoked, when expired, and opens no other."""

import re
from datetime import timedelta

from sqlalchemy import select

from tracker.models import FollowUp, ParticipationReport, ReportLink
from tracker.models.base import utcnow
from tracker.models.enums import ReportStatus, Role


def _setup(app, make):
    coordinator = make.user(Role.COORDINATOR)
    person = make.person(name="Invitada Sin Cuenta")
    report = make.report(person=person)
    coordination = app.test_client()
    coordination.login(coordinator)
    return coordination, report


def _create_link(coordination, report) -> str:
    response = coordination.submit(f"/informes/{report.id}/enlace")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    return re.search(r"<code>https?://[^/]+(/informe-privado/[^<]+)</code>", page).group(1)


def test_coordination_creates_a_link_shown_once_and_stored_hashed(app, make, db):
    coordination, report = _setup(app, make)
    path = _create_link(coordination, report)
    secret = path.rsplit("/", 1)[1]
    (link,) = db.session.scalars(select(ReportLink)).all()
    assert link.report_id == report.id and secret not in link.token_hash
    page = coordination.get(f"/informes/{report.id}").get_data(as_text=True)
    assert secret not in page and "Revocar enlace" in page


def test_link_opens_the_form_without_login_and_submits(app, client, make, db):
    coordination, report = _setup(app, make)
    path = _create_link(coordination, report)
    page = client.get(path)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Invitada Sin Cuenta" in text and ">Salir<" not in text
    # The owner list through a link holds the participant only, not the directory.
    assert f'<option value="{report.person_id}"' in text
    other = make.person(name="Otra Persona Del Directorio")
    assert "Otra Persona Del Directorio" not in client.get(path).get_data(as_text=True)
    data = {
        "role": "Panelista",
        "commitments-0-text": "Enviar la presentación",
        "commitments-0-owner": str(report.person_id),
        "commitments-0-priority": "normal",
        "commitments-0-state": "open",
        "new_kind": "agenda",
        "save_and_submit": "Guardar y entregar",
    }
    response = client.submit(path, data)
    assert response.status_code == 302
    report = db.session.get(ParticipationReport, report.id)
    assert report.status == ReportStatus.SUBMITTED and report.role == "Panelista"
    (followup,) = db.session.scalars(select(FollowUp).filter_by(report_id=report.id)).all()
    assert followup.owner_id == report.person_id and followup.events[0].actor_id is None
    # Naming someone outside the list through the link is refused.
    refused = dict(data, **{"commitments-1-text": "x", "commitments-1-owner": str(other.id)})
    refused.pop("save_and_submit")
    refused["save"] = "Guardar"
    assert client.submit(path, refused).status_code == 400


def test_link_used_on_another_report_is_refused(app, client, make):
    coordination, report = _setup(app, make)
    other = make.report(person=make.person())
    path = _create_link(coordination, report)
    secret = path.rsplit("/", 1)[1]
    assert client.get(f"/informe-privado/{other.id}/{secret}").status_code == 404
    assert client.submit(f"/informe-privado/{other.id}/{secret}", {"role": "x"}).status_code == 404


def test_revoked_link_stops_working(app, client, make, db):
    coordination, report = _setup(app, make)
    path = _create_link(coordination, report)
    link = db.session.scalars(select(ReportLink)).one()
    response = coordination.submit(f"/informes/{report.id}/enlace/{link.id}/revocar")
    assert response.status_code == 302
    page = client.get(path)
    assert page.status_code == 404
    assert "pida uno nuevo a la coordinación" in page.get_data(as_text=True)


def test_a_new_link_replaces_the_old_one(app, client, make):
    coordination, report = _setup(app, make)
    first = _create_link(coordination, report)
    second = _create_link(coordination, report)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_expired_link_stops_working(app, client, make, db):
    coordination, report = _setup(app, make)
    path = _create_link(coordination, report)
    link = db.session.scalars(select(ReportLink)).one()
    link.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get(path).status_code == 404


def test_link_ends_when_the_report_is_approved(app, client, make, db):
    coordination, report = _setup(app, make)
    path = _create_link(coordination, report)
    client.submit(path, {"role": "x", "new_kind": "agenda", "save_and_submit": "Entregar"})
    assert db.session.get(ParticipationReport, report.id).status == ReportStatus.SUBMITTED
    assert client.get(path).status_code == 200  # still open while it waits for approval
    assert coordination.submit(f"/informes/{report.id}/aprobar").status_code == 302
    assert db.session.get(ParticipationReport, report.id).status == ReportStatus.APPROVED
    assert client.get(path).status_code == 404
    link = db.session.scalars(select(ReportLink)).one()
    assert link.expires_at <= utcnow()


def test_a_wrong_or_overlong_secret_is_a_plain_404(app, client, make):
    _coordination, report = _setup(app, make)
    assert client.get(f"/informe-privado/{report.id}/nope").status_code == 404
    assert client.get(f"/informe-privado/{report.id}/{'x' * 500}").status_code == 404


def test_only_coordination_creates_or_revokes_links(app, make, db):
    _coordination, report = _setup(app, make)
    member = app.test_client()
    member.login(make.user(Role.MEMBER, name="Autora"))
    assert member.submit(f"/informes/{report.id}/enlace").status_code == 403
    assert db.session.scalars(select(ReportLink)).all() == []
