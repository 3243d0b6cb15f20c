"""What the browser tests do often: sign in, save a screenshot, run axe-core."""

import json
import re
from pathlib import Path

from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.importers.builders import report_docx
from tracker.demo import DEMO_EMAIL, PROJECT_SEED, REPORT_SEED
from tracker.models import Activity, FollowUp, ParticipationReport, Project, User

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: Screenshots for people to look at (git-ignored).
ARTIFACTS = Path(__file__).parents[1] / "artifacts"


def login(page, email: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would."""
    page.goto("/login")
    page.get_by_label("Correo", exact=True).fill(email)
    page.get_by_label("Contraseña", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Entrar").click()
    page.wait_for_url(lambda url: "/login" not in url)


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG under tests/artifacts/ (git-ignored) for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    """Sign in over HTTP in the page's context (its cookies), without rendering any page: for
    tests about something else. `login` is the one that goes through the form."""
    form = page.request.get("/login").text()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    response = page.request.post(
        "/login",
        form={"csrf_token": token, "email": email, "password": password},
        max_redirects=0,
    )
    assert response.status == 302, f"login as {email} failed: HTTP {response.status}"


#: axe-core's default rule set (WCAG 2.0/2.1 A and AA and best practices) plus `target-size`
#: (WCAG 2.2 AA 2.5.8, off by default in axe 4): touch targets matter on the phone layout.
AXE_OPTIONS = {
    "rules": {"target-size": {"enabled": True}},
    # Details for these only (passes are counted, not described): faster on big pages.
    "resultTypes": ["violations", "incomplete"],
}


def run_axe(page, axe_source: str) -> tuple[list[dict], list[dict]]:
    """axe-core on the page as it is now: (violations, needs-review), every impact.

    The app sends `Content-Security-Policy: script-src 'self'`, so `page.add_script_tag(path=…)`
    — which inserts an *inline* <script> — is refused by the page ("Executing inline script
    violates the following Content Security Policy directive"). `page.evaluate(source)` goes
    through the DevTools protocol (Runtime.evaluate), which the page's CSP does not govern, so
    axe is loaded that way and the page is audited exactly as served, CSP included (no
    `bypass_csp`, which would also change what the page itself may do).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    result = page.evaluate(
        """async (options) => {
            const result = await axe.run(document, options);
            const slim = list => list.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html,
                                          summary: n.failureSummary})),
            }));
            return [slim(result.violations), slim(result.incomplete)];
        }""",
        AXE_OPTIONS,
    )
    return result[0], result[1]


def describe(violations: list[dict]) -> str:
    """One block per violation: rule, impact, help, and the first offending node."""
    blocks = []
    for v in violations:
        first = v["nodes"][0] if v["nodes"] else {}
        blocks.append(
            f"- {v['id']} [{v['impact']}] {v['help']} — {len(v['nodes'])} node(s)\n"
            f"    {v['helpUrl']}\n"
            f"    target: {json.dumps(first.get('target'))}\n"
            f"    html:   {first.get('html', '')[:300]}\n"
            f"    {(first.get('summary') or '').replace(chr(10), ' ')[:400]}"
        )
    return "\n".join(blocks)


def sideways_overflow(page) -> dict:
    """How far the page scrolls sideways, and the widest elements that stick out on the right.

    Compared with `documentElement.clientWidth` (the layout viewport, the device width under
    `<meta name=viewport content="width=device-width">`), not `window.innerWidth`: with
    `is_mobile=True` Chromium zooms out to fit content wider than the screen, and innerWidth
    grows with it (775 px on a 390 px phone), so `scrollWidth <= innerWidth` would always hold.
    """
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const culprits = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1
                             && !e.closest('.table-wrap'))   // tables scroll in their wrapper
                .filter(e => ![...e.children]
                                 .some(c => c.getBoundingClientRect().right > width + 1))
                .slice(0, 5)
                .map(e => `${e.outerHTML.slice(0, 120)} (right edge at `
                          + `${Math.round(e.getBoundingClientRect().right)} px)`);
            return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width,
                    culprits};
        }"""
    )


# --- the pages under test ---------------------------------------------------------------


def _first(db, statement):
    return db.session.scalars(statement.limit(1)).one()


def _commitment(db) -> int:
    return _first(db, select(FollowUp.id).where(FollowUp.title.like("Apoyar la Alianza%")))


def _admin_person(db) -> int:
    return _first(db, select(User.person_id).where(User.email == DEMO_EMAIL))


#: page name → path, given the database after the demo is loaded.
PAGES = {
    "login": lambda db: "/login",
    "dashboard": lambda db: "/",
    "followup-list": lambda db: "/seguimientos/",
    "followup-page": lambda db: f"/seguimientos/{_commitment(db)}",
    "followup-new": lambda db: "/seguimientos/nuevo",
    "activity-list": lambda db: "/actividades/",
    "activity-page": lambda db: f"/actividades/{_first(db, select(Activity.id))}",
    "report-page": lambda db: f"/informes/{_first(db, select(ParticipationReport.id))}",
    "project-list": lambda db: "/proyectos/",
    "project-page": lambda db: f"/proyectos/{_first(db, select(Project.id))}",
    "timeline": lambda db: "/proyectos/cronograma",
    "calendar": lambda db: "/calendario/",
    "calendar-agenda": lambda db: "/calendario/?vista=agenda",
    "import-preview": lambda db: "/importar",
    "organization-list": lambda db: "/instituciones/",
    "people-list": lambda db: "/personas/",
    "person-page": lambda db: f"/personas/{_admin_person(db)}",
}


def show_import_previews(page, tmp_path) -> None:
    """Upload both seed forms so the page shows its two editable previews."""
    docx = tmp_path / "informe-participacion-inamu-2021.docx"
    docx.write_bytes(report_docx(REPORT_SEED.read_text(encoding="utf-8")))
    page.get_by_label("Formularios (.txt, .docx o .pdf)").set_input_files([docx, PROJECT_SEED])
    page.get_by_role("button", name="Leer archivos").click()
    page.locator("section.preview").nth(1).wait_for()
