"""CSV and XLSX downloads of the filtered follow-up list; the printable report."""

import csv
import html
import io
import re
from datetime import date, timedelta

from openpyxl import load_workbook

from tracker.clock import local_today
from tracker.models.enums import FollowUpKind, Role
from tracker.operations.followups import add_comment, change_status, reschedule


def _setup(make):
    ana, luis = make.person(name="Ana"), make.person(name="Luis")
    make.followup(owner=ana, title="Carta, con coma", due_on=date(2026, 1, 10))
    make.followup(owner=ana, title="Agenda", due_on=date(2026, 2, 10), kind=FollowUpKind.COMMITMENT)
    make.followup(owner=luis, title="De Luis", due_on=date(2026, 3, 10))
    return ana


def _today(app) -> date:
    with app.app_context():
        return local_today()


def _detailed(app, make, db):
    """An overdue item of a project with two SDGs, commented twice and moved once; a done one;
    an open one not yet due."""
    today = _today(app)
    project = make.project(name="Alianza Regional", sdgs=[10, 5])
    late = make.followup(
        owner=make.person(name="José Núñez"),
        project=project,
        title="Acción para la niñez",
        due_on=today - timedelta(days=3),
    )
    reschedule(late, None, today - timedelta(days=2), "La contraparte pidió más tiempo")
    add_comment(late, None, "Primer comentario")
    add_comment(late, None, "Último: envió el borrador")
    done = make.followup(title="Hecho", project=project, due_on=today - timedelta(days=20))
    change_status(done, None, "done", today - timedelta(days=1))
    make.followup(title="Más adelante", due_on=today + timedelta(days=9))
    db.session.commit()
    return today


def _csv(client, url: str, delimiter: str = ";"):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return response, list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))


def _by_title(rows):
    header, *body = rows
    return {row[header.index("Título")]: dict(zip(header, row, strict=True)) for row in body}


def test_csv_holds_the_filtered_rows(app, make):
    ana = _setup(make)
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    _response, rows = _csv(client, f"/seguimientos/exportar.csv?owner={ana.id}")
    assert rows[0][:3] == ["ID", "Título", "Tipo"]
    assert [row[1] for row in rows[1:]] == ["Carta, con coma", "Agenda"]
    assert rows[2][2] == "Compromiso" and rows[1][5] == "Ana" and rows[1][12] == "2026-01-10"


def test_csv_in_spanish_is_separated_by_semicolons_and_named_by_the_date(app, make, db):
    today = _detailed(app, make, db)
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    response, rows = _csv(client, "/seguimientos/exportar.csv?status=all")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="seguimientos-{today.isoformat()}.csv"'
    )
    assert all(len(row) == len(rows[0]) == 20 for row in rows)
    items = _by_title(rows)
    late = items["Acción para la niñez"]
    assert late["Responsable"] == "José Núñez"
    assert late["Días de atraso"] == "2"
    assert late["ODS"] == "5, 10"
    assert late["Último comentario"] == "Último: envió el borrador"
    assert late["Reprogramaciones"] == "1"
    assert late["Fecha límite"] == (today - timedelta(days=2)).isoformat()
    done = items["Hecho"]
    assert done["Días de atraso"] == "" and done["ODS"] == "5, 10"
    assert done["Último comentario"] == "" and done["Reprogramaciones"] == "0"
    later = items["Más adelante"]
    assert later["Días de atraso"] == "" and later["ODS"] == "" and later["Proyecto"] == ""


def test_csv_separator_can_be_chosen_on_the_link_and_follows_an_english_interface(app, make, db):
    _detailed(app, make, db)
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    _response, rows = _csv(client, "/seguimientos/exportar.csv?status=all&sep=,", ",")
    assert _by_title(rows)["Acción para la niñez"]["ODS"] == "5, 10"  # quoted, one cell
    english = app.test_client()
    english.login(make.user(Role.VIEWER, language="en"))
    _response, rows = _csv(english, "/seguimientos/exportar.csv?status=all", ",")
    assert len(rows[0]) == 20 and len(rows) == 4
    _response, rows = _csv(english, "/seguimientos/exportar.csv?status=all&sep=;", ";")
    assert len(rows[0]) == 20 and len(rows) == 4


def test_csv_keeps_the_list_sort(app, make):
    _setup(make)
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    _response, rows = _csv(client, "/seguimientos/exportar.csv?status=all&sort=-title")
    assert [row[1] for row in rows[1:]] == ["De Luis", "Carta, con coma", "Agenda"]


def _workbook(client, url: str):
    with client.get(url) as response:
        assert response.status_code == 200
        return response, load_workbook(io.BytesIO(response.data))


def test_xlsx_holds_the_filtered_rows(app, make):
    _setup(make)
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    _response, workbook = _workbook(client, "/seguimientos/exportar.xlsx?q=luis")
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    assert rows[0][1] == "Título"
    assert [row[1] for row in rows[1:]] == ["De Luis"]
    assert rows[1][12].date() == date(2026, 3, 10)  # a real date cell, not text


def test_xlsx_opens_with_widths_frozen_header_filter_dates_and_new_columns(app, make, db):
    today = _detailed(app, make, db)
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    response, workbook = _workbook(client, "/seguimientos/exportar.xlsx?status=all")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="seguimientos-{today.isoformat()}.xlsx"'
    )
    sheet = workbook.active
    assert sheet.title == "Seguimientos"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:T4"
    assert sheet.column_dimensions["B"].width > 40  # the title has room
    assert sheet.column_dimensions["A"].width < 10
    header = [cell.value for cell in sheet[1]]
    assert all(cell.font.b for cell in sheet[1])
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    workbook.close()
    late = rows["Acción para la niñez"]

    def cell(name):
        return late[header.index(name)]

    due = cell("Fecha límite")
    assert due.is_date and due.value.date() == today - timedelta(days=2)
    assert due.number_format.lower() in {"mm-dd-yy", "m/d/yyyy", "d/m/yyyy", "dd/mm/yyyy"}
    assert cell("Días de atraso").value == 2 and cell("Días de atraso").data_type == "n"
    assert cell("Reprogramaciones").value == 1 and cell("ID").data_type == "n"
    assert cell("ODS").value == "5, 10"
    assert cell("Último comentario").value == "Último: envió el borrador"
    assert cell("Responsable").value == "José Núñez"
    assert rows["Hecho"][header.index("Días de atraso")].value is None
    assert rows["Hecho"][header.index("Cumplido el")].is_date


def test_exports_read_rows_in_batches_not_one_query_per_row(app, make, db, monkeypatch):
    from sqlalchemy import event

    from tracker import exports

    monkeypatch.setattr(exports, "BATCH", 3)
    today = _today(app)
    projects = [make.project(sdgs=[n + 1]) for n in range(10)]
    for n in range(10):
        followup = make.followup(title=f"Fila {n}", project=projects[n], due_on=today)
        add_comment(followup, None, f"comentario {n}")
    db.session.commit()
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    statements = []

    def count(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        _response, rows = _csv(client, "/seguimientos/exportar.csv?status=all")
        few = len(statements)
        statements.clear()
        for n in range(10, 40):
            make.followup(title=f"Fila {n}", project=projects[n % 10], due_on=today)
        statements.clear()
        _response, more = _csv(client, "/seguimientos/exportar.csv?status=all")
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(rows) == 11 and len(more) == 41
    items = _by_title(rows)
    assert [items[f"Fila {n}"]["Último comentario"] for n in range(10)] == [
        f"comentario {n}" for n in range(10)
    ]
    assert [items[f"Fila {n}"]["ODS"] for n in range(10)] == [str(n + 1) for n in range(10)]
    assert _by_title(more)["Fila 39"]["ODS"] == "10"
    # 30 more rows, 10 more batches of 3, none with a new project: no statement more at all
    # (last comments come with the rows; SDGs are read once per project).
    assert len(statements) == few, (few, len(statements))


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


def test_the_list_offers_the_other_separator_beside_the_csv_link(app, make, db):
    _detailed(app, make, db)
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    page = client.get("/seguimientos/?status=all").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)" download>con comas</a>', page)
    assert link, page[page.index("exports") :][:600]
    url = html.unescape(link.group(1))
    assert "status=all" in url
    _response, rows = _csv(client, url, ",")
    assert len(rows) == 4 and _by_title(rows)["Acción para la niñez"]["ODS"] == "5, 10"
