"""Load: the claimed rows of a batch, each with its item as it is now, as named rows.

One plain select per item type and statement's worth of ids (no ORM objects), the item joined
by its id, and why the row no longer applies — closed, deleted, moved since planning — worked
out by the database where it can (a project's sheet date is checked here). Rows that no longer
apply are marked `skipped`; the rest go on to become digests.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from typing import Any

from flask import current_app
from sqlalchemy import (
    String,
    and_,
    case,
    exists,
    func,
    literal,
    not_,
    null,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import aliased

from jobs import rules as R
from jobs.delivery.ids import by_ids, id_runs_clause
from jobs.delivery.outbox import ClaimedRow, DeliveryResult, mark_skipped
from tracker.dates import add_months
from tracker.extensions import db
from tracker.models import (
    Activity,
    FollowUp,
    ItemType,
    Notification,
    ParticipationReport,
    Person,
    Project,
    ReportLink,
    User,
    UserNotice,
)
from tracker.models.enums import OPEN_STATUSES, ProjectStatus, ReportStatus

_OWED = (ReportStatus.PENDING, ReportStatus.RETURNED)


@dataclass(slots=True)
class OutboxRow:
    """A claimed outbox row with what its item says now. The fields after `item_type` are,
    in order, the columns of the statements below."""

    item_type: str
    id: int
    item_id: int
    rule: str
    slot_on: date
    person_id: int | None  #: the recipient, when a person (the unit's mailbox is not)
    is_copy: bool
    language: str
    due_on: date | None
    reason: str | None  #: why it no longer applies ("closed", "moved"), None: it does
    kind: str
    title: str
    about: str | None  #: whose item it is (a copy names them)
    owner_id: int | None
    organization_id: int | None


_COLUMNS = len(fields(OutboxRow)) - 1


def load_rows(batch: list[tuple[str, list[ClaimedRow]]], result: DeliveryResult):
    """The batch's live rows per recipient, in id order; the others are marked skipped (the
    caller commits)."""
    connection = db.session.connection()
    ids_by_type: dict[str, list[int]] = defaultdict(list)
    for _email, claimed in batch:
        for row in claimed:
            ids_by_type[row.item_type].append(row.id)
    found: dict[int, OutboxRow] = {}
    for item_type, ids in ids_by_type.items():
        # By id alone: every id given is of the statement's item type (the claim says which).
        for count, params in by_ids(ids):
            for values in connection.execute(_rows_statement(item_type, count), params):
                row = OutboxRow(item_type, *values[:_COLUMNS])
                if item_type == "project" and not row.reason:
                    row.reason = _project_reason(row, values)
                found[row.id] = row
    groups: list[tuple[str, list[OutboxRow]]] = []
    skipped: dict[int, str] = {}
    for email, claimed in batch:
        live = []
        for claimed_row in claimed:
            row = found.get(claimed_row.id)
            if row is None:  # an outbox row cannot vanish, but if it did, nothing to send
                continue
            if row.reason:
                skipped[row.id] = row.reason
            else:
                live.append(row)
        if live:
            groups.append((email, live))
    if skipped:
        mark_skipped(skipped)
        result.skipped += len(skipped)
    return groups


def _project_reason(row: OutboxRow, values: Any) -> str | None:
    """Whether a project row moved (the database said whether the project is still open)."""
    if row.rule == R.PROJECT_SHEET_STALE:
        refresh_by = _sheet_refresh_by(values.information_updated_on, values.update_interval_months)
        return "moved" if refresh_by != row.due_on else None
    return "moved" if values.planned_end_on != row.due_on else None


def _sheet_refresh_by(updated_on: date | None, interval_months: int | None) -> date | None:
    if updated_on is None:
        return None
    months = interval_months or current_app.config["PROJECT_UPDATE_INTERVAL_MONTHS"]
    return add_months(updated_on, months)


@cache
def _rows_statement(item_type: str, count: int) -> Any:
    return _row_statements()[item_type].where(id_runs_clause(Notification.id, count))


@cache
def _row_statements() -> dict[str, Any]:
    """Per item type, the outbox rows with their items as they are now (OutboxRow's order)."""
    n = Notification
    person = aliased(Person, name="person")
    common = (n.id, n.item_id, n.rule, n.slot_on, n.recipient_person_id, n.is_copy, n.language)
    f, r, p = FollowUp, ParticipationReport, Project

    def closed(item, deleted_at, status_ok):
        return or_(item.id.is_(None), deleted_at.is_not(None), not_(status_ok))

    news = n.rule.in_(sorted(R.NEWS_RULES))
    live_link = exists().where(ReportLink.report_id == r.id, ReportLink.revoked_at.is_(None))
    stale = or_(
        and_(n.rule == R.REPORT_SUBMITTED, r.status != ReportStatus.SUBMITTED),
        and_(n.rule == R.REPORT_LINK, or_(r.status == ReportStatus.APPROVED, not_(live_link))),
    )

    unread = (
        select(UserNotice.id)
        .join(User, User.id == UserNotice.user_id)
        .where(
            UserNotice.item_type == ItemType.FOLLOWUP,
            UserNotice.item_id == f.id,
            UserNotice.read_at.is_(None),
            User.person_id == n.recipient_person_id,
        )
        .exists()
    )
    followups = (
        select(
            *common,
            n.due_on,
            case(
                # Its notices (jobs.delivery.news) stand while the follow-up exists, open or
                # not, and its reader has not read them all in the app already.
                (and_(news, or_(f.id.is_(None), f.deleted_at.is_not(None))), "closed"),
                (and_(news, not_(unread)), "read"),
                (news, null()),
                (closed(f, f.deleted_at, f.status.in_(OPEN_STATUSES)), "closed"),
                (f.due_on.is_distinct_from(n.due_on), "moved"),
            ),
            type_coerce(f.kind, String),
            f.title,
            func.coalesce(person.name, n.about_name),
            f.owner_id,
            func.coalesce(f.organization_id, person.organization_id),
        )
        .select_from(n)
        .outerjoin(f, f.id == n.item_id)
        .outerjoin(person, person.id == f.owner_id)
    )
    reports = (
        select(
            *common,
            n.due_on,
            case(
                # Event notices (jobs.delivery.news) stand while the report exists; a request
                # for the visto bueno only while the report still waits for it.
                (and_(news, or_(r.id.is_(None), r.deleted_at.is_not(None), stale)), "closed"),
                (news, null()),
                (closed(r, r.deleted_at, r.status.in_(_OWED)), "closed"),
                (r.due_on.is_distinct_from(n.due_on), "moved"),
            ),
            literal("report"),
            Activity.name,
            person.name,
            r.person_id,
            person.organization_id,
        )
        .select_from(n)
        .outerjoin(r, r.id == n.item_id)
        .outerjoin(Activity, Activity.id == r.activity_id)
        .outerjoin(person, person.id == r.person_id)
    )
    projects = (
        select(
            *common,
            n.due_on,
            case((closed(p, p.deleted_at, p.status == ProjectStatus.IMPLEMENTATION), "closed")),
            literal("project"),
            p.name,
            func.coalesce(person.name, n.about_name),
            p.lead_id,
            person.organization_id,
            p.planned_end_on.label("planned_end_on"),
            p.information_updated_on.label("information_updated_on"),
            p.update_interval_months.label("update_interval_months"),
        )
        .select_from(n)
        .outerjoin(p, p.id == n.item_id)
        .outerjoin(person, person.id == p.lead_id)
    )
    return {"followup": followups, "report": reports, "project": projects}
