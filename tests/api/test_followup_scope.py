"""A member's follow-ups stay theirs: they hang only from the projects the member leads and the
activities they take part in, and an edit cannot hand them to someone else — on the web pages
and over the API alike, refused with a message (never a 500, nothing written)."""

from datetime import date

import pytest

from tracker.models import FollowUp, FollowUpEvent
from tracker.models.enums import Role

NOT_MY_PROJECT = "Solo puede vincular seguimientos a los proyectos que lidera."
NOT_MY_ACTIVITY = "Solo puede vincular seguimientos a actividades en las que participa."
NOT_ME = "Solo puede asignarse seguimientos a usted mismo."


@pytest.fixture
def world(make):
    member = make.user(Role.MEMBER)
    someone = make.person(name="Otra persona")
    mine = make.followup(owner=member.person, title="Mío", due_on=date(2026, 9, 1))
    return {
        "member": member,
        "someone": someone,
        "my_project": make.project(name="Proyecto que lidero", lead=member.person),
        "other_project": make.project(name="Proyecto ajeno", lead=someone),
        "my_activity": make.report(person=member.person).activity,
        "other_activity": make.activity(name="Actividad ajena"),
        "mine": mine,
    }


def _form(**values) -> dict:
    # No owner: the page does not show a member that field (their create is their own).
    data = {"kind": "task", "title": "Nuevo", "priority": "normal"}
    data.update({k: str(v) for k, v in values.items()})
    return data


def _edit_form(followup: FollowUp, **values) -> dict:
    data = {
        "kind": followup.kind.value,
        "title": followup.title,
        "priority": followup.priority.value,
        "owner": str(followup.owner_id),
        "organization": "",
        "project": str(followup.project_id or ""),
        "activity": str(followup.activity_id or ""),
        "version": str(followup.version),
    }
    data.update({k: str(v) for k, v in values.items()})
    return data


def _count(db) -> int:
    return db.session.scalar(db.select(db.func.count(FollowUp.id)))


def test_web_create_is_refused_on_a_project_or_activity_the_member_does_not_lead(app, world, db):
    client = app.test_client()
    client.login(world["member"])
    before = _count(db)
    refused = client.submit("/seguimientos/nuevo", _form(project=world["other_project"].id))
    assert refused.status_code == 400
    assert NOT_MY_PROJECT in refused.get_data(as_text=True)
    refused = client.submit("/seguimientos/nuevo", _form(activity=world["other_activity"].id))
    assert refused.status_code == 400
    assert NOT_MY_ACTIVITY in refused.get_data(as_text=True)
    assert _count(db) == before, "nothing written"

    made = client.submit(
        "/seguimientos/nuevo",
        _form(project=world["my_project"].id, activity=world["my_activity"].id, title="Bien"),
    )
    assert made.status_code == 302
    stored = db.session.scalar(db.select(FollowUp).filter_by(title="Bien"))
    assert stored.project_id == world["my_project"].id
    assert stored.activity_id == world["my_activity"].id
    assert stored.owner_id == world["member"].person_id


def test_web_edit_cannot_move_ownership_nor_attach_to_someone_elses_project(app, world, db):
    mine = world["mine"]
    client = app.test_client()
    client.login(world["member"])
    url = f"/seguimientos/{mine.id}/editar"
    refused = client.submit(url, _edit_form(mine, owner=world["someone"].id))
    assert refused.status_code == 400
    assert NOT_ME in refused.get_data(as_text=True)
    refused = client.submit(url, _edit_form(mine, project=world["other_project"].id))
    assert refused.status_code == 400
    assert NOT_MY_PROJECT in refused.get_data(as_text=True)
    db.session.refresh(mine)
    assert mine.owner_id == world["member"].person_id and mine.project_id is None
    actions = db.session.scalars(
        db.select(FollowUpEvent.action).filter_by(followup_id=mine.id)
    ).all()
    assert actions == ["created"], "no half-written change in the history"

    assert client.submit(url, _edit_form(mine, project=world["my_project"].id)).status_code == 302
    db.session.refresh(mine)
    assert mine.project_id == world["my_project"].id


def test_what_a_coordinator_attached_does_not_block_the_members_edit(app, world, make, db):
    coordinator = make.user(Role.COORDINATOR)
    mine = world["mine"]
    staff = app.test_client()
    staff.login(coordinator)
    url = f"/seguimientos/{mine.id}/editar"
    assert staff.submit(url, _edit_form(mine, project=world["other_project"].id)).status_code == 302
    db.session.refresh(mine)

    client = app.test_client()
    client.login(world["member"])
    saved = client.submit(url, _edit_form(mine, title="Mío, con otro título"))
    assert saved.status_code == 302
    db.session.refresh(mine)
    assert mine.title == "Mío, con otro título"
    assert mine.project_id == world["other_project"].id


def test_api_create_on_someone_elses_project_is_a_403_naming_the_field(api, world, db):
    member = world["member"]
    before = _count(db)
    response = api(member).post(
        "/followups",
        {
            "title": "Por la API",
            "kind": "task",
            "owner_id": member.person_id,
            "project_id": world["other_project"].id,
        },
    )
    assert response.status_code == 403
    body = response.get_json()
    assert body["error"] == "forbidden" and body["fields"] == {"project_id": NOT_MY_PROJECT}
    assert _count(db) == before

    response = api(member).post(
        "/followups",
        {
            "title": "Por la API",
            "kind": "task",
            "owner_id": member.person_id,
            "activity_id": world["my_activity"].id,
        },
    )
    assert response.status_code == 201
    assert response.get_json()["activity_id"] == world["my_activity"].id


def test_api_edit_cannot_hand_the_follow_up_to_someone_else(api, world, db):
    mine = world["mine"]
    client = api(world["member"])
    response = client.patch(
        f"/followups/{mine.id}", {"version": mine.version, "owner_id": world["someone"].id}
    )
    assert response.status_code == 403
    assert response.get_json()["fields"] == {"owner_id": NOT_ME}
    response = client.patch(
        f"/followups/{mine.id}",
        {"version": mine.version, "activity_id": world["other_activity"].id},
    )
    assert response.status_code == 403
    assert response.get_json()["fields"] == {"activity_id": NOT_MY_ACTIVITY}
    db.session.refresh(mine)
    assert mine.owner_id == world["member"].person_id and mine.activity_id is None

    response = client.patch(
        f"/followups/{mine.id}", {"version": mine.version, "activity_id": world["my_activity"].id}
    )
    assert response.status_code == 200
    db.session.refresh(mine)
    assert mine.activity_id == world["my_activity"].id


def test_a_coordinator_over_the_api_may_assign_anyone_anywhere(api, world, make, db):
    mine = world["mine"]
    response = api(make.user(Role.COORDINATOR)).patch(
        f"/followups/{mine.id}",
        {
            "version": mine.version,
            "owner_id": world["someone"].id,
            "project_id": world["other_project"].id,
        },
    )
    assert response.status_code == 200
    db.session.refresh(mine)
    assert mine.owner_id == world["someone"].id
