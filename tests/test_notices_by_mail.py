"""In-app notices by mail, for those who ask in their profile: a follow-up's notices of the day
(assigned, comments, @mentions, watched changes) come as one "Novedades" line of the daily
digest, worded as on /novedades, delivered once to a real SMTP server; never to whoever did
not ask, never what was already read in the app, never with one-click links."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from jobs import rules as R
from jobs.run import run_reminders
from tests.reminders.conftest import smtp, smtp_controller  # noqa: F401  (fixtures)
from tracker.clock import local_today
from tracker.models import Notification, NotificationStatus, UserNotice
from tracker.models.enums import Role
from tracker.operations import followups as ops

TITLE = "Enviar la nota verbal a la embajada"


@pytest.fixture
def carla(make):
    return make.user(Role.COORDINATOR, name="Carla Coordinadora", email="carla@example.org")


@pytest.fixture
def berta(make, db):
    user = make.user(Role.MEMBER, name="Berta Núñez Solís", email="bnunez@example.org")
    user.notices_by_mail = True
    db.session.commit()
    return user


def _followup(make, carla, owner, **values):
    # Due in two months: no reminder of its own mixes with the notices in the digest.
    return make.followup(
        owner=owner.person, actor=carla, title=TITLE, due_on=local_today() + timedelta(60), **values
    )


def test_a_days_notices_come_as_one_line_of_the_digest_once(app, db, make, smtp, carla, berta):  # noqa: F811
    followup = _followup(make, carla, berta)
    ops.add_comment(followup, carla, "¿Puede enviarla antes del viernes?")
    db.session.commit()
    ops.add_comment(followup, carla, "@bnunez la embajada la espera.")
    db.session.commit()

    (row,) = db.session.scalars(select(Notification).filter_by(rule=R.FOLLOWUP_NEWS)).all()
    assert row.recipient_email == "bnunez@example.org" and row.item_id == followup.id

    first = run_reminders(local_today())
    (mail,) = smtp.to("bnunez@example.org")
    assert smtp.received == [mail]  # Carla made the changes: she is told nothing
    assert "NOVEDADES (1)" in mail.text and TITLE in mail.text
    # Newest first, as on /novedades.
    mention = "Carla Coordinadora le mencionó en «Enviar la nota verbal a la embajada»"
    comment = "Carla Coordinadora comentó «Enviar la nota verbal a la embajada»"
    assigned = "Carla Coordinadora le asignó «Enviar la nota verbal a la embajada»."
    assert mail.text.index(mention) < mail.text.index(comment) < mail.text.index(assigned)
    link = f"{app.config['TRACKER_BASE_URL'].rstrip('/')}/seguimientos/{followup.id}"
    assert link in mail.text and f'href="{link}"' in mail.html
    assert "/avisos/accion/" not in mail.text  # news is read, not acted on from the mail
    db.session.refresh(row)
    assert row.status == NotificationStatus.SENT and first.sent >= 1

    assert run_reminders(local_today()).sent == 0
    assert len(smtp.received) == 1
    # Still unread in the app: mailing them does not mark them read.
    assert all(n.read_at is None for n in db.session.scalars(select(UserNotice)))


def test_whoever_did_not_ask_gets_no_mail_of_her_notices(app, db, make, smtp, carla):  # noqa: F811
    quiet = make.user(Role.MEMBER, name="Ana Quieta", email="ana@example.org")
    followup = _followup(make, carla, quiet)
    ops.add_comment(followup, carla, "¿Cómo va?")
    db.session.commit()
    assert db.session.scalars(select(Notification)).all() == []
    run_reminders(local_today())
    assert smtp.to("ana@example.org") == []
    assert len(db.session.scalars(select(UserNotice).filter_by(user_id=quiet.id)).all()) == 2


def test_notices_read_in_the_app_are_not_mailed(app, db, make, smtp, carla, berta):  # noqa: F811
    _followup(make, carla, berta)
    client = app.test_client()
    client.login(berta)
    client.submit("/novedades/leidas")
    run_reminders(local_today())
    assert smtp.to("bnunez@example.org") == []
    (row,) = db.session.scalars(select(Notification).filter_by(rule=R.FOLLOWUP_NEWS)).all()
    assert row.status == NotificationStatus.SKIPPED and row.last_error == "read"


def test_a_watchers_line_says_what_changed_in_her_language(app, db, make, smtp, carla, berta):  # noqa: F811
    owner = make.user(Role.MEMBER, name="Otro Dueño", email="otro@example.org")
    followup = _followup(make, carla, owner)
    ops.add_comment(followup, berta, "Lo sigo.")  # commenting makes her a watcher
    db.session.commit()
    berta.person.language = "en"
    db.session.commit()
    ops.reschedule(followup, carla, local_today() + timedelta(90), "La embajada pidió más tiempo")
    db.session.commit()
    run_reminders(local_today())
    (mail,) = smtp.to("bnunez@example.org")
    assert "Carla Coordinadora changed" in mail.text, mail.text
    assert TITLE in mail.text
