"""Many rows into one table, fast: no statement per row, values converted once.

SQLAlchemy converts every parameter of every row through its column's type and builds a
parameter set per row; for the tens of thousands of rows a reminder run writes (outbox rows,
mail links) that costs more than the database's own work. Here each column's conversion — its
type's bind processor for the connection's dialect, so the stored values are exactly the
ones SQLAlchemy would write — is remembered per distinct value (a run has few distinct dates,
statuses or instants), and the rows go to the driver as they are, many per statement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Table

from tracker.extensions import db

#: Rows handed to the driver at a time (SQLite: one executemany of a prepared statement).
CHUNK = 5000
#: Dialects whose INSERT has ON CONFLICT (…) DO NOTHING, and the placeholder their driver takes.
_ON_CONFLICT = {"sqlite", "postgresql"}
_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


class Converters:
    """Each column's conversion to what the driver takes, remembered per value."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.dialect = db.session.connection().dialect

    def of(self, column: str, key: Callable[[Any], Any] | None = None) -> Callable[[Any], Any]:
        """The column's conversion; `key` makes an unhashable value (a list) hashable."""
        column_type = self.table.c[column].type.dialect_impl(self.dialect)
        process = column_type.bind_processor(self.dialect)
        if process is None:
            return _same
        memo: dict[Any, Any] = {}

        def convert(value: Any) -> Any:
            k = key(value) if key is not None else value
            try:
                return memo[k]
            except KeyError:
                memo[k] = converted = process(value)
                return converted

        return convert


def _same(value: Any) -> Any:
    return value


def insert_many(
    table: Table,
    columns: Sequence[str],
    rows: Iterable[tuple],
    skip_existing: Sequence[str] = (),
) -> int:
    """Insert `rows` (driver values in `columns` order, see Converters); returns how many went in.

    With `skip_existing` (the columns of a unique key) a row whose key exists — or repeats
    among `rows` — is skipped by the database (ON CONFLICT DO NOTHING) and not counted. The
    rows go in in their order (ids are assigned in it).

    SQLite: one prepared INSERT run for every row (executemany, a loop in C). PostgreSQL: COPY
    into a temporary table, then one INSERT … SELECT (an executemany is a statement per row
    on the server, and psycopg turns parameters into SQL in Python; COPY formats rows in C).
    """
    connection = db.session.connection()
    dialect = connection.dialect
    if skip_existing and dialect.name not in _ON_CONFLICT:
        raise RuntimeError(f"no idempotent insert for the {dialect.name} dialect")
    preparer = dialect.identifier_preparer
    target, names = preparer.format_table(table), ", ".join(map(preparer.quote, columns))
    tail = f" ON CONFLICT ({', '.join(map(preparer.quote, skip_existing))}) DO NOTHING"
    tail = tail if skip_existing else ""
    if dialect.name == "postgresql":
        return _copy_in(connection, table, target, names, rows, tail)
    values = ", ".join([_PLACEHOLDERS[dialect.paramstyle]] * len(columns))
    statement = f"INSERT INTO {target} ({names}) VALUES ({values}){tail}"
    inserted = 0
    rows = iter(rows)
    while chunk := list(islice(rows, CHUNK)):
        # The driver's row count: the rows actually inserted.
        inserted += connection.exec_driver_sql(statement, chunk).rowcount
    return inserted


def _copy_in(connection, table: Table, target: str, names: str, rows, tail: str) -> int:
    """PostgreSQL: COPY the rows, numbered, into a temporary table; insert them in order."""
    staging = connection.dialect.identifier_preparer.quote(f"_bulk_{table.name}")
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "
        f"SELECT 0::bigint AS _n, {names} FROM {target} WITH NO DATA"
    )
    cursor = connection.connection.driver_connection.cursor()
    with cursor, cursor.copy(f"COPY {staging} (_n, {names}) FROM STDIN") as copy:
        for n, row in enumerate(rows):
            copy.write_row((n, *row))
    inserted = connection.exec_driver_sql(
        f"INSERT INTO {target} ({names}) SELECT {names} FROM {staging} ORDER BY _n{tail}"
    ).rowcount
    # After an error the transaction is rolled back, and the table with it.
    connection.exec_driver_sql(f"DROP TABLE {staging}")
    return inserted
