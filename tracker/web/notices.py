"""In-app notices ("Novedades"): the reader's list, opening one (marks it read), one or all
read; the wording of the follow-up notices (assigned, comment, mention, watched change)."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker.extensions import db
from tracker.forms.followups import ConfirmForm
from tracker.labels import STATUS_LABELS
from tracker.models import UserNotice
from tracker.models.enums import FollowUpStatus
from tracker.notices import notice_target, notice_text, unread_count, unread_notices
from tracker.operations import user_notices as ops
from tracker.web.helpers import paginate

bp = Blueprint("notices", __name__, url_prefix="/novedades")


@bp.app_context_processor
def notice_helpers():
    # Callables, so a page that shows no header count asks nothing.
    def header_count() -> int:
        if not current_user.is_authenticated:
            return 0
        return unread_count(current_user.id)

    def latest_unread() -> list[UserNotice]:
        if not current_user.is_authenticated:
            return []
        return unread_notices(current_user.id)

    return {
        "unread_notice_count": header_count,
        "latest_unread_notices": latest_unread,
        "notice_text": any_notice_text,
        "notice_url": lambda notice: url_for("notices.open_notice", notice_id=notice.id),
    }


def any_notice_text(notice: UserNotice) -> str:
    """A follow-up notice worded here, any other (reports, briefings) by tracker.notices."""
    if notice.kind in ops.FOLLOWUP_KINDS:
        return followup_notice_text(notice)
    return notice_text(notice)


def followup_notice_text(notice: UserNotice) -> str:
    """What a follow-up notice says, worded now in the reader's language."""
    details = notice.details or {}
    title, actor = details.get("title", ""), details.get("actor", "")
    comment = details.get("comment", "")
    if notice.kind == ops.FOLLOWUP_ASSIGNED:
        if actor:
            return _("%(actor)s le asignó «%(title)s».", actor=actor, title=title)
        return _("Se le asignó «%(title)s».", title=title)
    if notice.kind == ops.FOLLOWUP_MENTION:
        if actor:
            return _(
                "%(actor)s le mencionó en «%(title)s»: %(comment)s",
                actor=actor,
                title=title,
                comment=comment,
            )
        return _("Le mencionaron en «%(title)s»: %(comment)s", title=title, comment=comment)
    if notice.kind == ops.FOLLOWUP_COMMENT:
        if actor:
            return _(
                "%(actor)s comentó «%(title)s»: %(comment)s",
                actor=actor,
                title=title,
                comment=comment,
            )
        return _("Nuevo comentario en «%(title)s»: %(comment)s", title=title, comment=comment)
    changes = _changes_text(details.get("changes") or {})
    if comment:
        changes = f"{changes} ({comment})"
    if actor:
        return _(
            "%(actor)s cambió «%(title)s»: %(changes)s", actor=actor, title=title, changes=changes
        )
    return _("«%(title)s» cambió: %(changes)s", title=title, changes=changes)


def _changes_text(changes: dict) -> str:
    """ "estado: Abierto → Cumplido; fecha límite: 1 dic 2026 → 15 dic 2026"."""
    parts = []
    for name, (old, new) in changes.items():
        if name == "status":
            label, old, new = _("estado"), _status(old), _status(new)
        elif name == "due_on":
            label, old, new = _("fecha límite"), _date(old), _date(new)
        else:
            label, old, new = _("responsable"), old or "—", new or "—"
        parts.append(f"{label}: {old} → {new}")
    return "; ".join(parts)


def _status(value: str | None) -> str:
    try:
        return str(STATUS_LABELS[FollowUpStatus(value)])
    except ValueError:
        return value or "—"


def _date(value: str | None) -> str:
    try:
        return format_date(date.fromisoformat(value), "medium") if value else "—"
    except ValueError:
        return value


def _target(notice: UserNotice) -> str:
    if notice.kind in ops.FOLLOWUP_KINDS and notice.item_id:
        return url_for("followups.show", followup_id=notice.item_id)
    return notice_target(notice)


def _own_notice(notice_id: int) -> UserNotice:
    notice = db.session.get(UserNotice, notice_id)
    if notice is None or notice.user_id != current_user.id:
        abort(404)  # someone else's notice does not exist for this reader
    return notice


@bp.get("/")
@login_required
def index():
    """The reader's notices, newest first, read or not."""
    query = (
        select(UserNotice)
        .where(UserNotice.user_id == current_user.id)
        .order_by(UserNotice.created_at.desc(), UserNotice.id.desc())
    )
    return render_template(
        "notices/index.html", page=paginate(query), form=ConfirmForm(formdata=None)
    )


@bp.get("/<int:notice_id>")
@login_required
def open_notice(notice_id: int):
    """Open a notice: it is marked read and leads to what it is about.

    A GET, because it is a link: marking one's own notice read is idempotent and harmless.
    """
    notice = _own_notice(notice_id)
    ops.mark_read(notice)
    target = _target(notice)
    db.session.commit()
    return redirect(target)


@bp.post("/<int:notice_id>/leida")
@login_required
def mark_one(notice_id: int):
    """Mark one notice read without opening what it is about."""
    notice = _own_notice(notice_id)
    if ConfirmForm().validate_on_submit():
        ops.mark_read(notice)
        db.session.commit()
        flash(_("Novedad marcada como leída."), "success")
    return redirect(url_for(".index"))


@bp.post("/leidas")
@login_required
def mark_all():
    """Mark every notice of the reader read."""
    form = ConfirmForm()
    if form.validate_on_submit():
        ops.mark_all_read(current_user)
        db.session.commit()
        flash(_("Todas las novedades quedaron como leídas."), "success")
    return redirect(url_for(".index"))
