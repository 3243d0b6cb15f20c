"""A message the server refuses concerns that digest alone: the run goes on with the next
recipient over the same connection (or a new one when the server hung up after refusing);
only 421 or a lost connection makes the rest wait. Against a real aiosmtpd server whose
handler refuses the DATA of chosen recipients."""

import asyncio
from datetime import date, timedelta

import pytest
from aiosmtpd.controller import Controller

from jobs.run import run_reminders
from tests.reliability.conftest import FaultyRecorder, seed_overdue
from tests.reminders.conftest import SMTPServer
from tests.reminders.helpers import at, free_port, rows
from tracker.models import NotificationStatus
from tracker.models.enums import Role

TODAY = date(2025, 6, 16)
NOW = at(TODAY)
PENDING, SENT, FAILED = (
    NotificationStatus.PENDING,
    NotificationStatus.SENT,
    NotificationStatus.FAILED,
)


class RefusingRecorder(FaultyRecorder):
    """Answers the DATA of the addresses in `replies` with the reply given (after reading the
    message, as a relay that checks content or size does); with `hang_up`, closes the
    connection right after that reply."""

    def __init__(self):
        super().__init__()
        self.replies: dict[str, str] = {}
        self.hang_up = False

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            if address.lower() in self.replies:
                if self.hang_up:
                    asyncio.get_running_loop().call_soon(server.transport.close)
                return self.replies[address.lower()]
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def refusing(app, smtp):
    recorder = RefusingRecorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    server = SMTPServer(app, controller, recorder)
    server.up()
    yield server
    controller.stop()


def test_a_552_for_one_recipient_fails_it_alone_and_shows_on_the_outbox_page(
    refusing, make, client, db
):
    emails = seed_overdue(5, TODAY)
    refusing.recorder.replies[emails[1]] = "552 5.3.4 Message size exceeds fixed limit"

    result = run_reminders(TODAY, now=NOW)

    assert (result.sent, result.failed, result.delivery.retrying) == (4, 1, 0)
    assert refusing.recorder.per_recipient() == {e: 1 for e in emails if e != emails[1]}
    assert len({mail.peer for mail in refusing.received}) == 1, "one connection throughout"
    [refused] = rows(recipient_email=emails[1])
    assert refused.status == FAILED and refused.attempts == 1
    assert refused.last_error == "SMTPDataError: 552 5.3.4 Message size exceeds fixed limit"
    assert {r.status for r in rows() if r.recipient_email != emails[1]} == {SENT}

    coordinator = make.user(Role.COORDINATOR, email="coord@example.org")
    client.login(coordinator)
    page = client.get("/avisos/?status=failed")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "552 5.3.4 Message size exceeds fixed limit" in html and emails[1] in html

    assert run_reminders(TODAY, now=NOW + timedelta(hours=1)).sent == 0, "failed stays failed"


def test_a_server_that_hangs_up_after_refusing_gets_a_new_connection_for_the_rest(
    refusing, make, db
):
    emails = seed_overdue(4, TODAY)
    refusing.recorder.replies[emails[1]] = "554 5.7.1 Rejected by policy"
    refusing.recorder.hang_up = True

    result = run_reminders(TODAY, now=NOW)

    assert (result.sent, result.failed, result.delivery.retrying) == (3, 1, 0)
    assert refusing.recorder.per_recipient() == {e: 1 for e in emails if e != emails[1]}
    peers = [mail.peer for mail in refusing.received]
    assert peers[0] != peers[1] == peers[2], "a new connection after the hang-up"
    assert rows(recipient_email=emails[1])[0].last_error.startswith("SMTPDataError: 554")


def test_a_4xx_for_one_message_retries_it_later_and_the_others_go(refusing, make, db):
    emails = seed_overdue(3, TODAY)
    refusing.recorder.replies[emails[0]] = "451 4.3.0 Temporary content scan failure"

    result = run_reminders(TODAY, now=NOW)

    assert (result.sent, result.failed, result.delivery.retrying) == (2, 0, 1)
    [deferred] = rows(recipient_email=emails[0])
    assert (deferred.status, deferred.attempts) == (PENDING, 1)
    assert deferred.next_attempt_at == NOW + timedelta(minutes=5)
    assert "451 4.3.0" in deferred.last_error

    refusing.recorder.replies.clear()
    again = run_reminders(TODAY, now=NOW + timedelta(minutes=5))
    assert again.sent == 1
    assert refusing.recorder.per_recipient() == {e: 1 for e in emails}


def test_a_421_closes_the_session_and_every_digest_after_it_waits(refusing, make, db):
    emails = seed_overdue(4, TODAY)
    refusing.recorder.replies[emails[1]] = "421 4.3.2 Service shutting down"

    result = run_reminders(TODAY, now=NOW)

    assert (result.sent, result.failed, result.delivery.retrying) == (1, 0, 3)
    assert refusing.recorder.per_recipient() == {emails[0]: 1}
    assert {r.status for r in rows() if r.recipient_email != emails[0]} == {PENDING}
