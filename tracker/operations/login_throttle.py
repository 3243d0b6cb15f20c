"""Login rate limit: too many failures for an account or from an address, and logins wait."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, or_, select

from tracker.extensions import db
from tracker.models import LoginFailure
from tracker.models.base import utcnow

#: Failures are forgotten after this long (the purge keeps the table small).
KEEP = timedelta(days=1)


def _window() -> timedelta:
    return timedelta(minutes=current_app.config["LOGIN_THROTTLE_MINUTES"])


def minutes_blocked(email: str, ip: str) -> int:
    """0 when a login may be tried; else how many minutes until it may."""
    since = utcnow() - _window()
    config = current_app.config
    row = db.session.execute(
        select(
            func.count().filter(LoginFailure.email == email),
            func.count().filter(LoginFailure.ip == ip),
            func.min(LoginFailure.created_at),
        ).where(
            LoginFailure.created_at >= since,
            or_(LoginFailure.email == email, LoginFailure.ip == ip),
        )
    ).one()
    by_email, by_ip, oldest = row
    if (
        by_email < config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
        and by_ip < config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    ):
        return 0
    waited = utcnow() - (oldest or utcnow())
    return max(1, int((_window() - waited).total_seconds() // 60) + 1)


def record_failure(email: str, ip: str) -> None:
    db.session.add(LoginFailure(email=email[:254], ip=ip[:45]))
    db.session.execute(delete(LoginFailure).where(LoginFailure.created_at < utcnow() - KEEP))


def forget_failures(email: str) -> None:
    """A successful login clears the account's count (not the address's)."""
    db.session.execute(delete(LoginFailure).where(LoginFailure.email == email))
