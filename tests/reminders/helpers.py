"""Small helpers shared by the reminder tests."""

import socket
from datetime import UTC, date, datetime

from tracker.extensions import db
from tracker.models import Notification


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def at(day: date, hour: int = 13) -> datetime:
    """An instant on `day` (UTC), for runs whose clock a test controls."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def rows(**filters) -> list[Notification]:
    """The outbox rows, oldest first."""
    query = db.select(Notification).filter_by(**filters).order_by(Notification.id)
    return list(db.session.scalars(query))
