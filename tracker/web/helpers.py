"""Small pieces every view uses: fetch-or-404, permission checks, pagination, form errors."""

from typing import Any

from flask import abort, current_app, request
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import Form

from tracker.extensions import db
from tracker.operations.errors import OperationError


def get_live_or_404(model: type, record_id: int, *options: Any):
    """The record, unless missing or soft-deleted (coordinators may still open deleted ones)."""
    record = db.session.get(model, record_id, options=list(options))
    if record is None:
        abort(404)
    if getattr(record, "deleted_at", None) is not None and not _sees_deleted():
        abort(404)
    return record


def _sees_deleted() -> bool:
    from tracker.permissions import can_edit_everything

    return current_user.is_authenticated and can_edit_everything(current_user)


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)


#: More pages than any list can have; it keeps LIMIT/OFFSET far inside the databases' integers.
MAX_PAGE = 10**6


def page_number() -> int:
    """?page= as a number from 1 to MAX_PAGE (1 when absent); anything else is a 404 page."""
    value = request.args.get("page", "")
    if value == "":
        return 1
    # isdecimal() alone would accept other scripts' digits; and "-1" or a 20-digit number
    # is no page of any list (an OFFSET beyond SQLite's integers was a 500).
    if not (value.isascii() and value.isdecimal() and len(value) <= 7 and int(value) >= 1):
        abort(404, _("No existe esa página de la lista."))
    number = int(value)
    if number > MAX_PAGE:
        abort(404, _("No existe esa página de la lista."))
    return number


def paginate(query):
    """A page of `query` (page number from ?page=, size from the config)."""
    return db.paginate(
        query,
        page=page_number(),
        per_page=current_app.config["ITEMS_PER_PAGE"],
        max_per_page=200,
        error_out=False,
    )


def attach_error(form: Form, error: OperationError) -> None:
    """Show an operation's refusal next to the field it concerns (or on top of the form)."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*list(field.errors), error.message]
    else:
        form.form_errors.append(error.message)


def changed_data(form: Form, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: form[name].data for name in fields if name in form}


def commit_or_refuse(form: Form, change) -> bool:
    """Run `change()` (an operation); commit and return True, or roll back and show the
    operation's refusal on the form and return False. One commit per request."""
    try:
        change()
    except OperationError as error:
        db.session.rollback()
        attach_error(form, error)
        return False
    db.session.commit()
    return True
