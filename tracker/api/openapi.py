"""The OpenAPI 3.1 document of the API, served at /api/v1/openapi.json without a token.

Request bodies and query parameters are written from the same `Field`s that validate them
(tracker.api.schemas); the response schemas are checked against real answers by the tests, and
a test compares the paths and methods with the app's URL map. The text is for developers and
stays in English; the API's own messages follow Accept-Language.
"""

from typing import Any

from tracker.api import bp
from tracker.api import schemas as s
from tracker.api.schemas import MAX_ID, Field
from tracker.models.enums import (
    ActivityKind,
    FollowUpKind,
    FollowUpStatus,
    InstitutionRole,
    Modality,
    Priority,
    ProjectStatus,
    ReportStatus,
)

REF = "#/components/schemas/"


def _ref(name: str) -> dict:
    return {"$ref": REF + name}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _values(enum_cls) -> list[str]:
    return [member.value for member in enum_cls]


# Schemas written from the input fields ---------------------------------------------------------


def field_schema(field: Field) -> dict[str, Any]:
    """The JSON Schema of one input field."""
    if field.type in ("integer", "id"):
        schema: dict[str, Any] = {"type": "integer"}
        if field.minimum is not None:
            schema["minimum"] = field.minimum
        if field.maximum is not None:
            schema["maximum"] = field.maximum
    elif field.type == "boolean":
        schema = {"type": "boolean"}
    elif field.type == "date":
        schema = {"type": "string", "format": "date"}
    elif field.type == "enum":
        schema = {"type": "string", "enum": list(field.choices)}
    else:
        schema = {"type": "string"}
        if field.not_blank:
            schema["minLength"] = 1
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
    if field.nullable:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    if field.description:
        schema["description"] = field.description
    if field.default is not None:
        schema["default"] = field.default
    return schema


def body_schema(fields: dict[str, Field]) -> dict[str, Any]:
    """An input object: exactly these properties (any other is a 400)."""
    return {
        "type": "object",
        "properties": {name: field_schema(field) for name, field in fields.items()},
        "required": [name for name, field in fields.items() if field.required],
        "additionalProperties": False,
    }


def query_parameters(fields: dict[str, Field]) -> list[dict[str, Any]]:
    parameters = []
    for name, field in fields.items():
        schema = field_schema(field)
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": schema.pop("description", ""),
                "schema": schema,
            }
        )
    return parameters


def _path_id(name: str, what: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": f"Id of the {what}.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    }


# Schemas of the answers ------------------------------------------------------------------------

STRING = {"type": "string"}
TEXT = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}
DATE_OR_NULL = {"type": ["string", "null"], "format": "date"}
INSTANT = {"type": "string", "format": "date-time"}
INSTANT_OR_NULL = {"type": ["string", "null"], "format": "date-time"}
ID_OR_NULL = {"type": ["integer", "null"]}
URL = {"type": "string", "format": "uri", "description": "The page of this record in the app."}


def _object(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    """An answer object: every property is always present (null when empty), and no other."""
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def _enum(enum_cls) -> dict:
    return {"type": "string", "enum": _values(enum_cls)}


FOLLOWUP_PROPERTIES = {
    "id": {"type": "integer"},
    "kind": _enum(FollowUpKind),
    "title": STRING,
    "description": TEXT,
    "status": _enum(FollowUpStatus),
    "priority": _enum(Priority),
    "owner": _nullable(_ref("Ref")),
    "organization": _nullable(_ref("Ref")),
    "project_id": ID_OR_NULL,
    "activity_id": ID_OR_NULL,
    "report_id": ID_OR_NULL,
    "start_on": DATE_OR_NULL,
    "due_on": DATE_OR_NULL,
    "original_due_on": {**DATE_OR_NULL, "description": "The first due date; never moves."},
    "reschedule_count": {"type": "integer", "minimum": 0},
    "is_due_estimated": {
        "type": "boolean",
        "description": "The due date was guessed and waits for confirmation.",
    },
    "completed_on": DATE_OR_NULL,
    "version": {
        "type": "integer",
        "minimum": 1,
        "description": "Changes with every edit; send it back in PATCH.",
    },
    "created_at": INSTANT,
    "updated_at": INSTANT,
    "url": URL,
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "description": (
            "Every error. `error` is a short code (unauthorized, invalid_token, forbidden, "
            "not_found, method_not_allowed, unsupported_media_type, malformed_json, "
            "invalid_body, validation_error, version_conflict, invalid_transition, "
            "invalid_state, payload_too_large, server_error); `message` a sentence in the "
            "request's language; `fields` the message for each wrong field."
        ),
        "properties": {
            "error": STRING,
            "message": STRING,
            "fields": {"type": "object", "additionalProperties": STRING},
            "allowed": {
                "type": "array",
                "items": _enum(FollowUpStatus),
                "description": "invalid_transition only: the statuses reachable from now.",
            },
            "current": {
                **_ref("FollowUpDetail"),
                "description": "version_conflict only: the follow-up as it is now.",
            },
        },
        "required": ["error", "message"],
        "additionalProperties": False,
    },
    "Ref": _object({"id": {"type": "integer"}, "name": STRING}),
    "FollowUp": _object(FOLLOWUP_PROPERTIES, "A follow-up as lists show it."),
    "FollowUpEvent": _object(
        {
            "id": {"type": "integer"},
            "action": {
                "type": "string",
                "description": (
                    "created, updated, status, rescheduled, comment, deleted, restored, …"
                ),
            },
            "actor": _nullable(_ref("Ref")),
            "changes": {
                "type": "object",
                "description": "{field: [old, new]} as text.",
                "additionalProperties": {
                    "type": "array",
                    "items": {"type": ["string", "null"]},
                    "minItems": 2,
                    "maxItems": 2,
                },
            },
            "comment": TEXT,
            "created_at": INSTANT,
        },
        "One entry of a follow-up's history. `actor` is a user (null: the system or a mail link).",
    ),
    "FollowUpDetail": _object(
        {**FOLLOWUP_PROPERTIES, "events": {"type": "array", "items": _ref("FollowUpEvent")}},
        "A follow-up with its history, oldest first.",
    ),
    "Activity": _object(
        {
            "id": {"type": "integer"},
            "name": STRING,
            "kind": _enum(ActivityKind),
            "modality": _enum(Modality),
            "start_on": DATE,
            "end_on": DATE,
            "place": TEXT,
            "description": TEXT,
            "series": _nullable(_ref("Ref")),
            "organizers": {"type": "array", "items": _ref("Ref")},
            "created_at": INSTANT,
            "url": URL,
        }
    ),
    "Report": _object(
        {
            "id": {"type": "integer"},
            "activity": _ref("Ref"),
            "person": _ref("Ref"),
            "role": TEXT,
            "status": _enum(ReportStatus),
            "due_on": DATE,
            "contribution": TEXT,
            "motive": TEXT,
            "achievements": {"type": "array", "items": STRING},
            "lessons": {"type": "array", "items": STRING},
            "comments": TEXT,
            "return_reason": TEXT,
            "submitted_at": INSTANT_OR_NULL,
            "approved_at": INSTANT_OR_NULL,
            "approved_by": _nullable(_ref("Ref")),
            "created_at": INSTANT,
            "updated_at": INSTANT,
            "url": URL,
        },
        "A participation report. `approved_by` is a user.",
    ),
    "Project": _object(
        {
            "id": {"type": "integer"},
            "name": STRING,
            "status": _enum(ProjectStatus),
            "thematic_area": TEXT,
            "country": TEXT,
            "city": TEXT,
            "beneficiaries": TEXT,
            "planned_start_on": DATE_OR_NULL,
            "duration_months": ID_OR_NULL,
            "planned_end_on": DATE_OR_NULL,
            "actual_end_on": DATE_OR_NULL,
            "general_objective": TEXT,
            "specific_objectives": {"type": "array", "items": STRING},
            "description": TEXT,
            "information_updated_on": DATE_OR_NULL,
            "update_interval_months": {"type": "integer"},
            "lead": _nullable(_ref("Ref")),
            "sdgs": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 17}},
            "institutions": {
                "type": "array",
                "items": _object({"organization": _ref("Ref"), "role": _enum(InstitutionRole)}),
            },
            "created_at": INSTANT,
            "updated_at": INSTANT,
            "url": URL,
        }
    ),
    "FollowUpCreate": body_schema(s.FOLLOWUP_CREATE),
    "FollowUpUpdate": body_schema(s.FOLLOWUP_UPDATE),
    "StatusChange": body_schema(s.STATUS_CHANGE),
    "Reschedule": body_schema(s.RESCHEDULE),
    "CommentCreate": body_schema(s.COMMENT),
}
for _name in ("FollowUp", "Activity", "Report", "Project"):
    SCHEMAS[f"{_name}Page"] = _object(
        {
            "items": {"type": "array", "items": _ref(_name)},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": s.MAX_PER_PAGE},
            "total": {"type": "integer", "minimum": 0},
            "pages": {"type": "integer", "minimum": 0},
        },
        "One page; a page past the last one is empty, not an error.",
    )


# Responses -------------------------------------------------------------------------------------

ERROR_CONTENT = {"application/json": {"schema": _ref("Error")}}


def _error(description: str, headers: dict | None = None) -> dict:
    response: dict[str, Any] = {"description": description, "content": ERROR_CONTENT}
    if headers:
        response["headers"] = headers
    return response


RESPONSES = {
    "BadRequest": _error(
        "The JSON is malformed or not an object (malformed_json, invalid_body), or fields or "
        "query parameters are wrong, unknown, or break a rule (validation_error, with `fields`)."
    ),
    "Unauthorized": _error(
        "No token, or a token that is unknown, revoked or expired, or whose account is disabled.",
        {
            "WWW-Authenticate": {
                "description": 'Bearer realm="api" (with error="invalid_token" for a bad one).',
                "schema": {"type": "string"},
            }
        },
    ),
    "Forbidden": _error("Your role does not allow this (the same rules as the web pages)."),
    "NotFound": _error("No such record, or it was deleted."),
    "Conflict": _error(
        "The change conflicts with the follow-up's current state: `version_conflict` (stale "
        "version, PATCH), `invalid_transition` (status move not allowed), `invalid_state` "
        "(rescheduling a closed follow-up)."
    ),
    "UnsupportedMediaType": _error("The body is not sent as application/json."),
}
ERROR_RESPONSES = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "NotFound",
    "409": "Conflict",
    "415": "UnsupportedMediaType",
}


def _response(description: str, schema_name: str, headers: dict | None = None) -> dict:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": _ref(schema_name)}},
    }
    if headers:
        response["headers"] = headers
    return response


def _operation(
    operation_id: str,
    summary: str,
    tag: str,
    ok: dict[str, dict],
    *,
    parameters: list | None = None,
    body: str | None = None,
    errors: tuple[str, ...] = (),
    description: str = "",
) -> dict[str, Any]:
    responses: dict[str, Any] = dict(ok)
    takes_input = body is not None or any(p["in"] == "query" for p in parameters or ())
    codes = ("400",) * takes_input + ("401", *errors) + ("415",) * (body is not None)
    for code in codes:
        responses[code] = {"$ref": f"#/components/responses/{ERROR_RESPONSES[code]}"}
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "tags": [tag],
        "responses": dict(sorted(responses.items())),
    }
    if description:
        operation["description"] = description
    if parameters:
        operation["parameters"] = parameters
    if body:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(body)}},
        }
    return operation


FOLLOWUP_ID = [_path_id("followup_id", "follow-up")]
DETAIL = {"200": _response("The follow-up, with its history.", "FollowUpDetail")}


def _read_pair(plural: str, singular: str, schema: str, filters: dict, what: str) -> dict:
    """The list and the read of one kind of record."""
    tag = plural.capitalize()
    return {
        f"/{plural}": {
            "get": _operation(
                f"list_{plural}",
                f"List {plural}",
                tag,
                {"200": _response(f"A page of {plural}.", f"{schema}Page")},
                parameters=query_parameters(filters),
                description="Deleted records are never listed.",
            )
        },
        f"/{plural}/{{{singular}_id}}": {
            "get": _operation(
                f"get_{singular}",
                f"Read one {what}",
                tag,
                {"200": _response(f"The {what}.", schema)},
                parameters=[_path_id(f"{singular}_id", what)],
                errors=("404",),
            )
        },
    }


PATHS: dict[str, Any] = {
    "/openapi.json": {
        "get": {
            "operationId": "openapi_document",
            "summary": "This document",
            "tags": ["Meta"],
            "security": [],
            "responses": {
                "200": {
                    "description": "The OpenAPI document.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    },
    "/followups": {
        "get": _operation(
            "list_followups",
            "List follow-ups",
            "Follow-ups",
            {
                "200": _response(
                    "A page of follow-ups, open ones first by due date.", "FollowUpPage"
                )
            },
            parameters=query_parameters(s.FOLLOWUP_FILTERS),
            description="Deleted follow-ups are never listed.",
        ),
        "post": _operation(
            "create_followup",
            "Create a follow-up",
            "Follow-ups",
            {
                "201": _response(
                    "Created.",
                    "FollowUpDetail",
                    {
                        "Location": {
                            "description": "The new follow-up's URL in this API.",
                            "schema": {"type": "string", "format": "uri"},
                        }
                    },
                )
            },
            body="FollowUpCreate",
            errors=("403",),
            description=(
                "Viewers cannot create. A member may only create follow-ups they own "
                "(`owner_id` = their person id); any other owner is a 403. A due date before "
                "the start date is a 400."
            ),
        ),
    },
    "/followups/{followup_id}": {
        "get": _operation(
            "get_followup",
            "Read one follow-up with its history",
            "Follow-ups",
            DETAIL,
            parameters=FOLLOWUP_ID,
            errors=("404",),
        ),
        "patch": _operation(
            "update_followup",
            "Edit a follow-up",
            "Follow-ups",
            DETAIL,
            parameters=FOLLOWUP_ID,
            body="FollowUpUpdate",
            errors=("403", "404", "409"),
            description=(
                "Send `version` as read plus only the fields to change. A stale `version` is a "
                "409 `version_conflict` whose `current` holds the follow-up as it is now. The "
                "due date is not editable here: use /reschedule."
            ),
        ),
    },
    "/followups/{followup_id}/status": {
        "post": _operation(
            "change_followup_status",
            "Change the status",
            "Follow-ups",
            DETAIL,
            parameters=FOLLOWUP_ID,
            body="StatusChange",
            errors=("403", "404", "409"),
            description=(
                "Allowed moves: from open, in_progress or blocked to any other status; from "
                "done or cancelled back to open. Any other move is a 409 `invalid_transition` "
                "listing the `allowed` statuses. Moving to done stamps `completed_on`."
            ),
        )
    },
    "/followups/{followup_id}/reschedule": {
        "post": _operation(
            "reschedule_followup",
            "Move the due date",
            "Follow-ups",
            DETAIL,
            parameters=FOLLOWUP_ID,
            body="Reschedule",
            errors=("403", "404", "409"),
            description=(
                "Keeps `original_due_on` and counts the move. A follow-up that is not open is a "
                "409 `invalid_state`; the same date, or one before the start, is a 400."
            ),
        )
    },
    "/followups/{followup_id}/comments": {
        "post": _operation(
            "comment_followup",
            "Comment on a follow-up",
            "Follow-ups",
            {"201": _response("The new history entry.", "FollowUpEvent")},
            parameters=FOLLOWUP_ID,
            body="CommentCreate",
            errors=("403", "404"),
        )
    },
    **_read_pair("activities", "activity", "Activity", s.ACTIVITY_FILTERS, "activity"),
    **_read_pair("reports", "report", "Report", s.REPORT_FILTERS, "participation report"),
    **_read_pair("projects", "project", "Project", s.PROJECT_FILTERS, "project"),
}
DESCRIPTION = """\
The follow-ups of Seguimiento for other programs.

**Authentication.** Every request except this document sends `Authorization: Bearer <token>`,
a personal API token created in the app under *Mi perfil → Tokens de acceso*. The program acts
as that person with their role: viewers read only; members read everything and change only the
follow-ups they own or created; coordinators and admins change everything. Session cookies are
not accepted.

**Errors** are always JSON: `{"error": code, "message": sentence, "fields"?: {field: message}}`.
400 malformed JSON or wrong fields (unknown fields and query parameters are refused); 401 no or
bad token (with `WWW-Authenticate: Bearer`); 403 not allowed for your role; 404 no such record or
deleted; 405 method not allowed (with `Allow`); 409 conflict with the current state; 413 body too
large; 415 body not `application/json`.

**Language.** Messages are in Spanish, or in English with `Accept-Language: en`.

**Formats.** Dates are `YYYY-MM-DD`; instants are ISO 8601 in UTC. Lists are paginated with
`page` (from 1) and `per_page` (default 50, at most 200).
"""

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Seguimiento API", "version": "1.0.0", "description": DESCRIPTION},
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearerAuth": []}],
    "tags": [
        {"name": "Follow-ups"},
        {"name": "Activities"},
        {"name": "Reports"},
        {"name": "Projects"},
        {"name": "Meta"},
    ],
    "paths": PATHS,
    "components": {
        "securitySchemes": {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "description": "A personal API token (Mi perfil → Tokens de acceso).",
            }
        },
        "schemas": SCHEMAS,
        "responses": RESPONSES,
    },
}


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI document of this API (no token needed)."""
    return DOCUMENT
