"""Properties of the planner, over random rules, items and days (Hypothesis).

tests/reminders/test_plan.py checks chosen examples; these check, for any input:

- no two notices share a key: the outbox key (item, rule, slot, recipient) of every notice
  and of every copy is unique, and every one has an address;
- every overdue open item gets exactly one notice, of an overdue rule, for the latest slot
  (due < slot ≤ today, less than one repeat interval ago); run every day, each slot is
  planned from its own day on and, while it lasts, always with the same keys — so the
  outbox's unique key sends it once per slot;
- nothing for done, cancelled or deleted items (nor for reports no longer owed, nor for
  projects out of implementation);
- the answer does not depend on the order of the items.
"""

from collections import Counter
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from jobs import rules as R
from jobs.plan import Contact, FollowUpItem, ProjectItem, ReportItem, plan
from jobs.rules import Rules

SETTINGS = settings(max_examples=200, deadline=None)
UNIT = "unidad@example.org"
ADDRESSES = ["ana@example.org", "beto@example.org", "carla@example.org", UNIT, None]
KINDS = ["task", "commitment", "action", "result", "milestone"]

addresses = st.sampled_from(ADDRESSES)
names = st.sampled_from(["Ana", "Beto", "Carla", "Unidad"])
supervisors = st.builds(Contact, email=addresses, name=names, wants_due_soon=st.booleans())
contacts = st.one_of(
    st.none(),
    st.builds(
        Contact,
        email=addresses,
        name=names,
        language=st.sampled_from(["es", "en"]),
        wants_due_soon=st.booleans(),
        supervisor=st.none() | supervisors,
    ),
)
rules_strategy = st.builds(
    Rules,
    unit_email=st.just(UNIT),
    lead_days=st.lists(st.integers(0, 30), max_size=4, unique=True).map(tuple),
    overdue_repeat_days=st.integers(1, 14),
    escalate_supervisor_days=st.integers(0, 40),
    escalate_unit_days=st.integers(0, 60),
    report_lead_days=st.integers(0, 10),
    milestone_lead_days=st.integers(0, 14),
    project_overrun_repeat_days=st.integers(1, 14),
    project_update_interval_months=st.integers(1, 12),
    sheet_repeat_days=st.integers(1, 45),
)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
offsets = st.integers(-90, 90)


@st.composite
def worlds(draw):
    """(today, rules, items): follow-ups, reports and projects dated around today, with ids
    unique per item type."""
    today = draw(days)

    def around(offset: int | None) -> date | None:
        return None if offset is None else today + timedelta(days=offset)

    followups = draw(
        st.lists(
            st.tuples(
                st.none() | offsets,
                contacts,
                st.sampled_from(KINDS),
                st.booleans(),
                st.booleans(),
            ),
            max_size=8,
        )
    )
    reports = draw(st.lists(st.tuples(offsets, contacts, st.booleans(), st.booleans()), max_size=5))
    projects = draw(
        st.lists(
            st.tuples(
                contacts,
                st.none() | offsets,
                st.none() | st.integers(-500, 0),
                st.none() | st.integers(1, 12),
                st.booleans(),
                st.booleans(),
                st.none() | offsets,
            ),
            max_size=5,
        )
    )
    items = [
        FollowUpItem(
            id=n,
            title=f"Seguimiento {n}",
            due_on=around(due),
            owner=owner,
            kind=kind,
            is_open=is_open,
            is_deleted=is_deleted,
        )
        for n, (due, owner, kind, is_open, is_deleted) in enumerate(followups, 1)
    ]
    items += [
        ReportItem(
            id=n,
            title=f"Informe {n}",
            due_on=around(due),
            person=person,
            is_owed=is_owed,
            is_deleted=is_deleted,
        )
        for n, (due, person, is_owed, is_deleted) in enumerate(reports, 1)
    ]
    items += [
        ProjectItem(
            id=n,
            title=f"Proyecto {n}",
            lead=lead,
            planned_end_on=around(end),
            information_updated_on=around(updated),
            update_interval_months=interval,
            is_in_implementation=running,
            is_deleted=is_deleted,
            approved_end_on=around(extended),
        )
        for n, (lead, end, updated, interval, running, is_deleted, extended) in enumerate(
            projects, 1
        )
    ]
    return today, draw(rules_strategy), draw(st.permutations(items))


def row_keys(notices) -> list[tuple]:
    """The outbox keys the notices occupy: the recipient's row and one per copy."""
    return [
        (n.item_type, n.item_id, n.rule, n.slot, contact.email)
        for n in notices
        for contact in (n.recipient, *n.cc)
    ]


def of(notices, item) -> list:
    kind = {FollowUpItem: "followup", ReportItem: "report", ProjectItem: "project"}[type(item)]
    return [n for n in notices if (n.item_type, n.item_id) == (kind, item.id)]


def is_closed(item) -> bool:
    if isinstance(item, FollowUpItem):
        return not item.is_open or item.is_deleted
    if isinstance(item, ReportItem):
        return not item.is_owed or item.is_deleted
    return not item.is_in_implementation or item.is_deleted


@SETTINGS
@given(worlds())
def test_no_two_notices_share_a_key_and_every_one_has_an_address(world):
    today, rules, items = world
    notices = plan(today, rules, items)
    keys = row_keys(notices)
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    assert duplicates == []
    assert all(email for *_key, email in keys)
    for notice in notices:
        assert notice.slot <= today, "nothing is planned for a day still to come"


@SETTINGS
@given(worlds())
def test_every_overdue_open_item_gets_exactly_one_notice_for_its_latest_slot(world):
    today, rules, items = world
    notices = plan(today, rules, items)
    for item in items:
        if is_closed(item):
            continue
        mine = of(notices, item)
        if isinstance(item, FollowUpItem) and item.kind in ("result", "milestone"):
            assert [n.rule for n in mine if n.rule in R.OVERDUE_RULES] == []
            if item.kind == "result":
                assert mine == [], "an expected result is an outcome, never reminded"
        elif isinstance(item, FollowUpItem) and item.due_on and item.due_on < today:
            [notice] = mine
            assert notice.rule in R.OVERDUE_RULES
            assert item.due_on < notice.slot <= today
            assert (today - notice.slot).days < rules.overdue_repeat_days
        elif isinstance(item, ReportItem) and item.due_on < today:
            [notice] = mine
            assert notice.rule == R.REPORT_OVERDUE
            assert item.due_on < notice.slot <= today
            assert (today - notice.slot).days < rules.overdue_repeat_days
        elif isinstance(item, ProjectItem) and item.end_on and item.end_on < today:
            [notice] = [n for n in mine if n.rule == R.PROJECT_OVERRUN]
            assert item.end_on < notice.slot <= today
            assert (today - notice.slot).days < rules.project_overrun_repeat_days


@SETTINGS
@given(worlds(), st.integers(1, 40))
def test_run_daily_each_slot_is_planned_from_its_own_day_with_the_same_keys(world, span):
    """Over consecutive daily runs, an item's notice changes only when a new slot begins,
    and that slot is the day of the run (nothing skipped, nothing planned twice)."""
    today, rules, items = world
    previous: dict[tuple, tuple] = {}  # (item type, id, rule family) → (slot, rule, keys)
    for offset in range(span):
        day = today + timedelta(days=offset)
        notices = plan(day, rules, items)
        for notice in notices:
            family = notice.rule if notice.item_type == "project" else ""
            where = (notice.item_type, notice.item_id, family)
            current = (notice.slot, notice.rule, tuple(row_keys([notice])))
            before = previous.get(where)
            if offset and before is not None and before[:2] != current[:2]:
                assert notice.slot == day, (before, current)
                assert notice.slot > before[0]
            if before is not None and before[:2] == current[:2]:
                assert before[2] == current[2], "same slot, same outbox keys"
            previous[where] = current


@SETTINGS
@given(worlds())
def test_nothing_for_done_cancelled_or_deleted_items(world):
    today, rules, items = world
    notices = plan(today, rules, items)
    for item in items:
        if is_closed(item):
            assert of(notices, item) == [], item
    open_only = [item for item in items if not is_closed(item)]
    assert plan(today, rules, open_only) == notices


@SETTINGS
@given(worlds())
def test_the_plan_does_not_depend_on_the_order_of_the_items(world):
    today, rules, items = world
    assert plan(today, rules, items) == plan(today, rules, list(reversed(items)))
