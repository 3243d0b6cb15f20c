"""Options for the selects inside a form's commitment and action rows, in one query per model
whatever the number of rows (or pickers, beyond PICKER_ABOVE records), and who of the people
chosen cannot be reminded (no email)."""

from sqlalchemy import select

from tracker.extensions import db
from tracker.forms.common import fill_record_choices
from tracker.forms.report_form import nested_record_fields
from tracker.models import Person


def fill_row_choices(form, person_ids: set[int] | None = None) -> set[int]:
    """Give every record field of the form (rows included) its options; return the ids of
    the people chosen who have no email. `person_ids` narrows the people offered
    (a select of just those, however many people there are)."""
    fields = list(nested_record_fields(form))
    people = [field for field in fields if field.model is Person]
    if person_ids is None:
        fill_record_choices(form, fields)
    else:
        fill_record_choices(form, [field for field in fields if field.model is not Person])
        rows = db.session.execute(
            select(Person.id, Person.name)
            .where(Person.deleted_at.is_(None), Person.id.in_(person_ids))
            .order_by(Person.name)
        ).all()
        for field in people:
            field.options = [tuple(row) for row in rows]
    chosen = {field.data for field in people if field.data is not None}
    if not chosen:
        return set()
    return set(
        db.session.scalars(select(Person.id).where(Person.id.in_(chosen), Person.email.is_(None)))
    )
