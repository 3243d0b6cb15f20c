"""Importing forms from the browser: upload → editable preview → save; original downloads.

A file is read once, at upload, within the IMPORT_* bounds; the preview and the save are built
from what was read (kept in Attachment.parsed), never by reading the file again.
"""

from dataclasses import dataclass, field

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker import permissions
from tracker.extensions import db
from tracker.forms.followups import ConfirmForm
from tracker.forms.imports import SPARE_ROW, UploadForm, preview_form_for
from tracker.importers import ImportFormatError, ParsedReport
from tracker.models import Attachment
from tracker.operations.attachments import discard_attachment, upload_path
from tracker.operations.errors import OperationError
from tracker.operations.import_followups import unknown_responsible_warning
from tracker.operations.imports import import_project, import_report, read_items
from tracker.operations.upload_parsing import (
    import_deadline,
    keep_pending_upload,
    parse_file,
    read_pending_upload,
)
from tracker.web.helpers import require
from tracker.web.row_choices import fill_row_choices

bp = Blueprint("imports", __name__)


def _pending_uploads() -> list[Attachment]:
    """This user's uploads that wait for their preview to be saved."""
    return db.session.scalars(
        select(Attachment)
        .where(
            Attachment.uploaded_by_id == current_user.id,
            Attachment.report_id.is_(None),
            Attachment.project_id.is_(None),
        )
        .order_by(Attachment.id)
    ).all()


def _preview(attachment: Attachment, form=None) -> dict:
    try:
        parsed = read_pending_upload(attachment)
    except (ImportFormatError, OSError) as error:
        # Only an upload kept before parse results were stored is read here, once; if that
        # fails (file gone, or past a bound), say so and offer only to discard it.
        message = getattr(error, "message", None) or _("El archivo ya no se puede leer.")
        return {"attachment": attachment, "error": message}
    is_report = isinstance(parsed, ParsedReport)
    warnings = list(parsed.warnings)
    if form is None:
        rows = None
        if is_report:
            rows = read_items(parsed)
            warnings += [
                unknown_responsible_warning(row.text, row.stated_responsible)
                for row in rows
                if row.stated_responsible
            ]
        form = preview_form_for(parsed, f"a{attachment.id}-", rows=rows)
    missing = {form.MISSING_FIELDS[key] for key in parsed.missing if key in form.MISSING_FIELDS}
    return {
        "attachment": attachment,
        "parsed": parsed,
        "warnings": warnings,
        "form": form,
        "missing": missing,
        "is_report": is_report,
        "rows": RowsContext(
            without_email=fill_row_choices(form),
            owner_default=parsed.person.name if is_report else None,
        ),
    }


@dataclass
class RowsContext:
    """What the commitment rows of a preview show beside their fields (see _item_rows.html)."""

    without_email: set[int]
    owner_default: str | None
    followups: dict = field(default_factory=dict)


def _render(upload_form=None, failures=(), replaced=None, code=200):
    previews = []
    for attachment in _pending_uploads():
        form = replaced["form"] if replaced and replaced["id"] == attachment.id else None
        previews.append(_preview(attachment, form))
    return render_template(
        "imports/index.html",
        upload_form=upload_form or UploadForm(formdata=None),
        previews=previews,
        failures=failures,
        discard_form=ConfirmForm(formdata=None),
    ), code


@bp.get("/importar")
@login_required
def index():
    """The upload form and the previews waiting to be saved."""
    require(permissions.can_edit_everything(current_user))
    page = _render()
    db.session.commit()  # what an older pending upload read, kept for the next page
    return page


@bp.post("/importar")
@login_required
def upload():
    """Keep each readable file as a pending upload; say which ones could not be read."""
    require(permissions.can_edit_everything(current_user))
    form = UploadForm()
    if not form.validate_on_submit():
        return _render(form, code=400)
    failures = []
    # One deadline for the request: many small slow files cannot add up to a long request.
    deadline = import_deadline()
    for storage in request.files.getlist(form.files.name):
        data = storage.read()
        try:
            parsed = parse_file(data, storage.filename or "", deadline)
        except ImportFormatError as error:
            failures.append((storage.filename, error.message))
            continue
        keep_pending_upload(data, storage.filename or "documento", current_user, parsed)
    db.session.commit()
    if failures:
        return _render(failures=failures, code=400)
    flash(_("Revise los datos leídos y guárdelos."), "info")
    return redirect(url_for(".index"))


def _own_pending(attachment_id: int) -> Attachment:
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.report_id or attachment.project_id:
        abort(404)
    if attachment.uploaded_by_id != current_user.id:
        abort(403)
    return attachment


@bp.post("/importar/<int:attachment_id>")
@login_required
def save(attachment_id: int):
    """Save one previewed form as corrected by the user."""
    require(permissions.can_edit_everything(current_user))
    attachment = _own_pending(attachment_id)
    try:
        parsed = read_pending_upload(attachment)
    except (ImportFormatError, OSError):
        page = _render(code=400)
        db.session.commit()  # the refusal is kept, so the file is not read again
        return page
    form = preview_form_for(parsed, f"a{attachment.id}-", request.form)
    replaced = {"id": attachment.id, "form": form}
    grow = getattr(form, "wants_another_row", None)
    if grow:
        # "Añadir compromiso": one more blank row, what was typed kept, nothing saved.
        form[grow].append_entry(SPARE_ROW)
        return _render(replaced=replaced)
    fill_row_choices(form)
    if not form.validate():
        return _render(replaced=replaced, code=400)
    corrected = form.to_parsed()
    try:
        if isinstance(corrected, ParsedReport):
            result = import_report(corrected, current_user, attachment, rows=form.item_rows())
            target = url_for("reports.show", report_id=result.record.id)
        else:
            result = import_project(corrected, current_user, attachment, lead=form.lead.record)
            target = url_for("projects.show", project_id=result.record.id)
    except OperationError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _render(replaced=replaced, code=400)
    db.session.commit()
    for warning in result.warnings:
        flash(warning, "warning")
    if result.changed_anything:
        count = len(result.created)
        flash(
            ngettext(
                "Importado: %(num)d elemento nuevo.", "Importado: %(num)d elementos nuevos.", count
            ),
            "success",
        )
    else:
        flash(_("Este formulario ya estaba importado; no se creó nada nuevo."), "info")
    return redirect(target)


@bp.post("/importar/<int:attachment_id>/descartar")
@login_required
def discard(attachment_id: int):
    """Drop an upload without importing it."""
    require(permissions.can_edit_everything(current_user))
    discard_attachment(_own_pending(attachment_id))
    db.session.commit()
    flash(_("Archivo descartado."), "info")
    return redirect(url_for(".index"))


@bp.get("/adjuntos/<int:attachment_id>")
@login_required
def download(attachment_id: int):
    """The original document, always as a download (never rendered inline)."""
    attachment = db.session.get(Attachment, attachment_id)
    # A document of a record in the trash goes with it: gone until the record is restored.
    if attachment is None or not permissions.can_download_attachment(attachment):
        abort(404)
    if not (attachment.report_id or attachment.project_id):
        attachment = _own_pending(attachment_id)
    if not upload_path(attachment).is_file():
        abort(404, _("El archivo original no está en el servidor; avise a la coordinación."))
    return send_file(
        upload_path(attachment),
        mimetype=attachment.content_type,
        as_attachment=True,
        download_name=attachment.filename,
    )
