"""The follow-up list query with its filters, shared by the list page, exports and the API."""

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import joinedload

from tracker.models import FollowUp, Organization, Person, project_sdgs
from tracker.models.enums import OPEN_STATUSES, FollowUpStatus, Priority
from tracker.models.followup import open_clause, work_clause
from tracker.search.query import matches_any


def search_clause(text: str, *columns):
    pattern = f"%{text.strip()}%"
    return or_(*(column.ilike(pattern) for column in columns))


def followup_query(filters: dict[str, Any], today: date) -> Select:
    """Live follow-ups matching `filters` (the FollowUpFilterForm's data), urgent first."""
    query = select(FollowUp).where(FollowUp.deleted_at.is_(None))
    if filters.get("q"):
        # The full-text index: its title, description and comments, or its project's or
        # activity's name (the MCIG project's follow-ups answer "MCIG").
        query = query.where(
            matches_any(
                filters["q"],
                (FollowUp.id, "followup"),
                (FollowUp.project_id, "project"),
                (FollowUp.activity_id, "activity"),
            )
        )
    status = filters.get("status")
    if status == "pending":
        query = query.where(open_clause())
    elif status and status != "all":
        query = query.where(FollowUp.status == status)
    if filters.get("kind"):
        query = query.where(FollowUp.kind == filters["kind"])
    for field in ("owner", "organization", "project", "activity"):
        if filters.get(field) is not None:
            query = query.where(getattr(FollowUp, f"{field}_id") == filters[field])
    if filters.get("due_from"):
        query = query.where(FollowUp.due_on >= filters["due_from"])
    if filters.get("due_to"):
        query = query.where(FollowUp.due_on <= filters["due_to"])
    if filters.get("overdue"):
        # Results are outcomes and milestones are reached or missed: neither is "overdue".
        query = query.where(open_clause(), work_clause(), FollowUp.due_on < today)
    if filters.get("completed_from"):
        query = query.where(FollowUp.completed_on >= filters["completed_from"])
    if filters.get("sdg"):
        goal = int(filters["sdg"])
        query = query.where(
            FollowUp.project_id.in_(
                select(project_sdgs.c.project_id).where(project_sdgs.c.sdg_number == goal)
            )
        )
    if filters.get("outside"):
        query = query.where(FollowUp.organization_id.in_(outside_organizations()))
    if filters.get("mine_person_id"):
        query = query.where(FollowUp.owner_id == filters["mine_person_id"])
    return query


#: Counts stop here: a page shows "999+" rather than reading a million rows to say how many.
COUNT_CAP = 1000


def capped_count(query: Select, cap: int = COUNT_CAP, column=FollowUp.id):
    """SELECT count(*) over at most `cap` rows of `query` (of follow-ups, or of the model whose
    `column` is given), as a scalar subquery: reading one index range stops after `cap`
    entries, whatever the table's size. Equal to `cap` means "at least that many" (shown as
    "999+", see capped())."""
    limited = query.order_by(None).with_only_columns(column).limit(cap).subquery()
    return select(func.count()).select_from(limited).scalar_subquery()


def outside_organizations():
    """Organizations other than our own: their follow-ups wait on another institution."""
    return select(Organization.id).where(Organization.is_own.is_(False))


#: The columns a list can be sorted by (?sort=due, ?sort=-due), with their header words.
SORT_LABELS = {
    "due": _l("Fecha límite"),
    "title": _l("Título"),
    "status": _l("Estado"),
    "priority": _l("Prioridad"),
    "owner": _l("Responsable"),
    "created": _l("Creación"),
}
_PRIORITY_RANK = case(
    (FollowUp.priority == Priority.HIGH, 0), (FollowUp.priority == Priority.NORMAL, 1), else_=2
)
_STATUS_RANK = case(
    *((FollowUp.status == status, rank) for rank, status in enumerate(FollowUpStatus)),
    else_=len(FollowUpStatus),
)


def _sort_columns(key: str) -> list:
    owner_name = select(Person.name).where(Person.id == FollowUp.owner_id).scalar_subquery()
    return {
        "due": [FollowUp.due_on.is_(None), FollowUp.due_on],
        "title": [func.lower(FollowUp.title)],
        "status": [_STATUS_RANK],
        "priority": [_PRIORITY_RANK],
        "owner": [owner_name],
        "created": [FollowUp.created_at],
    }[key]


def sorted_by(sort: str | None) -> list:
    """The ORDER BY of a list sorted by a column (SORT_LABELS), ties by due date; [] if none."""
    key = (sort or "").removeprefix("-")
    if key not in SORT_LABELS:
        return []
    columns = _sort_columns(key)
    if sort.startswith("-"):
        columns = [column.desc() for column in columns]
    return [*columns, FollowUp.due_on, FollowUp.id]


def with_list_columns(query: Select, only_open: bool = False, sort: str | None = None) -> Select:
    """Eager-load what a list row shows and order by urgency: open before closed, then due date.

    A list of open items only is ordered by due date alone, the order of the partial index on
    open items, so a page is read straight from the index instead of sorting every row.
    `sort` ("title", "-due"…, see SORT_LABELS) orders by that column instead, ties by urgency.
    """
    query = query.options(
        joinedload(FollowUp.owner),
        joinedload(FollowUp.organization),
        joinedload(FollowUp.project),
        joinedload(FollowUp.activity),
    )
    if sorted_by(sort):
        return query.order_by(*sorted_by(sort))
    if only_open:
        # Undated last on both databases (SQLite puts NULLs first by default), still read
        # in the index's order: PostgreSQL's ascending b-tree keeps NULLs last, and SQLite
        # walks its index's non-null entries first.
        return query.order_by(FollowUp.due_on.asc().nulls_last(), FollowUp.id)
    is_closed = case((FollowUp.status.in_(OPEN_STATUSES), 0), else_=1)
    return query.order_by(is_closed, FollowUp.due_on.is_(None), FollowUp.due_on, FollowUp.id)
