from __future__ import annotations

import secrets
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.models.base import Base, utcnow
from tracker.models.enums import Role, enum_type

if TYPE_CHECKING:
    from tracker.models.person import Person


class User(UserMixin, Base):
    """A login. Every user is a Person, so "my follow-ups" is always defined."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(enum_type(Role, "user_role"), default=Role.MEMBER)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), unique=True)
    is_enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    #: Bumped by logout and by a password, role or enabled change: older sessions stop working.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    #: The in-app notices (assigned, comments, mentions, watched changes) also come in the
    #: daily digest mail; chosen in the profile.
    notices_by_mail: Mapped[bool] = mapped_column(default=False, server_default="0")

    person: Mapped[Person] = relationship(back_populates="user")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses disabled accounts
        return self.is_enabled

    def get_id(self) -> str:
        # What Flask-Login keeps in the session and the remember-me cookie: with the version,
        # a cookie issued before a logout, password or role change no longer names anyone.
        return f"{self.id}:{self.session_version or 0}"

    def end_sessions(self) -> None:
        """Invalidate every session and remember-me cookie issued to this account so far."""
        self.session_version = (self.session_version or 0) + 1

    def set_password(self, password: str) -> None:
        # scrypt (memory-hard) unless the config says otherwise; tests use a cheap method.
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @staticmethod
    def check_no_password(password: str) -> bool:
        """Spend what a real check costs, for a login whose account does not exist."""
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        check_password_hash(_dummy_hash(method), password)
        return False

    def __str__(self) -> str:
        return self.email


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    # Same method (and so the same cost) as real accounts; matches no password anyone types.
    return generate_password_hash(secrets.token_hex(16), method=method)
