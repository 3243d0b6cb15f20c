"""Every API failure is the same JSON shape: {"error", "message", "fields"?}."""

import re
from typing import Any

from flask import request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, MethodNotAllowed

#: A missing or refused token: RFC 6750 asks the server to say which scheme it expects.
BEARER_CHALLENGE = 'Bearer realm="api"'


class ApiError(Exception):
    """Answer the request with this error. `extra` adds keys to the body (e.g. `current`)."""

    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        fields: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ):
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.fields = fields
        self.headers = headers or {}
        self.extra = extra

    def response(self):
        body: dict[str, Any] = {"error": self.error, "message": self.message}
        if self.fields:
            body["fields"] = self.fields
        body.update(self.extra)
        return body, self.status, self.headers


def unauthorized(message: str, invalid: bool = False) -> ApiError:
    challenge = BEARER_CHALLENGE + (', error="invalid_token"' if invalid else "")
    code = "invalid_token" if invalid else "unauthorized"
    return ApiError(401, code, message, headers={"WWW-Authenticate": challenge})


def forbidden(message: str | None = None) -> ApiError:
    return ApiError(403, "forbidden", message or _("Su cuenta no permite esta acción."))


def not_found() -> ApiError:
    return ApiError(404, "not_found", _("No existe el recurso pedido."))


def from_http_exception(error: HTTPException) -> ApiError:
    """A werkzeug error (404 of the router, 405, 413, …) in the API's shape and language."""
    code = error.code or 500
    headers = {}
    if code == 404:
        return not_found()
    if isinstance(error, MethodNotAllowed):
        allowed = sorted(set(error.valid_methods or ()) - {"HEAD", "OPTIONS"})
        headers["Allow"] = ", ".join(error.valid_methods or ())
        message = _(
            "El método %(method)s no se admite aquí; use: %(allowed)s.",
            method=request.method,
            allowed=", ".join(allowed),
        )
        return ApiError(405, "method_not_allowed", message, headers=headers)
    if code == 413:
        return ApiError(
            413, "payload_too_large", _("El cuerpo de la petición es demasiado grande.")
        )
    if code >= 500:
        return ApiError(code, "server_error", _("Error interno; inténtelo de nuevo más tarde."))
    name = re.sub(r"[^a-z]+", "_", (error.name or "error").lower()).strip("_")
    return ApiError(code, name, error.description or error.name)
