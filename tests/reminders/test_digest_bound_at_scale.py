"""100,000 follow-ups, a relay that refuses mail over 10 MB (Postfix's default
message_size_limit): every recipient still gets a digest, and none is over the limit.

Before digests were bounded, the unit's digest alone was 15.7 MB: the relay answered 552 to
its MAIL FROM … SIZE= and no reminder reached anyone, that run or the next.
"""

import threading
import time
from datetime import date

import pytest
from aiosmtpd.controller import Controller

from bench.seed import seed
from jobs.run import run_reminders
from tests.reminders.helpers import at, free_port
from tracker.models import Notification

TODAY = date(2026, 6, 1)
LIMIT = 10 * 1024 * 1024


class SizeRecorder:
    """Accepts every mail within the limit and keeps only its recipients and size."""

    def __init__(self):
        self.sizes: dict[str, list[int]] = {}
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            for address in envelope.rcpt_tos:
                self.sizes.setdefault(address, []).append(len(envelope.original_content))
        return "250 OK"


@pytest.fixture
def relay_10mb(app, smtp):
    """A real SMTP server that announces SIZE 10 MB and refuses anything larger (552)."""
    recorder = SizeRecorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), data_size_limit=LIMIT)
    controller.start()
    app.config["MAIL_PORT"] = app.extensions["mail"].port = controller.port  # `smtp` restores it
    yield recorder
    controller.stop()


def test_100k_follow_ups_reach_every_recipient_within_the_relays_size_limit(relay_10mb, db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip(
            "SQLite only: the size bound does not depend on the database, and seeding and "
            "sending 100,000 follow-ups again on PostgreSQL would double this test's minute"
        )
    seed(followups=100_000, people=500, projects=100, today=TODAY, seed_value=1)
    db.session.commit()

    started = time.monotonic()
    result = run_reminders(TODAY, now=at(TODAY))
    elapsed = time.monotonic() - started

    recipients = set(db.session.scalars(db.select(Notification.recipient_email).distinct()))
    assert len(recipients) > 400 and result.enqueued > 70_000  # results and milestones: fewer
    assert (result.sent, result.failed) == (result.enqueued, 0)
    assert set(relay_10mb.sizes) == recipients
    assert all(len(sizes) == 1 for sizes in relay_10mb.sizes.values()), "one digest each"
    largest = max(size for sizes in relay_10mb.sizes.values() for size in sizes)
    assert largest < LIMIT
    print(f"\n100k: {elapsed:.1f} s, {len(recipients)} digests, largest {largest:,} bytes")
