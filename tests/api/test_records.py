"""Activities, reports and projects over the API: read only, searchable, deleted ones hidden."""

from datetime import date

from tracker.extensions import db
from tracker.models import ProjectInstitution
from tracker.models.base import utcnow
from tracker.models.enums import InstitutionRole, ReportStatus, Role


def _ids(client, path, **params):
    response = client.get(path, query_string=params)
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def test_activities(api, make):
    client = api(make.user(Role.VIEWER))
    org = make.organization(name="CIM")
    forum = make.activity(
        name="Foro Generación Igualdad",
        place="París",
        start_on=date(2021, 6, 30),
        end_on=date(2021, 7, 2),
        series_name="Foro Generación Igualdad",
        organizers=[org],
    )
    meeting = make.activity(name="Reunión MCIG", start_on=date(2024, 4, 1), end_on=date(2024, 4, 1))
    gone = make.activity(name="Borrada")
    gone.deleted_at = utcnow()
    db.session.commit()

    assert _ids(client, "/activities") == [meeting.id, forum.id]
    assert _ids(client, "/activities", q="parís") == [forum.id]
    assert _ids(client, "/activities", q="generación") == [forum.id]
    body = client.get(f"/activities/{forum.id}").get_json()
    assert body["organizers"] == [{"id": org.id, "name": "CIM"}]
    assert body["series"]["name"] == "Foro Generación Igualdad"
    assert (body["start_on"], body["end_on"], body["place"]) == (
        "2021-06-30",
        "2021-07-02",
        "París",
    )
    assert client.get(f"/activities/{gone.id}").status_code == 404
    assert client.get("/activities", query_string={"status": "x"}).status_code == 400


def test_reports(api, make):
    client = api(make.user(Role.MEMBER))
    activity = make.activity(name="CSW 70")
    ana, luis = make.person(name="Ana Solís"), make.person(name="Luis Mora")
    report = make.report(
        person=ana,
        activity=activity,
        achievements="Acuerdo firmado\nRed regional",
        status=ReportStatus.SUBMITTED,
    )
    other = make.report(person=luis, activity=activity)
    hidden_activity = make.activity()
    orphan = make.report(activity=hidden_activity)
    hidden_activity.deleted_at = utcnow()
    db.session.commit()

    assert sorted(_ids(client, "/reports")) == sorted([report.id, other.id])
    assert _ids(client, "/reports", q="solís") == [report.id]
    assert _ids(client, "/reports", status="submitted") == [report.id]
    assert sorted(_ids(client, "/reports", activity=activity.id)) == sorted([report.id, other.id])
    body = client.get(f"/reports/{report.id}").get_json()
    assert body["person"] == {"id": ana.id, "name": "Ana Solís"}
    assert body["activity"]["name"] == "CSW 70"
    assert body["achievements"] == ["Acuerdo firmado", "Red regional"]
    assert client.get(f"/reports/{orphan.id}").status_code == 404


def test_projects(api, make):
    client = api(make.user(Role.COORDINATOR))
    lead = make.person(name="Enlace")
    chile = make.organization(name="Ministerio de la Mujer", country="Chile")
    project = make.project(
        name="MCIG Chile",
        thematic_area="Género",
        planned_start_on=date(2023, 11, 1),
        duration_months=12,
        lead=lead,
        sdgs=[5, 10],
    )
    project.institutions.append(
        ProjectInstitution(organization=chile, role=InstitutionRole.COUNTERPART)
    )
    db.session.commit()
    other = make.project(name="Otro")
    gone = make.project(name="Borrado")
    gone.deleted_at = utcnow()
    db.session.commit()

    assert sorted(_ids(client, "/projects")) == sorted([project.id, other.id])
    assert _ids(client, "/projects", q="género") == [project.id]
    body = client.get(f"/projects/{project.id}").get_json()
    assert body["planned_end_on"] == "2024-10-31"
    assert body["lead"] == {"id": lead.id, "name": "Enlace"}
    assert body["sdgs"] == [5, 10]
    assert body["institutions"] == [
        {"organization": {"id": chile.id, "name": "Ministerio de la Mujer"}, "role": "counterpart"}
    ]
    assert client.get(f"/projects/{gone.id}").status_code == 404
    assert client.get("/projects/0").status_code == 404
