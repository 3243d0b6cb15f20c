"""Saving the whole participation report form in one go: its text sections, the participant's
data (coordination), its commitment and action rows, the observations for the next
representative and its documents — and, when asked, handing it in.

Everything is validated before a file is written, and the caller commits once, so a refused
save leaves nothing behind. The returned ReportSave says what changed, for the flash message
and for whoever hooks notifications onto a save or a submission.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import select

from tracker import permissions
from tracker.extensions import db
from tracker.models import Attachment, HandoverNote, ParticipationReport, User
from tracker.models.enums import AttachmentKind, ReportStatus
from tracker.operations import reports as report_ops
from tracker.operations.activities import series_named
from tracker.operations.attachments import store_attachment, upload_path
from tracker.operations.errors import OperationError, PermissionDenied
from tracker.operations.history import record_audit
from tracker.operations.records import update_record
from tracker.operations.report_items import ItemChanges, ItemRow, save_items

#: Sentences of one observation; one per line in the form.
OBSERVATION_MAX = 5000


@dataclass
class Upload:
    """A file sent with the form: its bytes, the name it had, and what kind of document it is."""

    data: bytes
    filename: str
    kind: AttachmentKind


@dataclass
class AttachmentChange:
    attachment_id: int
    kind: AttachmentKind
    remove: bool = False


@dataclass
class ReportSave:
    """What one save did."""

    report: ParticipationReport
    fields: dict = field(default_factory=dict)
    person: dict = field(default_factory=dict)
    items: ItemChanges = field(default_factory=ItemChanges)
    notes_added: list[HandoverNote] = field(default_factory=list)
    notes_removed: list[str] = field(default_factory=list)
    attachments_added: list[Attachment] = field(default_factory=list)
    attachments_removed: list[str] = field(default_factory=list)
    submitted: bool = False
    #: Files of removed documents: the caller deletes them once the change is committed.
    files_to_delete: list[Path] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.fields
            or self.person
            or self.items
            or self.notes_added
            or self.notes_removed
            or self.attachments_added
            or self.attachments_removed
            or self.submitted
        )


def save_report_content(
    report: ParticipationReport,
    actor: User | None,
    today: date,
    *,
    fields: dict,
    rows: list[ItemRow],
    observations: list[str],
    person_values: dict | None = None,
    uploads: list[Upload] = (),
    attachment_changes: list[AttachmentChange] = (),
    submit: bool = False,
) -> ReportSave:
    """Save every section of the form; `actor` None is the participant's private link.

    The caller has already decided that the actor (or the link) may write this report.
    """
    if actor is not None and not permissions.can_edit_report(actor, report):
        raise PermissionDenied(_("Solo su autora o la coordinación editan este informe."))
    if report.status == ReportStatus.APPROVED:
        raise OperationError(_("Un informe aprobado ya no se edita."))
    if submit and report.status not in (ReportStatus.PENDING, ReportStatus.RETURNED):
        raise OperationError(_("Este informe ya fue entregado."), "status")
    _check_uploads(uploads)
    result = ReportSave(report)
    if person_values:
        if actor is None or not permissions.can_edit_everything(actor):
            raise PermissionDenied(_("Solo la coordinación cambia los datos de la persona."))
        result.person = update_record(report.person, actor, **person_values)
    result.fields = report_ops.update_report(report, actor, **fields)
    result.items = save_items(report, rows, actor, today)
    _save_observations(report, observations, actor, result)
    _change_attachments(report, attachment_changes, actor, result)
    # Files last: every check above has passed, so a refusal never leaves a stray upload.
    _store_uploads(report, uploads, actor, result)
    if submit:
        report_ops.submit_report(report, actor)
        result.submitted = True
    db.session.flush()
    return result


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def report_observations(report: ParticipationReport) -> list[HandoverNote]:
    """The observations this report left for the next representative (its own only)."""
    return list(
        db.session.scalars(
            select(HandoverNote)
            .where(HandoverNote.report_id == report.id)
            .order_by(HandoverNote.id)
        )
    )


def _save_observations(report, observations: list[str], actor, result: ReportSave) -> None:
    """One HandoverNote per line, on the activity's series (created from the activity's name
    when it has none, so the notes reach the next edition of the same activity)."""
    wanted: dict[str, str] = {}
    for line in observations:
        text = line.strip()
        if text:
            if len(text) > OBSERVATION_MAX:
                raise OperationError(
                    _("Cada observación admite hasta %(n)d caracteres.", n=OBSERVATION_MAX),
                    "observations",
                )
            wanted.setdefault(_key(text), text)
    current = report_observations(report)
    kept = set()
    for note in current:
        if _key(note.text) in wanted:
            kept.add(_key(note.text))
        else:
            result.notes_removed.append(note.text)
            db.session.delete(note)
    new = [text for key, text in wanted.items() if key not in kept]
    if new:
        activity = report.activity
        if activity.series is None:
            activity.series = series_named(activity.name[:200])
        for text in new:
            note = HandoverNote(series=activity.series, report=report, text=text)
            db.session.add(note)
            result.notes_added.append(note)
    if new or result.notes_removed:
        record_audit(
            report,
            actor,
            "updated",
            {"observations": ["\n".join(n.text for n in current), "\n".join(wanted.values())]},
        )


def _change_attachments(report, changes: list[AttachmentChange], actor, result) -> None:
    if not changes:
        return
    by_id = {a.id: a for a in db.session.scalars(select(Attachment).filter_by(report_id=report.id))}
    coordination = actor is not None and permissions.can_edit_everything(actor)
    for change in changes:
        attachment = by_id.get(change.attachment_id)
        if attachment is None:
            raise OperationError(_("Ese documento ya no está en el informe; recargue la página."))
        if attachment.kind == AttachmentKind.ORIGINAL_FORM and not coordination:
            if change.remove or change.kind != attachment.kind:
                raise PermissionDenied(_("Solo la coordinación cambia el formulario original."))
            continue
        if change.remove:
            result.attachments_removed.append(attachment.filename)
            record_audit(report, actor, "updated", {"attachment": [attachment.filename, None]})
            result.files_to_delete.append(upload_path(attachment))
            db.session.delete(attachment)
        elif change.kind != attachment.kind:
            record_audit(
                report,
                actor,
                "updated",
                {"attachment_kind": [_kind(attachment.kind), change.kind.value]},
                attachment.filename,
            )
            attachment.kind = change.kind


def _kind(kind: AttachmentKind | None) -> str | None:
    return kind.value if kind else None


def _check_uploads(uploads: list[Upload]) -> None:
    for upload in uploads:
        if not upload.data:
            raise OperationError(
                _("El archivo «%(name)s» está vacío.", name=upload.filename), "new_files"
            )


def _store_uploads(report, uploads: list[Upload], actor, result: ReportSave) -> None:
    try:
        for upload in uploads:
            attachment = store_attachment(upload.data, upload.filename, actor)
            attachment.report_id = report.id
            attachment.kind = upload.kind
            result.attachments_added.append(attachment)
            record_audit(report, actor, "updated", {"attachment": [None, attachment.filename]})
        db.session.flush()
    except Exception:
        # The request rolls back; the bytes already written must not stay behind unnamed.
        for attachment in result.attachments_added:
            upload_path(attachment).unlink(missing_ok=True)
        raise
