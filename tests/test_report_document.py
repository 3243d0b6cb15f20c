"""The report downloads as the official document: Word and PDF, with the Visto Bueno block
once approved."""

import io

from docx import Document
from pypdf import PdfReader

from tracker.models.enums import Role


def _approved_report(make, client):
    coordinator = make.user(Role.COORDINATOR, name="Laura Jiménez Mora", position="Coordinadora")
    author = make.person(name="Marcela Guerrero Campos", position="Presidenta Ejecutiva")
    report = make.report(person=author, achievements="Posicionar el liderazgo del país")
    client.login(coordinator)
    assert client.submit(f"/informes/{report.id}/entregar").status_code == 302
    return report


def _docx_text(body: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)


def test_word_document_shows_the_form_and_the_approval_only_once_approved(make, client):
    report = _approved_report(make, client)
    before = client.get(f"/informes/{report.id}/documento.docx")
    assert before.status_code == 200
    assert before.headers["Content-Disposition"].startswith("attachment;")
    assert before.headers["Content-Disposition"].endswith(f"informe-participacion-{report.id}.docx")
    text = _docx_text(before.data)
    assert "Marcela Guerrero Campos" in text and "Posicionar el liderazgo del país" in text
    assert "Laura Jiménez Mora" not in text

    assert client.submit(f"/informes/{report.id}/aprobar").status_code == 302
    after = _docx_text(client.get(f"/informes/{report.id}/documento.docx").data)
    assert "Visto Bueno" in after and "Laura Jiménez Mora" in after


def test_pdf_document_carries_the_same_report(make, client):
    report = _approved_report(make, client)
    assert client.submit(f"/informes/{report.id}/aprobar").status_code == 302
    response = client.get(f"/informes/{report.id}/documento.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Marcela Guerrero Campos" in text and "Laura Jiménez Mora" in text


def test_a_trashed_report_has_no_document_except_for_coordination(make, client, app):
    report = _approved_report(make, client)
    assert client.submit(f"/informes/{report.id}/eliminar").status_code == 302
    # Coordination opens records in the trash (to restore them); nobody else does.
    assert client.get(f"/informes/{report.id}/documento.pdf").status_code == 200
    viewer = app.test_client()
    viewer.login(make.user(Role.VIEWER))
    assert viewer.get(f"/informes/{report.id}/documento.pdf").status_code == 404
