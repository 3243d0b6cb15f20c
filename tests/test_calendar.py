"""The month view and the iCalendar feed at a secret URL."""

import re
from datetime import date, timedelta

from icalendar import Calendar

from tracker.clock import local_today
from tracker.models import AccessToken
from tracker.models.enums import FollowUpKind, FollowUpStatus, Role


def _today(app) -> date:
    with app.test_request_context():
        return local_today()


def test_month_view_shows_followups_milestones_and_reports(app, make, db):
    today = _today(app)
    me = make.user(Role.MEMBER)
    make.followup(owner=me.person, title="Enviar nota verbal", due_on=today)
    make.followup(
        owner=me.person,
        title="Revisión de medio término",
        kind=FollowUpKind.MILESTONE,
        due_on=today,
    )
    report = make.report(person=me.person)
    report.due_on = today
    db.session.commit()
    make.followup(title="De otra persona", due_on=today)
    client = app.test_client()
    client.login(me)
    page = client.get(f"/calendario/?mes={today:%Y-%m}").get_data(as_text=True)
    assert "Enviar nota verbal" in page
    assert "deadline-milestone" in page and "deadline-report" in page
    assert "De otra persona" not in page
    assert client.get("/calendario/?mes=2026-13").status_code == 400


def test_busy_day_shows_a_few_and_links_to_the_rest(app, make, db):
    today = _today(app)
    coordinator = make.user(Role.COORDINATOR)
    owner = make.person()
    for n in range(9):
        make.followup(owner=owner, title=f"Tarea {n}", due_on=today)
    client = app.test_client()
    client.login(coordinator)
    page = client.get("/calendario/?todos=1").get_data(as_text=True)
    assert "+3 más" in page


def _feed_url(client) -> str:
    page = client.submit("/calendario/enlace").get_data(as_text=True)
    return re.search(r'value="(http[^"]+\.ics)"', page).group(1)


def test_feed_is_valid_icalendar_with_the_overdue_item(app, make, db):
    today = _today(app)
    me = make.user(Role.MEMBER)
    make.followup(owner=me.person, title="Compromiso atrasado", due_on=today - timedelta(days=10))
    make.followup(owner=me.person, title="Compromiso futuro", due_on=today + timedelta(days=10))
    closed = make.followup(owner=me.person, title="Ya cumplido", due_on=today)
    closed.status = FollowUpStatus.DONE
    db.session.commit()
    client = app.test_client()
    client.login(me)
    url = _feed_url(client)
    assert db.session.scalars(db.select(AccessToken.token_hash)).one() not in url

    anonymous = app.test_client()
    response = anonymous.get(url.replace("http://127.0.0.1:5000", ""))
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"[VENCIDO] Compromiso atrasado", "Compromiso futuro"}
    late = events["[VENCIDO] Compromiso atrasado"]
    assert late["dtstart"].dt == today - timedelta(days=10)
    assert late["dtend"].dt == today - timedelta(days=9)
    assert str(late["uid"]).endswith("@seguimiento") and "dtstamp" in late
    assert b"VERSION:2.0" in response.data and b"PRODID:" in response.data


def test_renewing_revokes_the_old_link_and_revoking_stops_it(app, make, db):
    me = make.user(Role.MEMBER)
    client = app.test_client()
    client.login(me)
    first = _feed_url(client).replace("http://127.0.0.1:5000", "")
    second = _feed_url(client).replace("http://127.0.0.1:5000", "")
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    client.submit("/calendario/enlace/revocar")
    assert client.get(second).status_code == 404
    assert app.test_client().get("/calendario/feed/inventado.ics").status_code == 404
