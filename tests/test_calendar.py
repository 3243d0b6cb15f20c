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


def test_coordinator_sees_the_unit_by_default_and_can_keep_only_hers(app, make, db):
    today = _today(app)
    coordinator = make.user(Role.COORDINATOR)
    make.followup(owner=make.person(), title="Nota de otra persona", due_on=today)
    make.followup(owner=coordinator.person, title="Lo de la coordinadora", due_on=today)
    client = app.test_client()
    client.login(coordinator)
    page = client.get("/calendario/").get_data(as_text=True)
    assert "Nota de otra persona" in page and "Lo de la coordinadora" in page
    assert "Solo lo mío" in page and "todos=0" in page

    mine = client.get("/calendario/?todos=0").get_data(as_text=True)
    assert "Nota de otra persona" not in mine and "Lo de la coordinadora" in mine
    assert "Toda la unidad" in mine
    # The month links keep the choice, so the next month is still "only mine".
    following = re.search(r'href="([^"]+)" rel="next"', mine).group(1)
    assert "todos=0" in following


def test_member_sees_her_own_by_default_and_the_unit_on_request(app, make, db):
    today = _today(app)
    member = make.user(Role.MEMBER)
    make.followup(owner=make.person(), title="Nota de otra persona", due_on=today)
    make.followup(owner=member.person, title="Lo mío", due_on=today)
    client = app.test_client()
    client.login(member)
    page = client.get("/calendario/").get_data(as_text=True)
    assert "Nota de otra persona" not in page and "Toda la unidad" in page
    unit = client.get("/calendario/?todos=1").get_data(as_text=True)
    assert "Nota de otra persona" in unit and "Lo mío" in unit
    following = re.search(r'href="([^"]+)" rel="next"', unit).group(1)
    assert "todos=1" in following


def test_viewer_sees_the_unit_by_default(app, make, db):
    today = _today(app)
    make.followup(owner=make.person(), title="Nota de la unidad", due_on=today)
    client = app.test_client()
    client.login(make.user(Role.VIEWER))
    assert "Nota de la unidad" in client.get("/calendario/").get_data(as_text=True)


def test_agenda_lists_the_month_by_day(app, make, db):
    first = date(2026, 3, 1)
    member = make.user(Role.MEMBER)
    make.followup(owner=member.person, title="Informe trimestral", due_on=date(2026, 3, 20))
    make.followup(owner=member.person, title="Nota verbal", due_on=date(2026, 3, 5))
    make.followup(owner=member.person, title="Otro mes", due_on=date(2026, 4, 5))
    client = app.test_client()
    client.login(member)
    month = client.get(f"/calendario/?mes={first:%Y-%m}").get_data(as_text=True)
    assert "vista=agenda" in month and "Ver agenda" in month
    page = client.get(f"/calendario/?mes={first:%Y-%m}&vista=agenda").get_data(as_text=True)
    assert '<table class="month">' not in page
    assert "Otro mes" not in page
    assert page.index("5 de marzo") < page.index("Nota verbal") < page.index("20 de marzo")
    assert page.index("20 de marzo") < page.index("Informe trimestral")
    following = re.search(r'href="([^"]+)" rel="next"', page).group(1)
    assert "vista=agenda" in following and "mes=2026-04" in following
    empty = client.get("/calendario/?mes=2026-05&vista=agenda").get_data(as_text=True)
    assert "Nada vence este mes." in empty


def _feed_events(app, client) -> dict:
    url = _feed_url(client).replace("http://127.0.0.1:5000", "")
    calendar = Calendar.from_ical(app.test_client().get(url).data)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_feed_describes_kind_and_status_in_words(app, make, db):
    today = _today(app)
    me = make.user(Role.MEMBER)
    blocked = make.followup(
        owner=me.person, title="Firmar convenio", kind=FollowUpKind.COMMITMENT, due_on=today
    )
    blocked.status = FollowUpStatus.BLOCKED
    db.session.commit()
    client = app.test_client()
    client.login(me)
    description = str(_feed_events(app, client)["Firmar convenio"]["description"])
    assert description.splitlines()[0] == "Compromiso · Bloqueado"


def test_feed_speaks_its_owners_language_whoever_fetches_it(app, make, db):
    today = _today(app)
    me = make.user(Role.MEMBER)
    me.person.language = "en"
    make.followup(
        owner=me.person, title="Sign agreement", kind=FollowUpKind.COMMITMENT, due_on=today
    )
    db.session.commit()
    client = app.test_client()
    client.login(me)
    url = _feed_url(client).replace("http://127.0.0.1:5000", "")
    # A calendar client asking for Spanish still gets the owner's English.
    response = app.test_client().get(url, headers={"Accept-Language": "es"})
    (event,) = Calendar.from_ical(response.data).walk("VEVENT")
    assert str(event["description"]).splitlines()[0] == "Commitment · Open"


def test_feed_link_page_has_a_copy_button_and_a_selectable_field(app, make, db):
    client = app.test_client()
    client.login(make.user(Role.MEMBER))
    page = client.submit("/calendario/enlace").get_data(as_text=True)
    assert 'readonly value="http' in page
    assert "Copiar enlace" in page and "js/calendar.js" in page
    assert "<script>" not in page


def test_a_busy_day_of_mine_links_to_my_items_of_that_day(app, make, db):
    today = _today(app)
    member = make.user(Role.MEMBER)
    for n in range(8):
        make.followup(owner=member.person, title=f"Tarea {n}", due_on=today)
    client = app.test_client()
    client.login(member)
    page = client.get("/calendario/").get_data(as_text=True)
    more = re.search(r'class="more" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert f"owner={member.person_id}" in more
    listed = client.get(more).get_data(as_text=True)
    assert all(f"Tarea {n}" in listed for n in range(8))


def test_agenda_statements_do_not_grow_with_the_month(app, make, db):
    from sqlalchemy import event

    today = _today(app)
    coordinator = make.user(Role.COORDINATOR)
    client = app.test_client()
    client.login(coordinator)
    statements: list[str] = []

    def count(*args):
        statements.append(args[2])

    def measure() -> int:
        client.get("/calendario/?vista=agenda")
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get("/calendario/?vista=agenda").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    make.followup(owner=make.person(), title="Una", due_on=today)
    few = measure()
    for n in range(20):
        make.followup(owner=make.person(), title=f"Tarea {n}", due_on=today.replace(day=1 + n % 28))
        make.report().due_on = today.replace(day=1 + n % 28)
    db.session.commit()
    assert measure() == few
