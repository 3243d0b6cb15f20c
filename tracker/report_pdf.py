"""The participation report as a PDF (fpdf2), from the same outline as the Word document.

The text is set in the PDF core font Helvetica, whose Latin-1 encoding covers every letter of
Spanish (á é í ó ú ü ñ ¿ ¡) and needs no font file, so the document looks the same on any
machine. Characters outside Latin-1 are replaced by their nearest equivalent (typographic
dashes and quotes, or the letter without its accent) instead of failing the download.
"""

from __future__ import annotations

import unicodedata

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tracker.models import ParticipationReport
from tracker.report_document import Outline, Section, Signature, report_outline, signature_lines

FONT = "Helvetica"
_NEAREST = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u2023": "-",
        "\u25cf": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\t": "    ",
    }
)


def latin1(text: str) -> str:
    """`text` as the core font can write it (Latin-1), each other character its nearest."""
    text = (text or "").translate(_NEAREST)
    try:
        text.encode("latin-1")
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for char in text:
        try:
            char.encode("latin-1")
            out.append(char)
        except UnicodeEncodeError:
            bare = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            out.append(bare if bare and bare.isascii() else "?")
    return "".join(out)


class _Document(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(format="Letter")
        self.footer_text = footer_text
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.cell(0, 6, latin1(f"{self.footer_text} · {self.page_no()}"), align="C")


def report_pdf(report: ParticipationReport) -> bytes:
    """The report as a PDF document."""
    outline = report_outline(report)
    pdf = _Document(outline.title)
    pdf.set_title(latin1(outline.title))
    pdf.set_author(latin1(outline.author.name))
    pdf.add_page()
    _head(pdf, outline)
    for section in outline.sections:
        _heading(pdf, section.title)
        _section(pdf, section)
    _signature(pdf, outline.author)
    if outline.approval is not None:
        _signature(pdf, outline.approval)
    return bytes(pdf.output())


def _line(pdf: FPDF, text: str, size: float = 10, style: str = "", align: str = "L") -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, size * 0.5, latin1(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _head(pdf: FPDF, outline: Outline) -> None:
    if outline.institution:
        _line(pdf, outline.institution, 12, "B", "C")
    _line(pdf, outline.office, 10, "", "C")
    pdf.ln(3)
    _line(pdf, outline.title, 14, "B", "C")
    pdf.ln(2)
    _line(pdf, outline.intro, 9)
    pdf.ln(2)
    pdf.set_font(FONT, "", 10)
    with pdf.table(col_widths=(35, 65), first_row_as_headings=False, line_height=5.5) as table:
        for label, value in outline.fields:
            row = table.row()
            pdf.set_font(FONT, "B", 10)
            row.cell(latin1(label))
            pdf.set_font(FONT, "", 10)
            row.cell(latin1(value))


def _heading(pdf: FPDF, title: str) -> None:
    pdf.ln(3)
    _line(pdf, title, 11, "B")
    pdf.ln(1)


def _section(pdf: FPDF, section: Section) -> None:
    if section.kind == "text":
        _line(pdf, section.text or "—")
    elif section.kind == "list":
        for item in section.items or ["—"]:
            _line(pdf, f"· {item}" if section.items else item)
    elif not section.rows:
        _line(pdf, "—")
    else:
        pdf.set_font(FONT, "", 9)
        with pdf.table(col_widths=(46, 20, 20, 14), line_height=5) as table:
            head = table.row()
            for title in section.columns:
                head.cell(latin1(title))
            for values in section.rows:
                row = table.row()
                for value in values:
                    row.cell(latin1(value))


def _signature(pdf: FPDF, signature: Signature) -> None:
    if pdf.will_page_break(40):
        pdf.add_page()
    pdf.ln(12)
    _line(pdf, "_" * 40)
    _line(pdf, signature.label, 10, "B")
    for text in signature_lines(signature):
        _line(pdf, text)
