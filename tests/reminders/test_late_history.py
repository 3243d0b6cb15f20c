"""History that arrives already late: a commitment recorded after its due date gets one first
overdue notice, and its escalations count from the day it was recorded; a muted item is
tracked but never reminded. Pure planner tests, then the same through the database loader."""

from datetime import UTC, date, timedelta

from jobs import rules as R
from jobs.plan import Contact, FollowUpItem, load_items, plan
from jobs.rules import Rules
from jobs.run import plan_notices

RULES = Rules(unit_email="unidad@example.org")
DUE = date(2021, 4, 15)  # the activity was in 2021
RECORDED = date(2026, 11, 2)  # the report about it is written today
BOSS = Contact(email="jefa@example.org", name="Jefa", person_id=2)
OWNER = Contact(email="ana@example.org", name="Ana", person_id=1, supervisor=BOSS)


def late(**values) -> FollowUpItem:
    values = {
        "id": 1,
        "title": "Enviar la declaración",
        "due_on": DUE,
        "owner": OWNER,
        "created_on": RECORDED,
        **values,
    }
    return FollowUpItem(**values)


def rules_on(day: date, item: FollowUpItem) -> list[tuple[str, date, tuple[str, ...]]]:
    return [(n.rule, n.slot, tuple(c.email for c in n.cc)) for n in plan(day, RULES, [item])]


def test_the_day_it_is_recorded_one_first_overdue_notice_to_the_owner_only():
    assert rules_on(RECORDED, late()) == [(R.OVERDUE, RECORDED, ())]


def test_without_the_creation_date_the_same_item_would_escalate_to_the_unit_at_once():
    (notice,) = plan(RECORDED, RULES, [late(created_on=None)])
    assert notice.rule == R.OVERDUE_UNIT  # the storm this rule prevents


def test_escalations_count_from_the_creation_date():
    item = late()
    # Repeats weekly as any overdue item, the supervisor copied from the 7th day of lateness.
    assert rules_on(RECORDED + timedelta(days=5), item) == [(R.OVERDUE, RECORDED, ())]
    assert rules_on(RECORDED + timedelta(days=6), item) == [
        (R.OVERDUE_SUPERVISOR, RECORDED + timedelta(days=6), ("jefa@example.org",))
    ]
    unit_day = RECORDED + timedelta(days=29)
    assert rules_on(unit_day, item) == [
        (R.OVERDUE_UNIT, unit_day, ("jefa@example.org", "unidad@example.org"))
    ]


def test_one_first_notice_however_often_the_day_is_planned():
    notices = [n for _ in range(3) for n in plan(RECORDED, RULES, [late()])]
    assert {(n.rule, n.slot) for n in notices} == {(R.OVERDUE, RECORDED)}


def test_an_item_recorded_before_its_due_date_is_unchanged():
    item = late(due_on=date(2026, 11, 20), created_on=date(2026, 11, 1))
    overdue_day = date(2026, 11, 27)
    assert rules_on(overdue_day, item) == [
        (R.OVERDUE_SUPERVISOR, overdue_day, ("jefa@example.org",))
    ]


def test_a_muted_item_is_never_reminded():
    muted = late(is_muted=True)
    for offset in (0, 1, 6, 7, 30, 400):
        assert plan(RECORDED + timedelta(days=offset), RULES, [muted]) == []
    soon = late(is_muted=True, due_on=date(2026, 12, 1), created_on=date(2026, 11, 1))
    assert plan(date(2026, 11, 24), RULES, [soon]) == []


def test_loader_reads_muted_and_creation_day(app, make, db):
    owner = make.person(email="ana@example.org")
    late_item = make.followup(owner=owner, title="Tarde", due_on=DUE)
    muted = make.followup(owner=owner, title="Solo historia", due_on=DUE)
    muted.is_muted = True
    db.session.commit()
    created_day = late_item.created_at.astimezone(UTC).date()
    today = created_day + timedelta(days=1)
    items = load_items(today, Rules.from_config(app.config))
    by_id = {item.id: item for item in items}
    assert muted.id not in by_id
    # The institution's day (UTC−6) of an instant: the same day or the one before.
    assert by_id[late_item.id].created_on in (created_day, created_day - timedelta(days=1))

    notices = [n for n in plan_notices(today) if n.item_id in (late_item.id, muted.id)]
    assert [(n.item_id, n.rule) for n in notices] == [(late_item.id, R.OVERDUE)]
