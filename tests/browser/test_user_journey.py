"""The coordinator's and the participant's day, driven through the UI in a real Chromium:
import the forms, close a commitment and watch the dashboard move, see the overrun project,
subscribe to the calendar, download the filtered list, and read the dashboard on a phone."""

import csv
import re
import urllib.request
from datetime import date

import openpyxl
import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.helpers import PHONE, login, screenshot, sideways_overflow
from tests.importers.builders import report_docx
from tracker.clock import local_today
from tracker.demo import DEMO_EMAIL, MEMBER_EMAIL, PROJECT_SEED, REPORT_SEED
from tracker.models.enums import Role

pytestmark = pytest.mark.browser

COMMITMENT = (
    "Apoyar la Alianza Regional por la Digitalización de las Mujeres, "
    "impulsada por el Gobierno de Chile"
)
ACTION = "Fortalecer trabajo dentro de la Coalición de Acción Feminista por la Justicia Climática"
MCIG_PLANNED_END = date(2024, 10, 31)


def nav(page, name: str):
    """A link of the main navigation bar."""
    return page.get_by_role("navigation", name="Principal").get_by_role("link", name=name)


def tiles(page) -> dict[str, int]:
    """The dashboard's tiles as {label: number}, e.g. {"vencidos": 2, "abiertos": 7, …}."""
    found = {}
    for tile in page.locator(".tiles .tile").all():
        number = tile.locator(".num").inner_text()
        label = " ".join(tile.inner_text().replace(number, "", 1).split())
        found[label] = int(number)
    return found


def overrun_days() -> int:
    return (local_today() - MCIG_PLANNED_END).days


def test_import_close_a_commitment_and_see_the_dashboard_and_timeline(page, make, tmp_path):
    coordinator = make.user(Role.COORDINATOR)
    login(page, coordinator.email)

    # Upload both forms at once: the report as Word (how staff hand it in), the sheet as text.
    nav(page, "Importar").click()
    docx = tmp_path / "informe-participacion-inamu-2021.docx"
    docx.write_bytes(report_docx(REPORT_SEED.read_text(encoding="utf-8")))
    page.get_by_label("Formularios (.txt, .docx o .pdf)").set_input_files([docx, PROJECT_SEED])
    page.get_by_role("button", name="Leer archivos").click()

    report = page.locator("section.preview").filter(has_text="Informe de participación")
    expect(report.get_by_label("Nombre", exact=True)).to_have_value("Marcela Guerrero Campos")
    # Each commitment is a row of the report form, its text read from the file.
    commitments = report.locator("fieldset", has_text="Compromisos adquiridos")
    expect(commitments.get_by_label("Texto").first).to_have_value(re.compile(re.escape(COMMITMENT)))
    sheet = page.locator("section.preview").filter(has_text="Ficha de proyecto")
    expect(sheet).to_have_count(1)
    screenshot(page, "import-preview.png")

    report.get_by_role("button", name="Guardar").click()
    expect(page).to_have_url(re.compile(r"/informes/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Informe de participación")
    expect(page.locator("main")).to_contain_text("Marcela Guerrero Campos")
    expect(page.locator("main")).to_contain_text("Foro Generación Igualdad")
    expect(page.get_by_text(COMMITMENT).first).to_be_visible()
    screenshot(page, "report.png")

    nav(page, "Importar").click()
    page.locator("section.preview").get_by_role("button", name="Guardar").click()
    expect(page).to_have_url(re.compile(r"/proyectos/\d+$"))

    # The commitment is on the dashboard, overdue (due 90 days after a 2021 report).
    nav(page, "Pendientes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pendientes")
    before = tiles(page)
    assert before["vencidos"] >= 1 and before["abiertos"] >= before["vencidos"], before
    page.get_by_role("link", name=COMMITMENT).first.click()  # also listed as "sin correo"
    expect(page.get_by_role("heading", level=1)).to_have_text(COMMITMENT)

    status_form = page.locator("form").filter(
        has=page.get_by_role("heading", name="Cambiar estado")
    )
    status_form.get_by_label("Nuevo estado").select_option(label="Cumplido")
    status_form.get_by_label("Comentario").fill("Carta de adhesión enviada.")
    status_form.get_by_role("button", name="Cambiar estado").click()
    expect(page.locator(".head .badge")).to_have_text("Cumplido")
    expect(page.get_by_text("Carta de adhesión enviada.")).to_be_visible()

    nav(page, "Pendientes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pendientes")
    after = tiles(page)
    assert after["vencidos"] == before["vencidos"] - 1, (before, after)
    assert after["abiertos"] == before["abiertos"] - 1, (before, after)
    assert after["cumplidos este mes"] == before["cumplidos este mes"] + 1, (before, after)
    assert after["proyectos pasados de su fin previsto"] == 1, after
    expect(page.get_by_role("link", name=COMMITMENT)).to_have_count(0)
    screenshot(page, "dashboard.png")

    # The imported project is still running after its planned end: the timeline shows it.
    nav(page, "Proyectos").click()
    page.locator("main").get_by_role("link", name="Cronograma").click()
    expect(page.locator("svg rect.overrun")).to_have_count(1)
    expect(page.locator("svg rect.overrun")).to_be_visible()
    days = overrun_days()
    expect(page.locator(".portfolio-labels")).to_contain_text(f"{days} días de retraso")
    screenshot(page, "timeline.png")


def test_calendar_feed_has_the_overdue_commitment(page, demo):
    login(page, MEMBER_EMAIL)
    nav(page, "Calendario").click()
    page.get_by_role("button", name="Crear enlace").click()
    url = page.locator("input#feed-url").input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/calendario/feed/[^/]+\.ics", url), url

    # Fetched as a calendar client does: no session cookie, the secret URL is the credential
    # (and no proxy from the environment: the server is on this machine).
    client = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with client.open(url, timeout=10) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "text/calendar"
        body = response.read()
    events = {str(e["summary"]): e for e in Calendar.from_ical(body).walk("VEVENT")}
    overdue = [summary for summary in events if summary.startswith("[VENCIDO]")]
    assert f"[VENCIDO] {COMMITMENT}" in overdue, sorted(events)
    assert events[f"[VENCIDO] {COMMITMENT}"]["dtstart"].dt < local_today()
    assert "Compartir la agenda del foro" in events, sorted(events)  # due in 5 days: no prefix


def test_filtered_list_downloads_as_csv_and_xlsx(page, demo, tmp_path):
    login(page, DEMO_EMAIL)
    nav(page, "Seguimientos").click()
    expect(page.get_by_role("link", name=ACTION)).to_be_visible()
    page.get_by_label("Buscar", exact=True).fill("Alianza Regional")
    page.get_by_role("button", name="Filtrar").click()
    expect(page).to_have_url(re.compile(r"[?&]q=Alianza\+Regional"))
    expect(page.get_by_role("link", name=COMMITMENT)).to_be_visible()
    expect(page.get_by_role("link", name=ACTION)).to_have_count(0)

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV").click()
    # Dated names, and `;` between columns: what a Spanish-locale spreadsheet opens in columns.
    assert csv_download.value.suggested_filename == f"seguimientos-{local_today()}.csv"
    csv_path = tmp_path / "seguimientos.csv"
    csv_download.value.save_as(csv_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [row["Título"] for row in rows] == [COMMITMENT], rows
    assert rows[0]["Responsable"] == "Marcela Guerrero Campos"

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    assert xlsx_download.value.suggested_filename == f"seguimientos-{local_today()}.xlsx"
    xlsx_path = tmp_path / "seguimientos.xlsx"
    xlsx_download.value.save_as(xlsx_path)
    workbook = openpyxl.load_workbook(xlsx_path)
    try:
        header, *data = workbook.active.iter_rows(values_only=True)
    finally:
        workbook.close()
    titles = [row[header.index("Título")] for row in data]
    assert titles == [COMMITMENT], data


def test_dashboard_fits_a_phone(phone_page, demo):
    login(phone_page, DEMO_EMAIL)
    expect(phone_page.locator(".tiles .tile").first).to_be_visible()
    screenshot(phone_page, "dashboard-phone.png")
    overflow = sideways_overflow(phone_page)
    assert overflow["clientWidth"] == PHONE["width"], overflow
    assert overflow["scrollWidth"] <= overflow["clientWidth"] + 1, (
        f"the dashboard scrolls sideways on a {PHONE['width']} px phone: {overflow}"
    )
