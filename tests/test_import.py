"""Importing the forms: the command line, idempotence, updates and the upload → preview → save
screens."""

import io
import json
from datetime import date

import pytest

from tests.importers.builders import report_docx
from tracker.demo import PROJECT_SEED, REPORT_SEED
from tracker.models import (
    Activity,
    Attachment,
    AuditEvent,
    FollowUp,
    HandoverNote,
    Organization,
    ParticipationReport,
    Project,
)
from tracker.models.enums import FollowUpKind, Role


def count(db, model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_dry_run_json_prints_both_forms_and_writes_nothing(runner, db):
    result = runner.invoke(
        args=["import", str(PROJECT_SEED), str(REPORT_SEED), "--dry-run", "--json"]
    )
    assert result.exit_code == 0, result.output
    sheet, report = json.loads(result.stdout)
    assert sheet["project"]["start_date"] == "2023-11-01"
    assert sheet["project"]["planned_end_date"] == "2024-10-31"
    assert sheet["project"]["status"] == "implementation"
    assert sheet["project"]["sdgs"] == [5, 10]
    assert sheet["project"]["information_updated_on"] == "2025-04-10"
    assert len(sheet["results"]) == 3
    assert report["person"]["name"] == "Marcela Guerrero Campos"
    assert report["activity"]["start_date"] == "2021-03-29"
    assert report["activity"]["organizers"] == [
        "Gobierno de México",
        "Gobierno de Francia",
        "ONU Mujeres",
    ]
    assert report["commitments"] == [
        {
            "text": "Apoyar la Alianza Regional por la Digitalización de las Mujeres, "
            "impulsada por el Gobierno de Chile",
            "due_date": None,
            "responsible": None,
        }
    ]
    assert sheet["warnings"] == [] and report["warnings"] == []
    assert count(db, Project) == 0 and count(db, Activity) == 0


def test_import_creates_tracked_followups_and_again_creates_nothing(runner, db, app):
    first = runner.invoke(args=["import", str(REPORT_SEED), str(PROJECT_SEED)])
    assert first.exit_code == 0, first.output
    assert "files=2 failed=0" in first.output
    report = db.session.scalars(db.select(ParticipationReport)).one()
    followups = db.session.scalars(db.select(FollowUp).filter_by(report_id=report.id)).all()
    assert {f.kind for f in followups} == {FollowUpKind.COMMITMENT, FollowUpKind.ACTION}
    for followup in followups:
        assert followup.owner.name == "Marcela Guerrero Campos"
        assert followup.is_due_estimated
        assert followup.due_on == date(2021, 4, 15) + (date(2021, 7, 14) - date(2021, 4, 15))
    assert [n.text for n in db.session.scalars(db.select(HandoverNote))] == [
        "Continuar el posicionamiento de temas de cambio climático y género como asuntos clave "
        "para las mujeres de la región"
    ]
    assert report.activity.series.name == "Foro Generación Igualdad"
    project = db.session.scalars(db.select(Project)).one()
    assert project.planned_end_on == date(2024, 10, 31)
    milestones = db.session.scalars(
        db.select(FollowUp).filter_by(project_id=project.id, kind=FollowUpKind.MILESTONE)
    ).all()
    assert [m.title for m in milestones] == [
        "Inicio del proyecto",
        "Revisión de medio término",
        "Fin previsto",
        "Informe final",
    ]
    assert milestones[0].status.value == "done"

    totals = [count(db, m) for m in (FollowUp, Organization, Activity, HandoverNote, Attachment)]
    again = runner.invoke(args=["import", str(REPORT_SEED), str(PROJECT_SEED)])
    assert again.exit_code == 0
    assert again.output.count("sin cambios") == 2
    assert [
        count(db, m) for m in (FollowUp, Organization, Activity, HandoverNote, Attachment)
    ] == totals


def test_one_bad_file_does_not_stop_the_others(runner, db, tmp_path):
    image = tmp_path / "foto.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    result = runner.invoke(args=["import", str(image), str(PROJECT_SEED)])
    assert result.exit_code == 1
    assert "foto.png: ERROR" in result.output and "files=2 failed=1" in result.output
    assert count(db, Project) == 1


def test_updated_sheet_updates_the_project_and_its_history(runner, db, tmp_path):
    runner.invoke(args=["import", str(PROJECT_SEED)])
    text = PROJECT_SEED.read_text(encoding="utf-8")
    updated = tmp_path / "ficha-actualizada.txt"
    updated.write_text(
        text.replace("12 meses, desde noviembre de 2023", "18 meses, desde noviembre de 2023")
        .replace("10 de abril de 2025", "3 de junio de 2025")
        .replace(
            "Objetivo 10: Reducir la desigualdad en y entre los países.",
            "Objetivo 10: Reducir la desigualdad en y entre los países. Objetivo 17: Alianzas.",
        ),
        encoding="utf-8",
    )
    result = runner.invoke(args=["import", str(updated)])
    assert result.exit_code == 0, result.output
    project = db.session.scalars(db.select(Project)).one()
    assert project.duration_months == 18 and project.planned_end_on == date(2025, 4, 30)
    assert project.information_updated_on == date(2025, 6, 3)
    assert [g.number for g in project.sdgs] == [5, 10, 17]
    changes = {}
    for event in db.session.scalars(
        db.select(AuditEvent).filter_by(entity_type="projects", action="updated")
    ):
        changes.update(event.changes)
    assert changes["duration_months"] == ["12", "18"]
    assert changes["planned_end_on"] == ["2024-10-31", "2025-04-30"]
    assert changes["sdgs"] == ["[5, 10]", "[5, 10, 17]"]
    end = db.session.scalars(db.select(FollowUp).filter_by(title="Fin previsto")).one()
    assert end.due_on == date(2025, 4, 30) and end.original_due_on == date(2024, 10, 31)
    assert end.events[-1].comment == "Ficha del proyecto actualizada"


def test_organizers_match_existing_organizations_ignoring_accents_and_case(runner, db, make):
    onu = make.organization(name="ONU MUJERES")
    mexico = make.organization(name="Gobierno de Mexico")
    runner.invoke(args=["import", str(REPORT_SEED)])
    activity = db.session.scalars(db.select(Activity)).one()
    assert onu in activity.organizers and mexico in activity.organizers
    assert count(db, Organization) == 3  # Francia is new


@pytest.fixture
def coordinator_client(app, make):
    client = app.test_client()
    client.login(make.user(Role.COORDINATOR))
    return client


def test_upload_docx_preview_then_save_puts_commitments_on_the_list(coordinator_client, db):
    docx = report_docx(REPORT_SEED.read_text(encoding="utf-8"))
    uploaded = coordinator_client.submit(
        "/importar",
        {"files": (io.BytesIO(docx), "informe.docx")},
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 302
    preview = coordinator_client.get("/importar").get_data(as_text=True)
    assert "informe.docx" in preview
    assert 'value="Marcela Guerrero Campos"' in preview
    assert "Apoyar la Alianza Regional por la Digitalización de las Mujeres" in preview
    assert 'value="2021-03-29"' in preview and 'value="2021-03-31"' in preview
    assert count(db, ParticipationReport) == 0  # nothing saved before the user confirms

    attachment = db.session.scalars(db.select(Attachment)).one()
    prefix = f"a{attachment.id}-"
    fields = {
        "person_name": "Marcela Guerrero Campos",
        "person_position": "Presidenta Ejecutiva",
        "activity_name": "Foro Generación Igualdad – Reunión México",
        "activity_kind": "forum",
        "series": "Foro Generación Igualdad",
        "start_date": "2021-03-29",
        "end_date": "2021-03-31",
        "organizers": "ONU Mujeres",
        "commitments-0-text": "Apoyar la Alianza Regional por la Digitalización de las Mujeres",
        "commitments-0-priority": "normal",
        "commitments-0-state": "open",
        "actions-0-text": "Fortalecer trabajo dentro de la Coalición de Acción Feminista",
        "actions-0-priority": "normal",
        "actions-0-state": "open",
        "handover_notes": "Continuar el posicionamiento de temas de cambio climático",
    }
    saved = coordinator_client.submit(
        f"/importar/{attachment.id}", {prefix + key: value for key, value in fields.items()}
    )
    assert saved.status_code == 302 and saved.headers["Location"].startswith("/informes/")

    listing = coordinator_client.get("/seguimientos/?status=pending").get_data(as_text=True)
    assert "Apoyar la Alianza Regional" in listing and "Fortalecer trabajo" in listing
    assert listing.count("Marcela Guerrero Campos") >= 2
    report_page = coordinator_client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "informe.docx" in report_page
    with coordinator_client.get(f"/adjuntos/{attachment.id}") as download:
        assert download.status_code == 200
        assert download.headers["Content-Disposition"].startswith("attachment")
        assert download.data == docx


def test_preview_with_a_missing_required_field_is_refused(coordinator_client, db, tmp_path):
    text = REPORT_SEED.read_text(encoding="utf-8").replace("29 al 31 - marzo - 2021", "pronto")
    coordinator_client.submit(
        "/importar",
        {"files": (io.BytesIO(text.encode()), "sin-fecha.txt")},
        content_type="multipart/form-data",
    )
    preview = coordinator_client.get("/importar").get_data(as_text=True)
    assert "No se pudo leer" in preview and "missing" in preview
    attachment = db.session.scalars(db.select(Attachment)).one()
    refused = coordinator_client.submit(
        f"/importar/{attachment.id}", {f"a{attachment.id}-person_name": "X"}
    )
    assert refused.status_code == 400
    assert count(db, ParticipationReport) == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "Tipo de archivo no admitido"),
        ("vacio.txt", b"   \n", "vacío"),
        ("roto.docx", b"PK\x03\x04 not really a zip", ".docx"),
    ],
)
def test_unreadable_uploads_get_a_clear_message_and_are_not_kept(
    coordinator_client, db, name, data, message
):
    response = coordinator_client.submit(
        "/importar", {"files": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(db, Attachment) == 0


def test_a_20_mb_upload_is_refused_with_413(coordinator_client, db):
    big = io.BytesIO(b"a" * (20 * 1024 * 1024))
    response = coordinator_client.submit(
        "/importar", {"files": (big, "grande.txt")}, content_type="multipart/form-data"
    )
    # Werkzeug's test client spools a large body to a temporary file it never closes.
    response.request.environ["wsgi.input"].close()
    assert response.status_code == 413
    assert "supera el tamaño máximo" in response.get_data(as_text=True)
    assert count(db, Attachment) == 0


def test_members_cannot_import(app, make):
    client = app.test_client()
    client.login(make.user(Role.MEMBER))
    assert client.get("/importar").status_code == 403
