"""Private calendar feeds: one secret URL per scope a user follows (their own deadlines, the
unit's, a project's, an institution's or a colleague's), each revocable on its own.

A feed is a calendar AccessToken whose `feed_scope` and `feed_target_id` say what it carries.
Issuing a feed for a scope the user already follows revokes the earlier link, so "renew" and
"create" are one action and a leaked link is ended by asking for a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import or_, select

from tracker.extensions import db
from tracker.models import AccessToken, Organization, Person, Project, User
from tracker.models.enums import FeedScope, TokenKind
from tracker.operations.errors import OperationError
from tracker.operations.tokens import NAME_MAX_LENGTH, issue_token, revoke_token

#: Scopes about one record, and the model that record is.
TARGET_MODELS: dict[FeedScope, type[Project] | type[Organization] | type[Person]] = {
    FeedScope.PROJECT: Project,
    FeedScope.ORGANIZATION: Organization,
    FeedScope.PERSON: Person,
}


class FeedNotFound(OperationError):
    """The record or the link a request names does not exist (a 404, not a form error)."""


@dataclass(frozen=True)
class FeedSubject:
    """What a feed is about: its scope and, for a project, institution or person, the record."""

    scope: FeedScope
    record: Project | Organization | Person | None = None

    @property
    def target_id(self) -> int | None:
        return self.record.id if self.record is not None else None

    def title(self) -> str:
        """The feed's name in lists and as the calendar's name in the client."""
        if self.scope == FeedScope.UNIT:
            return _("Toda la unidad")
        if self.scope == FeedScope.MINE:
            return _("Mis plazos")
        labels = {
            FeedScope.PROJECT: _("Proyecto: %(name)s", name=self.record),
            FeedScope.ORGANIZATION: _("Institución: %(name)s", name=self.record),
            FeedScope.PERSON: _("Persona: %(name)s", name=self.record),
        }
        return labels[self.scope]


def parse_subject(scope: str | None, target: str | None) -> FeedSubject:
    """The subject a form or link names; refused with a message when it names nothing valid.

    An absent scope is the user's own deadlines, as the feed was before scopes existed.
    """
    try:
        feed_scope = FeedScope(scope or FeedScope.MINE)
    except ValueError:
        raise OperationError(_("Ese tipo de calendario no existe."), "scope") from None
    model = TARGET_MODELS.get(feed_scope)
    if model is None:
        if target:
            raise OperationError(_("Este calendario no admite un registro."), "target")
        return FeedSubject(feed_scope)
    if not target or not target.isascii() or not target.isdigit() or len(target) > 18:
        raise OperationError(_("Indique de qué registro es el calendario."), "target")
    record = db.session.get(model, int(target))
    if record is None or record.deleted_at is not None:
        raise FeedNotFound(_("Ese registro no existe o fue eliminado."))
    return FeedSubject(feed_scope, record)


def subject_of(token: AccessToken) -> FeedSubject | None:
    """What an issued feed carries now; None when its record was deleted since (the feed then
    answers as if revoked)."""
    scope = token.feed_scope or FeedScope.MINE
    model = TARGET_MODELS.get(scope)
    if model is None:
        return FeedSubject(scope)
    record = db.session.get(model, token.feed_target_id) if token.feed_target_id else None
    if record is None or record.deleted_at is not None:
        return None
    return FeedSubject(scope, record)


def active_feeds(user: User, subject: FeedSubject | None = None) -> list[AccessToken]:
    """The user's feeds that still work, newest first; only those of `subject` when given."""
    query = select(AccessToken).where(
        AccessToken.user_id == user.id,
        AccessToken.kind == TokenKind.CALENDAR,
        AccessToken.revoked_at.is_(None),
    )
    if subject is not None:
        if subject.scope == FeedScope.MINE:
            query = query.where(
                or_(AccessToken.feed_scope.is_(None), AccessToken.feed_scope == FeedScope.MINE)
            )
        else:
            query = query.where(AccessToken.feed_scope == subject.scope)
            if subject.target_id is not None:
                query = query.where(AccessToken.feed_target_id == subject.target_id)
    return list(db.session.scalars(query.order_by(AccessToken.id.desc())))


def issue_feed(user: User, subject: FeedSubject) -> tuple[AccessToken, str]:
    """A new secret URL for `subject`, ending the user's earlier link to the same subject."""
    revoke_feeds(user, subject)
    name = _("Calendario · %(title)s", title=subject.title())[:NAME_MAX_LENGTH]
    token, secret = issue_token(user, TokenKind.CALENDAR, name)
    token.feed_scope = subject.scope
    token.feed_target_id = subject.target_id
    db.session.flush()
    return token, secret


def revoke_feeds(user: User, subject: FeedSubject) -> None:
    """End every link the user has to `subject`'s calendar."""
    for token in active_feeds(user, subject):
        revoke_token(token, user)


def revoke_feed(user: User, token_id: int) -> AccessToken:
    """End one of the user's own feeds (another user's is not found, not forbidden: its id
    says nothing to whoever guesses it)."""
    token = db.session.get(AccessToken, token_id)
    if token is None or token.user_id != user.id or token.kind != TokenKind.CALENDAR:
        raise FeedNotFound(_("Ese enlace no existe."))
    revoke_token(token, user)
    return token
