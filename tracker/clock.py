""" "Today" is a date in the institution's time zone, not the server's."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def local_today() -> date:
    return datetime.now(ZoneInfo(current_app.config["TRACKER_TIMEZONE"])).date()
