"""Create, edit, soft-delete and restore the plain records (organizations, people, activities,
projects), with their history in AuditEvent."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func

from tracker.extensions import db
from tracker.models import Organization, Person, User
from tracker.models.base import utcnow
from tracker.operations.errors import OperationError
from tracker.operations.history import apply_changes, as_text, record_audit


def create_record(model: type, actor: User | None, **values: Any):
    _check_unique(model, values)
    record = model(**values)
    db.session.add(record)
    db.session.flush()
    created = {k: [None, as_text(v)] for k, v in values.items() if v not in (None, "", [])}
    record_audit(record, actor, "created", created)
    return record


def update_record(record, actor: User | None, **values: Any) -> dict:
    _check_unique(type(record), values, record.id)
    if isinstance(record, Person) and values.get("supervisor") is not None:
        _check_supervisor_chain(record, values["supervisor"])
    changes = apply_changes(record, values)
    if changes:
        record_audit(record, actor, "updated", changes)
        db.session.flush()
    return changes


def delete_record(record, actor: User | None, reason: str | None = None) -> None:
    """Soft delete: the record disappears from lists but stays, restorable, with its history."""
    if record.deleted_at is None:
        record.deleted_at = utcnow()
        record_audit(record, actor, "deleted", comment=reason)
        db.session.flush()


def restore_record(record, actor: User | None) -> None:
    if record.deleted_at is not None:
        record.deleted_at = None
        record_audit(record, actor, "restored")
        db.session.flush()


_UNIQUE = {
    Organization: ("name", lambda: _("Ya existe una institución con ese nombre.")),
    Person: ("email", lambda: _("Ya hay una persona con ese correo.")),
}


def _check_unique(model: type, values: dict, own_id: int | None = None) -> None:
    """Refuse duplicates with a message next to the field (before the database would)."""
    if model not in _UNIQUE:
        return
    field, message = _UNIQUE[model]
    value = values.get(field)
    if not value:
        return
    column = getattr(model, field)
    query = db.select(model.id).where(func.lower(column) == value.lower())
    if own_id is not None:
        query = query.where(model.id != own_id)
    if db.session.scalar(query.limit(1)) is not None:
        raise OperationError(message(), field)


def _check_supervisor_chain(person: Person, supervisor: Person) -> None:
    """A person cannot supervise themselves, directly or up the chain (escalations would loop)."""
    seen: set[int] = set()
    current: Person | None = supervisor
    while current is not None and current.id not in seen:
        if current.id == person.id:
            raise OperationError(_("Una persona no puede ser su propia jefatura."), "supervisor")
        seen.add(current.id)
        current = current.supervisor
