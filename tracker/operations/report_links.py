"""Private links for a participant without an account: one report only, revocable, and dead
once the report is approved. Only the secret's hash is stored (see tokens.py).

The secret is derived from the link's id with the application's SECRET_KEY (an HMAC), so that
the mail that carries it can be built when it is delivered — through the outbox, retried,
never twice — without the secret being written anywhere. Reading the database is not enough
to open a link; whoever holds SECRET_KEY can already sign any session.
"""

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker import permissions
from tracker.extensions import db
from tracker.models import Activity, ParticipationReport, ReportLink, User
from tracker.models.base import utcnow
from tracker.models.enums import ReportStatus
from tracker.operations.errors import OperationError, PermissionDenied
from tracker.operations.history import record_audit
from tracker.operations.tokens import LAST_USED_RESOLUTION, hash_secret

#: How long a link works at most when the report is never approved (REPORT_LINK_DAYS).
DEFAULT_LINK_DAYS = 60
_SECRET_MAX_LENGTH = 128


def link_days() -> int:
    return int(current_app.config.get("REPORT_LINK_DAYS", DEFAULT_LINK_DAYS))


def issue_report_link(report: ParticipationReport, actor: User) -> tuple[ReportLink, str]:
    """A new private link to the report (coordination); earlier ones stop working.

    Returns the link and its secret, which is never stored and can be shown only now.
    """
    if not permissions.can_edit_everything(actor):
        raise PermissionDenied(_("Solo la coordinación crea enlaces privados."))
    if report.status == ReportStatus.APPROVED:
        raise OperationError(_("El informe ya está aprobado; no necesita enlace."))
    now = utcnow()
    for link in active_links(report, now):
        _revoke(link, actor, now)
    link = ReportLink(
        report=report,
        # Unique and unguessable until the id, which the real secret is derived from, exists.
        token_hash=hash_secret(secrets.token_urlsafe(32)),
        created_by=actor,
        expires_at=now + timedelta(days=link_days()),
    )
    db.session.add(link)
    db.session.flush()
    secret = link_secret(link)
    link.token_hash = hash_secret(secret)
    db.session.flush()
    record_audit(report, actor, "link_created", {"link": [None, str(link.id)]})
    return link, secret


def link_secret(link: ReportLink) -> str:
    """The secret in the link's URL (43 URL-safe characters), derived, never stored."""
    key = current_app.config["SECRET_KEY"]
    key = key.encode("utf-8") if isinstance(key, str) else key
    message = f"report-link:{link.id}:{link.report_id}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def current_link(report_id: int) -> tuple[ReportLink, str] | None:
    """The report's newest link that is not revoked, with its secret (for the mail), or None."""
    link = db.session.scalar(
        select(ReportLink)
        .where(ReportLink.report_id == report_id, ReportLink.revoked_at.is_(None))
        .order_by(ReportLink.id.desc())
        .limit(1)
    )
    return (link, link_secret(link)) if link is not None else None


def active_links(report: ParticipationReport, now: datetime | None = None) -> list[ReportLink]:
    now = now or utcnow()
    links = db.session.scalars(
        select(ReportLink).where(ReportLink.report_id == report.id).order_by(ReportLink.id)
    )
    return [link for link in links if link.is_active(now)]


def revoke_report_link(link: ReportLink, actor: User) -> None:
    """Stop a private link from working, for good (coordination)."""
    if not permissions.can_edit_everything(actor):
        raise PermissionDenied(_("Solo la coordinación revoca enlaces privados."))
    if link.revoked_at is None:
        _revoke(link, actor, utcnow())
        db.session.flush()


def _revoke(link: ReportLink, actor: User | None, now: datetime) -> None:
    link.revoked_at = now
    record_audit(link.report, actor, "link_revoked", {"link": [str(link.id), None]})


def expire_report_links(report: ParticipationReport) -> None:
    """On approval: the report's links end now (the lookup also refuses approved reports)."""
    now = utcnow()
    for link in active_links(report, now):
        link.expires_at = now


def find_report_link(secret: str | None, report_id: int) -> ReportLink | None:
    """The link this secret opens for this report when it still works, else None.

    Works means: the secret is this report's, not revoked, not expired, and the report (and its
    activity) is live and not approved. Marks it used, at most once a minute; the caller commits.
    """
    if not secret or len(secret) > _SECRET_MAX_LENGTH:
        return None
    link = db.session.scalar(
        select(ReportLink)
        .where(ReportLink.token_hash == hash_secret(secret))
        .options(joinedload(ReportLink.report).joinedload(ParticipationReport.activity))
    )
    now = utcnow()
    if link is None or link.report_id != report_id or not link.is_active(now):
        return None
    report = link.report
    activity: Activity = report.activity
    if report.deleted_at or activity.deleted_at or report.status == ReportStatus.APPROVED:
        return None
    if link.last_used_at is None or now - link.last_used_at >= LAST_USED_RESOLUTION:
        link.last_used_at = now
    return link
