"""A project in a digest is one line saying why it is there: past its planned end, its sheet not
updated, or both (the seed sheet, on 2025-10-11, is both)."""

from datetime import date

import pytest

from tests.reminders.helpers import rows
from tracker.demo import load_seeds
from tracker.models import NotificationStatus, Project

FOCAL_POINT = "mcig@seguimiento.demo"
UNIT = "cooperacion@example.org"
OVERRUN = "Su fin previsto era el 31 oct 2024 y sigue en ejecución (345 días después)."
STALE = "La ficha del proyecto debía actualizarse a más tardar el 10 oct 2025."


@pytest.fixture
def demo(db):
    load_seeds("una-clave-de-demo")
    db.session.commit()


def _run(runner, day: str) -> None:
    result = runner.invoke(args=["reminders", "run", "--today", day])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("failed=0"), result.output


def test_a_project_late_and_stale_is_one_line_with_both_reasons(demo, runner, smtp, db):
    name = db.session.scalars(db.select(Project.name)).one()
    _run(runner, "2025-10-11")

    for address in (FOCAL_POINT, UNIT):
        (mail,) = smtp.to(address)
        assert "1 proyecto por revisar" in mail.subject, mail.subject
        for body in (mail.text, mail.html):
            assert body.count(name) == 1, (address, body)
            assert body.count(OVERRUN) == 1 and body.count(STALE) == 1, (address, body)
            assert body.index(OVERRUN) < body.index(STALE)
    # Both outbox rows (the overrun and the stale sheet) went out with that one line.
    project_rows = [r for r in rows() if r.item_type == "project"]
    assert sorted(r.rule for r in project_rows) == [
        "project_overrun",
        "project_overrun",
        "project_sheet_stale",
        "project_sheet_stale",
    ]
    assert {r.status for r in project_rows} == {NotificationStatus.SENT}


def test_a_project_only_past_its_end_says_only_that(demo, runner, smtp, db):
    _run(runner, "2024-11-15")
    (mail,) = smtp.to(FOCAL_POINT)
    assert "1 proyecto por revisar" in mail.subject
    assert "Su fin previsto era el 31 oct 2024 y sigue en ejecución (15 días después)." in mail.text
    assert "La ficha del proyecto" not in mail.text


def test_a_project_only_stale_says_only_that(demo, runner, smtp, db):
    # An approved longer plan: no longer past its end, but the sheet is still old.
    project = db.session.scalars(db.select(Project)).one()
    project.planned_end_on = date(2026, 12, 31)
    db.session.commit()
    _run(runner, "2025-10-11")
    (mail,) = smtp.to(FOCAL_POINT)
    assert "1 proyecto por revisar" in mail.subject
    assert STALE in mail.text and "Su fin previsto" not in mail.text
