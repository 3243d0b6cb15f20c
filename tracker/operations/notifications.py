"""Reminders that users act on: resending a failed one, and the one-click links in a mail."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import insert, select, update
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import (
    ActionToken,
    FollowUp,
    MailAction,
    Notification,
    NotificationStatus,
    Person,
    User,
)
from tracker.models.base import utcnow
from tracker.models.enums import FollowUpStatus, Role
from tracker.operations import followups
from tracker.operations.errors import OperationError
from tracker.operations.history import record_audit

#: Random bytes in a mail link's secret (as secrets.token_urlsafe(32): 43 characters).
TOKEN_BYTES = 32


class TokenError(OperationError):
    """A mail link that cannot be used; `status` is the HTTP status that says why."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def resend(notification: Notification, actor: User | None, now: datetime | None = None) -> None:
    """Put a failed reminder back in the outbox for a fresh round of attempts."""
    if notification.status != NotificationStatus.FAILED:
        raise OperationError(_("Solo se reenvía un aviso fallido."))
    previous = notification.last_error
    notification.status = NotificationStatus.PENDING
    notification.attempts = 0
    notification.next_attempt_at = now or utcnow()
    record_audit(notification, actor, "resent", {"status": ["failed", "pending"]}, previous)
    db.session.flush()


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_action_tokens(
    followup_id: int, recipient_email: str, now: datetime | None = None
) -> dict[MailAction, str]:
    """A "done" and a "postpone" secret for one follow-up line of a mail (only hashes stored)."""
    [secrets_by_action], rows = new_action_tokens([(followup_id, recipient_email)], now)
    db.session.execute(insert(ActionToken), rows)
    return secrets_by_action


def new_action_tokens(
    lines: Iterable[tuple[int, str]], now: datetime | None = None
) -> tuple[list[dict[MailAction, str]], list[dict[str, Any]]]:
    """Fresh secrets for (follow-up id, recipient) lines of a mail, and the ActionToken rows
    that store their hashes — for the caller to insert (the digest job does so in bulk) and to
    commit before the mail that carries the links goes out."""
    now = now or utcnow()
    expires_at = now + timedelta(days=current_app.config["ACTION_TOKEN_DAYS"])
    lines = list(lines)
    # What secrets.token_urlsafe(32) makes, with the random bytes read in one call.
    randomness = os.urandom(TOKEN_BYTES * len(MailAction) * len(lines))
    chunks = (randomness[at : at + TOKEN_BYTES] for at in range(0, len(randomness), TOKEN_BYTES))
    issued: list[dict[MailAction, str]] = []
    rows: list[dict[str, Any]] = []
    for followup_id, recipient_email in lines:
        secrets_by_action = {
            action: base64.urlsafe_b64encode(next(chunks)).rstrip(b"=").decode("ascii")
            for action in MailAction
        }
        issued.append(secrets_by_action)
        rows += [
            {
                "token_hash": hash_token(secret),
                "followup_id": followup_id,
                "action": action,
                "recipient_email": recipient_email,
                "expires_at": expires_at,
                "created_at": now,
            }
            for action, secret in secrets_by_action.items()
        ]
    return issued, rows


def find_action_token(secret: str, now: datetime | None = None) -> ActionToken:
    """The token behind a link, or a TokenError that says why it cannot be used."""
    token = db.session.scalar(
        select(ActionToken).where(ActionToken.token_hash == hash_token(secret or ""))
    )
    if token is None or token.followup is None or token.followup.deleted_at is not None:
        raise TokenError(_("Este enlace no es válido."), 404)
    if token.used_at is not None:
        raise TokenError(
            _("Este enlace ya se usó. Cada enlace del correo sirve una sola vez."), 410
        )
    if token.expires_at <= (now or utcnow()):
        raise TokenError(
            _("Este enlace venció. Abra el seguimiento en Seguimiento para actualizarlo."), 410
        )
    account = recipient_account(token)
    # The link is a shortcut for what its recipient could do when logged in, not more.
    if account is not None and account.role == Role.VIEWER:
        raise TokenError(
            _(
                "Su cuenta es de solo lectura: este enlace no cambia nada. "
                "Pida a la coordinación que actualice el seguimiento."
            ),
            403,
        )
    if account is not None and not account.is_enabled:
        raise TokenError(_("Su cuenta está desactivada: este enlace no cambia nada."), 403)
    return token


def recipient_person(token: ActionToken) -> Person | None:
    """The person the link was mailed to (the address is copied from their record)."""
    return db.session.scalar(
        select(Person).where(Person.email == token.recipient_email).options(joinedload(Person.user))
    )


def recipient_account(token: ActionToken) -> User | None:
    """The recipient's account, when they have one (by their person, else by the login)."""
    person = recipient_person(token)
    if person is not None and person.user is not None:
        return person.user
    return db.session.scalar(select(User).where(User.email == token.recipient_email))


def postpone_date(followup: FollowUp, today: date) -> date:
    """Where "postpone" moves the due date: N days on, counted from today when already late."""
    days = current_app.config["ACTION_POSTPONE_DAYS"]
    return max(followup.due_on or today, today) + timedelta(days=days)


def use_action_token(secret: str, today: date, now: datetime | None = None) -> ActionToken:
    """Consume a mail link and apply its action through the ordinary follow-up operations.

    The token is claimed with a conditional UPDATE, so two clicks at once apply it only once.
    The caller commits; on an OperationError it rolls back and the link stays usable.
    """
    now = now or utcnow()
    token = find_action_token(secret, now)
    claimed = db.session.execute(
        update(ActionToken)
        .where(ActionToken.id == token.id, ActionToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise TokenError(
            _("Este enlace ya se usó. Cada enlace del correo sirve una sola vez."), 410
        )
    token.used_at = now
    followup = token.followup
    # The history says who clicked: the recipient's account when they have one (it shows as
    # the author of the change), and always their name and address in the comment.
    actor = recipient_account(token)
    person = actor.person if actor is not None else recipient_person(token)
    if person is not None:
        comment = _(
            "Desde el enlace del correo enviado a %(name)s (%(email)s).",
            name=person.name,
            email=token.recipient_email,
        )
    else:
        comment = _("Desde el enlace del correo enviado a %(email)s.", email=token.recipient_email)
    if token.action == MailAction.DONE:
        if followup.status == FollowUpStatus.DONE:
            raise TokenError(_("Este seguimiento ya estaba marcado como cumplido."), 409)
        followups.change_status(followup, actor, FollowUpStatus.DONE, today, comment)
    else:
        if not followup.is_open:
            raise TokenError(_("Este seguimiento ya no está abierto; no se puede posponer."), 409)
        followups.reschedule(followup, actor, postpone_date(followup, today), comment)
    return token
