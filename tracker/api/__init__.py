"""The JSON API at /api/v1, for programs acting as one user with a personal API token.

Each resource is described once, by marshmallow schemas on flask-smorest: the same schemas
validate the request (tracker.api.schemas), serialize the answer (tracker.api.answers) and write
the OpenAPI document (tracker.api.spec), served at /api/v1/openapi.json.

Authentication is `Authorization: Bearer <token>` only: session cookies are ignored, which is
why the blueprint can be exempt from CSRF. The user's role applies exactly as in the web pages
(tracker.permissions), and state changes go through tracker.operations, committed once per
request (the token's "last used" stamp, written at most once a minute, is its own transaction).
"""

from typing import Any

from flask import Flask, current_app, g, jsonify, request
from flask_babel import gettext as _
from sqlalchemy import Select
from werkzeug.exceptions import HTTPException

from tracker.api.errors import ApiError, from_http_exception, not_found, unauthorized
from tracker.api.parser import invalid
from tracker.api.schemas import MAX_PER_PAGE
from tracker.api.spec import PREFIX, ApiBlueprint, document, init_api, responds
from tracker.extensions import csrf, db
from tracker.models import User
from tracker.models.enums import TokenKind
from tracker.operations.tokens import find_active_token
from tracker.routing import MAX_ID

__all__ = ["invalid", "responds"]

bp = ApiBlueprint("api", __name__, url_prefix=PREFIX)
#: URL converter for record ids: 32-bit like the columns, so a huge number is a 404, not a crash.
ID = f"int(min=1, max={MAX_ID})"
#: Endpoints anyone may read: the description of the API itself.
PUBLIC_ENDPOINTS = {"api.openapi_document"}


def register_api(app: Flask) -> None:
    from tracker.api.docs import bp as docs_bp

    csrf.exempt(bp)
    app.extensions["tracker_api"] = init_api(app, bp)
    app.register_blueprint(docs_bp)


def api_user() -> User:
    """The user whose token authenticated this request."""
    return g.api_user


def paginated(query: Select, args: dict[str, Any]):
    """One page of `query` (a page past the last one is empty, not an error)."""
    return db.paginate(
        query,
        page=args["page"],
        per_page=args["per_page"],
        max_per_page=MAX_PER_PAGE,
        error_out=False,
    )


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


@bp.get("/openapi.json", tags=["Meta"])
@bp.doc(security=[], summary="This document")
@bp.response(200, {"type": "object"}, description="The OpenAPI document.")
def openapi_document():
    """The OpenAPI document of this API (no token needed)."""
    return jsonify(document(current_app))


from tracker.api import bulk, followups, records, search  # noqa: E402, F401  (routes)
