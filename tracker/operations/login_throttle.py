"""Login rate limit that parallel requests cannot race and a stranger cannot aim at a user.

Two limits, counted over the last LOGIN_THROTTLE_MINUTES:

- per **(account, address)** pair, LOGIN_MAX_FAILURES_PER_ACCOUNT: someone guessing one
  account's password from one address is stopped, while the account's owner, coming from
  another address, still logs in. (A per-account count over all addresses would let anyone
  lock any user out by typing their email wrong five times.)
- per **address**, LOGIN_MAX_FAILURES_PER_ADDRESS: one address guessing many accounts (or one
  account under many spellings) is stopped. Behind a reverse proxy the address is the client's
  as the trusted proxies report it (TRACKER_TRUSTED_PROXIES), not the proxy's.

An attacker with many addresses gets LOGIN_MAX_FAILURES_PER_ACCOUNT guesses per address and
window; against that the defence is the password policy and the memory-hard hash, not a lock
that would also shut out the owner.

Why it cannot be raced: every attempt is first written and committed as a failure row, and
only then are the committed rows counted (the caller commits in between). Of any two attempts,
the one committed later counts the other's row, so the k-th attempt to commit sees at least k
rows and at most the limit get their password checked, however many workers or processes run
them at once, on SQLite and PostgreSQL alike. A refused attempt withdraws its row (it checked
no password); a successful one clears its pair's rows; a wrong password leaves the row as the
recorded failure.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, func, select

from tracker.extensions import db
from tracker.models import LoginFailure
from tracker.models.base import utcnow

#: Failures are forgotten after this long (the purge keeps the table small).
KEEP = timedelta(days=1)


@dataclass(frozen=True)
class Attempt:
    """A login attempt, already stored as a failure until it proves otherwise."""

    id: int
    email: str
    ip: str


def _window() -> timedelta:
    return timedelta(minutes=current_app.config["LOGIN_THROTTLE_MINUTES"])


def record_attempt(email: str, ip: str) -> Attempt:
    """Store the attempt as a failure; the caller commits before calling `minutes_blocked`."""
    row = LoginFailure(email=email[:254], ip=ip[:45])
    db.session.add(row)
    db.session.execute(delete(LoginFailure).where(LoginFailure.created_at < utcnow() - KEEP))
    db.session.flush()
    return Attempt(row.id, row.email, row.ip)


def minutes_blocked(attempt: Attempt) -> int:
    """0 when this (committed) attempt may check its password; else minutes to wait."""
    config = current_app.config
    since = utcnow() - _window()
    same_pair = and_(LoginFailure.email == attempt.email, LoginFailure.ip == attempt.ip)
    by_pair, by_ip, oldest_pair, oldest_ip = db.session.execute(
        select(
            func.count().filter(same_pair),
            func.count(),
            func.min(LoginFailure.created_at).filter(same_pair),
            func.min(LoginFailure.created_at),
        ).where(LoginFailure.created_at >= since, LoginFailure.ip == attempt.ip)
    ).one()
    # The counts include this attempt: the limit-th failure is still checked, the next is not.
    if by_pair > config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]:
        return _minutes_until_expired(oldest_pair)
    if by_ip > config["LOGIN_MAX_FAILURES_PER_ADDRESS"]:
        return _minutes_until_expired(oldest_ip)
    return 0


def _minutes_until_expired(oldest: datetime | None) -> int:
    if oldest is None:
        return 1
    remaining = _window() - (utcnow() - oldest)
    return max(1, int(remaining.total_seconds() // 60) + 1)


def withdraw_attempt(attempt: Attempt) -> None:
    """A refused attempt checked no password: it is not a failure."""
    db.session.execute(delete(LoginFailure).where(LoginFailure.id == attempt.id))


def forget_failures(attempt: Attempt) -> None:
    """The right password clears this account's failures from this address (not elsewhere:
    a guesser at another address keeps their count)."""
    db.session.execute(
        delete(LoginFailure).where(
            LoginFailure.email == attempt.email, LoginFailure.ip == attempt.ip
        )
    )
