"""The participant writes her report in a real Chromium: log in, open it from "Mis informes",
add commitment rows (another owner with a date, one without a date), an action, an
observation, attach an agenda PDF, hand it in; and the form on a phone stacks its rows."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.helpers import PHONE, login, sideways_overflow
from tracker.demo import MEMBER_EMAIL
from tracker.models import Attachment, FollowUp, HandoverNote, ParticipationReport, User
from tracker.models.enums import AttachmentKind, ReportStatus

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def member_report(db, demo, make):
    """A fresh pending report of the demo participant, and an outside focal point."""
    member = db.session.scalars(select(User).where(User.email == MEMBER_EMAIL)).one()
    activity = make.activity(name="Reunión regional de mecanismos de la mujer")
    report = make.report(person=member.person, activity=activity)
    focal = make.person(name="Laura Punto Focal", email="laura@cancilleria.example")
    return report, focal


def fill_in_her_report(page, tmp_path) -> None:
    """As the demo participant: log in, open the report from "Mis informes" and fill it — a
    commitment with another owner and a date, one without a date, an action, an observation
    and an agenda PDF — without handing it in yet."""
    login(page, MEMBER_EMAIL)
    mine = page.locator(".my-reports")
    mine.get_by_role("link", name="Reunión regional de mecanismos de la mujer").click()
    expect(page.get_by_role("heading", name="Informe de participación")).to_be_visible()

    page.get_by_label("Calidad de participación").fill("Delegada")
    page.get_by_label("Principales logros obtenidos").fill("Acuerdo de cooperación técnica")
    page.locator("#commitments-0-text").fill("Enviar la propuesta de agenda común")
    page.locator("#commitments-0-owner").select_option(label="Laura Punto Focal")
    page.locator("#commitments-0-due_on").fill("2027-02-15")
    page.get_by_role("button", name="Añadir compromiso").click()
    # What was typed survives the new row.
    expect(page.locator("#commitments-0-text")).to_have_value("Enviar la propuesta de agenda común")
    page.locator("#commitments-1-text").fill("Compartir la memoria con la unidad")
    page.locator("#actions-0-text").fill("Proponer una mesa técnica bilateral")
    page.get_by_label("Observaciones para la/el próxima/o representante").fill(
        "Solicitar la lista de participantes con antelación"
    )
    agenda = tmp_path / "agenda.pdf"
    agenda.write_bytes(PDF)
    page.get_by_label("Adjuntar documentos").set_input_files(str(agenda))
    page.get_by_label("Tipo de los documentos que adjunta").select_option(label="Agenda")


def test_member_writes_her_report_and_hands_it_in(page, db, member_report, tmp_path):
    report, focal = member_report
    fill_in_her_report(page, tmp_path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "report-form.png"), full_page=True)
    page.get_by_role("button", name="Guardar y entregar").click()
    expect(page.get_by_text("Informe entregado.")).to_be_visible()

    db.session.expire_all()
    stored = db.session.get(ParticipationReport, report.id)
    assert stored.status == ReportStatus.SUBMITTED
    items = db.session.scalars(
        select(FollowUp).where(FollowUp.report_id == report.id).order_by(FollowUp.id)
    ).all()
    assert [(f.title, f.owner_id) for f in items] == [
        ("Enviar la propuesta de agenda común", focal.id),
        ("Compartir la memoria con la unidad", stored.person_id),
        ("Proponer una mesa técnica bilateral", stored.person_id),
    ]
    assert [f.is_due_estimated for f in items] == [False, True, True]
    (attachment,) = db.session.scalars(select(Attachment).filter_by(report_id=report.id)).all()
    assert attachment.kind == AttachmentKind.AGENDA
    assert db.session.scalars(select(HandoverNote.text).filter_by(report_id=report.id)).all() == [
        "Solicitar la lista de participantes con antelación"
    ]
    expect(page.get_by_text("Laura Punto Focal").first).to_be_visible()


def test_the_form_on_a_phone_stacks_its_rows(phone_page, db, member_report):
    report, _focal = member_report
    login(phone_page, MEMBER_EMAIL)
    phone_page.goto(f"/informes/{report.id}/editar")
    phone_page.locator("#commitments-0-text").fill("Un compromiso escrito en el teléfono")
    overflow = sideways_overflow(phone_page)
    assert overflow["scrollWidth"] <= PHONE["width"] + 1, overflow
    text = phone_page.locator("#commitments-0-text").bounding_box()
    owner = phone_page.locator("#commitments-0-owner").bounding_box()
    assert owner["y"] > text["y"] + text["height"] - 1  # stacked, not side by side
    assert owner["width"] > PHONE["width"] * 0.6
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone_page.screenshot(path=str(SCREENSHOTS / "report-form-phone.png"), full_page=True)
