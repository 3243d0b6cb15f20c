"""Personal access tokens: issue (the secret is seen once), revoke, and recognise a secret.

Shared by the API (kind `api`) and the calendar feed (kind `calendar`).
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import AccessToken, User
from tracker.models.base import utcnow
from tracker.models.enums import TokenKind
from tracker.operations.errors import OperationError, PermissionDenied
from tracker.operations.history import record_audit
from tracker.permissions import can_manage_users

NAME_MAX_LENGTH = 100
#: A token used more often than this is not written back on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)
#: token_urlsafe(32) gives 43 characters; anything much longer is not one of ours.
_SECRET_MAX_LENGTH = 128


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def issue_token(
    user: User, kind: TokenKind | str, name: str, expires_at: datetime | None = None
) -> tuple[AccessToken, str]:
    """Create a token for `user`; returns it with the plain secret, which is never stored."""
    name = (name or "").strip()
    if not name:
        raise OperationError(_("Dé un nombre al token."), "name")
    if len(name) > NAME_MAX_LENGTH:
        raise OperationError(
            _("El nombre admite hasta %(n)d caracteres.", n=NAME_MAX_LENGTH), "name"
        )
    if expires_at is not None and expires_at <= utcnow():
        raise OperationError(_("La fecha de vencimiento ya pasó."), "expires_at")
    secret = secrets.token_urlsafe(32)
    token = AccessToken(
        user=user,
        kind=TokenKind(kind),
        name=name,
        token_hash=hash_secret(secret),
        expires_at=expires_at,
    )
    db.session.add(token)
    db.session.flush()
    record_audit(token, user, "created", {"kind": [None, token.kind.value], "name": [None, name]})
    return token, secret


def revoke_token(token: AccessToken, actor: User) -> None:
    """Stop a token from working, for good. Its owner or an admin may do it."""
    if actor.id != token.user_id and not can_manage_users(actor):
        raise PermissionDenied(_("Solo su titular puede revocar este token."))
    if token.revoked_at is not None:
        return
    token.revoked_at = utcnow()
    record_audit(token, actor, "revoked")
    db.session.flush()


def find_active_token(secret: str | None, kind: TokenKind | str) -> AccessToken | None:
    """The token this secret belongs to when it still works, else None.

    Works means: of this kind, not revoked, not expired, its user's account enabled. Marks it
    used (at most once a minute); the caller commits, so a read-only request commits for this.
    """
    if not secret or len(secret) > _SECRET_MAX_LENGTH:
        return None
    token = db.session.scalar(
        select(AccessToken)
        .where(AccessToken.token_hash == hash_secret(secret), AccessToken.kind == TokenKind(kind))
        .options(joinedload(AccessToken.user).joinedload(User.person))
    )
    now = utcnow()
    if token is None or not token.is_active(now) or not token.user.is_enabled:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
    return token
