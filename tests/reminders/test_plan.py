"""The planner as a pure function: given today, the rules and the items, which notices.

No database, no clock: every date is given.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from jobs import rules as R
from jobs.plan import Contact, FollowUpItem, ProjectItem, ReportItem, plan
from jobs.rules import Rules

RULES = Rules(unit_email="unidad@example.org")
DUE = date(2025, 6, 16)
BOSS = Contact(email="jefa@example.org", name="Jefa", person_id=2)
OWNER = Contact(email="ana@example.org", name="Ana", person_id=1, supervisor=BOSS)


def followup(**values) -> FollowUpItem:
    values = {"id": 1, "title": "Enviar la nota", "due_on": DUE, "owner": OWNER, **values}
    return FollowUpItem(**values)


def on(offset: int, *items, rules: Rules = RULES, base: date = DUE):
    return plan(base + timedelta(days=offset), rules, items or [followup()])


def keys(notices) -> set[tuple]:
    """The outbox keys the notices would occupy (recipient and copies)."""
    return {
        (n.item_type, n.item_id, n.rule, n.slot, contact.email)
        for n in notices
        for contact in (n.recipient, *n.cc)
    }


@pytest.mark.parametrize(
    ("offset", "rule", "slot_offset", "copies"),
    [
        (-15, None, None, None),
        (-14, R.DUE_SOON, -14, []),
        (-13, R.DUE_SOON, -14, []),
        (-7, R.DUE_SOON, -7, []),
        (-5, R.DUE_SOON, -7, []),  # missed the 7-day run: still that one, not the 14 too
        (-1, R.DUE_SOON, -1, []),
        (0, R.DUE_TODAY, 0, []),
        (1, R.OVERDUE, 1, []),
        (6, R.OVERDUE, 1, []),
        (7, R.OVERDUE_SUPERVISOR, 7, ["jefa@example.org"]),
        (13, R.OVERDUE_SUPERVISOR, 7, ["jefa@example.org"]),
        (14, R.OVERDUE_SUPERVISOR, 14, ["jefa@example.org"]),
        (29, R.OVERDUE_SUPERVISOR, 28, ["jefa@example.org"]),
        (30, R.OVERDUE_UNIT, 30, ["jefa@example.org", "unidad@example.org"]),
        (36, R.OVERDUE_UNIT, 30, ["jefa@example.org", "unidad@example.org"]),
        (37, R.OVERDUE_UNIT, 37, ["jefa@example.org", "unidad@example.org"]),
    ],
)
def test_followup_rules_and_slots(offset, rule, slot_offset, copies):
    notices = on(offset)
    if rule is None:
        assert notices == []
        return
    [notice] = notices
    assert (notice.rule, notice.slot) == (rule, DUE + timedelta(days=slot_offset))
    assert notice.recipient.email == "ana@example.org"
    assert [c.email for c in notice.cc] == copies
    assert notice.due_date == DUE and notice.about == "Ana"


def test_daily_runs_send_each_slot_exactly_once():
    """Run every day from 20 days before to 40 after: the distinct keys are the schedule."""
    seen = set()
    for offset in range(-20, 41):
        seen |= keys(on(offset))
    owner_slots = sorted(
        (rule, (slot - DUE).days) for (_, _, rule, slot, email) in seen if email == OWNER.email
    )
    assert owner_slots == [
        (R.DUE_SOON, -14),
        (R.DUE_SOON, -7),
        (R.DUE_SOON, -1),
        (R.DUE_TODAY, 0),
        (R.OVERDUE, 1),
        (R.OVERDUE_SUPERVISOR, 7),
        (R.OVERDUE_SUPERVISOR, 14),
        (R.OVERDUE_SUPERVISOR, 21),
        (R.OVERDUE_SUPERVISOR, 28),
        (R.OVERDUE_UNIT, 30),
        (R.OVERDUE_UNIT, 37),
    ]


def test_three_missed_days_catch_up_with_one_notice_not_three():
    daily = set()
    for offset in range(-20, 0):
        daily |= keys(on(offset))
    with_gap = set()
    missed = []
    for offset in range(-20, 0):
        if offset in (-7, -6, -5):
            continue
        new = keys(on(offset)) - with_gap
        with_gap |= new
        if offset == -4:
            missed = new
    # The run after the gap sends the 7-day notice once; nothing else was lost or doubled.
    assert missed == {("followup", 1, R.DUE_SOON, DUE - timedelta(days=7), OWNER.email)}
    assert with_gap == daily


def test_a_long_outage_sends_the_latest_slot_only():
    """Back after two weeks: one "due tomorrow" notice, not the 14- and 7-day ones too."""
    before = keys(on(-20))
    after = keys(on(-1)) - before
    assert after == {("followup", 1, R.DUE_SOON, DUE - timedelta(days=1), OWNER.email)}


def test_done_cancelled_and_deleted_items_never_remind():
    for offset in (-7, 0, 1, 40):
        assert on(offset, followup(is_open=False)) == []
        assert on(offset, followup(is_deleted=True)) == []
        assert on(offset, followup(due_on=None)) == []


def test_opting_out_mutes_due_soon_and_due_today_but_not_overdue_or_escalations():
    quiet = Contact(email="q@example.org", name="Q", wants_due_soon=False, supervisor=BOSS)
    item = followup(owner=quiet)
    assert on(-7, item) == [] and on(-1, item) == [] and on(0, item) == []
    assert [n.rule for n in on(1, item)] == [R.OVERDUE]
    [escalated] = on(7, item)
    assert escalated.rule == R.OVERDUE_SUPERVISOR and escalated.cc == (BOSS,)


def test_milestones_remind_seven_days_before_and_on_the_day_but_are_never_overdue():
    milestone = followup(kind="milestone")
    assert on(-14, milestone) == [] and on(-8, milestone) == []
    assert [(n.rule, n.slot) for n in on(-7, milestone)] == [
        (R.MILESTONE_SOON, DUE - timedelta(days=7))
    ]
    assert [(n.rule, n.slot) for n in on(-1, milestone)] == [
        (R.MILESTONE_SOON, DUE - timedelta(days=7))
    ]
    assert [n.rule for n in on(0, milestone)] == [R.DUE_TODAY]
    assert [on(days, milestone) for days in (1, 7, 30, 365)] == [[], [], [], []]


def test_expected_results_are_outcomes_never_reminded():
    result = followup(kind="result")
    assert [on(days, result) for days in (-14, -7, -1, 0, 1, 7, 30)] == [[]] * 7
    assert [n.rule for n in on(1, followup(kind="commitment"))] == [R.OVERDUE]


def test_report_due_in_three_days_then_overdue_with_copy_to_the_supervisor():
    report = ReportItem(id=9, title="Foro Generación Igualdad", due_on=DUE, person=OWNER)
    assert on(-4, report) == [] and on(0, report)[0].slot == DUE - timedelta(days=3)
    [soon] = on(-3, report)
    assert (soon.item_type, soon.rule, soon.cc) == ("report", R.REPORT_DUE_SOON, ())
    [late] = on(1, report)
    assert (late.rule, late.slot) == (R.REPORT_OVERDUE, DUE + timedelta(days=1))
    assert [c.email for c in late.cc] == ["jefa@example.org"]
    assert on(9, report)[0].slot == DUE + timedelta(days=8)
    assert on(1, ReportItem(id=9, title="x", due_on=DUE, person=OWNER, is_owed=False)) == []


def test_project_past_its_planned_end_weekly_to_lead_and_unit():
    project = ProjectItem(id=3, title="MCIG", lead=OWNER, planned_end_on=DUE)
    assert on(0, project) == []
    [first] = on(1, project)
    assert (first.rule, first.slot, first.due_date) == (
        R.PROJECT_OVERRUN,
        DUE + timedelta(days=1),
        DUE,
    )
    assert first.recipient.email == OWNER.email
    assert [c.email for c in first.cc] == ["unidad@example.org"]
    assert on(7, project)[0].slot == DUE + timedelta(days=1)
    assert on(8, project)[0].slot == DUE + timedelta(days=8)
    closed = ProjectItem(
        id=3, title="MCIG", lead=OWNER, planned_end_on=DUE, is_in_implementation=False
    )
    assert on(30, closed) == []


def test_a_project_with_an_approved_extension_is_held_to_the_new_end():
    extended = ProjectItem(
        id=3,
        title="MCIG",
        lead=OWNER,
        planned_end_on=DUE,
        approved_end_on=DUE + timedelta(days=90),
    )
    assert [on(days, extended) for days in (1, 30, 90)] == [[], [], []]
    [late] = on(91, extended)
    assert (late.rule, late.slot, late.due_date) == (
        R.PROJECT_OVERRUN,
        DUE + timedelta(days=91),
        DUE + timedelta(days=90),
    )


def test_project_sheet_older_than_its_interval():
    updated = date(2025, 4, 10)
    project = ProjectItem(
        id=3, title="MCIG", lead=OWNER, information_updated_on=updated, update_interval_months=6
    )
    assert plan(date(2025, 10, 10), RULES, [project]) == []  # exactly six months: not older
    [stale] = plan(date(2025, 10, 11), RULES, [project])
    assert (stale.rule, stale.slot, stale.due_date) == (
        R.PROJECT_SHEET_STALE,
        date(2025, 10, 11),
        date(2025, 10, 10),
    )
    assert plan(date(2025, 11, 9), RULES, [project])[0].slot == date(2025, 10, 11)
    assert plan(date(2025, 11, 10), RULES, [project])[0].slot == date(2025, 11, 10)
    quarterly = ProjectItem(
        id=3, title="MCIG", lead=OWNER, information_updated_on=updated, update_interval_months=3
    )
    assert plan(date(2025, 7, 11), RULES, [quarterly])[0].rule == R.PROJECT_SHEET_STALE


def test_owner_without_address_or_without_owner_goes_to_the_unit():
    nobody = Contact(email=None, name="Sin correo")
    for item in (followup(owner=nobody), followup(owner=None)):
        [notice] = on(1, item)
        assert notice.recipient.email == "unidad@example.org" and notice.cc == ()
    [late] = on(30, followup(owner=nobody))
    assert late.recipient.email == "unidad@example.org" and late.cc == ()


def test_copies_are_not_duplicated():
    unit_boss = Contact(email="unidad@example.org", name="Unidad")
    owner = Contact(email="ana@example.org", name="Ana", supervisor=unit_boss)
    [notice] = on(30, followup(owner=owner))
    assert [c.email for c in notice.cc] == ["unidad@example.org"]
    self_supervised = Contact(email="ana@example.org", name="Ana", supervisor=OWNER)
    [notice] = on(7, followup(owner=self_supervised))
    assert notice.cc == ()


def test_rules_come_from_the_config_and_can_be_changed():
    rules = Rules(unit_email="u@example.org", lead_days=(3,), escalate_supervisor_days=2)
    assert [n.slot for n in on(-2, rules=rules)] == [DUE - timedelta(days=3)]
    assert on(-5, rules=rules) == []
    [escalated] = on(2, rules=rules)
    assert escalated.rule == R.OVERDUE_SUPERVISOR and escalated.slot == DUE + timedelta(days=2)
    with pytest.raises(ValueError):
        Rules(overdue_repeat_days=0)


@pytest.mark.parametrize(
    ("zone", "instant", "due", "rule", "local_day"),
    [
        # Madrid springs forward on 2025-03-30: 22:30 UTC is already 00:30 on the 31st (CEST).
        (
            "Europe/Madrid",
            datetime(2025, 3, 30, 22, 30, tzinfo=UTC),
            date(2025, 3, 31),
            R.DUE_TODAY,
            date(2025, 3, 31),
        ),
        # …and 23:30 UTC on the 29th is 00:30 on the 30th (still CET): one day before.
        (
            "Europe/Madrid",
            datetime(2025, 3, 29, 23, 30, tzinfo=UTC),
            date(2025, 3, 31),
            R.DUE_SOON,
            date(2025, 3, 30),
        ),
        # Santiago falls back on 2025-04-06 at 00:00 (-03 → -04): 03:30 UTC is 23:30 on the 5th.
        (
            "America/Santiago",
            datetime(2025, 4, 6, 3, 30, tzinfo=UTC),
            date(2025, 4, 6),
            R.DUE_SOON,
            date(2025, 4, 5),
        ),
        (
            "America/Santiago",
            datetime(2025, 4, 6, 4, 30, tzinfo=UTC),
            date(2025, 4, 6),
            R.DUE_TODAY,
            date(2025, 4, 6),
        ),
    ],
)
def test_today_is_the_local_date_across_a_daylight_saving_change(
    zone, instant, due, rule, local_day
):
    rules = Rules(timezone=zone, unit_email="u@example.org")
    today = rules.today(instant)
    assert today == local_day
    [notice] = plan(today, rules, [followup(due_on=due)])
    assert notice.rule == rule


def test_lead_days_count_calendar_days_across_the_change():
    """Due the Monday after the spring change: "7 days before" is the previous Monday."""
    rules = Rules(timezone="Europe/Madrid", unit_email="u@example.org")
    due = date(2025, 3, 31)
    monday_before = rules.today(datetime(2025, 3, 24, 6, tzinfo=UTC))
    [notice] = plan(monday_before, rules, [followup(due_on=due)])
    assert notice.slot == date(2025, 3, 24) and notice.rule == R.DUE_SOON
    with pytest.raises(ValueError):
        rules.today(datetime(2025, 3, 24, 6))


def test_json_shape():
    [notice] = on(30)
    assert notice.as_json() == {
        "recipient": "ana@example.org",
        "cc": ["jefa@example.org", "unidad@example.org"],
        "rule": "overdue_unit",
        "item_type": "followup",
        "item_id": 1,
        "title": "Enviar la nota",
        "due_date": "2025-06-16",
        "slot": "2025-07-16",
    }


def test_plan_refuses_unknown_items():
    with pytest.raises(TypeError):
        plan(DUE, RULES, [object()])
