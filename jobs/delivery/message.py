"""Message: a rendered digest as a mail, through Flask-Mail's public Message.

Flask-Mail (on the standard library's email package) writes the MIME structure, headers and
transfer encodings; nothing here touches its internals. The size check uses the bytes it
writes, as the server will count them (`wire_size`).
"""

from __future__ import annotations

import time

from flask import current_app
from flask_mail import Message

from jobs.delivery.digest import Digest

#: Auto-replies ("out of office") should not answer a robot.
HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}


def message(digest: Digest) -> Message:
    return Message(
        subject=digest.subject,
        recipients=[digest.recipient_email],
        body=digest.text,
        html=digest.html,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        extra_headers=dict(HEADERS),
        date=time.time(),
    )


def wire_size(data: bytes) -> int:
    """The message's size as the server counts it in DATA: a line that starts with "." is
    sent with one more (RFC 5321 4.5.2), and the end of the last line is added if missing."""
    size = len(data) + data.count(b"\n.") + data.startswith(b".")
    return size if data.endswith(b"\r\n") else size + 2
