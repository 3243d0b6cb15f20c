"""Names for a record picker (static/js/picker.js): the live records whose words match what
was typed, through the search index (accents and letter case aside, words by their start)."""

from flask import Blueprint, abort, jsonify, request
from flask_login import login_required
from sqlalchemy import select

from tracker.extensions import db
from tracker.forms.common import PICKER_KINDS
from tracker.search.index import MODELS
from tracker.search.query import matching_ids
from tracker.search.text import MAX_QUERY_CHARS

bp = Blueprint("options", __name__, url_prefix="/opciones")

#: The picker's path word → its model.
_KINDS = {word: model for model, word in PICKER_KINDS.items()}
#: Names offered at a time: the first ones by name; more words narrow them.
SUGGESTIONS = 20


@bp.get("/<kind>")
@login_required
def suggest(kind: str):
    """[{"id": …, "name": …}, …] for ?q=, sorted by name."""
    model = _KINDS.get(kind) or abort(404)
    ids = matching_ids(MODELS[model], request.args.get("q", "")[:MAX_QUERY_CHARS])
    if ids is None:
        return jsonify([])
    rows = db.session.execute(
        select(model.id, model.name)
        .where(model.deleted_at.is_(None), model.id.in_(ids))
        .order_by(model.name, model.id)
        .limit(SUGGESTIONS)
    )
    return jsonify([{"id": row.id, "name": row.name} for row in rows])
