"""Loading: the items that can remind in a window, read with plain column selects.

One query per item type whatever their number: one row per item with its person and that
person's supervisor joined in, and one Contact per person however many items they have. With
a window after a completed run, the WHERE clause keeps only the items with a slot in it or
changed since (jobs/slots.py); without one, every open item due by today's horizon.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from jobs.plan import MILESTONE, RESULT, Contact, FollowUpItem, Item, ProjectItem, ReportItem
from jobs.rules import Rules
from jobs.slots import (
    Window,
    changed_clause,
    days_to,
    lead_clause,
    repeating_clause,
    utc_offsets_minutes,
)
from tracker.dates import add_months
from tracker.extensions import db
from tracker.models import Activity, FollowUp, ParticipationReport, Person, Project
from tracker.models.enums import OPEN_STATUSES, ProjectStatus, ReportStatus
from tracker.models.followup import open_clause

#: Rows fetched from the database at a time while loading (bounds the driver's buffers).
LOAD_BATCH = 5000
#: The person columns selected, for the person and again for their supervisor.
_PERSON_COLUMNS = ("id", "email", "name", "language", "wants_due_soon", "deleted_at")
_OWED = (ReportStatus.PENDING, ReportStatus.RETURNED)


def iter_items(window: Window, rules: Rules) -> Iterator[Item]:
    """The follow-ups, reports and projects that can remind in `window`, one at a time."""
    loader = _Loader(window, rules)
    yield from loader.followups()
    yield from loader.reports()
    yield from loader.projects()


class _Loader:
    def __init__(self, window: Window, rules: Rules) -> None:
        self.window, self.rules = window, rules
        self.dialect = db.session.get_bind().dialect.name
        self.person = aliased(Person, name="person")
        self.boss = aliased(Person, name="boss")
        self.people = (
            *(getattr(self.person, c) for c in _PERSON_COLUMNS),
            *(getattr(self.boss, c) for c in _PERSON_COLUMNS),
        )
        self.contacts = _Contacts()

    def rows(self, statement):
        return db.session.execute(statement.execution_options(yield_per=LOAD_BATCH))

    def with_people(self, statement, person_id):
        person, boss = self.person, self.boss
        return statement.outerjoin(person, person.id == person_id).outerjoin(
            boss, boss.id == person.supervisor_id
        )

    # --- follow-ups ------------------------------------------------------------------------

    def followups(self) -> Iterator[FollowUpItem]:
        window, rules = self.window, self.rules
        statement = self.with_people(
            select(
                FollowUp.id,
                FollowUp.title,
                FollowUp.due_on,
                FollowUp.kind,
                FollowUp.status,
                FollowUp.deleted_at,
                FollowUp.created_at,
                FollowUp.updated_at,
                *self.people,
            ),
            FollowUp.owner_id,
        )
        # open_clause writes the statuses as literals, so SQLite can use the partial index on
        # open items (the dashboard's) instead of reading every follow-up.
        statement = statement.where(
            open_clause(),
            FollowUp.due_on <= window.today + timedelta(days=rules.max_lead_days),
            FollowUp.is_muted.is_(False),
            FollowUp.kind != RESULT,
        )
        if window.after is not None:
            statement = statement.where(self._followup_slots())
        zone = ZoneInfo(rules.timezone)
        since = window.changed_since
        for row in self.rows(statement.order_by(FollowUp.id)):
            yield FollowUpItem(
                id=row[0],
                title=row[1],
                due_on=row[2],
                owner=self.contacts.get(row, 8),
                kind=row[3].value,
                is_open=row[4] in OPEN_STATUSES,
                is_deleted=row[5] is not None,
                created_on=row[6].astimezone(zone).date() if row[6] is not None else None,
                is_changed=since is not None and row[7] is not None and row[7] >= since,
            )

    def _followup_slots(self):
        """Due soon or today in the window; an overdue level's slot in it, counted from the due
        date or, for an item recorded already late, from the day before it was recorded."""
        window, rules = self.window, self.rules
        leads = (*rules.lead_days, rules.milestone_lead_days, 0)
        starts = _overdue_starts(rules)
        every = rules.overdue_repeat_days
        from_due = days_to(self.dialect, window.today, FollowUp.due_on)
        overdue = [repeating_clause(window, from_due, starts, every)]
        for minutes in utc_offsets_minutes(rules.timezone, window.today.year):
            recorded = days_to(
                self.dialect, window.today, FollowUp.created_at, shift_minutes=minutes
            )
            # late since = recorded − 1: one more day than since the recording day
            overdue.append(
                and_(
                    recorded >= 0,
                    recorded < from_due,
                    repeating_clause(window, recorded + 1, starts, every),
                )
            )
        return or_(
            lead_clause(window, FollowUp.due_on, leads),
            and_(FollowUp.kind != MILESTONE, or_(*overdue)),
            changed_clause(window, FollowUp.updated_at),
        )

    # --- reports ---------------------------------------------------------------------------

    def reports(self) -> Iterator[ReportItem]:
        window, rules = self.window, self.rules
        statement = self.with_people(
            select(
                ParticipationReport.id,
                Activity.name,
                ParticipationReport.due_on,
                ParticipationReport.status,
                ParticipationReport.deleted_at,
                Activity.deleted_at,
                ParticipationReport.updated_at,
                *self.people,
            ).join(Activity, Activity.id == ParticipationReport.activity_id),
            ParticipationReport.person_id,
        )
        statement = statement.where(
            ParticipationReport.deleted_at.is_(None),
            ParticipationReport.status.in_(_OWED),
            ParticipationReport.due_on <= window.today + timedelta(days=rules.report_lead_days),
        )
        if window.after is not None:
            from_due = days_to(self.dialect, window.today, ParticipationReport.due_on)
            statement = statement.where(
                or_(
                    lead_clause(window, ParticipationReport.due_on, (rules.report_lead_days,)),
                    repeating_clause(window, from_due, (1,), rules.overdue_repeat_days),
                    changed_clause(window, ParticipationReport.updated_at),
                )
            )
        since = window.changed_since
        for row in self.rows(statement.order_by(ParticipationReport.id)):
            changed = since is not None and row[6] is not None and row[6] >= since
            yield ReportItem(
                id=row[0],
                title=row[1],
                due_on=row[2],
                person=self.contacts.get(row, 7),
                is_owed=row[3] in _OWED,
                is_deleted=row[4] is not None or row[5] is not None,
                is_changed=changed,
            )

    # --- projects --------------------------------------------------------------------------

    def projects(self) -> Iterator[ProjectItem]:
        """Every running project past its end or with a sheet older than a month (a sheet's
        interval is at least one month, the form's minimum); the exact interval and the
        window are the planner's business — projects are few."""
        today = self.window.today
        statement = self.with_people(
            select(
                Project.id,
                Project.name,
                Project.planned_end_on,
                Project.information_updated_on,
                Project.update_interval_months,
                Project.status,
                Project.approved_end_on,
                Project.updated_at,
                *self.people,
            ),
            Project.lead_id,
        )
        statement = statement.where(
            Project.deleted_at.is_(None),
            Project.status == ProjectStatus.IMPLEMENTATION,
            or_(
                func.coalesce(Project.approved_end_on, Project.planned_end_on) < today,
                Project.information_updated_on < add_months(today, -1),
            ),
        )
        since = self.window.changed_since
        for row in self.rows(statement.order_by(Project.id)):
            yield ProjectItem(
                id=row[0],
                title=row[1],
                lead=self.contacts.get(row, 8),
                planned_end_on=row[2],
                information_updated_on=row[3],
                update_interval_months=row[4],
                is_in_implementation=row[5] == ProjectStatus.IMPLEMENTATION,
                approved_end_on=row[6],
                is_changed=since is not None and row[7] is not None and row[7] >= since,
            )


def _overdue_starts(rules: Rules) -> tuple[int, ...]:
    """The first overdue day of each escalation level (jobs/plan.py, _levels)."""
    return (1, max(1, rules.escalate_supervisor_days), max(1, rules.escalate_unit_days))


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
    """A person as a reminder recipient; a soft-deleted person has no usable address."""
    address = (email or "").strip().lower() if deleted_at is None else ""
    return Contact(
        email=address or None,
        name=name,
        language=language or "es",
        person_id=person_id,
        wants_due_soon=wants_due_soon,
        supervisor=supervisor,
    )
