"""Planning: which reminders are due today. `plan` is pure; `load_items` reads the database.

Slots. Every notice carries the day its rule fires for — its *slot* — and the outbox key is
(item, rule, slot, recipient), so a notice is sent once per slot however often planning runs:

- due soon: slot = due − lead for each lead day (14, 7, 1) and due today: slot = due. The
  latest slot not after today is the one that applies, so a run on due − 5 still sends the
  "7 days" notice if it was missed, but never the older "14 days" one too.
- overdue: slot = due + start + repeat·k for the latest k, where `start` is the first day of
  the escalation level: 1 (owner), 7 (supervisor copied), 30 (unit copied). Each level is its
  own rule, so an escalation fires on its first day, then weekly.
- reports: due − 3, then overdue like follow-ups (supervisor copied from the first day).
- projects: past the planned end while in implementation, weekly from the day after; a sheet
  older than its update interval, every `sheet_repeat_days` from the day it became stale.

A missed run therefore catches up with exactly one notice per item and recipient.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from jobs import rules as R
from jobs.rules import Rules
from tracker.dates import add_months

FOLLOWUP, REPORT, PROJECT = "followup", "report", "project"


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


@dataclass(frozen=True, slots=True)
class ReportItem:
    id: int
    title: str
    due_on: date
    person: Contact | None
    #: pending or returned: still owed. submitted/approved reports never remind.
    is_owed: bool = True
    is_deleted: bool = False


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
    notices: list[Notice] = []
    for item in items:
        if isinstance(item, FollowUpItem):
            notices.extend(_followup(today, rules, item))
        elif isinstance(item, ReportItem):
            notices.extend(_report(today, rules, item))
        elif isinstance(item, ProjectItem):
            notices.extend(_project(today, rules, item))
        else:
            raise TypeError(f"not a plannable item: {item!r}")
    notices.sort(key=lambda n: (n.recipient.email or "", n.item_type, n.item_id, n.rule))
    return notices


# --- rules per item type -----------------------------------------------------------------


def _followup(today: date, rules: Rules, item: FollowUpItem) -> list[Notice]:
    if not item.is_open or item.is_deleted or item.is_muted or item.due_on is None:
        return []
    due = item.due_on
    if today <= due:
        is_milestone = item.kind == "milestone"
        leads = (rules.milestone_lead_days,) if is_milestone else rules.lead_days
        slot = _latest_lead_slot(today, due, leads)
        if slot is None:
            return []
        soon = R.MILESTONE_SOON if is_milestone else R.DUE_SOON
        rule = R.DUE_TODAY if slot == due else soon
        return _notice(rules, FOLLOWUP, item.id, rule, slot, item.owner, item.title, due)
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
    end = item.planned_end_on
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


# --- loading (the only part that touches the database) ---------------------------------------

#: Rows fetched from the database at a time while loading (bounds the driver's buffers).
LOAD_BATCH = 5000


def load_items(today: date, rules: Rules) -> list[Item]:
    """The open items that can remind on `today`, in three queries whatever their number."""
    return list(iter_items(today, rules))


def iter_items(today: date, rules: Rules) -> Iterator[Item]:
    """`load_items`, one item at a time (planning needs them only once).

    Plain column selects (no ORM objects): one row per item with its person and that person's
    supervisor joined in, and one Contact per person however many items they have.
    """
    from sqlalchemy import or_, select
    from sqlalchemy.orm import aliased

    from tracker.extensions import db
    from tracker.models import Activity, FollowUp, ParticipationReport, Person, Project
    from tracker.models.enums import OPEN_STATUSES, ProjectStatus, ReportStatus
    from tracker.models.followup import open_clause

    person, boss = aliased(Person, name="person"), aliased(Person, name="boss")
    people = (
        *(getattr(person, c) for c in _PERSON_COLUMNS),
        *(getattr(boss, c) for c in _PERSON_COLUMNS),
    )
    contacts = _Contacts()

    def rows(statement):
        return db.session.execute(statement.execution_options(yield_per=LOAD_BATCH))

    def with_people(statement, person_id):
        return statement.outerjoin(person, person.id == person_id).outerjoin(
            boss, boss.id == person.supervisor_id
        )

    followups = with_people(
        select(
            FollowUp.id,
            FollowUp.title,
            FollowUp.due_on,
            FollowUp.kind,
            FollowUp.status,
            FollowUp.deleted_at,
            FollowUp.created_at,
            *people,
        ),
        FollowUp.owner_id,
    )
    # open_clause writes the statuses as literals, so SQLite can use the partial index on open
    # items (the dashboard's) instead of reading every follow-up.
    followups = followups.where(
        open_clause(),
        FollowUp.due_on <= today + timedelta(days=rules.max_lead_days),
        FollowUp.is_muted.is_(False),
    ).order_by(FollowUp.id)
    zone = ZoneInfo(rules.timezone)
    for row in rows(followups):
        yield FollowUpItem(
            id=row[0],
            title=row[1],
            due_on=row[2],
            owner=contacts.get(row, 7),
            kind=row[3].value,
            is_open=row[4] in OPEN_STATUSES,
            is_deleted=row[5] is not None,
            created_on=row[6].astimezone(zone).date() if row[6] is not None else None,
        )

    owed = (ReportStatus.PENDING, ReportStatus.RETURNED)
    reports = with_people(
        select(
            ParticipationReport.id,
            Activity.name,
            ParticipationReport.due_on,
            ParticipationReport.status,
            ParticipationReport.deleted_at,
            Activity.deleted_at,
            *people,
        ).join(Activity, Activity.id == ParticipationReport.activity_id),
        ParticipationReport.person_id,
    )
    reports = reports.where(
        ParticipationReport.deleted_at.is_(None),
        ParticipationReport.status.in_(owed),
        ParticipationReport.due_on <= today + timedelta(days=rules.report_lead_days),
    ).order_by(ParticipationReport.id)
    for row in rows(reports):
        yield ReportItem(
            id=row[0],
            title=row[1],
            due_on=row[2],
            person=contacts.get(row, 6),
            is_owed=row[3] in owed,
            is_deleted=row[4] is not None or row[5] is not None,
        )

    # A sheet's interval is at least one month (the form's minimum), so older than a month
    # bounds the candidates; the exact interval is the planner's business.
    projects = with_people(
        select(
            Project.id,
            Project.name,
            Project.planned_end_on,
            Project.information_updated_on,
            Project.update_interval_months,
            Project.status,
            *people,
        ),
        Project.lead_id,
    )
    projects = projects.where(
        Project.deleted_at.is_(None),
        Project.status == ProjectStatus.IMPLEMENTATION,
        or_(
            Project.planned_end_on < today,
            Project.information_updated_on < add_months(today, -1),
        ),
    ).order_by(Project.id)
    for row in rows(projects):
        yield ProjectItem(
            id=row[0],
            title=row[1],
            lead=contacts.get(row, 6),
            planned_end_on=row[2],
            information_updated_on=row[3],
            update_interval_months=row[4],
            is_in_implementation=row[5] == ProjectStatus.IMPLEMENTATION,
        )


#: The person columns `load_items` selects, for the person and again for their supervisor.
_PERSON_COLUMNS = ("id", "email", "name", "language", "wants_due_soon", "deleted_at")


class _Contacts:
    """One Contact per person id, built from the person's (and supervisor's) selected columns."""

    def __init__(self) -> None:
        self._by_id: dict[int, Contact] = {}

    def get(self, row, at: int) -> Contact | None:
        person_id = row[at]
        if person_id is None:
            return None
        found = self._by_id.get(person_id)
        if found is None:
            width = len(_PERSON_COLUMNS)
            boss = row[at + width : at + 2 * width]
            supervisor = _contact_of(*boss, None) if boss[0] is not None else None
            found = self._by_id[person_id] = _contact_of(*row[at : at + width], supervisor)
        return found


def _contact_of(
    person_id: int,
    email: str | None,
    name: str,
    language: str | None,
    wants_due_soon: bool,
    deleted_at: object,
    supervisor: Contact | None,
) -> Contact:
    """What `contact` makes of a person, from the columns instead of an ORM object."""
    address = (email or "").strip().lower() if deleted_at is None else ""
    return Contact(
        email=address or None,
        name=name,
        language=language or "es",
        person_id=person_id,
        wants_due_soon=wants_due_soon,
        supervisor=supervisor,
    )


def contact(person, *, with_supervisor: bool = True) -> Contact | None:
    """A person as a reminder recipient; a soft-deleted person has no usable address."""
    if person is None:
        return None
    supervisor = person.supervisor if with_supervisor else None
    return _contact_of(
        person.id,
        person.email,
        person.name,
        person.language,
        person.wants_due_soon,
        person.deleted_at,
        contact(supervisor, with_supervisor=False) if supervisor else None,
    )
