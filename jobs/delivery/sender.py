"""Send: each digest over the run's one SMTP connection, and its rows stamped with the outcome.

A refusal of one message (a 5xx, or a 4xx other than 421) fails or defers that digest alone, and
the next one goes over the same connection (smtplib resets the transaction), or over a new one
when the server hung up after refusing. Once the connection is lost, every digest after it waits
for a retry (as the one that was being sent): they are recorded as failures with the
connection's error and a backoff. A digest larger than the server's SIZE is sent with fewer
lines (jobs.delivery.bound.shrink), or fails alone when even the smallest is too large.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import date, datetime

from flask_mail import Message

from jobs.delivery.bound import forget_links, shrink
from jobs.delivery.digest import Digest
from jobs.delivery.message import message, wire_size
from jobs.delivery.outbox import DeliveryResult, mark_sent, record_failure, still_claimed
from jobs.delivery.refusals import MessageTooLarge, Verdict, describe, verdict
from jobs.delivery.render import render
from jobs.delivery.transport import SMTPConnection, smtp_connection
from jobs.delivery.wording import Texts
from tracker.extensions import db
from tracker.models.base import utcnow

log = logging.getLogger(__name__)


class Sender:
    """The run's SMTP connection, opened when the first digest is ready to go."""

    def __init__(self, now: datetime, claimed_until: datetime, result: DeliveryResult):
        self.now = now
        self.claimed_until = claimed_until
        self.result = result
        self.connection: SMTPConnection | None = None
        self.error: str | None = None  #: what took the connection down
        self.waiting = 0  #: digests that wait because of it
        self.just_refused = False  #: the last message was refused (the server may hang up)

    def __enter__(self) -> Sender:
        return self

    def __exit__(self, *exc_info) -> None:
        self._close()
        if self.waiting:
            log.warning("SMTP unavailable, %d digests wait: %s", self.waiting, self.error)

    def _close(self) -> None:
        if self.connection is not None:
            connection, self.connection = self.connection, None
            connection.__exit__(None, None, None)

    def _down(self, error: BaseException) -> None:
        self.error = describe(error)
        self._close()

    def _reconnect(self) -> bool:
        self._close()
        self.error = None
        return self.open()

    def open(self) -> bool:
        """Whether the connection is (now) open; False once it has failed."""
        if self.connection is None and self.error is None:
            connection = smtp_connection()
            try:
                connection.__enter__()
            except (smtplib.SMTPException, OSError) as error:
                self._down(error)
            else:
                self.connection = connection
        return self.error is None

    def _fail(self, digest: Digest, error: str, permanent: bool = False) -> None:
        record_failure(digest.rows, error, self.now, self.result, permanent)

    def send(self, digest: Digest, today: date, texts: Texts) -> None:
        """Render and send one digest, then record the outcome (committed)."""
        if not still_claimed(digest.rows, self.claimed_until):
            # A run that outlasted its claim: another deliverer took these rows over (and
            # sends them). Only the digest that was in flight then can go out twice.
            log.warning(
                "claim expired: %s left to the run that took it over", digest.recipient_email
            )
            return
        if not self.open():
            self.waiting += 1
            self._fail(digest, self.error)
            db.session.commit()
            return
        try:
            mail, data = self._compose(digest, today, texts)
        except MessageTooLarge as error:
            log.warning("digest for %s not sent: %s", digest.recipient_email, error)
            self._fail(digest, describe(error), permanent=True)
        except Exception as error:  # a bug in one digest must not block the others
            log.exception("could not build the digest for %s", digest.recipient_email)
            db.session.rollback()
            self._fail(digest, describe(error))
        else:
            self._deliver(digest, mail, data)
        db.session.commit()

    def _compose(self, digest: Digest, today: date, texts: Texts) -> tuple[Message, bytes]:
        """The digest as a message within the server's SIZE: fewer lines while it is over."""
        limit = self.connection.size_limit
        while True:
            render(digest, today, texts)
            mail = message(digest)
            data = mail.as_bytes()
            size = wire_size(data)
            if limit is None or size <= limit:
                break
            dropped = shrink(digest)
            if dropped is None:
                raise MessageTooLarge(size, limit)
            log.info("digest for %s over SIZE %d: fewer lines", digest.recipient_email, limit)
            forget_links(digest, dropped, self.now)
            db.session.commit()
        # The rendered digest lives on as the message's bytes only.
        digest.text, digest.html, digest.lines, digest.bound = "", "", [], None
        mail.body = mail.html = None
        return mail, data

    def _deliver(self, digest: Digest, mail: Message, data: bytes, again: bool = False) -> None:
        try:
            self.connection.send_bytes(mail, data)
        except (smtplib.SMTPException, OSError) as error:
            db.session.rollback()
            outcome = verdict(error)
            if outcome is Verdict.SESSION:
                hung_up = isinstance(error, smtplib.SMTPServerDisconnected)
                if hung_up and self.just_refused and not again and self._reconnect():
                    # It closed the session after refusing the previous message.
                    self.just_refused = False
                    return self._deliver(digest, mail, data, again=True)
                # The connection is gone: this digest and the rest wait for a retry.
                self._down(error)
                self.waiting += 1
                self._fail(digest, self.error)
                return
            log.warning("SMTP refused the digest for %s: %s", digest.recipient_email, error)
            self._fail(digest, describe(error), outcome is Verdict.REFUSED)
            self.just_refused = True
            if self.connection.is_dropped:
                self._reconnect()  # a failure here leaves the next digests waiting
        except Exception as error:  # e.g. a header Flask-Mail refuses: this digest only
            log.exception("could not send the digest for %s", digest.recipient_email)
            db.session.rollback()
            self._fail(digest, describe(error))
        else:
            self.just_refused = False
            mark_sent(digest.rows, utcnow())
            self.result.sent += len(digest.rows)
            self.result.mails += 1
