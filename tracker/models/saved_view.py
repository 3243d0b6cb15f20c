from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow

if TYPE_CHECKING:
    from tracker.models.user import User


class SavedView(Base):
    """A named set of the follow-up list's filters and sort, kept for one user.

    Only the query string is stored: the view opens the list exactly as it was, and its URL
    can be shared with anyone who may read the list. Pinned views are listed in the menu.
    """

    __tablename__ = "saved_views"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    #: The list's query string without its page ("status=pending&owner=3&sort=-due").
    query: Mapped[str] = mapped_column(String(2000))
    is_pinned: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
