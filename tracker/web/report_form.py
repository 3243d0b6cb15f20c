"""Writing a participation report: the whole form (by its author, by coordination, or through
a private link without an account), starting a new report, and the private links."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker import permissions
from tracker.clock import local_today
from tracker.extensions import db
from tracker.forms.common import fill_record_choices
from tracker.forms.followups import ConfirmForm
from tracker.forms.report_form import NewReportForm
from tracker.models import Activity, ParticipationReport, ReportLink
from tracker.models.enums import ReportStatus
from tracker.operations.report_content import save_report_content
from tracker.operations.report_links import (
    find_report_link,
    issue_report_link,
    revoke_report_link,
)
from tracker.operations.report_notices import mail_report_link
from tracker.operations.report_start import may_start_report_for, start_report
from tracker.web import report_form_data as data
from tracker.web.helpers import commit_or_refuse, get_live_or_404, require
from tracker.web.reports import load_report

bp = Blueprint("report_form", __name__)


@bp.route("/informes/<int:report_id>/editar", methods=["GET", "POST"])
@login_required
def edit(report_id: int):
    """The whole form, section by section, for its author or coordination."""
    report = load_report(report_id)
    require(permissions.can_edit_report(current_user, report))
    if report.status == ReportStatus.APPROVED:
        flash(_("Un informe aprobado ya no se edita."), "info")
        return redirect(url_for("reports.show", report_id=report_id))
    coordination = permissions.can_edit_everything(current_user)
    return _form_view(
        report,
        actor=current_user,
        edits_person=coordination,
        action=url_for(".edit", report_id=report_id),
        done=url_for("reports.show", report_id=report_id),
    )


@bp.route("/informe-privado/<int:report_id>/<secret>", methods=["GET", "POST"])
def private(report_id: int, secret: str):
    """The same form through a private link: no account, this one report, until approved."""
    link = find_report_link(secret, report_id)
    if link is None:
        abort(
            404,
            _("Este enlace no existe, venció o fue revocado; pida uno nuevo a la coordinación."),
        )
    db.session.commit()  # last_used_at
    action = url_for(".private", report_id=report_id, secret=secret)
    return _form_view(link.report, actor=None, edits_person=False, action=action, done=action)


def _form_view(report: ParticipationReport, *, actor, edits_person: bool, action: str, done: str):
    via_link = actor is None
    form, context = data.build_form(report, edits_person=edits_person, via_link=via_link)
    if not form.is_submitted():
        return _render(report, form, context, action, via_link)
    grow = form.wants_another_row
    if grow:
        data.add_spare_row(form, grow, report, via_link)
        return _render(report, form, context, action, via_link)
    saved = {}
    if form.validate() and commit_or_refuse(
        form,
        lambda: saved.setdefault(
            "result",
            save_report_content(
                report,
                actor,
                local_today(),
                fields={name: form[name].data or None for name in form.TEXT_FIELDS},
                rows=data.rows_from(form),
                observations=data.observations_from(form),
                person_values=data.person_values_from(form),
                uploads=data.uploads_from(form),
                attachment_changes=data.attachment_changes_from(form),
                submit=bool(form.save_and_submit.data),
            ),
        ),
    ):
        result = saved["result"]
        for path in result.files_to_delete:
            path.unlink(missing_ok=True)
        flash(_("Informe entregado.") if result.submitted else _("Informe guardado."), "success")
        return redirect(done)
    return _render(report, form, context, action, via_link, 400)


def _render(report, form, context, action, via_link, code=200):
    return render_template(
        "reports/form.html",
        report=report,
        form=form,
        context=context,
        action=action,
        via_link=via_link,
        can_submit=report.status in (ReportStatus.PENDING, ReportStatus.RETURNED),
    ), code


@bp.route("/informes/nuevo", methods=["GET", "POST"])
@login_required
def new():
    """ "Nuevo informe": choose an activity or give a new one's basic data, then write."""
    require(may_start_report_for(current_user, current_user.person))
    form = NewReportForm()
    fill_record_choices(form)
    if not _coordination():
        del form.person
    if form.validate_on_submit():
        person = form.person.record if "person" in form and form.person.data else None
        person = person or current_user.person
        new_activity = None
        if (form.name.data or "").strip():
            new_activity = {
                "name": form.name.data.strip(),
                "kind": form.kind.data,
                "modality": form.modality.data,
                "start_on": form.start_on.data,
                "end_on": form.end_on.data,
                "place": form.place.data or None,
            }
        activity = form.activity.record if new_activity is None else None
        saved = {}
        if commit_or_refuse(
            form,
            lambda: saved.setdefault(
                "report", start_report(current_user, person, activity, new_activity)[0]
            ),
        ):
            return redirect(url_for(".edit", report_id=saved["report"].id))
    code = 400 if form.is_submitted() else 200
    return render_template("reports/new.html", form=form), code


def _coordination() -> bool:
    return permissions.can_edit_everything(current_user)


@bp.post("/actividades/<int:activity_id>/mi-informe")
@login_required
def write_mine(activity_id: int):
    """ "Escribir mi informe" on an activity's page: her report there, created if new."""
    activity = get_live_or_404(Activity, activity_id)
    require(may_start_report_for(current_user, current_user.person))
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    saved = {}
    if not commit_or_refuse(
        form,
        lambda: saved.setdefault(
            "report", start_report(current_user, current_user.person, activity)[0]
        ),
    ):
        flash(" ".join(form.form_errors) or _("No se pudo abrir el informe."), "error")
        return redirect(url_for("activities.show", activity_id=activity_id))
    return redirect(url_for(".edit", report_id=saved["report"].id))


@bp.post("/informes/<int:report_id>/enlace")
@login_required
def create_link(report_id: int):
    """Coordination creates the private link for a participant without an account: shown on
    this page only (it is not stored) and, when she has an email, sent to her by mail."""
    require(_coordination())
    report = load_report(report_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    issued = {}

    def issue():
        issued["pair"] = issue_report_link(report, current_user)
        issued["mailed_to"] = mail_report_link(report, current_user)

    if not commit_or_refuse(form, issue):
        flash(" ".join(form.form_errors), "error")
        return redirect(url_for("reports.show", report_id=report_id))
    link, secret = issued["pair"]
    url = url_for(".private", report_id=report_id, secret=secret, _external=True)
    response = render_template(
        "reports/link_created.html",
        report=report,
        link=link,
        url=url,
        mailed_to=issued["mailed_to"],
    )
    # The secret is on this page only: no cache may keep it.
    return response, 200, {"Cache-Control": "no-store"}


@bp.post("/informes/<int:report_id>/enlace/<int:link_id>/revocar")
@login_required
def revoke_link(report_id: int, link_id: int):
    """Stop a private link from working."""
    require(_coordination())
    link = db.session.get(ReportLink, link_id)
    if link is None or link.report_id != report_id:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit() and commit_or_refuse(
        form, lambda: revoke_report_link(link, current_user)
    ):
        flash(_("Enlace revocado: ya no abre el informe."), "success")
    return redirect(url_for("reports.show", report_id=report_id))
