"""Reminders: the outbox and its delivery log, resending, and the one-click links of a mail."""

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectChoice, SelectField

from jobs import rules as R
from jobs.preview import SECTIONS, section_of
from tracker import permissions
from tracker.clock import local_today
from tracker.extensions import db
from tracker.forms.filters import ANY, GetForm
from tracker.forms.followups import ConfirmForm
from tracker.item_pages import item_page_url
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
    R.FOLLOWUP_NEWS: _l("Novedades del seguimiento (asignación, comentarios, menciones)"),
}
#: Why a row was dropped before sending (stored in last_error of `skipped` rows).
SKIP_REASONS = {
    "closed": _l("Ya no estaba pendiente cuando iba a enviarse."),
    "moved": _l("Su fecha cambió antes del envío; se avisa según la nueva fecha."),
    "read": _l("Quien lo recibiría ya leyó estas novedades en la aplicación."),
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
            "section": SECTION_LABELS,
        },
        "notification_item_url": item_url,
        "notification_reason": reason,
    }


#: A digest's sections as the outbox names them ("vencen hoy" counts with "por vencer").
SECTION_LABELS = {
    "overdue": _l("Vencidos"),
    "soon": _l("Por vencer"),
    "reports": _l("Informes de participación"),
    "projects": _l("Proyectos"),
    "news": _l("Novedades"),
}


def reason(n: Notification) -> str:
    """Why a row was sent, in words: its rule's label, how far its date was on the day it
    fired, and for a copy whose item it is."""
    parts = [str(RULE_LABELS.get(n.rule, n.rule)), _rule_reason(n.rule, n.due_on, n.slot_on)]
    if n.is_copy and n.about_name:
        if n.item_type == ItemType.REPORT:
            parts.append(
                _("Copia a la jefatura inmediata: informe de %(name)s.", name=n.about_name)
            )
        else:
            parts.append(_("Copia: a cargo de %(name)s.", name=n.about_name))
    return " · ".join(part for part in parts if part)


def _rule_reason(rule: str, due: date | None, slot: date) -> str:
    """What the rule's label leaves out: how far the date was on the day it fired."""
    if due is None:
        return ""
    ahead, late = (due - slot).days, (slot - due).days
    if rule in (R.DUE_SOON, R.REPORT_DUE_SOON):
        return ngettext("Faltaba %(num)d día.", "Faltaban %(num)d días.", ahead)
    if rule == R.DUE_TODAY:
        return _("El mismo día de la fecha límite.")
    if rule == R.MILESTONE_SOON:
        return ngettext(
            "Faltaba %(num)d día para el hito.", "Faltaban %(num)d días para el hito.", ahead
        )
    if rule in (R.OVERDUE, R.REPORT_OVERDUE):
        return ngettext("%(num)d día de atraso", "%(num)d días de atraso", late)
    if rule == R.OVERDUE_SUPERVISOR:
        return ngettext(
            "%(num)d día de atraso: escalado a la jefatura.",
            "%(num)d días de atraso: escalado a la jefatura.",
            late,
        )
    if rule == R.OVERDUE_UNIT:
        return ngettext(
            "%(num)d día de atraso: escalado a la jefatura y a la unidad.",
            "%(num)d días de atraso: escalado a la jefatura y a la unidad.",
            late,
        )
    if rule == R.PROJECT_OVERRUN:
        return ngettext(
            "%(num)d día después de su fin previsto.",
            "%(num)d días después de su fin previsto.",
            late,
        )
    if rule == R.PROJECT_SHEET_STALE:
        return _(
            "La ficha del proyecto debía actualizarse a más tardar el %(date)s.",
            date=format_date(due, "medium"),
        )
    return ""


@dataclass
class DigestGroup:
    """The rows of one recipient on one day: what one digest mail carried (or will carry)."""

    recipient_email: str
    day: date
    rows: list[Notification] = field(default_factory=list)

    @property
    def person(self):
        return next((r.recipient_person for r in self.rows if r.recipient_person), None)

    @property
    def statuses(self) -> list[NotificationStatus]:
        """Its rows' statuses, each once, in the order of STATUS_LABELS."""
        present = {r.status for r in self.rows}
        return [status for status in STATUS_LABELS if status in present]

    def sections(self) -> list[tuple[str, int]]:
        """(section, lines) with lines, as the digest counts them (one line per item).

        A row's section is taken on the day its rule fired (its slot): the mail was built then
        or soon after, and the row does not keep the day it was actually sent for."""
        lines: dict[str, set] = {name: set() for name in SECTIONS}
        for r in self.rows:
            lines[section_of(r.item_type, r.rule, r.due_on, r.slot_on)].add(
                (r.item_type, r.item_id)
            )
        return [(name, len(lines[name])) for name in SECTIONS if lines[name]]


def group_by_digest(rows: list[Notification], zone: ZoneInfo) -> list[DigestGroup]:
    """Rows grouped by recipient and local day, groups in the order of their first row."""
    groups: dict[tuple[str, date], DigestGroup] = {}
    for row in rows:
        day = _local_day(row.sent_at or row.created_at, zone)
        key = (row.recipient_email, day)
        group = groups.get(key)
        if group is None:
            group = groups[key] = DigestGroup(row.recipient_email, day)
        group.rows.append(row)
    return list(groups.values())


def _local_day(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def item_url(notification: Notification) -> str:
    return item_page_url(notification.item_type, notification.item_id)


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
    # A run enqueues each recipient's rows with one timestamp, so this order keeps a digest's
    # rows together; the page is counted in rows (lines), and grouped after.
    query = query.options(joinedload(Notification.recipient_person)).order_by(
        Notification.created_at.desc(), Notification.recipient_email, Notification.id
    )
    failed = None
    if permissions.can_edit_everything(current_user):
        failed = db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.status == NotificationStatus.FAILED)
        )
    page = paginate(query)
    zone = ZoneInfo(current_app.config["TRACKER_TIMEZONE"])
    return render_template(
        "notifications/index.html",
        form=form,
        page=page,
        digests=group_by_digest(page.items, zone),
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


@dataclass
class FollowupReminders:
    """A follow-up's reminders, apart: sent, still to send, and those that will not go."""

    sent: list[Notification] = field(default_factory=list)
    pending: list[Notification] = field(default_factory=list)
    unsent: list[Notification] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sent or self.pending or self.unsent)


def reminders_for_followup(followup_id: int, limit: int = 50) -> FollowupReminders:
    """The reminders a follow-up caused, newest first, split by status (one query)."""
    found = FollowupReminders()
    rows = db.session.scalars(
        select(Notification)
        .where(Notification.item_type == ItemType.FOLLOWUP, Notification.item_id == followup_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    for row in rows:
        if row.status == NotificationStatus.SENT:
            found.sent.append(row)
        elif row.status == NotificationStatus.PENDING:
            found.pending.append(row)
        else:
            found.unsent.append(row)
    return found
