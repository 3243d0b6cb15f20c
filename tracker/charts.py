"""Charts as plain SVG geometry computed on the server: no script, no CDN, CSP-friendly.

Templates draw the shapes and always show the same figures as a table (the text alternative).
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    maximum: int


def bar_chart(rows: list[tuple[str, int]], width: int = 600, bar_height: int = 22) -> Chart:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    maximum = max((value for _label, value in rows), default=0) or 1
    label_width = 200
    usable = width - label_width - 40
    bars = [
        Bar(label, value, label_width, i * (bar_height + 6), usable * value / maximum, bar_height)
        for i, (label, value) in enumerate(rows)
    ]
    return Chart(width, max(1, len(rows)) * (bar_height + 6), bars, maximum)


@dataclass(frozen=True)
class TrendChart:
    """Paired bars per month inside a plot area with a counts axis (left) and a months axis."""

    width: int
    height: int
    left: float
    top: float
    bottom: float
    bars: list[Bar]
    maximum: int
    #: (count, y) of each horizontal guide on the counts axis, 0 first.
    ticks: list[tuple[int, float]]
    #: (first day of the month, x of the column's centre), for the month names.
    months: list[tuple[date, float]]


def _tick_step(maximum: int, wanted: int = 4) -> int:
    """A round step (1, 2, 5, 10, 20, 50…) giving at most `wanted` guides above zero."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor * wanted >= maximum:
                return step * factor
        step *= 10


def trend_chart(rows: list[tuple[str, int, int]], width: int = 640, height: int = 220):
    """Paired vertical bars per "YYYY-MM" month: opened (first) and done (second)."""
    peak = max((max(opened, done) for _m, opened, done in rows), default=0)
    step = _tick_step(max(peak, 1))
    # The axis ends on a guide, so the tallest bar never runs past the last label.
    maximum = step * max(1, -(-peak // step))
    left, top, bottom = 40.0, 10.0, height - 28.0
    plot = bottom - top
    slot = (width - left - 4) / max(1, len(rows))
    bar = slot * 0.35
    bars, months = [], []
    for i, (month, opened, done) in enumerate(rows):
        x = left + i * slot
        months.append((date(int(month[:4]), int(month[5:7]), 1), x + slot / 2))
        for offset, value, label in ((0.12, opened, "opened"), (0.52, done, "done")):
            h = plot * value / maximum
            bars.append(Bar(f"{month} {label}", value, x + slot * offset, bottom - h, bar, h))
    ticks = [(v, bottom - plot * v / maximum) for v in range(0, maximum + 1, step)]
    return TrendChart(width, height, left, top, bottom, bars, maximum, ticks, months)
