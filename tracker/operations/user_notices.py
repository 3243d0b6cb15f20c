"""Marking in-app notices read (flush, never commit)."""

from sqlalchemy import update

from tracker.extensions import db
from tracker.models import User, UserNotice
from tracker.models.base import utcnow


def mark_read(notice: UserNotice) -> None:
    """The notice was opened by its reader."""
    if notice.read_at is None:
        notice.read_at = utcnow()
        db.session.flush()


def mark_all_read(user: User) -> int:
    """Every unread notice of `user` is read now; returns how many."""
    result = db.session.execute(
        update(UserNotice)
        .where(UserNotice.user_id == user.id, UserNotice.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.flush()
    return result.rowcount
