"""Realistic bulk data for the benchmarks, outside the installed package.

    .venv/bin/python bench/seed.py --size 100000 --people 500 --today 2026-06-01
    DATABASE_URL=sqlite:////tmp/x.sqlite .venv/bin/python bench/seed.py --size 1000000 --people 5000

The database must already have the schema (`tracker db upgrade`). Rows go in through Core
executemany in batches (no ORM objects, no per-row flush, one uniform key set per table so the
driver gets one statement per batch), generated batch by batch so memory stays flat at a million.
Everything derives from `--seed`, so two runs make the same data. Afterwards the search index is
rebuilt (bulk inserts bypass the session hook that keeps it current) and the planner statistics
refreshed, as production does on its own (autovacuum, `PRAGMA optimize`).
"""

import argparse
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BATCH = 10_000
BENCH_PASSWORD = "benchmark-password"
COUNTRIES = ["Costa Rica", "México", "Chile", "España", "Alemania"]


@dataclass
class SeedCounts:
    organizations: int
    people: int
    users: int
    activities: int
    reports: int
    projects: int
    followups: int


def _insert(connection, model, rows) -> int:
    """Insert an iterable of uniform dicts in batches; returns how many."""
    table = model.__table__ if hasattr(model, "__table__") else model
    statement, batch, count = table.insert(), [], 0
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            connection.execute(statement, batch)
            count, batch = count + len(batch), []
    if batch:
        connection.execute(statement, batch)
        count += len(batch)
    return count


def _next_id(connection, model) -> int:
    from sqlalchemy import func, select

    return (connection.scalar(select(func.max(model.id))) or 0) + 1


def _noon(day: date) -> datetime:
    return datetime.combine(day, clock_time(12), tzinfo=UTC)


def seed(
    connection=None,
    *,
    followups: int,
    people: int,
    projects: int,
    today: date,
    seed_value: int = 1,
) -> SeedCounts:
    """Fill the database through `connection` (default: the app session's, inside an app
    context); the caller commits. The search index is not written (see `seed_database`)."""
    if connection is None:
        from tracker.extensions import db

        connection = db.session.connection()
    from tracker.dates import planned_end
    from tracker.models import (
        Activity,
        FollowUp,
        FollowUpEvent,
        Organization,
        ParticipationReport,
        Person,
        Project,
        User,
        project_sdgs,
    )
    from tracker.models.enums import (
        ActivityKind,
        FollowUpKind,
        FollowUpStatus,
        OrganizationKind,
        Priority,
        ProjectStatus,
        ReportStatus,
        Role,
    )

    rng = random.Random(seed_value)
    org_count = max(20, people // 10)
    org_id = _next_id(connection, Organization)
    org_kinds = list(OrganizationKind)
    orgs = list(range(org_id, org_id + org_count))
    _insert(
        connection,
        Organization,
        (
            {
                "id": oid,
                "name": f"Institución {oid}",
                "acronym": f"I{oid}",
                "country": rng.choice(COUNTRIES),
                "kind": OrganizationKind.GOVERNMENT if oid == org_id else rng.choice(org_kinds),
                "is_own": oid == org_id,
            }
            for oid in orgs
        ),
    )

    first_person = _next_id(connection, Person)
    managers = max(1, people // 10)
    person_ids = list(range(first_person, first_person + people))
    _insert(
        connection,
        Person,
        (
            {
                "id": pid,
                "name": f"Persona {pid}",
                "position": "Jefatura" if i < managers else "Profesional",
                "email": f"persona{pid}@bench.example.org",
                "organization_id": orgs[0] if i % 5 else rng.choice(orgs),
                "supervisor_id": None if i < managers else first_person + rng.randrange(managers),
                "language": "en" if i % 7 == 0 else "es",
                "wants_due_soon": i % 9 != 0,
            }
            for i, pid in enumerate(person_ids)
        ),
    )

    # A fifth of the people are outside focal points without an account; one hash for all.
    hasher = User(email="hash@bench", role=Role.MEMBER)
    hasher.set_password(BENCH_PASSWORD)
    first_user = _next_id(connection, User)
    with_accounts = [pid for i, pid in enumerate(person_ids) if i % 5 != 4]
    _insert(
        connection,
        User,
        (
            {
                "id": first_user + n,
                "email": f"persona{pid}@bench.example.org",
                "password_hash": hasher.password_hash,
                "role": Role.COORDINATOR if n < 3 else Role.MEMBER,
                "person_id": pid,
            }
            for n, pid in enumerate(with_accounts)
        ),
    )

    activity_count = max(1, followups // 50)
    first_activity = _next_id(connection, Activity)
    activity_kinds = list(ActivityKind)
    activities = []
    for i in range(activity_count):
        start = today + timedelta(days=rng.randint(-360, 60))
        activities.append(
            {
                "id": first_activity + i,
                "name": f"Actividad internacional {first_activity + i}",
                "kind": rng.choice(activity_kinds),
                "start_on": start,
                "end_on": start + timedelta(days=rng.randint(0, 4)),
            }
        )
    _insert(connection, Activity, activities)

    first_report = _next_id(connection, ParticipationReport)
    reports, seen = [], set()
    report_statuses = list(ReportStatus)
    for activity in activities:
        for _ in range(rng.randint(1, 3)):
            pid = rng.choice(person_ids)
            if (activity["id"], pid) in seen:
                continue
            seen.add((activity["id"], pid))
            reports.append(
                {
                    "id": first_report + len(reports),
                    "activity_id": activity["id"],
                    "person_id": pid,
                    "role": "Delegación",
                    "status": rng.choice(report_statuses),
                    "due_on": activity["end_on"] + timedelta(days=15),
                }
            )
    _insert(connection, ParticipationReport, reports)

    first_project = _next_id(connection, Project)
    project_rows, sdg_rows = [], []
    project_statuses = [ProjectStatus.IMPLEMENTATION] * 6 + [
        ProjectStatus.CLOSED,
        ProjectStatus.PIPELINE,
    ]
    for i in range(projects):
        start = today - timedelta(days=rng.randint(0, 1000))
        months = rng.choice([6, 12, 18, 24, 36])
        project_rows.append(
            {
                "id": first_project + i,
                "name": f"Proyecto bilateral {first_project + i}",
                "thematic_area": "Desarrollo social",
                "planned_start_on": start,
                "duration_months": months,
                "planned_end_on": planned_end(start, months),
                "status": rng.choice(project_statuses),
                "information_updated_on": today - timedelta(days=rng.randint(0, 400)),
                "update_interval_months": 6,
                "lead_id": rng.choice(person_ids),
            }
        )
        sdg_rows += [
            {"project_id": first_project + i, "sdg_number": n} for n in {5, rng.randint(1, 17)}
        ]
    _insert(connection, Project, project_rows)
    _insert(connection, project_sdgs, sdg_rows)

    first_followup = _next_id(connection, FollowUp)
    followup_kinds = [
        FollowUpKind.COMMITMENT,
        FollowUpKind.ACTION,
        FollowUpKind.TASK,
        FollowUpKind.RESULT,
    ]
    context = _Context(
        rng=rng,
        today=today,
        kinds=followup_kinds,
        priorities=list(Priority),
        statuses=FollowUpStatus,
        people=person_ids,
        orgs=orgs,
        activity_ids=[row["id"] for row in activities],
        project_ids=[row["id"] for row in project_rows],
    )
    dropped = _drop_indexes(connection, "followups", "followup_events")
    count = 0
    for followup_rows, event_rows in _followup_batches(context, first_followup, followups):
        count += _insert(connection, FollowUp, followup_rows)
        _insert(connection, FollowUpEvent, event_rows)
    count += _insert(
        connection,
        FollowUp,
        _milestone_rows(project_rows, first_followup + count, FollowUpKind, FollowUpStatus),
    )
    for statement in dropped:
        connection.exec_driver_sql(statement)
    _sync_sequences(
        connection, Organization, Person, User, Activity, ParticipationReport, Project, FollowUp
    )
    return SeedCounts(
        organizations=org_count,
        people=people,
        users=len(with_accounts),
        activities=activity_count,
        reports=len(reports),
        projects=projects,
        followups=count,
    )


@dataclass
class _Context:
    rng: random.Random
    today: date
    kinds: list
    priorities: list
    statuses: type
    people: list[int]
    orgs: list[int]
    activity_ids: list[int]
    project_ids: list[int]


def _followup_batches(c: _Context, first: int, count: int) -> Iterator[tuple[list, list]]:
    """Follow-ups due half a year either side of today, a third closed, in batches of BATCH,
    each with its follow-ups' 'created' events (inserted after them: the foreign keys hold).
    Picks use one random() each (not choice/randint): this loop runs a million times."""
    random, status = c.rng.random, c.statuses
    open_choices = [status.OPEN] * 3 + [status.IN_PROGRESS, status.BLOCKED]
    days = {n: timedelta(days=n) for n in range(-400, 401)}

    def pick(values: list):
        return values[int(random() * len(values))]

    def between(low: int, high: int) -> timedelta:
        return days[low + int(random() * (high - low + 1))]

    for start in range(first, first + count, BATCH):
        followups, events = [], []
        for fid in range(start, min(start + BATCH, first + count)):
            due = c.today + between(-180, 180)
            created = _noon(min(due - between(20, 200), c.today))
            roll = random()
            if roll < 0.28:
                state, completed = status.DONE, min(c.today, due + between(-20, 20))
            else:
                state = status.CANCELLED if roll < 0.33 else pick(open_choices)
                completed = None
            source = random()
            followups.append(
                {
                    "id": fid,
                    "kind": pick(c.kinds),
                    "title": f"Seguimiento {fid}: compromiso de cooperación",
                    "owner_id": pick(c.people),
                    "organization_id": pick(c.orgs),
                    "due_on": due,
                    "original_due_on": due,
                    "status": state,
                    "priority": pick(c.priorities),
                    "completed_on": completed,
                    "created_at": created,
                    "updated_at": created,
                    "activity_id": pick(c.activity_ids) if source < 0.5 else None,
                    "project_id": pick(c.project_ids) if c.project_ids and source >= 0.8 else None,
                }
            )
            events.append(
                {"followup_id": fid, "action": "created", "changes": {}, "created_at": created}
            )
        yield followups, events


def _milestone_rows(project_rows: list[dict], first: int, kinds, statuses) -> Iterator[dict]:
    """Each project's start (done) and planned end (open), owned by its lead."""
    from tracker.models.enums import Priority

    fid = first
    for project in project_rows:
        for n, (title, day) in enumerate(
            [
                ("Inicio del proyecto", project["planned_start_on"]),
                ("Fin previsto", project["planned_end_on"]),
            ]
        ):
            instant = _noon(day)
            yield {
                "id": fid,
                "kind": kinds.MILESTONE,
                "title": title,
                "owner_id": project["lead_id"],
                "organization_id": None,
                "due_on": day,
                "original_due_on": day,
                "status": statuses.DONE if n == 0 else statuses.OPEN,
                "priority": Priority.NORMAL,
                "completed_on": day if n == 0 else None,
                "created_at": instant,
                "updated_at": instant,
                "activity_id": None,
                "project_id": project["id"],
            }
            fid += 1


def _drop_indexes(connection, *tables: str) -> list[str]:
    """Drop the secondary indexes of the big tables and return the statements that recreate
    them: building an index once over sorted keys is several times faster than keeping eleven
    up to date row by row. Indexes that back a constraint stay."""
    names = ", ".join(f"'{table}'" for table in tables)
    if connection.dialect.name == "sqlite":
        query = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({names})"
        )
    else:
        query = (
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            f"AND tablename IN ({names}) "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        )
    rows = connection.exec_driver_sql(query).all()
    for name, _sql in rows:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    return [sql for _name, sql in rows]


def _sync_sequences(connection, *models) -> None:
    """PostgreSQL: explicit ids do not move the id sequences; move them past the new rows."""
    from sqlalchemy import text

    if connection.dialect.name != "postgresql":
        return
    for model in models:
        table = model.__tablename__
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        )


def _bulk_load_settings(connection, loading: bool = True) -> None:
    """SQLite: a large page cache while loading (random-order index pages stay in memory), no
    foreign-key lookups per row (the ids are generated consistent), no fsync until the end.
    Set on this connection only, and put back before it returns to the pool."""
    if connection.dialect.name != "sqlite":
        return
    for pragma in (
        ("cache_size = -200000", "foreign_keys = OFF", "synchronous = OFF")
        if loading
        else ("cache_size = -2000", "foreign_keys = ON", "synchronous = NORMAL")
    ):
        connection.exec_driver_sql(f"PRAGMA {pragma}")
    connection.commit()


def seed_database(
    app, followups: int, people: int, projects: int | None, today: date, seed_value: int = 1
) -> dict:
    """Seed, commit, rebuild the search index and refresh statistics; returns counts and
    the seconds each phase took."""
    from tracker.extensions import db
    from tracker.search.index import rebuild

    phases = {}
    with app.app_context():
        started = time.perf_counter()
        with db.engine.connect() as connection:
            _bulk_load_settings(connection)
            with connection.begin():
                counts = seed(
                    connection,
                    followups=followups,
                    people=people,
                    projects=people // 5 if projects is None else projects,
                    today=today,
                    seed_value=seed_value,
                )
            _bulk_load_settings(connection, loading=False)
        phases["insert_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        with db.engine.begin() as connection:
            rebuild(connection)
        phases["search_index_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        statement = "VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE"
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql(statement)
        phases["analyze_s"] = round(time.perf_counter() - started, 2)
        db.engine.dispose()
    return {**asdict(counts), **phases}


def _app(database: str | None):
    import os

    from config import CONFIGS
    from tracker import create_app

    config = CONFIGS[os.environ.get("TRACKER_CONFIG", "default")]

    class SeedConfig(config):
        TRACKER_EMBEDDED_SCHEDULER = False
        if database:
            SQLALCHEMY_DATABASE_URI = database

    return create_app(SeedConfig)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", "--followups", dest="followups", type=int, default=1000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--projects", type=int, default=None, help="default: people / 5")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument("--seed", dest="seed_value", type=int, default=1)
    parser.add_argument("--database", default=None, help="default: DATABASE_URL / config")
    args = parser.parse_args(argv)
    if args.followups < 0 or args.people < 1 or (args.projects or 0) < 0:
        parser.error("--size ≥ 0, --people ≥ 1, --projects ≥ 0")
    started = time.perf_counter()
    result = seed_database(
        _app(args.database),
        followups=args.followups,
        people=args.people,
        projects=args.projects,
        today=args.today or date.today(),
        seed_value=args.seed_value,
    )
    result["seconds"] = round(time.perf_counter() - started, 2)
    print(" ".join(f"{name}={value}" for name, value in result.items()))


if __name__ == "__main__":
    main()
