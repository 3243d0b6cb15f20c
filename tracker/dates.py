"""Calendar arithmetic the domain needs (months, not days, for project timelines)."""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def planned_end(start: date, months: int) -> date:
    """Last day of a period of `months` that begins on `start`: 2023-11-01 + 12 → 2024-10-31."""
    if months < 1:
        raise ValueError("months must be at least 1")
    return date.fromordinal(add_months(start, months).toordinal() - 1)
