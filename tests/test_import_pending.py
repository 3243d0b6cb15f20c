"""A pending upload is read once, at upload: its preview and its save use what was read."""

import io

import pytest

from tests.importers.bombs import flate_bomb_pdf
from tests.importers.builders import report_docx
from tracker.demo import REPORT_SEED
from tracker.models import Attachment, FollowUp, ParticipationReport
from tracker.models.enums import Role
from tracker.operations.attachments import store_attachment, upload_path


@pytest.fixture
def coordinator(make):
    return make.user(Role.COORDINATOR)


@pytest.fixture
def coordinator_client(app, coordinator):
    client = app.test_client()
    client.login(coordinator)
    return client


def upload_seed_report(client, db) -> Attachment:
    docx = report_docx(REPORT_SEED.read_text(encoding="utf-8"))
    response = client.submit(
        "/importar",
        {"files": (io.BytesIO(docx), "informe.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    return db.session.scalars(db.select(Attachment)).one()


def test_the_preview_and_the_save_never_read_the_stored_file_again(coordinator_client, db):
    attachment = upload_seed_report(coordinator_client, db)
    assert attachment.parsed["kind"] == "participation_report"
    # Replace the stored bytes with a file that would be refused if it were read again.
    upload_path(attachment).write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)

    for _ in range(2):
        page = coordinator_client.get("/importar")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert 'value="Marcela Guerrero Campos"' in text
        assert 'value="2021-03-29"' in text and 'value="2021-03-31"' in text
        assert "Apoyar la Alianza Regional por la Digitalización de las Mujeres" in text
        assert "imagen (PNG)" not in text

    prefix = f"a{attachment.id}-"
    fields = {
        "person_name": "Marcela Guerrero Campos",
        "activity_name": "Foro Generación Igualdad – Reunión México",
        "activity_kind": "forum",
        "start_date": "2021-03-29",
        "end_date": "2021-03-31",
        "commitments-0-text": "Apoyar la Alianza Regional por la Digitalización de las Mujeres",
        "commitments-0-priority": "normal",
        "commitments-0-state": "open",
    }
    saved = coordinator_client.submit(
        f"/importar/{attachment.id}", {prefix + key: value for key, value in fields.items()}
    )
    assert saved.status_code == 302 and saved.headers["Location"].startswith("/informes/")
    assert db.session.scalars(db.select(ParticipationReport)).one()
    titles = db.session.scalars(db.select(FollowUp.title)).all()
    assert "Apoyar la Alianza Regional por la Digitalización de las Mujeres" in titles


def test_a_missing_file_does_not_matter_once_read(coordinator_client, db):
    attachment = upload_seed_report(coordinator_client, db)
    upload_path(attachment).unlink()
    page = coordinator_client.get("/importar").get_data(as_text=True)
    assert 'value="Marcela Guerrero Campos"' in page
    assert "El archivo ya no se puede leer" not in page


def test_an_upload_kept_before_results_were_stored_is_read_once(
    coordinator_client, coordinator, db
):
    docx = report_docx(REPORT_SEED.read_text(encoding="utf-8"))
    legacy = store_attachment(docx, "antiguo.docx", coordinator)
    db.session.commit()
    assert legacy.parsed is None

    first = coordinator_client.get("/importar").get_data(as_text=True)
    assert 'value="Marcela Guerrero Campos"' in first
    db.session.refresh(legacy)
    assert legacy.parsed["kind"] == "participation_report"

    upload_path(legacy).write_bytes(b"no longer a form")
    again = coordinator_client.get("/importar").get_data(as_text=True)
    assert 'value="Marcela Guerrero Campos"' in again


def test_an_old_pending_bomb_is_refused_once_and_not_read_again(
    coordinator_client, coordinator, db
):
    legacy = store_attachment(flate_bomb_pdf(), "bomba.pdf", coordinator)
    db.session.commit()

    first = coordinator_client.get("/importar")
    assert first.status_code == 200
    assert "El contenido del PDF ocupa más de 2 MB" in first.get_data(as_text=True)
    db.session.refresh(legacy)
    assert "más de 2 MB" in legacy.parsed["error"]

    # A readable form in its place now would be shown if the file were read again.
    upload_path(legacy).write_bytes(REPORT_SEED.read_bytes())
    again = coordinator_client.get("/importar").get_data(as_text=True)
    assert "El contenido del PDF ocupa más de 2 MB" in again
    assert "Marcela Guerrero Campos" not in again
    refused = coordinator_client.submit(f"/importar/{legacy.id}", {})
    assert refused.status_code == 400
    discarded = coordinator_client.submit(f"/importar/{legacy.id}/descartar")
    assert discarded.status_code == 302
    assert db.session.scalars(db.select(Attachment)).all() == []
