"""CSV and XLSX downloads of the filtered follow-up list; the printable report."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from tracker.models.enums import FollowUpKind, Role


def _setup(make):
    ana, luis = make.person(name="Ana"), make.person(name="Luis")
    make.followup(owner=ana, title="Carta, con coma", due_on=date(2026, 1, 10))
    make.followup(owner=ana, title="Agenda", due_on=date(2026, 2, 10), kind=FollowUpKind.COMMITMENT)
    make.followup(owner=luis, title="De Luis", due_on=date(2026, 3, 10))
    return ana


def test_csv_holds_the_filtered_rows(app, make):
    ana = _setup(make)
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    response = client.get(f"/seguimientos/exportar.csv?owner={ana.id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["ID", "Título", "Tipo"]
    assert [row[1] for row in rows[1:]] == ["Carta, con coma", "Agenda"]
    assert rows[2][2] == "Compromiso" and rows[1][5] == "Ana" and rows[1][11] == "2026-01-10"


def test_xlsx_holds_the_filtered_rows(app, make):
    _setup(make)
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    with client.get("/seguimientos/exportar.xlsx?q=luis") as response:
        assert response.status_code == 200
        workbook = load_workbook(io.BytesIO(response.data), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    assert rows[0][1] == "Título"
    assert [row[1] for row in rows[1:]] == ["De Luis"]
    assert rows[1][11].date() == date(2026, 3, 10)  # a real date cell, not text


def test_export_with_a_bad_filter_is_a_400(app, make):
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    response = client.get("/seguimientos/exportar.csv?due_from=ayer")
    assert response.status_code == 400


def test_printable_report_shows_followups_with_current_status(app, make, db):
    from tracker.operations.followups import change_status

    report = make.report()
    followup = make.followup(owner=report.person, report=report, title="Apoyar la Alianza")
    change_status(followup, None, "done", date(2026, 5, 1))
    db.session.commit()
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    page = client.get(f"/informes/{report.id}/imprimir").get_data(as_text=True)
    assert "Apoyar la Alianza" in page and "Cumplido" in page and "Informe de participación" in page
