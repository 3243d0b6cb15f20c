"""Private calendar feeds for the unit, a project, an institution and a person: each parsed
back with icalendar, each revocable on its own, bad requests refused with a message."""

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from tracker.clock import local_today
from tracker.models import ProjectInstitution
from tracker.models.base import utcnow
from tracker.models.enums import (
    FollowUpKind,
    FollowUpStatus,
    InstitutionRole,
    ProjectStatus,
    Role,
)


def _today(app) -> date:
    with app.test_request_context():
        return local_today()


def _create_feed(client, scope: str | None = None, target: int | None = None) -> str:
    data = {}
    if scope:
        data["ambito"] = scope
    if target is not None:
        data["registro"] = str(target)
    response = client.submit("/calendario/enlace", data)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    url = re.search(r'value="(http[^"]+\.ics)"', response.get_data(as_text=True)).group(1)
    return urlsplit(url).path


def _events(app, path: str) -> tuple[Calendar, dict]:
    response = app.test_client().get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return calendar, {str(e["summary"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def coordinator_client(app, make):
    client = app.test_client()
    client.login(make.user(Role.COORDINATOR))
    return client


def test_unit_feed_carries_everyones_open_deadlines_in_a_window(app, make, db, coordinator_client):
    today = _today(app)
    ana, luis = make.person(name="Ana Pérez"), make.person(name="Luis Mora")
    make.followup(owner=ana, title="Enviar nota verbal", due_on=today + timedelta(days=3))
    make.followup(owner=luis, title="Atrasado del mes", due_on=today - timedelta(days=20))
    make.followup(owner=luis, title="Muy antiguo", due_on=today - timedelta(days=400))
    make.followup(owner=ana, title="Resultado esperado", kind=FollowUpKind.RESULT, due_on=today)
    done = make.followup(owner=ana, title="Ya cumplido", due_on=today)
    done.status = FollowUpStatus.DONE
    report = make.report(person=luis)
    report.due_on = today + timedelta(days=5)
    db.session.commit()

    calendar, events = _events(app, _create_feed(coordinator_client, "unit"))

    assert str(calendar["x-wr-calname"]) == "Seguimiento · Toda la unidad"
    assert "Enviar nota verbal" in events
    assert "[VENCIDO] Atrasado del mes" in events
    assert f"Informe: {report.activity.name}" in events
    # Outside the window, done, or an outcome rather than a deadline: not in the feed.
    assert not {"[VENCIDO] Muy antiguo", "Ya cumplido", "Resultado esperado"} & set(events)
    description = str(events["Enviar nota verbal"]["description"]).splitlines()
    assert description[1] == "Responsable: Ana Pérez"


def test_project_feed_has_its_deadlines_and_the_approved_end(app, make, db, coordinator_client):
    today = _today(app)
    project = make.project(name="Agua segura", status=ProjectStatus.IMPLEMENTATION)
    project.planned_end_on = today - timedelta(days=10)
    project.approved_end_on = today + timedelta(days=60)
    other = make.project(name="Otro proyecto")
    make.followup(title="Taller de cierre", project=project, due_on=today + timedelta(days=7))
    make.followup(title="De otro proyecto", project=other, due_on=today + timedelta(days=7))
    db.session.commit()

    calendar, events = _events(app, _create_feed(coordinator_client, "project", project.id))

    assert str(calendar["x-wr-calname"]) == "Seguimiento · Proyecto: Agua segura"
    assert "Taller de cierre" in events and "De otro proyecto" not in events
    end = events["Fin del proyecto (prorrogado): Agua segura"]
    assert end["dtstart"].dt == today + timedelta(days=60)


def test_institution_feed_has_what_it_delivers_and_its_projects(app, make, db, coordinator_client):
    today = _today(app)
    org = make.organization(name="Ministerio de Salud")
    project = make.project(name="Salud rural")
    project.institutions.append(ProjectInstitution(organization=org, role=InstitutionRole.LEAD))
    make.followup(title="Entrega del ministerio", organization=org, due_on=today)
    make.followup(title="Del proyecto", project=project, due_on=today + timedelta(days=1))
    make.followup(title="Ajeno", due_on=today)
    db.session.commit()

    _calendar, events = _events(app, _create_feed(coordinator_client, "organization", org.id))

    assert {"Entrega del ministerio", "Del proyecto"} <= set(events)
    assert "Ajeno" not in events


def test_person_feed_follows_a_colleague(app, make, db, coordinator_client):
    today = _today(app)
    colleague = make.person(name="Marta Ruiz")
    make.followup(owner=colleague, title="Lo de Marta", due_on=today - timedelta(days=300))
    make.followup(title="De otra persona", due_on=today)

    _calendar, events = _events(app, _create_feed(coordinator_client, "person", colleague.id))

    # A person's feed is like one's own: every open deadline, overdue ones included.
    assert set(events) == {"[VENCIDO] Lo de Marta"}


def test_a_new_link_ends_the_old_one_of_the_same_calendar_only(app, make, coordinator_client):
    project = make.project()
    first_unit = _create_feed(coordinator_client, "unit")
    project_feed = _create_feed(coordinator_client, "project", project.id)
    own = _create_feed(coordinator_client)
    second_unit = _create_feed(coordinator_client, "unit")
    anonymous = app.test_client()
    assert anonymous.get(first_unit).status_code == 404
    for path in (second_unit, project_feed, own):
        assert anonymous.get(path).status_code == 200

    page = coordinator_client.get("/calendario/enlaces").get_data(as_text=True)
    assert page.count("Revocar «") == 3
    assert f"Proyecto: {project.name}" in page


def test_revoking_one_link_leaves_the_others(app, make, db, coordinator_client):
    from tracker.models import AccessToken

    unit = _create_feed(coordinator_client, "unit")
    own = _create_feed(coordinator_client)
    unit_token = db.session.scalars(
        db.select(AccessToken).where(AccessToken.feed_scope == "unit")
    ).one()
    response = coordinator_client.submit("/calendario/enlace/revocar", {"enlace": unit_token.id})
    assert response.status_code == 302
    anonymous = app.test_client()
    assert anonymous.get(unit).status_code == 404
    assert anonymous.get(own).status_code == 200

    # Someone else's link is not theirs to revoke, and says nothing about existing.
    stranger = app.test_client()
    stranger.login(make.user(Role.MEMBER))
    mine = _create_feed(stranger, "unit")
    my_token = db.session.scalars(
        db.select(AccessToken).where(AccessToken.revoked_at.is_(None), AccessToken.user_id != 1)
    ).all()[-1]
    refused = coordinator_client.submit("/calendario/enlace/revocar", {"enlace": my_token.id})
    assert refused.status_code == 404
    assert anonymous.get(mine).status_code == 200


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"ambito": "galaxia"}, 400, "Ese tipo de calendario no existe."),
        ({"ambito": "project"}, 400, "Indique de qué registro es el calendario."),
        ({"ambito": "project", "registro": "uno"}, 400, "Indique de qué registro"),
        ({"ambito": "unit", "registro": "3"}, 400, "Este calendario no admite un registro."),
        ({"ambito": "organization", "registro": "999999"}, 404, "no existe o fue eliminado"),
    ],
)
def test_bad_requests_are_refused_with_a_message(coordinator_client, db, data, status, message):
    from tracker.models import AccessToken

    response = coordinator_client.submit("/calendario/enlace", data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(AccessToken)) == 0
    assert coordinator_client.get("/calendario/enlaces?ambito=galaxia").status_code == 400
    revoke = coordinator_client.submit("/calendario/enlace/revocar", {"enlace": "x"})
    assert revoke.status_code == 400


def test_a_deleted_records_feed_answers_as_revoked(app, make, db, coordinator_client):
    project = make.project()
    path = _create_feed(coordinator_client, "project", project.id)
    project.deleted_at = utcnow()
    db.session.commit()
    assert app.test_client().get(path).status_code == 404
    page = coordinator_client.get("/calendario/enlaces").get_data(as_text=True)
    assert "Registro eliminado" in page


def test_record_pages_offer_their_calendar(make, coordinator_client):
    org, person = make.organization(), make.person()
    for page, scope, target in (
        (f"/instituciones/{org.id}", "organization", org.id),
        (f"/personas/{person.id}", "person", person.id),
    ):
        html = coordinator_client.get(page).get_data(as_text=True)
        offer = f"/calendario/enlaces?ambito={scope}&amp;registro={target}"
        assert offer in html
        offered = coordinator_client.get(offer.replace("&amp;", "&")).get_data(as_text=True)
        assert 'name="ambito" value="' + scope in offered


def test_unit_feed_statements_do_not_grow_with_the_data(app, make, db, coordinator_client):
    from sqlalchemy import event

    today = _today(app)
    path = _create_feed(coordinator_client, "unit")
    app.test_client().get(path)  # the first use stamps last_used_at, a write of its own
    counts = []
    for batch in (2, 20):
        for n in range(batch):
            make.followup(owner=make.person(), title=f"T{n}", due_on=today + timedelta(days=n))
        statements = []

        def count(*_args, statements=statements):
            statements.append(1)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert app.test_client().get(path).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        counts.append(len(statements))
    assert counts[0] == counts[1]
