"""`tracker demo` on an empty database: a unit that is alive today — every dashboard figure,
the member's own work, reminders to deliver, and a year of trends."""

import re
import time

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.reminders.conftest import smtp, smtp_controller  # noqa: F401
from tracker.clock import local_today
from tracker.demo import DEMO_EMAIL, MEMBER_EMAIL
from tracker.models import ParticipationReport, User
from tracker.models.enums import ReportStatus

TILES = (
    "vencidos",
    "vencen en 7 días",
    "abiertos",
    "cumplidos este mes",
    "informes pendientes",
    "informes vencidos",
    "proyectos pasados de su fin previsto",
    "fichas sin actualizar",
    "a cargo de otras instituciones",
)
SUPERVISOR = "analucia.mora@seguimiento.demo"


@pytest.fixture
def demo(runner, db):
    started = time.perf_counter()
    result = runner.invoke(args=["demo", "--password", PASSWORD])
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert elapsed < 3, f"the demo took {elapsed:.1f} s"
    return db


def _user(db, email: str) -> User:
    return db.session.scalars(select(User).where(User.email == email)).one()


def _tile(page: str, label: str) -> int:
    match = re.search(r'<span class="num">(\d+)</span> ' + re.escape(label) + "<", page)
    assert match, f"tile {label!r} not found"
    return int(match.group(1))


def test_every_dashboard_tile_of_the_coordinator_counts_something(app, demo, db):
    client = app.test_client()
    client.login(_user(db, DEMO_EMAIL))
    page = client.get("/").get_data(as_text=True)
    counts = {label: _tile(page, label) for label in TILES}
    assert all(counts.values()), counts
    # An on-time rate that is neither nothing nor everything.
    rate = re.search(r"(\d+) de (\d+) cumplidos en su fecha límite", page)
    assert rate, page
    on_time, done = map(int, rate.groups())
    assert 0 < on_time < done, (on_time, done)


def test_the_member_sees_her_work_and_a_report_to_approve(app, demo, db):
    member = _user(db, MEMBER_EMAIL)
    client = app.test_client()
    client.login(member)
    page = client.get("/").get_data(as_text=True)
    assert "Revisar y firmar la carta de intención con la AECID" in page  # due this week
    assert "Apoyar la Alianza Regional por la Digitalización de las Mujeres" in page  # the seed
    assert "Sofía Araya Jiménez" in page  # her report waits for the member's visto bueno
    assert "Consejo de Ministras de la Mujer" in page  # her own report to write
    # Her supervisor has an account, for the visto bueno of the member's report.
    boss = _user(db, SUPERVISOR)
    assert member.person.supervisor_id == boss.person_id
    client.login(boss)
    assert client.get("/").status_code == 200


def test_reports_in_every_state(demo, db):
    states = db.session.scalars(select(ParticipationReport.status)).all()
    assert {ReportStatus.PENDING, ReportStatus.SUBMITTED, ReportStatus.APPROVED} <= set(states)


def test_the_trends_have_a_year_of_history(app, demo, db):
    client = app.test_client()
    client.login(_user(db, DEMO_EMAIL))
    page = client.get("/tendencias").get_data(as_text=True)
    rows = re.findall(r"<tr><td>(\d{4}-\d\d)</td><td>(\d+)</td><td>(\d+)</td></tr>", page)
    assert len(rows) == 12, rows
    assert sum(1 for _m, opened, _d in rows if int(opened)) >= 6, rows
    assert sum(1 for _m, _o, done in rows if int(done)) >= 6, rows


def test_a_reminders_run_today_delivers_digests(app, demo, runner, smtp, db):  # noqa: F811
    with app.test_request_context():
        today = local_today()
    result = runner.invoke(args=["reminders", "run", "--today", today.isoformat()])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("failed=0"), result.output
    (mine,) = smtp.to(MEMBER_EMAIL)
    assert "vencidos" in mine.subject and "por vencer" in mine.subject, mine.subject
    assert "Revisar y firmar la carta de intención con la AECID" in mine.text
    # A supervisor is copied on what her people let run late.
    (boss,) = smtp.to("carolina.mendez@seguimiento.demo")
    assert "Hellen Montero Aguilar" in boss.text, boss.text
    soon = smtp.to("javier.ortega@aecid.demo")  # an outside focal point, due in 12 days
    assert soon and "Confirmar el financiamiento del taller" in soon[0].text
    assert len({m.recipients[0] for m in smtp.received}) >= 8
    second = runner.invoke(args=["reminders", "run", "--today", today.isoformat()])
    assert "enqueued=0 sent=0" in second.output
