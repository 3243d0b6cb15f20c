"""A member's home is her own work: what she owns (overdue first), what waits for her visto
bueno, her reports to write; the unit's dashboard is one click away. Coordination keeps the
unit's dashboard as home."""

from datetime import timedelta

import pytest

from tracker.clock import local_today
from tracker.models.enums import Role
from tracker.operations.reports import submit_report


@pytest.fixture
def ana(make):
    return make.user(Role.MEMBER, name="Ana Solís")


def home_of(app, user) -> str:
    client = app.test_client()
    client.login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_a_member_lands_on_her_own_work(app, db, make, ana):
    today = local_today()
    make.followup(title="Mío vencido", owner=ana.person, due_on=today - timedelta(days=3))
    make.followup(title="Mío próximo", owner=ana.person, due_on=today + timedelta(days=5))
    make.followup(title="De otra persona", due_on=today - timedelta(days=3))
    page = home_of(app, ana)

    assert "Mi trabajo" in page and 'href="/unidad"' in page
    assert "Mío vencido" in section(page, "my-overdue")
    assert "Mío próximo" in section(page, "my-next")
    assert "De otra persona" not in page
    # The tiles count exactly what their lists show.
    assert '<span class="num">1</span> vencidos a mi cargo' in page
    assert '<span class="num">1</span> vencen en 7 días' in page
    assert '<span class="num">2</span> abiertos a mi cargo' in page


def test_reports_of_the_people_she_supervises_wait_for_her(app, db, make, ana):
    worker = make.person(name="Luis Mora", supervisor_id=ana.person_id)
    handed_in = make.report(person=worker, activity=make.activity(name="Foro regional"))
    submit_report(handed_in, None, notify=False)
    stranger = make.report(activity=make.activity(name="Otra cumbre"))
    submit_report(stranger, None, notify=False)
    db.session.commit()

    waiting = section(home_of(app, ana), "to-approve")
    assert "Foro regional" in waiting and "Luis Mora" in waiting
    assert "Otra cumbre" not in waiting


def test_her_reports_to_write_are_on_her_home(app, make, ana):
    make.report(person=ana.person, activity=make.activity(name="Reunión de la CIM"))
    assert "Reunión de la CIM" in section(home_of(app, ana), "my-reports")


def test_the_unit_dashboard_is_one_click_away_and_coordination_keeps_it(app, make, ana):
    client = app.test_client()
    client.login(ana)
    unit = client.get("/unidad").get_data(as_text=True)
    assert "Pendientes por responsable" in unit
    coordinator_home = home_of(app, make.user(Role.COORDINATOR))
    assert (
        "Pendientes por responsable" in coordinator_home
        and "Mi trabajo</h1>" not in coordinator_home
    )
