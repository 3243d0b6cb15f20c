"""In-app notices (UserNotice): their wording in the reader's language, their link, the count.

Worded when shown, never when stored, so a language switch rewords old notices too; the page
of notices and the daily digest (jobs/delivery/news.py) say the same.
"""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import func, select

from jobs import rules as R
from tracker.extensions import db
from tracker.item_pages import item_page_url
from tracker.labels import STATUS_LABELS
from tracker.models import UserNotice
from tracker.models.enums import FollowUpStatus
from tracker.operations import user_notices as ops

#: Unread notices listed on the home page (all of them are on /novedades).
HOME_LIMIT = 10


def notice_text(notice: UserNotice) -> str:
    """What the notice says, worded now (so a language switch rewords old notices too)."""
    if notice.kind in ops.FOLLOWUP_KINDS:
        return followup_notice_text(notice)
    details = notice.details or {}
    activity = details.get("activity", "")
    if notice.kind == R.REPORT_SUBMITTED:
        return _(
            "%(author)s entregó el informe de «%(activity)s» y solicita su visto bueno.",
            author=details.get("author", ""),
            activity=activity,
        )
    if notice.kind == R.REPORT_RETURNED:
        return _(
            "Su informe de «%(activity)s» fue devuelto para corregir: %(reason)s",
            activity=activity,
            reason=details.get("reason", ""),
        )
    if notice.kind == R.REPORT_APPROVED:
        return _("Su informe de «%(activity)s» recibió el visto bueno.", activity=activity)
    if notice.kind == R.BRIEFING:
        return _(
            "Participará en «%(activity)s»: lea lo que dejaron quienes fueron a ediciones "
            "anteriores.",
            activity=activity,
        )
    return activity


def notice_target(notice: UserNotice) -> str:
    """Where opening the notice leads."""
    details = notice.details or {}
    if notice.kind == R.BRIEFING and details.get("activity_id"):
        return url_for("briefing.show", activity_id=details["activity_id"])
    if notice.item_type and notice.item_id:
        return item_page_url(notice.item_type, notice.item_id)
    return url_for("home.index")


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


def unread_count(user_id: int) -> int:
    return db.session.scalar(
        select(func.count(UserNotice.id)).where(
            UserNotice.user_id == user_id, UserNotice.read_at.is_(None)
        )
    )


def unread_notices(user_id: int, limit: int = HOME_LIMIT) -> list[UserNotice]:
    return list(
        db.session.scalars(
            select(UserNotice)
            .where(UserNotice.user_id == user_id, UserNotice.read_at.is_(None))
            .order_by(UserNotice.created_at.desc(), UserNotice.id.desc())
            .limit(limit)
        )
    )
