"""Options for the selects inside a form's commitment and action rows, in one query per model
whatever the number of rows, and who of the people listed cannot be reminded (no email)."""

from sqlalchemy import select

from tracker.extensions import db
from tracker.forms.common import record_options
from tracker.forms.report_form import nested_record_fields
from tracker.models import Person


def fill_row_choices(form, person_ids: set[int] | None = None) -> set[int]:
    """Give every record select of the form (rows included) its options; return the ids of
    the listed people without email. `person_ids` narrows the people offered."""
    people = select(Person.id, Person.name, Person.email).where(Person.deleted_at.is_(None))
    if person_ids is not None:
        people = people.where(Person.id.in_(person_ids))
    person_rows = db.session.execute(people.order_by(Person.name)).all()
    options: dict[type, list[tuple[int, str]]] = {Person: [(r.id, r.name) for r in person_rows]}
    for field in nested_record_fields(form):
        if field.model not in options:
            options[field.model] = record_options(field.model)
        field.options = options[field.model]
    return {row.id for row in person_rows if not row.email}
