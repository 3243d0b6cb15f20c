"""In-app notices of follow-ups (assigned to you, a comment, an @mention, a watched change),
and marking notices read. Flush, never commit.

The follow-up operations announce each change here as it happens (`followup_assigned`,
`followup_changed`, `followup_commented`); the notices themselves are written when the
request's or job's transaction commits, all of its changes at once: one query for the
accounts of the owners, one for the watchers, one INSERT for the notices and one for the
new watchers, whether the transaction changed one follow-up or a bulk change touched 500.
A change rolled back (a bulk item refused in its savepoint, a request that fails) takes its
announcement with it, so nobody is told of what did not happen.

Who is told, once per change even when several reasons apply (the most personal wins: a
mention, then an assignment, then a comment on what you own or watch, then a watched change):
the new owner when assigned; the owner and the watchers of a commented follow-up; the people
@mentioned in the comment (tracker.mentions); the owner and the watchers when the status,
the due date or the owner changes. Only enabled accounts; never whoever made the change.
Commenting and being assigned make you a watcher.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, insert, inspect, select, update
from sqlalchemy.orm import Session, SessionTransaction

from jobs import rules as R
from jobs.enqueue import enqueue
from jobs.plan import Contact, Notice
from tracker.clock import local_today
from tracker.extensions import db
from tracker.mentions import mentioned_user_ids
from tracker.models import FollowUp, ItemType, Person, User, UserNotice
from tracker.models.base import utcnow
from tracker.operations.watchers import insert_watchers, start_watching, watchers_by_followup

FOLLOWUP_ASSIGNED = "followup_assigned"
FOLLOWUP_COMMENT = "followup_comment"
FOLLOWUP_MENTION = "followup_mention"
FOLLOWUP_CHANGED = "followup_changed"
#: When one change concerns a reader in several ways, the first of these is her notice.
PRECEDENCE = (FOLLOWUP_MENTION, FOLLOWUP_ASSIGNED, FOLLOWUP_COMMENT, FOLLOWUP_CHANGED)
FOLLOWUP_KINDS = frozenset(PRECEDENCE)
#: The changes watchers are told of (a new title or description is not news).
ANNOUNCED_FIELDS = ("status", "due_on", "owner")
#: How much of a comment the notice quotes.
EXCERPT_CHARS = 200

_QUEUE = "tracker.followup_notices"


def mark_read(notice: UserNotice) -> None:
    """The notice was opened by its reader."""
    if notice.read_at is None:
        notice.read_at = utcnow()
        db.session.flush()


def mark_all_read(user: User) -> int:
    """Every unread notice of `user` is read now; returns how many."""
    result = db.session.execute(
        update(UserNotice)
        .where(UserNotice.user_id == user.id, UserNotice.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.flush()
    return result.rowcount


# --- announcing follow-up changes ---------------------------------------------------------


@dataclass
class _Announcement:
    """One change to one follow-up, waiting for its transaction to commit."""

    followup: FollowUp
    actor_id: int | None
    owner_person_id: int | None
    details: dict[str, Any]
    transaction: SessionTransaction | None
    assigned_person_id: int | None = None
    is_comment: bool = False
    changed: bool = False
    mentioned: list[int] = field(default_factory=list)


def followup_assigned(followup: FollowUp, actor: User | None) -> None:
    """A new follow-up has an owner (created, imported): tell her, unless she made it."""
    if followup.owner_id is not None:
        _queue(followup, actor, assigned_person_id=followup.owner_id)


def followup_changed(
    followup: FollowUp, actor: User | None, changes: dict, comment: str | None = None
) -> None:
    """Status, due date or owner changed (`changes` as the history records them)."""
    announced = {name: changes[name] for name in ANNOUNCED_FIELDS if name in changes}
    if not announced:
        return
    _queue(
        followup,
        actor,
        changed=True,
        changes=announced,
        comment=_excerpt(comment),
        assigned_person_id=followup.owner_id if "owner" in announced else None,
    )


def followup_commented(followup: FollowUp, actor: User | None, text: str) -> None:
    """A comment: its owner and watchers are told, and whoever it @mentions."""
    _queue(
        followup,
        actor,
        is_comment=True,
        comment=_excerpt(text),
        mentioned=mentioned_user_ids(text),
    )


def _queue(followup: FollowUp, actor: User | None, **values: Any) -> None:
    details = {"title": followup.title, "actor": actor.person.name if actor else ""}
    for key in ("changes", "comment"):
        value = values.pop(key, None)
        if value:
            details[key] = value
    session = db.session()
    session.info.setdefault(_QUEUE, []).append(
        _Announcement(
            followup=followup,
            actor_id=actor.id if actor is not None else None,
            owner_person_id=followup.owner_id,
            details=details,
            transaction=session.get_nested_transaction(),
            **values,
        )
    )


def _excerpt(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    if len(text) <= EXCERPT_CHARS:
        return text or None
    return text[: EXCERPT_CHARS - 1].rstrip() + "…"


def write_announced(session: Session) -> int:
    """Write the notices (and new watchers) of the changes announced in `session`; returns
    how many notices. Called when the transaction commits; callable earlier to see them."""
    pending = [a for a in session.info.pop(_QUEUE, []) if not inspect(a.followup).was_deleted]
    if not pending:
        return 0
    people = {a.owner_person_id for a in pending} | {a.assigned_person_id for a in pending}
    people.discard(None)
    accounts = (
        dict(
            session.execute(
                select(User.person_id, User.id).where(
                    User.person_id.in_(sorted(people)), User.is_enabled.is_(True)
                )
            ).all()
        )
        if people
        else {}
    )
    watchers = watchers_by_followup(a.followup.id for a in pending)
    notices: list[dict[str, Any]] = []
    new_watchers: list[tuple[int, int]] = []
    assigned: set[tuple[int, int]] = set()
    for announcement in pending:
        followup_id = announcement.followup.id
        for notice in _notices_of(announcement, accounts, watchers[followup_id]):
            pair = (followup_id, notice["user_id"])
            if notice["kind"] == FOLLOWUP_CHANGED and pair in assigned:
                continue  # told it is hers in this same save: its first state is no news
            if notice["kind"] == FOLLOWUP_ASSIGNED:
                assigned.add(pair)
            notices.append(notice)
        joining = [accounts.get(announcement.assigned_person_id)]
        if announcement.is_comment:
            joining.append(announcement.actor_id)
        for user_id in joining:
            if user_id is not None and start_watching(watchers, followup_id, user_id):
                new_watchers.append((followup_id, user_id))
    insert_watchers(new_watchers)
    if notices:
        session.execute(insert(UserNotice), notices)
        _mail_to_who_asked(session, notices, {a.followup.id: a.followup for a in pending})
    return len(notices)


def _mail_to_who_asked(
    session: Session, notices: list[dict[str, Any]], followups: dict[int, FollowUp]
) -> None:
    """Queue today's digest line for each (reader, follow-up) whose reader asked in her
    profile to get her notices by mail too (User.notices_by_mail): one line per follow-up
    and day, however many notices it had (the outbox key keeps a second one out), worded
    when the mail is built (jobs/delivery/news.py)."""
    readers = {notice["user_id"] for notice in notices}
    contacts = {
        row.id: Contact(
            email=row.email.strip().lower(),
            name=row.name,
            language=row.language,
            person_id=row.person_id,
        )
        for row in session.execute(
            select(
                User.id, Person.id.label("person_id"), Person.email, Person.name, Person.language
            )
            .join(Person, Person.id == User.person_id)
            .where(
                User.id.in_(sorted(readers)),
                User.notices_by_mail.is_(True),
                User.is_enabled.is_(True),
                Person.email.is_not(None),
                Person.email != "",
            )
        )
    }
    if not contacts:
        return
    today = local_today()
    pairs = dict.fromkeys(
        (notice["user_id"], notice["item_id"])
        for notice in notices
        if notice["user_id"] in contacts
    )
    enqueue(
        Notice(
            item_type=ItemType.FOLLOWUP.value,
            item_id=followup_id,
            rule=R.FOLLOWUP_NEWS,
            slot=today,
            recipient=contacts[user_id],
            title=followups[followup_id].title,
            due_date=followups[followup_id].due_on,
        )
        for user_id, followup_id in pairs
    )


def _notices_of(
    announcement: _Announcement, accounts: dict[int, int], watching: dict[int, bool]
) -> list[dict[str, Any]]:
    """One notice row per reader of this change, of the kind that concerns her most."""
    kinds: dict[int, str] = {}

    def offer(user_id: int | None, kind: str) -> None:
        if user_id is None or user_id == announcement.actor_id:
            return
        current = kinds.get(user_id)
        if current is None or PRECEDENCE.index(kind) < PRECEDENCE.index(current):
            kinds[user_id] = kind

    if announcement.is_comment or announcement.changed:
        kind = FOLLOWUP_COMMENT if announcement.is_comment else FOLLOWUP_CHANGED
        offer(accounts.get(announcement.owner_person_id), kind)
        for user_id, enabled in watching.items():
            if enabled:
                offer(user_id, kind)
    offer(accounts.get(announcement.assigned_person_id), FOLLOWUP_ASSIGNED)
    for user_id in announcement.mentioned:
        offer(user_id, FOLLOWUP_MENTION)
    now = utcnow()
    return [
        {
            "user_id": user_id,
            "kind": kind,
            "item_type": ItemType.FOLLOWUP.value,
            "item_id": announcement.followup.id,
            "actor_id": announcement.actor_id,
            "details": announcement.details,
            "created_at": now,
        }
        for user_id, kind in sorted(kinds.items())
    ]


@event.listens_for(Session, "before_commit")
def _write_on_commit(session: Session) -> None:
    # A savepoint's commit is not the end: its changes may still be rolled back with the
    # transaction around it, so only the outermost commit writes.
    if session.info.get(_QUEUE) and not session.in_nested_transaction():
        write_announced(session)


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back(session: Session, previous: SessionTransaction) -> None:
    pending = session.info.get(_QUEUE)
    if not pending:
        return
    if not previous.nested:
        if previous.parent is None:
            session.info.pop(_QUEUE, None)
        return
    session.info[_QUEUE] = [a for a in pending if not _inside(a.transaction, previous)]


def _inside(transaction: SessionTransaction | None, savepoint: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is savepoint:
            return True
        transaction = transaction.parent
    return False
