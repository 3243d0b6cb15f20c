"""Dates, page numbers and ids out of range: refused with a message (4xx) where typed, and
harmless where already stored — one odd row must not break a page that everybody opens."""

from datetime import date

import pytest
from icalendar import Calendar

from tracker.dates import SANE_MAX, SANE_MIN, add_months, planned_end, shift_days
from tracker.extensions import db as _db
from tracker.models import Activity, FollowUp, Organization, ParticipationReport, Project
from tracker.models.enums import FollowUpKind, ProjectStatus, Role, TokenKind
from tracker.operations.tokens import issue_token

OUT_OF_RANGE = ["0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31"]
RANGE_MESSAGE = "La fecha debe estar entre el 1 de enero de 1900 y el 31 de diciembre de 2200"


@pytest.fixture
def coordinator(make):
    return make.user(Role.COORDINATOR)


@pytest.fixture
def coordinator_client(app, coordinator):
    client = app.test_client()
    client.login(coordinator)
    return client


def count(model) -> int:
    return _db.session.scalar(_db.select(_db.func.count()).select_from(model))


# Typed in an HTML form --------------------------------------------------------------------------


@pytest.mark.parametrize("day", OUT_OF_RANGE)
@pytest.mark.parametrize("field", ["due_on", "start_on"])
def test_followup_form_refuses_a_date_out_of_range(coordinator_client, make, field, day):
    owner = make.person()
    data = {"kind": "task", "title": "Algo", "priority": "normal", "owner": owner.id, field: day}
    response = coordinator_client.submit("/seguimientos/nuevo", data)
    assert response.status_code == 400
    assert RANGE_MESSAGE in response.get_data(as_text=True)
    assert count(FollowUp) == 0


@pytest.mark.parametrize("day", ["1900-01-01", "2200-12-31"])
def test_the_bounds_themselves_are_accepted(coordinator_client, make, day):
    owner = make.person()
    data = {"kind": "task", "title": "Algo", "priority": "normal", "owner": owner.id}
    response = coordinator_client.submit("/seguimientos/nuevo", {**data, "due_on": day})
    assert response.status_code == 302
    assert _db.session.scalar(_db.select(FollowUp.due_on)) == date.fromisoformat(day)


def test_date_inputs_tell_the_browser_the_bounds(coordinator_client):
    page = coordinator_client.get("/seguimientos/nuevo").get_data(as_text=True)
    assert 'max="2200-12-31"' in page and 'min="1900-01-01"' in page


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_reschedule_refuses_a_date_out_of_range(coordinator_client, make, day):
    followup = make.followup(due_on=date(2026, 12, 1))
    response = coordinator_client.submit(
        f"/seguimientos/{followup.id}/reprogramar", {"due_on": day, "reason": "Cambio de agenda"}
    )
    assert response.status_code == 400
    assert RANGE_MESSAGE in response.get_data(as_text=True)
    _db.session.refresh(followup)
    assert followup.due_on == date(2026, 12, 1) and followup.reschedule_count == 0


def test_activity_form_refuses_a_date_out_of_range(coordinator_client):
    response = coordinator_client.submit(
        "/actividades/nueva",
        {
            "name": "Foro",
            "kind": "forum",
            "modality": "virtual",
            "start_on": "2026-03-01",
            "end_on": "9999-12-31",
        },
    )
    assert response.status_code == 400
    assert RANGE_MESSAGE in response.get_data(as_text=True)
    assert count(Activity) == 0


@pytest.mark.parametrize("field", ["planned_start_on", "actual_end_on", "information_updated_on"])
def test_project_form_refuses_a_date_out_of_range(coordinator_client, field):
    data = {"name": "P", "status": "pipeline", "update_interval_months": "6", field: "0001-01-01"}
    response = coordinator_client.submit("/proyectos/nuevo", data)
    assert response.status_code == 400
    assert RANGE_MESSAGE in response.get_data(as_text=True)
    assert count(Project) == 0


@pytest.mark.parametrize(
    "url",
    [
        "/seguimientos/?due_from=0001-01-01",
        "/seguimientos/?due_to=9999-12-31",
        "/seguimientos/?completed_from=1899-12-31",
        "/actividades/?date_from=0001-01-01",
        "/actividades/?date_to=9999-12-31",
        "/seguimientos/exportar.csv?due_from=0001-01-01",
    ],
)
def test_list_filter_out_of_range_is_a_400_with_message(coordinator_client, url):
    response = coordinator_client.get(url)
    assert response.status_code == 400
    assert RANGE_MESSAGE in response.get_data(as_text=True)


# Sent to the API ---------------------------------------------------------------------------------


@pytest.fixture
def api_headers(coordinator):
    _token, secret = issue_token(coordinator, TokenKind.API, "prueba")
    _db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2201-01-01"])
def test_api_refuses_a_date_out_of_range(client, api_headers, coordinator, day):
    body = {"title": "X", "kind": "task", "owner_id": coordinator.person_id, "due_on": day}
    response = client.post("/api/v1/followups", json=body, headers=api_headers)
    assert response.status_code == 400
    answer = response.get_json()
    assert answer["error"] == "validation_error"
    assert answer["fields"]["due_on"] == "Debe ser una fecha entre 1900-01-01 y 2200-12-31."
    assert count(FollowUp) == 0


def test_api_reschedule_and_filter_refuse_a_date_out_of_range(client, api_headers, make):
    followup = make.followup(due_on=date(2026, 12, 1))
    moved = client.post(
        f"/api/v1/followups/{followup.id}/reschedule",
        json={"due_on": "0001-01-01", "reason": "No"},
        headers=api_headers,
    )
    assert moved.status_code == 400 and "due_on" in moved.get_json()["fields"]
    _db.session.refresh(followup)
    assert followup.due_on == date(2026, 12, 1)
    listed = client.get("/api/v1/followups?due_to=9999-12-31", headers=api_headers)
    assert listed.status_code == 400 and "due_to" in listed.get_json()["fields"]


# Calendar month, page numbers, ids in URLs ------------------------------------------------------


@pytest.mark.parametrize(
    "month", ["0001-01", "9999-12", "1899-12", "2201-01", "99999999999999999999-01", "2026-00"]
)
def test_calendar_month_out_of_range_is_a_400(coordinator_client, month):
    response = coordinator_client.get(f"/calendario/?mes={month}")
    assert response.status_code == 400
    assert "El mes debe" in response.get_data(as_text=True)


@pytest.mark.parametrize("month", ["1900-01", "2200-12"])
def test_calendar_first_and_last_sane_months_render(coordinator_client, month):
    assert coordinator_client.get(f"/calendario/?mes={month}").status_code == 200


@pytest.mark.parametrize("page", ["99999999999999999999", "-1", "0", "abc", "1e3", "١"])
@pytest.mark.parametrize("path", ["/seguimientos/", "/proyectos/", "/personas/", "/"])
def test_page_number_out_of_range_is_a_404(coordinator_client, path, page):
    response = coordinator_client.get(f"{path}?page={page}")
    assert response.status_code == 404
    assert "No existe esa página de la lista" in response.get_data(as_text=True)


def test_page_beyond_the_last_is_an_empty_list(coordinator_client, make):
    make.followup(title="Único")
    response = coordinator_client.get("/seguimientos/?page=999999")
    assert response.status_code == 200
    assert "Único" not in response.get_data(as_text=True)


@pytest.mark.parametrize("record_id", [2**31, 2**63 - 1, 2**63, 10**30])
def test_huge_ids_in_urls_are_a_404(coordinator_client, client, api_headers, record_id):
    assert coordinator_client.get(f"/seguimientos/{record_id}").status_code == 404
    assert coordinator_client.get(f"/proyectos/{record_id}/editar").status_code == 404
    posted = coordinator_client.submit(
        f"/seguimientos/{record_id}/reprogramar", {"due_on": "2026-12-01", "reason": "x"}
    )
    assert posted.status_code == 404
    api = client.get(f"/api/v1/followups/{record_id}", headers=api_headers)
    assert api.status_code == 404 and api.get_json()["error"] == "not_found"


def test_largest_32_bit_id_is_a_plain_missing_record(coordinator_client):
    assert coordinator_client.get(f"/seguimientos/{2**31 - 1}").status_code == 404


# Already stored out of range --------------------------------------------------------------------


@pytest.fixture(params=[date(1, 1, 1), date(9999, 12, 31)], ids=["year-1", "year-9999"])
def stored_odd_dates(request, make, coordinator):
    """A project, a milestone, a follow-up, an activity and a report whose dates were written
    straight into the database (as before the range was enforced), next to ordinary ones."""
    day = request.param
    member = make.user(Role.MEMBER)
    ordinary = make.project(
        name="Proyecto normal",
        planned_start_on=date(2024, 1, 1),
        duration_months=12,
        status=ProjectStatus.IMPLEMENTATION,
    )
    odd = make.project(name="Proyecto raro", status=ProjectStatus.IMPLEMENTATION)
    milestone = make.followup(
        owner=member.person, project=ordinary, kind=FollowUpKind.MILESTONE, title="Hito raro"
    )
    followup = make.followup(owner=member.person, title="Compromiso raro", project=odd)
    sane = make.followup(owner=member.person, title="Compromiso normal", due_on=date(2026, 6, 1))
    activity = make.activity(name="Foro raro")
    report = make.report(person=member.person, activity=activity)
    odd_ids = [milestone.id, followup.id]
    _db.session.execute(
        _db.update(FollowUp)
        .where(FollowUp.id.in_(odd_ids))
        .values(due_on=day, start_on=day, original_due_on=day)
    )
    _db.session.execute(
        _db.update(Project)
        .where(Project.id == odd.id)
        .values(
            planned_start_on=day,
            duration_months=12,
            planned_end_on=day,
            actual_end_on=day,
            information_updated_on=day,
        )
    )
    _db.session.execute(
        _db.update(Activity).where(Activity.id == activity.id).values(start_on=day, end_on=day)
    )
    _db.session.execute(
        _db.update(ParticipationReport)
        .where(ParticipationReport.id == report.id)
        .values(due_on=day)
    )
    _db.session.commit()
    return {
        "day": day,
        "member": member,
        "ordinary": ordinary,
        "odd": odd,
        "milestone": milestone,
        "followup": followup,
        "sane": sane,
        "activity": activity,
        "report": report,
    }


def test_pages_render_with_dates_stored_out_of_range(app, coordinator, stored_odd_dates):
    s = stored_odd_dates
    urls = [
        "/",
        "/tendencias",
        f"/proyectos/{s['ordinary'].id}",
        f"/proyectos/{s['odd'].id}",
        f"/proyectos/{s['odd'].id}/editar",
        "/proyectos/cronograma",
        "/proyectos/",
        "/seguimientos/",
        "/seguimientos/?status=all",
        f"/seguimientos/{s['followup'].id}",
        f"/seguimientos/{s['followup'].id}/editar",
        "/informes/",
        f"/informes/{s['report'].id}",
        "/actividades/",
        f"/actividades/{s['activity'].id}",
        f"/actividades/{s['activity'].id}/editar",
        "/calendario/",
        "/calendario/?todos=1",
        "/avisos/",
        f"/personas/{s['member'].person_id}",
        "/seguimientos/exportar.csv",
        "/seguimientos/exportar.xlsx",
    ]
    for user in (coordinator, s["member"]):
        client = app.test_client()
        client.login(user)
        for url in urls:
            response = client.get(url)
            # The member may not open the edit forms; what matters is that nothing crashes.
            expected = (200, 403) if "editar" in url and user is s["member"] else (200,)
            assert response.status_code in expected, url
    client = app.test_client()
    client.login(coordinator)
    project_page = client.get(f"/proyectos/{s['ordinary'].id}").get_data(as_text=True)
    assert "Hito raro" in project_page and "<svg" in project_page
    timeline = client.get("/proyectos/cronograma").get_data(as_text=True)
    assert "Proyecto normal" in timeline and "Proyecto raro" in timeline


def test_timeline_draws_stored_odd_dates_at_its_edge(app, coordinator, stored_odd_dates):
    client = app.test_client()
    client.login(coordinator)
    page = client.get(f"/proyectos/{stored_odd_dates['ordinary'].id}").get_data(as_text=True)
    edge = "0.0" if stored_odd_dates["day"].year == 1 else "1000.0"
    assert f'cx="{edge}"' in page
    # Ticks stay few however long the clamped span (1900–2026 or 2024–2200).
    assert page.count('class="tick"') <= 45


def test_a_stored_odd_date_shows_as_stored_and_can_be_corrected(
    coordinator_client, stored_odd_dates
):
    followup = stored_odd_dates["followup"]
    day = stored_odd_dates["day"].isoformat()
    url = f"/seguimientos/{followup.id}/editar"
    assert f'value="{day}"' in coordinator_client.get(url).get_data(as_text=True)
    data = {
        "kind": "task",
        "title": "Compromiso raro",
        "priority": "normal",
        "owner": followup.owner_id,
        "start_on": day,
        "version": followup.version,
    }
    refused = coordinator_client.submit(url, data)
    assert refused.status_code == 400
    assert RANGE_MESSAGE in refused.get_data(as_text=True)
    assert coordinator_client.submit(url, {**data, "start_on": ""}).status_code == 302
    moved = coordinator_client.submit(
        f"/seguimientos/{followup.id}/reprogramar",
        {"due_on": "2026-12-01", "reason": "Fecha mal cargada"},
    )
    assert moved.status_code == 302
    _db.session.refresh(followup)
    assert (followup.start_on, followup.due_on) == (None, date(2026, 12, 1))


def test_feed_leaves_out_odd_dates_and_keeps_the_rest(client, stored_odd_dates):
    _token, secret = issue_token(stored_odd_dates["member"], TokenKind.CALENDAR, "Calendario")
    _db.session.commit()
    response = client.get(f"/calendario/feed/{secret}.ics")
    assert response.status_code == 200
    summaries = [str(e["summary"]) for e in Calendar.from_ical(response.data).walk("VEVENT")]
    assert any("Compromiso normal" in summary for summary in summaries)
    assert not any("raro" in summary for summary in summaries)


def test_adding_a_participant_to_an_activity_stored_out_of_range(
    coordinator_client, make, stored_odd_dates
):
    person = make.person()
    activity = stored_odd_dates["activity"]
    response = coordinator_client.submit(
        f"/actividades/{activity.id}/participantes", {"person": person.id, "role": "Delegada"}
    )
    assert response.status_code < 500
    assert coordinator_client.get(f"/actividades/{activity.id}").status_code == 200


# The arithmetic itself --------------------------------------------------------------------------


def test_date_arithmetic_saturates_instead_of_overflowing():
    assert add_months(date(9999, 6, 30), 12) == date.max
    assert add_months(date(1, 3, 1), -12) == date.min
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert planned_end(date(9999, 6, 1), 12) == date.max
    assert planned_end(date(2023, 11, 1), 12) == date(2024, 10, 31)
    assert shift_days(date.max, 30) == date.max
    assert shift_days(date.min, -1) == date.min
    assert shift_days(date(2026, 3, 3), 15) == date(2026, 3, 18)
    assert (date(1900, 1, 1), date(2200, 12, 31)) == (SANE_MIN, SANE_MAX)


# NUL characters (PostgreSQL refuses them in any text) --------------------------------------------


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("GET", "/seguimientos/?q=a%00b", None),
        ("GET", "/personas/?q=a%00b", None),
        ("POST", "/instituciones/nueva", {"name": "a\x00b", "kind": "other"}),
    ],
)
def test_nul_characters_are_a_400_with_message(coordinator_client, method, url, data):
    if method == "GET":
        response = coordinator_client.get(url)
    else:
        response = coordinator_client.submit(url, data)
    assert response.status_code == 400
    assert "caracteres no permitidos" in response.get_data(as_text=True)
    assert count(Organization) == 0


def test_new_report_with_a_new_activity_but_no_dates_is_refused(coordinator_client):
    data = {"name": "Foro sin fechas", "kind": "meeting", "modality": "in_person"}
    response = coordinator_client.submit("/informes/nuevo", {**data, "start_on": "", "end_on": ""})
    assert response.status_code == 400
    assert "Indique la fecha de inicio de la actividad" in response.get_data(as_text=True)
    assert count(Activity) == 0 and count(ParticipationReport) == 0
