"""Following a follow-up from its page: "Seguir" / "Dejar de seguir" (POST with CSRF), the
list of who follows it, and what following brings (a notice when it is commented or changes)."""

import re

import pytest
from sqlalchemy import select

from tracker.clock import local_today
from tracker.models import FollowUpWatcher, UserNotice
from tracker.models.enums import FollowUpStatus, Role
from tracker.operations import followups as ops


@pytest.fixture
def coordinator(make):
    return make.user(Role.COORDINATOR, name="Carla Coordinadora")


def logged_in(app, user):
    client = app.test_client()
    client.login(user)
    return client


def watchers_section(client, followup) -> str:
    page = client.get(f"/seguimientos/{followup.id}").get_data(as_text=True)
    return re.search(r'<section class="watchers".*?</section>', page, re.S).group(0)


def test_follow_and_unfollow_from_the_page(app, db, make, coordinator):
    viewer = make.user(Role.VIEWER, name="Víctor Lector")
    followup = make.followup(owner=make.person(), title="Acta de la reunión")
    client = logged_in(app, viewer)
    section = watchers_section(client, followup)
    assert "Nadie sigue este seguimiento todavía." in section
    assert "Comentar o recibirlo asignado le hace seguirlo." in section
    assert ">Seguir</button>" in section

    response = client.submit(f"/seguimientos/{followup.id}/seguir")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/seguimientos/{followup.id}"
    section = watchers_section(client, followup)
    assert "Víctor Lector" in section
    assert ">Dejar de seguir</button>" in section
    client.submit(f"/seguimientos/{followup.id}/seguir")  # twice: still one row
    assert len(db.session.scalars(select(FollowUpWatcher)).all()) == 1

    # Following brings the follow-up's changes to the bell.
    ops.change_status(followup, coordinator, FollowUpStatus.IN_PROGRESS, local_today())
    db.session.commit()
    page = client.get("/novedades/").get_data(as_text=True)
    assert "Carla Coordinadora cambió «Acta de la reunión»: estado: Abierto → En curso" in page

    client.submit(f"/seguimientos/{followup.id}/dejar-de-seguir")
    assert db.session.scalars(select(FollowUpWatcher)).all() == []
    assert ">Seguir</button>" in watchers_section(client, followup)
    ops.change_status(followup, coordinator, FollowUpStatus.DONE, local_today())
    db.session.commit()
    assert len(db.session.scalars(select(UserNotice).filter_by(user_id=viewer.id)).all()) == 1


def test_following_needs_the_forms_token(app, db, make):
    member = make.user(Role.MEMBER)
    followup = make.followup()
    client = logged_in(app, member)
    response = client.post(f"/seguimientos/{followup.id}/seguir", data={})
    assert response.status_code == 400
    assert db.session.scalars(select(FollowUpWatcher)).all() == []


def test_a_missing_or_deleted_follow_up_cannot_be_followed(app, db, make):
    member = make.user(Role.MEMBER)
    followup = make.followup()
    ops.delete_followup(followup, None)
    db.session.commit()
    client = logged_in(app, member)
    assert client.submit(f"/seguimientos/{followup.id}/seguir").status_code == 404
    assert client.submit("/seguimientos/999999/seguir").status_code == 404
    assert db.session.scalars(select(FollowUpWatcher)).all() == []


def test_commenting_and_being_assigned_list_you_as_a_follower(app, db, make, coordinator):
    berta = make.user(Role.MEMBER, name="Berta Núñez")
    followup = make.followup(owner=berta.person, actor=coordinator, title="Convenio marco")
    client = logged_in(app, coordinator)
    client.submit(f"/seguimientos/{followup.id}/comentar", {"text": "Revisado."})
    section = watchers_section(client, followup)
    assert "Berta Núñez, Carla Coordinadora" in section
    assert ">Dejar de seguir</button>" in section


def test_the_comment_box_says_how_to_mention(app, db, make, coordinator):
    followup = make.followup()
    page = logged_in(app, coordinator).get(f"/seguimientos/{followup.id}").get_data(as_text=True)
    assert "escriba @ y la primera parte de su correo (@mperez)" in page


def test_a_disabled_follower_is_not_listed_nor_told(app, db, make, coordinator):
    gone = make.user(Role.MEMBER, name="Gonzalo Ido")
    followup = make.followup(title="Plan anual")
    db.session.add(FollowUpWatcher(followup_id=followup.id, user_id=gone.id))
    gone.is_enabled = False
    db.session.commit()
    assert "Gonzalo Ido" not in watchers_section(logged_in(app, coordinator), followup)
    ops.add_comment(followup, coordinator, "¿Alguien?")
    db.session.commit()
    assert db.session.scalars(select(UserNotice).filter_by(user_id=gone.id)).all() == []
