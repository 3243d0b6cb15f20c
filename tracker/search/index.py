"""The index table and how it is kept current.

A document's key encodes its kind in the high bits (`kind << 40 | id`): one table, yet a search
of one kind reads only its key range (FTS5 seeks a rowid range; PostgreSQL has a partial GIN
index per range). Documents are rewritten at commit from what the rows hold then, in one batch
per kind, so saving a form with many rows costs the same statements as saving one.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from sqlalchemy import BigInteger, Column, Connection, Table, event, inspect, text
from sqlalchemy.orm import Session

from tracker.extensions import db
from tracker.models import (
    Activity,
    FollowUp,
    FollowUpEvent,
    Organization,
    ParticipationReport,
    Person,
    Project,
)
from tracker.search.text import fold

SHIFT = 40
#: Longest prefix SQLite's index holds (migration 0008: prefix = '2 3 4 5 6').
PREFIX_MAX = 6
#: Kind → key prefix. Never renumber: the numbers are stored in the index.
CODES = {
    "followup": 1,
    "project": 2,
    "activity": 3,
    "report": 4,
    "person": 5,
    "organization": 6,
}
MODELS = {
    FollowUp: "followup",
    Project: "project",
    Activity: "activity",
    ParticipationReport: "report",
    Person: "person",
    Organization: "organization",
}
#: Attributes a document is made of (and deleted_at, which takes it out of the index): an
#: update that changes none of them (a status, a due date) leaves the index alone.
SEARCHED = {
    "followup": ("title", "description"),
    "project": (
        "name",
        "thematic_area",
        "country",
        "city",
        "beneficiaries",
        "general_objective",
        "specific_objectives",
        "description",
    ),
    "activity": ("name", "place", "description"),
    "report": ("role", "contribution", "motive", "achievements", "lessons", "comments"),
    "person": ("name", "position", "unit", "email"),
    "organization": ("name", "acronym", "country"),
}
#: A report's document also names its author and activity.
_REPORT_LINKS = ("person_id", "activity_id")
_CHUNK = 500

#: Declared so that emptying every table (tests, restore) empties the index too; its real shape
#: (an FTS5 virtual table, or a table with a tsvector column) is made by migration 0008.
search_index = Table("search_index", db.metadata, Column("rowid", BigInteger, primary_key=True))


def key_range(kind: str) -> tuple[int, int]:
    low = CODES[kind] << SHIFT
    return low, low + (1 << SHIFT)


def reindex(record) -> None:
    """Mark a record so that the current transaction's commit rewrites its document."""
    _pending(db.session()).add((MODELS[type(record)], record.id))


def _pending(session: Session) -> set[tuple[str, int]]:
    return session.info.setdefault("search_pending", set())


@event.listens_for(db.session, "after_flush")
def _mark_flushed(session: Session, _context) -> None:
    pending = _pending(session)
    for record in session.new:
        _mark_new(record, pending)
    for record in session.dirty:
        kind = MODELS.get(type(record))
        if kind and _changed(record, kind):
            pending.add((kind, record.id))
    for record in session.deleted:
        kind = MODELS.get(type(record))
        if kind:
            pending.add((kind, record.id))


def _mark_new(record, pending: set) -> None:
    kind = MODELS.get(type(record))
    if kind:
        pending.add((kind, record.id))
    elif isinstance(record, FollowUpEvent) and record.comment and record.followup_id:
        pending.add(("followup", record.followup_id))


def _changed(record, kind: str) -> bool:
    names = (*SEARCHED[kind], "deleted_at", *(_REPORT_LINKS if kind == "report" else ()))
    attrs = inspect(record).attrs
    return any(attrs[name].history.has_changes() for name in names)


@event.listens_for(db.session, "before_commit")
def _write_pending(session: Session) -> None:
    # The commit's own flush comes after this hook: flush first, or records added since the
    # last flush would wait for the next commit to be found.
    if session.new or session.dirty or session.deleted:
        session.flush()
    if not session.info.get("search_pending"):
        return
    pending = session.info.pop("search_pending", set())
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, record_id in pending:
        by_kind[kind].add(record_id)
    write(session.connection(), by_kind)


def write(connection: Connection, by_kind: dict[str, set[int]]) -> None:
    """Rewrite the documents of these records (dropping those deleted or gone)."""
    renamed = [*by_kind.get("person", ()), *by_kind.get("activity", ())]
    if renamed:
        by_kind.setdefault("report", set()).update(_reports_of(connection, by_kind))
    for kind, ids in by_kind.items():
        for chunk in _chunks(sorted(ids)):
            low = CODES[kind] << SHIFT
            keys = ", ".join(str(low + i) for i in chunk)
            connection.execute(text(f"DELETE FROM search_index WHERE rowid IN ({keys})"))
            _insert(connection, kind, DOCUMENTS[kind](connection, chunk))


def rebuild(connection: Connection) -> dict[str, int]:
    """Empty the index and write every live record's document; returns counts per kind."""
    connection.execute(text("DELETE FROM search_index"))
    counts = {}
    for kind in CODES:
        table = _TABLES[kind]
        counts[kind] = 0
        last = 0
        while True:
            ids = connection.scalars(
                text(
                    f"SELECT id FROM {table} WHERE id > :last AND deleted_at IS NULL "
                    "ORDER BY id LIMIT 5000"
                ),
                {"last": last},
            ).all()
            if not ids:
                break
            for chunk in _chunks(ids):
                counts[kind] += _insert(connection, kind, DOCUMENTS[kind](connection, chunk))
            last = ids[-1]
    return counts


def _insert(connection: Connection, kind: str, documents: Iterable[tuple[int, str, str]]) -> int:
    low = CODES[kind] << SHIFT
    if connection.dialect.name == "postgresql":
        # Folded here, not by the unaccent extension: the same words on both engines, and no
        # extension that needs a superuser to install.
        rows = [{"k": low + i, "t": fold(f"{title} {body}")} for i, title, body in documents]
        statement = (
            "INSERT INTO search_index (rowid, document) VALUES (:k, to_tsvector('spanish', :t))"
        )
    else:
        rows = [{"k": low + i, "t": title, "b": body} for i, title, body in documents]
        statement = "INSERT INTO search_index (rowid, title, body) VALUES (:k, :t, :b)"
    if rows:
        connection.execute(text(statement), rows)
    return len(rows)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _join(*parts) -> str:
    return "\n".join(str(p) for p in parts if p)


def _rows(connection: Connection, sql: str, ids: list[int]):
    return connection.execute(text(sql.format(ids=", ".join(map(str, ids))))).all()


def _reports_of(connection: Connection, by_kind: dict[str, set[int]]) -> set[int]:
    people = ", ".join(map(str, by_kind.get("person", ()))) or "NULL"
    activities = ", ".join(map(str, by_kind.get("activity", ()))) or "NULL"
    return set(
        connection.scalars(
            text(
                f"SELECT id FROM participation_reports WHERE person_id IN ({people}) "
                f"OR activity_id IN ({activities})"
            )
        )
    )


def _followups(connection, ids):
    comments = defaultdict(list)
    for followup_id, comment in _rows(
        connection,
        "SELECT followup_id, comment FROM followup_events WHERE followup_id IN ({ids}) "
        "AND comment IS NOT NULL ORDER BY id",
        ids,
    ):
        comments[followup_id].append(comment)
    for row in _rows(
        connection,
        "SELECT id, title, description FROM followups WHERE id IN ({ids}) AND deleted_at IS NULL",
        ids,
    ):
        yield row.id, row.title, _join(row.description, *comments[row.id])


def _projects(connection, ids):
    for row in _rows(
        connection,
        "SELECT id, name, thematic_area, country, city, beneficiaries, general_objective, "
        "specific_objectives, description FROM projects WHERE id IN ({ids}) "
        "AND deleted_at IS NULL",
        ids,
    ):
        yield row.id, row.name, _join(*row[2:])


def _activities(connection, ids):
    for row in _rows(
        connection,
        "SELECT id, name, place, description FROM activities WHERE id IN ({ids}) "
        "AND deleted_at IS NULL",
        ids,
    ):
        yield row.id, row.name, _join(row.place, row.description)


def _reports(connection, ids):
    for row in _rows(
        connection,
        "SELECT r.id, p.name AS person, a.name AS activity, r.role, r.contribution, r.motive, "
        "r.achievements, r.lessons, r.comments FROM participation_reports r "
        "JOIN people p ON p.id = r.person_id JOIN activities a ON a.id = r.activity_id "
        "WHERE r.id IN ({ids}) AND r.deleted_at IS NULL",
        ids,
    ):
        yield row.id, f"{row.person} — {row.activity}", _join(*row[3:])


def _people(connection, ids):
    for row in _rows(
        connection,
        "SELECT id, name, position, unit, email FROM people WHERE id IN ({ids}) "
        "AND deleted_at IS NULL",
        ids,
    ):
        yield row.id, row.name, _join(row.position, row.unit, row.email)


def _organizations(connection, ids):
    for row in _rows(
        connection,
        "SELECT id, name, acronym, country FROM organizations WHERE id IN ({ids}) "
        "AND deleted_at IS NULL",
        ids,
    ):
        yield row.id, _join(row.name, row.acronym).replace("\n", " "), row.country or ""


DOCUMENTS = {
    "followup": _followups,
    "project": _projects,
    "activity": _activities,
    "report": _reports,
    "person": _people,
    "organization": _organizations,
}
_TABLES = {
    "followup": "followups",
    "project": "projects",
    "activity": "activities",
    "report": "participation_reports",
    "person": "people",
    "organization": "organizations",
}
