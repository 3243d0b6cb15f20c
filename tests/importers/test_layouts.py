"""Layouts of real files (issue #12): PDF rows rebuilt from word positions, running headers and
footers, labels wrapped in a table cell, institutions listed with their roles."""

import io

from fpdf import FPDF
from pypdf import PdfReader

from tests.importers.expected import PROJECT
from tracker.importers import extract_text, parse_document
from tracker.importers.institutions import Institution, parse_institutions
from tracker.importers.page_furniture import remove_furniture


def _sheet_pdf(
    text: str, label_width: float, header: str | None = None, bottom_margin: float = 20
) -> bytes:
    """The sheet as a two-column table with a narrow label column, as a PDF export draws it."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "cp1252"
    pdf.set_auto_page_break(auto=True, margin=bottom_margin)
    if header:

        def furniture() -> None:
            pdf.set_font("Helvetica", size=8)
            pdf.cell(0, 5, header)
            pdf.ln(8)
            pdf.set_font("Helvetica", size=10)

        def footer() -> None:
            pdf.set_y(-15)
            pdf.set_font("Helvetica", size=8)
            pdf.cell(0, 5, f"Página {pdf.page_no()}", align="C")
            pdf.set_font("Helvetica", size=10)

        pdf.header, pdf.footer = furniture, footer
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    for line in text.replace("<p>", "").replace("</p>", "").split("\n"):
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) == 2 and cells[0]:
            top = pdf.get_y()
            pdf.set_xy(10, top)
            pdf.multi_cell(label_width, 5, cells[0])
            bottom = pdf.get_y()
            pdf.set_xy(15 + label_width, top)
            pdf.multi_cell(185 - label_width, 5, cells[1])
            pdf.set_y(max(bottom, pdf.get_y()) + 2)
        elif line.strip():
            pdf.set_x(10)
            pdf.multi_cell(0, 5, " ".join(cells))
    return bytes(pdf.output())


def _read(data: bytes) -> dict:
    return parse_document(extract_text(data, "ficha.pdf")).to_json()


def test_a_sheet_exported_to_pdf_reads_every_field(project_text: str) -> None:
    assert _read(_sheet_pdf(project_text, 50)) == PROJECT


def test_labels_wrapped_in_a_narrow_cell_and_running_headers(project_text: str) -> None:
    data = _sheet_pdf(
        project_text,
        30,
        header="Ministerio de Relaciones Exteriores F-URI-01 v2",
        bottom_margin=100,
    )
    assert len(PdfReader(io.BytesIO(data)).pages) > 1
    assert _read(data) == PROJECT


def test_running_header_page_number_and_form_code_are_removed() -> None:
    pages = [
        ["Logo institucional", "Nombre\tAna", "Cargo\tAsesora", "Página 1 de 2"],
        ["Logo institucional", "continúa el valor", "F-URI-01 v2", "Página 2 de 2"],
    ]
    assert remove_furniture(pages) == [["Nombre\tAna", "Cargo\tAsesora"], ["continúa el valor"]]


def test_a_lone_number_is_a_page_number_only_on_its_own_page() -> None:
    assert remove_furniture([["Duración (en meses)", "\t12"]]) == [["Duración (en meses)", "\t12"]]


def test_institutions_listed_with_country_and_role() -> None:
    lines = [
        "▪ Agencia Alemana de Cooperación Internacional (GIZ) – Alemania – socia",
        "▪ Programa de las Naciones Unidas para el Desarrollo (PNUD), Panamá, donante",
        "▪ ONU Mujeres (Panamá): contraparte técnica",
        "▪ Entidad ejecutora: Instituto Nacional de las Mujeres (INAMU), Costa Rica",
        "▪",
        "▪ cooperante",
    ]
    assert parse_institutions(lines) == [
        Institution(
            "Agencia Alemana de Cooperación Internacional", "GIZ", "Alemania", "counterpart"
        ),
        Institution(
            "Programa de las Naciones Unidas para el Desarrollo", "PNUD", "Panamá", "funder"
        ),
        Institution("ONU Mujeres", None, "Panamá", "counterpart"),
        Institution("Instituto Nacional de las Mujeres", "INAMU", "Costa Rica", "lead"),
    ]
