"""The bell, in a real Chromium: a coordinator mentions a colleague in a comment on the
colleague's follow-up; the colleague logs in, sees the unread count by "Novedades", opens the
notice and lands on the follow-up, where she now reads the comment and who follows it; axe
finds nothing on the notices page nor on the follow-up page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _context
from tests.browser.helpers import describe, login, run_axe, screenshot
from tracker.models.enums import Role

pytestmark = pytest.mark.browser


def test_a_mention_reaches_the_bell_and_leads_to_the_follow_up(
    page, browser, live_server, db, make, axe_source
):
    author = make.user(Role.COORDINATOR, name="Carla Coordinadora", email="carla@example.org")
    berta = make.user(Role.MEMBER, name="Berta Núñez Solís", email="bnunez@example.org")
    followup = make.followup(owner=berta.person, actor=berta, title="Enviar la nota verbal")

    login(page, author.email)
    page.goto(f"/seguimientos/{followup.id}")
    comment_box = page.locator("form[action$='/comentar']")
    expect(comment_box.locator("#mention-hint")).to_contain_text("@mperez")
    comment_box.get_by_label("Comentario").fill("@berta ¿la embajada ya respondió?")
    comment_box.get_by_role("button", name="Comentar").click()
    expect(page.get_by_text("Comentario añadido.")).to_be_visible()

    context = _context(browser, live_server, viewport=page.viewport_size)
    try:
        reader = context.new_page()
        login(reader, berta.email)
        badge = reader.locator(".account").get_by_label("1 sin leer")
        expect(badge).to_have_text("1")
        reader.locator(".account").get_by_role("link", name="Novedades").click()
        reader.wait_for_url("**/novedades/")
        notice = reader.get_by_role(
            "link",
            name="Carla Coordinadora le mencionó en «Enviar la nota verbal»: "
            "@berta ¿la embajada ya respondió?",
        )
        expect(notice).to_be_visible()
        violations, _review = run_axe(reader, axe_source)
        assert violations == [], describe(violations)
        screenshot(reader, "bell-notices.png")

        notice.click()
        reader.wait_for_url(f"**/seguimientos/{followup.id}")
        expect(reader.locator("h1")).to_have_text("Enviar la nota verbal")
        expect(reader.locator("ol.history")).to_contain_text("¿la embajada ya respondió?")
        expect(reader.locator(".account").get_by_label("1 sin leer")).to_have_count(0)
        # The author commented, so she follows it now; the page lists her.
        expect(reader.locator("section.watchers")).to_contain_text("Carla Coordinadora")
        screenshot(reader, "bell-followup.png")
        # The followers and the button added to the follow-up page pass axe too.
        violations, _review = run_axe(reader, axe_source)
        assert violations == [], describe(violations)
    finally:
        context.close()
