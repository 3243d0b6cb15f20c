"""Reminders: the outbox and its delivery log, resending, and the one-click links of a mail."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectChoice, SelectField

from jobs import rules as R
from tracker import permissions
from tracker.clock import local_today
from tracker.extensions import db
from tracker.forms.filters import ANY, GetForm
from tracker.forms.followups import ConfirmForm
from tracker.models import ItemType, MailAction, Notification, NotificationStatus
from tracker.operations import notifications as ops
from tracker.operations.errors import OperationError
from tracker.web.helpers import paginate, require

bp = Blueprint("notifications", __name__, url_prefix="/avisos")

STATUS_LABELS = {
    NotificationStatus.PENDING: _l("Pendiente"),
    NotificationStatus.SENT: _l("Enviado"),
    NotificationStatus.FAILED: _l("Fallido"),
    NotificationStatus.SKIPPED: _l("Descartado"),
}
RULE_LABELS = {
    R.DUE_SOON: _l("Por vencer"),
    R.DUE_TODAY: _l("Vence hoy"),
    R.MILESTONE_SOON: _l("Hito próximo"),
    R.OVERDUE: _l("Vencido"),
    R.OVERDUE_SUPERVISOR: _l("Vencido, con copia a la jefatura"),
    R.OVERDUE_UNIT: _l("Vencido, con copia a la jefatura y a la unidad"),
    R.REPORT_DUE_SOON: _l("Informe por vencer"),
    R.REPORT_OVERDUE: _l("Informe vencido"),
    R.PROJECT_OVERRUN: _l("Proyecto pasado su fin previsto"),
    R.PROJECT_SHEET_STALE: _l("Ficha del proyecto sin actualizar"),
    R.REPORT_SUBMITTED: _l("Informe entregado: visto bueno solicitado"),
    R.REPORT_RETURNED: _l("Informe devuelto"),
    R.REPORT_APPROVED: _l("Informe aprobado"),
    R.REPORT_LINK: _l("Enlace privado del informe"),
    R.BRIEFING: _l("Lo que dejaron ediciones anteriores"),
}
#: Why a row was dropped before sending (stored in last_error of `skipped` rows).
SKIP_REASONS = {
    "closed": _l("Ya no estaba pendiente cuando iba a enviarse."),
    "moved": _l("Su fecha cambió antes del envío; se avisa según la nueva fecha."),
}
ITEM_ENDPOINTS = {
    ItemType.FOLLOWUP: ("followups.show", "followup_id"),
    ItemType.REPORT: ("reports.show", "report_id"),
    ItemType.PROJECT: ("projects.show", "project_id"),
}


class NotificationFilterForm(GetForm):
    status = SelectField(
        _l("Estado"),
        choices=ANY + [SelectChoice(s.value, label) for s, label in STATUS_LABELS.items()],
        default="",
    )


@bp.app_context_processor
def notification_helpers():
    return {
        "notification_labels": {
            "status": STATUS_LABELS,
            "rule": RULE_LABELS,
            "skip": SKIP_REASONS,
        },
        "notification_item_url": item_url,
    }


def item_url(notification: Notification) -> str:
    endpoint, key = ITEM_ENDPOINTS[notification.item_type]
    return url_for(endpoint, **{key: notification.item_id})


def visible_notifications(user):
    """Coordinators and admins see every reminder; everyone else the ones sent to them."""
    query = select(Notification)
    if permissions.can_edit_everything(user):
        return query
    addresses = {a.strip().lower() for a in (user.email, user.person.email) if a}
    return query.where(
        or_(
            Notification.recipient_person_id == user.person_id,
            func.lower(Notification.recipient_email).in_(addresses),
        )
    )


@bp.get("/")
@login_required
def index():
    """The reminders: what was sent, what waits, what failed (and why)."""
    form = NotificationFilterForm(request.args)
    query = visible_notifications(current_user)
    status = 200
    if request.args and not form.validate():
        status = 400
    elif form.status.data:
        query = query.where(Notification.status == form.status.data)
    query = query.options(joinedload(Notification.recipient_person)).order_by(
        Notification.created_at.desc(), Notification.id.desc()
    )
    failed = None
    if permissions.can_edit_everything(current_user):
        failed = db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.status == NotificationStatus.FAILED)
        )
    return render_template(
        "notifications/index.html",
        form=form,
        page=paginate(query),
        failed=failed,
        resend_form=ConfirmForm(formdata=None),
        mail_suppressed=bool(current_app.extensions["mail"].suppress),
    ), status


@bp.post("/<int:notification_id>/reenviar")
@login_required
def resend(notification_id: int):
    """Put a failed reminder back in the outbox (coordination)."""
    require(permissions.can_edit_everything(current_user))
    notification = db.get_or_404(Notification, notification_id)
    if ConfirmForm().validate_on_submit():
        try:
            ops.resend(notification, current_user)
        except OperationError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash(_("El aviso se enviará en la próxima entrega."), "success")
    return redirect(url_for(".index", status="failed"))


@bp.route("/accion/<token>", methods=["GET", "POST"])
def action(token: str):
    """A one-click link from a mail: GET asks (mail scanners prefetch links), POST acts."""
    try:
        found = ops.find_action_token(token)
    except ops.TokenError as error:
        return render_template("notifications/action.html", error=error.message), error.status
    followup = found.followup
    form = ConfirmForm()
    today = local_today()
    if form.validate_on_submit():
        try:
            ops.use_action_token(token, today)
            db.session.commit()
        except ops.TokenError as error:
            db.session.rollback()
            return render_template("notifications/action.html", error=error.message), error.status
        except OperationError as error:
            db.session.rollback()
            return render_template("notifications/action.html", error=error.message), 409
        except StaleDataError:
            db.session.rollback()
            message = _("El seguimiento cambió mientras tanto; vuelva a abrir el enlace.")
            return render_template("notifications/action.html", error=message), 409
        return render_template(
            "notifications/action.html",
            done=True,
            action=found.action.value,
            followup=followup,
            new_due_on=followup.due_on,
        )
    postponed_to = None
    if found.action == MailAction.POSTPONE:
        postponed_to = ops.postpone_date(followup, today)
    return render_template(
        "notifications/action.html",
        form=form,
        action=found.action.value,
        followup=followup,
        new_due_on=postponed_to,
    ), 400 if form.is_submitted() else 200


def reminders_for_followup(followup_id: int, limit: int = 50) -> list[Notification]:
    """The reminders a follow-up caused, newest first (one query)."""
    return db.session.scalars(
        select(Notification)
        .where(Notification.item_type == ItemType.FOLLOWUP, Notification.item_id == followup_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    ).all()
