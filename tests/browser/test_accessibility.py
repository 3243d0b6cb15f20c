"""axe-core on every main screen, with the demo data (and a deadline today, an import preview,
forms showing their errors) so that tables, charts, forms and previews are really on the page.
One test per page: a failure names the page and lists each violation with the element to fix.
The pages are audited as served, under the app's own Content-Security-Policy (see run_axe)."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PAGES, describe, run_axe, show_import_previews, sign_in
from tracker.demo import DEMO_EMAIL

pytestmark = pytest.mark.browser

#: What fails the test; lower impacts ("moderate", "minor") are printed, not failed.
BLOCKING = {"serious", "critical"}


def _audit(page, name: str, path: str, axe_source: str) -> None:
    violations, needs_review = run_axe(page, axe_source)
    # Printed (see them with -s, or in a failing test's report): every impact, for developers.
    if violations:
        print(f"\naxe violations on {name} ({path}):\n{describe(violations)}")
    if needs_review:
        print(f"\naxe needs review on {name} ({path}):\n{describe(needs_review)}")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{name} ({path}) has serious accessibility problems:\n" + describe(
        blocking
    )


def _wrong_password(page, tmp_path) -> None:
    page.get_by_label("Correo", exact=True).fill(DEMO_EMAIL)
    page.get_by_label("Contraseña", exact=True).fill("not-the-password")
    page.locator("main").get_by_role("button", name="Entrar").click()
    expect(page.get_by_text("Correo o contraseña incorrectos.")).to_be_visible()


def _submit_empty(page, tmp_path) -> None:
    page.locator("main").get_by_role("button", name="Guardar").click()
    expect(page.locator(".field.has-error").first).to_be_visible()


#: States reached from a page by doing something there: (page, what to do).
STATES = {
    "import-preview": ("import-preview", show_import_previews),
    "login-error": ("login", _wrong_password),
    "followup-new-errors": ("followup-new", _submit_empty),
}


@pytest.mark.parametrize("name", [*PAGES, *(state for state in STATES if state not in PAGES)])
def test_page_has_no_serious_accessibility_violation(name, page, db, demo, axe_source, tmp_path):
    base, action = STATES.get(name, (name, None))
    path = PAGES[base](db)
    if base != "login":
        sign_in(page, DEMO_EMAIL)
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    if action:
        action(page, tmp_path)
    _audit(page, name, path, axe_source)


def _open_menu(page, tmp_path) -> None:
    page.locator("#site-menu > summary").click()
    expect(page.get_by_role("navigation", name="Principal")).to_be_visible()


#: Phone pages: the lists as stacked cards, detail pages with labels above values, the
#: timeline with its scrolling axis, and the menu unfolded from its button.
PHONE_PAGES = [
    "dashboard",
    "followup-list",
    "followup-page",
    "activity-list",
    "project-list",
    "project-page",
    "timeline",
    "organization-list",
    "people-list",
    "person-page",
]
PHONE_STATES = {"menu-open": ("followup-list", _open_menu)}


@pytest.mark.parametrize("name", [*PHONE_PAGES, *PHONE_STATES])
def test_phone_layout_has_no_serious_accessibility_violation(
    name, phone_page, db, demo, axe_source, tmp_path
):
    """The narrow layout reflows navigation and tables, and has touch targets to check."""
    base, action = PHONE_STATES.get(name, (name, None))
    path = PAGES[base](db)
    sign_in(phone_page, DEMO_EMAIL)
    response = phone_page.goto(path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    if action:
        action(phone_page, tmp_path)
    _audit(phone_page, f"{name} (phone)", path, axe_source)
