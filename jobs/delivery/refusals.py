"""What an SMTP error means: for the digest it hit, and for the digests after it.

RFC 5321: a 5xx reply is final, a 4xx one is worth another attempt, and 421 means the server is
closing the session. So a refusal of one message (550 mailbox unavailable, 552 too large, 554
policy, a 450 busy mailbox…) concerns that digest alone and the run goes on with the next one;
only 421 or a connection that is lost (reset, timed out, closed) stops the session, and then
every digest still to go waits for a retry.
"""

from __future__ import annotations

import smtplib
from enum import Enum
from typing import Any


class Verdict(Enum):
    REFUSED = "refused"  #: this message, for good: its rows fail
    DEFERRED = "deferred"  #: this message, for now: its rows retry after a backoff
    SESSION = "session"  #: the connection is gone: this digest and the rest wait


#: The reply that ends the session whatever command it answers.
CLOSING = 421


class MessageTooLarge(Exception):
    """A digest that exceeds the server's SIZE even at its smallest: it cannot go there."""

    def __init__(self, size: int, limit: int):
        super().__init__(size, limit)
        self.size, self.limit = size, limit

    def __str__(self) -> str:
        return (
            f"message too large for the SMTP server: {self.size} bytes at its smallest, "
            f"the server takes at most {self.limit} (SIZE)"
        )


def verdict(error: BaseException) -> Verdict:
    """What `error`, raised while sending one digest, means for it and for the run."""
    if isinstance(error, MessageTooLarge):
        return Verdict.REFUSED
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in error.recipients.values()]
        return _by_codes(codes)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return Verdict.SESSION
    if isinstance(error, (smtplib.SMTPSenderRefused, smtplib.SMTPDataError)):
        return _by_codes([error.smtp_code])
    return Verdict.SESSION  # anything else (a socket error, a timeout…) broke the session


def _by_codes(codes: list[int]) -> Verdict:
    if not codes or CLOSING in codes:
        return Verdict.SESSION
    if all(code >= 500 for code in codes):
        return Verdict.REFUSED
    return Verdict.DEFERRED


def describe(error: BaseException) -> str:
    """The error as stored on the rows and shown on /avisos/ (the server's words included)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [
            f"{address}: {code} {_text(reply)}"
            for address, (code, reply) in error.recipients.items()
        ]
        return "recipient refused: " + "; ".join(parts)
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__}: {error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, MessageTooLarge):
        return str(error)
    return f"{type(error).__name__}: {error}"[:1000]


def _text(reply: Any) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
