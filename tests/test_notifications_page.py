"""The outbox a person can read: /avisos/ by digest, and a follow-up's notices sent and pending."""

from datetime import date
from zoneinfo import ZoneInfo

from babel.dates import format_date

from jobs.run import run_reminders
from tests.reminders import conftest as reminder_fixtures
from tests.reminders.helpers import at, rows
from tracker.models import NotificationStatus
from tracker.models.enums import Role

# The reminder tests' real SMTP server and config switch, used here too.
config, smtp, smtp_controller = (
    reminder_fixtures.config,
    reminder_fixtures.smtp,
    reminder_fixtures.smtp_controller,
)

SENT_DAY, RETRY_DAY = date(2026, 6, 10), date(2026, 6, 16)


def _history(make, smtp):
    """A week's notices: sent on the 10th, one waiting for a retry since the 16th."""
    boss = make.person(name="Jefa Solís", email="jefa@example.org")
    ana = make.person(name="Ana Mora", email="ana@example.org", supervisor=boss)
    soon = make.followup(owner=ana, title="Informe de gira", due_on=date(2026, 6, 17))
    late = make.followup(owner=ana, title="Acta firmada", due_on=date(2026, 6, 3))
    run_reminders(SENT_DAY, now=at(SENT_DAY))
    smtp.down()
    run_reminders(RETRY_DAY, now=at(RETRY_DAY))
    statuses = sorted((r.rule, r.recipient_email, r.status.value) for r in rows())
    assert statuses == [
        ("due_soon", "ana@example.org", "pending"),
        ("due_soon", "ana@example.org", "sent"),
        ("overdue_supervisor", "ana@example.org", "sent"),
        ("overdue_supervisor", "jefa@example.org", "sent"),
    ]
    return soon, late


def _sent_on(app) -> str:
    """The day the sent rows went out (delivery stamps the real clock), as the page writes it."""
    [day] = {
        r.sent_at.astimezone(ZoneInfo(app.config["TRACKER_TIMEZONE"])).date()
        for r in rows(status=NotificationStatus.SENT)
    }
    return format_date(day, "medium", locale="es")


def _client(app, make):
    client = app.test_client()
    client.login(make.user(Role.COORDINATOR))
    return client


def test_a_follow_up_lists_sent_and_pending_notices_apart_with_their_reason(app, make, db, smtp):
    soon, late = _history(make, smtp)
    client = _client(app, make)

    html = client.get(f"/seguimientos/{soon.id}").get_data(as_text=True)
    sent, pending = html.split("Avisos enviados", 1)[1].split("Avisos pendientes", 1)
    assert "Por vencer · Faltaban 7 días." in sent and _sent_on(app) in sent
    assert "Faltaba 1 día" not in sent
    assert "Por vencer · Faltaba 1 día." in pending and "1 intento" in pending
    assert "Faltaban 7 días" not in pending

    html = client.get(f"/seguimientos/{late.id}").get_data(as_text=True)
    sent, pending = html.split("Avisos enviados", 1)[1].split("Avisos pendientes", 1)
    escalated = "Vencido, con copia a la jefatura · 7 días de atraso: escalado a la jefatura."
    assert sent.count(escalated) == 2
    assert "Copia: a cargo de Ana Mora." in sent and "jefa@example.org" in sent
    assert "Ninguno pendiente." in pending


def test_the_outbox_groups_rows_by_digest_with_their_reasons(app, make, db, smtp):
    _history(make, smtp)
    html = _client(app, make).get("/avisos/").get_data(as_text=True)
    assert "Detalle" not in html
    blocks = html.split('<section class="digest">')[1:]
    assert len(blocks) == 3
    retry, ana, boss = blocks  # newest day first, then by address
    assert "Ana Mora" in retry and "16 jun 2026" in retry and "Pendiente" in retry
    assert "Por vencer: 1" in retry and "Vencidos" not in retry
    assert "Faltaba 1 día." in retry and "1 intento" in retry
    assert "Ana Mora" in ana and _sent_on(app) in ana and "Enviado" in ana
    assert "Vencidos: 1 · Por vencer: 1" in ana
    assert "Informe de gira" in ana and "Acta firmada" in ana
    assert "Jefa Solís" in boss and "Vencidos: 1" in boss and "Por vencer" not in boss
    assert "Copia: a cargo de Ana Mora." in boss


def test_the_outbox_pages_through_rows_and_keeps_them_under_their_digest(
    app, make, db, config, smtp
):
    config(ITEMS_PER_PAGE=5)
    owner = make.person(name="Ana Mora", email="ana@example.org")
    for n in range(7):
        make.followup(owner=owner, title=f"Tarea {n}", due_on=date(2026, 6, 9))
    run_reminders(SENT_DAY, now=at(SENT_DAY))
    assert {r.status for r in rows()} == {NotificationStatus.SENT}
    client = _client(app, make)

    first = client.get("/avisos/").get_data(as_text=True)
    second = client.get("/avisos/?page=2").get_data(as_text=True)
    assert "Página 1 de 2" in first and "7 resultados" in first
    for page, lines in ((first, 5), (second, 2)):
        [block] = page.split('<section class="digest">')[1:]
        assert "Ana Mora" in block and _sent_on(app) in block
        assert block.count("Vencido · 1 día de atraso") == lines


def _statements(client, url: str, db) -> int:
    from sqlalchemy import event

    seen: list[str] = []

    def count(*args):
        seen.append(args[2])

    client.get(url)  # warm-up: first-request work is not per row
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def test_the_outbox_and_a_follow_up_page_read_no_more_for_more_rows(app, make, db):
    client = _client(app, make)
    owners = [make.person(supervisor=make.person()) for _ in range(6)]
    first = make.followup(owner=owners[0], title="Primero", due_on=date(2026, 6, 1))
    run_reminders(SENT_DAY, now=at(SENT_DAY))  # mail suppressed here: the rows wait
    few = _statements(client, "/avisos/", db), _statements(client, f"/seguimientos/{first.id}", db)
    for owner in owners:
        for n in range(3):
            make.followup(owner=owner, title=f"Otro {n}", due_on=date(2026, 5, n + 1))
    run_reminders(RETRY_DAY, now=at(RETRY_DAY))
    assert len(rows()) > 30
    many = _statements(client, "/avisos/", db), _statements(client, f"/seguimientos/{first.id}", db)
    assert many == few
