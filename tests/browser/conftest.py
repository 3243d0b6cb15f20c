"""Browser tests: the session `app` served by a real HTTP server, driven by Debian's Chromium
through Playwright, checked with axe-core.

Chromium is never downloaded by Playwright here: the tests launch `/usr/bin/chromium` (apt package
`chromium`). When it is missing the tests are skipped with a loud line at the end of the run, or
fail when TRACKER_REQUIRE_BROWSER=1 (CI sets it, so CI cannot pass without them).
"""

import os
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from tests.browser.helpers import DESKTOP, PHONE
from tests.conftest import PASSWORD
from tracker.clock import local_today
from tracker.demo import DEMO_EMAIL, MEMBER_EMAIL, load_demo
from tracker.models import User

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Date inputs draw their placeholder in the browser's language (dd/mm/aaaa, not mm/dd/yyyy).
    "--lang=es-CR",
]
MISSING_CHROMIUM = f"Chromium no está instalado ({CHROMIUM}): apt-get install -y chromium"
REQUIRE_ENV = "TRACKER_REQUIRE_BROWSER"

HERE = Path(__file__).parent
AXE = HERE / "vendor" / "axe.min.js"

LOCALE = "es-CR"
TIMEZONE = "America/Costa_Rica"
#: Playwright's default is 30 s; a local server answers in well under one.
TIMEOUT_MS = 10_000


_COLLECTED = pytest.StashKey[int]()


def _browser_required() -> bool:
    return os.environ.get(REQUIRE_ENV) == "1"


def pytest_collection_modifyitems(config, items):
    """Without Chromium: skip the browser tests (loudly, see below) unless they are required."""
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    config.stash[_COLLECTED] = len(browser_items)
    if CHROMIUM.exists() or _browser_required():
        return
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=MISSING_CHROMIUM))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """A line nobody can miss, after pytest's own summary, when the browser tests did not run."""
    yield
    collected = config.stash.get(_COLLECTED, 0)
    if collected and not CHROMIUM.exists():
        verdict = "FAILED" if _browser_required() else "NOT RUN (skipped)"
        terminalreporter.write_line(
            f"!!! {collected} BROWSER TESTS {verdict}: {MISSING_CHROMIUM} !!!",
            red=True,
            bold=True,
        )


# --- the server -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The session app over HTTP on a free local port, in a daemon thread; yields its base URL.

    It shares the app, and so the database, with the test: what a test writes through `make`
    (committed) the browser sees, and the autouse `db` fixture empties it between tests.
    """
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(autouse=True)
def _links_on_the_live_server(app, live_server, monkeypatch):
    """Absolute links (the calendar feed, mails) are built on TRACKER_BASE_URL, as in
    production: during a browser test that is the live server; other tests keep theirs."""
    monkeypatch.setitem(app.config, "TRACKER_BASE_URL", live_server)


# --- the browser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(live_server):
    """One Chromium for the whole session.

    It depends on `live_server` only for the teardown order: the browser closes its keep-alive
    connections first, so the server's handler threads end before the server is closed.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{REQUIRE_ENV}=1 and {MISSING_CHROMIUM}", pytrace=False)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


def _context(browser, live_server, **options):
    context = browser.new_context(
        base_url=live_server,
        locale=LOCALE,
        timezone_id=TIMEZONE,
        accept_downloads=True,
        **options,
    )
    context.set_default_timeout(TIMEOUT_MS)
    # Chromium fetches the icon in the background and drops the request when the test moves on;
    # the test server then never closes the file it was sending (a ResourceWarning, which this
    # suite turns into an error, in whichever test happens to run). No test looks at the icon.
    context.route("**/favicon.svg", lambda route: route.fulfill(status=204))
    return context


@pytest.fixture
def page(browser, live_server):
    """A desktop page in a fresh context (no cookies); `page.goto("/")` is the app's home."""
    context = _context(browser, live_server, viewport=DESKTOP)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A phone: 390×844 CSS pixels (iPhone 12–15), mobile viewport (honours the page's
    `<meta name=viewport>`), touch; device pixel ratio 2 keeps full-page screenshots small."""
    context = _context(
        browser,
        live_server,
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, fetched from the npm registry by `make tests/browser/vendor/axe.min.js` (also a
    prerequisite of `make test`; git-ignored). Missing is an error, never a skip: an
    accessibility suite that silently checks nothing is worse than none."""
    if not AXE.exists():
        target = AXE.relative_to(HERE.parents[1])
        pytest.fail(
            f"{target} is missing: run `make {target}` (or `make test`), which fetches "
            "axe-core from the npm registry.",
            pytrace=False,
        )
    return AXE.read_text(encoding="utf-8")


# --- data -------------------------------------------------------------------------------


@pytest.fixture
def demo(db, make):
    """What `tracker demo` loads (both seed forms imported; admin DEMO_EMAIL, participant
    MEMBER_EMAIL, password PASSWORD), plus a follow-up of the admin due today and one of the
    participant due in five days, so the calendar and the "due soon" parts are not empty."""
    load_demo(PASSWORD)
    db.session.commit()
    admin = db.session.scalars(select(User).where(User.email == DEMO_EMAIL)).one()
    member = db.session.scalars(select(User).where(User.email == MEMBER_EMAIL)).one()
    today = local_today()
    make.followup(owner=admin.person, title="Enviar nota verbal a la embajada", due_on=today)
    make.followup(
        owner=member.person, title="Compartir la agenda del foro", due_on=today + timedelta(5)
    )
