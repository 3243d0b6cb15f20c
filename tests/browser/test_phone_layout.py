"""Every main screen at phone width (390 CSS px): the page itself must not scroll sideways
(WCAG 1.4.10 Reflow); wide tables scroll inside their own `.table-wrap`. The dashboard is also
checked, with a screenshot, in test_user_journey.py.

One test walks all the pages (one sign-in, ~0.2 s a page) and names every page that overflows.
"""

import pytest

from tests.browser.helpers import PAGES, PHONE, show_import_previews, sideways_overflow, sign_in
from tracker.demo import DEMO_EMAIL

pytestmark = pytest.mark.browser

#: Pages that overflow today because of the application's CSS (reported to its developers),
#: with the cause. The test fails when this list is wrong either way: a page that starts to
#: overflow, or a listed page that has been fixed (then remove it from here).
KNOWN_OVERFLOW: dict[str, str] = {}


def _overflow(page, name: str, path: str, tmp_path) -> str | None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
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
    overflowing = {name: text for name, text in found.items() if text}

    new = [text for name, text in overflowing.items() if name not in KNOWN_OVERFLOW]
    assert not new, f"pages that scroll sideways on a {PHONE['width']} px phone:\n" + "\n".join(new)
    fixed = sorted(set(KNOWN_OVERFLOW) - set(overflowing))
    assert not fixed, f"these no longer overflow, remove them from KNOWN_OVERFLOW: {fixed}"
