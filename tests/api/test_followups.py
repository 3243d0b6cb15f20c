"""The follow-up endpoints, as another program would use them. Every answer is also checked
against the OpenAPI document by the `api` client."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from tracker.clock import local_today
from tracker.extensions import db
from tracker.models import FollowUp
from tracker.models.base import utcnow
from tracker.models.enums import FollowUpKind, FollowUpStatus, Priority, Role


@pytest.fixture
def coordinator(make):
    return make.user(Role.COORDINATOR, name="Coordinadora")


def test_list_filters_and_paginates(api, make, coordinator):
    today = local_today()
    org = make.organization(name="ONU Mujeres")
    owner = make.person(name="Ana")
    project = make.project()
    late = make.followup(owner=owner, title="Informe tardío", due_on=today - timedelta(days=3))
    soon = make.followup(
        owner=owner,
        title="Agenda",
        due_on=today + timedelta(days=5),
        organization=org,
        project=project,
        kind=FollowUpKind.COMMITMENT,
    )
    done = make.followup(title="Cerrado", due_on=today - timedelta(days=9))
    done.status = FollowUpStatus.DONE
    db.session.commit()
    client = api(coordinator)

    def ids(**params):
        response = client.get("/followups", query_string=params)
        assert response.status_code == 200, response.get_json()
        return [item["id"] for item in response.get_json()["items"]]

    assert ids() == [late.id, soon.id, done.id]  # open first, by due date
    assert ids(status="pending") == [late.id, soon.id]
    assert ids(status="done") == [done.id]
    assert ids(overdue="true") == [late.id]
    assert ids(overdue="false") == [late.id, soon.id, done.id]
    assert ids(owner=owner.id) == [late.id, soon.id]
    assert ids(organization=org.id) == [soon.id]
    assert ids(project=project.id, kind="commitment") == [soon.id]
    assert ids(due_from=today.isoformat()) == [soon.id]
    assert ids(due_to=(today - timedelta(days=1)).isoformat()) == [late.id, done.id]
    assert ids(q="tardío") == [late.id]
    assert ids(activity=99) == []

    page = client.get("/followups", query_string={"per_page": 2, "page": 2}).get_json()
    assert (page["page"], page["per_page"], page["total"], page["pages"]) == (2, 2, 3, 2)
    assert [item["id"] for item in page["items"]] == [done.id]
    beyond = client.get("/followups", query_string={"page": 9}).get_json()
    assert beyond["items"] == [] and beyond["total"] == 3

    item = client.get("/followups", query_string={"q": "Agenda"}).get_json()["items"][0]
    assert item["owner"] == {"id": owner.id, "name": "Ana"}
    assert item["organization"] == {"id": org.id, "name": "ONU Mujeres"}
    assert item["project_id"] == project.id
    assert item["url"].endswith(f"/seguimientos/{soon.id}")


def test_list_runs_the_same_statements_for_3_or_30_rows(api, make, coordinator, app):
    client = api(coordinator)
    client.get("/followups")  # the token's first use is written once; not what is measured

    def statements() -> int:
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/followups", query_string={"per_page": 200}).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    org = make.organization()
    for _ in range(3):
        make.followup(organization=org, project=make.project(), activity=make.activity())
    few = statements()
    for _ in range(27):
        make.followup(organization=org, project=make.project(), activity=make.activity())
    assert statements() == few <= 5


def test_list_refuses_bad_filters(api, coordinator):
    client = api(coordinator)
    cases = {
        "status": "late",
        "owner": "abc",
        "page": "0",
        "per_page": "201",
        "due_from": "2026-02-30",
        "overdue": "yes",
        "sort": "title",
    }
    for name, value in cases.items():
        response = client.get("/followups", query_string={name: value})
        assert response.status_code == 400, name
        assert name in response.get_json()["fields"]
    reversed_range = client.get(
        "/followups", query_string={"due_from": "2026-05-01", "due_to": "2026-04-01"}
    )
    assert reversed_range.get_json()["fields"] == {
        "due_to": "El final del rango es anterior a su inicio."
    }
    twice = client.get("/followups?status=open&status=done")
    assert twice.get_json()["fields"] == {"status": "Indíquelo una sola vez."}


def test_read_one_with_history(api, make, coordinator):
    followup = make.followup(actor=coordinator, title="Enviar ficha", due_on=date(2026, 12, 1))
    client = api(coordinator)
    client.post(f"/followups/{followup.id}/comments", {"text": "Pedí los datos."})
    body = client.get(f"/followups/{followup.id}").get_json()
    assert body["title"] == "Enviar ficha" and body["version"] == 1
    assert [e["action"] for e in body["events"]] == ["created", "comment"]
    assert body["events"][0]["actor"] == {"id": coordinator.id, "name": "Coordinadora"}
    assert body["events"][0]["changes"]["due_on"] == [None, "2026-12-01"]
    assert body["events"][1]["comment"] == "Pedí los datos."


def test_create(api, make, coordinator):
    owner = make.person()
    org, project, activity = make.organization(), make.project(), make.activity()
    response = api(coordinator).post(
        "/followups",
        {
            "title": "  Preparar informe de copresidencia ",
            "kind": "task",
            "owner_id": owner.id,
            "description": "Con anexos.",
            "priority": "high",
            "organization_id": org.id,
            "project_id": project.id,
            "activity_id": activity.id,
            "start_on": "2026-11-01",
            "due_on": "2026-12-15",
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/followups/{body['id']}")
    stored = db.session.get(FollowUp, body["id"])
    assert stored.title == "Preparar informe de copresidencia"
    assert (stored.owner_id, stored.organization_id, stored.project_id, stored.activity_id) == (
        owner.id,
        org.id,
        project.id,
        activity.id,
    )
    assert stored.priority == Priority.HIGH and stored.created_by_id == coordinator.id
    assert stored.due_on == stored.original_due_on == date(2026, 12, 15)
    assert body["events"][0]["action"] == "created"


def test_create_checks_references_and_dates(api, make, coordinator):
    gone = make.person()
    gone.deleted_at = utcnow()
    db.session.commit()
    client = api(coordinator)
    response = client.post(
        "/followups",
        {"title": "x", "kind": "task", "owner_id": gone.id, "project_id": 12345},
    )
    assert response.status_code == 400
    assert set(response.get_json()["fields"]) == {"owner_id", "project_id"}

    owner = make.person()
    backwards = client.post(
        "/followups",
        {
            "title": "x",
            "kind": "task",
            "owner_id": owner.id,
            "start_on": "2026-05-02",
            "due_on": "2026-05-01",
        },
    )
    assert backwards.status_code == 400
    assert backwards.get_json()["fields"] == {
        "due_on": "La fecha límite no puede ser anterior al inicio."
    }
    assert db.session.scalar(db.select(db.func.count()).select_from(FollowUp)) == 0


def test_patch_edits_and_records_history(api, make, coordinator):
    followup = make.followup(title="Viejo", due_on=date(2026, 12, 1))
    new_owner = make.person(name="Beatriz")
    client = api(coordinator)
    response = client.patch(
        f"/followups/{followup.id}",
        {"version": 1, "title": "Nuevo", "owner_id": new_owner.id, "description": None},
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["title"] == "Nuevo" and body["owner"]["name"] == "Beatriz"
    assert body["version"] == 2
    assert body["events"][-1]["action"] == "updated"
    assert body["events"][-1]["changes"]["title"] == ["Viejo", "Nuevo"]

    unchanged = client.patch(f"/followups/{followup.id}", {"version": 2, "title": "Nuevo"})
    assert unchanged.status_code == 200 and unchanged.get_json()["version"] == 2

    due_on = client.patch(f"/followups/{followup.id}", {"version": 2, "due_on": "2027-01-01"})
    assert due_on.status_code == 400
    assert due_on.get_json()["fields"] == {"due_on": "Campo desconocido."}

    after_due = client.patch(f"/followups/{followup.id}", {"version": 2, "start_on": "2027-01-01"})
    assert after_due.status_code == 400
    assert list(after_due.get_json()["fields"]) == ["start_on"]


def test_patch_with_a_stale_version_is_a_conflict(api, make, coordinator):
    followup = make.followup(title="Original")
    client = api(coordinator)
    assert (
        client.patch(f"/followups/{followup.id}", {"version": 1, "title": "A"}).status_code == 200
    )
    stale = client.patch(f"/followups/{followup.id}", {"version": 1, "title": "B"})
    assert stale.status_code == 409
    body = stale.get_json()
    assert body["error"] == "version_conflict"
    assert body["current"]["title"] == "A" and body["current"]["version"] == 2
    db.session.refresh(followup)
    assert followup.title == "A"


def test_status_transitions(api, make, coordinator):
    followup = make.followup()
    client = api(coordinator)
    url = f"/followups/{followup.id}/status"
    done = client.post(url, {"status": "done", "comment": "Enviado."})
    assert done.status_code == 200
    body = done.get_json()
    assert body["status"] == "done" and body["completed_on"] == local_today().isoformat()
    assert body["events"][-1]["comment"] == "Enviado."

    refused = client.post(url, {"status": "blocked"})
    assert refused.status_code == 409
    assert refused.get_json()["error"] == "invalid_transition"
    assert refused.get_json()["allowed"] == ["open"]
    assert "status" in refused.get_json()["fields"]

    reopened = client.post(url, {"status": "open"})
    assert reopened.get_json()["completed_on"] is None
    assert client.post(url, {"status": "open"}).status_code == 409


def test_reschedule(api, make, coordinator):
    followup = make.followup(due_on=date(2026, 12, 1))
    client = api(coordinator)
    url = f"/followups/{followup.id}/reschedule"
    moved = client.post(url, {"due_on": "2027-01-15", "reason": "La contraparte pidió plazo."})
    assert moved.status_code == 200
    body = moved.get_json()
    assert (body["due_on"], body["original_due_on"], body["reschedule_count"]) == (
        "2027-01-15",
        "2026-12-01",
        1,
    )
    assert body["events"][-1]["comment"] == "La contraparte pidió plazo."

    same = client.post(url, {"due_on": "2027-01-15", "reason": "x"})
    assert same.status_code == 400 and "due_on" in same.get_json()["fields"]
    blank = client.post(url, {"due_on": "2027-02-01", "reason": "  "})
    assert blank.get_json()["fields"] == {"reason": "No puede estar vacío."}

    client.post(f"/followups/{followup.id}/status", {"status": "cancelled"})
    closed = client.post(url, {"due_on": "2027-03-01", "reason": "x"})
    assert closed.status_code == 409 and closed.get_json()["error"] == "invalid_state"


def test_comment(api, make, coordinator):
    followup = make.followup()
    response = api(coordinator).post(f"/followups/{followup.id}/comments", {"text": " Hecho. "})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["action"], body["comment"], body["actor"]["id"]) == (
        "comment",
        "Hecho.",
        coordinator.id,
    )
    assert followup.events[-1].comment == "Hecho."


def test_missing_and_deleted_follow_ups_are_404(api, make, coordinator):
    followup = make.followup()
    followup.deleted_at = utcnow()
    db.session.commit()
    client = api(coordinator)
    for path in (f"/followups/{followup.id}", "/followups/999", "/followups/99999999999999"):
        assert client.get(path).status_code == 404
    assert client.patch(f"/followups/{followup.id}", {"version": 1}).status_code == 404
    assert client.post(f"/followups/{followup.id}/comments", {"text": "x"}).status_code == 404
    assert client.get("/followups").get_json()["total"] == 0
