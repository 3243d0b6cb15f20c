from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow
from tracker.models.enums import FeedScope, TokenKind, enum_type

if TYPE_CHECKING:
    from tracker.models.user import User


class AccessToken(Base):
    """A personal token for a program acting as its user (API) or for a calendar feed.

    The secret is shown once when issued; only its hash is stored.
    """

    __tablename__ = "access_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[TokenKind] = mapped_column(enum_type(TokenKind, "token_kind"))
    #: The label its owner gave it, e.g. "Integración SIGEF".
    name: Mapped[str] = mapped_column(String(100))
    #: sha256 (hex) of the secret; the secret itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Refreshed at most once a minute, so that using a token is not a write per request.
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    #: Calendar tokens only: whose deadlines the feed carries (None is the owner's own, as
    #: before scopes existed), and the project, institution or person it is about.
    feed_scope: Mapped[FeedScope | None] = mapped_column(enum_type(FeedScope, "feed_scope"))
    feed_target_id: Mapped[int | None]
    expires_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def __str__(self) -> str:
        return self.name
