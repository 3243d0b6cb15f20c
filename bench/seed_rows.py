"""The follow-ups of bench/seed.py, generated batch by batch (a million never sit in memory)."""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from functools import cache

from bulk_load import BATCH


@cache
def noon(day: date) -> datetime:
    return datetime.combine(day, clock_time(12), tzinfo=UTC)


@dataclass
class FollowUpContext:
    rng: random.Random
    today: date
    kinds: list
    priorities: list
    statuses: type
    people: list[int]
    orgs: list[int]
    activity_ids: list[int]
    project_ids: list[int]


def followup_batches(c: FollowUpContext, first: int, count: int) -> Iterator[tuple[list, list]]:
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
            created = noon(min(due - between(20, 200), c.today))
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


def milestone_rows(project_rows: list[dict], first: int, kinds, statuses) -> Iterator[dict]:
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
            instant = noon(day)
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
