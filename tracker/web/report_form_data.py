"""Between the report form and the operations: what the form shows for a report, and what a
submitted form asks the operations to do."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import request

from tracker.forms.report_form import (
    STATE_DONE,
    STATE_MUTED,
    STATE_OPEN,
    ReportContentForm,
    item_rows,
)
from tracker.models import Attachment, FollowUp, ParticipationReport
from tracker.models.enums import AttachmentKind, FollowUpStatus, Priority
from tracker.operations.report_content import AttachmentChange, Upload, report_observations
from tracker.operations.report_items import ITEM_LISTS, ItemRow, report_items, row_text
from tracker.web.row_choices import fill_row_choices

PERSON_FIELDS = {"person_name": "name", "person_position": "position", "person_unit": "unit"}


@dataclass
class FormContext:
    """What the template needs beside the form: the follow-ups and documents its rows stand
    for, and who of the selectable people cannot be reminded."""

    followups: dict[int, FollowUp] = field(default_factory=dict)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    without_email: set[int] = field(default_factory=set)


def blank_row(report: ParticipationReport) -> dict:
    """A spare row: owned by the participant, on behalf of her institution."""
    return {
        "owner": report.person_id,
        "organization": report.person.organization_id,
        "priority": Priority.NORMAL.value,
        "state": STATE_OPEN,
    }


def _row(followup: FollowUp) -> dict:
    if followup.status == FollowUpStatus.DONE:
        state = STATE_DONE
    elif followup.is_muted:
        state = STATE_MUTED
    else:
        state = STATE_OPEN
    return {
        "followup_id": followup.id,
        "text": row_text(followup),
        "owner": followup.owner_id,
        "organization": followup.organization_id,
        "due_on": followup.due_on,
        "priority": followup.priority.value,
        "state": state,
        "completed_on": followup.completed_on,
    }


def initial_data(report: ParticipationReport, items: list[FollowUp]) -> dict:
    data = {name: getattr(report, name) for name in ReportContentForm.TEXT_FIELDS}
    data.update({f: getattr(report.person, attr) for f, attr in PERSON_FIELDS.items()})
    for list_name, kind in ITEM_LISTS.items():
        data[list_name] = [_row(f) for f in items if f.kind == kind] + [blank_row(report)]
    data["observations"] = "\n".join(note.text for note in report_observations(report))
    data["attachments"] = [
        {"attachment_id": a.id, "kind": (a.kind or AttachmentKind.OTHER).value}
        for a in report.attachments
    ]
    return data


def build_form(
    report: ParticipationReport, *, edits_person: bool, via_link: bool
) -> tuple[ReportContentForm, FormContext]:
    """The form for this report: from the request when posted, else from the stored report."""
    items = report_items(report)
    if request.method == "POST":
        form = ReportContentForm()
    else:
        form = ReportContentForm(formdata=None, data=initial_data(report, items))
    if not edits_person:
        for name in PERSON_FIELDS:
            del form[name]
    context = FormContext(
        followups={f.id: f for f in items},
        attachments={a.id: a for a in report.attachments},
    )
    fill_choices(form, report, items, via_link, context)
    return form, context


def fill_choices(form, report, items, via_link: bool, context: FormContext) -> None:
    """Options for every row's selects, one query per model whatever the number of rows.

    Through a private link (no account) the owner list holds only the participant and the
    people already named on this report: the institution's directory is not shown to a link.
    """
    ids = {report.person_id, *(f.owner_id for f in items if f.owner_id)} if via_link else None
    context.without_email = fill_row_choices(form, ids)


def add_spare_row(
    form: ReportContentForm, list_name: str, report: ParticipationReport, via_link: bool
) -> None:
    """ "Añadir": one more blank row, with what was typed kept as it was."""
    form[list_name].append_entry(blank_row(report))
    fill_choices(form, report, report_items(report), via_link, FormContext())


def rows_from(form: ReportContentForm) -> list[ItemRow]:
    return item_rows(form, ITEM_LISTS)


def observations_from(form: ReportContentForm) -> list[str]:
    return [line.strip(" \t•·-") for line in (form.observations.data or "").splitlines()]


def uploads_from(form: ReportContentForm) -> list[Upload]:
    kind = AttachmentKind(form.new_kind.data)
    return [
        Upload(storage.read(), storage.filename, kind)
        for storage in request.files.getlist(form.new_files.name)
        if storage and storage.filename
    ]


def attachment_changes_from(form: ReportContentForm) -> list[AttachmentChange]:
    return [
        AttachmentChange(
            entry.form.attachment_id.data,
            AttachmentKind(entry.form.kind.data),
            entry.form.remove.data,
        )
        for entry in form.attachments
        if entry.form.attachment_id.data is not None
    ]


def person_values_from(form: ReportContentForm) -> dict | None:
    if "person_name" not in form:
        return None
    return {attr: (form[name].data or "").strip() or None for name, attr in PERSON_FIELDS.items()}
