"""The XLSX a coordinator downloads from a filtered list, as Chromium saves it, opened with
openpyxl: the list's rows only, widths set, the header frozen and filtered, dates as dates."""

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from tests.browser.helpers import login
from tracker.clock import local_today
from tracker.demo import DEMO_EMAIL

pytestmark = pytest.mark.browser


def test_the_downloaded_xlsx_opens_as_a_spreadsheet(page, db, demo, make, tmp_path):
    due = local_today() + timedelta(days=12)
    make.followup(title="Preparar la misión a Zanzíbar", due_on=due)
    make.followup(title="Enviar el acta firmada", due_on=due)
    login(page, DEMO_EMAIL)
    page.goto("/seguimientos/?status=pending&q=Zanz%C3%ADbar")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename == f"seguimientos-{local_today().isoformat()}.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    workbook = load_workbook(path)
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.column_dimensions["B"].width > 40
    workbook.close()
    assert [row[header.index("Título")] for row in rows] == ["Preparar la misión a Zanzíbar"]
    due_cell = rows[0][header.index("Fecha límite")]
    assert due_cell.date() == due and isinstance(due_cell.date(), date)
