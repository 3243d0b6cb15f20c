"""Bad input: a clear message next to the field, a 4xx, and nothing written."""

from datetime import date

import pytest

from tracker.models import Activity, AuditEvent, FollowUp, Organization, Person, Project
from tracker.models.enums import Role


@pytest.fixture
def coordinator_client(app, make):
    client = app.test_client()
    client.login(make.user(Role.COORDINATOR))
    return client


def count(db, model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


FOLLOWUP = {"kind": "task", "title": "Algo", "priority": "normal"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Este campo es obligatorio"),
        ({"title": "x" * 301}, "más de 300 caracteres"),
        ({"due_on": "2026-02-30"}, "fecha"),
        ({"due_on": "mañana"}, "fecha"),
        ({"start_on": "2026-05-01", "due_on": "2026-04-01"}, "anterior al inicio"),
        ({"owner": "999999"}, "Elija una opción"),
        ({"kind": "wish"}, "válid"),
    ],
)
def test_followup_form_refuses_bad_values(coordinator_client, make, db, changes, message):
    owner = make.person()
    before = count(db, FollowUp)
    response = coordinator_client.submit(
        "/seguimientos/nuevo", {**FOLLOWUP, "owner": owner.id, **changes}
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert 'class="error"' in response.get_data(as_text=True) or "flash-error" in response.get_data(
        as_text=True
    )
    assert count(db, FollowUp) == before


def test_missing_owner_is_refused(coordinator_client, db):
    response = coordinator_client.submit("/seguimientos/nuevo", {**FOLLOWUP, "owner": ""})
    assert response.status_code == 400
    assert "Este campo es obligatorio" in response.get_data(as_text=True)
    assert count(db, FollowUp) == 0


def test_disallowed_status_change_is_refused_with_message(coordinator_client, make, db):
    followup = make.followup()
    coordinator_client.submit(f"/seguimientos/{followup.id}/estado", {"status": "done"})
    response = coordinator_client.submit(
        f"/seguimientos/{followup.id}/estado", {"status": "blocked"}
    )
    assert response.status_code == 400
    assert "No se puede pasar de «Cumplido» a «Bloqueado»" in response.get_data(as_text=True)
    db.session.refresh(followup)
    assert followup.status.value == "done"


def test_reschedule_without_reason_is_refused(coordinator_client, make, db):
    followup = make.followup(due_on=date(2026, 12, 1))
    response = coordinator_client.submit(
        f"/seguimientos/{followup.id}/reprogramar", {"due_on": "2026-12-20", "reason": ""}
    )
    assert response.status_code == 400
    db.session.refresh(followup)
    assert followup.due_on == date(2026, 12, 1) and followup.reschedule_count == 0


def test_activity_end_before_start(coordinator_client, db):
    response = coordinator_client.submit(
        "/actividades/nueva",
        {
            "name": "Foro",
            "kind": "forum",
            "modality": "virtual",
            "start_on": "2026-03-05",
            "end_on": "2026-03-01",
        },
    )
    assert response.status_code == 400
    assert "El fin no puede ser anterior al inicio" in response.get_data(as_text=True)
    assert count(db, Activity) == 0


def test_duplicate_person_email_and_organization_name(coordinator_client, make, db):
    make.person(email="ana@example.org")
    make.organization(name="ONU Mujeres")
    people, orgs, events = count(db, Person), count(db, Organization), count(db, AuditEvent)
    dup_person = coordinator_client.submit(
        "/personas/nueva", {"name": "Otra Ana", "email": "ANA@example.org", "language": "es"}
    )
    assert dup_person.status_code == 400
    assert "Ya hay una persona con ese correo" in dup_person.get_data(as_text=True)
    dup_org = coordinator_client.submit(
        "/instituciones/nueva", {"name": "onu mujeres", "kind": "un_agency"}
    )
    assert dup_org.status_code == 400
    assert "Ya existe una institución con ese nombre" in dup_org.get_data(as_text=True)
    assert (count(db, Person), count(db, Organization), count(db, AuditEvent)) == (
        people,
        orgs,
        events,
    )


def test_person_cannot_supervise_themselves(coordinator_client, make, db):
    person = make.person()
    response = coordinator_client.submit(
        f"/personas/{person.id}/editar",
        {"name": person.name, "email": person.email, "language": "es", "supervisor": person.id},
    )
    assert response.status_code == 400
    assert "no puede ser su propia jefatura" in response.get_data(as_text=True)
    db.session.refresh(person)
    assert person.supervisor_id is None


def test_supervisor_loop_is_refused(coordinator_client, make, db):
    boss = make.person(name="Jefa")
    clerk = make.person(name="Auxiliar", supervisor_id=boss.id)
    response = coordinator_client.submit(
        f"/personas/{boss.id}/editar",
        {"name": boss.name, "email": boss.email, "language": "es", "supervisor": clerk.id},
    )
    assert response.status_code == 400
    db.session.refresh(boss)
    assert boss.supervisor_id is None


def test_project_with_unknown_sdg_and_bad_duration(coordinator_client, db):
    response = coordinator_client.submit(
        "/proyectos/nuevo",
        {
            "name": "P",
            "status": "pipeline",
            "sdgs": "18",
            "duration_months": "-3",
            "update_interval_months": "6",
        },
    )
    assert response.status_code == 400
    assert count(db, Project) == 0


def test_missing_record_is_a_404_page_in_the_layout(coordinator_client):
    response = coordinator_client.get("/seguimientos/424242")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "No encontrado" in page and "Seguimiento" in page and "<nav" in page


def test_bad_list_filter_is_a_400_with_message(coordinator_client):
    response = coordinator_client.get("/seguimientos/?due_from=2026-13-45")
    assert response.status_code == 400
    assert "fecha" in response.get_data(as_text=True)


def test_new_user_with_short_password_or_duplicate_email(app, make, db):
    admin = make.user(Role.ADMIN)
    client = app.test_client()
    client.login(admin)
    short = client.submit(
        "/usuarios/nuevo",
        {"name": "N", "email": "n@example.org", "role": "member", "password": "corta"},
    )
    assert short.status_code == 400
    duplicate = client.submit(
        "/usuarios/nuevo",
        {"name": "N", "email": admin.email, "role": "member", "password": "suficientemente-larga"},
    )
    assert duplicate.status_code == 400
    assert "Ya existe una cuenta con ese correo" in duplicate.get_data(as_text=True)
