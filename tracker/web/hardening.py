"""Response rules every page shares: private pages are not cached, links leaving the app are
built on TRACKER_BASE_URL (never on the Host header a client sent)."""

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, request
from flask.globals import request_ctx
from flask_login import current_user
from werkzeug.routing import MapAdapter

#: Pages reached with a secret in the URL instead of a session: as private as a logged-in page.
SECRET_URL_ENDPOINTS = frozenset({"calendar.feed", "notifications.action"})


def register_hardening(app: Flask) -> None:
    """Install the hooks on the app (called once by register_web)."""
    app.before_request(_external_links_on_base_url)
    app.after_request(_no_store_when_private)


def base_url_adapter() -> MapAdapter:
    """The URL map bound to TRACKER_BASE_URL: what an absolute link must point at."""
    base = urlsplit(current_app.config["TRACKER_BASE_URL"].rstrip("/"))
    return current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )


class _BaseUrlLinks:
    """The request's URL adapter, except that external links come from the base URL.

    A `Host: evil.example` header must not put evil.example into a calendar feed URL, an API
    `url` or `Location`, or a link that a page shows for copying. Relative links stay as the
    request's adapter builds them (same script root as the page the browser is on).
    """

    def __init__(self, request_adapter: MapAdapter, base_adapter: MapAdapter):
        self._request_adapter = request_adapter
        self._base_adapter = base_adapter

    def build(self, *args: Any, force_external: bool = False, **kwargs: Any) -> str:
        adapter = self._base_adapter if force_external else self._request_adapter
        return adapter.build(*args, force_external=force_external, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._request_adapter, name)


def _external_links_on_base_url() -> None:
    # Runs after routing (the request was matched with its own adapter); only building changes.
    if request_ctx.url_adapter is not None:
        request_ctx.url_adapter = _BaseUrlLinks(request_ctx.url_adapter, base_url_adapter())


def _no_store_when_private(response):
    """Cache-Control: no-store on what only its reader may see (pages of a session, exports,
    API answers, secret-URL pages); static files and the anonymous login page stay cacheable."""
    if request.endpoint == "static":
        return response
    private = (
        current_user.is_authenticated
        or "Authorization" in request.headers
        or request.endpoint in SECRET_URL_ENDPOINTS
    )
    if private:
        response.headers["Cache-Control"] = "no-store"
    return response
