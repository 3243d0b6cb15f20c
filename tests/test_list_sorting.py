"""The follow-up list sorted by a column (in the URL, kept by the exports) and filtered by an
SDG chosen by name."""

import csv
import io
from datetime import date

import pytest

from tracker.models import SustainableDevelopmentGoal
from tracker.models.enums import Priority, Role


@pytest.fixture
def client_in(app, make):
    client = app.test_client()
    client.login(make.user(Role.COORDINATOR))
    return client


@pytest.fixture
def three(make):
    """Three open follow-ups whose title, due date and priority orders all differ."""
    return [
        make.followup(title="Bravo", due_on=date(2027, 3, 1), priority=Priority.LOW),
        make.followup(title="alfa", due_on=date(2027, 5, 1), priority=Priority.HIGH),
        make.followup(title="Charlie", due_on=date(2027, 1, 1), priority=Priority.NORMAL),
    ]


def order_on_page(page: str, titles: list[str]) -> list[str]:
    return sorted(titles, key=page.index)


TITLES = ["Bravo", "alfa", "Charlie"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Charlie", "Bravo", "alfa"]),  # urgency: earliest due first
        ("title", ["alfa", "Bravo", "Charlie"]),  # case does not matter
        ("-title", ["Charlie", "Bravo", "alfa"]),
        ("-due", ["alfa", "Bravo", "Charlie"]),
        ("priority", ["alfa", "Charlie", "Bravo"]),  # high first
    ],
)
def test_list_sorts_by_the_column_in_the_url(client_in, three, sort, expected):
    response = client_in.get(f"/seguimientos/?sort={sort}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    body = page[page.index("<tbody") :] if "<tbody" in page else page
    assert order_on_page(body, TITLES) == expected


def test_the_csv_export_keeps_the_sort(client_in, three):
    response = client_in.get("/seguimientos/exportar.csv?sort=title")
    rows = list(
        csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    assert [row[1] for row in rows[1:]] == ["alfa", "Bravo", "Charlie"]


def test_an_unknown_sort_is_a_400_in_words(client_in, three):
    response = client_in.get("/seguimientos/?sort=drop_table")
    assert response.status_code == 400
    assert client_in.get("/seguimientos/exportar.csv?sort=x").status_code == 400


def test_the_sdg_filter_lists_goals_by_name_and_filters(client_in, make, db):
    gender = db.session.get(SustainableDevelopmentGoal, 5)
    project = make.project(name="Mesa de género")
    project.sdgs = [gender]
    db.session.commit()
    make.followup(title="Del proyecto", project=project)
    make.followup(title="Suelto")

    page = client_in.get("/seguimientos/").get_data(as_text=True)
    assert "5 · Igualdad de género" in page and "17 · Alianzas para lograr los objetivos" in page
    filtered = client_in.get("/seguimientos/?sdg=5").get_data(as_text=True)
    assert "Del proyecto" in filtered and "Suelto" not in filtered
    assert client_in.get("/seguimientos/?sdg=18").status_code == 400
    assert client_in.get("/seguimientos/?sdg=cinco").status_code == 400


def test_the_pending_list_puts_what_has_no_date_after_what_has_one(client_in, make, three):
    make.followup(title="Delta sin fecha")
    page = client_in.get("/seguimientos/").get_data(as_text=True)
    titles = ["Bravo", "alfa", "Charlie", "Delta sin fecha"]
    # By due date, undated last — on SQLite (NULLs first by default) as on PostgreSQL.
    assert order_on_page(page, titles) == ["Charlie", "Bravo", "alfa", "Delta sin fecha"]
