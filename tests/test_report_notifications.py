"""The approval flow tells people: submitting asks the supervisor (or, without one, the unit)
for the visto bueno, returning tells the author why, approving tells the author and the unit —
by mail through the outbox (delivered once, never twice, to a real SMTP server) and in the app
(the "Novedades" badge, page and home list). And every role against submit, approve, return."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from jobs import rules as R
from jobs.run import run_reminders
from tests.reminders.conftest import smtp, smtp_controller  # noqa: F401  (fixtures)
from tracker.clock import local_today
from tracker.extensions import db as _db
from tracker.models import Notification, NotificationStatus, ParticipationReport, UserNotice
from tracker.models.enums import ReportStatus, Role

UNIT = "cooperacion@example.org"  # TRACKER_UNIT_EMAIL's default
ACTIVITY = "Foro Regional de Igualdad"


@pytest.fixture
def world(make, db):
    """An author with a supervisor (both with accounts), coordination, and her report due in
    two weeks (so no reminder of the report itself mixes with the event mails)."""
    today = local_today()
    jefa = make.user(Role.MEMBER, name="Jefa Rodríguez", email="jefa@example.org")
    autora = make.user(
        Role.MEMBER, name="Autora Vargas", email="autora@example.org", supervisor_id=jefa.person_id
    )
    coordinator = make.user(Role.COORDINATOR, name="Coordinación", email="coord@example.org")
    activity = make.activity(
        name=ACTIVITY, start_on=today - timedelta(3), end_on=today - timedelta(1)
    )
    report = make.report(person=autora.person, activity=activity)
    return {"jefa": jefa, "autora": autora, "coordinator": coordinator, "report": report}


def _client(app, user):
    client = app.test_client()
    client.login(user)
    return client


def db_scalars(statement) -> list:
    return _db.session.scalars(statement).all()


def _outbox(rule: str) -> list[Notification]:
    return db_scalars(select(Notification).filter_by(rule=rule).order_by(Notification.id))


def _notices(user) -> list[UserNotice]:
    return db_scalars(select(UserNotice).filter_by(user_id=user.id).order_by(UserNotice.id))


def _badge(client) -> str | None:
    """The unread count next to "Novedades" in the header, as a reader sees it."""
    html = client.get("/seguimientos/").get_data(as_text=True)
    found = re.search(r'<span class="badge count"[^>]*>(\d+)</span>', html)
    return found.group(1) if found else None


def _deliver_twice(smtp):  # noqa: F811
    """The reminders job twice on the same day: whatever it sends, it sends once."""
    first = run_reminders(local_today())
    received = len(smtp.received)
    second = run_reminders(local_today())
    assert second.sent == 0 and len(smtp.received) == received
    return first


# --- submitting -------------------------------------------------------------------------


def test_submitting_asks_the_supervisor_for_the_visto_bueno_once(app, smtp, world, db):  # noqa: F811
    report = world["report"]
    author = _client(app, world["autora"])
    assert author.submit(f"/informes/{report.id}/entregar").status_code == 302

    (row,) = _outbox(R.REPORT_SUBMITTED)
    assert row.recipient_email == "jefa@example.org" and row.status == NotificationStatus.PENDING
    _deliver_twice(smtp)
    (mail,) = smtp.to("jefa@example.org")
    assert smtp.received == [mail]  # the author, coordination and the unit get nothing yet
    assert "Autora Vargas entregó su informe y solicita su visto bueno" in mail.text
    assert ACTIVITY in mail.text
    link = f"{app.config['TRACKER_BASE_URL'].rstrip('/')}/informes/{report.id}"
    assert link in mail.text and f'href="{link}"' in mail.html
    db.session.refresh(row)
    assert row.status == NotificationStatus.SENT and row.sent_at is not None

    # In the app: a badge, a line on the notices page and on the home page.
    supervisor = _client(app, world["jefa"])
    assert _badge(supervisor) == "1"
    expected = f"Autora Vargas entregó el informe de «{ACTIVITY}» y solicita su visto bueno."
    assert expected in supervisor.get("/novedades/").get_data(as_text=True)
    assert expected in supervisor.get("/").get_data(as_text=True)
    (notice,) = _notices(world["jefa"])
    opened = supervisor.get(f"/novedades/{notice.id}")
    assert opened.status_code == 302 and opened.headers["Location"].endswith(
        f"/informes/{report.id}"
    )
    assert "Dar visto bueno" in supervisor.get(f"/informes/{report.id}").get_data(as_text=True)
    assert _badge(supervisor) is None  # opened: read
    assert _notices(world["autora"]) == []


def test_without_a_supervisor_the_unit_gives_the_visto_bueno(app, smtp, make, db):  # noqa: F811
    alone = make.user(Role.MEMBER, name="Sin Jefatura", email="sola@example.org")
    report = make.report(person=alone.person)
    _client(app, alone).submit(f"/informes/{report.id}/entregar")
    _deliver_twice(smtp)
    (mail,) = smtp.to(UNIT)
    assert "Sin Jefatura entregó su informe y solicita su visto bueno" in mail.text
    assert [m.recipients for m in smtp.received] == [[UNIT]]
    assert db_scalars(select(UserNotice)) == []  # the unit's mailbox is no account


def test_a_supervisor_without_email_is_told_in_the_app_and_the_unit_by_mail(
    app,
    smtp,  # noqa: F811
    make,
    db,
):
    boss = make.user(Role.MEMBER, name="Jefa Sin Correo", email="jefa-sin@example.org")
    boss.person.email = None
    db.session.commit()
    author = make.user(Role.MEMBER, name="Autora", supervisor_id=boss.person_id)
    report = make.report(person=author.person)
    _client(app, author).submit(f"/informes/{report.id}/entregar")
    _deliver_twice(smtp)
    assert [m.recipients for m in smtp.received] == [[UNIT]]
    assert [n.kind for n in _notices(boss)] == [R.REPORT_SUBMITTED]


def test_a_request_already_answered_is_not_mailed(app, smtp, world, db):  # noqa: F811
    """Submitted and returned before the job ran: the supervisor is not asked for a visto
    bueno the report no longer waits for; the author still hears why it came back."""
    report = world["report"]
    _client(app, world["autora"]).submit(f"/informes/{report.id}/entregar")
    _client(app, world["jefa"]).submit(
        f"/informes/{report.id}/devolver", {"reason": "Falta incluir los compromisos"}
    )
    _deliver_twice(smtp)
    assert smtp.to("jefa@example.org") == []
    (request,) = _outbox(R.REPORT_SUBMITTED)
    assert request.status == NotificationStatus.SKIPPED
    (mail,) = smtp.to("autora@example.org")
    assert "Falta incluir los compromisos" in mail.text


def test_handed_in_through_a_private_link_the_supervisor_is_asked(app, smtp, world, make, db):  # noqa: F811
    """A participant without an account hands in through her link: her supervisor (an
    official with an account) is asked for the visto bueno, by mail and in the app."""
    from tracker.operations.report_links import issue_report_link

    guest = make.person(name="Invitada Externa", email=None, supervisor_id=world["jefa"].person_id)
    report = make.report(person=guest, activity=world["report"].activity)
    _link, secret = issue_report_link(report, world["coordinator"])
    db.session.commit()
    form = {
        "role": "Panelista",
        "new_kind": "agenda",
        "save_and_submit": "Guardar y entregar",
    }
    anonymous = app.test_client()
    assert anonymous.submit(f"/informe-privado/{report.id}/{secret}", form).status_code == 302
    _deliver_twice(smtp)
    (mail,) = smtp.to("jefa@example.org")
    assert "Invitada Externa entregó su informe y solicita su visto bueno" in mail.text
    (notice,) = _notices(world["jefa"])
    assert notice.kind == R.REPORT_SUBMITTED and notice.actor_id is None
    assert "Invitada Externa entregó el informe" in _client(app, world["jefa"]).get(
        "/novedades/"
    ).get_data(as_text=True)


# --- returning and approving ------------------------------------------------------------


def test_returning_tells_the_author_why(app, smtp, world, db):  # noqa: F811
    report = world["report"]
    author = _client(app, world["autora"])
    author.submit(f"/informes/{report.id}/entregar")
    run_reminders(local_today())
    smtp.clear()

    supervisor = _client(app, world["jefa"])
    refused = supervisor.submit(f"/informes/{report.id}/devolver", {"reason": "  "})
    assert refused.status_code == 400 and _outbox(R.REPORT_RETURNED) == []
    supervisor.submit(
        f"/informes/{report.id}/devolver", {"reason": "Falta incluir los compromisos"}
    )
    _deliver_twice(smtp)
    (mail,) = smtp.received
    assert mail.recipients == ["autora@example.org"]
    assert "Su informe fue devuelto para corregir: Falta incluir los compromisos" in mail.text
    assert "Falta incluir los compromisos" in mail.html

    assert _badge(author) == "1"
    page = author.get("/novedades/").get_data(as_text=True)
    assert (
        f"Su informe de «{ACTIVITY}» fue devuelto para corregir: Falta incluir los compromisos"
        in page
    )
    author.submit("/novedades/leidas")
    assert _badge(author) is None
    assert "sin leer" not in author.get("/novedades/").get_data(as_text=True)


def test_handed_in_again_the_same_day_the_supervisor_is_asked_again(app, smtp, world, db):  # noqa: F811
    report = world["report"]
    author, supervisor = _client(app, world["autora"]), _client(app, world["jefa"])
    author.submit(f"/informes/{report.id}/entregar")
    run_reminders(local_today())
    supervisor.submit(f"/informes/{report.id}/devolver", {"reason": "Faltan las fechas"})
    author.submit(f"/informes/{report.id}/entregar")
    _deliver_twice(smtp)
    # The second request is a new event: a new row (its slot moves past the first one's).
    assert len(_outbox(R.REPORT_SUBMITTED)) == 2
    requests = [m for m in smtp.to("jefa@example.org") if "solicita su visto bueno" in m.text]
    assert len(requests) == 2
    assert [n.kind for n in _notices(world["jefa"])] == [R.REPORT_SUBMITTED] * 2


def test_approving_tells_the_author_and_the_unit(app, smtp, world, db):  # noqa: F811
    report = world["report"]
    author = _client(app, world["autora"])
    author.submit(f"/informes/{report.id}/entregar")
    run_reminders(local_today())
    smtp.clear()

    _client(app, world["jefa"]).submit(f"/informes/{report.id}/aprobar")
    _deliver_twice(smtp)
    assert sorted(r for m in smtp.received for r in m.recipients) == [
        "autora@example.org",
        UNIT,
    ]
    for mail in smtp.received:
        assert "El informe de Autora Vargas recibió el visto bueno de Jefa Rodríguez" in mail.text
    assert [n.kind for n in _notices(world["autora"])] == [R.REPORT_APPROVED]
    expected = f"Su informe de «{ACTIVITY}» recibió el visto bueno."
    assert expected in author.get("/").get_data(as_text=True)
    assert _notices(world["jefa"])[-1].kind == R.REPORT_SUBMITTED  # the approver is not told


def test_someone_elses_notice_does_not_open(app, world, db):
    report = world["report"]
    _client(app, world["autora"]).submit(f"/informes/{report.id}/entregar")
    (notice,) = _notices(world["jefa"])
    other = _client(app, world["coordinator"])
    assert other.get(f"/novedades/{notice.id}").status_code == 404
    db.session.refresh(notice)
    assert notice.read_at is None


# --- every role × submit, approve, return -----------------------------------------------

ROLES = ("viewer", "author", "other_member", "supervisor", "coordinator", "admin")
MAY = {
    "submit": {"author", "coordinator", "admin"},
    "approve": {"supervisor", "coordinator", "admin"},
    "return": {"supervisor", "coordinator", "admin"},
}
#: What each action does when allowed: the report's new status and the event announced.
OUTCOME = {
    "submit": (ReportStatus.SUBMITTED, R.REPORT_SUBMITTED),
    "approve": (ReportStatus.APPROVED, R.REPORT_APPROVED),
    "return": (ReportStatus.RETURNED, R.REPORT_RETURNED),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(MAY))
def test_role_action(app, make, world, db, role, action):
    users = {
        "viewer": make.user(Role.VIEWER),
        "author": world["autora"],
        "other_member": make.user(Role.MEMBER),
        "supervisor": world["jefa"],
        "coordinator": world["coordinator"],
        "admin": make.user(Role.ADMIN),
    }
    report = world["report"]
    if action != "submit":
        _client(app, world["autora"]).submit(f"/informes/{report.id}/entregar")
    before = (
        db.session.scalar(select(func.count()).select_from(Notification)),
        db.session.scalar(select(func.count()).select_from(UserNotice)),
    )
    path = {"submit": "entregar", "approve": "aprobar", "return": "devolver"}[action]
    response = _client(app, users[role]).submit(
        f"/informes/{report.id}/{path}", {"reason": "Revise las fechas"}
    )
    stored = db.session.get(ParticipationReport, report.id)
    status, rule = OUTCOME[action]
    if role in MAY[action]:
        assert response.status_code == 302
        assert stored.status == status
        assert _outbox(rule), "the event reached the outbox"
    else:
        assert response.status_code == 403
        assert stored.status == (
            ReportStatus.PENDING if action == "submit" else ReportStatus.SUBMITTED
        )
        after = (
            db.session.scalar(select(func.count()).select_from(Notification)),
            db.session.scalar(select(func.count()).select_from(UserNotice)),
        )
        assert after == before  # a refusal tells nobody anything


# --- the private link, by mail ----------------------------------------------------------


def _create_link(app, coordinator, report) -> tuple[str, str]:
    """Coordination creates the link; (the page, the link's path as shown there)."""
    response = _client(app, coordinator).submit(f"/informes/{report.id}/enlace")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    path = re.search(r"<code>https?://[^/]+(/informe-privado/[^<]+)</code>", page).group(1)
    return page, path


def test_a_participant_without_account_receives_her_private_link_by_mail(
    app,
    smtp,  # noqa: F811
    world,
    make,
    db,
):
    guest = make.person(name="Invitada Externa", email="Invitada@Example.org")
    report = make.report(person=guest, activity=world["report"].activity)
    page, path = _create_link(app, world["coordinator"], report)
    assert "se lo envía por correo a invitada@example.org" in page

    (row,) = _outbox(R.REPORT_LINK)
    secret = path.rsplit("/", 1)[1]
    assert row.recipient_email == "invitada@example.org"
    stored = " ".join(str(v) for v in (row.title, row.about_name, row.cc, row.last_error))
    assert secret not in stored  # the outbox never holds the secret
    _deliver_twice(smtp)
    (mail,) = smtp.to("invitada@example.org")
    assert "enlace privado para escribir y entregar este informe sin cuenta" in mail.text
    link = f"{app.config['TRACKER_BASE_URL'].rstrip('/')}{path}"
    assert link in mail.text and f'href="{link}"' in mail.html
    assert db_scalars(select(UserNotice)) == []

    # The mailed link opens her form, without an account.
    form = app.test_client().get(path)
    assert form.status_code == 200 and "Informe de participación" in form.get_data(as_text=True)


def test_a_participant_without_email_gets_the_link_on_the_page_only(app, world, make, db):
    guest = make.person(name="Sin Correo", email=None)
    report = make.report(person=guest, activity=world["report"].activity)
    page, _path = _create_link(app, world["coordinator"], report)
    assert "no tiene correo en Seguimiento: compártalo usted" in page
    assert _outbox(R.REPORT_LINK) == []


def test_a_link_revoked_or_a_report_approved_before_delivery_is_not_mailed(
    app,
    smtp,  # noqa: F811
    world,
    make,
    db,
):
    from tracker.models import ReportLink

    coordination = _client(app, world["coordinator"])
    revoked = make.report(person=make.person(email="revocada@example.org"))
    _create_link(app, world["coordinator"], revoked)
    (link,) = db_scalars(select(ReportLink).filter_by(report_id=revoked.id))
    coordination.submit(f"/informes/{revoked.id}/enlace/{link.id}/revocar")
    approved = make.report(person=make.person(email="aprobada@example.org"))
    _create_link(app, world["coordinator"], approved)
    coordination.submit(f"/informes/{approved.id}/entregar")
    coordination.submit(f"/informes/{approved.id}/aprobar")

    _deliver_twice(smtp)
    for address in ("revocada@example.org", "aprobada@example.org"):
        # (Their overdue reports are still reminded: only the link is not sent.)
        assert [m for m in smtp.to(address) if "enlace privado" in m.text] == []
    assert {row.status for row in _outbox(R.REPORT_LINK)} == {NotificationStatus.SKIPPED}


def test_a_new_link_before_delivery_is_mailed_once_with_the_new_secret(
    app,
    smtp,  # noqa: F811
    world,
    make,
    db,
):
    guest = make.person(email="dos@example.org")
    report = make.report(person=guest)
    _page, old = _create_link(app, world["coordinator"], report)
    _page, new = _create_link(app, world["coordinator"], report)
    _deliver_twice(smtp)
    (mail,) = smtp.to("dos@example.org")
    assert new in mail.text and old not in mail.text
    assert app.test_client().get(old).status_code == 404
