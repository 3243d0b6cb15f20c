"""Sessions end when they should: a copied session (or remember-me) cookie stops working after
logout, a password change or reset, a role change and disabling; login starts a new session."""

import re

from flask_login.utils import encode_cookie

from tests.conftest import PASSWORD
from tracker.models import User
from tracker.models.enums import Role

NEW_PASSWORD = "una-contrasena-nueva"


def _copy_of_session(app, client):
    """A second browser holding the same session cookie (what a thief would have)."""
    copy = app.test_client()
    cookie = client.get_cookie("session")
    copy.set_cookie("session", cookie.value)
    return copy


def _logged_in(client) -> bool:
    response = client.get("/perfil")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/login")
        return False
    assert response.status_code == 200
    return True


def _csrf_from(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_logout_ends_a_copied_session(app, make):
    user = make.user(Role.MEMBER)
    client = app.test_client()
    client.login(user)
    thief = _copy_of_session(app, client)
    assert _logged_in(thief)
    assert client.submit("/logout").status_code == 302
    assert not _logged_in(client)
    assert not _logged_in(thief)
    # The account itself still works: a new login is a new session.
    client.login(user)
    assert _logged_in(client)
    assert not _logged_in(thief)


def test_own_password_change_ends_other_sessions_and_keeps_this_one(app, make, db):
    user = make.user(Role.MEMBER)
    client = app.test_client()
    client.login(user)
    other_device = _copy_of_session(app, client)
    response = client.submit(
        "/perfil/contrasena",
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert _logged_in(client)
    assert not _logged_in(other_device)
    fresh = app.test_client()
    assert fresh.submit("/login", {"email": user.email, "password": PASSWORD}).status_code == 401
    fresh.login(user, NEW_PASSWORD)


def test_own_password_change_needs_the_current_password(app, make, db):
    user = make.user(Role.MEMBER)
    client = app.test_client()
    client.login(user)
    other_device = _copy_of_session(app, client)
    response = client.submit(
        "/perfil/contrasena",
        {
            "current_password": "no-es-la-actual",
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 400
    assert "La contraseña actual no es correcta." in response.get_data(as_text=True)
    assert _logged_in(other_device)
    assert db.session.get(User, user.id).check_password(PASSWORD)


def test_admin_password_reset_ends_the_users_sessions(app, make):
    admin, user = make.user(Role.ADMIN), make.user(Role.MEMBER)
    victim = app.test_client()
    victim.login(user)
    admin_client = app.test_client()
    admin_client.login(admin)
    response = admin_client.submit(
        f"/usuarios/{user.id}/editar",
        {"role": "member", "is_enabled": "1", "password": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not _logged_in(victim)
    assert _logged_in(admin_client)


def test_admin_resetting_their_own_password_stays_logged_in_here_only(app, make):
    admin = make.user(Role.ADMIN)
    client = app.test_client()
    client.login(admin)
    other_device = _copy_of_session(app, client)
    response = client.submit(
        f"/usuarios/{admin.id}/editar",
        {"role": "admin", "is_enabled": "1", "password": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _logged_in(client)
    assert not _logged_in(other_device)


def test_role_change_and_disabling_end_the_users_sessions(app, make, db):
    admin, user = make.user(Role.ADMIN), make.user(Role.COORDINATOR)
    admin_client = app.test_client()
    admin_client.login(admin)

    browser = app.test_client()
    browser.login(user)
    admin_client.submit(f"/usuarios/{user.id}/editar", {"role": "viewer", "is_enabled": "1"})
    assert not _logged_in(browser)

    browser.login(user)
    admin_client.submit(f"/usuarios/{user.id}/editar", {"role": "viewer", "is_enabled": "0"})
    assert not _logged_in(browser)
    # And a disabled account cannot log in again.
    refused = browser.submit("/login", {"email": user.email, "password": PASSWORD})
    assert refused.status_code == 401


def test_saving_an_account_unchanged_keeps_its_sessions(app, make):
    admin, user = make.user(Role.ADMIN), make.user(Role.MEMBER)
    admin_client = app.test_client()
    admin_client.login(admin)
    browser = app.test_client()
    browser.login(user)
    admin_client.submit(f"/usuarios/{user.id}/editar", {"role": "member", "is_enabled": "1"})
    assert _logged_in(browser)


def test_remember_me_cookie_stops_working_after_a_password_change(app, make, db):
    user = make.user(Role.MEMBER)
    with app.test_request_context():
        # What Flask-Login writes into the remember-me cookie for this account today.
        remembered = encode_cookie(db.session.get(User, user.id).get_id())
    browser = app.test_client()
    browser.set_cookie("remember_token", remembered)
    assert _logged_in(browser)

    client = app.test_client()
    client.login(user)
    client.submit(
        "/perfil/contrasena",
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    stale = app.test_client()
    stale.set_cookie("remember_token", remembered)
    assert not _logged_in(stale)


def test_a_session_id_without_version_names_nobody(app, make):
    user = make.user(Role.MEMBER)
    with app.test_request_context():
        # The shape every cookie had before versions: refused, not an error.
        old_style = encode_cookie(str(user.id))
    browser = app.test_client()
    browser.set_cookie("remember_token", old_style)
    assert not _logged_in(browser)


def test_login_replaces_the_csrf_secret(app, make):
    user = make.user(Role.MEMBER)
    client = app.test_client()
    before = _csrf_from(client.get("/login").get_data(as_text=True))
    raw_before = _session_csrf(app, client)
    assert (
        client.submit(
            "/login", {"email": user.email, "password": PASSWORD, "csrf_token": before}
        ).status_code
        == 302
    )
    after = _csrf_from(client.get("/perfil").get_data(as_text=True))
    assert raw_before is not None and _session_csrf(app, client) != raw_before
    assert after != before
    # A token read before the login (e.g. planted by someone else) is refused after it.
    stale = client.post(
        "/perfil", data={"language": "en", "wants_due_soon": "1", "csrf_token": before}
    )
    assert stale.status_code == 400
    fresh = client.post(
        "/perfil", data={"language": "en", "wants_due_soon": "1", "csrf_token": after}
    )
    assert fresh.status_code == 302


def _session_csrf(app, client) -> str | None:
    """The CSRF secret held in this client's signed session cookie."""
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.loads(client.get_cookie("session").value).get("csrf_token")
