"""A project past its plan gets an approved extension through the page: the approved end and
the count follow, the original plan stays shown, the bar gains its extended stretch, and axe
finds nothing on the page."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.helpers import login, run_axe
from tracker.clock import local_today
from tracker.demo import DEMO_EMAIL
from tracker.models import Project

pytestmark = pytest.mark.browser


def test_coordination_records_an_extension_and_the_page_follows(page, db, demo, axe_source):
    project = db.session.scalars(
        select(Project).where(Project.extension_count == 0, Project.planned_end_on.is_not(None))
    ).first()
    planned = project.planned_end_on
    new_end = max(planned, local_today()) + timedelta(days=90)
    login(page, DEMO_EMAIL)
    page.goto(f"/proyectos/{project.id}")
    page.get_by_role("link", name="Registrar prórroga").click()
    page.get_by_label("Nuevo fin aprobado").fill(new_end.isoformat())
    page.get_by_label("Fecha de aprobación").fill(local_today().isoformat())
    page.get_by_label("Aprobada por").fill("Comité técnico binacional")
    page.get_by_label("Motivo").fill("Retraso en la firma del convenio")
    page.get_by_role("button", name="Registrar prórroga").click()
    page.wait_for_url(f"**/proyectos/{project.id}")
    expect(page.locator("dd.approved-end")).to_contain_text("1 prórroga")
    expect(page.locator("dd.plan-original")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Comité técnico binacional")
    db.session.expire_all()
    stored = db.session.get(Project, project.id)
    assert stored.approved_end_on == new_end and stored.planned_end_on == planned
    assert stored.overrun_days(local_today()) == 0
    violations, _review = run_axe(page, axe_source)
    assert violations == [], violations
