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

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from jobs import rules as R
from jobs.rules import Rules
from tracker.dates import add_months

FOLLOWUP, REPORT, PROJECT = "followup", "report", "project"


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class FollowUpItem:
    id: int
    title: str
    due_on: date | None
    owner: Contact | None
    kind: str = "task"
    is_open: bool = True
    is_deleted: bool = False


@dataclass(frozen=True)
class ReportItem:
    id: int
    title: str
    due_on: date
    person: Contact | None
    #: pending or returned: still owed. submitted/approved reports never remind.
    is_owed: bool = True
    is_deleted: bool = False


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    if not item.is_open or item.is_deleted or item.due_on is None:
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
    start, rule = _escalation_level(rules, (today - due).days)
    slot = _repeating_slot(today, due + timedelta(days=start), rules.overdue_repeat_days)
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
    levels = sorted(
        [
            (1, R.OVERDUE),
            (max(1, rules.escalate_supervisor_days), R.OVERDUE_SUPERVISOR),
            (max(1, rules.escalate_unit_days), R.OVERDUE_UNIT),
        ]
    )
    return [level for level in levels if level[0] <= days_overdue][-1]


# --- recipients ------------------------------------------------------------------------------


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


def load_items(today: date, rules: Rules) -> list[Item]:
    """The open items that can remind on `today`, in three queries whatever their number."""
    from sqlalchemy import or_, select
    from sqlalchemy.orm import joinedload

    from tracker.extensions import db
    from tracker.models import FollowUp, ParticipationReport, Person, Project
    from tracker.models.enums import OPEN_STATUSES, ProjectStatus, ReportStatus

    with_supervisor = joinedload(Person.supervisor)
    followups = db.session.scalars(
        select(FollowUp)
        .where(
            FollowUp.deleted_at.is_(None),
            FollowUp.status.in_(OPEN_STATUSES),
            FollowUp.due_on <= today + timedelta(days=rules.max_lead_days),
        )
        .options(joinedload(FollowUp.owner).options(with_supervisor))
        .order_by(FollowUp.id)
    ).all()
    reports = db.session.scalars(
        select(ParticipationReport)
        .where(
            ParticipationReport.deleted_at.is_(None),
            ParticipationReport.status.in_((ReportStatus.PENDING, ReportStatus.RETURNED)),
            ParticipationReport.due_on <= today + timedelta(days=rules.report_lead_days),
        )
        .options(
            joinedload(ParticipationReport.person).options(with_supervisor),
            joinedload(ParticipationReport.activity),
        )
        .order_by(ParticipationReport.id)
    ).all()
    # A sheet's interval is at least one month (the form's minimum), so older than a month
    # bounds the candidates; the exact interval is the planner's business.
    projects = db.session.scalars(
        select(Project)
        .where(
            Project.deleted_at.is_(None),
            Project.status == ProjectStatus.IMPLEMENTATION,
            or_(
                Project.planned_end_on < today,
                Project.information_updated_on < add_months(today, -1),
            ),
        )
        .options(joinedload(Project.lead).options(with_supervisor))
        .order_by(Project.id)
    ).all()
    items: list[Item] = [
        FollowUpItem(
            id=f.id,
            title=f.title,
            due_on=f.due_on,
            owner=contact(f.owner),
            kind=f.kind.value,
            is_open=f.is_open,
            is_deleted=f.deleted_at is not None,
        )
        for f in followups
    ]
    items += [
        ReportItem(
            id=r.id,
            title=r.activity.name,
            due_on=r.due_on,
            person=contact(r.person),
            is_owed=r.status in (ReportStatus.PENDING, ReportStatus.RETURNED),
            is_deleted=r.deleted_at is not None or r.activity.deleted_at is not None,
        )
        for r in reports
    ]
    items += [
        ProjectItem(
            id=p.id,
            title=p.name,
            lead=contact(p.lead),
            planned_end_on=p.planned_end_on,
            information_updated_on=p.information_updated_on,
            update_interval_months=p.update_interval_months,
            is_in_implementation=p.status == ProjectStatus.IMPLEMENTATION,
        )
        for p in projects
    ]
    return items


def contact(person, *, with_supervisor: bool = True) -> Contact | None:
    """A person as a reminder recipient; a soft-deleted person has no usable address."""
    if person is None:
        return None
    email = (person.email or "").strip().lower() if person.deleted_at is None else ""
    supervisor = person.supervisor if with_supervisor else None
    return Contact(
        email=email or None,
        name=person.name,
        language=person.language or "es",
        person_id=person.id,
        wants_due_soon=person.wants_due_soon,
        supervisor=contact(supervisor, with_supervisor=False) if supervisor else None,
    )
