"""In-app notices (UserNotice): their wording in the reader's language, their link, the count."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from jobs import rules as R
from tracker.extensions import db
from tracker.models import UserNotice

#: Unread notices listed on the home page (all of them are on /novedades).
HOME_LIMIT = 10


def notice_text(notice: UserNotice) -> str:
    """What the notice says, worded now (so a language switch rewords old notices too)."""
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
    if notice.item_type == "report" and notice.item_id:
        return url_for("reports.show", report_id=notice.item_id)
    return url_for("home.index")


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
