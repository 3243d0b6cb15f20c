"""Who is told when a report moves (submitted, returned, approved) and who gets a briefing.

Each event becomes outbox rows (delivered in the recipient's next digest, under "Novedades")
and a UserNotice for each recipient with an account. Both are written in the caller's
transaction, next to the change they announce: the report's new state and its notices are
committed together or not at all, so a notice is never lost and never sent for a change that
did not happen. Flush, never commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from jobs import rules as R
from jobs.enqueue import enqueue
from jobs.plan import Contact, Notice
from tracker.clock import local_today
from tracker.extensions import db
from tracker.models import ItemType, Notification, ParticipationReport, Person, User, UserNotice
from tracker.queries.briefing import briefing_for


@dataclass(frozen=True)
class Recipient:
    """Someone an event is announced to: a mail address (or none), an account (or none)."""

    contact: Contact | None
    user_id: int | None


def notify_submitted(report: ParticipationReport, actor: User | None) -> None:
    """Ask for the visto bueno: the author's supervisor, or the unit when there is none."""
    supervisor = report.person.supervisor
    recipients = []
    if supervisor is not None:
        recipients.append(_person(supervisor))
    if supervisor is None or not supervisor.email:
        # Someone must give the visto bueno: without a reachable supervisor, the unit does.
        recipients.append(Recipient(_unit(), None))
    _announce(report, R.REPORT_SUBMITTED, actor, recipients)


def notify_returned(report: ParticipationReport, actor: User | None) -> None:
    """Tell the author the report came back, and why."""
    _announce(report, R.REPORT_RETURNED, actor, [_person(report.person)])


def notify_approved(report: ParticipationReport, actor: User | None) -> None:
    """Tell the author and the unit that the report has its visto bueno."""
    _announce(report, R.REPORT_APPROVED, actor, [_person(report.person), Recipient(_unit(), None)])


def mail_report_link(report: ParticipationReport, actor: User | None) -> str | None:
    """Send the participant her report's private link by mail; the address, or None if she has
    none. The link is put in the mail when it is delivered (jobs/delivery/news.py)."""
    recipient = _person(report.person)
    if recipient.contact is None or not recipient.contact.email:
        return None
    # Mail only: the link is for writing without an account, not an in-app notice.
    _announce(report, R.REPORT_LINK, actor, [Recipient(recipient.contact, None)])
    return recipient.contact.email


def brief_participant(report: ParticipationReport, actor: User | None) -> bool:
    """Send the new participant what earlier editions of the series left; False if nothing."""
    if report.activity.end_on < local_today():
        # Registered after the edition ended (history typed or imported late): she has
        # already gone, so a "you will take part" briefing would only be noise.
        return False
    briefing = briefing_for(report.activity)
    if briefing.is_empty:
        return False
    _announce(report, R.BRIEFING, actor, [_person(report.person)])
    return True


def _announce(
    report: ParticipationReport, rule: str, actor: User | None, recipients: list[Recipient]
) -> None:
    today = local_today()
    details = _details(report, rule)
    contacts = [r.contact for r in recipients if r.contact is not None and r.contact.email]
    slots = _free_slots(report.id, rule, [c.email for c in contacts], today)
    notices = [
        Notice(
            item_type=ItemType.REPORT.value,
            item_id=report.id,
            rule=rule,
            slot=slots[contact.email],
            recipient=contact,
            title=report.activity.name,
            due_date=report.due_on,
            about=report.person.name,
        )
        for contact in _unique(contacts)
    ]
    if notices:
        enqueue(notices)
    for user_id in dict.fromkeys(r.user_id for r in recipients if r.user_id is not None):
        db.session.add(
            UserNotice(
                user_id=user_id,
                kind=rule,
                item_type=ItemType.REPORT.value,
                item_id=report.id,
                actor_id=actor.id if actor is not None else None,
                details=details,
            )
        )
    db.session.flush()


def _free_slots(report_id: int, rule: str, emails: list[str], today: date) -> dict[str, date]:
    """The slot of each recipient's new row: today, or the day after the latest one taken.

    The outbox key is (item, rule, slot, recipient): a report submitted, returned and
    submitted again on the same day is a second event and must reach the supervisor again,
    so its slot moves past the first one instead of colliding with it.
    """
    if not emails:
        return {}
    taken = dict(
        db.session.execute(
            select(Notification.recipient_email, func.max(Notification.slot_on))
            .where(
                Notification.item_type == ItemType.REPORT,
                Notification.item_id == report_id,
                Notification.rule == rule,
                Notification.recipient_email.in_(emails),
            )
            .group_by(Notification.recipient_email)
        ).all()
    )
    return {
        email: max(today, taken[email] + timedelta(days=1)) if email in taken else today
        for email in emails
    }


def _details(report: ParticipationReport, rule: str) -> dict[str, Any]:
    """What the in-app notice needs to be worded in any language later."""
    details: dict[str, Any] = {
        "activity": report.activity.name,
        "author": report.person.name,
        "activity_id": report.activity_id,
    }
    if rule == R.REPORT_RETURNED:
        details["reason"] = report.return_reason or ""
    return details


def _person(person: Person) -> Recipient:
    user = person.user
    user_id = user.id if user is not None and user.is_enabled else None
    email = (person.email or "").strip().lower() or None
    return Recipient(
        Contact(email=email, name=person.name, language=person.language, person_id=person.id),
        user_id,
    )


def _unit() -> Contact:
    rules = R.Rules.from_config(current_app.config)
    return Contact(email=rules.unit_email or None, name="", language=rules.unit_language)


def _unique(contacts: Iterable[Contact]) -> list[Contact]:
    # The supervisor may be the unit's own mailbox: one row per address.
    return list({contact.email: contact for contact in contacts}.values())
