"""The briefing of a new edition: when an activity of a series gets its participants, each is
told — in the app and by mail — what earlier representatives observed, which commitments of
earlier editions are still open, and the last report's achievements."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from jobs import rules as R
from jobs.run import run_reminders
from tests.reminders.conftest import smtp, smtp_controller  # noqa: F401  (fixtures)
from tracker.clock import local_today
from tracker.models import FollowUp, Notification, ParticipationReport, UserNotice
from tracker.models.enums import FollowUpKind, FollowUpStatus, Role
from tracker.operations.followups import change_status
from tracker.operations.report_content import save_report_content
from tracker.operations.report_items import ItemRow
from tracker.operations.reports import add_participant

SERIES = "Foro Generación Igualdad"


def _edition(make, name: str, start_offset: int, series: str = SERIES):
    """An edition of the series `start_offset` days from today (negative: in the past)."""
    start = local_today() + timedelta(start_offset)
    return make.activity(name=name, series_name=series, start_on=start, end_on=start + timedelta(2))


def _write(db, report, author, *, achievements=None, commitments=(), observations=()):
    """Her report written through the form's operation, as the app saves it."""
    rows = [
        ItemRow(kind=kind, text=text, owner=owner, due_on=due)
        for kind, text, owner, due in commitments
    ]
    save_report_content(
        report,
        author,
        local_today(),
        fields={"achievements": achievements},
        rows=rows,
        observations=list(observations),
    )
    db.session.commit()


@pytest.fixture
def series(make, db):
    """Two earlier editions, written; a new edition (next month) without participants yet."""
    today = local_today()
    ana = make.user(Role.MEMBER, name="Ana Earlier", email="ana@example.org")
    luis = make.person(name="Luis Punto Focal", email="luis@example.org")
    first = _edition(make, "Foro 2024", -700)
    second = _edition(make, "Foro 2025", -300)
    old = make.report(person=ana.person, activity=first)
    _write(
        db,
        old,
        ana,
        achievements="Logro antiguo",
        commitments=[
            (FollowUpKind.COMMITMENT, "Compromiso 2024 abierto", luis, today + timedelta(20))
        ],
        observations=["Llevar credenciales impresas"],
    )
    last = make.report(person=ana.person, activity=second)
    _write(
        db,
        last,
        ana,
        achievements="Declaración conjunta firmada\nMesa técnica acordada",
        commitments=[
            (
                FollowUpKind.COMMITMENT,
                "Enviar propuesta de agenda común",
                luis,
                today + timedelta(9),
            ),
            (FollowUpKind.COMMITMENT, "Compromiso ya cumplido", luis, today + timedelta(9)),
            (FollowUpKind.ACTION, "Proponer una mesa técnica bilateral", None, None),
        ],
        observations=["Solicitar la lista de participantes con antelación"],
    )
    done = db.session.scalars(select(FollowUp).filter_by(title="Compromiso ya cumplido")).one()
    change_status(done, ana, FollowUpStatus.DONE, today)
    make.followup(owner=luis, title="Tarea suelta de 2025", activity=second)  # a task: not carried
    db.session.commit()
    new = _edition(make, "Foro 2026", 30)
    coordinator = make.user(Role.COORDINATOR)
    berta = make.user(Role.MEMBER, name="Berta Nueva", email="berta@example.org")
    return {"new": new, "second": second, "coordinator": coordinator, "berta": berta, "ana": ana}


def _client(app, user):
    client = app.test_client()
    client.login(user)
    return client


def _register(app, coordinator, activity, person):
    response = _client(app, coordinator).submit(
        f"/actividades/{activity.id}/participantes", {"person": str(person.id)}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


def test_a_new_participant_is_briefed_in_the_app_and_by_mail_once(app, smtp, series, db):  # noqa: F811
    berta = series["berta"]
    _register(app, series["coordinator"], series["new"], berta.person)

    (row,) = db.session.scalars(select(Notification).filter_by(rule=R.BRIEFING)).all()
    assert row.recipient_email == "berta@example.org"
    run_reminders(local_today())
    assert run_reminders(local_today()).sent == 0
    (mail,) = smtp.to("berta@example.org")  # once (the others' reminders are not hers)
    text = mail.text
    assert "Usted participará en una nueva edición" in text
    # The observations of both earlier representatives, newest first.
    assert text.index("Solicitar la lista de participantes") < text.index("Llevar credenciales")
    # Open commitments and actions of earlier editions, with owner and date; nothing closed.
    assert "Enviar propuesta de agenda común (Luis Punto Focal," in text
    assert "Compromiso 2024 abierto" in text and "Proponer una mesa técnica bilateral" in text
    assert "Compromiso ya cumplido" not in text and "Tarea suelta" not in text
    # The last report's achievements (not an older one's).
    assert "Logros del último informe (Foro 2025)" in text
    assert "Declaración conjunta firmada" in text and "Mesa técnica acordada" in text
    assert "Logro antiguo" not in text
    briefing_url = f"/actividades/{series['new'].id}/briefing"
    assert briefing_url in text and briefing_url in mail.html
    assert "Enviar propuesta de agenda común" in mail.html

    # In the app: the notice leads to the briefing page, which lists the same.
    reader = _client(app, berta)
    (notice,) = db.session.scalars(select(UserNotice).filter_by(user_id=berta.id)).all()
    home = reader.get("/").get_data(as_text=True)
    assert "Participará en «Foro 2026»: lea lo que dejaron" in home
    opened = reader.get(f"/novedades/{notice.id}")
    assert opened.headers["Location"].endswith(briefing_url)
    activity_page = reader.get(f"/actividades/{series['new'].id}").get_data(as_text=True)
    assert f'href="{briefing_url}"' in activity_page
    (report,) = db.session.scalars(
        select(ParticipationReport).filter_by(person_id=berta.person_id)
    ).all()
    assert f'href="{briefing_url}"' in reader.get(f"/informes/{report.id}").get_data(True)
    page = reader.get(briefing_url).get_data(as_text=True)
    for expected in (
        "Solicitar la lista de participantes con antelación",
        "Llevar credenciales impresas",
        "Enviar propuesta de agenda común",
        "Luis Punto Focal",
        "Proponer una mesa técnica bilateral",
        "Declaración conjunta firmada",
        "Ana Earlier",
    ):
        assert expected in page, expected
    assert "Compromiso ya cumplido" not in page and "Logro antiguo" not in page


def test_a_participant_without_account_is_briefed_by_mail_only(app, smtp, series, make, db):  # noqa: F811
    guest = make.person(name="Invitada", email="invitada@example.org")
    add_participant(series["new"], guest, None)
    db.session.commit()
    run_reminders(local_today())
    (mail,) = smtp.to("invitada@example.org")
    assert "Enviar propuesta de agenda común" in mail.text
    assert db.session.scalars(select(UserNotice)).all() == []


def test_the_same_editions_notes_and_later_editions_are_not_earlier(app, series, make, db):
    """A colleague's observation on this very edition, and what a later edition left, are not
    "what earlier representatives left" for this one."""
    colleague = make.user(Role.MEMBER, name="Colega")
    report = make.report(person=colleague.person, activity=series["new"])
    _write(db, report, colleague, observations=["Nota de esta misma edición"])
    later = _edition(make, "Foro 2027", 400)
    later_report = make.report(person=make.person(), activity=later)
    _write(db, later_report, None, achievements="Logro futuro", observations=["Nota futura"])

    page = _client(app, series["berta"]).get(f"/actividades/{series['new'].id}/briefing")
    html = page.get_data(as_text=True)
    assert "Solicitar la lista de participantes" in html
    assert "Nota de esta misma edición" not in html
    assert "Nota futura" not in html and "Logro futuro" not in html


def test_a_trashed_earlier_report_carries_nothing(app, series, db):
    from tracker.operations.records import delete_record

    for report in db.session.scalars(
        select(ParticipationReport).filter_by(activity_id=series["second"].id)
    ):
        delete_record(report, series["coordinator"])
    db.session.commit()
    html = _client(app, series["berta"]).get(f"/actividades/{series['new'].id}/briefing")
    text = html.get_data(as_text=True)
    assert "Solicitar la lista de participantes" not in text
    assert "Declaración conjunta firmada" not in text
    assert "Llevar credenciales impresas" in text and "Logro antiguo" in text


def test_the_first_edition_and_an_activity_without_series_brief_nobody(app, make, db):
    coordinator = make.user(Role.COORDINATOR)
    first = _edition(make, "Primera edición", 30, series="Serie nueva")
    loose = make.activity(name="Sin serie")
    for activity in (first, loose):
        _register(app, coordinator, activity, make.person())
    assert db.session.scalars(select(Notification).filter_by(rule=R.BRIEFING)).all() == []
    assert db.session.scalars(select(UserNotice)).all() == []
    html = _client(app, coordinator).get(f"/actividades/{first.id}/briefing").get_data(True)
    assert "no dejaron observaciones, compromisos abiertos ni logros" in html


def test_an_edition_already_over_briefs_nobody(app, series, make, db):
    """Registering someone on an edition that has already ended (history typed or imported
    late) sends no "usted participará" about it: there is nothing left to prepare for."""
    past = _edition(make, "Foro 2025 bis", -200)
    _register(app, series["coordinator"], past, series["berta"].person)
    assert db.session.scalars(select(Notification).filter_by(rule=R.BRIEFING)).all() == []
    assert db.session.scalars(select(UserNotice)).all() == []
    # The page still shows what earlier editions left, for whoever looks.
    html = _client(app, series["berta"]).get(f"/actividades/{past.id}/briefing").get_data(True)
    assert "Llevar credenciales impresas" in html


def test_participants_added_before_the_series_was_set_are_briefed_when_it_is(app, series, make, db):
    """The activity was created loose, Berta registered, and only then the coordinator put it in
    its series: Berta gets the briefing she would have had (once), in the app and by mail."""
    loose = make.activity(
        name="Foro 2026 (sin serie aún)",
        start_on=local_today() + timedelta(40),
        end_on=local_today() + timedelta(42),
    )
    _register(app, series["coordinator"], loose, series["berta"].person)
    assert db.session.scalars(select(UserNotice)).all() == []

    from tracker.operations.activities import update_activity

    update_activity(loose, series["coordinator"], series_name=SERIES)
    db.session.commit()
    update_activity(loose, series["coordinator"], series_name=SERIES, name="Foro 2026")
    db.session.commit()

    notices = db.session.scalars(select(UserNotice).filter_by(kind=R.BRIEFING)).all()
    assert [n.user_id for n in notices] == [series["berta"].id]
    mails = db.session.scalars(select(Notification).filter_by(rule=R.BRIEFING)).all()
    assert [m.recipient_email for m in mails] == ["berta@example.org"]
