"""Guard against a query per row: every main page runs the same number of SQL statements with
10 and with 200 follow-ups (and never more than 22)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from tracker.models import FollowUp
from tracker.models.enums import FollowUpKind, FollowUpStatus, ProjectStatus, Role
from tracker.operations.tokens import issue_token

# The dashboard reads 23 since it lists follow-ups that remind nobody and counts unread notices
# (issue 11), and the menu lists the user's pinned views (issue 13); what this guards is that no
# page grows with the data.
MAX_STATEMENTS = 23


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
    "/mi-trabajo",
    "/buscar/?q=seguimiento",
    "/calendario/",
    "/calendario/?vista=agenda",
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


# --- saving the report form ---------------------------------------------------------------


def _report_rows(owners: list[int], orgs: list[int], ids=None) -> dict:
    """The form as posted with one commitment row per owner (each with its institution)."""
    data = {"role": "Delegada", "observations": "", "new_kind": "agenda", "save": "Guardar"}
    for n, (owner, org) in enumerate(zip(owners, orgs, strict=True)):
        data |= {
            f"commitments-{n}-text": f"Compromiso {n}",
            f"commitments-{n}-owner": str(owner),
            f"commitments-{n}-organization": str(org),
            f"commitments-{n}-due_on": f"2027-03-{n + 1:02d}",
            f"commitments-{n}-priority": "normal",
            f"commitments-{n}-state": "open",
            f"commitments-{n}-completed_on": "",
            f"commitments-{n}-followup_id": str(ids[n]) if ids else "",
        }
    return data


def _save_counts(app, make, db, rows: int) -> tuple[int, int, int]:
    """SELECTs of a save that creates `rows` rows, statements of saving them again unchanged,
    and statements of showing the form with them."""
    from tests.conftest import _empty_database

    db.session.rollback()
    _empty_database()
    # Ids read now: the test's own session must not query while the app's statements count.
    owners = [make.person().id for _ in range(rows)]
    orgs = [make.organization().id for _ in range(rows)]
    author = make.user(Role.MEMBER)
    report_id = make.report(person=author.person).id
    client = app.test_client()
    client.login(author)
    url = f"/informes/{report_id}/editar"
    client.get(url)  # warm-up
    client.csrf_token()
    statements: list[str] = []

    def count(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.submit(url, _report_rows(owners, orgs)).status_code == 302
        selects = sum(1 for s in statements if s.lstrip().upper().startswith("SELECT"))
        event.remove(db.engine, "before_cursor_execute", count)
        ids = db.session.scalars(
            db.select(FollowUp.id).filter_by(report_id=report_id).order_by(FollowUp.id)
        ).all()
        assert len(ids) == rows
        event.listen(db.engine, "before_cursor_execute", count)
        statements.clear()
        assert client.submit(url, _report_rows(owners, orgs, ids)).status_code == 302
        again = len(statements)
        statements.clear()
        assert client.get(url).status_code == 200
        shown = len(statements)
    finally:
        if event.contains(db.engine, "before_cursor_execute", count):
            event.remove(db.engine, "before_cursor_execute", count)
    return selects, again, shown


def test_saving_a_report_form_does_not_query_per_row(app, make, db):
    """Ten rows, each with its own owner and institution, read what two rows read: the owners
    and institutions are loaded in one query each, not one per row."""
    small = _save_counts(app, make, db, 2)
    large = _save_counts(app, make, db, 10)
    assert large == small, f"(create selects, unchanged save, form shown): {small} → {large}"
