"""Follow-up operations: transitions, rescheduling and the history they leave."""

from datetime import date

import pytest

from tracker.models.enums import FollowUpStatus as S
from tracker.operations import followups as ops
from tracker.operations.errors import OperationError

TODAY = date(2026, 11, 21)


def test_create_keeps_first_due_date_as_original_and_records_creation(make, db):
    followup = make.followup(due_on=date(2026, 12, 1))
    assert followup.original_due_on == date(2026, 12, 1)
    assert followup.status == S.OPEN
    assert [e.action for e in followup.events] == ["created"]
    assert followup.events[0].changes["due_on"] == [None, "2026-12-01"]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.OPEN, S.IN_PROGRESS),
        (S.OPEN, S.BLOCKED),
        (S.IN_PROGRESS, S.DONE),
        (S.BLOCKED, S.OPEN),
        (S.DONE, S.OPEN),
        (S.CANCELLED, S.OPEN),
    ],
)
def test_allowed_transitions(make, db, start, target):
    followup = make.followup()
    followup.status = start
    ops.change_status(followup, None, target, TODAY)
    assert followup.status == target


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.DONE, S.IN_PROGRESS),
        (S.DONE, S.CANCELLED),
        (S.CANCELLED, S.DONE),
        (S.OPEN, S.OPEN),
    ],
)
def test_refused_transitions_change_nothing(make, db, start, target):
    followup = make.followup()
    followup.status = start
    db.session.commit()
    with pytest.raises(OperationError) as refused:
        ops.change_status(followup, None, target, TODAY)
    assert "No se puede pasar" in refused.value.message
    assert followup.status == start
    assert [e.action for e in followup.events] == ["created"]


def test_done_sets_completion_date_and_reopening_clears_it(make, db):
    followup = make.followup()
    ops.change_status(followup, None, S.DONE, TODAY, "entregado")
    assert followup.completed_on == TODAY
    ops.change_status(followup, None, S.OPEN, date(2026, 11, 25))
    assert followup.completed_on is None
    status_events = [e for e in followup.events if e.action == "status"]
    assert status_events[0].changes == {
        "status": ["open", "done"],
        "completed_on": [None, "2026-11-21"],
    }
    assert status_events[0].comment == "entregado"
    assert status_events[1].changes["completed_on"] == ["2026-11-21", None]


def test_reschedule_keeps_original_counts_moves_and_needs_reason(make, db):
    followup = make.followup(due_on=date(2026, 12, 1))
    with pytest.raises(OperationError) as missing_reason:
        ops.reschedule(followup, None, date(2026, 12, 15), "  ")
    assert missing_reason.value.field == "reason"
    ops.reschedule(followup, None, date(2026, 12, 15), "La contraparte pidió más tiempo")
    ops.reschedule(followup, None, date(2027, 1, 10), "Vacaciones")
    assert followup.due_on == date(2027, 1, 10)
    assert followup.original_due_on == date(2026, 12, 1)
    assert followup.reschedule_count == 2
    moves = [e for e in followup.events if e.action == "rescheduled"]
    assert moves[0].changes == {"due_on": ["2026-12-01", "2026-12-15"]}
    assert moves[0].comment == "La contraparte pidió más tiempo"


def test_reschedule_before_start_is_refused(make, db):
    followup = make.followup(start_on=date(2026, 12, 1), due_on=date(2026, 12, 20))
    with pytest.raises(OperationError) as refused:
        ops.reschedule(followup, None, date(2026, 11, 1), "error")
    assert refused.value.field == "due_on"
    assert followup.due_on == date(2026, 12, 20)


def test_reschedule_confirms_an_estimated_date(make, db):
    followup = make.followup(due_on=date(2026, 12, 1))
    followup.is_due_estimated = True
    ops.reschedule(followup, None, date(2026, 12, 2), "Fecha acordada")
    assert followup.is_due_estimated is False


def test_update_records_only_what_changed(make, db):
    owner = make.person(name="Ana")
    other = make.person(name="Beatriz")
    followup = make.followup(owner=owner, title="Enviar nota")
    changes = ops.update_followup(followup, None, title="Enviar nota verbal", owner=other)
    assert changes == {"title": ["Enviar nota", "Enviar nota verbal"], "owner": ["Ana", "Beatriz"]}
    assert ops.update_followup(followup, None, title="Enviar nota verbal") == {}
    assert [e.action for e in followup.events] == ["created", "updated"]


def test_comment_and_soft_delete_and_restore_stay_in_history(make, db):
    followup = make.followup()
    ops.add_comment(followup, None, "Llamé a la embajada")
    ops.delete_followup(followup, None, "duplicado")
    assert followup.deleted_at is not None
    ops.restore_followup(followup, None)
    assert followup.deleted_at is None
    assert [e.action for e in followup.events] == ["created", "comment", "deleted", "restored"]
    with pytest.raises(OperationError):
        ops.add_comment(followup, None, "")
