"""Recording what changed: a diff of fields as JSON-friendly strings."""

from datetime import date, datetime
from enum import Enum
from typing import Any

from tracker.extensions import db
from tracker.models import AuditEvent, User


def as_text(value: Any) -> str | None:
    """How a value is kept in history: readable and stable, whatever its type."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "id") and hasattr(value, "__tablename__"):
        return str(value)
    return str(value)


def apply_changes(obj: Any, values: dict[str, Any]) -> dict[str, list[str | None]]:
    """Set the attributes that differ and return {field: [old, new]} for those."""
    changes: dict[str, list[str | None]] = {}
    for field, new in values.items():
        old = getattr(obj, field)
        if old != new:
            changes[field] = [as_text(old), as_text(new)]
            setattr(obj, field, new)
    return changes


def record_audit(
    entity: Any,
    actor: User | None,
    action: str,
    changes: dict | None = None,
    comment: str | None = None,
) -> AuditEvent:
    """Add a history row for a record that is not a follow-up (the entity must have an id)."""
    if entity.id is None:
        db.session.flush()
    event = AuditEvent(
        entity_type=entity.__tablename__,
        entity_id=entity.id,
        actor=actor,
        action=action,
        changes=changes or {},
        comment=comment,
    )
    db.session.add(event)
    return event
