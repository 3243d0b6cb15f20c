"""The history of a record that is not a follow-up (follow-ups carry their own events)."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import AuditEvent, User


def history_of(entity) -> list[AuditEvent]:
    """Every recorded change of `entity`, oldest first, with who made it (one statement)."""
    return db.session.scalars(
        select(AuditEvent)
        .filter_by(entity_type=entity.__tablename__, entity_id=entity.id)
        .options(joinedload(AuditEvent.actor).joinedload(User.person))
        .order_by(AuditEvent.id)
    ).all()
