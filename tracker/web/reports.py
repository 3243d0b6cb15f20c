"""Participation reports: list, page, print view and approval (the form: report_form.py)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from tracker import permissions
from tracker.clock import local_today
from tracker.extensions import db
from tracker.forms.common import fill_record_choices
from tracker.forms.filters import ReportFilterForm
from tracker.forms.followups import ConfirmForm
from tracker.forms.report_form import ATTACHMENT_KIND_LABELS
from tracker.models import Activity, ParticipationReport, Person, User
from tracker.operations import reports as ops
from tracker.operations.report_content import report_observations
from tracker.operations.report_links import active_links
from tracker.queries.followups import followup_query, search_clause, with_list_columns
from tracker.queries.history import history_of
from tracker.queries.reports import listed_reports, overdue_clause, status_clause
from tracker.web.crud import delete_view
from tracker.web.helpers import commit_or_refuse, get_live_or_404, paginate, require

bp = Blueprint("reports", __name__, url_prefix="/informes")


@bp.get("/")
@login_required
def index():
    """Reports with their state and due date; overdue ones can be singled out."""
    form = ReportFilterForm(request.args)
    fill_record_choices(form)
    query = listed_reports().join(ParticipationReport.person)
    code = 200
    if request.args and not form.validate():
        code = 400
    elif request.args:
        if form.q.data:
            query = query.where(search_clause(form.q.data, Activity.name, Person.name))
        if form.status.data:
            query = query.where(status_clause(form.status.data))
        if form.person.data is not None:
            query = query.where(ParticipationReport.person_id == form.person.data)
        if form.activity.data is not None:
            query = query.where(ParticipationReport.activity_id == form.activity.data)
        if form.overdue.data:
            query = query.where(overdue_clause(local_today()))
    query = query.options(
        joinedload(ParticipationReport.activity), joinedload(ParticipationReport.person)
    ).order_by(ParticipationReport.due_on.desc(), ParticipationReport.id.desc())
    return render_template("reports/index.html", form=form, page=paginate(query)), code


def load_report(report_id: int) -> ParticipationReport:
    """A live report or 404, with what its pages, form and documents show."""
    return get_live_or_404(
        ParticipationReport,
        report_id,
        joinedload(ParticipationReport.activity),
        joinedload(ParticipationReport.person).joinedload(Person.supervisor),
        joinedload(ParticipationReport.approved_by).joinedload(User.person),
    )


@bp.get("/<int:report_id>")
@login_required
def show(report_id: int):
    """The report as the form has it, its follow-ups, its history and the approval actions."""
    return _render_show(load_report(report_id))


def _render_show(report, action_form=None, code=200):
    followups = db.session.scalars(
        with_list_columns(followup_query({}, local_today()).filter_by(report_id=report.id))
    ).all()
    history = history_of(report)
    return render_template(
        "reports/show.html",
        report=report,
        followups=followups,
        events=history,
        observations=report_observations(report),
        links=active_links(report),
        attachment_kinds=ATTACHMENT_KIND_LABELS,
        action_form=action_form or ConfirmForm(formdata=None),
    ), code


@bp.get("/<int:report_id>/imprimir")
@login_required
def printable(report_id: int):
    """The report as the form has it, with its follow-ups and their current status, to print."""
    report = load_report(report_id)
    followups = db.session.scalars(
        with_list_columns(followup_query({}, local_today()).filter_by(report_id=report.id))
    ).all()
    # The author's own observations only (the series also holds other participants' notes).
    notes = report_observations(report)
    return render_template("reports/print.html", report=report, followups=followups, notes=notes)


def _transition(report_id: int, allowed, action, success: str):
    report = load_report(report_id)
    require(allowed(current_user, report))
    form = ConfirmForm()
    if form.validate_on_submit():
        if not commit_or_refuse(form, lambda: action(report, form)):
            return _render_show(load_report(report_id), form, 400)
        flash(success, "success")
    return redirect(url_for(".show", report_id=report_id))


@bp.post("/<int:report_id>/entregar")
@login_required
def submit(report_id: int):
    """Hand the report in."""
    return _transition(
        report_id,
        permissions.can_edit_report,
        lambda report, form: ops.submit_report(report, current_user),
        _("Informe entregado."),
    )


@bp.post("/<int:report_id>/aprobar")
@login_required
def approve(report_id: int):
    """Give the report its visto bueno."""
    return _transition(
        report_id,
        permissions.can_approve_report,
        lambda report, form: ops.approve_report(report, current_user),
        _("Informe aprobado."),
    )


@bp.post("/<int:report_id>/devolver")
@login_required
def send_back(report_id: int):
    """Return the report to its author with what to correct."""
    return _transition(
        report_id,
        permissions.can_approve_report,
        lambda report, form: ops.return_report(report, current_user, form.reason.data),
        _("Informe devuelto a su autor."),
    )


@bp.route("/<int:report_id>/eliminar", methods=["GET", "POST"])
@login_required
def delete(report_id: int):
    """Ask, then soft-delete the report (coordination; restorable from the trash)."""
    require(permissions.can_edit_everything(current_user))
    report = load_report(report_id)
    return delete_view(report, ".index", url_for(".show", report_id=report_id))
