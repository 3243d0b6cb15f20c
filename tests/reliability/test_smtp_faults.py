"""SMTP faults the reminder tests do not already cover, each followed by recovery.

Already covered in tests/reminders/test_delivery.py, and not repeated here:
- connection refused → rows pending with attempts, error, backoff; the next run after the
  backoff delivers everything once (test_smtp_down_rows_wait_…);
- the backoff schedule and `failed` after REMINDER_MAX_ATTEMPTS (test_backoff_grows_…);
- one 550 recipient fails alone (test_a_refused_recipient_does_not_stop_the_others);
- a listening socket that never greets → the row waits (test_a_server_that_never_answers_…),
  without the row's attempts/backoff or a recovery.

Added: a server that accepts and never answers (timeout at the greeting, then recovery), a
server that stalls in the middle of a session (timeout after some digests went out), and a
4xx temporary refusal next to a 5xx permanent one (retry vs. failed, then resend). Every test
ends with each recipient having received exactly one mail.
"""

import time
from datetime import date, timedelta

from jobs.delivery import deliver
from jobs.run import run_reminders
from tests.reliability.conftest import seed_overdue
from tests.reminders.helpers import at, rows
from tracker.models import NotificationStatus
from tracker.operations.notifications import resend

TODAY = date(2025, 6, 16)
NOW = at(TODAY)
BACKOFF = timedelta(minutes=5)  # REMINDER_BACKOFF_MINUTES starts at 5
PENDING, SENT, FAILED = (
    NotificationStatus.PENDING,
    NotificationStatus.SENT,
    NotificationStatus.FAILED,
)


def test_a_server_that_accepts_and_never_answers_times_out_once_then_all_go_once(
    relay, silent_server, make, db, config
):
    config(MAIL_TIMEOUT=1)
    emails = seed_overdue(3, TODAY)
    relay._point_to(silent_server.port)

    started = time.monotonic()
    result = run_reminders(TODAY, now=NOW)
    elapsed = time.monotonic() - started

    assert silent_server.accepted, "the TCP connection was accepted"
    assert elapsed < 4, "one timeout for the run, not one per digest"
    assert (result.enqueued, result.sent, result.failed, result.delivery.retrying) == (3, 0, 0, 3)
    for row in rows():
        assert (row.status, row.attempts, row.sent_at) == (PENDING, 1, None)
        assert "timed out" in row.last_error
        assert row.next_attempt_at == NOW + BACKOFF

    relay.up()
    assert deliver(TODAY, NOW + BACKOFF - timedelta(seconds=1)).sent == 0, "backoff honoured"
    recovered = run_reminders(TODAY, now=NOW + BACKOFF)
    assert (recovered.enqueued, recovered.sent) == (0, 3)
    assert relay.recorder.per_recipient() == {email: 1 for email in emails}
    assert {(r.status, r.attempts) for r in rows()} == {(SENT, 1)}
    assert run_reminders(TODAY, now=NOW + 2 * BACKOFF).sent == 0


def test_a_server_that_stalls_mid_session_times_out_and_the_rest_wait(relay, make, db, config):
    config(MAIL_TIMEOUT=1)
    emails = seed_overdue(5, TODAY)
    relay.recorder.stall_after = 2  # the third DATA never gets its reply (nor is it kept)

    result = run_reminders(TODAY, now=NOW)

    assert (result.sent, result.delivery.retrying) == (2, 3)
    delivered = set(relay.recorder.per_recipient())
    assert len(delivered) == 2
    assert len({mail.peer for mail in relay.received}) == 1, "one connection"
    for row in rows():
        if row.recipient_email in delivered:
            assert (row.status, row.attempts, row.last_error) == (SENT, 0, None)
        else:
            assert (row.status, row.attempts, row.sent_at) == (PENDING, 1, None)
            assert "timed out" in row.last_error
            assert row.next_attempt_at == NOW + BACKOFF

    relay.recorder.stall_after = None
    relay.recorder.release.set()
    recovered = deliver(TODAY, NOW + BACKOFF)
    assert (recovered.sent, recovered.retrying, recovered.failed) == (3, 0, 0)
    assert relay.recorder.per_recipient() == {email: 1 for email in emails}
    assert {r.status for r in rows()} == {SENT}


def test_a_4xx_recipient_is_retried_a_5xx_one_fails_and_each_arrives_once_in_the_end(
    relay, make, db
):
    """450 is temporary: the row waits for its backoff. 550 is final: the row is `failed` and
    no later delivery touches it until a coordinator resends it."""
    emails = seed_overdue(4, TODAY)
    busy, gone = emails[1], emails[2]
    relay.recorder.deferred.add(busy)
    relay.refuse(gone)

    result = run_reminders(TODAY, now=NOW)

    assert (result.sent, result.delivery.retrying, result.failed) == (2, 1, 1)
    [deferred] = rows(recipient_email=busy)
    assert (deferred.status, deferred.attempts) == (PENDING, 1)
    assert "450" in deferred.last_error and busy in deferred.last_error
    assert deferred.next_attempt_at == NOW + BACKOFF
    [refused] = rows(recipient_email=gone)
    assert (refused.status, refused.attempts) == (FAILED, 1)
    assert "550" in refused.last_error and gone in refused.last_error
    assert refused.sent_at is None

    relay.recorder.deferred.clear()
    relay.recorder.refused.clear()
    retried = deliver(TODAY, NOW + BACKOFF)
    assert (retried.sent, retried.failed) == (1, 0), "the 450 row only"
    assert deliver(TODAY, NOW + timedelta(days=1)).sent == 0, "a failed row waits for a resend"
    db.session.refresh(refused)
    assert (refused.status, refused.attempts) == (FAILED, 1)

    resend(refused, None, now=NOW + timedelta(days=1))
    db.session.commit()
    assert deliver(TODAY, NOW + timedelta(days=1)).sent == 1
    assert relay.recorder.per_recipient() == {email: 1 for email in emails}
    assert {r.status for r in rows()} == {SENT}
