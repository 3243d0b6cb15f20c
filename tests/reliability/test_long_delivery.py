"""A delivery that lasts longer than its claim, in one scheduler process."""

import queue
from datetime import UTC, date, datetime, timedelta

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED

from jobs.delivery import CLAIM
from jobs.scheduler import JobRunner, build_scheduler
from tests.reliability.conftest import seed_overdue
from tests.reminders.helpers import at

TODAY = date(2025, 6, 16)
T = at(TODAY, 14)  # 08:00 in Costa Rica, past the daily hour: the catch-up runs the daily job


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_a_delivery_longer_than_its_claim_is_not_doubled_by_the_retry_job(app, relay, make, db):
    """What DESIGN.md and jobs/delivery promise: nothing is sent twice, except at most the one
    digest in flight when a process dies.

    The run: one real APScheduler with the project's jobs, one lease holder. The daily job
    (started by the catch-up) claims the 10 due rows at T, sends 2 digests, and the relay is
    slow on the 3rd. In production "slow" is a rate-limited relay (e.g. 30 messages/minute:
    450 digests take 15 minutes) — here the 3rd message is simply held while the clock says
    the run has been going for CLAIM + 1 minute. Then the retry job fires, as it does every 5
    minutes: it runs beside the daily job (different job id, default thread pool), passes the
    lease (same holder), finds the daily run's rows due again (claim expired) and sends them.
    The daily run then resumes with the digests it loaded before and sends them again.
    """
    emails = seed_overdue(10, TODAY)
    relay.recorder.stall_after, relay.recorder.stalls = 2, 1  # only the daily run's 3rd mail
    relay.recorder.accept_stalled = True  # slow, not lost: answered 250 when released
    clock = Clock(T)
    scheduler = build_scheduler(app, JobRunner(app, holder="one", clock=clock), blocking=False)
    events: queue.Queue = queue.Queue()
    scheduler.add_listener(events.put, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    finished = {}
    try:
        scheduler.start()
        assert relay.recorder.stalled.wait(timeout=20), "the daily run never reached mail 3"
        clock.now = T + CLAIM + timedelta(minutes=1)
        scheduler.get_job("reminders-retry").modify(next_run_time=datetime.now(UTC))
        first = events.get(timeout=20)
        finished[first.job_id] = first
        relay.recorder.release.set()
        second = events.get(timeout=20)
        finished[second.job_id] = second
    finally:
        relay.recorder.release.set()
        scheduler.shutdown(wait=True)

    assert set(finished) == {"reminders-retry", "reminders-catch-up"}
    assert all(event.exception is None for event in finished.values())
    received = relay.recorder.per_recipient()
    assert set(received) == set(emails), "nothing lost"
    twice = sorted(address for address, count in received.items() if count > 1)
    assert len(twice) <= 1, f"{len(twice)} of {len(emails)} digests delivered twice: {twice}"
