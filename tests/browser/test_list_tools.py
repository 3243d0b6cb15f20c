"""The screens a coordinator lives in, in a real Chromium: search from the header, sort a
column, change three follow-ups at once (and be told of one refused), save a view and find it
in the menu, and the keyboard shortcuts ("/", "j"/"k", "?")."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.helpers import login
from tracker.demo import DEMO_EMAIL, MEMBER_EMAIL
from tracker.models import FollowUp, SavedView, User
from tracker.models.enums import FollowUpStatus

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"


def test_search_from_the_header_finds_a_projects_followups(page, db, demo):
    login(page, DEMO_EMAIL)
    page.keyboard.press("/")  # the shortcut puts the cursor in the search box
    expect(page.locator("#site-search")).to_be_focused()
    page.keyboard.type("MCIG")
    page.keyboard.press("Enter")
    page.wait_for_url("**/buscar/?q=MCIG")
    results = page.locator("main")
    expect(results.get_by_role("heading", name="Proyectos (1)")).to_be_visible()
    expect(results.get_by_role("link", name="Copresidencia", exact=False).first).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)
    # The list's own search also reads the names of the project and activity an item hangs from.
    page.goto("/seguimientos/?status=all&q=MCIG")
    listed = page.locator("tbody .row-title")
    expect(listed.first).to_be_visible()
    assert listed.count() >= 7


def test_sorting_a_column_from_its_header(page, db, demo):
    login(page, DEMO_EMAIL)
    page.goto("/seguimientos/?status=all")
    page.locator("thead").get_by_role("link", name="Seguimiento").click()
    page.wait_for_url("**sort=title**")
    header = page.locator("th", has=page.get_by_role("link", name="Seguimiento"))
    expect(header).to_have_attribute("aria-sort", "ascending")
    titles = page.locator("tbody .row-title").all_inner_texts()
    assert titles == sorted(titles, key=str.lower)
    page.locator("thead").get_by_role("link", name="Seguimiento").click()
    page.wait_for_url("**sort=-title**")
    expect(header).to_have_attribute("aria-sort", "descending")


def test_a_member_changes_three_at_once_and_is_told_of_the_one_she_may_not(page, db, demo, make):
    member = db.session.scalars(select(User).where(User.email == MEMBER_EMAIL)).one()
    mine = [make.followup(title=f"Mío {n}", owner=member.person) for n in range(3)]
    theirs = make.followup(title="De la coordinación")
    login(page, MEMBER_EMAIL)
    page.goto("/seguimientos/?status=pending&q=M%C3%ADo")
    for followup in mine:
        page.get_by_label(f"Marcar «{followup.title}»").check()
    expect(page.locator(".bulk-count")).to_have_text("3 marcados.")
    page.goto("/seguimientos/?status=pending")
    for followup in [*mine, theirs]:
        page.get_by_label(f"Marcar «{followup.title}»").check()
    page.get_by_label("Acción", exact=True).select_option(label="Cambiar el estado")
    expect(page.get_by_label("Nuevo estado")).to_be_visible()
    expect(page.get_by_label("Nueva fecha límite")).to_be_hidden()
    page.get_by_label("Nuevo estado").select_option(label="En curso")
    page.get_by_role("button", name="Aplicar a los marcados").click()
    expect(page.get_by_text("3 seguimientos cambiados.")).to_be_visible()
    expect(page.get_by_text("No se cambió «De la coordinación»: no tiene permiso")).to_be_visible()
    for followup in mine:
        db.session.refresh(followup)
        assert followup.status == FollowUpStatus.IN_PROGRESS
    db.session.refresh(theirs)
    assert theirs.status == FollowUpStatus.OPEN


def test_a_saved_view_is_pinned_in_the_menu(page, db, demo):
    login(page, DEMO_EMAIL)
    page.goto("/seguimientos/?status=pending&overdue=y&sort=-due")
    page.get_by_text("Guardar vista").click()
    page.get_by_label("Nombre de la vista").fill("Vencidos primero")
    page.locator(".save-view").get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("Vista «Vencidos primero» guardada.")).to_be_visible()
    menu_link = page.locator("nav").get_by_role("link", name="Vencidos primero")
    expect(menu_link).to_have_attribute("aria-current", "page")
    page.goto("/")
    page.locator("nav").get_by_role("link", name="Vencidos primero").click()
    page.wait_for_url("**/seguimientos/?status=pending&overdue=y&sort=-due")
    view = db.session.scalars(select(SavedView)).one()
    assert view.name == "Vencidos primero"


def test_j_and_k_move_in_the_list_and_question_mark_lists_the_keys(page, db, demo):
    login(page, DEMO_EMAIL)
    page.goto("/seguimientos/?status=all&sort=title")
    links = page.locator("tbody .row-title")
    page.keyboard.press("j")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("j")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("k")
    expect(links.nth(0)).to_be_focused()
    first = db.session.scalars(select(FollowUp).order_by(FollowUp.title)).first()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/seguimientos/{first.id}")
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Atajos de teclado")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
