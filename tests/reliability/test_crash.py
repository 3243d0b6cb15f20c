"""A reminder run killed (SIGKILL) in the middle of its delivery, then run again."""

import signal
import subprocess
from datetime import date, timedelta

from sqlalchemy import update

from tests.reliability.conftest import (
    ROOT,
    TRACKER,
    database_url,
    seed_overdue,
    status_counts,
    tracker_env,
)
from tests.reminders.helpers import rows
from tracker.models import Notification, NotificationStatus
from tracker.models.base import utcnow

TODAY = date(2025, 6, 16)
PEOPLE = 200
KILL_AT = 50  #: digests the server has answered when the run is killed


def test_sigkill_mid_delivery_loses_nothing_and_repeats_at_most_the_digest_in_flight(
    relay, make, db, tmp_path
):
    """The guarantee: a run killed at any point loses no notice, and a later run (once the
    killed run's claim has expired) sends every digest that had not been recorded as sent;
    at most ONE digest — the one on the wire when the process died — reaches its recipient
    twice (delivery is at-least-once, with a window of one message).

    Setup: 200 people with an overdue follow-up each (one row, one digest, one mail each), a
    real `tracker reminders run` process, and an SMTP relay that answers 50 messages and then
    holds the 51st without answering. The process is killed while it waits for that answer,
    and the relay keeps that mail: the worst moment, the server has the mail and the outbox
    does not know.

    The claim: delivery first claims the due rows by pushing their next attempt 15 minutes
    ahead (jobs/delivery/outbox.py CLAIM), so a restart right away sends nothing; the rows are due
    again once the claim expires. The CLI has no option for "now" (`--today` only sets the
    planning day; the clock is the real one), so the test moves the claimed rows'
    next_attempt_at into the past, as 15 minutes of waiting would.
    """
    emails = seed_overdue(PEOPLE, TODAY)
    relay.recorder.stall_after = KILL_AT
    relay.recorder.accept_stalled = True
    env = tracker_env(database_url(), mail_port=relay.port, MAIL_TIMEOUT="60")
    command = [str(TRACKER), "reminders", "run", "--today", TODAY.isoformat()]

    with (tmp_path / "killed.log").open("w+") as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)
        try:
            reached = relay.recorder.stalled.wait(timeout=60)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        log.seek(0)
        output = log.read()
    assert reached, f"the run never reached message {KILL_AT + 1}:\n{output}"
    assert process.returncode == -signal.SIGKILL
    relay.recorder.stall_after = None
    relay.recorder.release.set()  # the relay keeps the 51st mail; its 250 goes nowhere

    # What the killed run left: 50 digests recorded as sent, the rest claimed and pending.
    assert len(relay.received) == KILL_AT + 1
    in_flight = relay.received[KILL_AT].recipients[0]
    assert status_counts() == {
        NotificationStatus.SENT: KILL_AT,
        NotificationStatus.PENDING: PEOPLE - KILL_AT,
    }
    now = utcnow()
    pending = rows(status=NotificationStatus.PENDING)
    assert in_flight in {r.recipient_email for r in pending}, "not recorded as sent"
    assert all(r.attempts == 0 and r.next_attempt_at > now for r in pending), "claimed"
    assert {r.recipient_email for r in rows(status=NotificationStatus.SENT)} == {
        address for mail in relay.received[:KILL_AT] for address in mail.recipients
    }
    db.session.rollback()

    restarted = _run(env)
    assert restarted.stdout.strip().endswith("planned=200 enqueued=0 sent=0 failed=0"), (
        "the claim holds: nothing goes out twice right away"
    )
    assert len(relay.received) == KILL_AT + 1

    # 15 minutes later (see the docstring): the claim has expired.
    db.session.execute(
        update(Notification)
        .where(Notification.status == NotificationStatus.PENDING)
        .values(next_attempt_at=utcnow() - timedelta(seconds=1))
    )
    db.session.commit()
    later = _run(env)
    assert later.stdout.strip().endswith(
        f"planned=200 enqueued=0 sent={PEOPLE - KILL_AT} failed=0"
    ), later.stdout + later.stderr

    received = relay.recorder.per_recipient()
    lost = set(emails) - set(received)
    twice = {address for address, count in received.items() if count > 1}
    assert lost == set(), f"{len(lost)} notices lost"
    assert set(received) == set(emails)
    assert twice == {in_flight}, "only the digest in flight is repeated"
    assert received[in_flight] == 2
    assert len(relay.received) == PEOPLE + 1
    assert status_counts() == {NotificationStatus.SENT: PEOPLE}


def _run(env):
    result = subprocess.run(
        [str(TRACKER), "reminders", "run", "--today", TODAY.isoformat()],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result
