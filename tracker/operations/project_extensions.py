"""Approved extensions of a project's end: the date slip kept as data.

The original plan (planned_end_on) is never rewritten: an extension adds a row and moves the
approved end, so the project page can show both and count the extensions, and the overrun is
measured against what was approved. Undoing is for a mistake in the latest extension only:
undoing an earlier one would leave the later ones resting on an end that no longer holds.
"""

from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from tracker.extensions import db
from tracker.models import Project, ProjectExtension, User
from tracker.operations.errors import OperationError
from tracker.operations.history import as_text, record_audit


def record_extension(
    project: Project,
    actor: User | None,
    *,
    new_end_on: date,
    reason: str,
    approved_on: date,
    approved_by: str,
    today: date,
) -> ProjectExtension:
    """Add an approved extension and hold the project to its new end (flushes, never commits)."""
    reason, approved_by = (reason or "").strip(), (approved_by or "").strip()
    current_end = project.end_on
    if not reason:
        raise OperationError(_("Indique el motivo de la prórroga."), "reason")
    if not approved_by:
        raise OperationError(_("Indique quién la aprobó."), "approved_by")
    if approved_on > today:
        raise OperationError(
            _("La fecha de aprobación no puede ser posterior a hoy."), "approved_on"
        )
    if current_end is not None and new_end_on <= current_end:
        raise OperationError(
            _(
                "El nuevo fin debe ser posterior al fin vigente (%(end)s).",
                end=format_date(current_end, "long"),
            ),
            "new_end_on",
        )
    if project.planned_start_on is not None and new_end_on < project.planned_start_on:
        raise OperationError(_("El fin no puede ser anterior al inicio."), "new_end_on")
    extension = ProjectExtension(
        previous_end_on=current_end,
        new_end_on=new_end_on,
        reason=reason[:2000],
        approved_on=approved_on,
        approved_by=approved_by[:200],
        recorded_by=actor,
    )
    project.extensions.append(extension)
    old_count = project.extension_count or 0
    project.approved_end_on = new_end_on
    project.extension_count = old_count + 1
    record_audit(
        project,
        actor,
        "extended",
        {
            "approved_end_on": [as_text(current_end), as_text(new_end_on)],
            "extension_count": [str(old_count), str(old_count + 1)],
            "approved_on": [None, as_text(approved_on)],
            "approved_by": [None, extension.approved_by],
        },
        comment=extension.reason,
    )
    db.session.flush()
    return extension


def undo_extension(project: Project, actor: User | None, extension: ProjectExtension) -> None:
    """Remove the latest extension and go back to the end before it (recorded in history)."""
    if extension.project_id != project.id:
        raise OperationError(_("Esa prórroga no es de este proyecto."))
    latest = max(project.extensions, key=lambda row: row.id, default=None)
    if latest is None or latest.id != extension.id:
        raise OperationError(_("Solo puede deshacerse la última prórroga registrada."))
    remaining = [row for row in project.extensions if row.id != extension.id]
    restored = remaining[-1].new_end_on if remaining else None
    old_count = project.extension_count or 0
    old_end = project.approved_end_on
    project.extensions.remove(extension)
    project.approved_end_on = restored
    project.extension_count = max(0, old_count - 1)
    record_audit(
        project,
        actor,
        "extension_undone",
        {
            # The end the project is held to again (the original plan's once none is left).
            "approved_end_on": [as_text(old_end), as_text(project.end_on)],
            "extension_count": [str(old_count), str(project.extension_count)],
        },
        comment=extension.reason,
    )
    db.session.flush()
