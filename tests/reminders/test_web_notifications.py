"""The reminders page (/avisos) and the reminders on a follow-up's page."""

from datetime import date, timedelta

from jobs.run import run_reminders
from tests.reminders.helpers import at, rows
from tracker.models import NotificationStatus
from tracker.models.enums import Role

TODAY = date(2025, 6, 16)


def _two_owners(make):
    ana = make.user(Role.MEMBER, name="Ana Mora", email="ana@example.org")
    beto = make.user(Role.MEMBER, name="Beto Solís", email="beto@example.org")
    own = make.followup(owner=ana.person, title="Tarea de Ana", due_on=TODAY - timedelta(1))
    make.followup(owner=beto.person, title="Tarea de Beto", due_on=TODAY - timedelta(1))
    return ana, beto, own


def test_a_member_sees_only_their_own_reminders(app, make, db):
    ana, _beto, _own = _two_owners(make)
    run_reminders(TODAY, now=at(TODAY))  # mail suppressed: rows stay pending, still listed
    client = app.test_client()
    client.login(ana)
    page = client.get("/avisos/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Tarea de Ana" in html and "Tarea de Beto" not in html
    assert "Reenviar" not in html
    assert "El envío de correo está desactivado" in html


def test_a_coordinator_sees_all_and_resends_a_failed_one(app, smtp, make, db):
    _ana, _beto, _own = _two_owners(make)
    smtp.refuse("beto@example.org")
    run_reminders(TODAY, now=at(TODAY))
    [failed] = rows(status=NotificationStatus.FAILED)
    coordinator = app.test_client()
    coordinator.login(make.user(Role.COORDINATOR))

    html = coordinator.get("/avisos/").get_data(as_text=True)
    assert "Tarea de Ana" in html and "Tarea de Beto" in html
    assert "1 aviso no se pudo entregar." in html and "550" in html
    only_failed = coordinator.get("/avisos/?status=failed").get_data(as_text=True)
    assert "Tarea de Beto" in only_failed and "Tarea de Ana" not in only_failed
    assert coordinator.get("/avisos/?status=nonsense").status_code == 400

    resent = coordinator.submit(f"/avisos/{failed.id}/reenviar")
    assert resent.status_code == 302
    db.session.refresh(failed)
    assert failed.status == NotificationStatus.PENDING and failed.attempts == 0

    smtp.recorder.refused.clear()
    assert run_reminders(TODAY).sent == 1  # resent "now": the real clock
    assert smtp.to("beto@example.org")


def test_only_coordination_resends(app, smtp, make, db):
    ana, _beto, _own = _two_owners(make)
    smtp.refuse("ana@example.org")
    run_reminders(TODAY, now=at(TODAY))
    [failed] = rows(status=NotificationStatus.FAILED)
    member = app.test_client()
    member.login(ana)
    assert member.submit(f"/avisos/{failed.id}/reenviar").status_code == 403
    db.session.refresh(failed)
    assert failed.status == NotificationStatus.FAILED
    assert app.test_client().get("/avisos/").status_code == 302  # anonymous: to the login


def test_a_follow_up_page_lists_the_reminders_it_caused(app, smtp, make, db):
    boss = make.person(name="Jefa", email="jefa@example.org")
    ana = make.user(Role.MEMBER, name="Ana", email="ana@example.org", supervisor=boss)
    followup = make.followup(owner=ana.person, title="Con aviso", due_on=TODAY - timedelta(7))
    other = make.followup(owner=ana.person, title="Sin aviso", due_on=TODAY + timedelta(60))
    run_reminders(TODAY, now=at(TODAY))
    client = app.test_client()
    client.login(ana)

    html = client.get(f"/seguimientos/{followup.id}").get_data(as_text=True)
    assert "Avisos enviados" in html
    assert "Vencido, con copia a la jefatura" in html
    assert "ana@example.org" in html and "jefa@example.org" in html and "Enviado" in html
    quiet = client.get(f"/seguimientos/{other.id}").get_data(as_text=True)
    assert "Este seguimiento no ha causado avisos." in quiet


def test_the_list_paginates(app, make, db, config):
    config(ITEMS_PER_PAGE=5)
    owner = make.person(email="ana@example.org")
    for n in range(7):
        make.followup(owner=owner, title=f"Tarea {n}", due_on=TODAY - timedelta(1))
    run_reminders(TODAY, now=at(TODAY))
    client = app.test_client()
    client.login(make.user(Role.ADMIN))
    first = client.get("/avisos/").get_data(as_text=True)
    assert "Página 1 de 2" in first and "7 resultados" in first


def test_coordination_can_mute_due_soon_notices_for_a_person_without_account(app, make, db):
    outside = make.person(name="Punto focal", email="focal@example.org")
    make.followup(owner=outside, title="Pronto", due_on=TODAY + timedelta(7))
    make.followup(owner=outside, title="Tarde", due_on=TODAY - timedelta(1))
    client = app.test_client()
    client.login(make.user(Role.COORDINATOR))
    form = client.get(f"/personas/{outside.id}/editar").get_data(as_text=True)
    assert 'name="wants_due_soon"' in form and "checked" in form

    saved = client.submit(
        f"/personas/{outside.id}/editar",
        {"name": "Punto focal", "email": "focal@example.org", "language": "es"},
    )
    assert saved.status_code == 302
    db.session.refresh(outside)
    assert outside.wants_due_soon is False
    run_reminders(TODAY, now=at(TODAY))
    assert [r.title for r in rows()] == ["Tarde"], "overdue notices are never muted"
