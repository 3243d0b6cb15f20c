"""PDF layouts read from the words' positions (issue #12): what the form parser receives.

Each PDF is drawn by the corpus layouts (fpdf2; pypdf adds the form fields) from one small form,
so the tests say which lines come out of the file, and that the parser reads them.
"""

import time
import zlib
from random import Random

import pytest

from tests.importers import bombs
from tests.importers.corpus.forms import Field, Form
from tests.importers.corpus.layouts_pdf import pdf_columns, pdf_flow, pdf_spaces, pdf_table
from tests.importers.corpus.layouts_pdf_form import pdf_form
from tracker.importers import ImportFormatError, extract_text, parse_document

_COMMITMENT = (
    "Remitir la hoja de ruta a la Secretaría Técnica a más tardar el 15 de marzo de 2024 "
    "(responsable: Despacho Ministerial)"
)


def _form() -> Form:
    fields = [
        Field("name", "PERSONA PARTICIPANTE", ["Ana Lucía Ortiz Quesada"]),
        Field("position", "CARGO", ["Asesora del Despacho Ministerial"]),
        Field("dates", "FECHAS DE REALIZACIÓN", ["14 y 15 de marzo, 2023"]),
        Field("activity", "TÍTULO DE LA ACTIVIDAD", ["Foro Regional de Cuidados"]),
        Field("organizers", "ORGANIZADORES", ["• ONU Mujeres", "• Gobierno de México"]),
        Field(
            "contribution",
            "CONTRIBUCIÓN A LOS OBJETIVOS INSTITUCIONALES DE LA ENTIDAD",
            ["Aporta insumos para la Política Nacional de Cuidados"],
        ),
        Field(
            "achievements",
            "PRINCIPALES LOGROS OBTENIDOS",
            ["• Presentar los resultados de la encuesta nacional de uso del tiempo"],
        ),
        Field("commitments", "COMPROMISOS INSTITUCIONALES", [f"• {_COMMITMENT}"]),
        Field(
            "comments",
            "OTROS COMENTARIOS",
            ["Materiales en https://www.example.org/documentos/declaracion-final-del-foro"],
        ),
    ]
    return Form(
        kind="participation_report",
        title=["Informe de Participación"],
        fields=fields,
        running_header="Instituto Nacional de las Mujeres – Unidad de Relaciones Internacionales",
        form_code="FCI-02 v1.1",
    )


def _lines(data: bytes) -> list[str]:
    return [line for line in extract_text(data, "informe.pdf").split("\n") if line.strip()]


@pytest.mark.parametrize("layout", [pdf_spaces, pdf_table, pdf_form])
def test_label_and_value_on_one_line_come_out_as_label_then_value(layout) -> None:
    lines = _lines(layout(_form(), Random(1)))
    assert lines[lines.index("CARGO") + 1] == "Asesora del Despacho Ministerial"
    # A label wrapped over two lines of its cell is one line again.
    label = "CONTRIBUCIÓN A LOS OBJETIVOS INSTITUCIONALES DE LA ENTIDAD"
    assert lines[lines.index(label) + 1] == "Aporta insumos para la Política Nacional de Cuidados"
    # List items stay one per line.
    organizers = lines.index("ORGANIZADORES")
    assert lines[organizers + 1 : organizers + 3] == ["• ONU Mujeres", "• Gobierno de México"]


@pytest.mark.parametrize("layout", [pdf_flow, pdf_spaces, pdf_table, pdf_columns, pdf_form])
def test_every_layout_reads_the_report_fields(layout) -> None:
    report = parse_document(extract_text(layout(_form(), Random(2)), "informe.pdf")).to_json()
    assert report["person"]["name"] == "Ana Lucía Ortiz Quesada"
    assert report["person"]["position"] == "Asesora del Despacho Ministerial"
    assert report["activity"]["name"] == "Foro Regional de Cuidados"
    assert report["activity"]["start_date"] == "2023-03-14"
    assert report["activity"]["end_date"] == "2023-03-15"


def test_running_header_form_code_and_page_number_are_removed() -> None:
    form = _form()
    # Long enough for three pages.
    form.fields += [
        Field(f"extra{n}", f"CAMPO {n}", ["Un párrafo de relleno para llenar la página."] * 6)
        for n in range(12)
    ]
    text = extract_text(pdf_spaces(form, Random(3)), "informe.pdf")
    assert "Instituto Nacional de las Mujeres" not in text
    assert "FCI-02" not in text
    assert "Página" not in text


def test_a_url_broken_over_two_lines_is_joined() -> None:
    url = "https://www.example.org/documentos/declaracion-final-del-foro"
    for seed in range(6):  # the layout breaks a URL on some draws only
        for layout in (pdf_flow, pdf_spaces, pdf_columns):
            text = extract_text(layout(_form(), Random(seed)), "informe.pdf")
            assert url in text, (layout.__name__, seed)


def test_two_columns_are_read_one_after_the_other() -> None:
    form = _form()
    form.fields += [
        Field(f"extra{n}", f"Campo adicional {n}", [f"Valor del campo {n}, en la columna."] * 3)
        for n in range(10)
    ]
    lines = _lines(pdf_columns(form, Random(4)))
    # Every label is followed by its own value, whichever column it fell in.
    for n in range(10):
        assert lines[lines.index(f"Campo adicional {n}") + 1].startswith(f"Valor del campo {n}")


def test_the_values_of_a_fillable_form_are_read_from_its_fields() -> None:
    for seed in (1, 2):  # fields named after their labels, and named "Texto1", "Texto2"…
        lines = _lines(pdf_form(_form(), Random(seed)))
        assert lines[lines.index("PERSONA PARTICIPANTE") + 1] == "Ana Lucía Ortiz Quesada"
        assert _COMMITMENT in " ".join(lines)


def _nested_form_bomb() -> bytes:
    """A page drawing a form that draws a form of 5 MB: small, and out of the page's sight."""
    inner = bombs.busy_content(5)
    packed = zlib.compress(inner, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
        b"/Resources << /Font << /F1 3 0 R >> /XObject << /X1 6 0 R >> >> >>",
        bombs._stream(bombs.FORM_CONTENT + b" /X1 Do"),
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Length 12 "
        b"/Resources << /XObject << /X2 7 0 R >> /Font << /F1 3 0 R >> >> >>\n"
        b"stream\n/X2 Do      \nendstream",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R"
        b" >> >> /Length %d /Filter /FlateDecode >>\nstream\n"
        % len(packed)
        + packed
        + b"\nendstream",
    ]
    return bombs._pdf(objects)


def test_a_form_nested_in_a_form_counts_towards_the_content_bound() -> None:
    started = time.perf_counter()
    with pytest.raises(ImportFormatError) as refused:
        extract_text(_nested_form_bomb(), "informe.pdf")
    assert "El contenido del PDF ocupa más de 2 MB" in refused.value.message
    assert time.perf_counter() - started < 1.5


def _font_bomb(megabytes: int) -> bytes:
    """A page whose font embeds a program that inflates to `megabytes` MB."""
    packed = zlib.compress(b"\0" * (megabytes * 1024 * 1024), 9)
    return bombs._pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Calibri /FontDescriptor 6 0 R >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>",
            bombs._stream(bombs.FORM_CONTENT),
            b"<< /Type /FontDescriptor /FontName /ABCDEF+Calibri /Flags 32 /FontFile2 7 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + packed
            + b"\nendstream",
        ]
    )


def test_an_embedded_font_past_the_bound_does_not_refuse_a_readable_file() -> None:
    data = _font_bomb(200)
    started = time.perf_counter()
    text = extract_text(data, "informe.pdf")
    # The font program is measured under the cap, not inflated whole, and the text needs none.
    assert "INFORME DE PARTICIPACIÓN" in text
    assert time.perf_counter() - started < 1.5
