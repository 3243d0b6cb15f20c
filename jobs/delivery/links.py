"""Absolute links for mails: built on TRACKER_BASE_URL, outside any request."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def absolute_url(endpoint: str, **values: Any) -> str:
    """A link that works from a mail: built on TRACKER_BASE_URL, outside any request (values
    that are not part of the route become the query string)."""
    base = urlsplit(current_app.config["TRACKER_BASE_URL"].rstrip("/"))
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)


_ITEM_KEYS = {
    "followups.show": "followup_id",
    "reports.show": "report_id",
    "projects.show": "project_id",
}
#: Characters a path segment never needs quoted (all a token_urlsafe secret uses).
_PLAIN = re.compile(r"[A-Za-z0-9_-]+")


class Links:
    """The item and action links of a run, without the routing map for each one.

    Item links differ only in the id, action links only in the token: each endpoint's URL is
    built once around a placeholder and then filled in. The first real value is built through
    the map as well and compared; a route that is not a plain substitution uses the map.
    """

    _PLACEHOLDERS = {int: 987654321987, str: "Zq9placeholder9qZ"}

    def __init__(self) -> None:
        self._templates: dict[str, tuple[str, str] | None] = {}

    def item(self, endpoint: str, item_id: int) -> str:
        return self._url(endpoint, _ITEM_KEYS[endpoint], item_id)

    def action(self, secret: str) -> str:
        return self._url("notifications.action", "token", secret)

    def _url(self, endpoint: str, key: str, value: int | str) -> str:
        if endpoint not in self._templates:
            self._templates[endpoint] = self._template(endpoint, key, value)
        template = self._templates[endpoint]
        if template is None or (type(value) is str and not _PLAIN.fullmatch(value)):
            return absolute_url(endpoint, **{key: value})
        return f"{template[0]}{value}{template[1]}"

    def _template(self, endpoint: str, key: str, value: int | str) -> tuple[str, str] | None:
        placeholder = self._PLACEHOLDERS[type(value)]
        url = absolute_url(endpoint, **{key: placeholder})
        parts = url.split(str(placeholder))
        if len(parts) != 2:
            return None
        if f"{parts[0]}{value}{parts[1]}" != absolute_url(endpoint, **{key: value}):
            return None
        return parts[0], parts[1]
