"""A record picker in a real Chromium: with more people than a select lists, the owner filter
is a search box that offers names as one types; the keyboard chooses one and the list is
filtered by that person's id. Looked at on desktop and at 390 px, audited by axe open."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.helpers import describe, login, run_axe, screenshot
from tests.test_record_pickers import many_people  # noqa: F401  (a fixture)
from tracker.demo import DEMO_EMAIL
from tracker.models import Person

pytestmark = pytest.mark.browser


def _person(db, name: str) -> Person:
    return db.session.scalars(select(Person).where(Person.name == name)).one()


def _choose_by_keyboard(page, typed: str) -> None:
    box = page.get_by_role("combobox", name="Responsable")
    box.fill(typed)
    options = page.locator("#owner-options").get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("Enter")
    expect(page.locator("#owner-options")).to_be_hidden()


@pytest.mark.usefixtures("demo", "many_people")
def test_a_person_is_chosen_by_typing_and_the_list_follows(page, db, make, axe_source):
    # "Gente 011": the second name offered for "gente 01".
    chosen, other = (_person(db, name) for name in ("Gente 011", "Gente 012"))
    make.followup(owner=chosen, title="Del elegido")
    make.followup(owner=other, title="De otra persona")
    login(page, DEMO_EMAIL)
    page.goto("/seguimientos/?status=all")
    box = page.get_by_role("combobox", name="Responsable")
    box.fill("gente 01")
    options = page.locator("#owner-options").get_by_role("option")
    expect(options.first).to_have_text("Gente 010")
    violations, _review = run_axe(page, axe_source)
    assert not violations, describe(violations)
    screenshot(page, "picker-desktop.png", full_page=False)
    _choose_by_keyboard(page, "gente 01")
    expect(box).to_have_value("Gente 011")
    page.locator("form.filters").get_by_role("button", name="Filtrar").click()
    page.wait_for_url(f"**owner={chosen.id}**")
    expect(page.get_by_role("link", name="Del elegido")).to_be_visible()
    expect(page.get_by_role("link", name="De otra persona")).to_have_count(0)
    expect(page.get_by_role("combobox", name="Responsable")).to_have_value("Gente 011")


@pytest.mark.usefixtures("demo", "many_people")
def test_the_picker_on_a_phone(phone_page):
    page = phone_page
    login(page, DEMO_EMAIL)
    page.goto("/seguimientos/?status=all")
    folded = page.locator("details.filters-fold:not([open]) > summary")
    if folded.count():  # the phone folds the filters away
        folded.click()
    box = page.get_by_role("combobox", name="Responsable")
    box.fill("gente 02")
    listbox = page.locator("#owner-options")
    expect(listbox.get_by_role("option").first).to_be_visible()
    inside = page.evaluate(
        "() => { const r = document.getElementById('owner-options').getBoundingClientRect();"
        " return r.left >= 0 && r.right <= window.innerWidth; }"
    )
    assert inside, "the names offered go past the phone's screen"
    screenshot(page, "picker-phone.png", full_page=False)
