"""Realistic bulk data for benchmarks: `tracker bench seed`.

Rows go in with executemany-style bulk inserts (no ORM objects, no per-row flush), so 100,000
follow-ups load in seconds. Everything derives from `--seed`, so two runs make the same data.
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, insert, select, text

from tracker.dates import planned_end
from tracker.extensions import db
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

BATCH = 5000
BENCH_PASSWORD = "benchmark-password"


@dataclass
class SeedCounts:
    organizations: int
    people: int
    users: int
    activities: int
    reports: int
    projects: int
    followups: int


def _bulk(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model), rows[start : start + BATCH])


def _next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def _instant(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def seed(followups: int, people: int, projects: int, today: date, seed_value: int) -> SeedCounts:
    """Fill the database; the caller commits."""
    rng = random.Random(seed_value)
    org_count = max(20, people // 10)
    org_id = _next_id(Organization)
    kinds = list(OrganizationKind)
    _bulk(
        Organization,
        [
            {
                "id": org_id + i,
                "name": f"Institución {org_id + i}",
                "acronym": f"I{org_id + i}",
                "country": rng.choice(["Costa Rica", "México", "Chile", "España", "Alemania"]),
                "kind": OrganizationKind.GOVERNMENT if i == 0 else rng.choice(kinds),
                "is_own": i == 0,
            }
            for i in range(org_count)
        ],
    )
    orgs = list(range(org_id, org_id + org_count))

    person_id = _next_id(Person)
    managers = max(1, people // 10)
    person_rows = []
    for i in range(people):
        pid = person_id + i
        person_rows.append(
            {
                "id": pid,
                "name": f"Persona {pid}",
                "position": "Jefatura" if i < managers else "Profesional",
                "email": f"persona{pid}@bench.example.org",
                "organization_id": orgs[0] if i % 5 else rng.choice(orgs),
                "supervisor_id": None if i < managers else person_id + rng.randrange(managers),
                "language": "en" if i % 7 == 0 else "es",
                "wants_due_soon": i % 9 != 0,
            }
        )
    _bulk(Person, person_rows)
    person_ids = [row["id"] for row in person_rows]

    # A fifth of the people are outside focal points without an account.
    user = User(email="hash@bench", role=Role.MEMBER)
    user.set_password(BENCH_PASSWORD)
    password_hash = user.password_hash
    user_id = _next_id(User)
    with_accounts = [pid for i, pid in enumerate(person_ids) if i % 5 != 4]
    _bulk(
        User,
        [
            {
                "id": user_id + n,
                "email": f"persona{pid}@bench.example.org",
                "password_hash": password_hash,
                "role": Role.COORDINATOR if n < 3 else Role.MEMBER,
                "person_id": pid,
            }
            for n, pid in enumerate(with_accounts)
        ],
    )

    activity_count = max(1, followups // 50)
    activity_id = _next_id(Activity)
    activity_rows = []
    for i in range(activity_count):
        start = today + timedelta(days=rng.randint(-360, 60))
        activity_rows.append(
            {
                "id": activity_id + i,
                "name": f"Actividad internacional {activity_id + i}",
                "kind": rng.choice(list(ActivityKind)),
                "start_on": start,
                "end_on": start + timedelta(days=rng.randint(0, 4)),
            }
        )
    _bulk(Activity, activity_rows)

    report_id = _next_id(ParticipationReport)
    report_rows, seen = [], set()
    statuses = list(ReportStatus)
    for activity in activity_rows:
        for _ in range(rng.randint(1, 3)):
            pid = rng.choice(person_ids)
            if (activity["id"], pid) in seen:
                continue
            seen.add((activity["id"], pid))
            report_rows.append(
                {
                    "id": report_id + len(report_rows),
                    "activity_id": activity["id"],
                    "person_id": pid,
                    "role": "Delegación",
                    "status": rng.choice(statuses),
                    "due_on": activity["end_on"] + timedelta(days=15),
                }
            )
    _bulk(ParticipationReport, report_rows)

    project_id = _next_id(Project)
    project_rows, sdg_rows = [], []
    for i in range(projects):
        start = today - timedelta(days=rng.randint(0, 1000))
        months = rng.choice([6, 12, 18, 24, 36])
        project_rows.append(
            {
                "id": project_id + i,
                "name": f"Proyecto bilateral {project_id + i}",
                "thematic_area": "Desarrollo social",
                "planned_start_on": start,
                "duration_months": months,
                "planned_end_on": planned_end(start, months),
                "status": rng.choice(
                    [ProjectStatus.IMPLEMENTATION] * 6
                    + [ProjectStatus.CLOSED, ProjectStatus.PIPELINE]
                ),
                "information_updated_on": today - timedelta(days=rng.randint(0, 400)),
                "update_interval_months": 6,
                "lead_id": rng.choice(person_ids),
            }
        )
        sdg_rows += [
            {"project_id": project_id + i, "sdg_number": n} for n in {5, rng.randint(1, 17)}
        ]
    _bulk(Project, project_rows)
    for start in range(0, len(sdg_rows), BATCH):
        db.session.execute(insert(project_sdgs), sdg_rows[start : start + BATCH])

    followup_id = _next_id(FollowUp)
    followup_rows, event_rows = [], []
    kinds = [FollowUpKind.COMMITMENT, FollowUpKind.ACTION, FollowUpKind.TASK, FollowUpKind.RESULT]
    for i in range(followups):
        fid = followup_id + i
        due = today + timedelta(days=rng.randint(-180, 180))
        created = due - timedelta(days=rng.randint(20, 200))
        roll = rng.random()
        status = (
            FollowUpStatus.DONE
            if roll < 0.28
            else FollowUpStatus.CANCELLED
            if roll < 0.33
            else rng.choice(
                [FollowUpStatus.OPEN] * 3 + [FollowUpStatus.IN_PROGRESS, FollowUpStatus.BLOCKED]
            )
        )
        source = rng.random()
        row = {
            "id": fid,
            "kind": rng.choice(kinds),
            "title": f"Seguimiento {fid}: compromiso de cooperación",
            "owner_id": rng.choice(person_ids),
            "organization_id": rng.choice(orgs),
            "due_on": due,
            "original_due_on": due,
            "status": status,
            "priority": rng.choice(list(Priority)),
            "completed_on": min(today, due + timedelta(days=rng.randint(-20, 20)))
            if status == FollowUpStatus.DONE
            else None,
            "created_at": _instant(min(created, today)),
            "updated_at": _instant(min(created, today)),
            "activity_id": rng.choice(activity_rows)["id"] if source < 0.5 else None,
            "project_id": rng.choice(project_rows)["id"]
            if project_rows and source >= 0.8
            else None,
        }
        followup_rows.append(row)
        event_rows.append(
            {
                "followup_id": fid,
                "action": "created",
                "changes": {},
                "created_at": row["created_at"],
            }
        )
    for project in project_rows:
        for n, (title, day) in enumerate(
            [
                ("Inicio del proyecto", project["planned_start_on"]),
                ("Fin previsto", project["planned_end_on"]),
            ]
        ):
            followup_rows.append(
                {
                    "id": followup_id + len(followup_rows),
                    "kind": FollowUpKind.MILESTONE,
                    "title": title,
                    "owner_id": project["lead_id"],
                    "project_id": project["id"],
                    "due_on": day,
                    "original_due_on": day,
                    "status": FollowUpStatus.DONE if n == 0 else FollowUpStatus.OPEN,
                    "priority": Priority.NORMAL,
                    "completed_on": day if n == 0 else None,
                }
            )
    _bulk(FollowUp, followup_rows)
    _bulk(FollowUpEvent, event_rows)
    _sync_sequences(Organization, Person, User, Activity, ParticipationReport, Project, FollowUp)
    db.session.flush()
    return SeedCounts(
        organizations=org_count,
        people=people,
        users=len(with_accounts),
        activities=activity_count,
        reports=len(report_rows),
        projects=projects,
        followups=len(followup_rows),
    )


def _sync_sequences(*models) -> None:
    """PostgreSQL: explicit ids do not move the id sequences; move them past the new rows."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in models:
        table = model.__tablename__
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        )
