"""The OpenAPI document is valid, public, and says exactly what the app routes: a route added
or removed without the document (or the other way round) fails here."""

import re

import pytest
from openapi_spec_validator import validate

from tests.api.conftest import operations
from tracker.api.spec import document

IGNORED_METHODS = {"HEAD", "OPTIONS"}
#: The interactive docs page renders the document; it is HTML, not an operation of the API.
NOT_OPERATIONS = {"api_docs.page"}


@pytest.fixture
def DOCUMENT(app):
    with app.app_context():
        return document(app)


def _routes(app) -> dict[str, dict[str, str]]:
    """{path template as in OpenAPI: {method: endpoint}} for every rule under /api/v1."""
    routes: dict[str, dict[str, str]] = {}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint in NOT_OPERATIONS:
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        for method in rule.methods - IGNORED_METHODS:
            routes.setdefault(path, {})[method.lower()] = rule.endpoint
    return routes


def test_document_is_valid_openapi(DOCUMENT):
    validate(DOCUMENT)
    assert DOCUMENT["openapi"].startswith("3.1")


def test_document_is_served_without_a_token(client, DOCUMENT):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.get_json() == DOCUMENT


def test_document_and_url_map_agree(app, DOCUMENT):
    routes = _routes(app)
    documented = {
        path: {method: operation["operationId"] for method, operation in item.items()}
        for path, item in DOCUMENT["paths"].items()
    }
    assert set(routes) == set(documented)
    for path, methods in routes.items():
        assert {m: e.removeprefix("api.") for m, e in methods.items()} == documented[path], path


def test_path_parameters_match_the_routes(DOCUMENT):
    for path, item in DOCUMENT["paths"].items():
        names = set(re.findall(r"{(\w+)}", path))
        for operation in item.values():
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == names, path


def test_every_operation_but_the_document_needs_the_token(DOCUMENT):
    OPERATIONS = operations(DOCUMENT)
    assert DOCUMENT["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    public = {op_id for op_id, op in OPERATIONS.items() if op.get("security") == []}
    assert public == {"openapi_document"}
    for op_id, operation in OPERATIONS.items():
        if op_id != "openapi_document":
            assert "401" in operation["responses"], op_id
