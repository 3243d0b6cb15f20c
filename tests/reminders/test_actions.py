"""The one-click links in a reminder mail: signed, expiring, single use, and in the history."""

import re
from datetime import date, timedelta

import pytest

from jobs.run import run_reminders
from tests.reminders.helpers import at
from tracker.models import ActionToken, FollowUp
from tracker.models.base import utcnow
from tracker.models.enums import FollowUpStatus, Role
from tracker.operations.notifications import hash_token, issue_action_tokens

#: Far from the real clock, so "postpone" (counted from today when late) is predictable.
DUE = date(2099, 3, 10)
TODAY = DUE - timedelta(days=7)


@pytest.fixture
def mailed(smtp, make, db):
    """A follow-up due in 7 days, reminded by mail; returns it with the mail's two links."""
    owner = make.person(name="Punto focal", email="focal@example.org")  # no account
    followup = make.followup(owner=owner, title="Enviar el acta", due_on=DUE)
    run_reminders(TODAY, now=at(TODAY))
    [mail] = smtp.to("focal@example.org")
    links = dict(
        re.findall(
            r"(Marcar como cumplido|Posponer 7 días): (http\S+/avisos/accion/\S+)", mail.text
        )
    )
    assert set(links) == {"Marcar como cumplido", "Posponer 7 días"}
    paths = {
        "done": links["Marcar como cumplido"].removeprefix("http://127.0.0.1:5000"),
        "postpone": links["Posponer 7 días"].removeprefix("http://127.0.0.1:5000"),
    }
    return followup, paths


def test_done_link_asks_first_then_closes_once(client, mailed, db):
    followup, paths = mailed
    page = client.get(paths["done"])
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "¿Marcar como cumplido?" in html and "Enviar el acta" in html
    db.session.refresh(followup)
    assert followup.status == FollowUpStatus.OPEN, "a GET (a mail scanner) changes nothing"

    done = client.submit(paths["done"])
    assert done.status_code == 200
    assert "quedó marcado como cumplido" in done.get_data(as_text=True)
    db.session.refresh(followup)
    assert followup.status == FollowUpStatus.DONE
    event = followup.events[-1]
    assert event.action == "status" and event.actor_id is None
    assert event.changes["status"] == ["open", "done"]
    assert event.comment == "Desde el enlace del correo enviado a Punto focal (focal@example.org)."

    again = client.submit(paths["done"])
    assert again.status_code == 410
    assert "ya se usó" in again.get_data(as_text=True)
    assert client.get(paths["done"]).status_code == 410
    assert len(followup.events) == 2, "nothing recorded twice"


def test_postpone_link_moves_the_due_date_seven_days_once(client, mailed, db):
    followup, paths = mailed
    page = client.get(paths["postpone"]).get_data(as_text=True)
    assert "10 mar 2099" in page and "17 mar 2099" in page

    moved = client.submit(paths["postpone"])
    assert moved.status_code == 200 and "17 mar 2099" in moved.get_data(as_text=True)
    db.session.refresh(followup)
    assert followup.due_on == DUE + timedelta(days=7)
    assert followup.original_due_on == DUE and followup.reschedule_count == 1
    event = followup.events[-1]
    assert event.action == "rescheduled"
    assert event.changes["due_on"] == ["2099-03-10", "2099-03-17"]
    assert "focal@example.org" in event.comment

    assert client.submit(paths["postpone"]).status_code == 410
    db.session.refresh(followup)
    assert followup.due_on == DUE + timedelta(days=7)


def test_the_change_shows_in_the_follow_up_history_page(app, mailed, make, db):
    followup, paths = mailed
    app.test_client().submit(paths["done"])
    viewer = app.test_client()
    viewer.login(make.user(Role.VIEWER))
    page = viewer.get(f"/seguimientos/{followup.id}").get_data(as_text=True)
    assert "Desde el enlace del correo enviado a Punto focal (focal@example.org)." in page
    assert "Cumplido" in page


def test_an_expired_link_is_refused(client, make, db):
    followup = make.followup(due_on=DUE)
    secrets = issue_action_tokens(followup.id, "x@example.org", utcnow() - timedelta(days=15))
    db.session.commit()
    response = client.get(f"/avisos/accion/{secrets['done']}")
    assert response.status_code == 410 and "venció" in response.get_data(as_text=True)
    assert client.submit(f"/avisos/accion/{secrets['done']}").status_code == 410
    db.session.refresh(followup)
    assert followup.status == FollowUpStatus.OPEN


def test_an_unknown_link_is_404_and_only_the_hash_is_stored(client, mailed, db):
    _followup, paths = mailed
    assert client.get("/avisos/accion/no-such-token").status_code == 404
    secret = paths["done"].rsplit("/", 1)[-1]
    stored = db.session.scalars(db.select(ActionToken.token_hash)).all()
    assert secret not in stored and hash_token(secret) in stored


def test_done_on_an_item_already_closed_says_so(client, mailed, db):
    followup, paths = mailed
    assert client.submit(paths["done"]).status_code == 200
    refused = client.submit(paths["postpone"])
    assert refused.status_code == 409
    assert "ya no está abierto" in refused.get_data(as_text=True)
    db.session.refresh(followup)
    assert followup.due_on == DUE


def test_a_post_without_the_form_token_changes_nothing(client, mailed, db):
    followup, paths = mailed
    response = client.post(paths["done"])
    assert response.status_code == 400
    assert db.session.get(FollowUp, followup.id).status == FollowUpStatus.OPEN
