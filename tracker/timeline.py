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
class Bar:
    """One project's span on a scale: the original plan, the approved extension beyond it (when
    there is one) and the overrun past the end it is held to."""

    planned_x: float
    planned_width: float
    #: The stretch granted by extensions, from the planned end to the approved end (0: none).
    extended_x: float
    extended_width: float
    #: Where the original plan ended, drawn as a marker when the bar goes on past it.
    plan_end_x: float | None
    overrun_x: float
    overrun_width: float
    overrun_days: int


@dataclass(frozen=True)
class Timeline:
    start: date
    end: date
    bar: Bar
    today_x: float | None
    marks: list[Mark]
    ticks: list[tuple[float, date]]


def _project_days(project: Project) -> list[date]:
    planned_end = project.planned_end_on or project.planned_start_on
    days = [project.planned_start_on, planned_end]
    if project.approved_end_on:
        days.append(project.approved_end_on)
    if project.actual_end_on:
        days.append(project.actual_end_on)
    return days


def _bar(project: Project, today: date, x) -> Bar:
    start = project.planned_start_on
    planned_end = project.planned_end_on or start
    held_end = max(project.end_on or start, start)
    extended = project.approved_end_on is not None and held_end > planned_end
    overrun = project.overrun_days(today)
    return Bar(
        planned_x=x(start),
        planned_width=max(2.0, x(planned_end) - x(start)),
        extended_x=x(planned_end),
        extended_width=x(held_end) - x(planned_end) if extended else 0,
        plan_end_x=x(planned_end) if extended else None,
        overrun_x=x(held_end),
        overrun_width=x(today) - x(held_end) if overrun else 0,
        overrun_days=overrun,
    )


def _marks(milestones: list[FollowUp], today: date, x) -> list[Mark]:
    """Milestones as reached (done), missed (open past their date) or ahead."""
    return [
        Mark(x(m.due_on), m.title, m.due_on, _mark_css(m, today) if m.is_open else "done")
        for m in milestones
        if m.due_on
    ]


def project_timeline(project: Project, milestones: list[FollowUp], today: date) -> Timeline | None:
    """Scale the plan, the extension, milestones, overrun and today onto 0..WIDTH; None
    without dates."""
    if project.planned_start_on is None:
        return None
    days = _project_days(project) + [today] + [m.due_on for m in milestones if m.due_on]
    start, end = _scale(days, margin=15)
    x = _scaler(start, end)
    return Timeline(
        start=start,
        end=end,
        bar=_bar(project, today, x),
        today_x=x(today),
        marks=_marks(milestones, today, x),
        ticks=_ticks(start, end, x),
    )


def _mark_css(milestone: FollowUp, today: date) -> str:
    return "overdue" if milestone.due_on < today else "pending"


@dataclass(frozen=True)
class PortfolioRow:
    project: Project
    y: float
    bar: Bar
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
    """The projects' spans on one shared scale, with extensions, milestones, overruns and
    today (the page passes one page of projects, so the drawing's size stays bounded)."""
    dated = [p for p in projects if p.planned_start_on]
    if not dated:
        return None
    days = [today]
    for project in dated:
        days += _project_days(project)
        days += [m.due_on for m in milestones.get(project.id, []) if m.due_on]
    start, end = _scale(days, margin=20)
    x = _scaler(start, end)
    rows = [
        PortfolioRow(
            project=project,
            y=i * ROW_HEIGHT + 6,
            bar=_bar(project, today, x),
            marks=_marks(milestones.get(project.id, []), today, x),
        )
        for i, project in enumerate(dated)
    ]
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
