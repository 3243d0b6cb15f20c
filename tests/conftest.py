"""Fixtures: one app per test session on a real database (SQLite file, or PostgreSQL when
TRACKER_TEST_DATABASE_URL is set), emptied before each test; a client whose requests run in
their own application context like real ones; factories that return callables."""

import contextvars
import os
import re
from datetime import date

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import text

from config import Config
from tracker import create_app
from tracker.extensions import db as _db
from tracker.models import Organization, Person
from tracker.models.enums import FollowUpKind, Role

PASSWORD = "correct-horse-battery"
#: Tables filled by migrations (reference data) and kept between tests.
REFERENCE_TABLES = {"sdgs", "alembic_version"}


class IsolatedClient(FlaskClient):
    """Each request gets a fresh application context (and so its own session and `g`),
    as under a real server; the test's own session sees the committed result afterwards."""

    _csrf: str | None = None

    def open(self, *args, **kwargs):
        # Buffered: a streamed body is read inside the request's own context, as a server does.
        kwargs.setdefault("buffered", True)
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context() and _db.session.registry.has():
            _db.session.expire_all()
        return response

    def csrf_token(self) -> str:
        if self._csrf is None:
            page = self.get("/login", follow_redirects=True).get_data(as_text=True)
            self._csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        return self._csrf

    def submit(self, url: str, data: dict | None = None, **kwargs):
        """POST a form the way a browser does, with the CSRF token of this session."""
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=data, **kwargs)

    def login(self, user, password: str = PASSWORD):
        self._csrf = None
        response = self.submit("/login", {"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        self._csrf = None
        return response


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TRACKER_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    class TestConfig(Config):
        TESTING = True
        SECRET_KEY = "test-secret"
        SQLALCHEMY_DATABASE_URI = _database_url(tmp_path_factory)
        TRACKER_EMBEDDED_SCHEDULER = False
        MAIL_SUPPRESS_SEND = True
        UPLOAD_FOLDER = str(tmp_path_factory.mktemp("uploads"))
        SERVER_NAME = None
        # Hashing cost is not what the tests measure; production keeps scrypt.
        PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"

    application = create_app(TestConfig)
    application.test_client_class = IsolatedClient
    with application.app_context():
        if _db.engine.dialect.name == "postgresql":
            with _db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        from flask_migrate import upgrade

        upgrade()
    yield application
    with application.app_context():
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def db(app):
    """An app context with an empty database (reference data kept)."""
    with app.app_context():
        _empty_database()
        yield _db
        _db.session.remove()


def _empty_database() -> None:
    tables = [t for t in reversed(_db.metadata.sorted_tables) if t.name not in REFERENCE_TABLES]
    with _db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(t.name for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Factory:
    """Builds records through the operations (so history is what the app would write)."""

    def __init__(self):
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n

    def organization(self, **values) -> Organization:
        n = self._next()
        org = Organization(name=values.pop("name", f"Institución {n}"), **values)
        _db.session.add(org)
        _db.session.commit()
        return org

    def person(self, **values) -> Person:
        n = self._next()
        values.setdefault("name", f"Persona {n}")
        values.setdefault("email", f"persona{n}@example.org")
        person = Person(**values)
        _db.session.add(person)
        _db.session.commit()
        return person

    def user(self, role: Role | str = Role.MEMBER, **person_values):
        from tracker.operations.users import create_user

        person = self.person(**person_values)
        user = create_user(person.email, PASSWORD, role, person=person)
        _db.session.commit()
        return user

    def activity(self, **values):
        from tracker.operations.activities import create_activity

        n = self._next()
        values.setdefault("name", f"Actividad {n}")
        values.setdefault("start_on", date(2026, 3, 1))
        values.setdefault("end_on", date(2026, 3, 3))
        activity = create_activity(None, **values)
        _db.session.commit()
        return activity

    def report(self, person=None, activity=None, **values):
        from tracker.operations.reports import add_participant

        report = add_participant(activity or self.activity(), person or self.person(), None)
        for key, value in values.items():
            setattr(report, key, value)
        _db.session.commit()
        return report

    def project(self, **values):
        from tracker.operations.projects import create_project

        n = self._next()
        values.setdefault("name", f"Proyecto {n}")
        project = create_project(None, **values)
        _db.session.commit()
        return project

    def followup(self, owner=None, actor=None, **values):
        from tracker.operations.followups import create_followup

        n = self._next()
        values.setdefault("title", f"Seguimiento {n}")
        values.setdefault("kind", FollowUpKind.TASK)
        followup = create_followup(actor, owner=owner or self.person(), **values)
        _db.session.commit()
        return followup


@pytest.fixture
def make():
    return Factory()
