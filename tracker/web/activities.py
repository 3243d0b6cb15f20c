"""Activities: list, page with participants and handover notes, create, edit, participants."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload, selectinload
from wtforms import SelectChoice

from tracker import permissions
from tracker.clock import local_today
from tracker.extensions import db
from tracker.forms.common import fill_record_choices
from tracker.forms.filters import ActivityFilterForm
from tracker.forms.records import ActivityForm, ParticipantForm
from tracker.models import Activity, ActivitySeries, Organization, ParticipationReport
from tracker.models.activity import activity_organizers
from tracker.operations import activities as ops
from tracker.operations.reports import add_participant
from tracker.queries.followups import followup_query, with_list_columns
from tracker.queries.record_lists import activity_list
from tracker.web.crud import delete_view
from tracker.web.helpers import commit_or_refuse, get_live_or_404, paginate, require

bp = Blueprint("activities", __name__, url_prefix="/actividades")
FIELDS = ("name", "kind", "modality", "start_on", "end_on", "place", "description")


@bp.get("/")
@login_required
def index():
    """Activities, newest first, with search and filters."""
    form = ActivityFilterForm(request.args)
    fill_record_choices(form)
    query = activity_list({})
    code = 200
    if request.args and not form.validate():
        code = 400
    elif request.args:
        query = activity_list({"q": form.q.data})
        if form.kind.data:
            query = query.where(Activity.kind == form.kind.data)
        if form.organization.data is not None:
            query = query.where(
                exists().where(
                    activity_organizers.c.activity_id == Activity.id,
                    activity_organizers.c.organization_id == form.organization.data,
                )
            )
        if form.date_from.data:
            query = query.where(Activity.end_on >= form.date_from.data)
        if form.date_to.data:
            query = query.where(Activity.start_on <= form.date_to.data)
    query = query.options(joinedload(Activity.series), selectinload(Activity.organizers))
    return render_template("activities/index.html", form=form, page=paginate(query)), code


@bp.get("/<int:activity_id>")
@login_required
def show(activity_id: int):
    """An activity, its participants and their reports, its follow-ups and the series' notes."""
    return _render_show(activity_id)


def _render_show(activity_id: int, participant_form=None, code: int = 200):
    activity = get_live_or_404(
        Activity,
        activity_id,
        selectinload(Activity.organizers),
        selectinload(Activity.reports).joinedload(ParticipationReport.person),
        joinedload(Activity.series).selectinload(ActivitySeries.notes),
    )
    followups = paginate(
        with_list_columns(followup_query({"activity": activity_id, "status": "all"}, local_today()))
    )
    if participant_form is None:
        participant_form = ParticipantForm(formdata=None)
        fill_record_choices(participant_form)
    return render_template(
        "activities/show.html",
        activity=activity,
        followups=followups,
        participant_form=participant_form,
    ), code


@bp.route("/nueva", methods=["GET", "POST"])
@bp.route("/<int:activity_id>/editar", methods=["GET", "POST"])
@login_required
def edit(activity_id: int | None = None):
    """Create or edit an activity (coordination)."""
    require(permissions.can_edit_everything(current_user))
    activity = get_live_or_404(Activity, activity_id) if activity_id else None
    form = ActivityForm(obj=activity)
    form.organizers.choices = [
        SelectChoice(org_id, name)
        for org_id, name in db.session.execute(
            select(Organization.id, Organization.name)
            .where(Organization.deleted_at.is_(None))
            .order_by(Organization.name)
        )
    ]
    if activity and not form.is_submitted():
        form.organizers.data = [org.id for org in activity.organizers]
        form.series_name.data = activity.series.name if activity.series else ""
    if form.validate_on_submit():
        values = {name: form[name].data for name in FIELDS}
        organizers = db.session.scalars(
            select(Organization).where(Organization.id.in_(form.organizers.data or []))
        ).all()
        saved = {}

        def save():
            if activity is None:
                saved["activity"] = ops.create_activity(
                    current_user, series_name=form.series_name.data, organizers=organizers, **values
                )
            else:
                ops.update_activity(
                    activity,
                    current_user,
                    series_name=form.series_name.data,
                    organizers=organizers,
                    **values,
                )
                saved["activity"] = activity

        if commit_or_refuse(form, save):
            flash(_("Actividad guardada."), "success")
            return redirect(url_for(".show", activity_id=saved["activity"].id))
    code = 400 if form.is_submitted() else 200
    return render_template("activities/form.html", form=form, activity=activity), code


@bp.post("/<int:activity_id>/participantes")
@login_required
def add_participant_view(activity_id: int):
    """Register a participant; their participation report is created, pending."""
    require(permissions.can_edit_everything(current_user))
    activity = get_live_or_404(Activity, activity_id)
    form = ParticipantForm()
    fill_record_choices(form)
    if form.validate_on_submit() and commit_or_refuse(
        form,
        lambda: add_participant(activity, form.person.record, current_user, form.role.data or None),
    ):
        flash(_("Participante registrado; su informe queda pendiente."), "success")
        return redirect(url_for(".show", activity_id=activity_id))
    return _render_show(activity_id, form, 400)


@bp.route("/<int:activity_id>/eliminar", methods=["GET", "POST"])
@login_required
def delete(activity_id: int):
    """Ask, then soft-delete the activity."""
    require(permissions.can_edit_everything(current_user))
    activity = get_live_or_404(Activity, activity_id)
    return delete_view(activity, ".index", url_for(".show", activity_id=activity_id))
