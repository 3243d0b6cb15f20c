"""A project's expected results are outcomes to assess (achieved, partly, not yet), not tasks
that fall due: the project page and the result's own page show the outcome, saving one keeps
it in the history in words, a bad value is refused in Spanish with nothing written, and no
result is counted or reminded as overdue."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tracker.clock import local_today
from tracker.models import FollowUpEvent
from tracker.models.enums import FollowUpKind, ResultOutcome, Role

RESULT = "Red de mujeres rurales fortalecida"


@pytest.fixture
def world(make, db):
    lead = make.user(Role.MEMBER, name="Lía Líder", email="lia@example.org")
    project = make.project(lead_id=lead.person_id)
    result = make.followup(
        owner=lead.person, kind=FollowUpKind.RESULT, title=RESULT, project_id=project.id
    )
    return {"lead": lead, "project": project, "result": result}


def _client(app, user):
    client = app.test_client()
    client.login(user)
    return client


def _url(world) -> str:
    return f"/proyectos/{world['project'].id}/resultados/{world['result'].id}/logro"


def test_a_result_starts_unassessed_and_its_outcome_is_kept_in_words(app, db, world):
    client = _client(app, world["lead"])
    page = client.get(f"/proyectos/{world['project'].id}").get_data(as_text=True)
    assert "Sin valorar" in page and RESULT in page

    response = client.submit(_url(world), {"outcome": "partly"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#resultado-{world['result'].id}")
    db.session.refresh(world["result"])
    assert world["result"].outcome == ResultOutcome.PARTLY
    assert world["result"].status.value == "open"  # assessed, not closed

    shown = client.get(f"/seguimientos/{world['result'].id}").get_data(as_text=True)
    head = re.search(r'<div class="head">.*?</div>', shown, re.S).group(0)
    assert "Parcialmente" in head and "Abierto" not in head
    assert "Valorar en el proyecto" in shown
    history = shown[shown.index("Historial y comentarios") :]
    assert "Parcialmente" in history  # the history says what it became


def test_saving_the_same_outcome_twice_records_it_once(app, db, world):
    client = _client(app, world["lead"])
    client.submit(_url(world), {"outcome": "achieved"})
    client.submit(_url(world), {"outcome": "achieved"})
    events = db.session.scalars(
        select(FollowUpEvent).filter_by(followup_id=world["result"].id, action="outcome")
    ).all()
    assert len(events) == 1


@pytest.mark.parametrize("value", ["", "done", "logrado", "x" * 300])
def test_a_bad_outcome_is_refused_in_spanish_and_nothing_is_written(app, db, world, value):
    client = _client(app, world["lead"])
    response = client.submit(_url(world), {"outcome": value})
    assert response.status_code == 400
    assert "Elija el logro del resultado de la lista." in response.get_data(as_text=True)
    db.session.refresh(world["result"])
    assert world["result"].outcome in (None, ResultOutcome.NOT_YET)
    assert db.session.scalars(select(FollowUpEvent).filter_by(action="outcome")).all() == []


def test_someone_unrelated_cannot_assess_a_result(app, db, make, world):
    stranger = make.user(Role.MEMBER, name="Otra Persona", email="otra@example.org")
    response = _client(app, stranger).submit(_url(world), {"outcome": "achieved"})
    assert response.status_code == 403
    db.session.refresh(world["result"])
    assert world["result"].outcome in (None, ResultOutcome.NOT_YET)


def test_only_a_result_of_that_project_has_an_outcome(app, db, make, world):
    task = make.followup(owner=world["lead"].person, project_id=world["project"].id)
    url = f"/proyectos/{world['project'].id}/resultados/{task.id}/logro"
    assert _client(app, world["lead"]).submit(url, {"outcome": "achieved"}).status_code == 404


def test_a_result_past_its_date_is_not_counted_overdue(app, db, make, world):
    world["result"].due_on = local_today() - timedelta(days=30)
    db.session.commit()
    client = _client(app, world["lead"])
    mine = client.get("/").get_data(as_text=True)  # her own work
    assert re.search(r'<span class="num">0</span> vencidos a mi cargo', mine)
    overdue_section = mine[mine.index('id="my-overdue"') :]
    assert RESULT not in overdue_section[: overdue_section.index("</section>")]
    unit = client.get("/unidad").get_data(as_text=True)
    assert re.search(r'<span class="num">0</span> vencidos<', unit)
    overdue_list = client.get("/seguimientos/?status=pending&overdue=y").get_data(as_text=True)
    assert RESULT not in overdue_list
