"""The migrations: a database made by the first migration, with data in it, upgrades to the
newest (and back down and up again) without losing the data; the models match the newest."""

import os
import uuid

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from config import Config
from tracker import create_app


@pytest.fixture
def empty_database(tmp_path):
    """A database of its own: a SQLite file, or a fresh PostgreSQL database on the test server."""
    url = os.environ.get("TRACKER_TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    server = sa.make_url(url)
    name = f"migrations_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


def test_first_migration_with_data_upgrades_to_the_newest(empty_database):
    class MigrationConfig(Config):
        SQLALCHEMY_DATABASE_URI = empty_database
        TRACKER_EMBEDDED_SCHEDULER = False

    app = create_app(MigrationConfig)
    from tracker.extensions import db

    with app.app_context():
        upgrade(revision="0001")
        with db.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO people (id, name, email, language, wants_due_soon, created_at) "
                    "VALUES (1, 'Ana', 'ana@example.org', 'es', true, CURRENT_TIMESTAMP)"
                )
            )
            connection.execute(
                sa.text(
                    "INSERT INTO followups (id, kind, title, owner_id, due_on, original_due_on, "
                    "reschedule_count, is_due_estimated, status, priority, created_at, "
                    "updated_at, version) VALUES (1, 'commitment', 'Enviar nota', 1, "
                    "'2026-12-01', '2026-12-01', 0, false, 'open', 'normal', "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
                )
            )
        upgrade()
        inspector = sa.inspect(db.engine)
        tables = set(inspector.get_table_names())
        assert {"notifications", "access_tokens", "login_failures"} <= tables
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT title FROM followups")).scalar() == (
                "Enviar nota"
            )
            head = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        index_names = {index["name"] for index in inspector.get_indexes("followups")}
        assert "ix_followups_open_owner_due" in index_names

        downgrade(revision="0001")
        upgrade()
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT count(*) FROM followups")).scalar() == 1
            assert (
                connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
                == head
            )
        db.engine.dispose()
