"""Declarative base, naming convention and the column types every model shares."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData, bindparam, types
from sqlalchemy.orm import DeclarativeBase, registry

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current instant as an aware UTC datetime (pass the function, not its result)."""
    return datetime.now(UTC)


class UTCDateTime(types.TypeDecorator):
    """Stores instants in UTC and always hands back aware datetimes.

    SQLite has no time zone support, so naive values read from it are UTC by convention.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    # Every datetime column is an aware UTC instant.
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


def in_literals(column, name: str, values):
    """`column IN (…)` with the values written into the SQL as literals: SQLite uses a partial
    index only when the query's own text implies the index's WHERE, which a bound parameter
    never does."""
    return column.in_(bindparam(name, list(values), expanding=True, literal_execute=True))
