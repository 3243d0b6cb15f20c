"""The fast paths of the reminder run give what the plain ones gave: mail bytes, skipped rows,
outbox rows, row selection by id, links — and a run that outlives its claim sends no more."""

import re
import smtplib
from datetime import date, timedelta

import pytest
from flask_mail import Message
from sqlalchemy import select

from jobs.delivery import ids as id_selection
from jobs.delivery import job, links, outbox
from jobs.delivery.digest import Digest
from jobs.delivery.message import message
from jobs.enqueue import enqueue
from jobs.run import plan_notices, run_reminders
from tests.reminders.helpers import at, rows
from tracker.extensions import db as _db
from tracker.item_pages import ITEM_PAGES
from tracker.models import Notification, NotificationStatus
from tracker.models.enums import ProjectStatus, ReportStatus

TODAY = date(2025, 6, 16)
NOW = at(TODAY)
HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}


def _same_mail(a: bytes, b: bytes) -> bool:
    """Equal but for the boundaries, which are random."""
    boundary = re.compile(rb"={15}\d+==")
    return boundary.sub(b"B", a) == boundary.sub(b"B", b)


TEXTS = [
    ("Hola, Ana:\n\n- Tarea: Enviar la nota\n  Venció el 6 jun 2025.\n", "<p>ñandú &amp; co</p>"),
    ("plain ascii\r\nwith a CRLF, a lone\rCR and a last line", "<b>x</b>\n"),
    ("", "é"),
    (".a line that starts with a dot\n..and another\n", "<p>.</p>\n.\n"),
]
SUBJECTS = [
    "Seguimiento: 2 vencidos, 1 por vencer",
    "Seguimiento: 12 vencidos, 3 vencen hoy, 40 por vencer, 2 informes pendientes, 3 proyectos",
    "Seguimiento: 1 informe de participación pendiente",
]


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize(("text", "html"), TEXTS)
def test_a_digest_message_is_byte_for_byte_the_message_flask_mail_writes(app, subject, text, html):
    with app.app_context():
        app.config["MAIL_DEFAULT_SENDER"] = "seguimiento@example.org"
        fields = dict(
            subject=subject,
            recipients=["ana@example.org"],
            sender="seguimiento@example.org",
            extra_headers=HEADERS,
            date=1750000000.0,
        )
        expected = Message(body=text, html=html, **fields)
        digest = Digest("ana@example.org", "es", "Ana", True, False, [1], subject=subject)
        digest.text, digest.html = text, html
        ours = message(digest)
        ours.date, ours.msgId = expected.date, expected.msgId
        assert _same_mail(ours.as_bytes(), expected.as_bytes())


def test_rows_are_selected_by_runs_of_consecutive_ids_exactly(make, db, monkeypatch):
    owner = make.person(email="ana@example.org")
    for n in range(12):
        make.followup(owner=owner, due_on=TODAY - timedelta(days=n + 1))
    enqueue(plan_notices(TODAY), NOW)
    db.session.commit()
    ids = [row.id for row in rows()]
    wanted = [ids[0], ids[1], ids[2], ids[5], ids[7], ids[8], ids[11]]  # runs and gaps
    monkeypatch.setattr(id_selection, "RUNS_PER_STATEMENT", 2)  # several statements, padded
    found = []
    for count, params in id_selection.by_ids(wanted):
        clause = id_selection.id_runs_clause(Notification.id, count)
        statement = select(Notification.id).where(clause)
        found += db.session.scalars(statement, params).all()
    assert sorted(found) == sorted(wanted)


def test_enqueue_counts_a_repeated_notice_once_and_writes_each_recipients_rows_together(make, db):
    boss = make.person(name="Jefa", email="jefa@example.org")
    owners = [make.person(email=f"p{n}@example.org", supervisor=boss) for n in range(3)]
    for owner in owners:
        make.followup(owner=owner, due_on=TODAY - timedelta(days=8))  # copied to the boss
    notices = plan_notices(TODAY)
    assert enqueue(notices + notices, NOW) == 6
    db.session.commit()
    by_recipient: dict[str, list[int]] = {}
    for row in rows():
        by_recipient.setdefault(row.recipient_email, []).append(row.id)
    for ids in by_recipient.values():
        assert ids == list(range(ids[0], ids[0] + len(ids))), "side by side"
    assert len(by_recipient["jefa@example.org"]) == 3


def test_links_are_the_links_the_routing_map_builds(app):
    with app.test_request_context():
        made = links.Links()
        for item_id in (1, 42, 987654):
            for item_type, (endpoint, key) in ITEM_PAGES.items():
                expected = links.absolute_url(endpoint, **{key: item_id})
                assert made.item(item_type, item_id) == expected
        for secret in ("abc-DEF_123", "Zq9", "x" * 43):
            assert made.action(secret) == links.absolute_url("notifications.action", token=secret)
        odd = "a b/ç"  # not a token_urlsafe secret: built by the routing map
        assert made.action(odd) == links.absolute_url("notifications.action", token=odd)


def test_report_and_project_rows_that_no_longer_apply_are_skipped(smtp, make, db):
    ana = make.person(name="Ana", email="ana@example.org")
    submitted = make.report(person=ana, due_on=TODAY - timedelta(2))
    moved = make.report(person=ana, due_on=TODAY - timedelta(3))
    kept = make.report(person=ana, due_on=TODAY - timedelta(4))
    closed = make.project(
        name="Cerrado",
        lead=ana,
        planned_start_on=date(2024, 1, 1),
        duration_months=12,
        status=ProjectStatus.IMPLEMENTATION,
    )
    refreshed = make.project(
        name="Ficha al día",
        lead=ana,
        planned_start_on=date(2025, 1, 1),
        duration_months=36,
        status=ProjectStatus.IMPLEMENTATION,
        information_updated_on=date(2024, 6, 1),
        update_interval_months=6,
    )
    smtp.down()
    run_reminders(TODAY, now=NOW)
    submitted.status = ReportStatus.SUBMITTED
    moved.due_on = TODAY + timedelta(2)
    closed.status = ProjectStatus.CLOSED
    refreshed.information_updated_on = TODAY - timedelta(days=30)
    db.session.commit()
    smtp.up()

    result = run_reminders(TODAY, now=NOW + timedelta(minutes=5))

    reasons = {
        (r.item_type, r.item_id): r.last_error
        for r in rows(status=NotificationStatus.SKIPPED, is_copy=False)
    }
    assert reasons == {
        ("report", submitted.id): "closed",
        ("report", moved.id): "moved",
        ("project", closed.id): "closed",
        ("project", refreshed.id): "moved",
    }
    [mail] = smtp.to("ana@example.org")
    assert f"/informes/{kept.id}" in mail.text and f"/informes/{moved.id}" in mail.text
    assert f"/informes/{submitted.id}" not in mail.text
    assert "Cerrado" not in mail.text and "Ficha al día" not in mail.text
    assert result.delivery.skipped >= 4


def test_batches_and_statements_of_any_size_deliver_the_same(smtp, make, db, monkeypatch):
    monkeypatch.setattr(job, "BATCH_ROWS", 2)
    monkeypatch.setattr(id_selection, "RUNS_PER_STATEMENT", 1)
    boss = make.person(name="Jefa", email="jefa@example.org")
    for n in range(5):
        owner = make.person(name=f"P{n}", email=f"p{n}@example.org", supervisor=boss)
        make.followup(owner=owner, title=f"Tarea {n}", due_on=TODAY - timedelta(days=8 + n))
        make.followup(owner=owner, title=f"Otra {n}", due_on=TODAY + timedelta(days=7))

    result = run_reminders(TODAY, now=NOW)

    assert (result.planned, result.sent, result.failed) == (15, 15, 0)
    assert len(smtp.received) == 6
    [copy] = smtp.to("jefa@example.org")
    assert copy.subject == "Seguimiento: 5 vencidos"
    assert all(f"Tarea {n}" in copy.text for n in range(5))
    assert {r.status for r in rows()} == {NotificationStatus.SENT}


def test_a_run_that_outlives_its_claim_leaves_the_rows_taken_over_to_the_other_run(
    smtp, make, db, monkeypatch
):
    """Another deliverer claims rows of this run (its claim expired): they are not sent here."""
    monkeypatch.setattr(job, "BATCH_ROWS", 1)  # one digest per batch
    for name in ("ana", "beto", "carla"):
        owner = make.person(name=name.title(), email=f"{name}@example.org")
        make.followup(owner=owner, due_on=TODAY - timedelta(1))
    load = job.load_digests

    def load_then_lose_beto(batch, *args):
        if batch[0][0] == "ana@example.org":  # while the run is on its first digest …
            for row in rows(recipient_email="beto@example.org"):  # … another one claims
                row.next_attempt_at = NOW + outbox.CLAIM + timedelta(minutes=16)
            _db.session.commit()
        return load(batch, *args)

    monkeypatch.setattr(job, "load_digests", load_then_lose_beto)

    result = run_reminders(TODAY, now=NOW)

    assert sorted(m.recipients[0] for m in smtp.received) == [
        "ana@example.org",
        "carla@example.org",
    ]
    assert result.sent == 2
    [beto] = rows(recipient_email="beto@example.org")
    assert (beto.status, beto.attempts) == (NotificationStatus.PENDING, 0), "left alone"


@pytest.mark.parametrize("size", [10, 70_000, 300_000])
def test_the_end_of_data_marker_goes_in_the_same_write_as_the_end_of_the_mail(size):
    """Never a write of its own: a lone small segment after another one waits for the
    server's delayed acknowledgement (Nagle), 40 ms a mail."""

    class Socket:
        def __init__(self):
            self.writes: list[bytes] = []

        def sendall(self, data):
            self.writes.append(bytes(data))

    host = smtplib.SMTP()  # what jobs.delivery.transport sends with
    host.sock = Socket()
    replies = iter([(354, b"go ahead"), (250, b"queued")])
    host.getreply = lambda: next(replies)
    message = b"Subject: x\r\n\r\n" + b"y" * size + b"\r\n.starts with a dot\r\n"

    assert host.data(message) == (250, b"queued")

    data_command, *body = host.sock.writes
    assert data_command == b"data\r\n"
    sent = b"".join(body)
    assert sent == message.replace(b"\r\n.starts", b"\r\n..starts") + b".\r\n"
    assert len(body) <= 2 and body[-1].endswith(b"\r\n.\r\n")
    assert len(body[-1]) >= min(len(sent), 1 << 16), "the marker rides with the mail's end"
