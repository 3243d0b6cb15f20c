"""Follow-ups: the list with filters, the page with history, and every change to one."""

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from tracker import exports, permissions
from tracker.clock import local_today
from tracker.extensions import db
from tracker.forms.common import fill_record_choices
from tracker.forms.filters import FollowUpFilterForm
from tracker.forms.followups import (
    BULK_PREFIX,
    BulkForm,
    CommentForm,
    ConfirmForm,
    FollowUpForm,
    RescheduleForm,
    SavedViewForm,
    StatusForm,
)
from tracker.models import FollowUp, FollowUpEvent
from tracker.operations import followups as ops
from tracker.operations.errors import OperationError
from tracker.queries.followups import followup_query, with_list_columns
from tracker.web.capped_pages import capped_paginate
from tracker.web.helpers import attach_error, get_live_or_404, require
from tracker.web.notifications import reminders_for_followup

bp = Blueprint("followups", __name__, url_prefix="/seguimientos")

FORM_FIELDS = ("kind", "title", "description", "priority", "start_on")
RECORD_FIELDS = ("owner", "organization", "project", "activity")


@bp.get("/")
@login_required
def index():
    """The follow-up list, filtered by the query string."""
    form = FollowUpFilterForm(request.args)
    fill_record_choices(form)
    status = 200
    filters = {"status": "pending"}
    if not form.validate():
        status = 400
    else:
        filters = form.data
    query = followup_query(filters, local_today())
    page = capped_paginate(
        with_list_columns(query, only_open=filters["status"] == "pending", sort=filters.get("sort"))
    )
    bulk_form = None
    if permissions.can_create_followup(current_user):
        bulk_form = BulkForm(formdata=None, prefix=BULK_PREFIX)
        bulk_form.owner.share(form.owner)  # the people already read for the filter
    return render_template(
        "followups/index.html",
        form=form,
        page=page,
        bulk_form=bulk_form,
        view_form=SavedViewForm(formdata=None),
    ), status


def _filtered_query():
    """The list's filters from the query string, and its sort; a bad filter is a 400 with
    its message."""
    form = FollowUpFilterForm(request.args)
    fill_record_choices(form)
    if not form.validate():
        messages = "; ".join(
            f"{form[name].label.text}: {errors[0]}" for name, errors in form.errors.items()
        )
        abort(400, messages)
    return followup_query(form.data, local_today()), form.sort.data


@bp.get("/exportar.csv")
@login_required
def export_csv():
    """The filtered list as CSV, streamed; `;` or `,` as ?sep= asks, else as the language uses."""
    separator = exports.csv_separator(request.args.get("sep"))
    today = local_today()
    stream = stream_with_context(exports.csv_stream(*_filtered_query(), today, separator))
    return Response(
        stream,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="seguimientos-{today}.csv"'},
    )


@bp.get("/exportar.xlsx")
@login_required
def export_xlsx():
    """The filtered list as an Excel workbook, built in flat memory and streamed."""
    today = local_today()
    return Response(
        stream_with_context(exports.xlsx_stream(*_filtered_query(), today)),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="seguimientos-{today}.xlsx"'},
    )


def _load(followup_id: int) -> FollowUp:
    return get_live_or_404(
        FollowUp,
        followup_id,
        selectinload(FollowUp.events).joinedload(FollowUpEvent.actor),
    )


@bp.get("/<int:followup_id>")
@login_required
def show(followup_id: int):
    """A follow-up with its history, comments and the forms to act on it."""
    followup = _load(followup_id)
    return _render_show(followup)


def _render_show(followup, status_form=None, reschedule_form=None, comment_form=None, code=200):
    return (
        render_template(
            "followups/show.html",
            followup=followup,
            # The select starts at the current status, not at the first of the list.
            status_form=status_form or StatusForm(formdata=None, status=followup.status.value),
            reschedule_form=reschedule_form or RescheduleForm(formdata=None),
            comment_form=comment_form or CommentForm(formdata=None),
            delete_form=ConfirmForm(formdata=None),
            can_edit=permissions.can_edit_followup(current_user, followup),
            notifications=reminders_for_followup(followup.id),
        ),
        code,
    )


@bp.route("/nuevo", methods=["GET", "POST"])
@login_required
def new():
    """Create a follow-up (members create their own)."""
    require(permissions.can_create_followup(current_user))
    form = FollowUpForm(
        project=request.args.get("project", type=int),
        activity=request.args.get("activity", type=int),
        owner=current_user.person_id,
    )
    fill_record_choices(form)
    if form.validate_on_submit():
        values = {name: form[name].data for name in FORM_FIELDS}
        values.update({name: form[name].record for name in RECORD_FIELDS})
        if not permissions.can_edit_everything(current_user):
            values["owner"] = current_user.person
        try:
            followup = ops.create_followup(current_user, due_on=form.due_on.data, **values)
        except OperationError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Seguimiento creado."), "success")
            return redirect(url_for(".show", followup_id=followup.id))
    code = 400 if form.is_submitted() else 200
    return render_template("followups/form.html", form=form, followup=None), code


@bp.route("/<int:followup_id>/editar", methods=["GET", "POST"])
@login_required
def edit(followup_id: int):
    """Edit what a follow-up says; its due date moves only by rescheduling."""
    followup = _load(followup_id)
    require(permissions.can_edit_followup(current_user, followup))
    form = FollowUpForm(obj=followup)
    del form.due_on
    fill_record_choices(form)
    if request.method == "GET":
        for name in RECORD_FIELDS:
            form[name].data = getattr(followup, f"{name}_id")
        form.version.data = str(followup.version)
    conflict = False
    if form.validate_on_submit():
        if form.version.data != str(followup.version):
            conflict = True
        else:
            values = {name: form[name].data for name in FORM_FIELDS}
            values.update({name: form[name].record for name in RECORD_FIELDS})
            try:
                ops.update_followup(followup, current_user, **values)
                db.session.commit()
            except OperationError as error:
                db.session.rollback()
                attach_error(form, error)
            except StaleDataError:
                db.session.rollback()
                followup = _load(followup_id)
                conflict = True
            else:
                flash(_("Cambios guardados."), "success")
                return redirect(url_for(".show", followup_id=followup.id))
    if conflict:
        form.form_errors.append(_conflict_message(followup))
        # Saving again is now a deliberate overwrite of the change shown.
        form.version.data = str(followup.version)
    code = 200 if not form.is_submitted() else (409 if conflict else 400)
    return render_template(
        "followups/form.html",
        form=form,
        followup=followup,
        conflict_event=followup.events[-1] if conflict and followup.events else None,
    ), code


def _conflict_message(followup: FollowUp) -> str:
    last = followup.events[-1] if followup.events else None
    who = last.actor.person.name if last and last.actor else _("otra persona")
    return _(
        "Otra persona (%(who)s) modificó este seguimiento mientras usted lo editaba. "
        "Revise los datos actuales y vuelva a aplicar su cambio.",
        who=who,
    )


def _act(followup_id: int, form_class, action, success: str):
    """Shared shape of the small POST actions: load, check, validate, operate, commit, redirect."""
    followup = _load(followup_id)
    require(permissions.can_edit_followup(current_user, followup))
    form = form_class()
    if form.validate_on_submit():
        try:
            action(followup, form)
        except OperationError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(success, "success")
            return redirect(url_for(".show", followup_id=followup.id))
    key = {
        StatusForm: "status_form",
        RescheduleForm: "reschedule_form",
        CommentForm: "comment_form",
    }[form_class]
    return _render_show(_load(followup_id), code=400, **{key: form})


@bp.post("/<int:followup_id>/estado")
@login_required
def change_status(followup_id: int):
    """Move the follow-up to another status."""
    return _act(
        followup_id,
        StatusForm,
        lambda f, form: ops.change_status(
            f, current_user, form.status.data, local_today(), form.comment.data
        ),
        _("Estado actualizado."),
    )


@bp.post("/<int:followup_id>/reprogramar")
@login_required
def reschedule(followup_id: int):
    """Give the follow-up a new due date, with a reason."""
    return _act(
        followup_id,
        RescheduleForm,
        lambda f, form: ops.reschedule(f, current_user, form.due_on.data, form.reason.data),
        _("Fecha límite actualizada."),
    )


@bp.post("/<int:followup_id>/comentar")
@login_required
def comment(followup_id: int):
    """Add a comment to the history."""
    return _act(
        followup_id,
        CommentForm,
        lambda f, form: ops.add_comment(f, current_user, form.text.data),
        _("Comentario añadido."),
    )


@bp.route("/<int:followup_id>/eliminar", methods=["GET", "POST"])
@login_required
def delete(followup_id: int):
    """Ask, then soft-delete: the follow-up can be restored by a coordinator."""
    followup = _load(followup_id)
    require(permissions.can_edit_followup(current_user, followup))
    form = ConfirmForm()
    if form.validate_on_submit():
        ops.delete_followup(followup, current_user, form.reason.data)
        db.session.commit()
        flash(_("Seguimiento eliminado. La coordinación puede restaurarlo."), "success")
        return redirect(url_for(".index"))
    return render_template(
        "confirm_delete.html",
        form=form,
        record=followup,
        cancel=url_for(".show", followup_id=followup_id),
    )


@bp.post("/<int:followup_id>/restaurar")
@login_required
def restore(followup_id: int):
    """Undo a delete."""
    followup = _load(followup_id)
    require(permissions.can_edit_everything(current_user))
    if ConfirmForm().validate_on_submit():
        ops.restore_followup(followup, current_user)
        db.session.commit()
        flash(_("Seguimiento restaurado."), "success")
    return redirect(url_for(".show", followup_id=followup_id))
