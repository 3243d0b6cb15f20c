"""Personal access tokens, used as a person would: the profile screen, the secret seen once, the
hash in the database, revoking, and what the API says to a token that no longer works."""

import hashlib
import re
from datetime import timedelta

from tracker.extensions import db
from tracker.models import AccessToken, AuditEvent
from tracker.models.base import utcnow
from tracker.models.enums import Role, TokenKind
from tracker.operations.tokens import find_active_token, issue_token

SECRET = re.compile(r'id="secret"[^>]*value="([^"]+)"')


def _create_on_screen(client, name="Integración SIGEF", **extra):
    return client.submit("/perfil/tokens/", {"name": name, **extra})


def _bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def test_token_lifecycle_through_the_screens(client, make):
    user = make.user(Role.MEMBER)
    client.login(user)
    profile = client.get("/perfil").get_data(as_text=True)
    assert 'href="/perfil/tokens/"' in profile

    created = _create_on_screen(client)
    assert created.status_code == 200
    assert created.headers["Cache-Control"] == "no-store"
    page = created.get_data(as_text=True)
    assert "no se volverá a mostrar" in page
    secret = SECRET.search(page).group(1)
    assert len(secret) >= 43

    # Stored hashed only: the secret is in no column of the row.
    token = db.session.scalars(db.select(AccessToken)).one()
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr([getattr(token, c.key) for c in AccessToken.__table__.columns])
    assert (token.kind, token.name, token.user_id) == (TokenKind.API, "Integración SIGEF", user.id)

    # The list shows it, never the secret again.
    listing = client.get("/perfil/tokens/").get_data(as_text=True)
    assert "Integración SIGEF" in listing and secret not in listing and "Activo" in listing

    assert client.get("/api/v1/followups", headers=_bearer(secret)).status_code == 200
    db.session.refresh(token)
    assert token.last_used_at is not None

    revoked = client.submit(f"/perfil/tokens/{token.id}/revocar")
    assert revoked.status_code == 302
    assert "revocado" in client.get("/perfil/tokens/").get_data(as_text=True)
    refused = client.get("/api/v1/followups", headers=_bearer(secret))
    assert refused.status_code == 401
    assert refused.get_json()["error"] == "invalid_token"
    assert refused.headers["WWW-Authenticate"] == 'Bearer realm="api", error="invalid_token"'
    actions = db.session.scalars(
        db.select(AuditEvent.action).filter_by(entity_type="access_tokens", entity_id=token.id)
    ).all()
    assert actions == ["created", "revoked"]


def test_token_needs_a_name_and_may_expire(client, make):
    user = make.user(Role.VIEWER)
    client.login(user)
    missing = _create_on_screen(client, name="   ")
    assert missing.status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(AccessToken)) == 0

    created = _create_on_screen(client, name="Tablero", expires_in="30")
    assert created.status_code == 200
    token = db.session.scalars(db.select(AccessToken)).one()
    assert timedelta(days=29) < token.expires_at - utcnow() <= timedelta(days=30)


def test_calendar_tokens_are_listed_and_do_not_open_the_api(client, make, token_for):
    user = make.user(Role.COORDINATOR)
    secret = token_for(user, kind=TokenKind.CALENDAR, name="Mi calendario")
    client.login(user)
    listing = client.get("/perfil/tokens/").get_data(as_text=True)
    assert "Mi calendario" in listing and "Calendario" in listing
    assert client.get("/api/v1/followups", headers=_bearer(secret)).status_code == 401
    assert find_active_token(secret, TokenKind.CALENDAR) is not None


def test_someone_elses_token_cannot_be_revoked(client, make, token_for):
    owner, other = make.user(Role.MEMBER), make.user(Role.ADMIN)
    secret = token_for(owner)
    token = db.session.scalars(db.select(AccessToken)).one()
    client.login(other)
    assert client.submit(f"/perfil/tokens/{token.id}/revocar").status_code == 404
    assert "Pruebas" not in client.get("/perfil/tokens/").get_data(as_text=True)
    assert client.get("/api/v1/followups", headers=_bearer(secret)).status_code == 200


def test_revoke_needs_the_csrf_token(client, make, token_for):
    user = make.user(Role.MEMBER)
    token_for(user)
    token = db.session.scalars(db.select(AccessToken)).one()
    client.login(user)
    assert client.post(f"/perfil/tokens/{token.id}/revocar").status_code == 400
    db.session.refresh(token)
    assert token.revoked_at is None


def test_expired_token_and_disabled_account_are_refused(client, make, token_for):
    user = make.user(Role.COORDINATOR)
    secret = token_for(user)
    token = db.session.scalars(db.select(AccessToken)).one()
    assert client.get("/api/v1/followups", headers=_bearer(secret)).status_code == 200

    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/followups", headers=_bearer(secret)).status_code == 401

    token.expires_at = None
    user.is_enabled = False
    db.session.commit()
    assert client.get("/api/v1/followups", headers=_bearer(secret)).status_code == 401


def test_last_use_is_written_at_most_once_a_minute(client, make, token_for):
    user = make.user(Role.MEMBER)
    secret = token_for(user)
    token = db.session.scalars(db.select(AccessToken)).one()
    client.get("/api/v1/followups", headers=_bearer(secret))
    db.session.refresh(token)
    first = token.last_used_at
    client.get("/api/v1/followups", headers=_bearer(secret))
    db.session.refresh(token)
    assert token.last_used_at == first

    token.last_used_at = utcnow() - timedelta(minutes=2)
    db.session.commit()
    client.get("/api/v1/followups", headers=_bearer(secret))
    db.session.refresh(token)
    assert token.last_used_at > first


def test_find_active_token_ignores_junk(make):
    user = make.user(Role.MEMBER)
    _token, secret = issue_token(user, TokenKind.API, "x")
    db.session.commit()
    for junk in (None, "", "x" * 500, secret + "x", secret.upper()):
        assert find_active_token(junk, TokenKind.API) is None
    assert find_active_token(secret, TokenKind.API).user_id == user.id
    assert find_active_token(secret, "calendar") is None
