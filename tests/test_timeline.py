"""The timelines after the demo: the MCIG project's overrun in its own colour with the days, and
the demo's extended project drawn to its approved end with the original plan still marked."""

import re
from datetime import date

from tracker.clock import local_today
from tracker.models.enums import Role


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_timeline_shows_mcig_overrun_and_the_extended_project(app, runner, db, make):
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.test_request_context():
        today = local_today()
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    page = client.get("/proyectos/cronograma").get_data(as_text=True)
    days = (today - date(2024, 10, 31)).days
    assert "MCIG" in page
    assert 'class="overrun"' in page
    assert f"{days} días de retraso" in _text(page)
    # The demo's project with one approved extension: its bar goes on past the plan.
    assert "Red de emprendimientos de mujeres rurales" in page
    assert 'class="extended"' in page and 'class="plan-end"' in page
    assert "1 prórroga" in _text(page)
    project_page = _text(client.get("/proyectos/1").get_data(as_text=True))
    assert f"Sigue en ejecución {days} días después de su fin previsto" in project_page
    assert "sin prórrogas" in project_page
