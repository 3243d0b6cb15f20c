"""In-app notices ("Novedades"): the reader's list, opening one (marks it read), one or all
read. What they say is worded by tracker.notices (the daily digest words them too)."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker.extensions import db
from tracker.forms.followups import ConfirmForm
from tracker.models import UserNotice
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
        "notice_text": notice_text,
        "notice_url": lambda notice: url_for("notices.open_notice", notice_id=notice.id),
    }


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
    target = notice_target(notice)
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
