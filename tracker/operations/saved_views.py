"""A user's saved views of the follow-up list: save (or update by name), pin, delete."""

from urllib.parse import parse_qsl, urlencode

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import SavedView, User
from tracker.operations.errors import OperationError

NAME_MAX = 80
QUERY_MAX = 2000
#: Query-string keys that are not part of a view: which page one was on.
NOT_KEPT = {"page"}


def clean_query(query: str) -> str:
    """The list's query string without its page and empty values, in a stable order."""
    pairs = [
        (key, value)
        for key, value in parse_qsl(query or "", keep_blank_values=False)
        if key not in NOT_KEPT
    ]
    return urlencode(pairs)


def save_view(user: User, name: str, query: str) -> tuple[SavedView, bool]:
    """Keep the filters under `name`; a view of that name is updated. Returns (view, created)."""
    name = " ".join((name or "").split())
    if not name:
        raise OperationError(_("Dé un nombre a la vista."), "name")
    if len(name) > NAME_MAX:
        raise OperationError(_("El nombre admite hasta %(n)d caracteres.", n=NAME_MAX), "name")
    query = clean_query(query)
    if len(query) > QUERY_MAX:
        raise OperationError(_("Esta combinación de filtros es demasiado larga."), "query")
    view = db.session.scalar(select(SavedView).filter_by(user_id=user.id, name=name))
    created = view is None
    if created:
        view = SavedView(user_id=user.id, name=name, query=query)
        db.session.add(view)
    else:
        view.query = query
    db.session.flush()
    return view, created


def set_pinned(view: SavedView, pinned: bool) -> None:
    view.is_pinned = pinned
    db.session.flush()


def delete_view(view: SavedView) -> None:
    """Forget a view (the filters it held are only a URL: nothing else is lost)."""
    db.session.delete(view)
    db.session.flush()
