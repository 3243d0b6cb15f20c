"""Issue 11's "done when", in a real Chromium: the demo participant writes and hands in her
report; her supervisor gets the mail (a real SMTP server), opens its link, logs in and gives the
visto bueno; the author is told in the app and by mail; the report downloads as Word and PDF
with the Visto Bueno block; the commitment is on the follow-up list with its owner and date."""

import io
import re
from datetime import date

import pytest
from babel.dates import format_date
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader
from sqlalchemy import func, select

from jobs import rules as R
from jobs.run import run_reminders
from tests.browser.conftest import _context
from tests.browser.test_report_form_journey import fill_in_her_report, member_report  # noqa: F401
from tests.conftest import PASSWORD
from tests.reminders.conftest import smtp, smtp_controller  # noqa: F401  (fixtures)
from tracker.clock import local_today
from tracker.demo import MEMBER_EMAIL
from tracker.models import ParticipationReport, User, UserNotice
from tracker.models.enums import ReportStatus, Role

pytestmark = pytest.mark.browser

SUPERVISOR = "jefatura.despacho@seguimiento.demo"
ACTIVITY = "Reunión regional de mecanismos de la mujer"
COMMITMENT = "Enviar la propuesta de agenda común"


@pytest.fixture
def supervised(db, make, member_report):  # noqa: F811
    """The demo participant's report, and her supervisor (jefatura) with an account."""
    report, focal = member_report
    boss = make.user(
        Role.MEMBER, name="Sofía Jefatura Arias", email=SUPERVISOR, position="Jefa de despacho"
    )
    member = db.session.scalars(select(User).where(User.email == MEMBER_EMAIL)).one()
    member.person.supervisor_id = boss.person_id
    db.session.commit()
    return report, focal


def _mail_link(mail, live_server: str, report_id: int) -> str:
    found = re.search(rf"{re.escape(live_server)}/informes/{report_id}\b", mail.text)
    assert found, mail.text
    return found.group(0)


def test_written_submitted_approved_told_downloaded_and_tracked(
    page,
    browser,
    live_server,
    smtp,  # noqa: F811
    db,
    supervised,
    tmp_path,
):
    report, _focal = supervised
    fill_in_her_report(page, tmp_path)
    page.get_by_role("button", name="Guardar y entregar").click()
    expect(page.get_by_text("Informe entregado.")).to_be_visible()

    # The reminders job delivers the request for the visto bueno, once.
    run_reminders(local_today())
    run_reminders(local_today())
    (request,) = [m for m in smtp.to(SUPERVISOR) if "solicita su visto bueno" in m.text]
    assert "Marcela Guerrero Campos entregó su informe" in request.text and ACTIVITY in request.text
    link = _mail_link(request, live_server, report.id)

    # The supervisor opens the link in her own browser: the login, then the report.
    context = _context(browser, live_server, viewport={"width": 1280, "height": 900})
    try:
        boss = context.new_page()
        boss.goto(link)
        expect(boss).to_have_url(re.compile(r"/login"))
        boss.get_by_label("Correo", exact=True).fill(SUPERVISOR)
        boss.get_by_label("Contraseña", exact=True).fill(PASSWORD)
        boss.locator("main").get_by_role("button", name="Entrar").click()
        expect(boss).to_have_url(link)
        expect(boss.get_by_text(COMMITMENT)).to_be_visible()
        boss.get_by_role("button", name="Dar visto bueno").click()
        expect(boss.get_by_text("Informe aprobado.")).to_be_visible()
    finally:
        context.close()
    db.session.expire_all()
    stored = db.session.get(ParticipationReport, report.id)
    assert stored.status == ReportStatus.APPROVED
    assert stored.approved_by.email == SUPERVISOR

    # The author is told: by mail (once) and in the app.
    run_reminders(local_today())
    run_reminders(local_today())
    (told,) = [m for m in smtp.to(MEMBER_EMAIL) if "recibió el visto bueno" in m.text]
    assert "recibió el visto bueno de Sofía Jefatura Arias" in told.text
    # Her other unread notices (the demo's follow-ups assigned to her) stay as they were.
    others = db.session.scalar(
        select(func.count(UserNotice.id)).where(
            UserNotice.user_id == stored.person.user.id,
            UserNotice.read_at.is_(None),
            UserNotice.kind != R.REPORT_APPROVED,
        )
    )
    page.goto("/")
    expect(page.locator("a[href='/novedades/'] .badge.count")).to_have_text(str(others + 1))
    page.get_by_role("link", name=f"Su informe de «{ACTIVITY}» recibió el visto bueno.").click()
    expect(page).to_have_url(re.compile(rf"/informes/{report.id}$"))
    if others:
        expect(page.locator("a[href='/novedades/'] .badge.count")).to_have_text(str(others))
    else:
        expect(page.locator("a[href='/novedades/'] .badge.count")).to_have_count(0)

    # The official document, Word and PDF, carries the Visto Bueno block.
    with page.expect_download() as word:
        page.get_by_role("link", name="Descargar documento Word (.docx)").click()
    assert word.value.suggested_filename.endswith(".docx")
    word_text = _docx_text(_read(word.value, tmp_path))
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Descargar PDF").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    reader = PdfReader(io.BytesIO(_read(pdf.value, tmp_path)))
    pdf_text = "\n".join(p.extract_text() for p in reader.pages)
    for text in (word_text, pdf_text):
        assert "Visto Bueno" in text and "Sofía Jefatura Arias" in text
        assert COMMITMENT in text

    # The commitment is on the follow-up list, with its owner and date.
    page.goto("/seguimientos/")
    row = page.locator("tr", has=page.get_by_role("link", name=COMMITMENT))
    expect(row).to_contain_text("Laura Punto Focal")
    expect(row).to_contain_text(format_date(date(2027, 2, 15), "medium", locale="es"))


def _read(download, tmp_path) -> bytes:
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path.read_bytes()


def _docx_text(body: bytes) -> str:
    """Paragraphs and table cells (the commitments are a table)."""
    document = Document(io.BytesIO(body))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
