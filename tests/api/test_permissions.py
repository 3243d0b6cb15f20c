"""Roles over the API are the roles of the web pages: a token can do what its person's session
can, and nothing more."""

from datetime import date

import pytest

from tracker.extensions import db
from tracker.models import FollowUp
from tracker.models.enums import Role


@pytest.fixture
def world(make):
    users = {
        "viewer": make.user(Role.VIEWER),
        "member_other": make.user(Role.MEMBER),
        "member_owner": make.user(Role.MEMBER),
        "coordinator": make.user(Role.COORDINATOR),
        "admin": make.user(Role.ADMIN),
    }
    followup = make.followup(owner=users["member_owner"].person, due_on=date(2026, 12, 1))
    return users, followup


def _writes(followup_id: int, version: int) -> dict:
    """One harmless request per write endpoint of a follow-up."""
    return {
        "patch": ("PATCH", f"/followups/{followup_id}", {"version": version, "priority": "high"}),
        "status": ("POST", f"/followups/{followup_id}/status", {"status": "in_progress"}),
        "reschedule": (
            "POST",
            f"/followups/{followup_id}/reschedule",
            {"due_on": "2027-01-10", "reason": "Pedido por la contraparte."},
        ),
        "comment": ("POST", f"/followups/{followup_id}/comments", {"text": "Visto."}),
    }


@pytest.mark.parametrize(
    "role, expected",
    [
        ("viewer", 403),
        ("member_other", 403),
        ("member_owner", "ok"),
        ("coordinator", "ok"),
        ("admin", "ok"),
    ],
)
def test_who_may_change_a_follow_up(api, world, role, expected):
    users, followup = world
    client = api(users[role])
    for name, (method, path, body) in _writes(followup.id, followup.version).items():
        response = client.request(method, path, body)
        if expected == "ok":
            assert response.status_code in (200, 201), (name, response.get_json())
        else:
            assert response.status_code == expected, name
            assert response.get_json()["error"] == "forbidden"
        db.session.refresh(followup)
    # Everyone reads.
    assert client.get(f"/followups/{followup.id}").status_code == 200
    assert client.get("/followups").status_code == 200


def test_viewer_cannot_create(api, world):
    users, _followup = world
    viewer = users["viewer"]
    response = api(viewer).post(
        "/followups", {"title": "x", "kind": "task", "owner_id": viewer.person_id}
    )
    assert response.status_code == 403
    assert response.get_json()["message"] == "Su cuenta es de solo lectura."


def test_member_creates_only_their_own(api, world):
    users, followup = world
    member = users["member_other"]
    client = api(member)
    for_other = client.post(
        "/followups", {"title": "x", "kind": "task", "owner_id": followup.owner_id}
    )
    assert for_other.status_code == 403
    assert f"owner_id {member.person_id}" in for_other.get_json()["message"]
    own = client.post("/followups", {"title": "Mío", "kind": "task", "owner_id": member.person_id})
    assert own.status_code == 201
    # …and having created it, may change it.
    created = own.get_json()["id"]
    assert client.post(f"/followups/{created}/comments", {"text": "ok"}).status_code == 201


def test_member_token_reaches_no_further_than_the_member_session(api, client, world):
    """The same refusals through both doors: the web pages with a session, the API with a token."""
    users, followup = world
    member = users["member_other"]
    client.login(member)
    web = {
        "edit": client.submit(
            f"/seguimientos/{followup.id}/editar",
            {
                "kind": "task",
                "title": "x",
                "owner": member.person_id,
                "priority": "normal",
                "version": "1",
            },
        ),
        "status": client.submit(f"/seguimientos/{followup.id}/estado", {"status": "done"}),
        "reschedule": client.submit(
            f"/seguimientos/{followup.id}/reprogramar", {"due_on": "2027-01-01", "reason": "x"}
        ),
        "comment": client.submit(f"/seguimientos/{followup.id}/comentar", {"text": "x"}),
    }
    token = api(member)
    api_answers = {
        "edit": token.patch(f"/followups/{followup.id}", {"version": 1, "title": "x"}),
        "status": token.post(f"/followups/{followup.id}/status", {"status": "done"}),
        "reschedule": token.post(
            f"/followups/{followup.id}/reschedule", {"due_on": "2027-01-01", "reason": "x"}
        ),
        "comment": token.post(f"/followups/{followup.id}/comments", {"text": "x"}),
    }
    assert {k: r.status_code for k, r in web.items()} == {k: 403 for k in web}
    assert {k: r.status_code for k, r in api_answers.items()} == {k: 403 for k in web}
    db.session.refresh(followup)
    assert (followup.version, len(followup.events)) == (1, 1)


def test_a_session_cookie_does_not_open_the_api(client, world):
    users, _followup = world
    client.login(users["coordinator"])
    assert client.get("/seguimientos/").status_code == 200
    response = client.get("/api/v1/followups")
    assert response.status_code == 401
    # …and without CSRF protection, a cookie-carried write must not go through either.
    response = client.post(
        "/api/v1/followups",
        json={"title": "x", "kind": "task", "owner_id": users["coordinator"].person_id},
    )
    assert response.status_code == 401
    assert db.session.scalar(db.select(db.func.count()).select_from(FollowUp)) == 1
