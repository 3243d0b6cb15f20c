"""Links for mails: absolute, built on TRACKER_BASE_URL outside any request, and the one-click
links (done, postpone) of the follow-up lines a digest shows, issued in one insert per batch."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from flask import current_app

from jobs import rules as R
from jobs.bulk import Converters, insert_many
from tracker.item_pages import ITEM_PAGES
from tracker.models import ActionToken, ItemType

if TYPE_CHECKING:
    from jobs.delivery.digest import Digest


def absolute_url(endpoint: str, **values: Any) -> str:
    """A link that works from a mail: built on TRACKER_BASE_URL, outside any request (values
    that are not part of the route become the query string)."""
    base = urlsplit(current_app.config["TRACKER_BASE_URL"].rstrip("/"))
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)


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

    def item(self, item_type: str, item_id: int) -> str:
        """The page of the record a line is about (tracker.item_pages, as the app links it)."""
        endpoint, key = ITEM_PAGES[ItemType(item_type)]
        return self._url(endpoint, key, item_id)

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


#: The ActionToken columns the digest job writes, in the order of its row tuples.
_TOKEN_COLUMNS = (
    "token_hash",
    "followup_id",
    "action",
    "recipient_email",
    "expires_at",
    "created_at",
)


def issue_links(digests: list[Digest], links: Links, now: datetime) -> None:
    """The one-click links of every follow-up line the digests show to its owner, in one
    insert (the caller commits, before any mail carries them)."""
    from tracker.operations.notifications import new_action_tokens

    lines = [
        (digest.recipient_email, line)
        for digest in digests
        for line in digest.lines
        # A notice of what happened (jobs.delivery.news) is read, not acted on from the mail.
        if line.item_type == "followup" and not line.is_copy and line.rule not in R.NEWS_RULES
    ]
    if not lines:
        return
    issued, rows = new_action_tokens([(line.item_id, email) for email, line in lines], now)
    table = ActionToken.__table__
    convert = Converters(table)
    converters = [convert.of(column) for column in _TOKEN_COLUMNS]
    insert_many(
        table,
        _TOKEN_COLUMNS,
        (tuple(f(row[c]) for f, c in zip(converters, _TOKEN_COLUMNS, strict=True)) for row in rows),
    )
    for (_email, line), secrets_by_action in zip(lines, issued, strict=True):
        line.actions = {
            action.value: links.action(secret) for action, secret in secrets_by_action.items()
        }
