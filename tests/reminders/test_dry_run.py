"""`tracker reminders run --dry-run` says who would get what, and writes nothing."""

from datetime import date

from jobs.enqueue import enqueue
from jobs.run import plan_notices
from tests.reminders.helpers import at, rows
from tracker.models import NotificationStatus

TODAY = date(2026, 6, 10)


def _unit_of_three(make):
    boss = make.person(name="Jefa Solís", email="jefa@example.org")
    ana = make.person(name="Ana Pérez", email="ana@example.org", supervisor_id=boss.id)
    bob = make.person(name="Bob Smith", email="bob@example.org", language="en")
    make.followup(owner=ana, title="Vencido hace diez días", due_on=date(2026, 5, 31))
    make.followup(owner=ana, title="Vence en una semana", due_on=date(2026, 6, 17))
    make.followup(owner=bob, title="Due tomorrow", due_on=date(2026, 6, 11))
    make.followup(owner=bob, title="Far away", due_on=date(2026, 9, 1))


def _dry_run(runner):
    result = runner.invoke(args=["reminders", "run", "--today", TODAY.isoformat(), "--dry-run"])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()


def test_one_line_per_recipient_then_the_totals(make, runner, db):
    _unit_of_three(make)
    lines = _dry_run(runner)
    assert lines == [
        "Ana Pérez <ana@example.org> (es): "
        "vencidos=1 por vencer=1 informes=0 proyectos=0 novedades=0",
        "Bob Smith <bob@example.org> (en): "
        "vencidos=0 por vencer=1 informes=0 proyectos=0 novedades=0",
        # The supervisor's copy of Ana's overdue item (ten days late: escalated).
        "Jefa Solís <jefa@example.org> (es): "
        "vencidos=1 por vencer=0 informes=0 proyectos=0 novedades=0",
        "planned=4 enqueued=0 sent=0 failed=0",
    ]
    assert rows() == []


def test_what_is_already_sent_is_not_announced_again_and_the_outbox_is_untouched(make, runner, db):
    _unit_of_three(make)
    enqueue(plan_notices(TODAY), at(TODAY))
    db.session.commit()
    for row in rows():
        row.status = NotificationStatus.SENT
    db.session.commit()
    before = [(r.id, r.status, r.attempts, r.next_attempt_at) for r in rows()]

    assert _dry_run(runner) == ["planned=4 enqueued=0 sent=0 failed=0"]
    db.session.expire_all()
    assert [(r.id, r.status, r.attempts, r.next_attempt_at) for r in rows()] == before


def test_pending_rows_waiting_in_the_outbox_are_counted_with_the_new_ones(make, runner, db):
    _unit_of_three(make)
    enqueue(plan_notices(TODAY), at(TODAY))
    db.session.commit()
    bob_rows = rows(recipient_email="bob@example.org")
    assert len(bob_rows) == 1
    for row in rows():
        if row.recipient_email != "bob@example.org":
            row.status = NotificationStatus.SENT
    db.session.commit()

    # Bob's row waits (mail was down, say): the next run would send it, the others are done.
    assert _dry_run(runner) == [
        "Bob Smith <bob@example.org> (en): "
        "vencidos=0 por vencer=1 informes=0 proyectos=0 novedades=0",
        "planned=4 enqueued=0 sent=0 failed=0",
    ]
    assert len(rows()) == 4
