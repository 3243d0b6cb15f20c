"""Bulk loading for bench/seed.py: batched inserts, a driver-level path for the big tables,
indexes dropped and rebuilt around the load, sequences moved, SQLite's bulk-load settings."""

import json
from datetime import UTC, date
from operator import itemgetter

BATCH = 10_000


def insert_rows(connection, model, rows) -> int:
    """Insert an iterable of uniform dicts in batches; returns how many."""
    table = model.__table__ if hasattr(model, "__table__") else model
    statement, batch, count = table.insert(), [], 0
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            connection.execute(statement, batch)
            count, batch = count + len(batch), []
    if batch:
        connection.execute(statement, batch)
        count += len(batch)
    return count


def insert_native(connection, model, rows: list[dict]) -> int:
    """The big tables' path: values turned into what the driver stores (enum values, JSON
    text; on SQLite ISO dates and naive UTC instants, as SQLAlchemy writes them) and handed
    to the driver directly — executemany on SQLite, COPY on PostgreSQL — without SQLAlchemy's
    per-value processing, which costs more than the insert itself at a million rows. Columns
    the rows leave out get their scalar Python default (the server's, if any, otherwise)."""
    if not rows:
        return 0
    table = model.__table__
    keys = list(rows[0])
    defaults = {
        column.name: column.default.arg
        for column in table.columns
        if column.name not in keys and column.default is not None and column.default.is_scalar
    }
    columns = ", ".join([*keys, *defaults])
    sqlite = connection.dialect.name == "sqlite"
    converters = [
        (n, convert)
        for n, key in enumerate([*keys, *defaults])
        if (convert := _converter(table.columns[key].type, sqlite)) is not None
    ]
    getter, extra = itemgetter(*keys), tuple(defaults.values())
    values = []
    for row in rows:
        value = [*getter(row), *extra]
        for n, convert in converters:
            value[n] = convert(value[n])
        values.append(tuple(value))
    if sqlite:
        marks = ", ".join("?" * (len(keys) + len(defaults)))
        connection.exec_driver_sql(f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", values)
    else:
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
            for value in values:
                copy.write_row(value)
        cursor.close()
    return len(values)


class _Cached(dict):
    """Converted values by original (dates, instants and enum members repeat: each is
    converted once)."""

    def __init__(self, convert):
        super().__init__()
        self.convert = convert

    def __missing__(self, value):
        result = self[value] = None if value is None else self.convert(value)
        return result


def _converter(column_type, sqlite: bool):
    """What turns a Python value of this column into what the driver stores; None: as is."""
    from sqlalchemy import JSON, Boolean, Date, DateTime, TypeDecorator
    from sqlalchemy import Enum as EnumType

    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl
    if isinstance(column_type, EnumType):
        return _Cached(lambda member: member.value).__getitem__
    if isinstance(column_type, JSON):
        return json.dumps
    if not sqlite:
        return None
    if isinstance(column_type, DateTime):
        return _Cached(lambda t: t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")).__getitem__
    if isinstance(column_type, Date):
        return _Cached(date.isoformat).__getitem__
    if isinstance(column_type, Boolean):
        return _Cached(int).__getitem__
    return None


def drop_indexes(connection, *tables: str) -> list[str]:
    """Drop the secondary indexes of the big tables and return the statements that recreate
    them: building an index once over sorted keys is several times faster than keeping eleven
    up to date row by row. Indexes that back a constraint stay."""
    names = ", ".join(f"'{table}'" for table in tables)
    if connection.dialect.name == "sqlite":
        query = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({names})"
        )
    else:
        query = (
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            f"AND tablename IN ({names}) "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        )
    rows = connection.exec_driver_sql(query).all()
    for name, _sql in rows:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    return [sql for _name, sql in rows]


def sync_sequences(connection, *models) -> None:
    """PostgreSQL: explicit ids do not move the id sequences; move them past the new rows."""
    from sqlalchemy import text

    if connection.dialect.name != "postgresql":
        return
    for model in models:
        table = model.__tablename__
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        )


def bulk_load_settings(connection, loading: bool = True) -> None:
    """SQLite: a large page cache while loading (random-order index pages stay in memory), no
    foreign-key lookups per row (the ids are generated consistent), no fsync until the end.
    Set on this connection only, and put back before it returns to the pool."""
    if connection.dialect.name != "sqlite":
        return
    for pragma in (
        ("cache_size = -200000", "foreign_keys = OFF", "synchronous = OFF")
        if loading
        else ("cache_size = -2000", "foreign_keys = ON", "synchronous = NORMAL")
    ):
        connection.exec_driver_sql(f"PRAGMA {pragma}")
    connection.commit()
