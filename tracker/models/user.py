from __future__ import annotations

from datetime import datetime
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
    #: Bumped by logout, a password change and a role change: older sessions stop working.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")

    person: Mapped[Person] = relationship(back_populates="user")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses disabled accounts
        return self.is_enabled

    def set_password(self, password: str) -> None:
        # scrypt (memory-hard) unless the config says otherwise; tests use a cheap method.
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def can_edit_all(self) -> bool:
        return self.role in (Role.ADMIN, Role.COORDINATOR)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_viewer(self) -> bool:
        return self.role == Role.VIEWER

    def __str__(self) -> str:
        return self.email
