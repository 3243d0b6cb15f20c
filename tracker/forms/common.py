"""Field helpers shared by the forms."""

import html

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import DateField, SelectField
from wtforms.validators import ValidationError
from wtforms.widgets import html_params

from tracker.dates import SANE_MAX, SANE_MIN, is_sane
from tracker.extensions import db
from tracker.models import Activity, Organization, Person, Project


def optional_int(value) -> int | None:
    if value in (None, "", "None"):
        return None
    return int(value)


class SaneDateField(DateField):
    """A date field that refuses days outside SANE_MIN..SANE_MAX with a message in words.

    Python accepts 0001-01-01 and 9999-12-31, but arithmetic on such a day (a timeline's margin,
    the day after a deadline) overflows, and no deadline of this unit is that far away: such a
    value is a typo. The browser is told the same bounds (min/max on the input).
    """

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"min": SANE_MIN.isoformat(), "max": SANE_MAX.isoformat()}
        render_kw.update(kwargs.pop("render_kw", None) or {})
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def _value(self):
        # isoformat, not strftime: "%Y" drops the leading zeros of a year below 1000, and an
        # odd date stored before this rule must show as typed so that it can be corrected.
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.isoformat() if self.data else ""

    def pre_validate(self, form):
        if not is_sane(self.data):
            raise ValidationError(
                _(
                    "La fecha debe estar entre el %(first)s y el %(last)s.",
                    first=format_date(SANE_MIN, "long"),
                    last=format_date(SANE_MAX, "long"),
                )
            )


class RecordSelect:
    """Renders a record select with plain string joins: the lists of people, organizations,
    projects and activities run to thousands of options, which WTForms' generic widget builds
    one attribute dictionary at a time (most of a list page's time at 100,000 follow-ups)."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        if field.flags.required:
            kwargs.setdefault("required", True)
        parts = [f"<select {html_params(name=field.name, **kwargs)}>"]
        if not field.required:
            parts.append('<option value="">—</option>')
        for record_id, label in field.options:
            mark = " selected" if record_id == field.data else ""
            parts.append(f'<option value="{record_id}"{mark}>{html.escape(label)}</option>')
        parts.append("</select>")
        return Markup("".join(parts))


class RecordSelectField(SelectField):
    """A select of records by id; `model` names what it lists, and the value is the record.

    Its options are (id, name) pairs in `options`, filled by fill_record_choices.
    """

    widget = RecordSelect()

    def __init__(self, label=None, validators=None, model=None, required=False, **kwargs):
        super().__init__(label, validators, coerce=optional_int, choices=[], **kwargs)
        self.model = model
        self.required = required
        self.options: list[tuple[int, str]] = []

    def pre_validate(self, form):
        if self.data is None:
            if self.required:
                raise ValidationError(_l("Este campo es obligatorio."))
            return
        if not any(record_id == self.data for record_id, _name in self.options):
            raise ValidationError(_l("Elija una opción de la lista."))

    @property
    def record(self):
        return db.session.get(self.model, self.data) if self.data is not None else None


def record_options(model) -> list[tuple[int, str]]:
    rows = db.session.execute(
        db.select(model.id, model.name).where(model.deleted_at.is_(None)).order_by(model.name)
    )
    return [tuple(row) for row in rows]


def fill_record_choices(form) -> None:
    """Give every record select of the form its options (one query per model, not per row)."""
    cache: dict[type, list] = {}
    for field in form:
        if isinstance(field, RecordSelectField):
            if field.model not in cache:
                cache[field.model] = record_options(field.model)
            field.options = cache[field.model]


__all__ = ["Activity", "Organization", "Person", "Project", "RecordSelectField"]
