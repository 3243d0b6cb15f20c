"""Realistic bulk data for the benchmarks, outside the installed package.

    .venv/bin/python bench/seed.py --size 100000 --people 500 --today 2026-06-01
    DATABASE_URL=sqlite:////tmp/x.sqlite .venv/bin/python bench/seed.py --size 1000000 --people 5000

The database must already have the schema (`tracker db upgrade`). Rows go in through Core
executemany in batches (no ORM objects, no per-row flush, one uniform key set per table), and
the follow-ups and their events — generated batch by batch, so memory stays flat at a million —
straight to the driver (executemany on SQLite, COPY on PostgreSQL) with their indexes rebuilt
after the load (bench/bulk_load.py).
Everything derives from `--seed`, so two runs make the same data. Afterwards the search index is
rebuilt (bulk inserts bypass the session hook that keeps it current) and the planner statistics
refreshed, as production does on its own (autovacuum, `PRAGMA optimize`).
"""

import argparse
import random
import sys
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "bench"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from bulk_load import (  # noqa: E402
    bulk_load_settings,
    drop_indexes,
    insert_native,
    insert_rows,
    sync_sequences,
)
from seed_rows import FollowUpContext, followup_batches, milestone_rows  # noqa: E402

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


def _next_id(connection, model) -> int:
    from sqlalchemy import func, select

    return (connection.scalar(select(func.max(model.id))) or 0) + 1


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
    insert_rows(
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
    insert_rows(
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
    insert_rows(
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
    insert_rows(connection, Activity, activities)

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
    insert_rows(connection, ParticipationReport, reports)

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
    insert_rows(connection, Project, project_rows)
    insert_rows(connection, project_sdgs, sdg_rows)

    first_followup = _next_id(connection, FollowUp)
    followup_kinds = [
        FollowUpKind.COMMITMENT,
        FollowUpKind.ACTION,
        FollowUpKind.TASK,
        FollowUpKind.RESULT,
    ]
    context = FollowUpContext(
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
    dropped = drop_indexes(connection, "followups", "followup_events")
    count = 0
    for followup_rows, event_rows in followup_batches(context, first_followup, followups):
        count += insert_native(connection, FollowUp, followup_rows)
        insert_native(connection, FollowUpEvent, event_rows)
    count += insert_rows(
        connection,
        FollowUp,
        milestone_rows(project_rows, first_followup + count, FollowUpKind, FollowUpStatus),
    )
    for statement in dropped:
        connection.exec_driver_sql(statement)
    sync_sequences(
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
            bulk_load_settings(connection)
            with connection.begin():
                counts = seed(
                    connection,
                    followups=followups,
                    people=people,
                    projects=people // 5 if projects is None else projects,
                    today=today,
                    seed_value=seed_value,
                )
            bulk_load_settings(connection, loading=False)
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
