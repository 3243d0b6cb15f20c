"""A commitment's own words decide its follow-up: the deadline it states is the due date (not an
estimate), the responsible it names is matched to the directory or kept and flagged, and the
preview shows the same rows as the report form, with their tracking state."""

import io
import json
import re
from datetime import date

import pytest

from tracker.demo import REPORT_SEED
from tracker.models import Attachment, FollowUp, ParticipationReport
from tracker.models.enums import FollowUpKind, FollowUpStatus, Role

#: The sentence as written in the form, and the text the follow-up keeps (the responsible,
#: read into its own field, is not repeated in the title).
STATED = (
    "Remitir la hoja de ruta a la Secretaría Técnica a más tardar el 15 de marzo de 2024 "
    "(responsable: Despacho Ministerial)"
)
STATED_TEXT = STATED.split(" (")[0]
SEED_COMMITMENT = (
    "Apoyar la Alianza Regional por la Digitalización de las Mujeres, impulsada por el "
    "Gobierno de Chile"
)


def report_text(*commitments: str) -> str:
    """The seed report with these commitments in place of its own."""
    bullets = "\n".join(f"· {text}" for text in commitments)
    return REPORT_SEED.read_text(encoding="utf-8").replace(f"· {SEED_COMMITMENT}", bullets)


def write(tmp_path, text: str):
    path = tmp_path / "informe.txt"
    path.write_text(text, encoding="utf-8")
    return path


def commitments(db) -> list[FollowUp]:
    return list(
        db.session.scalars(
            db.select(FollowUp).filter_by(kind=FollowUpKind.COMMITMENT).order_by(FollowUp.id)
        )
    )


def test_dry_run_json_gives_the_stated_deadline_and_responsible(runner, db, tmp_path):
    path = write(tmp_path, report_text(STATED))
    result = runner.invoke(args=["import", str(path), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.stdout)
    assert parsed["commitments"] == [
        {"text": STATED_TEXT, "due_date": "2024-03-15", "responsible": "Despacho Ministerial"}
    ]
    assert isinstance(parsed["warnings"], list)


def test_stated_deadline_is_the_due_date_and_an_unknown_responsible_is_flagged(
    runner, db, tmp_path
):
    result = runner.invoke(args=["import", str(write(tmp_path, report_text(STATED)))])
    assert result.exit_code == 0, result.output
    assert "«Despacho Ministerial» no está en el directorio" in result.output

    (followup,) = commitments(db)
    assert followup.due_on == date(2024, 3, 15)
    assert followup.original_due_on == date(2024, 3, 15)
    assert followup.is_due_estimated is False
    # Nobody in the directory answers to that name: the participant, who signed, owns it,
    # and the file's words stay for the coordinator.
    assert followup.owner.name == "Marcela Guerrero Campos"
    assert "Responsable indicado en el formulario: Despacho Ministerial" in followup.description
    created = followup.events[0]
    assert created.action == "created" and created.changes["due_on"] == [None, "2024-03-15"]


def test_a_commitment_without_a_deadline_keeps_the_estimate(runner, db, tmp_path):
    runner.invoke(args=["import", str(write(tmp_path, report_text(SEED_COMMITMENT)))])
    (followup,) = commitments(db)
    report = db.session.scalars(db.select(ParticipationReport)).one()
    assert followup.is_due_estimated is True
    assert followup.due_on > report.due_on


def test_a_responsible_in_the_directory_becomes_the_owner_or_institution(
    runner, db, make, tmp_path
):
    laura = make.person(name="Laura Núñez Rojas", email="laura@cancilleria.example")
    ministry = make.organization(name="Ministerio de Relaciones Exteriores", acronym="MRE")
    text = report_text(
        "Enviar el informe técnico antes del 30/06/2024 (responsable: Laura Nuñez Rojas)",
        "Coordinar la agenda bilateral en el primer trimestre de 2025, a cargo de MRE",
    )
    result = runner.invoke(args=["import", str(write(tmp_path, text))])
    assert result.exit_code == 0, result.output
    assert "no está en el directorio" not in result.output

    to_laura, to_ministry = commitments(db)
    assert to_laura.owner == laura and to_laura.due_on == date(2024, 6, 30)
    assert to_ministry.organization == ministry and to_ministry.due_on == date(2025, 3, 31)
    assert to_ministry.owner.name == "Marcela Guerrero Campos"
    assert not to_laura.is_due_estimated and not to_ministry.is_due_estimated


def test_importing_the_same_file_again_creates_nothing(runner, db, tmp_path):
    path = write(tmp_path, report_text(STATED))
    runner.invoke(args=["import", str(path)])
    again = runner.invoke(args=["import", str(path)])
    assert again.exit_code == 0 and "sin cambios" in again.output
    assert len(commitments(db)) == 1


# --- the preview on /importar ----------------------------------------------------------------


@pytest.fixture
def coordinator_client(app, make):
    client = app.test_client()
    client.login(make.user(Role.COORDINATOR))
    return client


def upload(client, db, text: str) -> tuple[str, str]:
    response = client.submit(
        "/importar",
        {"files": (io.BytesIO(text.encode()), "informe.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    attachment = db.session.scalars(db.select(Attachment)).one()
    return f"/importar/{attachment.id}", f"a{attachment.id}-"


def form_values(page: str) -> dict[str, str]:
    """What the browser would post back: every input's and selected option's value."""
    values = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and 'type="submit"' not in tag and 'type="checkbox"' not in tag:
            values[name[1]] = value[1] if value else ""
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r"<option[^>]*\bselected\b[^>]*>", body)
        values[name] = re.search(r'value="([^"]*)"', chosen[0])[1] if chosen else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        values[name] = body.strip()
    values.pop("csrf_token", None)
    return {k: v.replace("&amp;", "&") for k, v in values.items()}


def test_preview_shows_each_commitment_as_a_row_filled_from_the_file(coordinator_client, db):
    _, prefix = upload(coordinator_client, db, report_text(STATED))
    page = coordinator_client.get("/importar").get_data(as_text=True)
    assert f'name="{prefix}commitments-0-due_on"' in page
    values = form_values(page)
    assert values[f"{prefix}commitments-0-due_on"] == "2024-03-15"
    assert values[f"{prefix}commitments-0-stated_responsible"] == "Despacho Ministerial"
    assert values[f"{prefix}commitments-0-state"] == "open"
    assert "a cargo de Marcela Guerrero Campos" in page
    assert "«Despacho Ministerial» no está en el directorio" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(FollowUp)) == 0


def test_preview_saves_rows_as_corrected_with_their_state(coordinator_client, db, make):
    focal = make.person(name="Laura Punto Focal", email=None)
    url, prefix = upload(coordinator_client, db, report_text(STATED, "Publicar la memoria"))
    values = form_values(coordinator_client.get("/importar").get_data(as_text=True))
    values.update(
        {
            # The first stays as read, but was already done; the second goes to Laura
            # and is history only; the action gets a date.
            f"{prefix}commitments-0-state": "done",
            f"{prefix}commitments-0-completed_on": "2024-03-10",
            f"{prefix}commitments-1-owner": str(focal.id),
            f"{prefix}commitments-1-state": "muted",
            f"{prefix}actions-0-due_on": "2021-06-30",
        }
    )
    saved = coordinator_client.submit(url, values)
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]

    done, muted = commitments(db)
    assert done.status == FollowUpStatus.DONE and done.completed_on == date(2024, 3, 10)
    assert done.due_on == date(2024, 3, 15) and not done.is_due_estimated
    assert "Responsable indicado en el formulario: Despacho Ministerial" in done.description
    assert muted.owner == focal and muted.is_muted and muted.is_due_estimated
    (action,) = db.session.scalars(db.select(FollowUp).filter_by(kind=FollowUpKind.ACTION))
    assert action.due_on == date(2021, 6, 30) and not action.is_due_estimated

    # The coordinator is told, on the report she lands on, whom the file named.
    page = coordinator_client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "«Despacho Ministerial» no está en el directorio" in page


def test_adding_a_row_keeps_what_was_typed_and_flags_an_owner_without_email(
    coordinator_client, db, make
):
    focal = make.person(name="Laura Punto Focal", email=None)
    url, prefix = upload(coordinator_client, db, report_text(STATED))
    page = coordinator_client.get("/importar").get_data(as_text=True)
    assert "sin correo" not in page
    values = form_values(page)
    values[f"{prefix}commitments-0-owner"] = str(focal.id)
    values[f"{prefix}commitments-0-due_on"] = "2024-04-01"
    values[f"{prefix}add_commitment"] = "Añadir compromiso"
    grown = coordinator_client.submit(url, values)
    assert grown.status_code == 200
    page = grown.get_data(as_text=True)
    # One more blank row, the typed rows kept, still nothing saved.
    assert f'name="{prefix}commitments-2-text"' in page
    assert form_values(page)[f"{prefix}commitments-0-due_on"] == "2024-04-01"
    assert "sin correo: no recibe recordatorios" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(FollowUp)) == 0


def test_a_done_row_without_its_date_is_refused_and_nothing_is_written(coordinator_client, db):
    url, prefix = upload(coordinator_client, db, report_text(STATED))
    values = form_values(coordinator_client.get("/importar").get_data(as_text=True))
    values[f"{prefix}commitments-0-state"] = "done"
    refused = coordinator_client.submit(url, values)
    assert refused.status_code == 400
    assert "Indique cuándo se cumplió" in refused.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(ParticipationReport)) == 0
