"""Guard against a query per row: every main page runs the same number of SQL statements with
10 and with 200 follow-ups (and never more than 22)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from tracker.models import FollowUp
from tracker.models.enums import FollowUpKind, FollowUpStatus, ProjectStatus, Role
from tracker.operations.tokens import issue_token

# The dashboard reads 22 since it lists follow-ups that remind nobody and counts unread notices
# (issue 11); what this guards is that no page grows with the data.
MAX_STATEMENTS = 22


def _fill(make, db, count: int):
    """`count` follow-ups spread over owners, institutions, projects, activities and reports."""
    today = date(2026, 6, 1)
    orgs = [make.organization(is_own=(n == 0)) for n in range(3)]
    people = [make.person(organization_id=orgs[n % 3].id) for n in range(5)]
    project = make.project(
        planned_start_on=date(2025, 1, 1), duration_months=12, status=ProjectStatus.IMPLEMENTATION
    )
    activity = make.activity(start_on=today, end_on=today)
    reports = [make.report(person=p, activity=activity) for p in people[:2]]
    for n in range(count):
        followup = make.followup(
            owner=people[n % 5],
            organization=orgs[n % 3],
            project=project if n % 3 == 0 else None,
            activity=activity if n % 3 == 1 else None,
            report=reports[n % 2] if n % 3 == 1 else None,
            kind=FollowUpKind.MILESTONE if n % 7 == 0 else FollowUpKind.TASK,
            due_on=today + timedelta(days=(n % 60) - 30),
        )
        if n % 4 == 0:
            followup.status = FollowUpStatus.DONE
            followup.completed_on = today
        db.session.add(followup)
    db.session.commit()
    return {
        "project": project,
        "activity": activity,
        "report": reports[0],
        "person": people[0],
        "organization": orgs[1],
    }


PAGES = [
    "/",
    "/tendencias",
    "/seguimientos/",
    "/seguimientos/?status=all",
    "/seguimientos/?status=pending&overdue=y",
    "/seguimientos/{followup}",
    "/actividades/",
    "/actividades/{activity}",
    "/informes/",
    "/informes/{report}",
    "/informes/{report}/imprimir",
    "/proyectos/",
    "/proyectos/{project}",
    "/proyectos/cronograma",
    "/calendario/?todos=1",
    "/instituciones/",
    "/instituciones/{organization}",
    "/personas/",
    "/personas/{person}",
    "/avisos/",
    "/calendario/feed/{feed}.ics",
    "/api/v1/followups",
    "/api/v1/activities",
    "/api/v1/reports",
    "/api/v1/projects",
]


def _counts(app, make, db, size: int) -> dict[str, int]:
    records = _fill(make, db, size)
    coordinator = make.user(Role.COORDINATOR)
    _token, feed = issue_token(coordinator, "calendar", "feed")
    _token, api = issue_token(coordinator, "api", "api")
    db.session.commit()
    ids = {key: value.id for key, value in records.items()}
    ids["followup"] = db.session.scalar(db.select(db.func.min(FollowUp.id)))
    ids["feed"] = feed
    client = app.test_client()
    client.login(coordinator)
    statements: list[str] = []

    def count(*_args):
        statements.append(_args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        result = {}
        for page in PAGES:
            url = page.format(**ids)
            headers = {"Authorization": f"Bearer {api}"} if url.startswith("/api/") else {}
            client.get(url, headers=headers)  # warm-up (first-request work is not per row)
            statements.clear()
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (url, response.status_code)
            result[page] = len(statements)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return result


@pytest.fixture
def counts_at(app, make, db):
    from tests.conftest import _empty_database

    def measure(size: int) -> dict[str, int]:
        # End this session's transaction first: PostgreSQL's TRUNCATE waits for every reader.
        db.session.rollback()
        _empty_database()
        return _counts(app, make, db, size)

    return measure


def test_statements_per_page_do_not_grow_with_the_data(counts_at):
    small = counts_at(10)
    large = counts_at(200)
    grown = {page: (small[page], large[page]) for page in PAGES if small[page] != large[page]}
    assert not grown, f"statements per request grew with the data (10 → 200): {grown}"
    too_many = {page: n for page, n in large.items() if n > MAX_STATEMENTS}
    assert not too_many, f"more than {MAX_STATEMENTS} statements: {too_many}"
