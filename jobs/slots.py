"""The window a run plans for, and the SQL that selects the items with a slot in it.

A run on `today` after a completed run on day `after` only has something new to say about an
item whose notice slot falls in (after, today] (see jobs/plan.py, `plan_window`), or about an
item changed since that run. Slots are arithmetic on one date per item, so the candidates can
be picked in SQL instead of reading every open overdue item every day:

- due soon / due today: slot = due − lead, in the window ⇔ due ∈ [after + lead + 1, today + lead];
- repeating (overdue levels, reports): slot = start_day + s + r·k for k ≥ 0, and one falls in
  the window of W days ⇔ x = (today − start_day − s) ≥ 0 and x mod r < W;
- a follow-up recorded already late counts from the day before it was recorded (its local
  date, from created_at shifted by each UTC offset the time zone has had — one or two).

These predicates are a superset: the pure rules decide, and `plan_window` keeps only the
notices whose slot is in the window. Projects are few (one row per running project) and are
read whole; their window is applied by `plan_window` alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, and_, cast, false, func, literal, or_, text, type_coerce
from sqlalchemy.types import Date


@dataclass(frozen=True, slots=True)
class Window:
    """(after, today]: the days a run plans for. `after` None plans everything due by today."""

    today: date
    #: The day of the last completed run before today (jobs/run_log.py).
    after: date | None = None
    #: Items changed from this instant on are planned whatever their slot.
    changed_since: datetime | None = None

    def holds(self, slot: date) -> bool:
        return self.after is None or self.after < slot <= self.today

    @property
    def days(self) -> int | None:
        return None if self.after is None else (self.today - self.after).days


# --- SQL predicates -------------------------------------------------------------------------


def lead_clause(window: Window, due_column, leads) -> object:
    """Due dates whose due − lead slot is in the window, for each lead (0: the due day)."""
    assert window.after is not None
    return or_(
        *(
            due_column.between(
                window.after + timedelta(days=lead + 1), window.today + timedelta(days=lead)
            )
            for lead in sorted(set(leads))
        )
    )


def repeating_clause(window: Window, days_since_start, starts, every: int) -> object:
    """Some day start + s + every·k (k ≥ 0) in the window, for one of `starts`; `days_since_start`
    is the SQL integer today − start."""
    assert window.days is not None
    terms = []
    for start in sorted(set(starts)):
        x = days_since_start - start
        terms.append(x >= 0 if window.days >= every else and_(x >= 0, x % every < window.days))
    return or_(*terms) if terms else false()


def days_to(dialect: str, today: date, column, *, shift_minutes: int | None = None):
    """SQL integer: days from `column`'s date to `today`. With `shift_minutes`, `column` is a
    UTC instant and its date is taken after shifting it by that many minutes (a local date)."""
    if dialect == "sqlite":
        day = column if shift_minutes is None else func.date(column, f"{shift_minutes:+d} minutes")
        return cast(func.julianday(today.isoformat()) - func.julianday(day), Integer)
    if shift_minutes is None:
        day = column
    else:
        utc = func.timezone("UTC", column)  # timestamptz → the UTC wall time
        day = cast(utc + text(f"interval '{shift_minutes} minutes'"), Date)
    return type_coerce(literal(today, Date) - day, Integer)


def changed_clause(window: Window, updated_column) -> object:
    return updated_column >= window.changed_since if window.changed_since else false()


@lru_cache(maxsize=16)
def utc_offsets_minutes(timezone: str, until_year: int) -> tuple[int, ...]:
    """Every UTC offset (minutes) the zone has used since 2000: its local dates of instants."""
    zone = ZoneInfo(timezone)
    instant = datetime(2000, 1, 1, tzinfo=UTC)
    end = datetime(until_year + 1, 12, 31, tzinfo=UTC)
    found = set()
    while instant < end:
        offset = instant.astimezone(zone).utcoffset()
        found.add(int(offset.total_seconds() // 60) if offset is not None else 0)
        instant += timedelta(days=7)
    return tuple(sorted(found))
