"""Geometry of a project timeline drawn as SVG (no script, no inline style: CSP-friendly)."""

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.dates import add_months, clamp_to_sane
from tracker.models import FollowUp, Project

WIDTH = 1000


@dataclass(frozen=True)
class Mark:
    x: float
    label: str
    day: date
    css: str


@dataclass(frozen=True)
class Timeline:
    start: date
    end: date
    planned_x: float
    planned_width: float
    overrun_x: float
    overrun_width: float
    overrun_days: int
    today_x: float | None
    marks: list[Mark]
    ticks: list[tuple[float, date]]


def project_timeline(project: Project, milestones: list[FollowUp], today: date) -> Timeline | None:
    """Scale the planned span, milestones, overrun and today onto 0..WIDTH; None without dates."""
    if project.planned_start_on is None:
        return None
    planned_end = project.planned_end_on or project.planned_start_on
    days = [project.planned_start_on, planned_end, today]
    days += [m.due_on for m in milestones if m.due_on]
    if project.actual_end_on:
        days.append(project.actual_end_on)
    start, end = _scale(days, margin=15)
    x = _scaler(start, end)

    overrun = project.overrun_days(today)
    marks = [
        Mark(x(m.due_on), m.title, m.due_on, "done" if not m.is_open else _mark_css(m, today))
        for m in milestones
        if m.due_on
    ]
    ticks = _ticks(start, end, x)
    return Timeline(
        start=start,
        end=end,
        planned_x=x(project.planned_start_on),
        planned_width=max(2.0, x(planned_end) - x(project.planned_start_on)),
        overrun_x=x(planned_end),
        overrun_width=x(today) - x(planned_end) if overrun else 0,
        overrun_days=overrun,
        today_x=x(today),
        marks=marks,
        ticks=ticks,
    )


def _mark_css(milestone: FollowUp, today: date) -> str:
    return "overdue" if milestone.due_on < today else "pending"


@dataclass(frozen=True)
class PortfolioRow:
    project: Project
    y: float
    planned_x: float
    planned_width: float
    overrun_x: float
    overrun_width: float
    overrun_days: int
    marks: list[Mark]


@dataclass(frozen=True)
class Portfolio:
    rows: list[PortfolioRow]
    ticks: list[tuple[float, date]]
    today_x: float
    height: float


ROW_HEIGHT = 44


def portfolio_timeline(
    projects: list[Project], milestones: dict[int, list[FollowUp]], today: date
) -> Portfolio | None:
    """Every project's planned span on one shared scale, with milestones, overruns and today."""
    dated = [p for p in projects if p.planned_start_on]
    if not dated:
        return None
    days = [today]
    for project in dated:
        days += [project.planned_start_on, project.planned_end_on or project.planned_start_on]
        days += [m.due_on for m in milestones.get(project.id, []) if m.due_on]
    start, end = _scale(days, margin=20)
    x = _scaler(start, end)

    rows = []
    for i, project in enumerate(dated):
        planned_end = project.planned_end_on or project.planned_start_on
        overrun = project.overrun_days(today)
        rows.append(
            PortfolioRow(
                project=project,
                y=i * ROW_HEIGHT + 6,
                planned_x=x(project.planned_start_on),
                planned_width=max(2.0, x(planned_end) - x(project.planned_start_on)),
                overrun_x=x(planned_end),
                overrun_width=x(today) - x(planned_end) if overrun else 0,
                overrun_days=overrun,
                marks=[
                    Mark(
                        x(m.due_on), m.title, m.due_on, _mark_css(m, today) if m.is_open else "done"
                    )
                    for m in milestones.get(project.id, [])
                    if m.due_on
                ],
            )
        )
    return Portfolio(rows, _ticks(start, end, x), x(today), len(rows) * ROW_HEIGHT + 10)


def _scale(days: list[date], margin: int) -> tuple[date, date]:
    """The drawn span: every day clamped into the sane range first, so that a date stored
    before the range was enforced (0001-01-01, 9999-12-31) sits at the edge of the drawing
    instead of overflowing the margin arithmetic."""
    clamped = [clamp_to_sane(day) for day in days]
    return min(clamped) - timedelta(days=margin), max(clamped) + timedelta(days=margin)


def _scaler(start: date, end: date):
    """day → x on 0..WIDTH; days beyond the span (see _scale) land on its edges."""
    span = (end - start).days or 1

    def x(day: date) -> float:
        return round(min(max((day - start).days / span, 0.0), 1.0) * WIDTH, 1)

    return x


#: At most about this many ticks, however long the span (a 300-year span must not print 3,600).
MAX_TICKS = 40


def _ticks(start: date, end: date, x) -> list[tuple[float, date]]:
    """Month starts (every third month on long spans, whole years on longer ones)."""
    span = (end - start).days
    step = 1 if span < 500 else 3 if span < 1500 else 12
    years = (end.year - start.year) // MAX_TICKS + 1
    step = max(step, 12 * years) if span >= 1500 else step
    ticks, tick = [], date(start.year, start.month, 1)
    while tick <= end:
        if tick >= start:
            ticks.append((x(tick), tick))
        tick = add_months(tick, step)
    return ticks
