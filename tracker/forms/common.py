"""Field helpers shared by the forms."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField
from wtforms.validators import ValidationError

from tracker.extensions import db
from tracker.models import Activity, Organization, Person, Project

NONE_CHOICE = SelectChoice("", "—")


def optional_int(value) -> int | None:
    if value in (None, "", "None"):
        return None
    return int(value)


class RecordSelectField(SelectField):
    """A select of records by id; `model` names what it lists, and the value is the record."""

    def __init__(self, label=None, validators=None, model=None, required=False, **kwargs):
        super().__init__(label, validators, coerce=optional_int, **kwargs)
        self.model = model
        self.required = required

    def pre_validate(self, form):
        if self.data is None:
            if self.required:
                raise ValidationError(_l("Este campo es obligatorio."))
            return
        if self.data not in {optional_int(choice.value) for choice in self.choices or []}:
            raise ValidationError(_l("Elija una opción de la lista."))

    @property
    def record(self):
        return db.session.get(self.model, self.data) if self.data is not None else None


def _options(model, label_attr: str = "name") -> list[SelectChoice]:
    column = getattr(model, label_attr)
    rows = db.session.execute(
        db.select(model.id, column).where(model.deleted_at.is_(None)).order_by(column)
    )
    return [SelectChoice(str(row[0]), row[1]) for row in rows]


def fill_record_choices(form) -> None:
    """Give every record select of the form its options (one query per model, not per row)."""
    cache: dict[type, list] = {}
    for field in form:
        if isinstance(field, RecordSelectField):
            if field.model not in cache:
                cache[field.model] = _options(field.model)
            options = cache[field.model]
            field.choices = options if field.required else [NONE_CHOICE, *options]


__all__ = ["Activity", "Organization", "Person", "Project", "RecordSelectField"]
