"""A digest's size bound: REMINDER_DIGEST_MAX_LINES lines per section, "y N más" with a link
to the list, the unit's summary, and the server's SIZE, through a real SMTP server."""

import re
from datetime import date, timedelta

import pytest
from aiosmtpd.controller import Controller

from jobs.run import run_reminders
from tests.reminders.conftest import Recorder, SMTPServer
from tests.reminders.helpers import at, free_port, rows
from tracker.models import ActionToken, NotificationStatus
from tracker.models.enums import Role

TODAY = date(2025, 6, 16)
NOW = at(TODAY)
BASE = "http://127.0.0.1:5000"


def _text(mail) -> str:
    return mail.text.replace("\r\n", "\n")


def _more_link(text: str, count: int) -> str:
    [url] = re.findall(rf"^y {count} más: (\S+)$", text, re.M)
    assert url.startswith(BASE + "/")
    return url.removeprefix(BASE)


def _listed(text: str, section: str) -> list[str]:
    """The titles a text section lists, in order."""
    body = text.split(section, 1)[1].split("\n\n\n", 1)[0]
    return re.findall(r"^- Tarea: (.+)$", body, re.M)


def test_a_section_over_the_cap_lists_25_then_y_n_mas_with_a_link_that_shows_the_rest(
    smtp, make, client, db
):
    ana = make.user(Role.MEMBER, name="Ana Mora", email="ana@example.org")
    # 30 overdue tasks, 1 to 30 days late: the most urgent are the latest ones.
    items = [
        make.followup(owner=ana.person, title=f"Tarea {days:02d}", due_on=TODAY - timedelta(days))
        for days in range(1, 31)
    ]

    result = run_reminders(TODAY, now=NOW)

    assert result.failed == 0
    [mail] = smtp.to("ana@example.org")
    assert mail.subject == "Seguimiento: 30 vencidos"
    text = _text(mail)
    assert "VENCIDOS (30)" in text
    listed = _listed(text, "VENCIDOS (30)")
    assert listed == [f"Tarea {days:02d}" for days in range(30, 5, -1)], "25, most days late first"
    assert text.count("Marcar como cumplido: ") == 25
    assert "Tarea 05" not in text and "Tarea 01" not in text
    url = _more_link(text, 5)
    assert f"owner={ana.person.id}" in url and "overdue=1" in url
    assert re.search(r">y 5 más</a>", mail.html)

    # Every row went with the mail; the links exist for the 25 shown lines only.
    assert {r.status for r in rows(recipient_email="ana@example.org")} == {NotificationStatus.SENT}
    assert len(rows(recipient_email="ana@example.org")) == 30
    shown = {item.id for item in items[5:]}
    tokens = db.session.scalars(db.select(ActionToken)).all()
    assert {t.followup_id for t in tokens} == shown
    assert len(tokens) == 2 * 25, "done and postpone, per line shown"

    coordinator = make.user(Role.COORDINATOR, email="coord@example.org")
    client.login(coordinator)
    page = client.get(url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for days in range(1, 6):
        assert f"Tarea {days:02d}" in html, "the link lists what the mail left out"


def test_the_unit_digest_counts_by_owner_and_by_institution(smtp, make, db, config):
    config(REMINDER_DIGEST_MAX_LINES=2)
    north = make.organization(name="Ministerio Norte")
    south = make.organization(name="Ministerio Sur")
    owners = [
        make.person(name="Beto Solís", email="beto@example.org", organization=north),
        make.person(name="Carla Ruiz", email="carla@example.org", organization=north),
        make.person(name="Dora Vega", email="dora@example.org", organization=south),
    ]
    for owner, count in zip(owners, (3, 2, 1), strict=True):
        for n in range(count):
            # 40 days late: past REMINDER_ESCALATE_UNIT_DAYS, so the unit gets a copy.
            make.followup(owner=owner, title=f"{owner.name} {n}", due_on=TODAY - timedelta(40 + n))

    run_reminders(TODAY, now=NOW)

    [mail] = smtp.to("cooperacion@example.org")
    text = _text(mail)
    assert mail.subject == "Seguimiento: 6 vencidos"
    owner_part = text.split("POR RESPONSABLE (3)", 1)[1].split("POR INSTITUCIÓN", 1)[0]
    assert re.findall(r"^- (.+): (\d+)$", owner_part, re.M) == [
        ("Beto Solís", "3"),
        ("Carla Ruiz", "2"),
    ]
    assert "y 1 responsable más" in owner_part
    institution_part = text.split("POR INSTITUCIÓN (2)", 1)[1].split("VENCIDOS", 1)[0]
    assert re.findall(r"^- (.+): (\d+)$", institution_part, re.M) == [
        ("Ministerio Norte", "5"),
        ("Ministerio Sur", "1"),
    ]
    assert f"{BASE}/seguimientos/?status=pending&owner={owners[0].id}" in owner_part
    assert f"{BASE}/seguimientos/?status=pending&organization={north.id}" in institution_part
    assert "VENCIDOS (6)" in text and len(re.findall(r"^- Copia|^- Tarea", text, re.M)) == 2
    assert "y 4 más: " in text
    assert ">Ministerio Norte</a>" in mail.html
    unit_rows = rows(recipient_email="cooperacion@example.org")
    assert len(unit_rows) == 6 and {r.status for r in unit_rows} == {NotificationStatus.SENT}


@pytest.fixture
def limited_smtp(app, smtp):
    """A real SMTP server whose EHLO announces SIZE `limit` and that refuses larger mail (552);
    `start(limit)` points the app to it."""
    controllers = []

    def start(limit: int) -> SMTPServer:
        controller = Controller(
            Recorder(), hostname="127.0.0.1", port=free_port(), data_size_limit=limit
        )
        controller.start()
        controllers.append(controller)
        server = SMTPServer(app, controller, controller.handler)
        server.up()
        return server

    yield start
    for controller in controllers:
        controller.stop()


def test_a_digest_over_the_servers_size_goes_with_fewer_lines_and_links_only_for_them(
    limited_smtp, make, db
):
    ana = make.person(name="Ana Mora", email="ana@example.org")
    for days in range(1, 31):
        make.followup(owner=ana, title=f"Tarea {days:02d}", due_on=TODAY - timedelta(days))
    server = limited_smtp(limit=16_000)  # 25 lines with their buttons take more than this

    result = run_reminders(TODAY, now=NOW)

    assert result.failed == 0
    [mail] = server.to("ana@example.org")
    assert len(mail.message.as_bytes()) <= 16_000
    listed = _listed(_text(mail), "VENCIDOS (30)")
    assert 0 < len(listed) < 25
    assert listed == [f"Tarea {days:02d}" for days in range(30, 30 - len(listed), -1)]
    _more_link(_text(mail), 30 - len(listed))
    tokens = db.session.scalars(db.select(ActionToken)).all()
    assert len(tokens) == 2 * len(listed), "no link left for a line the mail does not carry"


def test_a_digest_that_cannot_fit_the_servers_size_fails_alone_with_the_reason(
    limited_smtp, make, db
):
    for name in ("ana", "beto"):
        owner = make.person(name=name.title(), email=f"{name}@example.org")
        make.followup(owner=owner, title="Una tarea", due_on=TODAY - timedelta(2))
    server = limited_smtp(limit=1_000)  # not even the greeting and footer fit

    result = run_reminders(TODAY, now=NOW)

    assert (result.sent, result.failed, result.delivery.retrying) == (0, 2, 0)
    assert server.received == []
    for row in rows():
        assert row.status == NotificationStatus.FAILED
        assert "message too large for the SMTP server" in row.last_error
        assert "at most 1000 (SIZE)" in row.last_error
