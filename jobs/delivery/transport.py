"""Transport: the run's one SMTP connection — Flask-Mail's, with a timeout, the server's SIZE,
and sending the bytes the size was checked on. What an SMTP error means is jobs.delivery.refusals.
"""

from __future__ import annotations

import smtplib

from flask import current_app
from flask_mail import BadHeaderError, Connection, Message, sanitize_address, sanitize_addresses


class SMTPConnection(Connection):
    """Flask-Mail's connection with a socket timeout and a close that never masks an error.

    Flask-Mail 0.10 opens smtplib without a timeout (a hung relay would hang the job) and its
    exit calls QUIT, which raises again on a connection that already broke.
    """

    def __init__(self, mail, timeout: float):
        super().__init__(mail)
        self.timeout = timeout

    def configure_host(self) -> smtplib.SMTP:
        smtp_class = smtplib.SMTP_SSL if self.mail.use_ssl else smtplib.SMTP
        host = smtp_class(self.mail.server, self.mail.port, timeout=self.timeout)
        try:
            host.set_debuglevel(int(self.mail.debug))
            if self.mail.use_tls:
                host.starttls()
            if self.mail.username and self.mail.password:
                host.login(self.mail.username, self.mail.password)
            # EHLO now (not at the first MAIL FROM): the SIZE it announces bounds every digest.
            host.ehlo_or_helo_if_needed()
        except BaseException:
            host.close()
            raise
        return host

    def send_bytes(self, message: Message, data: bytes) -> None:
        """Send `message` as `data`, its bytes already written (and measured against SIZE):
        Connection.send would write them a second time."""
        if message.has_bad_headers():
            raise BadHeaderError
        self.host.sendmail(
            sanitize_address(message.sender),
            list(sanitize_addresses(message.send_to)),
            data,
            message.mail_options,
            message.rcpt_options,
        )

    @property
    def size_limit(self) -> int | None:
        """The largest message the server takes (its EHLO SIZE), None when it sets none."""
        if self.host is None:
            return None
        announced = self.host.esmtp_features.get("size", "").strip()
        # "SIZE" alone, or "SIZE 0", means no fixed limit (RFC 1870).
        return int(announced) if announced.isdigit() and int(announced) > 0 else None

    @property
    def is_dropped(self) -> bool:
        """Whether the server closed the connection (smtplib lets the socket go then)."""
        return self.host is None or getattr(self.host, "sock", None) is None

    def __exit__(self, exc_type, exc_value, tb) -> None:
        if self.host is None:
            return
        try:
            self.host.quit()
        except (smtplib.SMTPException, OSError):
            pass
        finally:
            self.host.close()
            self.host = None


def smtp_connection() -> SMTPConnection:
    state = current_app.extensions["mail"]
    return SMTPConnection(state, timeout=current_app.config["MAIL_TIMEOUT"])


def mail_suppressed() -> bool:
    return bool(current_app.extensions["mail"].suppress)
