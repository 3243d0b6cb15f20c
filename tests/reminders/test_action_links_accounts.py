"""A mail link does what its recipient could do when logged in, and the history names them:
a read-only account's link changes nothing; anyone else's click is signed with their name."""

from datetime import date

import pytest

from tracker.models import ActionToken, FollowUp, FollowUpEvent
from tracker.models.enums import FollowUpStatus, Role
from tracker.operations.notifications import issue_action_tokens

DUE = date(2099, 3, 10)
READ_ONLY = "Su cuenta es de solo lectura: este enlace no cambia nada."


@pytest.fixture
def links_for(make, db):
    """links_for(owner) → (follow-up, {"done": path, "postpone": path}) mailed to the owner."""

    def issue(owner):
        followup = make.followup(owner=owner, title="Enviar el acta", due_on=DUE)
        secrets = issue_action_tokens(followup.id, owner.email)
        db.session.commit()
        return followup, {action: f"/avisos/accion/{secret}" for action, secret in secrets.items()}

    return issue


def _events(db, followup: FollowUp) -> list[FollowUpEvent]:
    return db.session.scalars(
        db.select(FollowUpEvent).filter_by(followup_id=followup.id).order_by(FollowUpEvent.id)
    ).all()


def test_a_viewer_owners_link_says_it_changes_nothing_and_changes_nothing(
    client, make, links_for, db
):
    viewer = make.user(Role.VIEWER, name="Lectora")
    followup, paths = links_for(viewer.person)

    page = client.get(paths["done"])
    assert page.status_code == 403
    html = page.get_data(as_text=True)
    assert READ_ONLY in html
    assert "<button" not in html, "no button to press"

    for path in paths.values():
        refused = client.submit(path)
        assert refused.status_code == 403 and READ_ONLY in refused.get_data(as_text=True)
    db.session.refresh(followup)
    assert followup.status == FollowUpStatus.OPEN and followup.due_on == DUE
    assert [event.action for event in _events(db, followup)] == ["created"]
    used = db.session.scalars(db.select(ActionToken.used_at)).all()
    assert used == [None, None], "the links were not spent either"


def test_a_disabled_accounts_link_changes_nothing(client, make, links_for, db):
    member = make.user(Role.MEMBER)
    member.is_enabled = False
    db.session.commit()
    followup, paths = links_for(member.person)
    refused = client.submit(paths["done"])
    assert refused.status_code == 403 and "desactivada" in refused.get_data(as_text=True)
    db.session.refresh(followup)
    assert followup.status == FollowUpStatus.OPEN


def test_a_members_click_is_recorded_as_theirs(app, client, make, links_for, db):
    member = make.user(Role.MEMBER, name="Marcela Guerrero", email="marcela@example.org")
    followup, paths = links_for(member.person)
    done = client.submit(paths["done"])
    assert done.status_code == 200
    db.session.refresh(followup)
    assert followup.status == FollowUpStatus.DONE
    event = _events(db, followup)[-1]
    assert event.action == "status" and event.actor_id == member.id
    assert event.comment == (
        "Desde el enlace del correo enviado a Marcela Guerrero (marcela@example.org)."
    )

    reader = app.test_client()
    reader.login(make.user(Role.VIEWER))
    history = reader.get(f"/seguimientos/{followup.id}").get_data(as_text=True)
    assert "Marcela Guerrero" in history


def test_a_focal_point_without_account_is_named_in_the_comment(client, make, links_for, db):
    focal = make.person(name="Punto focal de la OEA", email="focal@oea.example.org")
    followup, paths = links_for(focal)
    moved = client.submit(paths["postpone"])
    assert moved.status_code == 200
    event = _events(db, followup)[-1]
    assert event.action == "rescheduled" and event.actor_id is None
    assert "Punto focal de la OEA (focal@oea.example.org)" in event.comment
