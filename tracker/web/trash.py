"""The trash: what was deleted, and its restore button (coordination only)."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker import permissions
from tracker.extensions import db
from tracker.forms.followups import ConfirmForm
from tracker.models import (
    Activity,
    FollowUp,
    Organization,
    ParticipationReport,
    Person,
    Project,
)
from tracker.operations.followups import restore_followup
from tracker.operations.records import restore_record
from tracker.web.helpers import require

bp = Blueprint("trash", __name__, url_prefix="/papelera")

#: kind in the URL → (model, heading, how the record is shown, its page)
KINDS = {
    "seguimientos": (FollowUp, _l("Seguimientos"), "followups.show", "followup_id"),
    "actividades": (Activity, _l("Actividades"), "activities.show", "activity_id"),
    "informes": (ParticipationReport, _l("Informes"), "reports.show", "report_id"),
    "proyectos": (Project, _l("Proyectos"), "projects.show", "project_id"),
    "instituciones": (Organization, _l("Instituciones"), "organizations.show", "organization_id"),
    "personas": (Person, _l("Personas"), "people.show", "person_id"),
}
SHOWN = 100


@bp.before_request
@login_required
def coordination_only():
    require(permissions.can_edit_everything(current_user))


@bp.get("/")
def index():
    """The most recently deleted records of each kind."""
    sections = []
    for kind, (model, heading, endpoint, arg) in KINDS.items():
        query = select(model).where(model.deleted_at.is_not(None))
        if model is ParticipationReport:  # shown as "person — activity"
            query = query.options(
                joinedload(ParticipationReport.person), joinedload(ParticipationReport.activity)
            )
        records = db.session.scalars(query.order_by(model.deleted_at.desc()).limit(SHOWN)).all()
        sections.append((kind, heading, endpoint, arg, records))
    return render_template("trash.html", sections=sections, form=ConfirmForm(formdata=None))


@bp.post("/<kind>/<int:record_id>/restaurar")
def restore(kind: str, record_id: int):
    """Undo a delete; the history records who restored it."""
    if kind not in KINDS:
        abort(404)
    model = KINDS[kind][0]
    record = db.session.get(model, record_id)
    if record is None or record.deleted_at is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if isinstance(record, FollowUp):
        restore_followup(record, current_user)
    else:
        restore_record(record, current_user)
    db.session.commit()
    flash(_("Restaurado."), "success")
    return redirect(url_for(".index"))
