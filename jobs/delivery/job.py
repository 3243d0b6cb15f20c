"""The delivery job: claimed rows, a batch of whole recipients at a time, through the pipeline
drawn in jobs/delivery/__init__.py.

Memory is bounded by a batch (BATCH_ROWS rows, or one recipient's digest when it is larger),
not by the outbox: only the claimed ids stay in memory for the whole run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from flask import current_app

from jobs.delivery.digest import Digest, build_digests
from jobs.delivery.links import Links, issue_links
from jobs.delivery.load import load_rows
from jobs.delivery.outbox import CLAIM, ClaimedRow, DeliveryResult, claim
from jobs.delivery.sender import Sender
from jobs.delivery.transport import mail_suppressed
from jobs.delivery.wording import Texts
from jobs.rules import Rules
from tracker.extensions import db
from tracker.models.base import utcnow

log = logging.getLogger(__name__)

#: Claimed rows loaded, checked and turned into digests at a time (whole recipients only).
BATCH_ROWS = 5000

Batch = list[tuple[str, list[ClaimedRow]]]


def deliver(today: date | None = None, now: datetime | None = None) -> DeliveryResult:
    """Send every pending reminder whose attempt is due, one digest per recipient."""
    now = now or utcnow()
    rules = Rules.from_config(current_app.config)
    today = today or rules.today(now)
    result = DeliveryResult()
    if mail_suppressed():
        result.suppressed = True
        log.info("mail is suppressed (MAIL_SUPPRESS_SEND); reminders stay in the outbox")
        return result
    claimed = claim(now)
    if not claimed:
        return result
    links, texts = Links(), Texts(today)
    with _cheap_commits(), Sender(now, now + CLAIM, result) as sender:
        for batch in batches(claimed):
            digests = load_digests(batch, today, links, result)
            db.session.commit()
            if digests and sender.open():
                issue_links(digests, links, now)
                db.session.commit()
            for digest in digests:
                sender.send(digest, today, texts)
            del digests  # before the next batch is loaded, not after
    return result


def load_digests(batch: Batch, today: date, links: Links, result: DeliveryResult) -> list[Digest]:
    """The batch's digests; rows that no longer apply are marked skipped (the caller commits)."""
    return build_digests(load_rows(batch, result), today, links)


def batches(claimed: dict[str, list[ClaimedRow]]) -> Iterator[Batch]:
    """Recipients with their rows, about BATCH_ROWS rows at a time; never splits one."""
    batch: Batch = []
    size = 0
    for email, rows in claimed.items():
        if batch and size + len(rows) > BATCH_ROWS:
            yield batch
            batch, size = [], 0
        batch.append((email, rows))
        size += len(rows)
    if batch:
        yield batch


@contextmanager
def _cheap_commits():
    """Commit per digest without expiring every object the session holds (a commit costs as
    much as the identity map is large). Digests are plain data, so nothing read during
    sending can be stale; everything is expired once after.
    """
    session = db.session()
    session.expire_on_commit = False
    try:
        yield
    finally:
        session.expire_on_commit = True
        session.expire_all()
