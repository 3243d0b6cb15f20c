"""Bad requests get a JSON answer that says what is wrong — never a 500, never an HTML page."""

import pytest

from tracker.extensions import db
from tracker.models import FollowUp
from tracker.models.enums import Role


@pytest.fixture
def coordinator(make):
    return make.user(Role.COORDINATOR)


@pytest.fixture
def client_and_followup(api, make, coordinator):
    return api(coordinator), make.followup()


def test_missing_or_malformed_authorization(api, client, coordinator, token_for):
    missing = api(None).get("/followups")
    assert missing.status_code == 401
    assert missing.get_json()["error"] == "unauthorized"
    assert missing.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    secret = token_for(coordinator)
    for header in (f"Basic {secret}", "Bearer", "Bearer nope", f"Token {secret}", "Bearer  "):
        response = client.get("/api/v1/followups", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.get_json()["error"] == "invalid_token"
        assert "invalid_token" in response.headers["WWW-Authenticate"]
    # The scheme is case-insensitive (RFC 7235).
    ok = client.get("/api/v1/followups", headers={"Authorization": f"bearer {secret}"})
    assert ok.status_code == 200


def test_body_must_be_a_json_object(client_and_followup, coordinator):
    client, _followup = client_and_followup
    url = "/followups"
    form = client.post(
        url, raw="title=x", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert form.status_code == 415
    assert form.get_json()["error"] == "unsupported_media_type"
    no_type = client.post(url, raw='{"title": "x"}')
    assert no_type.status_code == 415
    for raw in ("{", "", "{'title': 'x'}", "[" * 100_000 + "]" * 100_000, b"\xff\xfe{"):
        response = client.post(url, raw=raw, headers={"Content-Type": "application/json"})
        assert response.status_code == 400, raw[:10]
        assert response.get_json()["error"] == "malformed_json"
    for value in ([], "x", 3, None):
        response = client.post(
            url,
            raw=str(value).lower() if value is not None else "null",
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 400
        assert response.get_json()["error"] in ("invalid_body", "malformed_json")
    assert client.post(url, []).get_json()["error"] == "invalid_body"


def test_wrong_fields_are_named(client_and_followup, coordinator):
    client, followup = client_and_followup
    response = client.post(
        "/followups",
        {
            "title": 42,
            "kind": "deber",
            "owner_id": "7",
            "priority": None,
            "start_on": "12/05/2026",
            "due_on": "2026-13-01",
            "project_id": True,
            "activity_id": 1.5,
            "organization_id": 2**40,
            "description": "x" * 10_001,
            "colour": "red",
        },
    )
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "validation_error"
    assert body["fields"] == {
        "title": "Debe ser un texto.",
        "kind": "Valor no válido; use uno de: commitment, action, result, milestone, task.",
        "owner_id": "Debe ser un número entero.",
        "priority": "No puede ser null.",
        "start_on": "Debe ser una fecha con el formato AAAA-MM-DD.",
        "due_on": "Debe ser una fecha con el formato AAAA-MM-DD.",
        "project_id": "Debe ser un número entero.",
        "activity_id": "Debe ser un número entero.",
        "organization_id": "Debe ser un número entre 1 y 2147483647.",
        "description": "Admite hasta 10000 caracteres.",
        "colour": "Campo desconocido.",
    }
    assert body["message"].startswith("Revise estos campos: activity_id, colour, description")
    assert client.post("/followups", {}).get_json()["fields"] == {
        "title": "Este campo es obligatorio.",
        "kind": "Este campo es obligatorio.",
        "owner_id": "Este campo es obligatorio.",
    }
    patch = client.patch(f"/followups/{followup.id}", {"title": "x"})
    assert patch.get_json()["fields"] == {"version": "Este campo es obligatorio."}
    assert db.session.scalar(db.select(db.func.count()).select_from(FollowUp)) == 1


def test_text_the_database_cannot_store_is_refused(client_and_followup, coordinator):
    client, followup = client_and_followup
    for text in ("a\x00b", "\ud800"):
        response = client.post(f"/followups/{followup.id}/comments", {"text": text})
        assert response.status_code == 400
        assert response.get_json()["fields"] == {"text": "Contiene caracteres no permitidos."}
    assert client.get("/followups", query_string={"q": "a\x00"}).status_code == 400


def test_messages_in_english_on_request(api, make, coordinator):
    client = api(coordinator, language="en")
    followup = make.followup()
    response = client.post("/followups", {"title": "", "kind": "task"})
    body = response.get_json()
    assert body["fields"] == {"title": "Cannot be empty.", "owner_id": "This field is required."}
    assert body["message"] == "Check these fields: owner_id, title."
    assert (
        client.get("/nothing-here").get_json()["message"]
        == "The requested resource does not exist."
    )
    refused = client.post(f"/followups/{followup.id}/status", {"status": "open"})
    assert refused.get_json()["message"] == "Cannot change from “Open” to “Open”."
    assert api(None, language="en").get("/followups").get_json()["message"].startswith("Missing")


def test_unknown_routes_and_methods_answer_json(api, coordinator, make):
    client = api(coordinator)
    followup = make.followup()
    for path in ("/nothing", "/followups/abc", "/followups/0", f"/followups/{followup.id}/x"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.get_json()["error"] == "not_found"
    wrong = client.request("DELETE", f"/followups/{followup.id}")
    assert wrong.status_code == 405
    assert wrong.get_json()["error"] == "method_not_allowed"
    assert set(wrong.headers["Allow"].split(", ")) >= {"GET", "PATCH"}
    assert client.request("PUT", "/followups").status_code == 405
    outside = client.client.get("/api/v2/followups")
    assert outside.status_code == 404 and outside.is_json


def test_a_huge_body_is_refused(app, client_and_followup):
    client, _followup = client_and_followup
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = client.post(
        "/followups", raw=b"{" + b" " * limit + b"}", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.get_json()["error"] == "payload_too_large"
