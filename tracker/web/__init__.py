"""The HTML interface: one blueprint per area, registered here with what they share."""

from datetime import timedelta

from flask import Flask, g, render_template, request, url_for
from flask_babel import format_date, format_time, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from tracker import history_text, labels, permissions
from tracker.clock import local_today
from tracker.extensions import login
from tracker.web.hardening import register_hardening
from tracker.web.input_guard import register_input_guard
from tracker.web.sessions import load_session_user


def register_web(app: Flask, *, upload_pages: bool = True) -> None:
    """Every page's blueprint; without `upload_pages`, all but the form import pages (the
    jobs' app: nothing in a mail links to them, and they load the form readers)."""
    from tracker.web import (
        activities,
        auth,
        briefing,
        calendar,
        followup_bulk,
        followups,
        home,
        notices,
        notifications,
        organizations,
        people,
        projects,
        record_options,
        report_documents,
        report_form,
        reports,
        saved_views,
        search,
        tokens,
        trash,
        users,
        watchers,
    )

    modules = [
        auth,
        home,
        followups,
        followup_bulk,
        saved_views,
        calendar,
        activities,
        reports,
        report_form,
        report_documents,
        briefing,
        projects,
        organizations,
        people,
        users,
        notifications,
        notices,
        tokens,
        trash,
        search,
        watchers,
        record_options,
    ]
    if upload_pages:
        from tracker.web import imports

        modules.insert(2, imports)
    for module in modules:
        app.register_blueprint(module.bp)

    login.login_view = "auth.login"
    login.login_message = _l("Inicie sesión para continuar.")
    login.login_message_category = "info"

    # Session ids carry the account's session version (see tracker/web/sessions.py).
    login.user_loader(load_session_user)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if request.path.startswith("/api/"):
            return {"error": error.name, "message": error.description}, error.code
        # A message given to abort() (already translated) is shown; werkzeug's stock English
        # descriptions are not.
        detail = error.description if error.description != type(error).description else None
        return render_template("errors.html", error=error, detail=detail), error.code

    @app.after_request
    def security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    register_hardening(app)
    register_input_guard(app)
    app.jinja_env.filters["zip"] = zip
    # Every history on every page reads through one formatter (tracker/history_text.py).
    app.add_template_global(history_text.describe_events, "history_entries")
    app.add_template_global(history_text.describe_changes, "history_changes")
    # Saved views: the menu lists the pinned ones (one query, only on pages that show them).
    app.add_template_global(saved_views.pinned_views, "pinned_views")
    app.add_template_global(saved_views.view_url, "view_url")

    @app.template_filter("date")
    def date_filter(value, style: str = "medium") -> str:
        return format_date(value, style) if value else "—"

    @app.template_filter("when")
    def when_filter(value) -> str:
        """A moment as the dates around it read ("2 dic 2026, 8:17"), in the user's time zone."""
        return f"{format_date(value, 'medium')}, {format_time(value, 'short')}" if value else "—"

    @app.context_processor
    def template_globals():
        return {
            "labels": labels,
            "can": permissions,
            "today": _today(),
            "current_user": current_user,
            "get_locale": get_locale,
            "page_url": page_url,
            "timedelta": timedelta,
        }


def page_url(number: int) -> str:
    """This page's URL with its filters, at another page number."""
    args = {**request.args.to_dict(), "page": number}
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def _today():
    if "today" not in g:
        g.today = local_today()
    return g.today
