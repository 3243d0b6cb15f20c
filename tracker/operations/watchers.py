"""Following a follow-up: who is told of its changes besides its owner (flush, never commit).

Commenting on a follow-up or being assigned one makes you one of its watchers (as in Redmine
or Linear), written with the notices of that change (tracker.operations.user_notices); anyone
who can read it may follow or stop following it by hand.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select

from tracker.extensions import db
from tracker.models import FollowUp, FollowUpWatcher, Person, User


def watch(followup: FollowUp, user: User) -> bool:
    """`user` follows `followup` from now on; False if she already did."""
    if is_watching(followup.id, user.id):
        return False
    db.session.add(FollowUpWatcher(followup_id=followup.id, user_id=user.id))
    db.session.flush()
    return True


def unwatch(followup: FollowUp, user: User) -> bool:
    """`user` stops following `followup`; False if she did not follow it.

    An owner who stops following is still told of changes to what she owns: that comes with
    being responsible, not with watching.
    """
    result = db.session.execute(
        delete(FollowUpWatcher).where(
            FollowUpWatcher.followup_id == followup.id, FollowUpWatcher.user_id == user.id
        )
    )
    db.session.flush()
    return bool(result.rowcount)


def is_watching(followup_id: int, user_id: int) -> bool:
    return (
        db.session.scalar(
            select(FollowUpWatcher.user_id).where(
                FollowUpWatcher.followup_id == followup_id, FollowUpWatcher.user_id == user_id
            )
        )
        is not None
    )


def watcher_names(followup_id: int) -> list[tuple[int, str]]:
    """(user id, name) of each watcher with an enabled account, by name; one query."""
    rows = db.session.execute(
        select(User.id, Person.name)
        .join(FollowUpWatcher, FollowUpWatcher.user_id == User.id)
        .join(Person, User.person_id == Person.id)
        .where(FollowUpWatcher.followup_id == followup_id, User.is_enabled.is_(True))
        .order_by(Person.name, User.id)
    ).all()
    return [(user_id, name) for user_id, name in rows]


def watchers_by_followup(followup_ids: Iterable[int]) -> dict[int, dict[int, bool]]:
    """The watchers of many follow-ups at once, {followup id: {user id: account enabled}};
    one query. Disabled accounts are listed (so they are not added twice) but marked."""
    ids = sorted(set(followup_ids))
    found: dict[int, dict[int, bool]] = {followup_id: {} for followup_id in ids}
    if not ids:
        return found
    rows = db.session.execute(
        select(FollowUpWatcher.followup_id, FollowUpWatcher.user_id, User.is_enabled)
        .join(User, FollowUpWatcher.user_id == User.id)
        .where(FollowUpWatcher.followup_id.in_(ids))
    )
    for followup_id, user_id, enabled in rows:
        found[followup_id][user_id] = bool(enabled)
    return found


def start_watching(known: dict[int, dict[int, bool]], followup_id: int, user_id: int) -> bool:
    """Note in `known` (watchers_by_followup) that `user_id` watches `followup_id`; True if
    that is new, so the caller inserts the row (insert_watchers)."""
    watching = known.setdefault(followup_id, {})
    if user_id in watching:
        return False
    watching[user_id] = True
    return True


def insert_watchers(pairs: list[tuple[int, int]]) -> None:
    """Add the (follow-up id, user id) watchers, one INSERT for all of them."""
    if pairs:
        db.session.execute(
            insert(FollowUpWatcher),
            [{"followup_id": followup_id, "user_id": user_id} for followup_id, user_id in pairs],
        )
