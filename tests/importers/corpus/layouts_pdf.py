"""PDF layouts, as Word's "export to PDF" and form tools produce them (built with fpdf2).

Every page repeats a running header (the institution, the form code and version) and a footer
("Página 1 de 2"); long URLs are broken over two lines. Layouts: label above value
(`pdf_flow`), label and value on one line separated by space with labels wrapped in their
column (`pdf_spaces`), the same as a bordered table with heading rows (`pdf_table`), and two
text columns per page (`pdf_columns`).
"""

import re
from datetime import UTC, datetime
from random import Random

from fpdf import FPDF

from tests.importers.corpus.forms import Field, Form

_UNSAFE = {"➢": "•", "▪": "•", "\u2011": "-"}
_URL = re.compile(r"https?://\S+")


def safe(text: str) -> str:
    """The text in Windows-1252, which the PDF core fonts cover."""
    for char, replacement in _UNSAFE.items():
        text = text.replace(char, replacement)
    return text.encode("cp1252", "replace").decode("cp1252")


class FormPDF(FPDF):
    """A page with the form's running header and footer."""

    def __init__(self, form: Form) -> None:
        super().__init__()
        self.form = form
        self.core_fonts_encoding = "cp1252"
        self.set_auto_page_break(auto=True, margin=18)
        self.alias_nb_pages()
        self.set_font("Helvetica", size=10)
        self.set_creation_date(datetime(2025, 1, 1, tzinfo=UTC))  # same bytes on every run

    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(130, 5, safe(self.form.running_header))
        self.cell(0, 5, safe(self.form.form_code), align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)
        self.set_font("Helvetica", size=10)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, f"Página {self.page_no()} de {{nb}}", align="C")
        self.set_font("Helvetica", size=10)


def _break_urls(lines: list[str], rng: Random) -> list[str]:
    """A long URL often ends one line and continues on the next, as a narrow cell wraps it."""
    out = []
    for line in lines:
        match = _URL.search(line)
        if match and rng.random() < 0.6 and len(match.group()) > 30:
            url = match.group()
            cut = max(i for i, c in enumerate(url[: len(url) * 2 // 3]) if c in "/-")
            out += [line[: match.start()] + url[: cut + 1], url[cut + 1 :] + line[match.end() :]]
        else:
            out.append(line)
    return out


def _start(form: Form) -> FormPDF:
    pdf = FormPDF(form)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    for line in form.title:
        pdf.multi_cell(0, 6, safe(line.strip("*")), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for line in form.intro:
        pdf.multi_cell(0, 5, safe(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    return pdf


def _finish(pdf: FormPDF, form: Form) -> bytes:
    pdf.ln(4)
    for line in form.trailer + form.signature:
        pdf.multi_cell(0, 5, safe(line) or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pdf_flow(form: Form, rng: Random) -> bytes:
    """Label in bold on its own line, the value below it."""
    pdf = _start(form)
    for item in form.fields:
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(0, 5, safe(item.label), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for line in _break_urls(item.lines, rng):
            pdf.multi_cell(0, 5, safe(line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return _finish(pdf, form)


def _row(pdf: FormPDF, item: Field, rng: Random, label_width: float, border: int) -> None:
    """Label cell and value cell side by side; the row as tall as the taller of the two."""
    value = "\n".join(safe(line) for line in _break_urls(item.lines, rng)) or " "
    value_width = pdf.epw - label_width
    pdf.set_font("Helvetica", "B", 10)  # measured in the bold it is drawn in
    label_lines = pdf.multi_cell(label_width, 5, safe(item.label), dry_run=True, output="LINES")
    pdf.set_font("Helvetica", size=10)
    value_lines = pdf.multi_cell(value_width, 5, value, dry_run=True, output="LINES")
    height = 5 * max(len(label_lines), len(value_lines))
    if pdf.will_page_break(height) and height < pdf.eph / 2:
        pdf.add_page()
    x, y = pdf.l_margin, pdf.get_y()
    page = pdf.page
    pdf.set_font("Helvetica", "B", 10)
    pdf.multi_cell(label_width, 5, safe(item.label), border=border, new_x="RIGHT", new_y="TOP")
    pdf.set_font("Helvetica", size=10)
    if pdf.page != page:  # the label itself broke the page (very long label): rare
        pdf.page, pdf.y = page, y
    pdf.set_xy(x + label_width, y)
    pdf.multi_cell(value_width, 5, value, border=border, new_x="LMARGIN", new_y="NEXT")
    if pdf.page == page:
        # The next row starts below the taller cell: a label taller than its value must not
        # be overwritten by the next row (overlapping text is not a layout anyone sends).
        pdf.set_y(max(pdf.get_y(), y + 5 * len(label_lines)))
    pdf.ln(1 if border else 2)


def pdf_spaces(form: Form, rng: Random) -> bytes:
    """Label and value on one line separated by space; a long label wraps in its column."""
    pdf = _start(form)
    label_width = rng.choice([45, 55, 65])
    for item in form.fields:
        _row(pdf, item, rng, label_width, border=0)
    return _finish(pdf, form)


def pdf_table(form: Form, rng: Random) -> bytes:
    """A bordered label | value table with section heading rows in capitals."""
    pdf = _start(form)
    label_width = rng.choice([50, 60])
    for item in form.fields:
        if item.section:
            pdf.set_font("Helvetica", "B", 10)
            pdf.cell(0, 6, safe(item.section), border=1, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=10)
        _row(pdf, item, rng, label_width, border=1)
    return _finish(pdf, form)


def pdf_columns(form: Form, rng: Random) -> bytes:
    """Two text columns per page: the fields flow down the left column, then the right one."""
    pdf = _start(form)
    gap = 8
    width = (pdf.epw - gap) / 2
    top, column, left_bottom = pdf.get_y(), 0, 0.0
    pdf.set_auto_page_break(False)
    bottom = pdf.h - 20

    def write(text: str, style: str) -> None:
        nonlocal column, top, left_bottom
        pdf.set_font("Helvetica", style, 10)
        for encoded in pdf.multi_cell(width, 5, text, dry_run=True, output="LINES"):
            line = encoded.encode("latin-1").decode("cp1252")  # dry runs return encoded text
            if pdf.get_y() + 5 > bottom:
                if column == 0:
                    column, left_bottom = 1, pdf.get_y()
                else:
                    pdf.add_page()
                    top, column = pdf.get_y(), 0
                pdf.set_y(top)
            pdf.set_x(pdf.l_margin + column * (width + gap))
            pdf.cell(width, 5, line, new_x="LEFT", new_y="NEXT")

    for item in form.fields:
        write(safe(item.label), "B")
        for line in _break_urls(item.lines, rng):
            write(safe(line), "")
        pdf.set_y(pdf.get_y() + 2)
    pdf.set_font("Helvetica", size=10)
    pdf.set_auto_page_break(True, margin=18)
    if column == 1:
        # Below the left column too, which may end lower than the right one.
        pdf.set_y(max(pdf.get_y(), left_bottom))
    if pdf.get_y() > bottom - 30:
        pdf.add_page()
    pdf.set_x(pdf.l_margin)
    return _finish(pdf, form)


PDF_LAYOUTS = {
    "pdf_flow": pdf_flow,
    "pdf_spaces": pdf_spaces,
    "pdf_table": pdf_table,
    "pdf_columns": pdf_columns,
}
