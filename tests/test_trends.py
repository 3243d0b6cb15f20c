"""The trends page counts a commitment in the month it was made and a done one in the month it
was done, whenever its row was written (an import of old forms is not a spike)."""

import re
from datetime import UTC, date, datetime, time

import pytest
from babel.dates import format_date
from sqlalchemy import event, select

from tracker.clock import local_today
from tracker.dates import add_months
from tracker.demo import REPORT_SEED
from tracker.models import FollowUp
from tracker.models.enums import FollowUpStatus, Role
from tracker.operations.imports import import_file
from tracker.queries.dashboard import monthly_trend

ROW = re.compile(r"<tr><td>(\d{4}-\d\d)</td><td>(\d+)</td><td>(\d+)</td></tr>")


@pytest.fixture
def today(app):
    with app.test_request_context():
        return local_today()


def _at(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _written(followup, day: date, db, completed_on: date | None = None):
    """Set the row's dates directly: this is a read-side test of what the page counts."""
    followup.created_at = _at(day)
    if completed_on:
        followup.status, followup.completed_on = FollowUpStatus.DONE, completed_on
    db.session.commit()


def test_the_page_counts_by_commitment_and_completion_dates(app, make, db, today):
    first = today.replace(day=1)
    two_ago, four_ago, five_ago = (add_months(first, -n) for n in (2, 4, 5))
    for _ in range(2):
        _written(make.followup(), two_ago.replace(day=10), db)
    _written(make.followup(), five_ago, db, completed_on=add_months(first, -1).replace(day=3))
    # A commitment from a report of an activity that ended four months ago, written today:
    # it was made at the activity, so it counts there and not in this month.
    activity = make.activity(start_on=four_ago, end_on=four_ago.replace(day=2))
    make.followup(report_id=make.report(activity=activity).id)
    make.followup()  # made today

    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    page = client.get("/tendencias").get_data(as_text=True)

    rows = {month: (int(o), int(d)) for month, o, d in ROW.findall(page)}
    assert len(rows) == 12
    key = lambda day: day.strftime("%Y-%m")  # noqa: E731
    assert rows[key(two_ago)] == (2, 0)
    assert rows[key(five_ago)] == (1, 0)
    assert rows[key(add_months(first, -1))] == (0, 1)
    assert rows[key(four_ago)] == (1, 0)
    assert rows[key(first)] == (1, 0)
    assert sum(o for o, _d in rows.values()) == 5
    # The months axis names every month, the counts axis reads from 0 to a round top (2).
    svg = page[page.index("<svg") : page.index("</svg>")]
    for n in range(12):
        name = format_date(add_months(first, -n), "MMM", locale="es")
        assert f">{name}</text>" in svg, name
    assert re.search(r'class="chart-value">0</text>', svg)
    assert re.search(r'class="chart-value">2</text>', svg)
    assert str(today.year) in svg


def test_an_imported_2021_report_counts_in_its_own_month(app, make, db):
    coordinator = make.user(Role.ADMIN)
    report = import_file(REPORT_SEED.read_bytes(), REPORT_SEED.name, coordinator).record
    db.session.commit()
    items = db.session.scalars(select(FollowUp).filter_by(report_id=report.id)).all()
    assert items and all(i.created_at.year >= 2026 for i in items)  # written by the import
    assert report.activity.end_on == date(2021, 3, 31)
    items[0].status, items[0].completed_on = FollowUpStatus.DONE, date(2021, 9, 10)
    db.session.commit()

    statements = []

    def count(_conn, _cursor, statement, *_rest):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        trend = {m: (o, d) for m, o, d in monthly_trend({}, date(2021, 12, 15))}
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1  # the whole year in one statement
    assert trend["2021-03"] == (len(items), 0)
    assert trend["2021-09"] == (0, 1)
    assert sum(o + d for o, d in trend.values()) == len(items) + 1
