"""Following a follow-up from its page: "Seguir" / "Dejar de seguir", and who follows it."""

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.extensions import db
from tracker.forms.followups import ConfirmForm
from tracker.models import FollowUp
from tracker.operations import watchers as ops
from tracker.web.helpers import get_live_or_404

bp = Blueprint("watchers", __name__, url_prefix="/seguimientos")


@bp.app_context_processor
def watcher_helpers():
    # A callable: only the follow-up page asks, with one query.
    return {"followup_watchers": ops.watcher_names}


@bp.post("/<int:followup_id>/seguir")
@login_required
def watch(followup_id: int):
    """Be told of this follow-up's comments and changes. Anyone who can read it may."""
    followup = get_live_or_404(FollowUp, followup_id)
    if ConfirmForm().validate_on_submit():
        ops.watch(followup, current_user)
        db.session.commit()
        flash(_("Ahora sigue este seguimiento."), "success")
    return redirect(url_for("followups.show", followup_id=followup_id))


@bp.post("/<int:followup_id>/dejar-de-seguir")
@login_required
def unwatch(followup_id: int):
    """Stop being told of this follow-up's changes (its owner still is told of hers)."""
    followup = get_live_or_404(FollowUp, followup_id)
    if ConfirmForm().validate_on_submit():
        ops.unwatch(followup, current_user)
        db.session.commit()
        flash(_("Ya no sigue este seguimiento."), "success")
    return redirect(url_for("followups.show", followup_id=followup_id))
