"""A real SMTP server on 127.0.0.1 (aiosmtpd), and helpers to run the reminders for a given day."""

import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from tests.reminders.helpers import free_port


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    #: The client's (host, port): mails sent over one connection share it.
    peer: tuple

    @property
    def subject(self) -> str:
        return self.message["Subject"]

    @property
    def text(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(preferencelist=("html",)).get_content()


class Recorder:
    """The server's handler: keeps every accepted mail; refuses the addresses it is told to."""

    def __init__(self):
        self.received: list[Received] = []
        self.refused: set[str] = set()
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), message, session.peer)
            )
        return "250 Message accepted for delivery"


class SMTPServer:
    """What a test drives: the mails received, refusals, and the server going away."""

    def __init__(self, app, controller: Controller, recorder: Recorder):
        self.app = app
        self.controller = controller
        self.recorder = recorder
        self.port = controller.port

    @property
    def received(self) -> list[Received]:
        return list(self.recorder.received)

    def to(self, address: str) -> list[Received]:
        return [m for m in self.received if address in m.recipients]

    def refuse(self, address: str) -> None:
        self.recorder.refused.add(address.lower())

    def down(self) -> None:
        """Nothing listens where the app sends mail (connection refused)."""
        self._point_to(free_port())

    def up(self) -> None:
        self._point_to(self.port)

    def clear(self) -> None:
        self.recorder.received.clear()

    def _point_to(self, port: int) -> None:
        # Flask-Mail copies its settings into the extension state at init_app: change both.
        self.app.config["MAIL_PORT"] = port
        self.app.extensions["mail"].port = port


@pytest.fixture(scope="session")
def smtp_controller():
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, recorder
    controller.stop()


@pytest.fixture
def smtp(app, smtp_controller):
    """The app sends real mail to the test's SMTP server; settings restored afterwards."""
    controller, recorder = smtp_controller
    state = app.extensions["mail"]
    keys = ("MAIL_SERVER", "MAIL_PORT", "MAIL_SUPPRESS_SEND", "MAIL_TIMEOUT")
    saved_config = {key: app.config[key] for key in keys}
    saved_state = (state.server, state.port, state.suppress)
    server = SMTPServer(app, controller, recorder)
    app.config.update(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_SUPPRESS_SEND=False, MAIL_TIMEOUT=5
    )
    state.server, state.port, state.suppress = "127.0.0.1", controller.port, False
    recorder.received.clear()
    recorder.refused.clear()
    yield server
    app.config.update(saved_config)
    state.server, state.port, state.suppress = saved_state
    recorder.refused.clear()


@pytest.fixture
def config(app):
    """Change app settings for one test."""
    saved = {}

    def set_config(**values):
        for key, value in values.items():
            saved.setdefault(key, app.config.get(key))
            app.config[key] = value

    yield set_config
    app.config.update(saved)
