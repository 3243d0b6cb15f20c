import io
import unicodedata
import zipfile

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tracker.importers import (
    ImportFormatError,
    extract_text,
    parse_participation_report,
    parse_project_sheet,
)

from .builders import TINY_PNG, blank_pdf, project_docx, report_docx, text_pdf
from .expected import PROJECT, REPORT

# --- plain text ----------------------------------------------------------------------------


def test_txt_seed_is_returned_as_is(report_text: str) -> None:
    assert extract_text(report_text.encode("utf-8"), "informe.txt") == report_text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param("Acción – México".encode(), "Acción – México", id="utf-8"),
        pytest.param(b"\xef\xbb\xbfAcci\xc3\xb3n", "Acción", id="utf-8-bom"),
        pytest.param("Acción – México".encode("cp1252"), "Acción – México", id="cp1252"),
        # 0x81 is undefined in Windows-1252: only Latin-1 reads this file.
        pytest.param(b"Acci\xf3n \x81", "Acción \x81", id="latin-1"),
        pytest.param("Acción".encode("utf-16"), "Acción", id="utf-16-bom"),
        pytest.param(b"linea 1\r\nlinea 2\rlinea 3", "linea 1\nlinea 2\nlinea 3", id="crlf"),
        # Decomposed accents (as macOS writes them) are composed.
        pytest.param(unicodedata.normalize("NFD", "Acción").encode(), "Acción", id="nfd"),
    ],
)
def test_txt_encodings(data: bytes, expected: str) -> None:
    assert extract_text(data, "informe.TXT") == expected


# --- Word and PDF round trips --------------------------------------------------------------


def test_report_docx_parses_like_the_text(report_text: str) -> None:
    text = extract_text(report_docx(report_text), "informe.docx")
    # The column block is a real table: its rows come out as tab-separated lines.
    assert "Nombre\tCargo\tFecha de la actividad\n" in text
    assert parse_participation_report(text).to_json() == REPORT


def test_report_pdf_parses_like_the_text(report_text: str) -> None:
    text = extract_text(text_pdf(report_text), "informe.pdf")
    assert parse_participation_report(text).to_json() == REPORT


def test_project_docx_parses_like_the_text(project_text: str) -> None:
    text = extract_text(project_docx(project_text), "ficha.docx")
    assert "Nombre Proyecto\tCopresidencia" in text
    assert parse_project_sheet(text).to_json() == PROJECT


def test_project_pdf_parses_like_the_text(project_text: str) -> None:
    text = extract_text(text_pdf(project_text), "ficha.pdf")
    # Long values are wrapped over several lines, as in a real PDF.
    assert "\nmesa\n" in text
    assert parse_project_sheet(text).to_json() == PROJECT


def test_type_is_read_from_the_content_not_the_name(report_text: str) -> None:
    assert (
        parse_participation_report(extract_text(text_pdf(report_text), "informe.txt")).to_json()
        == REPORT
    )
    assert (
        parse_participation_report(extract_text(report_docx(report_text), "informe.pdf")).to_json()
        == REPORT
    )


# --- Word details --------------------------------------------------------------------------


def _save(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_docx_keeps_reading_order_and_merged_cells_once() -> None:
    document = Document()
    document.add_paragraph("Antes")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Encabezado"
    table.cell(1, 0).text = "Nombre"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "Ana"
    table.cell(1, 2).text = "Cargo"
    table.cell(2, 0).text = "x"
    table.cell(2, 2).text = "y"
    document.add_paragraph("Después")
    text = extract_text(_save(document), "a.docx")
    assert text.split("\n") == ["Antes", "Encabezado", "Nombre\tAna\tCargo", "x\ty", "Después"]


def test_docx_list_paragraphs_get_a_bullet() -> None:
    document = Document()
    document.add_paragraph("Logros:")
    document.add_paragraph("primer logro", style="List Bullet")
    document.add_paragraph("segundo logro", style="List Number")
    document.add_paragraph("· ya tiene viñeta", style="List Bullet")
    text = extract_text(_save(document), "a.docx")
    assert text.split("\n") == ["Logros:", "• primer logro", "• segundo logro", "· ya tiene viñeta"]
    report = parse_participation_report(text)
    assert report.report.achievements == ["primer logro", "segundo logro", "ya tiene viñeta"]


def test_docx_multi_paragraph_cell_keeps_its_lines() -> None:
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Principales logros obtenidos"
    cell = table.cell(0, 1)
    cell.text = "· Uno"
    cell.add_paragraph("· Dos")
    text = extract_text(_save(document), "a.docx")
    assert text == "Principales logros obtenidos\t· Uno\n· Dos"
    assert parse_participation_report(text).report.achievements == ["Uno", "Dos"]


def test_docx_hyperlink_address_is_kept() -> None:
    document = Document()
    paragraph = document.add_paragraph("Documentos: ")
    relationship = paragraph.part.relate_to(
        "https://example.org/doc", RELATIONSHIP_TYPE.HYPERLINK, is_external=True
    )
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{relationship}">'
            "<w:r><w:t>aquí</w:t></w:r></w:hyperlink>"
        )
    )
    text = extract_text(_save(document), "a.docx")
    assert text == "Documentos: aquí (https://example.org/doc)"


def test_docx_content_controls_are_read() -> None:
    document = Document()
    document.add_paragraph("Nombre")
    document.element.body.insert(
        1,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Ana Pérez</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        ),
    )
    assert extract_text(_save(document), "a.docx") == "Nombre\nAna Pérez"


def test_docx_tabs_and_line_breaks() -> None:
    document = Document()
    run = document.add_paragraph().add_run("Cargo")
    run.add_tab()
    run.add_text("Asesora")
    run.add_break()
    run.add_text("segunda línea")
    assert extract_text(_save(document), "a.docx") == "Cargo\tAsesora\nsegunda línea"


# --- errors --------------------------------------------------------------------------------


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        pytest.param(b"", "informe.txt", "El archivo está vacío.", id="empty"),
        pytest.param(b" \n\t\r\n", "informe.txt", "El archivo está vacío.", id="blank"),
        pytest.param(b"", "informe.docx", "El archivo está vacío.", id="empty-docx"),
        pytest.param(
            TINY_PNG,
            "foto.png",
            "Tipo de archivo no admitido: .png. Use .txt, .docx o .pdf.",
            id="png-name",
        ),
        pytest.param(
            TINY_PNG,
            "informe.pdf",
            "El archivo es una imagen (PNG), no un documento. Use .txt, .docx o .pdf.",
            id="png-named-pdf",
        ),
        pytest.param(
            b"\xff\xd8\xff\xe0\x00\x10JFIF",
            "informe.txt",
            "El archivo es una imagen (JPEG), no un documento. Use .txt, .docx o .pdf.",
            id="jpeg-named-txt",
        ),
        pytest.param(
            b"hola",
            "informe.odt",
            "Tipo de archivo no admitido: .odt. Use .txt, .docx o .pdf.",
            id="unknown-extension",
        ),
        pytest.param(
            b"hola",
            "informe",
            "Tipo de archivo no admitido: sin extensión. Use .txt, .docx o .pdf.",
            id="no-extension",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "informe.docx",
            "Los documentos de Word 97-2003 (.doc) no se admiten: guárdelo como .docx.",
            id="legacy-doc",
        ),
        pytest.param(
            b"{\\rtf1\\ansi hola}",
            "informe.txt",
            "Los documentos RTF no se admiten: guárdelo como .docx o .txt.",
            id="rtf",
        ),
        pytest.param(
            b"esto no es un docx",
            "informe.docx",
            "El archivo .docx está dañado o no es un documento de Word.",
            id="text-named-docx",
        ),
        pytest.param(
            _zip({"word/document.xml": b"<no es xml"}),
            "informe.docx",
            "El archivo .docx está dañado o no es un documento de Word.",
            id="corrupt-docx",
        ),
        pytest.param(
            _zip({"hoja.csv": b"a,b"}),
            "informe.docx",
            "El archivo .docx está dañado o no es un documento de Word.",
            id="zip-named-docx",
        ),
        pytest.param(
            _zip({"hoja.csv": b"a,b"}),
            "informe.txt",
            "El archivo no es un documento de texto legible. Use .txt, .docx o .pdf.",
            id="zip-named-txt",
        ),
        pytest.param(
            b"texto plano",
            "informe.pdf",
            "El archivo .pdf está dañado o no es un PDF.",
            id="text-named-pdf",
        ),
        pytest.param(
            b"%PDF-1.7\n" + bytes(range(256)) * 4,
            "informe.pdf",
            "El archivo .pdf está dañado o no es un PDF.",
            id="corrupt-pdf",
        ),
        pytest.param(
            bytes(range(256)) * 4,
            "informe.txt",
            "El archivo no es un documento de texto legible. Use .txt, .docx o .pdf.",
            id="binary-named-txt",
        ),
    ],
)
def test_errors_have_a_spanish_message(data: bytes, filename: str, message: str) -> None:
    with pytest.raises(ImportFormatError) as raised:
        extract_text(data, filename)
    assert str(raised.value) == message
    assert raised.value.message == message


def test_truncated_docx_is_damaged(report_text: str) -> None:
    data = report_docx(report_text)
    with pytest.raises(ImportFormatError, match=r"^El archivo \.docx está dañado"):
        extract_text(data[: len(data) // 2], "informe.docx")


def test_pdf_without_text_layer() -> None:
    with pytest.raises(ImportFormatError) as raised:
        extract_text(blank_pdf(), "escaneo.pdf")
    assert str(raised.value) == "El PDF no tiene capa de texto (¿es un escaneo?)."


def test_docx_without_text() -> None:
    with pytest.raises(ImportFormatError) as raised:
        extract_text(_save(Document()), "vacio.docx")
    assert str(raised.value) == "El documento de Word no contiene texto."


def test_import_format_error_is_a_value_error() -> None:
    assert issubclass(ImportFormatError, ValueError)
