"""Fixtures for the API: a token per user, and a client that checks every answer against the
OpenAPI document (status documented for the operation, body valid for its schema)."""

import json

import pytest
from jsonschema import Draft202012Validator
from werkzeug.exceptions import HTTPException

from tracker.api.spec import document
from tracker.models.enums import TokenKind
from tracker.operations.tokens import issue_token


def operations(document: dict) -> dict:
    return {
        operation["operationId"]: operation
        for item in document["paths"].values()
        for operation in item.values()
    }


#: Answered for any route, described once in the document's introduction.
GENERIC_STATUSES = {405, 413}


def schema_validator(schema: dict, document: dict) -> Draft202012Validator:
    """A validator for a schema of the document (its $refs resolve inside the document)."""
    return Draft202012Validator(
        {**schema, "components": document["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def assert_valid(schema: dict, body, document: dict) -> None:
    errors = sorted(schema_validator(schema, document).iter_errors(body), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def _resolve(node: dict, document: dict) -> dict:
    while "$ref" in node:
        section, name = node["$ref"].split("/")[-2:]
        node = document["components"][section][name]
    return node


class ApiClient:
    """Requests to /api/v1 with a bearer token; each answer is checked against the document."""

    def __init__(self, client, app, secret: str | None, language: str | None = None):
        self.client = client
        self.app = app
        self.secret = secret
        self.language = language
        #: The document the app generates (flask-smorest), as /api/v1/openapi.json serves it.
        with app.app_context():
            self.document = document(app)
        self.operations = operations(self.document)

    def headers(self, extra=None) -> dict:
        headers = {}
        if self.secret is not None:
            headers["Authorization"] = f"Bearer {self.secret}"
        if self.language:
            headers["Accept-Language"] = self.language
        headers.update(extra or {})
        return headers

    def request(self, method: str, path: str, body=None, *, raw=None, headers=None, **kwargs):
        url = "/api/v1" + path
        if body is not None:
            kwargs["json"] = body
        elif raw is not None:
            kwargs["data"] = raw
        response = self.client.open(url, method=method, headers=self.headers(headers), **kwargs)
        self.check(method, url, response)
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.request("POST", path, body, **kwargs)

    def patch(self, path, body=None, **kwargs):
        return self.request("PATCH", path, body, **kwargs)

    def check(self, method: str, url: str, response) -> None:
        assert response.status_code < 500, response.get_data(as_text=True)[:2000]
        assert response.mimetype == "application/json", (response.status, response.mimetype)
        body = response.get_json()
        try:
            endpoint, _args = self.app.url_map.bind("localhost").match(
                url.split("?")[0], method=method
            )
        except HTTPException:
            endpoint = None
        operation = self.operations.get(endpoint.removeprefix("api.")) if endpoint else None
        status = str(response.status_code)
        if operation is None or response.status_code in GENERIC_STATUSES:
            assert_valid({"$ref": "#/components/schemas/Error"}, body, self.document)
            return
        assert status in operation["responses"], f"{status} not documented for {endpoint}"
        documented = _resolve(operation["responses"][status], self.document)
        for header in documented.get("headers", {}):
            assert header in response.headers, f"{header} missing on {status} of {endpoint}"
        schema = documented["content"]["application/json"]["schema"]
        assert_valid(schema, body, self.document)


@pytest.fixture
def token_for(db):
    """Issue an API token for `user`; returns the plain secret."""

    def issue(user, kind=TokenKind.API, **kwargs) -> str:
        _token, secret = issue_token(user, kind, kwargs.pop("name", "Pruebas"), **kwargs)
        db.session.commit()
        return secret

    return issue


@pytest.fixture
def api(app, client, token_for):
    """api(user) → an ApiClient authenticated as `user`; api(None) sends no token."""

    def make(user=None, language: str | None = None) -> ApiClient:
        return ApiClient(client, app, token_for(user) if user else None, language)

    return make


def dumps(value) -> str:
    return json.dumps(value)
