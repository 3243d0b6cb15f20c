"""Calendar arithmetic the domain needs (months, not days, for project timelines), and the range
of dates the tracker accepts.

Input is refused outside SANE_MIN..SANE_MAX (forms and API alike). Rows written before that rule,
or straight into the database, may still hold any date Python can represent (0001-01-01 …
9999-12-31), so the arithmetic here saturates at Python's limits instead of raising: one odd row
must not break a page that everybody opens.
"""

import calendar
from datetime import date, timedelta

#: The first and last day a user may type anywhere (forms, filters, API, calendar month).
SANE_MIN = date(1900, 1, 1)
SANE_MAX = date(2200, 12, 31)


def is_sane(day: date | None) -> bool:
    """True for None (no date) and for a day within SANE_MIN..SANE_MAX."""
    return day is None or SANE_MIN <= day <= SANE_MAX


def clamp_to_sane(day: date) -> date:
    """The nearest day within SANE_MIN..SANE_MAX (for drawing, never for storing)."""
    return min(max(day, SANE_MIN), SANE_MAX)


def shift_days(day: date, days: int) -> date:
    """`day` moved by `days`, saturating at date.min / date.max instead of overflowing."""
    ordinal = day.toordinal() + days
    return date.fromordinal(min(max(ordinal, date.min.toordinal()), date.max.toordinal()))


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb).

    Saturates at date.min / date.max when the result would fall outside the years 1..9999.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def planned_end(start: date, months: int) -> date:
    """Last day of a period of `months` that begins on `start`: 2023-11-01 + 12 → 2024-10-31."""
    if months < 1:
        raise ValueError("months must be at least 1")
    end = add_months(start, months)
    return end if end == date.max else end - timedelta(days=1)
