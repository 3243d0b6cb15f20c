"""Bulk changes over the API: the web's "Aplicar a los seleccionados" (POST /seguimientos/lote)
for a program. The same operation (tracker.operations.bulk) changes each follow-up it may and
names each one it refused, with the reason; the request commits once."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.api import answers as a
from tracker.api import api_user, bp, invalid, responds
from tracker.api import schemas as s
from tracker.api.followups import live_record, refused, writer_first
from tracker.clock import local_today
from tracker.extensions import db
from tracker.models import FollowUp, Person
from tracker.models.enums import FollowUpStatus
from tracker.operations.bulk import BulkAction, BulkChange, apply_bulk
from tracker.operations.errors import OperationError


@bp.post("/followups/bulk", tags=["Follow-ups"])
@writer_first
@bp.arguments(s.BulkChangeSchema)
@bp.response(200, a.BulkResultSchema)
@responds(bp, 400, 401, 403, 415)
def bulk_change_followups(values: dict[str, Any]):
    """Change many follow-ups at once

    One `action` (status, owner, reschedule, delete) applied to each of `ids`, each through
    the ordinary change with its own history entry. A follow-up you may not change, or whose
    change the rules refuse, is left as it was and listed in `refused` with the reason; the
    others are changed. An id that names no live follow-up is a 400 and nothing changes."""
    user = api_user()
    followups = db.session.scalars(
        select(FollowUp)
        .where(FollowUp.id.in_(values["ids"]), FollowUp.deleted_at.is_(None))
        .options(joinedload(FollowUp.owner), joinedload(FollowUp.organization))
        .order_by(FollowUp.id)
    ).all()
    if len(followups) != len(values["ids"]):
        missing = sorted(set(values["ids"]) - {f.id for f in followups})
        raise invalid({"ids": _("No existe un registro activo con el id %(id)d.", id=missing[0])})
    change = BulkChange(
        action=BulkAction(values["action"]),
        status=FollowUpStatus(values["status"]) if values.get("status") else None,
        owner=live_record(Person, values.get("owner_id"), "owner_id"),
        due_on=values.get("due_on"),
        reason=(values.get("reason") or "").strip() or None,
    )
    try:
        result = apply_bulk(followups, change, user, local_today())
    except OperationError as error:
        db.session.rollback()
        raise refused(error, {"owner": "owner_id"}) from None
    db.session.commit()
    return {
        "changed": result.changed,
        "refused": [
            {"id": followup.id, "title": followup.title, "reason": reason}
            for followup, reason in result.refused
        ],
    }
