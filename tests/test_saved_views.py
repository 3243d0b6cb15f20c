"""Saved views: a user names the follow-up list's filters, finds them again (pinned in the
menu), shares the URL, updates and deletes them; nobody else sees or changes them."""

import pytest

from tracker.models import SavedView
from tracker.models.enums import Role


@pytest.fixture
def member(make):
    return make.user(Role.MEMBER, name="Marcela")


@pytest.fixture
def client_of(app):
    def client_of(user):
        client = app.test_client()
        client.login(user)
        return client

    return client_of


def views(db, user):
    return db.session.scalars(db.select(SavedView).filter_by(user_id=user.id)).all()


def test_save_opens_the_list_with_the_same_filters(client_of, member, db, make):
    make.followup(title="Vencido de Marcela", owner=member.person)
    client = client_of(member)
    saved = client.submit(
        "/seguimientos/vistas/",
        {"name": "  Mis  vencidos ", "query": "status=pending&overdue=y&page=3&sort=-due&q="},
    )
    assert saved.status_code == 302
    assert saved.headers["Location"] == "/seguimientos/?status=pending&overdue=y&sort=-due"
    (view,) = views(db, member)
    assert view.name == "Mis vencidos" and view.is_pinned
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Vista «Mis vencidos» guardada." in page


def test_the_same_name_updates_the_view(client_of, member, db):
    client = client_of(member)
    client.submit("/seguimientos/vistas/", {"name": "Mías", "query": "status=all"})
    again = client.submit("/seguimientos/vistas/", {"name": "Mías", "query": "status=done"})
    (view,) = views(db, member)
    assert view.query == "status=done"
    assert "actualizada" in client.get(again.headers["Location"]).get_data(as_text=True)


def test_views_are_listed_pinned_and_deleted_after_asking(client_of, member, db):
    client = client_of(member)
    client.submit("/seguimientos/vistas/", {"name": "Del MCIG", "query": "project=1"})
    (view,) = views(db, member)
    listing = client.get("/seguimientos/vistas/").get_data(as_text=True)
    assert 'href="/seguimientos/?project=1"' in listing and "en el menú" in listing

    client.submit(f"/seguimientos/vistas/{view.id}/fijar", {})
    db.session.refresh(view)
    assert not view.is_pinned
    assert "Mostrar en el menú" in client.get("/seguimientos/vistas/").get_data(as_text=True)

    asked = client.get(f"/seguimientos/vistas/{view.id}/eliminar").get_data(as_text=True)
    assert "¿Eliminar la vista «Del MCIG»?" in asked
    assert views(db, member)  # asking changes nothing
    done = client.submit(f"/seguimientos/vistas/{view.id}/eliminar", {})
    assert done.status_code == 302 and views(db, member) == []


def test_someone_elses_view_is_not_found(client_of, member, make, db):
    client_of(member).submit("/seguimientos/vistas/", {"name": "Privada", "query": "status=all"})
    (view,) = views(db, member)
    other = client_of(make.user(Role.COORDINATOR))
    assert other.get(f"/seguimientos/vistas/{view.id}/eliminar").status_code == 404
    assert other.submit(f"/seguimientos/vistas/{view.id}/fijar", {}).status_code == 404
    assert "Privada" not in other.get("/seguimientos/vistas/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Nombre de la vista"), ("x" * 81, "Nombre de la vista"), ("   ", "Nombre de la vista")],
)
def test_a_view_without_a_proper_name_is_refused(client_of, member, db, name, message):
    response = client_of(member).submit("/seguimientos/vistas/", {"name": name, "query": "a=b"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert views(db, member) == []
