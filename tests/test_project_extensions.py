"""Approved extensions of a project's end, as the project page, the list and the timeline show
them: the original plan kept, the approved end and the count beside it, the overrun measured
against the approved end, the history in words, refusals in Spanish with a 4xx, and undoing the
latest one after asking."""

import re
from datetime import date, timedelta

import pytest

from tracker.clock import local_today
from tracker.extensions import db as _db
from tracker.models import AuditEvent, Project, ProjectExtension
from tracker.models.enums import ProjectStatus, Role


@pytest.fixture
def today(app):
    with app.test_request_context():
        return local_today()


@pytest.fixture
def late_project(make, today):
    """In implementation, its planned end 30 days ago, led by a member."""
    lead = make.user(Role.MEMBER)
    start = today - timedelta(days=400)
    project = make.project(
        name="Proyecto con prórroga",
        planned_start_on=start,
        status=ProjectStatus.IMPLEMENTATION,
        lead=lead.person,
    )
    project.planned_end_on = today - timedelta(days=30)
    _db.session.commit()
    return project, lead


def _extend(client, project_id, new_end, approved_on, reason="Lluvias", by="Comité mixto"):
    return client.submit(
        f"/proyectos/{project_id}/prorroga",
        {
            "new_end_on": new_end.isoformat(),
            "approved_on": approved_on.isoformat(),
            "reason": reason,
            "approved_by": by,
        },
    )


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_extension_moves_the_end_keeps_the_plan_and_ends_the_overrun(
    client, make, late_project, today
):
    project, _lead = late_project
    client.login(make.user(Role.COORDINATOR, name="Sofía Araya"))
    before = _text(client.get(f"/proyectos/{project.id}").get_data(as_text=True))
    assert "30 días de retraso" in before

    new_end = today + timedelta(days=60)
    response = _extend(client, project.id, new_end, today - timedelta(days=2), "Lluvias de octubre")
    assert response.status_code == 302

    page = _text(client.get(f"/proyectos/{project.id}").get_data(as_text=True))
    assert "días de retraso" not in page
    assert "1 prórroga" in page
    assert "Lluvias de octubre" in page and "Comité mixto" in page
    assert "registrada por Sofía Araya" in page
    # The history says what happened, in words, with the reason.
    assert "Prórroga registrada" in page and "Fin aprobado" in page
    stored = _db.session.get(Project, project.id)
    assert stored.planned_end_on == today - timedelta(days=30)  # the original plan stays
    assert stored.approved_end_on == new_end and stored.extension_count == 1


def test_overrun_after_an_extension_counts_from_the_approved_end(client, make, late_project, today):
    project, _lead = late_project
    client.login(make.user(Role.COORDINATOR))
    assert (
        _extend(
            client, project.id, today - timedelta(days=10), today - timedelta(days=20)
        ).status_code
        == 302
    )
    page = _text(client.get(f"/proyectos/{project.id}").get_data(as_text=True))
    assert "10 días de retraso" in page and "30 días de retraso" not in page
    assert "fin aprobado" in page
    listing = _text(client.get("/proyectos/?overrun=y").get_data(as_text=True))
    assert "Proyecto con prórroga" in listing and "10 días de retraso" in listing
    assert "plan original" in listing


def test_the_lead_may_extend_a_member_who_is_not_may_not(app, client, make, late_project, today):
    project, lead = late_project
    client.login(make.user(Role.MEMBER))
    assert _extend(client, project.id, today + timedelta(days=9), today).status_code == 403
    viewer_page = client.get(f"/proyectos/{project.id}").get_data(as_text=True)
    assert "Registrar prórroga" not in viewer_page
    client = app.test_client()
    client.login(lead)
    assert "Registrar prórroga" in client.get(f"/proyectos/{project.id}").get_data(as_text=True)
    assert _extend(client, project.id, today + timedelta(days=9), today).status_code == 302


@pytest.mark.parametrize(
    ("new_end_days", "approved_days", "reason", "message", "code"),
    [
        (-30, -1, "r", "El nuevo fin debe ser posterior al fin vigente", 422),
        (-40, -1, "r", "El nuevo fin debe ser posterior al fin vigente", 422),
        (20, 1, "r", "La fecha de aprobación no puede ser posterior a hoy.", 422),
        (20, -1, "   ", "Indique el motivo de la prórroga.", 400),
    ],
)
def test_refusals_say_why_and_write_nothing(
    client, make, late_project, today, new_end_days, approved_days, reason, message, code
):
    project, _lead = late_project
    client.login(make.user(Role.COORDINATOR))
    response = _extend(
        client,
        project.id,
        today + timedelta(days=new_end_days),
        today + timedelta(days=approved_days),
        reason,
    )
    assert response.status_code == code
    assert message in response.get_data(as_text=True)
    assert _db.session.scalar(_db.select(_db.func.count()).select_from(ProjectExtension)) == 0
    assert _db.session.get(Project, project.id).approved_end_on is None


def test_missing_and_impossible_dates_are_refused_in_words(client, make, late_project):
    project, _lead = late_project
    client.login(make.user(Role.COORDINATOR))
    response = client.submit(
        f"/proyectos/{project.id}/prorroga",
        {"new_end_on": "2024-02-30", "approved_on": "", "reason": "r", "approved_by": ""},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Indique la fecha de aprobación." in page and "Indique quién la aprobó." in page


def test_a_second_extension_must_pass_the_first_and_undo_takes_back_the_latest(
    client, make, late_project, today
):
    project, _lead = late_project
    client.login(make.user(Role.COORDINATOR))
    first, second = today + timedelta(days=30), today + timedelta(days=90)
    assert _extend(client, project.id, first, today, "Primera").status_code == 302
    refused = _extend(client, project.id, first, today, "Otra vez la misma")
    assert refused.status_code == 422
    assert "posterior al fin vigente" in refused.get_data(as_text=True)
    assert _extend(client, project.id, second, today, "Segunda").status_code == 302
    assert "2 prórrogas" in _text(client.get(f"/proyectos/{project.id}").get_data(as_text=True))

    ids = [e.id for e in _db.session.get(Project, project.id).extensions]
    earlier = client.submit(f"/proyectos/{project.id}/prorrogas/{ids[0]}/deshacer")
    assert earlier.status_code == 409
    assert "Solo puede deshacerse la última prórroga" in earlier.get_data(as_text=True)

    # Asked first: the GET is a question and changes nothing.
    question = client.get(f"/proyectos/{project.id}/prorrogas/{ids[1]}/deshacer")
    assert question.status_code == 200 and "¿Deshacer la prórroga" in question.get_data(
        as_text=True
    )
    assert _db.session.get(Project, project.id).extension_count == 2
    assert client.submit(f"/proyectos/{project.id}/prorrogas/{ids[1]}/deshacer").status_code == 302
    stored = _db.session.get(Project, project.id)
    assert stored.approved_end_on == first and stored.extension_count == 1
    actions = _db.session.scalars(
        _db.select(AuditEvent.action).filter_by(entity_type="projects", entity_id=project.id)
    ).all()
    assert actions.count("extended") == 2 and actions.count("extension_undone") == 1
    page = _text(client.get(f"/proyectos/{project.id}").get_data(as_text=True))
    assert "Prórroga deshecha" in page and "1 prórroga" in page

    # Undoing the last one left goes back to the original plan, overrun and all.
    assert client.submit(f"/proyectos/{project.id}/prorrogas/{ids[0]}/deshacer").status_code == 302
    stored = _db.session.get(Project, project.id)
    assert stored.approved_end_on is None and stored.extension_count == 0
    assert "30 días de retraso" in _text(
        client.get(f"/proyectos/{project.id}").get_data(as_text=True)
    )


def test_timeline_draws_the_extension_and_marks_the_original_plan(
    client, make, late_project, today
):
    project, _lead = late_project
    client.login(make.user(Role.COORDINATOR))
    page = client.get(f"/proyectos/{project.id}").get_data(as_text=True)
    assert 'class="extended"' not in page and 'class="plan-end"' not in page
    assert _extend(client, project.id, today + timedelta(days=45), today).status_code == 302
    for url in (f"/proyectos/{project.id}", "/proyectos/cronograma"):
        page = client.get(url).get_data(as_text=True)
        assert 'class="extended"' in page and 'class="plan-end"' in page, url
        assert 'class="overrun"' not in page, url
        assert "1 prórroga" in _text(page), url


def test_portfolio_timeline_is_paged(client, make, app, today):
    for n in range(app.config["ITEMS_PER_PAGE"] + 3):
        make.project(name=f"P{n:03d}", planned_start_on=date(2026, 1, 1), duration_months=6)
    client.login(make.user(Role.VIEWER))
    first = client.get("/proyectos/cronograma").get_data(as_text=True)
    second = client.get("/proyectos/cronograma?page=2").get_data(as_text=True)
    assert "P000" in first and "P052" not in first
    assert "P052" in second and "P000" not in second
