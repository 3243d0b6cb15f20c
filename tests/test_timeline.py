"""The project timeline shows the MCIG overrun in its own colour, with the days."""

import re

from tracker.clock import local_today
from tracker.models.enums import Role


def test_timeline_shows_mcig_overrun(app, runner, db, make):
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.test_request_context():
        today = local_today()
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    page = client.get("/proyectos/cronograma").get_data(as_text=True)
    days = (today - __import__("datetime").date(2024, 10, 31)).days
    assert "MCIG" in page
    assert 'class="overrun"' in page
    assert re.search(rf"excedido {days} días", page)
    project_page = client.get("/proyectos/1").get_data(as_text=True)
    assert f"Sigue en ejecución {days} días después de su fin previsto" in project_page
