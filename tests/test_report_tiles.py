"""The dashboard's report tiles count exactly what the lists they link to show, and open
follow-ups that remind nobody are flagged on the dashboard and on their page."""

import re
from datetime import date

from tracker.models.base import utcnow
from tracker.models.enums import ReportStatus, Role


def _tile(page: str, label: str) -> tuple[int, str]:
    match = re.search(
        r'<a class="tile[^"]*" href="([^"]+)"><span class="num">(\d+)</span> ' + label, page
    )
    return int(match.group(2)), match.group(1).replace("&amp;", "&")


def _listed(client, url: str) -> int:
    page = client.get(url).get_data(as_text=True)
    return int(re.search(r"(\d+) resultados?<", page).group(1))


def test_report_tiles_count_what_their_lists_show(client, make, db):
    client.login(make.user(Role.COORDINATOR))
    long_ago = make.activity(start_on=date(2021, 3, 29), end_on=date(2021, 3, 31))
    make.report(activity=long_ago)  # pending, long overdue: the case that showed "0 … 1"
    make.report(activity=make.activity(start_on=date(2030, 1, 1), end_on=date(2030, 1, 2)))
    make.report(activity=long_ago, status=ReportStatus.RETURNED)
    make.report(activity=long_ago, status=ReportStatus.SUBMITTED)
    gone = make.activity(start_on=date(2021, 1, 1), end_on=date(2021, 1, 2))
    make.report(activity=gone)
    gone.deleted_at = utcnow()
    db.session.commit()

    home = client.get("/").get_data(as_text=True)
    for label, expected in (("informes pendientes", 2), ("informes vencidos", 2)):
        count, link = _tile(home, label)
        assert count == expected, label
        assert _listed(client, link) == count, (label, link)


def test_followups_that_remind_nobody_are_flagged(client, make, db):
    client.login(make.user(Role.COORDINATOR))
    no_email = make.person(name="Punto Focal Sin Correo", email=None)
    silent = make.followup(owner=no_email, title="Sin correo", due_on=date(2030, 1, 1))
    fine = make.followup(title="Con correo", due_on=date(2030, 1, 1))
    home = client.get("/").get_data(as_text=True)
    assert "1 seguimiento abierto sin responsable o sin correo" in home
    panel = home[home.index('id="unreachable"') :]
    panel = panel[: panel.index("</section>")]
    assert "Sin correo" in panel and "Con correo" not in panel
    assert "sin correo: no recibe recordatorios" in panel
    page = client.get(f"/seguimientos/{silent.id}").get_data(as_text=True)
    assert "sin correo: no recibe recordatorios" in page
    page = client.get(f"/seguimientos/{fine.id}").get_data(as_text=True)
    assert "no recibe recordatorios" not in page
    person_page = client.get(f"/personas/{no_email.id}").get_data(as_text=True)
    assert "recibe recordatorios por correo" not in person_page
    assert "sin correo: no recibe recordatorios" in person_page


def test_report_tiles_stop_counting_at_the_cap(client, make, db):
    """Like the follow-up tiles, a report tile says "999+" rather than read every report."""
    from sqlalchemy import insert

    from tracker.models import Activity, ParticipationReport
    from tracker.queries.followups import COUNT_CAP

    client.login(make.user(Role.COORDINATOR))
    person = make.person()
    day = date(2021, 3, 1)
    activity_ids = db.session.scalars(
        insert(Activity).returning(Activity.id),
        [{"name": f"Foro {n}", "start_on": day, "end_on": day} for n in range(COUNT_CAP + 5)],
    ).all()
    db.session.execute(
        insert(ParticipationReport),
        [
            {"activity_id": activity_id, "person_id": person.id, "due_on": day}
            for activity_id in activity_ids
        ],
    )
    db.session.commit()
    home = client.get("/").get_data(as_text=True)
    shown = f"{COUNT_CAP - 1}+"
    for label in ("informes pendientes", "informes vencidos"):
        assert f'<span class="num">{shown}</span> {label}' in home, label
