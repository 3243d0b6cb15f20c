"""Real .docx and .pdf files built from the seed texts, laid out as Word and a PDF export do."""

import io

from docx import Document
from fpdf import FPDF

COLUMN_LABELS = ["Nombre", "Cargo", "Fecha de la actividad"]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


def _docx_bytes(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def report_docx(text: str) -> bytes:
    """The report as Word: paragraphs, and the "Nombre / Cargo / Fecha" block as a real table."""
    document = Document()
    lines = _lines(text)
    index = 0
    while index < len(lines):
        if lines[index : index + 3] == COLUMN_LABELS:
            index += 3
            while not lines[index]:
                index += 1
            table = document.add_table(rows=2, cols=3)
            for column, label in enumerate(COLUMN_LABELS):
                table.cell(0, column).text = label
                table.cell(1, column).text = lines[index + column]
            index += 3
            continue
        document.add_paragraph(lines[index])
        index += 1
    return _docx_bytes(document)


def project_docx(text: str) -> bytes:
    """The sheet as Word: title paragraphs, then a two-column table of label and value.

    A value continued after a page break (the sheet's "Resultados") becomes a second paragraph in
    the same cell; the dashed rule closes the table.
    """
    document = Document()
    table = None
    for line in _lines(text):
        cells = [cell.strip() for cell in line.split("\t")]
        if set(line) <= {"-", "\t"} and line:
            table = None
        elif len(cells) == 2:
            if table is None:
                table = document.add_table(rows=0, cols=2)
            row = table.add_row()
            row.cells[0].text, row.cells[1].text = cells
        elif not line:
            continue
        elif table is not None:
            table.rows[-1].cells[1].add_paragraph(line)
        else:
            document.add_paragraph(line)
    return _docx_bytes(document)


def text_pdf(text: str) -> bytes:
    """A PDF whose text layer is the given text, wrapped at the page width like a real export."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "cp1252"  # the seeds' – · ñ á are all in Windows-1252
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in _lines(text):
        if line:
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(5)
    return bytes(pdf.output())


def blank_pdf() -> bytes:
    """A PDF page with a drawing and no text: what a scan looks like to a text extractor."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50)
    return bytes(pdf.output())


# A 1×1 transparent PNG.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
