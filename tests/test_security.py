"""Web hardening: login rate limit, security headers, cookies, inert stored scripts."""

from datetime import date, timedelta

import pytest

from config import Config, ProductionConfig
from tracker.models import LoginFailure
from tracker.models.enums import Role
from tracker.operations import followups as followup_ops
from tracker.operations import reports as report_ops

SCRIPT = '<script>alert("x")</script>'


def test_login_rate_limit_trips_with_a_clear_message_and_expires(app, make, db):
    user = make.user(Role.MEMBER)
    client = app.test_client()
    for _ in range(app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]):
        assert (
            client.submit("/login", {"email": user.email, "password": "wrong"}).status_code == 401
        )
    blocked = client.submit("/login", {"email": user.email, "password": "correct-horse-battery"})
    assert blocked.status_code == 429
    assert "Demasiados intentos fallidos" in blocked.get_data(as_text=True)
    # The window passes: the same correct password now works, and clears the count.
    for failure in db.session.scalars(db.select(LoginFailure)):
        failure.created_at -= timedelta(minutes=app.config["LOGIN_THROTTLE_MINUTES"] + 1)
    db.session.commit()
    assert (
        client.submit(
            "/login", {"email": user.email, "password": "correct-horse-battery"}
        ).status_code
        == 302
    )
    assert (
        db.session.scalar(
            db.select(db.func.count()).select_from(LoginFailure).filter_by(email=user.email)
        )
        == 0
    )


def test_rate_limit_per_address_covers_guessing_many_accounts(app, make, db):
    client = app.test_client()
    limit = app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    for n in range(limit):
        client.submit("/login", {"email": f"nadie{n}@example.org", "password": "x"})
    victim = make.user(Role.MEMBER)
    response = client.submit("/login", {"email": victim.email, "password": "correct-horse-battery"})
    assert response.status_code == 429


def test_security_headers(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_flags(app, make):
    client = app.test_client()
    response = client.submit(
        "/login", {"email": make.user().email, "password": "correct-horse-battery"}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert ProductionConfig.SESSION_COOKIE_SECURE and ProductionConfig.REMEMBER_COOKIE_SECURE
    assert Config.PASSWORD_HASH_METHOD == "scrypt"
    stored = make.user().password_hash
    assert not stored.startswith("correct") and "$" in stored


def test_stored_scripts_render_inert_everywhere(app, make, db):
    """A script typed into every free-text field shows as text on every page that shows it."""
    org = make.organization(name=f"Org {SCRIPT}", acronym="X<b>", country=SCRIPT)
    person = make.person(name=f"Ana {SCRIPT}", position=SCRIPT, unit=SCRIPT, organization_id=org.id)
    activity = make.activity(
        name=f"Foro {SCRIPT}", description=SCRIPT, place=SCRIPT, series_name=SCRIPT
    )
    report = make.report(person=person, activity=activity)
    report_ops.update_report(
        report,
        None,
        role=SCRIPT,
        contribution=SCRIPT,
        motive=SCRIPT,
        achievements=SCRIPT,
        lessons=SCRIPT,
        comments=SCRIPT,
    )
    project = make.project(
        name=f"Proyecto {SCRIPT}",
        thematic_area=SCRIPT,
        beneficiaries=SCRIPT,
        general_objective=SCRIPT,
        specific_objectives=SCRIPT,
        description=SCRIPT,
        country=SCRIPT,
        city=SCRIPT,
        planned_start_on=date(2025, 1, 1),
        duration_months=6,
    )
    followup = make.followup(
        owner=person,
        title=f"Tarea {SCRIPT}",
        description=SCRIPT,
        project=project,
        report=report,
        activity=activity,
        due_on=date(2026, 1, 1),
    )
    followup_ops.add_comment(followup, None, SCRIPT)
    followup_ops.reschedule(followup, None, date(2026, 2, 1), SCRIPT)
    db.session.commit()
    client = app.test_client()
    client.login(make.user(Role.COORDINATOR))
    pages = [
        "/",
        "/seguimientos/",
        f"/seguimientos/{followup.id}",
        f"/seguimientos/{followup.id}/editar",
        "/actividades/",
        f"/actividades/{activity.id}",
        "/informes/",
        f"/informes/{report.id}",
        f"/informes/{report.id}/imprimir",
        f"/informes/{report.id}/editar",
        "/proyectos/",
        f"/proyectos/{project.id}",
        "/proyectos/cronograma",
        "/instituciones/",
        f"/instituciones/{org.id}",
        "/personas/",
        f"/personas/{person.id}",
        "/calendario/?todos=1&mes=2026-02",
        "/tendencias",
    ]
    for page in pages:
        html = client.get(page).get_data(as_text=True)
        assert "<script>" not in html, page
        assert "&lt;script&gt;" in html or "&#34;" in html or "&lt;" in html, page


@pytest.mark.parametrize("path", ["/seguimientos/nuevo", "/instituciones/nueva"])
def test_every_state_change_needs_the_csrf_token(app, make, path):
    client = app.test_client()
    client.login(make.user(Role.COORDINATOR))
    response = client.post(path, data={"title": "x", "name": "x"})
    assert response.status_code == 400
