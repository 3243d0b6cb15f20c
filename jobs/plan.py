"""Planning: which reminders are due today. `plan` is pure; jobs/load.py reads the database.

Slots. Every notice carries the day its rule fires for — its *slot* — and the outbox key is
(item, rule, slot, recipient), so a notice is sent once per slot however often planning runs:

- due soon: slot = due − lead for each lead day (14, 7, 1) and due today: slot = due. The
  latest slot not after today is the one that applies, so a run on due − 5 still sends the
  "7 days" notice if it was missed, but never the older "14 days" one too.
- overdue: slot = due + start + repeat·k for the latest k, where `start` is the first day of
  the escalation level: 1 (owner), 7 (supervisor copied), 30 (unit copied). Each level is its
  own rule, so an escalation fires on its first day, then weekly.
- reports: due − 3, then overdue like follow-ups (supervisor copied from the first day).
- projects: past their end (the approved extension's, else the plan's) while in
  implementation, weekly from the day after; a sheet older than its update interval, every
  `sheet_repeat_days` from the day it became stale.
- kinds: a milestone is reminded `milestone_lead_days` before and on its day, never as
  overdue; a project's expected result (an outcome) is never reminded.

A missed run therefore catches up with exactly one notice per item and recipient.

Windows. A run plans only what is new since the last completed run (`plan_window`, with the
candidates selected in SQL by jobs/slots.py and jobs/load.py): the notices whose slot falls in
(last run's day, today], and every notice of an item changed since that run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from jobs import rules as R
from jobs.rules import Rules
from jobs.slots import Window
from tracker.dates import add_months

FOLLOWUP, REPORT, PROJECT = "followup", "report", "project"
#: FollowUpKind values the rules treat apart (tracker.models.enums).
RESULT, MILESTONE = "result", "milestone"


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone a reminder can go to: a person (with or without an account) or the unit."""

    email: str | None
    name: str
    language: str = "es"
    person_id: int | None = None
    wants_due_soon: bool = True
    supervisor: Contact | None = None

    @property
    def reachable(self) -> bool:
        return bool(self.email)


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    id: int
    title: str
    due_on: date | None
    owner: Contact | None
    kind: str = "task"
    is_open: bool = True
    is_deleted: bool = False
    #: Tracked but never reminded (history recorded long after the fact).
    is_muted: bool = False
    #: The institution's day it was recorded; an item recorded after its due date is late
    #: from that day on, not from the due date (see _late_since).
    created_on: date | None = None
    #: Changed since the last completed run (jobs/slots.py): planned whatever its slot's day.
    is_changed: bool = False


@dataclass(frozen=True, slots=True)
class ReportItem:
    id: int
    title: str
    due_on: date
    person: Contact | None
    #: pending or returned: still owed. submitted/approved reports never remind.
    is_owed: bool = True
    is_deleted: bool = False
    is_changed: bool = False


@dataclass(frozen=True, slots=True)
class ProjectItem:
    id: int
    title: str
    lead: Contact | None
    planned_end_on: date | None = None
    information_updated_on: date | None = None
    update_interval_months: int | None = None
    is_in_implementation: bool = True
    is_deleted: bool = False
    #: The end as last approved (an extension's); the project is held to it when set.
    approved_end_on: date | None = None
    is_changed: bool = False

    @property
    def end_on(self) -> date | None:
        """Project.end_on: the approved extension's end, else the original plan's."""
        return self.approved_end_on or self.planned_end_on


Item = FollowUpItem | ReportItem | ProjectItem


@dataclass(frozen=True, slots=True)
class Notice:
    """One planned reminder: to one recipient, with copies to others."""

    item_type: str
    item_id: int
    rule: str
    slot: date
    recipient: Contact
    title: str
    due_date: date | None
    cc: tuple[Contact, ...] = field(default=())
    #: Whose item it is, for the copies ("a cargo de …").
    about: str | None = None

    @property
    def row_count(self) -> int:
        return 1 + len(self.cc)

    def as_json(self) -> dict[str, Any]:
        return {
            "recipient": self.recipient.email,
            "cc": [c.email for c in self.cc],
            "rule": self.rule,
            "item_type": self.item_type,
            "item_id": self.item_id,
            "title": self.title,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "slot": self.slot.isoformat(),
        }


def plan(today: date, rules: Rules, items: Iterable[Item]) -> list[Notice]:
    """Every reminder that applies on `today` — a pure function of its arguments."""
    notices = [notice for item in items for notice in _item_notices(today, rules, item)]
    return _sorted(notices)


def plan_window(window: Window, rules: Rules, items: Iterable[Item]) -> list[Notice]:
    """What `plan(window.today)` adds to what the last completed run planned.

    A notice whose slot is on or before the last run's day was planned by that run with the
    same key (same slot, same rule, same recipients) unless the item changed since: the
    latest slot not after today is then also the latest not after that day. So only notices
    whose slot falls in the window, and every notice of a changed item, are kept — the same
    outbox rows as planning everything and letting the unique key discard the rest.
    """
    notices = [
        notice
        for item in items
        for notice in _item_notices(window.today, rules, item)
        if item.is_changed or window.holds(notice.slot)
    ]
    return _sorted(notices)


def _item_notices(today: date, rules: Rules, item: Item) -> list[Notice]:
    if isinstance(item, FollowUpItem):
        return _followup(today, rules, item)
    if isinstance(item, ReportItem):
        return _report(today, rules, item)
    if isinstance(item, ProjectItem):
        return _project(today, rules, item)
    raise TypeError(f"not a plannable item: {item!r}")


def _sorted(notices: list[Notice]) -> list[Notice]:
    notices.sort(key=lambda n: (n.recipient.email or "", n.item_type, n.item_id, n.rule))
    return notices


# --- rules per item type -----------------------------------------------------------------


def _followup(today: date, rules: Rules, item: FollowUpItem) -> list[Notice]:
    """Tasks, commitments and actions: before, on and after their date. A milestone: before
    and on its date only (reached or not, it is no task to chase). A project's expected
    result: never (an outcome, assessed on the project, not a deadline)."""
    if not item.is_open or item.is_deleted or item.is_muted or item.due_on is None:
        return []
    if item.kind == RESULT:
        return []
    due = item.due_on
    is_milestone = item.kind == MILESTONE
    if today <= due:
        leads = (rules.milestone_lead_days,) if is_milestone else rules.lead_days
        slot = _latest_lead_slot(today, due, leads)
        if slot is None:
            return []
        soon = R.MILESTONE_SOON if is_milestone else R.DUE_SOON
        rule = R.DUE_TODAY if slot == due else soon
        return _notice(rules, FOLLOWUP, item.id, rule, slot, item.owner, item.title, due)
    if is_milestone:
        return []
    late_since = _late_since(item, today)
    start, rule = _escalation_level(rules, (today - late_since).days)
    slot = _repeating_slot(today, late_since + timedelta(days=start), rules.overdue_repeat_days)
    copies: list[Contact | None] = []
    supervisor = item.owner.supervisor if item.owner else None
    if rule in (R.OVERDUE_SUPERVISOR, R.OVERDUE_UNIT):
        copies.append(supervisor)
    if rule == R.OVERDUE_UNIT:
        copies.append(_unit(rules))
    return _notice(rules, FOLLOWUP, item.id, rule, slot, item.owner, item.title, due, copies)


def _report(today: date, rules: Rules, item: ReportItem) -> list[Notice]:
    if not item.is_owed or item.is_deleted:
        return []
    due = item.due_on
    if today <= due:
        slot = _latest_lead_slot(today, due, (rules.report_lead_days,), include_due_day=False)
        if slot is None:
            return []
        return _notice(
            rules, REPORT, item.id, R.REPORT_DUE_SOON, slot, item.person, item.title, due
        )
    slot = _repeating_slot(today, due + timedelta(days=1), rules.overdue_repeat_days)
    # "Con copia a la jefatura inmediata" from the first day late.
    supervisor = item.person.supervisor if item.person else None
    return _notice(
        rules, REPORT, item.id, R.REPORT_OVERDUE, slot, item.person, item.title, due, [supervisor]
    )


def _project(today: date, rules: Rules, item: ProjectItem) -> list[Notice]:
    if not item.is_in_implementation or item.is_deleted:
        return []
    notices: list[Notice] = []
    unit = _unit(rules)
    end = item.end_on
    if end is not None and today > end:
        slot = _repeating_slot(today, end + timedelta(days=1), rules.project_overrun_repeat_days)
        notices += _notice(
            rules, PROJECT, item.id, R.PROJECT_OVERRUN, slot, item.lead, item.title, end, [unit]
        )
    if item.information_updated_on is not None:
        interval = item.update_interval_months or rules.project_update_interval_months
        refresh_by = add_months(item.information_updated_on, interval)
        if today > refresh_by:
            slot = _repeating_slot(today, refresh_by + timedelta(days=1), rules.sheet_repeat_days)
            notices += _notice(
                rules,
                PROJECT,
                item.id,
                R.PROJECT_SHEET_STALE,
                slot,
                item.lead,
                item.title,
                refresh_by,
                [unit],
            )
    return notices


# --- slot arithmetic (calendar days: a DST change never shifts a date) ---------------------


def _late_since(item: FollowUpItem, today: date) -> date:
    """The day overdue notices count from: the due date, or — for an item recorded already late
    (a report written months after the activity, an imported history) — the day before it was
    recorded. Such an item gets one first overdue notice on the day it is recorded, and its
    escalations (supervisor, unit) come as many days after that as for any other item, instead
    of all at once for a deadline that passed before anyone could act on it. (A plan for a day
    before the item existed — a back-fill — counts from the due date as it always did.)"""
    due = item.due_on
    if item.created_on is not None and due < item.created_on <= today:
        return item.created_on - timedelta(days=1)
    return due


def _latest_lead_slot(
    today: date, due: date, leads: Iterable[int], include_due_day: bool = True
) -> date | None:
    """The latest of due − lead (and the due day itself) that is not after today."""
    offsets = {*leads, 0} if include_due_day else set(leads)
    slots = [due - timedelta(days=lead) for lead in offsets if due - timedelta(days=lead) <= today]
    return max(slots, default=None)


def _repeating_slot(today: date, first: date, every: int) -> date:
    """The latest of first, first + every, first + 2·every, … that is not after today."""
    return first + timedelta(days=every * ((today - first).days // every))


def _escalation_level(rules: Rules, days_overdue: int) -> tuple[int, str]:
    """(first day, rule) of the highest level reached after `days_overdue` days."""
    return [level for level in _levels(rules) if level[0] <= days_overdue][-1]


@lru_cache(maxsize=8)
def _levels(rules: Rules) -> tuple[tuple[int, str], ...]:
    return tuple(
        sorted(
            [
                (1, R.OVERDUE),
                (max(1, rules.escalate_supervisor_days), R.OVERDUE_SUPERVISOR),
                (max(1, rules.escalate_unit_days), R.OVERDUE_UNIT),
            ]
        )
    )


# --- recipients ------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _unit(rules: Rules) -> Contact:
    return Contact(
        email=rules.unit_email, name="Unidad de Cooperación", language=rules.unit_language
    )


def _notice(
    rules: Rules,
    item_type: str,
    item_id: int,
    rule: str,
    slot: date,
    owner: Contact | None,
    title: str,
    due_date: date | None,
    copies: Iterable[Contact | None] = (),
) -> list[Notice]:
    """The notice to the owner, with the copies that have an address and are someone else.

    An item whose owner has no address (or no owner at all) goes to the unit instead, so that
    nothing due is silently dropped.
    """
    if rule in R.DUE_SOON_RULES and owner is not None and not owner.wants_due_soon:
        return []
    recipient = owner if owner is not None and owner.reachable else _unit(rules)
    seen = {recipient.email}
    cc = []
    for copy in copies:
        if copy is not None and copy.reachable and copy.email not in seen:
            seen.add(copy.email)
            cc.append(copy)
    return [
        Notice(
            item_type=item_type,
            item_id=item_id,
            rule=rule,
            slot=slot,
            recipient=recipient,
            title=title,
            due_date=due_date,
            cc=tuple(cc),
            about=owner.name if owner is not None else None,
        )
    ]


# --- loading (jobs/load.py; here for the callers that always imported it from the planner) --


def load_items(today: date, rules: Rules, window: Window | None = None) -> list[Item]:
    """The open items that can remind on `today` (within `window` when given)."""
    return list(iter_items(today, rules, window))


def iter_items(today: date, rules: Rules, window: Window | None = None) -> Iterator[Item]:
    from jobs.load import iter_items as load

    return load(window or Window(today), rules)
