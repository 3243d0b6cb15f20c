"""Bulk changes from the follow-up list: every selected item changed through its operation
(with its own history entry), the ones the user may not change refused one by one with the
reason, and a form that lacks what its action needs refused whole, writing nothing."""

from datetime import date, timedelta

import pytest

from tracker.clock import local_today
from tracker.models import FollowUp, FollowUpEvent
from tracker.models.enums import FollowUpStatus, Role


@pytest.fixture
def coordinator(make):
    return make.user(Role.COORDINATOR)


def logged_in(app, user):
    client = app.test_client()
    client.login(user)
    return client


def events(db, followup, action):
    return db.session.scalars(
        db.select(FollowUpEvent).filter_by(followup_id=followup.id, action=action)
    ).all()


def test_status_of_three_items_changes_with_each_history(app, db, make, coordinator):
    items = [make.followup() for _ in range(3)]
    client = logged_in(app, coordinator)
    response = client.submit(
        "/seguimientos/lote",
        {
            "bulk-ids": [str(f.id) for f in items],
            "bulk-action": "status",
            "bulk-status": "in_progress",
            "bulk-back": "/seguimientos/?status=all",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/seguimientos/?status=all"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 seguimientos cambiados." in page
    for followup in items:
        db.session.refresh(followup)
        assert followup.status == FollowUpStatus.IN_PROGRESS
        assert len(events(db, followup, "status")) == 1


def test_a_member_changes_hers_and_is_told_which_she_may_not(app, db, make):
    member = make.user(Role.MEMBER)
    mine = [make.followup(owner=member.person) for _ in range(2)]
    theirs = make.followup(title="Informe del otro")
    client = logged_in(app, member)
    due = local_today() + timedelta(days=40)
    response = client.submit(
        "/seguimientos/lote",
        {
            "bulk-ids": [str(f.id) for f in [*mine, theirs]],
            "bulk-action": "reschedule",
            "bulk-due_on": due.isoformat(),
            "bulk-reason": "Nueva agenda de la Secretaría",
        },
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 seguimientos cambiados." in page
    assert "No se cambió «Informe del otro»: no tiene permiso para cambiarlo." in page
    for followup in mine:
        db.session.refresh(followup)
        assert followup.due_on == due and followup.reschedule_count == 1
        (event,) = events(db, followup, "rescheduled")
        assert event.comment == "Nueva agenda de la Secretaría"
    db.session.refresh(theirs)
    assert theirs.reschedule_count == 0


def test_an_item_the_rules_refuse_is_left_as_it_was(app, db, make, coordinator):
    from tracker.operations.followups import change_status

    open_one = make.followup()
    done = make.followup(title="Ya cumplido")
    change_status(done, coordinator, FollowUpStatus.DONE, date(2026, 1, 5))
    db.session.commit()
    client = logged_in(app, coordinator)
    response = client.submit(
        "/seguimientos/lote",
        {
            "bulk-ids": [str(open_one.id), str(done.id)],
            "bulk-action": "reschedule",
            "bulk-due_on": "2027-05-01",
            "bulk-reason": "Prórroga",
        },
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 seguimiento cambiado." in page
    assert "No se cambió «Ya cumplido»: Solo se reprograma un seguimiento abierto.." not in page
    assert "No se cambió «Ya cumplido»: Solo se reprograma un seguimiento abierto" in page
    db.session.refresh(done)
    assert done.reschedule_count == 0 and done.status == FollowUpStatus.DONE


def test_owner_change_and_delete_go_through_history_and_trash(app, db, make, coordinator):
    focal = make.person(name="Laura Punto Focal")
    items = [make.followup() for _ in range(2)]
    client = logged_in(app, coordinator)
    ids = [str(f.id) for f in items]
    client.submit(
        "/seguimientos/lote", {"bulk-ids": ids, "bulk-action": "owner", "bulk-owner": str(focal.id)}
    )
    for followup in items:
        db.session.refresh(followup)
        assert followup.owner == focal
        assert events(db, followup, "updated")[0].changes["owner"][1] == "Laura Punto Focal"
    client.submit(
        "/seguimientos/lote",
        {"bulk-ids": ids, "bulk-action": "delete", "bulk-reason": "Duplicados"},
    )
    for followup in items:
        db.session.refresh(followup)
        assert followup.deleted_at is not None
    trash = client.get("/papelera/").get_data(as_text=True)
    assert all(f.title in trash for f in items)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"bulk-action": "status"}, "Elija el nuevo estado."),
        (
            {"bulk-action": "reschedule", "bulk-due_on": "2027-01-01"},
            "Indique el motivo del cambio de fecha.",
        ),
        ({"bulk-action": "reschedule", "bulk-reason": "x"}, "Indique la nueva fecha límite."),
        ({"bulk-action": "owner"}, "Elija a la persona responsable."),
        ({"bulk-action": "explode"}, "Acción: Opción inválida."),
        (
            {"bulk-action": "reschedule", "bulk-due_on": "9999-01-01", "bulk-reason": "x"},
            "La fecha debe estar",
        ),
    ],
)
def test_an_incomplete_change_is_refused_whole(app, db, make, coordinator, fields, message):
    items = [make.followup() for _ in range(2)]
    before = db.session.scalar(db.select(db.func.count()).select_from(FollowUpEvent))
    client = logged_in(app, coordinator)
    response = client.submit(
        "/seguimientos/lote", {"bulk-ids": [str(f.id) for f in items], **fields}
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(FollowUpEvent)) == before


def test_nothing_selected_or_unknown_rows_are_refused(app, db, make, coordinator):
    client = logged_in(app, coordinator)
    nothing = client.submit("/seguimientos/lote", {"bulk-action": "delete"})
    assert nothing.status_code == 400
    assert "Marque al menos un seguimiento." in nothing.get_data(as_text=True)
    gone = client.submit("/seguimientos/lote", {"bulk-ids": ["999999"], "bulk-action": "delete"})
    assert gone.status_code == 400 and "ya no existe" in gone.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(FollowUp)) == 0


def test_the_way_back_never_leaves_the_site(app, db, make, coordinator):
    followup = make.followup()
    client = logged_in(app, coordinator)
    response = client.submit(
        "/seguimientos/lote",
        {
            "bulk-ids": [str(followup.id)],
            "bulk-action": "status",
            "bulk-status": "blocked",
            "bulk-back": "//evil.example/",
        },
    )
    assert response.headers["Location"] == "/seguimientos/"
