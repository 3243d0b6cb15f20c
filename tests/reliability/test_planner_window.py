"""Planning a window equals planning everything (Hypothesis).

A run after a completed one plans only the notices whose slot falls in (last run, today], and
every notice of an item changed since (`plan_window`). Over any sequence of runs — daily, with
missed days, with items rescheduled, recorded late or closed between runs — the outbox keys it
plans add up to exactly those of planning everything every run and letting the unique key
discard what was already there.
"""

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from jobs.plan import FollowUpItem, ReportItem, plan, plan_window
from jobs.slots import Window
from tests.reliability.test_planner_properties import row_keys, worlds

SETTINGS = settings(max_examples=300, deadline=None)

runs = st.lists(
    st.tuples(
        st.integers(1, 20),  # days since the previous run (more than one: missed runs)
        st.lists(st.tuples(st.integers(0, 20), st.integers(-40, 40), st.booleans()), max_size=3),
    ),
    min_size=1,
    max_size=8,
)


def change(item, shift: int, close: bool):
    """The item rescheduled by `shift` days (or closed), as an edit between runs would."""
    if isinstance(item, FollowUpItem) and item.due_on is not None:
        return replace(item, due_on=item.due_on + timedelta(days=shift), is_open=not close)
    if isinstance(item, ReportItem):
        return replace(item, due_on=item.due_on + timedelta(days=shift), is_owed=not close)
    return replace(item, is_deleted=close)


@SETTINGS
@given(worlds(), runs, st.lists(st.none() | st.integers(-60, 60), max_size=8))
def test_windows_plan_what_planning_everything_adds_to_the_outbox(world, schedule, recorded):
    today, rules, items = world
    # Some follow-ups recorded on another day than their due date (late history, new items).
    items = [
        replace(item, created_on=today + timedelta(days=offset))
        if isinstance(item, FollowUpItem) and offset is not None
        else item
        for item, offset in zip(items, recorded + [None] * len(items), strict=False)
    ]
    everything = set(row_keys(plan(today, rules, items)))
    windowed = set(row_keys(plan_window(Window(today), rules, items)))
    assert windowed == everything
    previous = today
    for gap, edits in schedule:
        day = previous + timedelta(days=gap)
        items = [replace(item, is_changed=False) for item in items]
        for index, shift, close in edits:
            if items and index < len(items):
                items[index] = replace(change(items[index], shift, close), is_changed=True)
        everything |= set(row_keys(plan(day, rules, items)))
        windowed |= set(row_keys(plan_window(Window(day, previous), rules, items)))
        assert windowed == everything, day
        previous = day


@SETTINGS
@given(worlds(), st.integers(1, 30))
def test_a_window_plans_nothing_already_planned(world, gap):
    """What `plan_window` keeps is new: no key the last run on `after` planned."""
    today, rules, items = world
    later = today + timedelta(days=gap)
    before = set(row_keys(plan(today, rules, items)))
    new = row_keys(plan_window(Window(later, today), rules, items))
    assert before.isdisjoint(new)
    assert all(today < key[3] <= later for key in new)
