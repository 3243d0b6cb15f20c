"""Charts as plain SVG geometry computed on the server: no script, no CDN, CSP-friendly.

Templates draw the shapes and always show the same figures as a table (the text alternative).
"""

from dataclasses import dataclass


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


def trend_chart(rows: list[tuple[str, int, int]], width: int = 600, height: int = 180):
    """Paired vertical bars per month: opened (first) and done (second)."""
    maximum = max((max(opened, done) for _m, opened, done in rows), default=0) or 1
    slot = width / max(1, len(rows))
    bar = slot * 0.35
    plot = height - 24
    bars = []
    for i, (month, opened, done) in enumerate(rows):
        for offset, value, label in ((0.12, opened, "opened"), (0.5, done, "done")):
            h = plot * value / maximum
            bars.append(Bar(f"{month} {label}", value, i * slot + slot * offset, plot - h, bar, h))
    return Chart(width, height, bars, maximum)
