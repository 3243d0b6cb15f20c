"""The run's SMTP connection: Flask-Mail's, with a timeout, a lean DATA, and the server's SIZE."""

from __future__ import annotations

import smtplib

from flask import current_app
from flask_mail import Connection


class SMTPConnection(Connection):
    """Flask-Mail's connection with a socket timeout and a close that never masks an error.

    Flask-Mail 0.10 opens smtplib without a timeout (a hung relay would hang the job) and its
    exit calls QUIT, which raises again on a connection that already broke.
    """

    def __init__(self, mail, timeout: float):
        super().__init__(mail)
        self.timeout = timeout

    def configure_host(self) -> smtplib.SMTP:
        smtp_class = _SMTP_SSL if self.mail.use_ssl else _SMTP
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


class _LeanData:
    """smtplib's DATA, without copying the message twice to append the end marker to it
    (a digest can be megabytes).

    The marker goes with the last 64 kB of the message, in one write: a write of its own
    would be a small segment after another small one, which the kernel holds until the
    server's delayed acknowledgement comes (Nagle) — some 40 ms per mail.
    """

    def data(self, msg):
        self.putcmd("data")
        (code, repl) = self.getreply()
        if self.debuglevel > 0:
            self._print_debug("data:", (code, repl))
        if code != 354:
            raise smtplib.SMTPDataError(code, repl)
        if isinstance(msg, str):
            msg = smtplib._fix_eols(msg).encode("ascii")
        quoted = smtplib._quote_periods(msg)  # the same object when no line starts with "."
        end = b".\r\n" if quoted.endswith(b"\r\n") else b"\r\n.\r\n"
        split = max(0, len(quoted) - _LAST_WRITE)
        if split:
            self.send(memoryview(quoted)[:split])
        self.send(quoted[split:] + end)
        (code, msg) = self.getreply()
        if self.debuglevel > 0:
            self._print_debug("data:", (code, msg))
        return (code, msg)


_LAST_WRITE = 1 << 16


class _SMTP(_LeanData, smtplib.SMTP):
    pass


class _SMTP_SSL(_LeanData, smtplib.SMTP_SSL):
    pass


def smtp_connection() -> SMTPConnection:
    state = current_app.extensions["mail"]
    return SMTPConnection(state, timeout=current_app.config["MAIL_TIMEOUT"])


def mail_suppressed() -> bool:
    return bool(current_app.extensions["mail"].suppress)


def wire_size(data: bytes) -> int:
    """The message's size as the server counts it in DATA: a line that starts with "." is
    sent with one more (RFC 5321 4.5.2), and the end of the last line is added if missing."""
    size = len(data) + data.count(b"\n.") + data.startswith(b".")
    return size if data.endswith(b"\r\n") else size + 2
