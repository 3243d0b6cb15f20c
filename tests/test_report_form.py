"""The participation report written in the app: every section, commitment and action rows with
their owners and dates, observations, attachments; saved in one go or refused whole."""

import io
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from tracker.models import Attachment, FollowUp, HandoverNote, ParticipationReport
from tracker.models.enums import (
    AttachmentKind,
    FollowUpKind,
    FollowUpStatus,
    ReportStatus,
    Role,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def row(prefix: str, n: int, text: str, owner, **values) -> dict:
    """The fields of one row as the browser posts them."""
    data = {
        f"{prefix}-{n}-text": text,
        f"{prefix}-{n}-owner": str(owner.id) if owner else "",
        f"{prefix}-{n}-organization": "",
        f"{prefix}-{n}-due_on": "",
        f"{prefix}-{n}-priority": "normal",
        f"{prefix}-{n}-state": "open",
        f"{prefix}-{n}-completed_on": "",
        f"{prefix}-{n}-followup_id": "",
    }
    data.update({f"{prefix}-{n}-{key}": value for key, value in values.items()})
    return data


def sections(**values) -> dict:
    data = {
        "role": "Representante institucional",
        "contribution": "Posiciona al país en la agenda de igualdad.",
        "motive": "Invitación del foro.",
        "achievements": "Alianza regional\nDeclaración conjunta",
        "lessons": "Preparar la posición con tiempo",
        "comments": "",
        "observations": "",
        "new_kind": "agenda",
        "save": "Guardar",
    }
    data.update(values)
    return data


def _member_with_report(make):
    boss = make.person(name="Jefa Inmediata")
    member = make.user(Role.MEMBER, name="Marcela Autora", supervisor_id=boss.id)
    report = make.report(person=member.person)
    return member, report


def _items(db, report):
    return db.session.scalars(
        select(FollowUp).where(FollowUp.report_id == report.id).order_by(FollowUp.id)
    ).all()


def test_the_form_shows_every_section_of_the_paper_form(client, make):
    member, report = _member_with_report(make)
    client.login(member)
    page = client.get(f"/informes/{report.id}/editar").get_data(as_text=True)
    for heading in (
        "Datos de la persona funcionaria",
        "Datos de la actividad",
        "Calidad de participación",
        "Contribución de la actividad",
        "Motivo de la participación",
        "Principales logros obtenidos",
        "Lecciones aprendidas",
        "Compromisos adquiridos",
        "Acciones de seguimiento recomendadas",
        "Observaciones para la/el próxima/o representante",
        "Comentarios adicionales",
        "Adjuntar documentos",
    ):
        assert heading in page, heading
    assert "Marcela Autora" in page and report.activity.name in page
    # A member sees her data; only coordination edits it here.
    assert 'name="person_name"' not in page
    assert 'name="commitments-0-text"' in page and 'name="actions-0-text"' in page
    assert "/static/js/report_form.js" in page and "<script>" not in page


def test_member_writes_and_submits_her_report(app, client, make, db):
    member, report = _member_with_report(make)
    focal = make.person(name="Punto Focal Externo", email=None)
    client.login(member)
    data = sections(
        observations="Llevar material impreso\nContactar a la secretaría técnica",
        save_and_submit="Guardar y entregar",
    )
    del data["save"]
    data |= row("commitments", 0, "Enviar la agenda a la embajada", focal, due_on="2027-01-15")
    data |= row("commitments", 1, "Compartir los resultados con la unidad", member.person)
    data |= row("actions", 0, "Proponer una mesa técnica", member.person, priority="high")
    data["new_files"] = (io.BytesIO(PDF), "agenda-foro.pdf")
    response = client.submit(
        f"/informes/{report.id}/editar", data, content_type="multipart/form-data"
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]

    report = db.session.get(ParticipationReport, report.id)
    assert report.status == ReportStatus.SUBMITTED
    assert report.achievements == "Alianza regional\nDeclaración conjunta"
    commitment, estimated, action = _items(db, report)
    assert (commitment.kind, commitment.owner_id) == (FollowUpKind.COMMITMENT, focal.id)
    assert commitment.due_on == date(2027, 1, 15) and not commitment.is_due_estimated
    assert estimated.owner_id == member.person_id
    assert estimated.due_on == report.due_on + timedelta(days=app.config["IMPORT_DEFAULT_DUE_DAYS"])
    assert estimated.is_due_estimated
    assert action.kind == FollowUpKind.ACTION and action.priority.value == "high"
    assert all(f.activity_id == report.activity_id for f in (commitment, estimated, action))
    for followup in (commitment, estimated, action):
        assert [e.action for e in followup.events] == ["created"]
        assert followup.events[0].actor_id == member.id
    notes = db.session.scalars(select(HandoverNote).filter_by(report_id=report.id)).all()
    assert sorted(n.text for n in notes) == [
        "Contactar a la secretaría técnica",
        "Llevar material impreso",
    ]
    assert notes[0].series_id == report.activity.series_id is not None
    (attachment,) = db.session.scalars(select(Attachment).filter_by(report_id=report.id)).all()
    assert attachment.kind == AttachmentKind.AGENDA
    assert attachment.content_type == "application/pdf"
    assert (Path(app.config["UPLOAD_FOLDER"]) / attachment.stored_name).read_bytes() == PDF

    # The report's page and the follow-up list show the commitment with its owner and date.
    page = client.get(f"/informes/{report.id}").get_data(as_text=True)
    assert "Enviar la agenda a la embajada" in page and "Punto Focal Externo" in page
    assert "sin correo: no recibe recordatorios" in page
    listing = client.get("/seguimientos/?status=pending").get_data(as_text=True)
    assert "Enviar la agenda a la embajada" in listing


def test_add_row_keeps_what_was_typed_and_saves_nothing(client, make, db):
    member, report = _member_with_report(make)
    client.login(member)
    data = sections(contribution="Texto a medio escribir")
    del data["save"]
    data |= row("commitments", 0, "Primer compromiso escrito", member.person)
    data |= row("commitments", 1, "", member.person)
    data["add_commitment"] = "Añadir compromiso"
    response = client.submit(f"/informes/{report.id}/editar", data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Primer compromiso escrito" in page and "Texto a medio escribir" in page
    assert 'name="commitments-2-text"' in page
    assert _items(db, report) == []
    assert db.session.get(ParticipationReport, report.id).contribution is None


def test_returned_report_is_corrected_by_its_author(app, client, make, db):
    member, report = _member_with_report(make)
    coordination = app.test_client()
    coordination.login(make.user(Role.COORDINATOR))
    client.login(member)
    assert client.submit(f"/informes/{report.id}/entregar").status_code == 302
    coordination.submit(
        f"/informes/{report.id}/devolver", {"reason": "Falta incluir los compromisos"}
    )
    assert db.session.get(ParticipationReport, report.id).status == ReportStatus.RETURNED

    page = client.get(f"/informes/{report.id}/editar").get_data(as_text=True)
    assert "Falta incluir los compromisos" in page
    data = sections(save_and_submit="Guardar y entregar")
    del data["save"]
    data |= row("commitments", 0, "Compromiso que faltaba", member.person, due_on="2027-02-01")
    response = client.submit(f"/informes/{report.id}/editar", data)
    assert response.status_code == 302
    assert db.session.get(ParticipationReport, report.id).status == ReportStatus.SUBMITTED
    assert [f.title for f in _items(db, report)] == ["Compromiso que faltaba"]


def test_editing_and_removing_rows_records_history(client, make, db):
    member, report = _member_with_report(make)
    client.login(member)
    data = sections()
    data |= row("commitments", 0, "Compromiso que se quita", member.person, due_on="2027-03-01")
    data |= row("commitments", 1, "Compromiso que cambia", member.person, due_on="2027-03-01")
    assert client.submit(f"/informes/{report.id}/editar", data).status_code == 302
    removed, changed = _items(db, report)

    data = sections()
    data |= row("commitments", 0, "Compromiso que se quita", member.person, due_on="2027-03-01")
    data |= {"commitments-0-followup_id": str(removed.id), "commitments-0-remove": "y"}
    data |= row(
        "commitments", 1, "Compromiso que cambia de texto", member.person, due_on="2027-04-01"
    )
    data["commitments-1-followup_id"] = str(changed.id)
    assert client.submit(f"/informes/{report.id}/editar", data).status_code == 302

    removed = db.session.get(FollowUp, removed.id)
    assert removed.status == FollowUpStatus.CANCELLED
    assert removed.events[-1].comment == "Quitado del informe"
    assert removed.events[-1].actor_id == member.id
    changed = db.session.get(FollowUp, changed.id)
    assert changed.title == "Compromiso que cambia de texto"
    assert changed.due_on == date(2027, 4, 1) and changed.original_due_on == date(2027, 3, 1)
    assert [e.action for e in changed.events] == ["created", "updated", "rescheduled"]
    # The removed row is no longer on the form.
    page = client.get(f"/informes/{report.id}/editar").get_data(as_text=True)
    assert "Compromiso que se quita" not in page


def test_bad_input_is_refused_whole(app, client, make, db):
    member, report = _member_with_report(make)
    client.login(member)
    stored_before = set(Path(app.config["UPLOAD_FOLDER"]).iterdir())
    data = sections(contribution="No debe guardarse")
    data |= row("commitments", 0, "Compromiso válido", member.person, due_on="2027-01-15")
    data |= row("commitments", 1, "Fecha imposible", member.person, due_on="2027-13-45")
    data |= row("actions", 0, "Cumplido sin fecha", member.person, state="done")
    data["new_files"] = (io.BytesIO(PDF), "agenda.pdf")
    response = client.submit(
        f"/informes/{report.id}/editar", data, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "no se guardó nada" in page
    assert "Indique cuándo se cumplió." in page
    assert "Compromiso válido" in page  # what was typed is still there
    assert _items(db, report) == []
    assert db.session.get(ParticipationReport, report.id).contribution is None
    assert db.session.scalars(select(Attachment)).all() == []
    assert set(Path(app.config["UPLOAD_FOLDER"]).iterdir()) == stored_before


def test_a_member_cannot_name_someone_outside_the_list(client, make, db):
    member, report = _member_with_report(make)
    client.login(member)
    data = sections() | row("commitments", 0, "Compromiso", None)
    data["commitments-0-owner"] = "999999"
    assert client.submit(f"/informes/{report.id}/editar", data).status_code == 400
    assert _items(db, report) == []


def test_late_history_rows_done_and_muted(client, make, db):
    member, report = _member_with_report(make)
    client.login(member)
    data = sections()
    data |= row(
        "commitments",
        0,
        "Ya se cumplió",
        member.person,
        due_on="2021-05-01",
        state="done",
        completed_on="2021-04-20",
    )
    data |= row("commitments", 1, "Solo historia", member.person, due_on="2021-06-01")
    data["commitments-1-state"] = "muted"
    data |= row("actions", 0, "Sigue pendiente", member.person, due_on="2021-07-01")
    assert client.submit(f"/informes/{report.id}/editar", data).status_code == 302
    done, muted, still_open = _items(db, report)
    assert done.status == FollowUpStatus.DONE and done.completed_on == date(2021, 4, 20)
    assert muted.is_muted and muted.status == FollowUpStatus.OPEN
    assert still_open.status == FollowUpStatus.OPEN and not still_open.is_muted


def test_coordination_edits_the_person_section(client, make, db):
    _member, report = _member_with_report(make)
    client.login(make.user(Role.COORDINATOR))
    page = client.get(f"/informes/{report.id}/editar").get_data(as_text=True)
    assert 'name="person_name"' in page and "Editar la actividad" in page
    data = sections(person_name="Marcela Autora Rojas", person_position="Analista", person_unit="")
    assert client.submit(f"/informes/{report.id}/editar", data).status_code == 302
    person = db.session.get(ParticipationReport, report.id).person
    assert (person.name, person.position) == ("Marcela Autora Rojas", "Analista")


def test_member_starts_reports_from_home_activity_and_new(client, make, db):
    member = make.user(Role.MEMBER)
    activity = make.activity(name="Foro Generación Igualdad")
    client.login(member)
    home = client.get("/").get_data(as_text=True)
    assert "Mis informes" in home and "Nuevo informe" in home

    page = client.get(f"/actividades/{activity.id}").get_data(as_text=True)
    assert "Escribir mi informe" in page
    response = client.submit(f"/actividades/{activity.id}/mi-informe")
    assert response.status_code == 302 and response.headers["Location"].endswith("/editar")
    report = db.session.scalars(select(ParticipationReport).filter_by(person_id=member.person_id))
    report = report.one()
    assert report.status == ReportStatus.PENDING
    assert "Foro Generación Igualdad" in client.get("/").get_data(as_text=True)
    # Twice opens the same report.
    again = client.submit(f"/actividades/{activity.id}/mi-informe")
    assert again.headers["Location"] == response.headers["Location"]

    response = client.submit(
        "/informes/nuevo",
        {
            "name": "Reunión bilateral nueva",
            "kind": "meeting",
            "modality": "virtual",
            "start_on": "2026-11-03",
            "end_on": "2026-11-04",
        },
    )
    assert response.status_code == 302
    reports = db.session.scalars(
        select(ParticipationReport).filter_by(person_id=member.person_id)
    ).all()
    assert sorted(r.activity.name for r in reports) == [
        "Foro Generación Igualdad",
        "Reunión bilateral nueva",
    ]
    bad = client.submit("/informes/nuevo", {"kind": "meeting", "modality": "virtual"})
    assert bad.status_code == 400
    assert "Elija una actividad o escriba el nombre de una nueva." in bad.get_data(as_text=True)
