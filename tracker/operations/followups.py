"""Creating, editing, moving and closing follow-ups; each change leaves a FollowUpEvent."""

from datetime import date
from typing import Any

from flask_babel import gettext as _

from tracker import permissions
from tracker.extensions import db
from tracker.models import FollowUp, FollowUpEvent, User
from tracker.models.base import utcnow
from tracker.models.enums import FollowUpStatus
from tracker.operations import user_notices
from tracker.operations.errors import OperationError, PermissionDenied
from tracker.operations.history import apply_changes, as_text

S = FollowUpStatus
#: Allowed moves. Closing is possible from any open state; reopening goes back to "open".
TRANSITIONS: dict[FollowUpStatus, frozenset[FollowUpStatus]] = {
    S.OPEN: frozenset({S.IN_PROGRESS, S.BLOCKED, S.DONE, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.OPEN, S.BLOCKED, S.DONE, S.CANCELLED}),
    S.BLOCKED: frozenset({S.OPEN, S.IN_PROGRESS, S.DONE, S.CANCELLED}),
    S.DONE: frozenset({S.OPEN}),
    S.CANCELLED: frozenset({S.OPEN}),
}

#: Fields an edit may change; the due date moves only by `reschedule` (it keeps the original).
EDITABLE_FIELDS = (
    "kind",
    "title",
    "description",
    "owner",
    "organization",
    "priority",
    "start_on",
    "project",
    "activity",
    "report",
)


def _event(followup: FollowUp, actor: User | None, action: str, changes=None, comment=None):
    followup.events.append(
        FollowUpEvent(actor=actor, action=action, changes=changes or {}, comment=comment)
    )


def _check_dates(start_on: date | None, due_on: date | None) -> None:
    if start_on and due_on and due_on < start_on:
        raise OperationError(_("La fecha límite no puede ser anterior al inicio."), "due_on")


#: Where a follow-up may hang from, with the refusal a member gets for someone else's record.
_ATTACHMENTS = {
    "project": lambda: _("Solo puede vincular seguimientos a los proyectos que lidera."),
    "activity": lambda: _("Solo puede vincular seguimientos a actividades en las que participa."),
    "report": lambda: _("Solo puede vincular seguimientos a sus propios informes."),
}


def _check_scope(actor: User | None, values: dict[str, Any], followup: FollowUp | None) -> None:
    """A member's follow-ups stay theirs: owned by them, hanging only from what they lead.

    Only what changes is checked, so a member can still edit a follow-up that a coordinator
    attached to someone else's project. The system (actor None) is not limited.
    """
    if actor is None or permissions.can_edit_everything(actor):
        return
    moves_owner = followup is None or _changes(values, followup, "owner")
    if moves_owner and not permissions.can_own_followup(actor, values.get("owner")):
        raise PermissionDenied(_("Solo puede asignarse seguimientos a usted mismo."), "owner")
    for name, refusal in _ATTACHMENTS.items():
        record = values.get(name)
        if record is None or (followup is not None and not _changes(values, followup, name)):
            continue
        if not permissions.can_attach_followup_to(actor, record):
            raise PermissionDenied(refusal(), name)


def _changes(values: dict[str, Any], followup: FollowUp, name: str) -> bool:
    """Whether `values` point the follow-up's `name` relation at another record."""
    if name not in values:
        return False
    return getattr(values[name], "id", None) != getattr(followup, f"{name}_id")


def create_followup(actor: User | None, *, due_on: date | None = None, **fields: Any) -> FollowUp:
    """Create a follow-up; its first due date is remembered as the original one."""
    _check_scope(actor, fields, None)
    _check_dates(fields.get("start_on"), due_on)
    followup = FollowUp(
        due_on=due_on,
        original_due_on=due_on,
        created_by=actor,
        status=FollowUpStatus.OPEN,
        **fields,
    )
    db.session.add(followup)
    snapshot = {"title": followup.title, "due_on": as_text(due_on)}
    _event(followup, actor, "created", {k: [None, v] for k, v in snapshot.items() if v})
    db.session.flush()
    user_notices.followup_assigned(followup, actor)
    return followup


def update_followup(followup: FollowUp, actor: User | None, **values: Any) -> dict:
    """Edit the descriptive fields; returns the recorded {field: [old, new]}."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    _check_scope(actor, values, followup)
    _check_dates(values.get("start_on", followup.start_on), followup.due_on)
    changes = apply_changes(followup, values)
    if changes:
        _event(followup, actor, "updated", changes)
        db.session.flush()
        user_notices.followup_changed(followup, actor, changes)
    return changes


def change_status(
    followup: FollowUp,
    actor: User | None,
    new_status: FollowUpStatus,
    today: date,
    comment: str | None = None,
) -> None:
    """Move along an allowed transition; done stamps the completion date, reopening clears it."""
    new_status = FollowUpStatus(new_status)
    if new_status not in TRANSITIONS[followup.status]:
        raise OperationError(
            _(
                "No se puede pasar de «%(old)s» a «%(new)s».",
                old=status_label(followup.status),
                new=status_label(new_status),
            ),
            "status",
        )
    changes = {"status": [followup.status.value, new_status.value]}
    followup.status = new_status
    if new_status == FollowUpStatus.DONE:
        followup.completed_on = today
        changes["completed_on"] = [None, today.isoformat()]
    elif followup.completed_on is not None:
        changes["completed_on"] = [followup.completed_on.isoformat(), None]
        followup.completed_on = None
    _event(followup, actor, "status", changes, comment or None)
    db.session.flush()
    user_notices.followup_changed(followup, actor, changes, comment)


def reschedule(followup: FollowUp, actor: User | None, new_due_on: date, reason: str) -> None:
    """Move the due date. The original date stays; each move is counted and needs a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise OperationError(_("Indique el motivo del cambio de fecha."), "reason")
    if not followup.is_open:
        raise OperationError(_("Solo se reprograma un seguimiento abierto."), "due_on")
    if new_due_on == followup.due_on:
        raise OperationError(_("La nueva fecha es igual a la actual."), "due_on")
    _check_dates(followup.start_on, new_due_on)
    changes = {"due_on": [as_text(followup.due_on), new_due_on.isoformat()]}
    if followup.original_due_on is None:
        followup.original_due_on = new_due_on
    followup.due_on = new_due_on
    followup.reschedule_count += 1
    if followup.is_due_estimated:
        followup.is_due_estimated = False
        changes["is_due_estimated"] = ["True", "False"]
    _event(followup, actor, "rescheduled", changes, reason)
    db.session.flush()
    user_notices.followup_changed(followup, actor, changes, reason)


def add_comment(followup: FollowUp, actor: User | None, text: str) -> FollowUpEvent:
    text = (text or "").strip()
    if not text:
        raise OperationError(_("El comentario está vacío."), "text")
    _event(followup, actor, "comment", comment=text)
    db.session.flush()
    user_notices.followup_commented(followup, actor, text)
    return followup.events[-1]


def delete_followup(followup: FollowUp, actor: User | None, reason: str | None = None) -> None:
    """Soft delete: hidden everywhere, kept with its history, restorable by a coordinator."""
    if followup.deleted_at is not None:
        return
    followup.deleted_at = utcnow()
    _event(followup, actor, "deleted", comment=reason)
    db.session.flush()


def restore_followup(followup: FollowUp, actor: User | None) -> None:
    if followup.deleted_at is None:
        return
    followup.deleted_at = None
    _event(followup, actor, "restored")
    db.session.flush()


def status_label(status: FollowUpStatus) -> str:
    from tracker.labels import STATUS_LABELS

    return str(STATUS_LABELS[FollowUpStatus(status)])
