"""The participation report as the official document: Word and PDF downloads."""

import io

from flask import Blueprint, send_file
from flask_login import login_required

from tracker.web.reports import load_report

# The document builders are imported when a document is asked for: python-docx and fpdf2 take
# about a third of a second to import, which every command and every worker would pay otherwise.

bp = Blueprint("report_documents", __name__, url_prefix="/informes")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(body: bytes, mimetype: str, filename: str):
    return send_file(
        io.BytesIO(body), mimetype=mimetype, as_attachment=True, download_name=filename
    )


@bp.get("/<int:report_id>/documento.docx")
@login_required
def docx(report_id: int):
    """The report as a Word document, in the form's order, with its signature blocks."""
    from tracker.report_document import file_stem, report_docx

    report = load_report(report_id)
    return _download(report_docx(report), DOCX, f"{file_stem(report)}.docx")


@bp.get("/<int:report_id>/documento.pdf")
@login_required
def pdf(report_id: int):
    """The report as a PDF, in the form's order, with its signature blocks."""
    from tracker.report_document import file_stem
    from tracker.report_pdf import report_pdf

    report = load_report(report_id)
    return _download(report_pdf(report), "application/pdf", f"{file_stem(report)}.pdf")
