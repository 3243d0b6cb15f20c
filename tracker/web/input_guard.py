"""Refuse NUL characters in what a browser sends (query string, form fields, URL parts).

No one types U+0000, but a client can send it, and PostgreSQL refuses it in any text column or
parameter: without this guard a search for "a%00b" was a 500 on PostgreSQL (and stored fine on
SQLite). The API checks the same in its own field-by-field answer (tracker.api.schemas).
"""

from flask import Flask, abort, request
from flask_babel import gettext as _


def _has_nul(pairs) -> bool:
    return any("\x00" in key or "\x00" in value for key, value in pairs)


def refuse_nul_characters():
    """400 with a message when any part of a web request holds a NUL character."""
    if request.path.startswith("/api/"):
        return
    parts = [
        request.args.items(multi=True),
        (
            (name, value)
            for name, value in (request.view_args or {}).items()
            if isinstance(value, str)
        ),
    ]
    if request.method != "GET":
        parts.append(request.form.items(multi=True))
    if any(_has_nul(pairs) for pairs in parts):
        abort(400, _("La solicitud contiene caracteres no permitidos (NUL)."))


def register_input_guard(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
