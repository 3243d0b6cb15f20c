"""Bulk changes from the follow-up list: the selected rows, one action, a summary."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker import permissions
from tracker.clock import local_today
from tracker.extensions import db
from tracker.forms.common import fill_record_choices
from tracker.forms.followups import BULK_PREFIX, BulkForm
from tracker.models import FollowUp
from tracker.models.enums import FollowUpStatus
from tracker.operations.bulk import BulkAction, BulkChange, apply_bulk
from tracker.operations.errors import OperationError
from tracker.web.helpers import require

bp = Blueprint("followup_bulk", __name__, url_prefix="/seguimientos")


def _back(form: BulkForm) -> str:
    """The list the rows were selected on; only a path of this site (no open redirect)."""
    back = form.back.data or ""
    if back.startswith("/seguimientos/") and not back.startswith("//"):
        return back
    return url_for("followups.index")


@bp.post("/lote")
@login_required
def apply():
    """Apply one change to the selected follow-ups; each refusal is named with its reason."""
    require(permissions.can_create_followup(current_user))
    form = BulkForm(prefix=BULK_PREFIX)
    fill_record_choices(form)
    if not form.validate():
        return _refused(
            form,
            [f"{form[name].label.text}: {errors[0]}" for name, errors in form.errors.items()],
        )
    followups = db.session.scalars(
        select(FollowUp)
        .where(FollowUp.id.in_(form.ids.data), FollowUp.deleted_at.is_(None))
        .order_by(FollowUp.id)
    ).all()
    if len(followups) != len(set(form.ids.data)):
        return _refused(form, [_("Alguno de los seguimientos ya no existe; recargue la lista.")])
    change = BulkChange(
        action=BulkAction(form.action.data),
        status=FollowUpStatus(form.status.data) if form.status.data else None,
        owner=form.owner.record,
        due_on=form.due_on.data,
        reason=(form.reason.data or "").strip() or None,
    )
    try:
        result = apply_bulk(followups, change, current_user, local_today())
    except OperationError as error:
        db.session.rollback()
        return _refused(form, [error.message])
    db.session.commit()
    if result.changed:
        count = len(result.changed)
        flash(
            ngettext("%(num)d seguimiento cambiado.", "%(num)d seguimientos cambiados.", count),
            "success",
        )
    for followup, reason in result.refused:
        flash(
            _(
                "No se cambió «%(title)s»: %(reason)s.",
                title=followup.title,
                reason=reason.rstrip("."),
            ),
            "error",
        )
    return redirect(_back(form))


def _refused(form: BulkForm, messages: list[str]):
    """Nothing was changed: say why, with the way back to the list."""
    return render_template("followups/bulk_refused.html", messages=messages, back=_back(form)), 400
