"""The JSON API at /api/v1, for programs acting as one user with a personal API token.

Authentication is `Authorization: Bearer <token>` only: session cookies are ignored, which is
why the blueprint can be exempt from CSRF. The user's role applies exactly as in the web pages
(tracker.permissions), and state changes go through tracker.operations, committed once per
request (the token's "last used" stamp, written at most once a minute, is its own transaction).
"""

from typing import Any

from flask import Blueprint, Flask, g, request
from flask_babel import gettext as _
from sqlalchemy import Select
from werkzeug.exceptions import BadRequest, HTTPException

from tracker.api.errors import ApiError, from_http_exception, not_found, unauthorized
from tracker.api.schemas import (
    MAX_ID,
    MAX_PER_PAGE,
    Field,
    ValidationFailed,
    page_json,
    parse_body,
    parse_query,
)
from tracker.extensions import csrf, db
from tracker.models import User
from tracker.models.enums import TokenKind
from tracker.operations.tokens import find_active_token

bp = Blueprint("api", __name__, url_prefix="/api/v1")
#: URL converter for record ids: 32-bit like the columns, so a huge number is a 404, not a crash.
ID = f"int(min=1, max={MAX_ID})"
#: Endpoints anyone may read: the description of the API itself.
PUBLIC_ENDPOINTS = {"api.openapi_document"}


def register_api(app: Flask) -> None:
    csrf.exempt(bp)
    app.register_blueprint(bp)


def api_user() -> User:
    """The user whose token authenticated this request."""
    return g.api_user


def json_body(schema: dict[str, Field]) -> dict[str, Any]:
    """The request's JSON object, validated against `schema` (415, 400 otherwise)."""
    if not request.is_json:
        raise ApiError(
            415,
            "unsupported_media_type",
            _("Envíe el cuerpo en JSON, con la cabecera «Content-Type: application/json»."),
        )
    try:
        data = request.get_json()
    except (BadRequest, RecursionError):
        raise ApiError(400, "malformed_json", _("El cuerpo no es JSON válido.")) from None
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_body", _("El cuerpo debe ser un objeto JSON."))
    return _validated(parse_body, schema, data)


def query_args(schema: dict[str, Field]) -> dict[str, Any]:
    """The query string validated against `schema`, with defaults (400 otherwise)."""
    return _validated(parse_query, schema, request.args)


def _validated(parse, schema, data) -> dict[str, Any]:
    try:
        return parse(schema, data)
    except ValidationFailed as failed:
        raise invalid(failed.fields) from None


def invalid(fields: dict[str, str], message: str | None = None) -> ApiError:
    """400 naming each wrong field."""
    if message is None:
        message = _("Revise estos campos: %(fields)s.", fields=", ".join(sorted(fields)))
    return ApiError(400, "validation_error", message, fields=fields)


def paginated(query: Select, args: dict[str, Any], serialise) -> dict[str, Any]:
    """One page of `query` as {"items", "page", "per_page", "total", "pages"}."""
    page = db.paginate(
        query,
        page=args["page"],
        per_page=args["per_page"],
        max_per_page=MAX_PER_PAGE,
        error_out=False,
    )
    return page_json(page, serialise)


def get_live(model: type, record_id: int, *options: Any):
    """The record, or 404 when missing or soft-deleted (the API never shows deleted ones)."""
    record = db.session.get(model, record_id, options=list(options), populate_existing=True)
    if record is None or getattr(record, "deleted_at", None) is not None:
        raise not_found()
    return record


@bp.before_app_request
def routing_errors_as_json():
    """A URL under /api/ that matches no route (404) or not with this method (405) is answered
    here, in JSON and in the client's language, before the HTML error pages see it."""
    error = request.routing_exception
    if error is None or not request.path.startswith("/api/"):
        return None
    if getattr(error, "code", None) in (404, 405):
        return from_http_exception(error).response()
    return None


@bp.before_request
def authenticate():
    """Find the user from the bearer token; 401 when missing, unknown, revoked or expired."""
    if request.method == "OPTIONS" or request.endpoint in PUBLIC_ENDPOINTS:
        return
    header = request.headers.get("Authorization", "")
    if not header:
        raise unauthorized(_("Falta el token: envíe la cabecera «Authorization: Bearer <token>»."))
    scheme, _sep, secret = header.partition(" ")
    token = None
    if scheme.lower() == "bearer":
        token = find_active_token(secret.strip(), TokenKind.API)
    if token is None:
        raise unauthorized(_("El token no es válido, fue revocado o venció."), invalid=True)
    if db.session.is_modified(token):
        # Only the "last used" stamp, at most once a minute: its own small transaction, so that
        # the request's real change (if any) still commits alone and a refused one rolls back.
        db.session.commit()
    g.api_user = token.user


@bp.errorhandler(ApiError)
def api_error(error: ApiError):
    return error.response()


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return from_http_exception(error).response()


from tracker.api import followups, openapi, records  # noqa: E402, F401  (routes)
