"""Word layouts: label and value paragraphs, and the form as a real two-column table.

Both carry the running header and footer in the section's header/footer parts (where Word keeps
them), real Word lists, and the table variant adds section heading rows merged over both
columns, a label merged down over a value that continues on the next row, and values inside
content controls (w:sdt), as forms built with Word's developer tools have.
"""

import io
import zipfile
from random import Random

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from tests.importers.corpus.forms import Field, Form

_SDT = (
    '<w:sdt {ns}><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{alias}"/></w:sdtPr>'
    "<w:sdtContent/></w:sdt>"
)


def _save(document) -> bytes:
    """The .docx bytes, with fixed zip timestamps so that a seed always gives the same file."""
    buffer = io.BytesIO()
    document.save(buffer)
    fixed = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(fixed, "w") as target:
        for info in source.infolist():
            stamped = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, source.read(info.filename))
    return fixed.getvalue()


def _header_footer(document, form: Form) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = form.running_header
    section.footer.paragraphs[0].text = f"{form.form_code}    Página 1 de 1"


def _bold(paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.bold = True


def _value_paragraphs(container, item: Field, rng: Random, word_list: bool) -> None:
    """The value's lines as paragraphs; a list as Word's own bullets when `word_list`."""
    if word_list and item.items:
        style = rng.choice(["List Bullet", "List Number"])
        for text in item.items:
            container.add_paragraph(text, style=style)
        return
    for line in item.lines:
        container.add_paragraph(line)


def docx_paragraphs(form: Form, rng: Random) -> bytes:
    """A label paragraph in bold, then the value's paragraphs (Word lists or typed bullets)."""
    document = Document()
    _header_footer(document, form)
    for line in form.title:
        _bold(document.add_paragraph(), line.strip("*"))
    for line in form.intro:
        document.add_paragraph(line)
    word_lists = rng.random() < 0.5
    fields = list(form.fields)
    if form.header_block:
        head, fields = fields[:3], fields[3:]
        table = document.add_table(rows=2, cols=3)
        for column, item in enumerate(head):
            table.cell(0, column).text = item.label.rstrip(":")
            table.cell(1, column).text = item.lines[0] if item.lines else ""
    for item in fields:
        paragraph = document.add_paragraph()
        _bold(paragraph, item.label)
        if rng.random() < 0.3 and len(item.lines) == 1 and item.items is None:
            paragraph.add_run(" " + item.lines[0])  # the value right after the label
            continue
        _value_paragraphs(document, item, rng, word_lists)
    for line in form.trailer + form.signature:
        document.add_paragraph(line)
    return _save(document)


def _content_control(cell, lines: list[str], alias: str) -> None:
    """The cell's value inside a block content control, as Word's form tools write it."""
    sdt = parse_xml(_SDT.format(ns=nsdecls("w"), alias=alias))
    content = sdt.find(qn("w:sdtContent"))
    tc = cell._tc
    for paragraph in list(tc.iterchildren(qn("w:p"))):
        tc.remove(paragraph)
    for line in lines:
        paragraph = parse_xml(f"<w:p {nsdecls('w')}><w:r><w:t xml:space='preserve'/></w:r></w:p>")
        paragraph.find(f"{qn('w:r')}/{qn('w:t')}").text = line
        content.append(paragraph)
    tc.append(sdt)
    tc.append(parse_xml(f"<w:p {nsdecls('w')}/>"))  # a cell must end with a paragraph


def _fill(cell, item: Field, rng: Random, word_lists: bool) -> None:
    if not item.lines:
        return
    if rng.random() < 0.2:
        _content_control(cell, item.lines, item.key)
        return
    if word_lists and item.items:
        cell.paragraphs[0].text = ""
        first = True
        for text in item.items:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            paragraph.text = text
            paragraph.style = cell.part.document.styles["List Bullet"]
            first = False
        return
    cell.paragraphs[0].text = item.lines[0]
    for line in item.lines[1:]:
        cell.add_paragraph(line)


def docx_table(form: Form, rng: Random) -> bytes:
    """The whole form as a label | value table with heading rows, merges and content controls."""
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    _header_footer(document, form)
    for line in form.title:
        _bold(document.add_paragraph(), line.strip("*"))
    for line in form.intro:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    word_lists = rng.random() < 0.4
    headings = rng.random() < 0.7
    for item in form.fields:
        if headings and item.section:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[1])
            _bold(merged.paragraphs[0], item.section)
        if item.key in ("motive", "description") and len(item.lines) > 1 and rng.random() < 0.5:
            # The label merged down over two rows: the value's second part is on the next row.
            first, second = table.add_row(), table.add_row()
            label = first.cells[0].merge(second.cells[0])
            label.paragraphs[0].text = item.label
            first.cells[1].text = item.lines[0]
            second.cells[1].text = " ".join(item.lines[1:])
            continue
        row = table.add_row()
        row.cells[0].text = item.label
        _fill(row.cells[1], item, rng, word_lists)
    for line in form.trailer + form.signature:
        document.add_paragraph(line)
    return _save(document)


DOCX_LAYOUTS = {"docx_paragraphs": docx_paragraphs, "docx_table": docx_table}
