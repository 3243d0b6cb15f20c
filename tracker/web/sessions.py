"""Login sessions: which cookie still names a user, and starting a fresh session at login."""

from flask import g, session
from flask_login import login_user
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import User


def load_session_user(session_id: str) -> User | None:
    """The user a session (or remember-me cookie) names, if that session is still valid."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None  # a cookie from before versioned ids, or forged: not a session
    # The person comes with the user: every page shows it (one statement, always).
    user = db.session.get(User, int(user_id), options=[joinedload(User.person)])
    if user is None or not user.is_enabled or user.session_version != int(version):
        return None
    return user


def start_session(user: User) -> None:
    """Log `user` in on a session that keeps nothing from before (no fixation, new CSRF)."""
    clear_session()
    login_user(user)


def clear_session() -> None:
    """Empty the session but for the chosen language."""
    language = session.get("language")
    # Whatever a visitor (or someone who planted a cookie) had in the session goes, the CSRF
    # secret with it: a token read before the login is worthless after it.
    session.clear()
    g.pop("csrf_token", None)
    if language:
        session["language"] = language
