"""The unit's calendar feed as the coordinator gets it: from the calendar page to the private
links page, one click, the link copied with the button, and what a calendar client would
download parsed back with icalendar; revoking it from the list ends it."""

from datetime import timedelta

import pytest
from icalendar import Calendar
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.helpers import login, run_axe
from tracker.clock import local_today
from tracker.demo import DEMO_EMAIL, MEMBER_EMAIL
from tracker.models import User

pytestmark = pytest.mark.browser


def test_coordinator_subscribes_to_the_units_calendar(page, db, demo, make, axe_source):
    member = db.session.scalars(select(User).where(User.email == MEMBER_EMAIL)).one()
    make.followup(
        owner=member.person, title="Coordinar visita técnica", due_on=local_today() + timedelta(9)
    )
    login(page, DEMO_EMAIL)
    page.goto("/calendario/")
    links = "Calendario de toda la unidad y todos mis enlaces privados"
    page.get_by_role("link", name=links).click()
    page.wait_for_url("**/calendario/enlaces")
    violations, _review = run_axe(page, axe_source)
    assert violations == [], violations
    page.get_by_role("button", name="Toda la unidad").click()
    expect(page.locator("main")).to_contain_text("Toda la unidad")
    feed_url = page.locator("#feed-url").input_value()
    copy = page.get_by_role("button", name="Copiar enlace")
    expect(copy).to_be_visible()

    response = page.request.get(feed_url)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.body())
    assert str(calendar["x-wr-calname"]) == "Seguimiento · Toda la unidad"
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    # Someone else's deadline is in the unit's feed, with its owner and its page.
    visit = events["Coordinar visita técnica"]
    assert f"Responsable: {member.person.name}" in str(visit["description"])
    assert "/seguimientos/" in str(visit["url"])

    page.goto("/calendario/enlaces")
    page.get_by_role("button", name="Revocar «Toda la unidad»").click()
    expect(page.get_by_text("Enlace del calendario revocado.")).to_be_visible()
    assert page.request.get(feed_url).status == 404
