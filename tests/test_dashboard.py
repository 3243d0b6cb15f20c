"""The dashboard: each figure is right, and each leads to the list of what it counts."""

import re
from datetime import date, timedelta

import pytest

from tracker.clock import local_today
from tracker.models.enums import FollowUpStatus, ProjectStatus, ReportStatus, Role


@pytest.fixture
def today(app):
    with app.test_request_context():
        return local_today()


def _tile(page: str, label: str) -> tuple[int, str]:
    match = re.search(
        r'<a class="tile[^"]*" href="([^"]+)"><span class="num">(\d+)</span> ' + re.escape(label),
        page,
    )
    assert match, f"tile {label!r} not found"
    return int(match.group(2)), match.group(1).replace("&amp;", "&")


def _rows(client, url: str) -> int:
    page = client.get(url).get_data(as_text=True)
    return int(re.search(r"(\d+) resultados?", page).group(1))


def test_tiles_count_and_link_to_their_lists(app, make, db, today):
    ours = make.organization(name="Nosotros", is_own=True)
    embassy = make.organization(name="Embajada")
    ana = make.person(name="Ana")
    make.followup(owner=ana, organization=ours, due_on=today - timedelta(days=3))  # overdue
    make.followup(owner=ana, organization=embassy, due_on=today - timedelta(days=45))  # overdue
    make.followup(owner=ana, organization=embassy, due_on=today + timedelta(days=2))  # soon
    make.followup(owner=ana, due_on=today + timedelta(days=30))  # open
    done = make.followup(owner=ana, due_on=today + timedelta(days=1))
    done.status, done.completed_on = FollowUpStatus.DONE, today
    deleted = make.followup(owner=ana, due_on=today - timedelta(days=1))
    deleted.deleted_at = deleted.created_at
    db.session.commit()
    viewer = make.user(Role.VIEWER)
    client = app.test_client()
    client.login(viewer)
    page = client.get("/").get_data(as_text=True)

    expected = {
        "vencidos": 2,
        "vencen en 7 días": 1,
        "abiertos": 4,
        "cumplidos este mes": 1,
        "a cargo de otras instituciones": 2,
    }
    for label, number in expected.items():
        shown, url = _tile(page, label)
        assert shown == number, label
        assert _rows(client, url) == number, label


def test_report_and_project_tiles(app, make, db, today):
    late = make.report()
    late.due_on = today - timedelta(days=1)
    make.report()  # due in the future (activity in 2026-03 + 15 days is past; set below)
    future = make.report()
    future.due_on = today + timedelta(days=10)
    submitted = make.report()
    submitted.status, submitted.due_on = ReportStatus.SUBMITTED, today - timedelta(days=5)
    db.session.commit()
    make.project(
        name="MCIG",
        planned_start_on=date(2023, 11, 1),
        duration_months=12,
        status=ProjectStatus.IMPLEMENTATION,
        information_updated_on=today - timedelta(days=400),
    )
    make.project(name="Al día", status=ProjectStatus.IMPLEMENTATION, information_updated_on=today)
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    page = client.get("/").get_data(as_text=True)
    overdue_reports, url = _tile(page, "informes vencidos")
    assert overdue_reports == 2 and _rows(client, url) == 2
    overrun, url = _tile(page, "proyectos pasados de su fin previsto")
    assert overrun == 1 and "MCIG" in client.get(url).get_data(as_text=True)
    stale, url = _tile(page, "fichas sin actualizar")
    listed = client.get(url).get_data(as_text=True)
    assert stale == 1 and "MCIG" in listed and "Al día" not in listed


def test_filters_stay_in_the_url_and_narrow_everything(app, make, db, today):
    ana, luis = make.person(name="Ana Soto"), make.person(name="Luis Mora")
    make.followup(owner=ana, due_on=today - timedelta(days=2), title="De Ana")
    make.followup(owner=luis, due_on=today - timedelta(days=2), title="De Luis")
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    page = client.get(f"/?owner={ana.id}").get_data(as_text=True)
    shown, url = _tile(page, "vencidos")
    assert shown == 1 and f"owner={ana.id}" in url
    assert "De Ana" in page and "De Luis" not in page
    assert f'<option selected value="{ana.id}">' in page or f'value="{ana.id}" selected' in page


def test_my_pending(app, make, db, today):
    me = make.user(Role.MEMBER, name="Yo Misma")
    make.followup(owner=me.person, due_on=today, title="Lo mío")
    make.followup(due_on=today, title="Lo ajeno")
    client = app.test_client()
    client.login(me)
    page = client.get("/?mine=y").get_data(as_text=True)
    assert "Lo mío" in page and "Lo ajeno" not in page


def test_ageing_buckets_owners_and_on_time_rate(app, make, db, today):
    ana = make.person(name="Ana")
    for days in (5, 40, 120, 200):
        make.followup(owner=ana, due_on=today - timedelta(days=days))
    on_time = make.followup(owner=ana, due_on=today)
    on_time.status, on_time.completed_on = FollowUpStatus.DONE, today - timedelta(days=1)
    late = make.followup(owner=ana, due_on=today - timedelta(days=20))
    late.status, late.completed_on = FollowUpStatus.DONE, today - timedelta(days=2)
    db.session.commit()
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    page = client.get("/").get_data(as_text=True)
    ageing = re.findall(r'<li><a href="([^"]+)"><strong>(\d+)</strong>', page)
    assert [int(n) for _url, n in ageing] == [1, 1, 2]
    for url, n in ageing:
        assert _rows(client, url.replace("&amp;", "&")) == int(n)
    assert "50 %" in page and "1 de 2 cumplidos en su fecha límite" in page
    assert re.search(
        r">Ana</a></td>\s*<td><a href=\"[^\"]+\">4</a></td>\s*<td><a class=\"late\"", page
    )


def test_charts_have_a_text_alternative(app, make, db, today):
    make.followup(owner=make.person(name="Ana"), due_on=today - timedelta(days=1))
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    page = client.get("/").get_data(as_text=True)
    assert 'role="img"' in page and "Ver como tabla" in page
    assert "/tendencias" in page
    trends = client.get("/tendencias").get_data(as_text=True)
    assert trends.count('role="img"') == 2
    assert "Ver como tabla" in trends and "Abiertos y cumplidos por mes" in trends


def test_bad_dashboard_filter_is_a_400(app, make):
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    assert client.get("/?sdg=99").status_code == 400
