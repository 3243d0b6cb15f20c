"""Connection settings for SQLite, the embedded default's database."""

from sqlalchemy import event
from sqlalchemy.engine import Engine


def configure_sqlite(engine: Engine) -> None:
    """Foreign keys enforced (SQLite leaves them off), WAL so the scheduler and the web
    process can write and read side by side, a busy timeout instead of instant "database is
    locked" errors, and memory-mapped reads for the dashboard's index scans."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA mmap_size = 268435456")
        cursor.close()
