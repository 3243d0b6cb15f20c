"""A report's commitments and recommended actions as rows: create, edit, close or remove the
follow-ups behind them, each change with its FollowUpEvent.

The rows are written by the report's author. On her own report she names whoever took on each
commitment — another official, an outside focal point — which the general follow-up operations
do not let a member do ("only yourself"); so creation and descriptive edits happen here, after
the caller has checked that the actor may edit this report. Due dates, status changes and
removal go through tracker.operations.followups as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import FollowUp, FollowUpEvent, Organization, ParticipationReport, Person, User
from tracker.models.enums import FollowUpKind, FollowUpStatus, Priority
from tracker.operations import followups as followup_ops
from tracker.operations import user_notices
from tracker.operations.errors import OperationError
from tracker.operations.history import apply_changes, as_text

TITLE_MAX = 300
ROW_KINDS = (FollowUpKind.COMMITMENT, FollowUpKind.ACTION)
#: The form's two lists of rows, by the name they have in the report and preview forms.
ITEM_LISTS = {"commitments": FollowUpKind.COMMITMENT, "actions": FollowUpKind.ACTION}
#: A row's tracking state (see tracker.forms.report_form).
OPEN, DONE, MUTED = "open", "done", "muted"


@dataclass
class ItemRow:
    """One row as written: what it says, who answers for it, by when, and its state."""

    kind: FollowUpKind
    text: str
    owner: Person | None
    organization: Organization | None = None
    due_on: date | None = None
    priority: Priority = Priority.NORMAL
    state: str = OPEN
    completed_on: date | None = None
    followup_id: int | None = None
    remove: bool = False
    #: The responsible an imported text names when nobody known matched: kept in the
    #: description for the coordinator (the owner is then the participant).
    stated_responsible: str | None = None


@dataclass
class ItemChanges:
    """What saving the rows did, for the flash message and for later hooks (notifications)."""

    created: list[FollowUp] = field(default_factory=list)
    updated: list[FollowUp] = field(default_factory=list)
    removed: list[FollowUp] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def report_items(report: ParticipationReport) -> list[FollowUp]:
    """The live commitments and actions of a report, as the form lists them (cancelled ones
    were removed from the form and stay only in the follow-up's history)."""
    return list(
        db.session.scalars(
            select(FollowUp)
            .where(
                FollowUp.report_id == report.id,
                FollowUp.deleted_at.is_(None),
                FollowUp.kind.in_(ROW_KINDS),
                FollowUp.status != FollowUpStatus.CANCELLED,
            )
            .order_by(FollowUp.id)
        )
    )


def estimated_due_on(report: ParticipationReport) -> date:
    """A row written "sin fecha": IMPORT_DEFAULT_DUE_DAYS after the report's own due date."""
    return report.due_on + timedelta(days=current_app.config["IMPORT_DEFAULT_DUE_DAYS"])


def title_and_description(text: str) -> tuple[str, str | None]:
    """A follow-up title from the row's text; the full text goes to the description if cut."""
    text = " ".join(text.split())
    if len(text) <= TITLE_MAX:
        return text, None
    return text[: TITLE_MAX - 1].rstrip() + "…", text


def save_items(
    report: ParticipationReport, rows: list[ItemRow], actor: User | None, today: date
) -> ItemChanges:
    """Bring the report's follow-ups in line with the rows (the caller checked permission)."""
    existing = {f.id: f for f in report_items(report)}
    changes = ItemChanges()
    for row in rows:
        if row.followup_id is not None:
            followup = existing.get(row.followup_id)
            if followup is None:
                raise OperationError(
                    _("Una de las filas ya no existe en este informe; recargue la página.")
                )
            if row.remove:
                _remove(followup, actor, today)
                changes.removed.append(followup)
            elif _update(followup, row, actor, today):
                changes.updated.append(followup)
        elif row.text.strip() and not row.remove:
            changes.created.append(_create(report, row, actor, today))
    return changes


def _check_completion(row: ItemRow, today: date) -> None:
    if row.state == DONE:
        if row.completed_on is None:
            raise OperationError(_("Indique cuándo se cumplió «%(t)s».", t=row.text[:60]))
        if row.completed_on > today:
            raise OperationError(
                _("«%(t)s»: la fecha de cumplimiento no puede ser futura.", t=row.text[:60])
            )


def _create(report: ParticipationReport, row: ItemRow, actor: User | None, today: date):
    _check_completion(row, today)
    title, description = title_and_description(row.text)
    if row.stated_responsible:
        note = _("Responsable indicado en el formulario: %(name)s", name=row.stated_responsible)
        description = f"{description or title}\n\n{note}"
    estimated = row.due_on is None
    due_on = estimated_due_on(report) if estimated else row.due_on
    followup = FollowUp(
        kind=row.kind,
        title=title,
        description=description,
        report=report,
        activity=report.activity,
        owner=row.owner,
        organization=row.organization,
        priority=row.priority,
        due_on=due_on,
        original_due_on=due_on,
        is_due_estimated=estimated,
        is_muted=row.state == MUTED,
        created_by=actor,
        status=FollowUpStatus.OPEN,
    )
    db.session.add(followup)
    snapshot = {
        "title": title,
        "due_on": as_text(due_on),
        "owner": as_text(row.owner),
        "is_due_estimated": "True" if estimated else None,
        "is_muted": "True" if followup.is_muted else None,
    }
    _event(followup, actor, "created", {k: [None, v] for k, v in snapshot.items() if v})
    db.session.flush()
    user_notices.followup_assigned(followup, actor)
    if row.state == DONE:
        followup_ops.change_status(
            followup, actor, FollowUpStatus.DONE, row.completed_on, _("Ya cumplido al informar")
        )
    return followup


def _update(followup: FollowUp, row: ItemRow, actor: User | None, today: date) -> bool:
    """Apply the row to its follow-up; True when anything changed."""
    _check_completion(row, today)
    title, description = title_and_description(row.text)
    values = {
        "title": title,
        "owner": row.owner,
        "organization": row.organization,
        "priority": row.priority,
        "is_muted": row.state == MUTED,
    }
    if description is not None or _was_cut(followup):
        note = _note(followup)
        values["description"] = f"{description or title}\n\n{note}" if note else description
    changed = False
    if not followup.is_open and row.state != DONE:
        # Reopened from the form ("pendiente" again): before any date change, which needs it open.
        followup_ops.change_status(followup, actor, FollowUpStatus.OPEN, today)
        changed = True
    diff = apply_changes(followup, values)
    if diff:
        _event(followup, actor, "updated", diff)
        user_notices.followup_changed(followup, actor, diff)
        changed = True
    if row.due_on is not None and row.due_on != followup.due_on:
        if not followup.is_open:
            raise OperationError(
                _("«%(t)s» está cumplido: márquelo pendiente para cambiar su fecha.", t=title[:60])
            )
        followup_ops.reschedule(followup, actor, row.due_on, _("Corregido en el informe"))
        changed = True
    if row.state == DONE and followup.is_open:
        followup_ops.change_status(followup, actor, FollowUpStatus.DONE, row.completed_on)
        changed = True
    elif row.state == DONE and followup.completed_on != row.completed_on:
        _event(
            followup,
            actor,
            "updated",
            {"completed_on": [as_text(followup.completed_on), as_text(row.completed_on)]},
        )
        followup.completed_on = row.completed_on
        changed = True
    db.session.flush()
    return changed


def _was_cut(followup: FollowUp) -> bool:
    """Whether the title is a cut row text whose whole lives in the description."""
    return followup.description is not None and followup.title.endswith("…")


def row_text(followup: FollowUp) -> str:
    """What the form's row shows: the whole text the author wrote (a row's text has no blank
    line, so what follows one in the description is a note, not part of the text)."""
    return followup.description.split("\n\n")[0] if _was_cut(followup) else followup.title


def _note(followup: FollowUp) -> str | None:
    """The note kept after the cut text (see row_text), so that an edit does not drop it."""
    if not _was_cut(followup) or "\n\n" not in followup.description:
        return None
    return followup.description.split("\n\n", 1)[1]


def _remove(followup: FollowUp, actor: User | None, today: date) -> None:
    """Cancel an open row's follow-up (kept with its history); a closed one goes to the trash."""
    reason = _("Quitado del informe")
    if followup.is_open:
        followup_ops.change_status(followup, actor, FollowUpStatus.CANCELLED, today, reason)
    else:
        followup_ops.delete_followup(followup, actor, reason)


def _event(followup: FollowUp, actor: User | None, action: str, changes: dict) -> None:
    followup.events.append(FollowUpEvent(actor=actor, action=action, changes=changes))
