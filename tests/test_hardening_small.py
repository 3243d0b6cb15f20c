"""Small guarantees: documents of trashed records are gone, private answers are not cached,
the CLI checks emails as the forms do, and absolute links ignore the Host header."""

import re

import pytest

from tracker.extensions import db
from tracker.models import AccessToken, Person, User
from tracker.models.enums import Role, TokenKind
from tracker.operations.attachments import store_attachment
from tracker.operations.tokens import issue_token

BASE = "http://127.0.0.1:5000"  # TRACKER_BASE_URL of the tests' config
#: A request whose Host header names another site.
EVIL = {"HTTP_HOST": "evil.example"}


def _session_also_for_evil(app, client) -> None:
    """A forged Host header reaches the app with the victim's cookie (a proxy or cache that
    routes by another header); the test client only sends a cookie to its host, so copy it."""
    client.csrf_token()  # puts the form token in the session before the copy
    name = app.config["SESSION_COOKIE_NAME"]
    client.set_cookie(name, client.get_cookie(name).value, domain="evil.example")


@pytest.fixture
def coordinator_client(app, make):
    client = app.test_client()
    client.login(make.user(Role.COORDINATOR))
    return client


def _attach(**record) -> int:
    attachment = store_attachment(b"Informe original", "informe.txt", None)
    for key, value in record.items():
        setattr(attachment, key, value)
    db.session.commit()
    return attachment.id


# --- attachments of trashed records -----------------------------------------------------------


def test_a_trashed_reports_document_is_404_until_restored(app, make, coordinator_client):
    report = make.report()
    url = f"/adjuntos/{_attach(report_id=report.id)}"
    member = app.test_client()
    member.login(make.user(Role.MEMBER))
    assert coordinator_client.get(url).status_code == 200
    assert member.get(url).status_code == 200

    assert coordinator_client.submit(f"/informes/{report.id}/eliminar").status_code == 302
    assert coordinator_client.get(url).status_code == 404
    assert member.get(url).status_code == 404

    restore = coordinator_client.submit(f"/papelera/informes/{report.id}/restaurar")
    assert restore.status_code == 302
    restored = coordinator_client.get(url)
    assert restored.status_code == 200 and restored.data == b"Informe original"


def test_a_trashed_projects_document_is_404(app, make, coordinator_client):
    project = make.project()
    url = f"/adjuntos/{_attach(project_id=project.id)}"
    assert coordinator_client.get(url).status_code == 200
    assert coordinator_client.submit(f"/proyectos/{project.id}/eliminar").status_code == 302
    assert coordinator_client.get(url).status_code == 404


def test_a_document_of_a_report_whose_activity_is_trashed_is_404(make, coordinator_client):
    report = make.report()
    url = f"/adjuntos/{_attach(report_id=report.id)}"
    deleted = coordinator_client.submit(f"/actividades/{report.activity_id}/eliminar")
    assert deleted.status_code == 302
    assert coordinator_client.get(url).status_code == 404


# --- Cache-Control ------------------------------------------------------------------------------


def test_private_answers_are_no_store_and_public_ones_are_not(app, make, coordinator_client):
    report = make.report()
    attachment_url = f"/adjuntos/{_attach(report_id=report.id)}"
    for url in (
        "/",
        "/seguimientos/",
        "/seguimientos/exportar.csv",
        "/seguimientos/exportar.xlsx",
        f"/informes/{report.id}",
        attachment_url,
        "/perfil/tokens/",
    ):
        response = coordinator_client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url

    anonymous = app.test_client()
    login = anonymous.get("/login")
    assert login.status_code == 200 and "no-store" not in login.headers.get("Cache-Control", "")
    static = coordinator_client.get("/static/favicon.svg")
    assert static.status_code == 200
    assert "no-store" not in static.headers.get("Cache-Control", "")


def test_api_answers_and_the_calendar_feed_are_no_store(app, make):
    user = make.user(Role.MEMBER)
    _token, secret = issue_token(user, TokenKind.API, "programa")
    _feed, feed_secret = issue_token(user, TokenKind.CALENDAR, "calendario")
    db.session.commit()
    client = app.test_client()
    api = client.get("/api/v1/followups", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200 and api.headers["Cache-Control"] == "no-store"
    feed = client.get(f"/calendario/feed/{feed_secret}.ics")
    assert feed.status_code == 200 and feed.headers["Cache-Control"] == "no-store"


# --- the CLI checks emails ------------------------------------------------------------------------


@pytest.mark.parametrize("email", ["no-es-un-correo", "ana@", "ana@localhost", "a b@example.org"])
def test_cli_refuses_a_bad_email_in_one_line_and_writes_nothing(runner, email):
    args = ["users", "create", "--email", email, "--password", "una-clave-larga"]
    result = runner.invoke(args=args)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "no es una dirección de correo válida" in lines[0], result.output
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 0


def test_cli_accepts_what_the_web_form_accepts(runner):
    args = [
        "users",
        "create",
        "--email",
        " Ana.Perez@Inamu.go.cr ",
        "--password",
        "una-clave-larga",
    ]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(User.email)) == "ana.perez@inamu.go.cr"


def test_the_web_form_refuses_the_same_bad_email(app, make):
    admin = app.test_client()
    admin.login(make.user(Role.ADMIN))
    page = admin.get("/usuarios/nuevo")
    assert page.status_code == 200
    response = admin.submit(
        "/usuarios/nuevo",
        {"email": "ana@localhost", "password": "una-clave-larga", "role": "member"},
    )
    assert response.status_code == 400
    assert db.session.scalar(db.select(User.id).filter_by(email="ana@localhost")) is None


# --- absolute links ignore the Host header -----------------------------------------------------


def test_the_calendar_feed_link_is_on_the_base_url_whatever_the_host(app, make):
    client = app.test_client()
    client.login(make.user(Role.MEMBER))
    _session_also_for_evil(app, client)
    page = client.submit("/calendario/enlace", environ_overrides=EVIL).get_data(as_text=True)
    url = re.search(r'value="(http[^"]+\.ics)"', page).group(1)
    assert url.startswith(f"{BASE}/calendario/feed/")
    assert "evil.example" not in page
    # The feed's own links (to each follow-up) are on the base URL too.
    feed = app.test_client().get(url.removeprefix(BASE), environ_overrides=EVIL)
    assert feed.status_code == 200 and b"evil.example" not in feed.data


def test_the_tokens_page_and_api_links_are_on_the_base_url(app, make):
    user = make.user(Role.MEMBER)
    make.followup(owner=user.person, title="Con enlace")
    client = app.test_client()
    client.login(user)
    _session_also_for_evil(app, client)
    page = client.get("/perfil/tokens/", environ_overrides=EVIL).get_data(as_text=True)
    assert f"{BASE}/api/" in page and "evil.example" not in page

    _token, secret = issue_token(user, TokenKind.API, "programa")
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    listed = client.get("/api/v1/followups", headers=headers, environ_overrides=EVIL).get_json()
    assert listed["items"][0]["url"].startswith(f"{BASE}/seguimientos/")
    created = client.post(
        "/api/v1/followups",
        json={"title": "Nuevo", "kind": "task", "owner_id": user.person_id},
        headers=headers,
        environ_overrides=EVIL,
    )
    assert created.status_code == 201
    assert created.headers["Location"].startswith(f"{BASE}/api/v1/followups/")
    assert db.session.scalar(db.select(db.func.count(AccessToken.id))) == 1
