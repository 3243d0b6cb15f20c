"""The participation report as the official document: Word and PDF downloads."""

from flask import Blueprint, Response
from flask_login import login_required
from sqlalchemy.orm import joinedload

from tracker.models import ParticipationReport, User
from tracker.report_document import file_stem, report_docx
from tracker.report_pdf import report_pdf
from tracker.web.helpers import get_live_or_404

bp = Blueprint("report_documents", __name__, url_prefix="/informes")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _load(report_id: int) -> ParticipationReport:
    return get_live_or_404(
        ParticipationReport,
        report_id,
        joinedload(ParticipationReport.activity),
        joinedload(ParticipationReport.person),
        joinedload(ParticipationReport.approved_by).joinedload(User.person),
    )


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/<int:report_id>/documento.docx")
@login_required
def docx(report_id: int):
    """The report as a Word document, in the form's order, with its signature blocks."""
    report = _load(report_id)
    return _download(report_docx(report), DOCX, f"{file_stem(report)}.docx")


@bp.get("/<int:report_id>/documento.pdf")
@login_required
def pdf(report_id: int):
    """The report as a PDF, in the form's order, with its signature blocks."""
    report = _load(report_id)
    return _download(report_pdf(report), "application/pdf", f"{file_stem(report)}.pdf")
