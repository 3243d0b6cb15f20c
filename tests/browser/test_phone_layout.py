"""Every main screen at phone width (390 CSS px): the page itself must not scroll sideways
(WCAG 1.4.10 Reflow), no word is broken inside, lists are stacked cards that start with the
due date and status, detail pages put labels above values, the menu folds behind a button (and
still opens without script), and the timeline scrolls its time axis inside its box.

The screens people look at first are saved, at 1280 and 390 px, in docs/screenshots/.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from tests.browser.helpers import (
    DESKTOP,
    PAGES,
    PHONE,
    show_import_previews,
    sideways_overflow,
    sign_in,
)
from tracker.demo import DEMO_EMAIL, MEMBER_EMAIL
from tracker.models import FollowUp
from tracker.models.followup import open_clause

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"

#: Pages that overflow today because of the application's CSS (reported to its developers),
#: with the cause. The test fails when this list is wrong either way: a page that starts to
#: overflow, or a listed page that has been fixed (then remove it from here).
KNOWN_OVERFLOW: dict[str, str] = {}

#: The lists a coordinator works in, and their follow-up tables (dashboard, project page).
LISTS = {
    "dashboard": "/",
    "followup-list": "/seguimientos/",
    "activity-list": "/actividades/",
    "report-list": "/informes/",
    "project-list": "/proyectos/",
    "organization-list": "/instituciones/",
    "people-list": "/personas/",
}

#: Words (text, in the page's own order) that are drawn on more than one line: a word broken
#: inside, by `hyphens: auto`, `word-break: break-all` or `overflow-wrap: anywhere`. Text that
#: is not drawn (an <option>, a hidden panel) has no boxes and is not counted.
BROKEN_WORDS_JS = """() => {
    const broken = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // A line may end after a dash ("Costa Rica–" / "México"): a word runs up to one.
        for (const m of node.data.matchAll(/[^\\s\\-\u2010-\u2014]+/g)) {
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()]
                .filter(r => r.width > 0).map(r => Math.round(r.top)));
            if (lines.size > 1) broken.push(m[0]);
        }
    }
    return broken;
}"""

#: Each card of each list on the page: is its due date (or first fact) and its status drawn,
#: inside the screen, and on the card's first line, above the name?
CARDS_JS = """() => [...document.querySelectorAll('table.list tbody tr')]
    .filter(tr => !tr.querySelector('td.empty'))
    .map(tr => {
        const box = e => e && e.getBoundingClientRect();
        const shown = r => r && r.width > 0 && r.height > 0 && r.left >= 0
                           && r.right <= document.documentElement.clientWidth;
        const first = box(tr.querySelector('.c-first'));
        const badge = box(tr.querySelector('.c-badge, .c-status'));
        const main = box(tr.querySelector('.c-main'));
        return {
            text: tr.innerText.replace(/\\s+/g, ' ').slice(0, 80),
            result: !!tr.closest('.list-results'),
            first: first ? shown(first) && first.bottom <= main.top + 1 : null,
            badge: badge ? shown(badge) && badge.bottom <= main.top + 1 : null,
            firstText: tr.querySelector('.c-first')?.innerText.trim() || '',
            badgeText: tr.querySelector('.c-badge, .c-status')?.innerText.trim() || '',
        };
    })"""


def _open(page, path: str):
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"


def _overflow(page, name: str, path: str, tmp_path) -> str | None:
    _open(page, path)
    if name == "import-preview":
        show_import_previews(page, tmp_path)
    overflow = sideways_overflow(page)
    assert overflow["clientWidth"] == PHONE["width"], overflow
    if overflow["scrollWidth"] <= overflow["clientWidth"] + 1:
        return None
    return f"{name} ({path}) is {overflow['scrollWidth']} px wide; sticking out:\n    " + (
        "\n    ".join(overflow["culprits"])
    )


def test_no_page_scrolls_sideways_on_a_phone(phone_page, db, demo, tmp_path):
    found = {"login": _overflow(phone_page, "login", "/login", tmp_path)}
    sign_in(phone_page, DEMO_EMAIL)
    for name, path_of in PAGES.items():
        if name != "login":
            found[name] = _overflow(phone_page, name, path_of(db), tmp_path)
    for name, path in LISTS.items():
        found.setdefault(name, _overflow(phone_page, name, path, tmp_path))
    overflowing = {name: text for name, text in found.items() if text}

    new = [text for name, text in overflowing.items() if name not in KNOWN_OVERFLOW]
    assert not new, f"pages that scroll sideways on a {PHONE['width']} px phone:\n" + "\n".join(new)
    fixed = sorted(set(KNOWN_OVERFLOW) - set(overflowing))
    assert not fixed, f"these no longer overflow, remove them from KNOWN_OVERFLOW: {fixed}"


def test_no_word_is_broken_inside_on_a_phone(phone_page, db, demo):
    sign_in(phone_page, DEMO_EMAIL)
    broken = {}
    for name, path_of in PAGES.items():
        if name in ("login", "import-preview"):
            continue
        _open(phone_page, path_of(db))
        broken[name] = phone_page.evaluate(BROKEN_WORDS_JS)
    for name, path in LISTS.items():
        if name not in broken:
            _open(phone_page, path)
            broken[name] = phone_page.evaluate(BROKEN_WORDS_JS)
    assert not {name: words for name, words in broken.items() if words}


def test_every_list_card_starts_with_its_due_date_and_status(phone_page, db, demo):
    sign_in(phone_page, DEMO_EMAIL)
    # A project's page lists its milestones and its follow-ups.
    for name, path in [*LISTS.items(), ("project-page", PAGES["project-page"](db))]:
        _open(phone_page, path)
        cards = phone_page.evaluate(CARDS_JS)
        assert cards, f"{name}: no list rows on the page"
        for card in cards:
            # Institutions and people have no date or status: only those that do are checked.
            assert card["first"] in (True, None) and card["badge"] in (True, None), (name, card)
        if name in ("dashboard", "followup-list", "project-page"):
            # An expected result has no due date: its card leads with how far it was achieved.
            dated = [card for card in cards if not card["result"]]
            assert all(card["first"] and card["badge"] for card in dated), (name, cards)
            results = [card for card in cards if card["result"]]
            assert all(card["first"] for card in results), (name, results)
            if name == "project-page":
                outcomes = ("Sin valorar", "Logrado", "Parcialmente", "Aún no")
                assert results, cards
                assert all(card["firstText"].startswith(outcomes) for card in results), results
            # What the card leads with: the due date, and the status by its label.
            assert any("2026" in card["firstText"] or "202" in card["firstText"] for card in cards)
            # Follow-ups by their status; a project's milestones by reached or not.
            labels = {"project-page": {"Alcanzado", "No alcanzado", "Por alcanzar"}}
            shown = {card["badgeText"].split(" el ")[0] for card in dated}
            assert shown & labels.get(name, {"Abierto"}), cards


def test_a_list_row_is_one_line_whose_only_link_is_the_title(page, db, demo):
    sign_in(page, DEMO_EMAIL)
    _open(page, "/seguimientos/")
    rows = page.evaluate(
        """() => [...document.querySelectorAll('table.list tbody tr')].map(tr => {
            const title = tr.querySelector('.row-title');
            return {height: tr.getBoundingClientRect().height,
                    links: [...tr.querySelectorAll('a')].map(a => a.textContent.trim()),
                    title: title.textContent.trim(), hover: title.getAttribute('title'),
                    cut: title.scrollWidth > title.clientWidth + 1,
                    context: tr.querySelector('.secondary')?.getAttribute('title') || ''};
        })"""
    )
    # The list opens on what is pending: every open follow-up of the demo, on one page.
    pending = db.session.scalar(select(func.count()).select_from(FollowUp).where(open_clause()))
    assert len(rows) == pending, rows
    for row in rows:
        assert row["links"] == [row["title"]], row  # the title is the row's only link
        assert row["height"] < 50, row  # one line of text (16 px × 1.5) and its padding
        # A title cut with "…" is whole on hover; one that fits has no tooltip.
        assert row["hover"] == (row["title"] if row["cut"] else None), row
    assert any(row["cut"] for row in rows), rows
    contexts = {row["context"] for row in rows}
    assert "Foro Generación Igualdad – Reunión México · Instituto Nacional de las Mujeres" in (
        contexts
    ), contexts


def test_on_a_phone_a_list_opens_on_its_rows_and_its_filters_fold(phone_page, page, db, demo):
    sign_in(phone_page, DEMO_EMAIL)
    _open(phone_page, "/seguimientos/")
    search = phone_page.get_by_label("Buscar", exact=True)
    expect(search).to_be_hidden()
    first_card = phone_page.locator("table.list tbody tr").first.bounding_box()
    assert first_card["y"] + 100 < PHONE["height"], first_card  # on the first screen
    phone_page.get_by_text("Filtros", exact=True).click()
    search.fill("Alianza")
    phone_page.get_by_role("button", name="Filtrar").click()
    # In use, they stay open and say how many.
    expect(search).to_be_visible()
    expect(phone_page.locator(".filters-fold > summary")).to_have_text("Filtros 1")
    # The search ignores case: "Alianza" finds "alianzas" too.
    expect(phone_page.locator("table.list tbody tr").first).to_contain_text(
        re.compile("alianza", re.IGNORECASE)
    )
    assert phone_page.locator("table.list tbody tr").count() < 10  # of the 10 pending
    # Wide, they are simply there.
    sign_in(page, DEMO_EMAIL)
    _open(page, "/seguimientos/")
    expect(page.get_by_label("Buscar", exact=True)).to_be_visible()
    expect(page.locator(".filters-fold > summary")).to_be_hidden()


def test_detail_pages_put_labels_above_values_on_a_phone(phone_page, db, demo):
    sign_in(phone_page, DEMO_EMAIL)
    for name in ("followup-page", "project-page", "activity-page", "person-page"):
        _open(phone_page, PAGES[name](db))
        pairs = phone_page.evaluate(
            """() => [...document.querySelectorAll('main .facts dt')].map(dt => {
                const dd = dt.nextElementSibling;
                return {label: dt.innerText, above: dt.getBoundingClientRect().bottom
                                                  <= dd.getBoundingClientRect().top + 1,
                        full: dd.getBoundingClientRect().width};
            })"""
        )
        assert pairs, f"{name}: no facts"
        assert all(p["above"] for p in pairs), (name, pairs)
        # A value has the card's width, not what was left beside its label.
        assert min(p["full"] for p in pairs) > PHONE["width"] * 0.7, (name, pairs)


def test_the_menu_is_grouped_and_marks_where_you_are(page, db, demo):
    sign_in(page, DEMO_EMAIL)
    _open(page, "/seguimientos/")
    nav = page.get_by_role("navigation", name="Principal")
    groups = {
        heading: nav.get_by_role("list", name=heading).get_by_role("link").all_inner_texts()
        for heading in ("Trabajo", "Registro", "Unidad")
    }
    assert groups == {
        "Trabajo": ["Pendientes", "Seguimientos", "Calendario"],
        "Registro": ["Actividades", "Informes", "Proyectos", "Instituciones", "Personas"],
        "Unidad": ["Avisos", "Importar", "Papelera", "Usuarios"],
    }
    expect(nav.get_by_role("link", name="Seguimientos")).to_have_attribute("aria-current", "page")
    assert nav.locator("[aria-current]").count() == 1
    # On a follow-up's own page its section stays marked.
    nav.get_by_role("link", name="Pendientes").click()
    page.locator("table.list .row-title").first.click()
    expect(nav.get_by_role("link", name="Seguimientos")).to_have_attribute("aria-current", "true")
    # The whole menu stands on one line at 1280 px, under the brand.
    assert nav.bounding_box()["height"] < 40, nav.bounding_box()


def test_a_member_sees_only_her_part_of_the_unit_menu(page, db, demo):
    sign_in(page, MEMBER_EMAIL)
    _open(page, "/")
    nav = page.get_by_role("navigation", name="Principal")
    assert nav.get_by_role("list", name="Unidad").get_by_role("link").all_inner_texts() == [
        "Avisos"
    ]
    expect(nav.get_by_role("link", name="Pendientes")).to_have_attribute("aria-current", "page")


def test_on_a_phone_the_menu_folds_behind_a_button(phone_page, db, demo):
    sign_in(phone_page, DEMO_EMAIL)
    _open(phone_page, "/seguimientos/")
    header = phone_page.locator("header.topbar").bounding_box()
    # Was 400 px (the whole menu on every screen); now the brand and the menu button, and the
    # search box under them.
    assert header["height"] < 100, header
    nav = phone_page.get_by_role("navigation", name="Principal")
    expect(nav.get_by_role("link", name="Personas")).to_be_hidden()
    button = phone_page.locator("#site-menu > summary")
    expect(button).to_have_text(re.compile(r"^\W*Menú"))  # and the unread count, if any
    button.click()
    expect(nav.get_by_role("link", name="Personas")).to_be_visible()
    expect(nav.get_by_role("link", name="Seguimientos")).to_have_attribute("aria-current", "page")
    phone_page.keyboard.press("Escape")
    expect(nav.get_by_role("link", name="Personas")).to_be_hidden()
    expect(button).to_be_focused()
    button.click()
    nav.get_by_role("link", name="Personas").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Personas")


def test_without_script_the_phone_menu_is_still_there(browser, live_server, db, demo):
    context = browser.new_context(
        base_url=live_server, viewport=PHONE, is_mobile=True, java_script_enabled=False
    )
    try:
        page = context.new_page()
        sign_in(page, DEMO_EMAIL)
        _open(page, "/")
        nav = page.get_by_role("navigation", name="Principal")
        expect(nav.get_by_role("link", name="Instituciones")).to_be_visible()
        nav.get_by_role("link", name="Instituciones").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Instituciones")
        # And it folds with its own button, script or not.
        page.locator("#site-menu > summary").click()
        expect(nav.get_by_role("link", name="Instituciones")).to_be_hidden()
    finally:
        context.close()


def test_the_timeline_scrolls_its_time_axis_and_keeps_the_names(phone_page, db, demo):
    sign_in(phone_page, DEMO_EMAIL)
    for path in (PAGES["timeline"](db), PAGES["project-page"](db)):
        _open(phone_page, path)
        axis = phone_page.locator(".timeline-scroll").first
        sizes = axis.evaluate("e => ({scroll: e.scrollWidth, client: e.clientWidth})")
        assert sizes["scroll"] > sizes["client"] + 100, (path, sizes)  # room to read, scrolled
        assert sideways_overflow(phone_page)["scrollWidth"] == PHONE["width"], path
        # It opens on today, not on the first month of the oldest project.
        today = phone_page.locator(".timeline-scroll line.today").first.bounding_box()
        frame = axis.bounding_box()
        assert frame["x"] <= today["x"] <= frame["x"] + frame["width"], (path, today, frame)
    _open(phone_page, PAGES["timeline"](db))
    name = phone_page.locator(".portfolio-labels a").first
    before = name.bounding_box()
    phone_page.locator(".timeline-scroll").first.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    assert name.bounding_box() == before  # the project names stay while the axis scrolls
    assert before["x"] >= 0 and before["x"] + before["width"] <= PHONE["width"]


@pytest.mark.parametrize("name", ["dashboard", "followup-list", "followup-page", "timeline"])
def test_the_first_screens_read_whole_at_1280_and_390_px(name, page, phone_page, db, demo):
    """Neither wide nor narrow do they scroll sideways or break a word; each is saved to
    docs/screenshots/ (NAME.png at 1280 px, NAME-phone.png at 390 px) for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for browser_page, suffix, size in ((page, "", DESKTOP), (phone_page, "-phone", PHONE)):
        sign_in(browser_page, DEMO_EMAIL)
        _open(browser_page, PAGES[name](db))
        # Saved first, so that a page that fails below can be looked at.
        browser_page.screenshot(path=str(SCREENSHOTS / f"{name}{suffix}.png"), full_page=True)
        overflow = sideways_overflow(browser_page)
        assert overflow["scrollWidth"] == size["width"], (name, suffix, overflow)
        assert browser_page.evaluate(BROKEN_WORDS_JS) == [], (name, suffix)
