"""One change applied to many follow-ups at once: status, owner, due date or delete.

Each item goes through the ordinary operation, so each gets its own history entry, and each
inside its own savepoint: an item the user may not change, or whose change the rules refuse
(a transition that does not exist, a closed item rescheduled), is left exactly as it was and
reported with the reason, while the others are changed. The request commits once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from flask_babel import gettext as _

from tracker import permissions
from tracker.extensions import db
from tracker.models import FollowUp, Person, User
from tracker.models.enums import FollowUpStatus
from tracker.operations import followups as followup_ops
from tracker.operations.errors import OperationError

#: How many items one bulk change may touch: a page of the list at most.
MAX_ITEMS = 200


class BulkAction(StrEnum):
    STATUS = "status"
    OWNER = "owner"
    RESCHEDULE = "reschedule"
    DELETE = "delete"


@dataclass
class BulkChange:
    """What to do to every selected item; only the value its action needs is read."""

    action: BulkAction
    status: FollowUpStatus | None = None
    owner: Person | None = None
    due_on: date | None = None
    reason: str | None = None


@dataclass
class BulkResult:
    changed: list[FollowUp] = field(default_factory=list)
    refused: list[tuple[FollowUp, str]] = field(default_factory=list)


def apply_bulk(
    followups: list[FollowUp], change: BulkChange, actor: User, today: date
) -> BulkResult:
    """Apply `change` to each follow-up it may apply to; refuse the rest one by one."""
    if len(followups) > MAX_ITEMS:
        raise OperationError(
            _("Elija como máximo %(n)d seguimientos a la vez.", n=MAX_ITEMS), "ids"
        )
    _check_change(change)
    result = BulkResult()
    for followup in followups:
        if not permissions.can_edit_followup(actor, followup):
            result.refused.append((followup, _("no tiene permiso para cambiarlo")))
            continue
        savepoint = db.session.begin_nested()
        try:
            _apply(followup, change, actor, today)
        except OperationError as error:
            savepoint.rollback()
            result.refused.append((followup, error.message))
            continue
        savepoint.commit()
        result.changed.append(followup)
    return result


def _check_change(change: BulkChange) -> None:
    """Refuse, before touching anything, a change that lacks the value it needs."""
    if change.action == BulkAction.STATUS and change.status is None:
        raise OperationError(_("Elija el nuevo estado."), "status")
    if change.action == BulkAction.OWNER and change.owner is None:
        raise OperationError(_("Elija a la persona responsable."), "owner")
    if change.action == BulkAction.RESCHEDULE:
        if change.due_on is None:
            raise OperationError(_("Indique la nueva fecha límite."), "due_on")
        if not (change.reason or "").strip():
            raise OperationError(_("Indique el motivo del cambio de fecha."), "reason")


def _apply(followup: FollowUp, change: BulkChange, actor: User, today: date) -> None:
    if change.action == BulkAction.STATUS:
        if followup.status == change.status:
            raise OperationError(_("ya estaba en ese estado"))
        followup_ops.change_status(followup, actor, change.status, today, change.reason)
    elif change.action == BulkAction.OWNER:
        if followup.owner_id == change.owner.id:
            raise OperationError(_("ya estaba a cargo de esa persona"))
        followup_ops.update_followup(followup, actor, owner=change.owner)
    elif change.action == BulkAction.RESCHEDULE:
        followup_ops.reschedule(followup, actor, change.due_on, change.reason)
    else:
        followup_ops.delete_followup(followup, actor, change.reason)
