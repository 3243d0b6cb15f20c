"""How flask-smorest reads a request through our schemas: the body must be a JSON object sent
as JSON (415, 400 otherwise), a query parameter is given once, an empty one means "not given",
and every validation failure is one 400 `validation_error` naming each wrong field."""

from typing import Any

from flask_babel import gettext as _
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import BadRequest

from tracker.api.errors import ApiError


def invalid(fields: dict[str, str], message: str | None = None) -> ApiError:
    """400 naming each wrong field."""
    if message is None:
        message = _("Revise estos campos: %(fields)s.", fields=", ".join(sorted(fields)))
    return ApiError(400, "validation_error", message, fields=fields)


def _field_key(name: Any) -> str:
    # Echo an unknown name back, but never a huge or unprintable one.
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in str(name)[:60])
    return cleaned.encode("utf-8", "replace").decode("utf-8")


def _first_message(messages: Any) -> str:
    """marshmallow's messages for one field (a list, or a dict by list index) → one sentence."""
    while isinstance(messages, (list, dict)):
        messages = next(iter(messages.values() if isinstance(messages, dict) else messages))
    return str(messages)


class ApiParser(FlaskParser):
    DEFAULT_VALIDATION_STATUS = 400
    #: Unknown names are refused everywhere (the schemas' own `unknown` is RAISE).
    DEFAULT_UNKNOWN_BY_LOCATION: dict[str, str | None] = {}

    def load_json(self, req, schema) -> dict[str, Any]:
        if not req.is_json:
            raise ApiError(
                415,
                "unsupported_media_type",
                _("Envíe el cuerpo en JSON, con la cabecera «Content-Type: application/json»."),
            )
        try:
            data = req.get_json()
        except (BadRequest, RecursionError):
            raise ApiError(400, "malformed_json", _("El cuerpo no es JSON válido.")) from None
        if not isinstance(data, dict):
            raise ApiError(400, "invalid_body", _("El cuerpo debe ser un objeto JSON."))
        return data

    def load_querystring(self, req, schema) -> dict[str, str]:
        values: dict[str, str] = {}
        repeated: dict[str, str] = {}
        for name in req.args:
            given = req.args.getlist(name)
            if name in schema.fields and given == [""]:
                continue
            if name in schema.fields and len(given) > 1:
                repeated[name] = _("Indíquelo una sola vez.")
            values[name] = given[0]
        if repeated:
            raise invalid(repeated)
        return values

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):
        messages = error.messages
        if isinstance(messages, dict) and len(messages) == 1:
            # webargs files the messages under their location ({"json": {...}}).
            messages = next(iter(messages.values()))
        if not isinstance(messages, dict):
            raise ApiError(400, "invalid_body", _first_message(messages))
        raise invalid({_field_key(name): _first_message(m) for name, m in messages.items()})
