"""What the API added for other programs: one change to many follow-ups, search, a report with
its commitments, and the interactive docs page. Every answer is checked against the document
by the `api` client."""

from datetime import date

from tracker.extensions import db
from tracker.models import FollowUp
from tracker.models.enums import FollowUpKind, FollowUpStatus, Role


def test_bulk_status_change_changes_what_it_may_and_names_the_rest(api, make):
    member = make.user(Role.MEMBER)
    mine = make.followup(owner=member.person, title="Mío")
    also_mine = make.followup(owner=member.person, title="También mío")
    theirs = make.followup(title="Ajeno")
    response = api(member).post(
        "/followups/bulk",
        {"ids": [mine.id, also_mine.id, theirs.id], "action": "status", "status": "done"},
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert sorted(item["id"] for item in body["changed"]) == sorted([mine.id, also_mine.id])
    assert [(item["id"], item["title"]) for item in body["refused"]] == [(theirs.id, "Ajeno")]
    assert "permiso" in body["refused"][0]["reason"]
    for followup in (mine, also_mine, theirs):
        db.session.refresh(followup)
    assert (mine.status, also_mine.status) == (FollowUpStatus.DONE, FollowUpStatus.DONE)
    assert theirs.status == FollowUpStatus.OPEN
    assert [e.action for e in mine.events][-1] == "status"


def test_bulk_refuses_bad_input_and_changes_nothing(api, make):
    coordinator = make.user(Role.COORDINATOR)
    followup = make.followup(due_on=date(2026, 12, 1))
    client = api(coordinator)
    unknown_id = client.post(
        "/followups/bulk", {"ids": [followup.id, 999999], "action": "status", "status": "done"}
    )
    assert unknown_id.status_code == 400
    assert unknown_id.get_json()["fields"] == {
        "ids": "No existe un registro activo con el id 999999."
    }
    no_reason = client.post(
        "/followups/bulk", {"ids": [followup.id], "action": "reschedule", "due_on": "2027-01-01"}
    )
    assert no_reason.status_code == 400
    assert no_reason.get_json()["fields"] == {"reason": "Indique el motivo del cambio de fecha."}
    empty = client.post("/followups/bulk", {"ids": [], "action": "delete"})
    assert empty.get_json()["fields"] == {"ids": "No puede estar vacío."}
    db.session.refresh(followup)
    assert (followup.status, followup.due_on, followup.version) == (
        FollowUpStatus.OPEN,
        date(2026, 12, 1),
        1,
    )


def test_bulk_is_refused_to_a_viewer(api, make):
    followup = make.followup()
    response = api(make.user(Role.VIEWER)).post(
        "/followups/bulk", {"ids": [followup.id], "action": "delete"}
    )
    assert response.status_code == 403
    assert db.session.get(FollowUp, followup.id).deleted_at is None


def test_search_groups_ids_by_kind(api, make):
    client = api(make.user(Role.VIEWER))
    project = make.project(name="Observatorio regional de paridad")
    followup = make.followup(title="Enviar datos al observatorio", project=project)
    make.followup(title="Otra cosa")
    db.session.commit()
    body = client.get("/search", query_string={"q": "observatorio"}).get_json()
    groups = {group["kind"]: group for group in body["groups"]}
    assert groups["followup"]["ids"] == [followup.id]
    assert groups["project"]["ids"] == [project.id]
    assert groups["person"]["ids"] == [] and groups["person"]["total"] == 0
    only = client.get("/search", query_string={"q": "observatorio", "kind": "project"}).get_json()
    assert [group["kind"] for group in only["groups"]] == ["project"]
    missing = client.get("/search")
    assert missing.status_code == 400
    assert missing.get_json()["fields"] == {"q": "Este campo es obligatorio."}


def test_report_detail_lists_its_commitments(api, make):
    report = make.report()
    commitment = make.followup(
        title="Compartir la declaración", kind=FollowUpKind.COMMITMENT, report=report
    )
    make.followup(title="De otro informe")
    body = api(make.user(Role.MEMBER)).get(f"/reports/{report.id}").get_json()
    assert [item["id"] for item in body["commitments"]] == [commitment.id]
    assert body["commitments"][0]["report_id"] == report.id


def test_docs_page_runs_swagger_ui_from_the_apps_own_files(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert 'data-spec-url="/api/v1/openapi.json"' in html
    scripts = ["/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/js/api_docs.js"]
    for src in scripts:
        assert f'<script src="{src}"></script>' in html
        assert client.get(src).status_code == 200
    assert client.get("/static/vendor/swagger-ui/swagger-ui.css").status_code == 200
    assert "<script>" not in html, "no inline script: the CSP allows 'self' only"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "https://" not in html
