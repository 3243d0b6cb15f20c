"""A fillable PDF form: the labels are page text, the values live only in AcroForm text fields.

fpdf2 draws the page (labels, empty boxes, running header and footer); it cannot write form
fields, so pypdf adds one text widget per box with the value in /V. Half the forms name their
fields after the label ("Nombre de la actividad"), the others as form tools do ("Texto3") with
the label as the tooltip (/TU); a reader must then pair fields and labels by position or tooltip.
"""

import io
from random import Random

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from tests.importers.corpus.forms import Form
from tests.importers.corpus.layouts_pdf import FormPDF, safe

_MM = 72 / 25.4
_MULTILINE = 4096  # the /Ff flag of a multi-line text field


def _widget(name: str, tooltip: str, value: str, rect: list[float]) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject(name),
            NameObject("/TU"): TextStringObject(tooltip),
            NameObject("/V"): TextStringObject(value),
            NameObject("/Rect"): ArrayObject([FloatObject(round(v, 2)) for v in rect]),
            NameObject("/F"): NumberObject(4),
            NameObject("/Ff"): NumberObject(_MULTILINE if "\n" in value else 0),
            NameObject("/DA"): TextStringObject("/Helv 9 Tf 0 g"),
        }
    )


def pdf_form(form: Form, rng: Random) -> bytes:
    """Labels printed on the page, values in AcroForm fields beside them."""
    pdf = FormPDF(form)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    for line in form.title:
        pdf.multi_cell(0, 6, safe(line.strip("*")), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    label_width, generic_names = 60, rng.random() < 0.5
    boxes = []
    for index, item in enumerate(form.fields):
        value = "\n".join(item.lines)
        height = max(8, 5 * (len(item.lines) + sum(len(line) // 70 for line in item.lines)))
        if pdf.will_page_break(height):
            pdf.add_page()
        x, y = pdf.l_margin, pdf.get_y()
        pdf.set_font("Helvetica", "B", 9)
        pdf.multi_cell(label_width, 4.5, safe(item.label), new_x="LMARGIN", new_y="NEXT")
        label_bottom = pdf.get_y()
        pdf.rect(x + label_width, y, pdf.epw - label_width, height)
        label = item.label.rstrip(":")
        name = f"Texto{index + 1}" if generic_names else label
        boxes.append((pdf.page - 1, name, label, value, x + label_width, y, height))
        pdf.set_y(max(label_bottom, y + height) + 2)
    pdf.set_font("Helvetica", size=10)
    for line in form.trailer + form.signature:
        pdf.multi_cell(0, 5, safe(line) or " ", new_x="LMARGIN", new_y="NEXT")
    page_height, width = pdf.h, pdf.epw - label_width

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(pdf.output()))))
    fields = ArrayObject()
    for page_index, name, label, value, x, y, height in boxes:
        rect = [x * _MM, (page_height - y - height) * _MM, (x + width) * _MM,
                (page_height - y) * _MM]  # fmt: skip
        widget = _widget(name, label, value, rect)
        page = writer.pages[page_index]
        widget[NameObject("/P")] = page.indirect_reference
        reference = writer._add_object(widget)
        if "/Annots" not in page:
            page[NameObject("/Annots")] = ArrayObject()
        page["/Annots"].append(reference)
        fields.append(reference)
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): fields, NameObject("/NeedAppearances"): BooleanObject(True)}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
