"""Plan → outbox → digests over SMTP, against a real SMTP server on 127.0.0.1."""

import re
import socket
from datetime import date, timedelta

from sqlalchemy import event

from jobs.delivery import deliver
from jobs.plan import load_items
from jobs.rules import Rules
from jobs.run import run_reminders
from tests.reminders.helpers import at, rows
from tracker.models import NotificationStatus
from tracker.models.enums import FollowUpStatus, ProjectStatus, ReportStatus, Role
from tracker.operations import followups as ops

TODAY = date(2025, 6, 16)
NOW = at(TODAY)


def _world(make):
    boss = make.person(name="Jefa Rojas", email="jefa@example.org")
    ana = make.user(Role.MEMBER, name="Ana Mora", email="ana@example.org", supervisor=boss)
    late = make.followup(
        owner=ana.person, title="Enviar la nota verbal", due_on=TODAY - timedelta(10)
    )
    soon = make.followup(owner=ana.person, title="Preparar la agenda", due_on=TODAY + timedelta(7))
    return boss, ana, late, soon


def test_one_digest_per_recipient_over_one_connection_and_a_second_run_sends_nothing(
    smtp, make, db
):
    _boss, _ana, late, soon = _world(make)

    first = run_reminders(TODAY, now=NOW)

    assert (first.planned, first.enqueued, first.sent, first.failed) == (3, 3, 3, 0)
    assert len(smtp.received) == 2
    assert len({mail.peer for mail in smtp.received}) == 1, "one SMTP connection"
    [mail] = smtp.to("ana@example.org")
    assert mail.subject == "Seguimiento: 1 vencido, 1 por vencer"
    text = mail.text
    assert text.startswith("Hola, Ana Mora:")
    assert text.index("VENCIDOS (1)") < text.index("POR VENCER (1)")
    assert "Enviar la nota verbal" in text and "Venció el 6 jun 2025 (10 días de atraso)." in text
    assert "Vence el 23 jun 2025 (en 7 días)." in text
    assert f"http://127.0.0.1:5000/seguimientos/{late.id}" in text
    assert "/avisos/accion/" in text and "/perfil" in text
    assert f'href="http://127.0.0.1:5000/seguimientos/{soon.id}"' in mail.html
    assert mail.message["Auto-Submitted"] == "auto-generated"

    [copy] = smtp.to("jefa@example.org")
    assert copy.subject == "Seguimiento: 1 vencido"
    assert "Copia: a cargo de Ana Mora." in copy.text and "Preparar la agenda" not in copy.text
    assert "/avisos/accion/" not in copy.text, "action links only for the owner"

    assert {r.status for r in rows()} == {NotificationStatus.SENT}
    assert all(r.sent_at is not None and r.attempts == 0 for r in rows())

    second = run_reminders(TODAY, now=NOW + timedelta(minutes=1))
    assert (second.planned, second.enqueued, second.sent, second.failed) == (3, 0, 0, 0)
    assert len(smtp.received) == 2


def test_smtp_down_rows_wait_with_the_error_then_the_next_run_delivers_them_all(smtp, make, db):
    _world(make)
    smtp.down()

    result = run_reminders(TODAY, now=NOW)

    assert (result.enqueued, result.sent, result.failed) == (3, 0, 0)
    assert result.delivery.retrying == 3
    for row in rows():
        assert row.status == NotificationStatus.PENDING and row.attempts == 1
        assert "ConnectionRefusedError" in row.last_error
        assert row.next_attempt_at == NOW + timedelta(minutes=5)
    smtp.up()
    assert deliver(TODAY, NOW + timedelta(minutes=4)).sent == 0, "not before the backoff"
    assert smtp.received == []

    later = run_reminders(TODAY, now=NOW + timedelta(minutes=5))
    assert (later.enqueued, later.sent) == (0, 3)
    assert len(smtp.received) == 2
    assert {r.status for r in rows()} == {NotificationStatus.SENT}


def test_backoff_grows_and_the_last_attempt_marks_the_row_failed(smtp, make, db, config):
    config(REMINDER_MAX_ATTEMPTS=3, REMINDER_BACKOFF_MINUTES=(5, 15))
    ana = make.person(email="ana@example.org")
    make.followup(owner=ana, due_on=TODAY - timedelta(1))
    smtp.down()
    run_reminders(TODAY, now=NOW)
    [row] = rows()
    assert row.next_attempt_at == NOW + timedelta(minutes=5)

    second = deliver(TODAY, NOW + timedelta(minutes=5))
    db.session.refresh(row)
    assert (second.retrying, row.attempts) == (1, 2)
    assert row.next_attempt_at == NOW + timedelta(minutes=20)

    third = deliver(TODAY, NOW + timedelta(minutes=20))
    db.session.refresh(row)
    assert (third.failed, row.attempts, row.status) == (1, 3, NotificationStatus.FAILED)
    smtp.up()
    assert deliver(TODAY, NOW + timedelta(days=1)).sent == 0, "failed rows wait for a resend"


def test_a_refused_recipient_does_not_stop_the_others(smtp, make, db):
    for name in ("ana", "beto", "carla"):
        person = make.person(name=name.title(), email=f"{name}@example.org")
        make.followup(owner=person, title=f"Tarea de {name}", due_on=TODAY - timedelta(1))
    smtp.refuse("beto@example.org")

    result = run_reminders(TODAY, now=NOW)

    assert (result.sent, result.failed) == (2, 1)
    assert sorted(m.recipients[0] for m in smtp.received) == [
        "ana@example.org",
        "carla@example.org",
    ]
    [refused] = rows(recipient_email="beto@example.org")
    assert refused.status == NotificationStatus.FAILED and refused.attempts == 1
    assert "550" in refused.last_error and "beto@example.org" in refused.last_error


def test_a_server_that_never_answers_times_out_and_the_rows_wait(smtp, make, db, config):
    config(MAIL_TIMEOUT=0.5)
    make.followup(owner=make.person(email="ana@example.org"), due_on=TODAY)
    with socket.socket() as silent:  # accepts connections (backlog) but never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        smtp._point_to(silent.getsockname()[1])
        result = run_reminders(TODAY, now=NOW)
    [row] = rows()
    assert result.delivery.retrying == 1 and row.status == NotificationStatus.PENDING
    assert "timed out" in row.last_error or "Timeout" in row.last_error


def test_an_owner_without_an_account_gets_the_mail_in_their_language(smtp, make, db):
    outside = make.person(name="Focal Point", email="focal@example.org", language="en")
    make.followup(owner=outside, title="Send the minutes", due_on=TODAY - timedelta(3))
    make.followup(owner=outside, title="Book the room", due_on=TODAY + timedelta(1))

    run_reminders(TODAY, now=NOW)

    [mail] = smtp.to("focal@example.org")
    assert mail.subject == "Seguimiento: 1 overdue, 1 due soon"
    assert mail.text.startswith("Hello, Focal Point:")
    assert "OVERDUE (1)" in mail.text and "DUE SOON (1)" in mail.text
    assert "Was due on Jun 13, 2025 (3 days overdue)." in mail.text
    assert "/perfil" not in mail.text, "no profile to point to without an account"
    assert 'lang="en"' in mail.html


def test_items_closed_or_moved_before_delivery_are_not_sent(smtp, make, db):
    ana = make.person(email="ana@example.org")
    closed = make.followup(owner=ana, title="Cerrada", due_on=TODAY - timedelta(1))
    moved = make.followup(owner=ana, title="Movida", due_on=TODAY - timedelta(1))
    kept = make.followup(owner=ana, title="Sigue", due_on=TODAY - timedelta(1))
    smtp.down()
    run_reminders(TODAY, now=NOW)
    ops.change_status(closed, None, FollowUpStatus.DONE, TODAY)
    ops.reschedule(moved, None, TODAY + timedelta(14), "Nueva fecha acordada")
    db.session.commit()
    smtp.up()

    result = run_reminders(TODAY, now=NOW + timedelta(minutes=5))

    assert result.delivery.skipped == 2
    [mail] = smtp.received
    assert "Sigue" in mail.text and "Cerrada" not in mail.text
    assert "Movida" in mail.text and "Vence el 30 jun 2025 (en 14 días)." in mail.text
    by_title = {r.title: r for r in rows(rule="overdue")}
    assert by_title["Cerrada"].status == NotificationStatus.SKIPPED
    assert by_title["Movida"].status == NotificationStatus.SKIPPED
    assert by_title["Sigue"].status == NotificationStatus.SENT
    assert [r.rule for r in rows(item_id=moved.id, status=NotificationStatus.SENT)] == ["due_soon"]
    assert kept.id


def test_reports_and_projects_have_their_own_sections(smtp, make, db):
    boss = make.person(name="Jefa", email="jefa@example.org")
    ana = make.person(name="Ana", email="ana@example.org", supervisor=boss)
    activity = make.activity(name="Foro de Generación Igualdad")
    make.report(person=ana, activity=activity, due_on=TODAY - timedelta(2))
    make.project(
        name="MCIG",
        lead=ana,
        planned_start_on=date(2024, 1, 1),
        duration_months=12,
        status=ProjectStatus.IMPLEMENTATION,
    )

    run_reminders(TODAY, now=NOW)

    [mail] = smtp.to("ana@example.org")
    assert mail.subject == "Seguimiento: 1 informe pendiente, 1 proyecto por revisar"
    assert "INFORMES DE PARTICIPACIÓN (1)" in mail.text and "PROYECTOS (1)" in mail.text
    assert "El informe debía entregarse el 14 jun 2025 (2 días de atraso)." in mail.text
    assert "Su fin previsto era el 31 dic 2024 y sigue en ejecución" in mail.text
    [copy] = smtp.to("jefa@example.org")
    assert "Copia a la jefatura inmediata: informe de Ana." in copy.text
    assert smtp.to("cooperacion@example.org"), "the unit is copied on the project"


def test_a_submitted_report_stops_reminding(smtp, make, db):
    ana = make.person(email="ana@example.org")
    make.report(person=ana, due_on=TODAY - timedelta(2), status=ReportStatus.SUBMITTED)
    assert run_reminders(TODAY, now=NOW).planned == 0


def test_suppressed_mail_keeps_rows_in_the_outbox(make, db, app):
    make.followup(owner=make.person(email="ana@example.org"), due_on=TODAY)
    assert app.extensions["mail"].suppress
    result = run_reminders(TODAY, now=NOW)
    assert result.delivery.suppressed and result.sent == 0
    assert [r.status for r in rows()] == [NotificationStatus.PENDING]


def test_loading_the_items_takes_three_queries_whatever_their_number(make, db):
    boss = make.person(email="jefa@example.org")
    for n in range(12):
        owner = make.person(supervisor=boss)
        make.followup(owner=owner, due_on=TODAY - timedelta(n))
        make.report(person=owner, due_on=TODAY - timedelta(n))
        make.project(
            lead=owner,
            planned_start_on=date(2020, 1, 1),
            duration_months=6,
            status=ProjectStatus.IMPLEMENTATION,
        )
    db.session.expire_all()
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        items = load_items(TODAY, Rules(unit_email="u@example.org"))
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(items) == 36
    assert len([s for s in statements if re.match(r"\s*SELECT", s)]) == 3
