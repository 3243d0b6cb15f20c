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


#: A record field lists its records in a select up to this many, and beyond it is a search box
#: (a picker) that suggests names as one types: thousands of options weigh on every page.
PICKER_ABOVE = 200
#: The largest id a record can have (the tables' ids are 32-bit integers on PostgreSQL): a
#: bigger number names no record, and the database would refuse to compare it.
MAX_ID = 2**31 - 1
#: Where a picker asks for names, per model (tracker/web/record_options.py answers).
PICKER_KINDS = {
    Person: "personas",
    Organization: "instituciones",
    Project: "proyectos",
    Activity: "actividades",
}


class RecordSelect:
    """Renders a record select with plain string joins: the lists of people, organizations,
    projects and activities run to hundreds of options, which WTForms' generic widget builds
    one attribute dictionary at a time. Beyond PICKER_ABOVE records, a picker instead."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        if field.flags.required:
            kwargs.setdefault("required", True)
        if field.picker:
            return _picker(field, kwargs)
        parts = [f"<select {html_params(name=field.name, **kwargs)}>"]
        if not field.required:
            parts.append('<option value="">—</option>')
        for record_id, label in field.options:
            mark = " selected" if record_id == field.data else ""
            parts.append(f'<option value="{record_id}"{mark}>{html.escape(label)}</option>')
        parts.append("</select>")
        return Markup("".join(parts))


def _picker(field, kwargs) -> Markup:
    """A search box that submits the name typed (the server finds the record by it), or the
    chosen record's id once static/js/picker.js has offered names from /opciones/<kind>."""
    from flask import url_for

    value = field.typed if field.typed is not None else field.picked_name or ""
    params = html_params(
        name=field.name,
        type="search",
        value=value,
        autocomplete="off",
        placeholder=_("Escriba para buscar…"),
        **{
            "data-picker": url_for("options.suggest", kind=PICKER_KINDS[field.model]),
            "data-value": "" if field.data is None else str(field.data),
            "data-empty": _("Ningún nombre coincide."),
        },
        **kwargs,
    )
    return Markup(f'<span class="picker"><input {params}></span>')


class RecordSelectField(SelectField):
    """A record by id; `model` names what it lists, and the value is the record.

    fill_record_choices gives it its options ((id, name) pairs), or makes it a picker when
    there are more than PICKER_ABOVE records. Either way a record's name is accepted for its
    id (what a picker submits without script); it must name exactly one record.
    """

    widget = RecordSelect()

    def __init__(self, label=None, validators=None, model=None, required=False, **kwargs):
        super().__init__(label, validators, coerce=optional_int, choices=[], **kwargs)
        self.model = model
        self.required = required
        self.options: list[tuple[int, str]] = []
        self.picker = False
        self._picked: tuple[int, str | None] | None = None  #: (id, its live record's name)
        self.typed: str | None = None  #: a name given instead of an id, until it is found

    def process_formdata(self, valuelist):
        if not valuelist:  # not in the form sent: the default stays
            return
        value = valuelist[0].strip()
        if value in ("", "None"):
            self.data = None
        elif value.isascii() and value.isdigit() and int(value) <= MAX_ID:
            self.data = int(value)
        else:  # a name (or a number no record has: it is then no name either)
            self.data, self.typed = None, value

    def share(self, other: "RecordSelectField") -> None:
        """Offer what `other` offers (its records already read): no second query."""
        self.options, self.picker = other.options, other.picker

    def pre_validate(self, form):
        if self.typed is not None:
            raise ValidationError(_l("Elija una opción de la lista."))
        if self.data is None:
            if self.required:
                raise ValidationError(_l("Este campo es obligatorio."))
            return
        if self.picker:
            if self.picked_name is None:  # a record deleted, or an id made up
                raise ValidationError(_l("Elija una opción de la lista."))
        elif not any(record_id == self.data for record_id, _name in self.options):
            raise ValidationError(_l("Elija una opción de la lista."))

    @property
    def picked_name(self) -> str | None:
        """The name of the live record a picker holds (read once), None without one."""
        if self.data is None:
            return None
        if self._picked is None or self._picked[0] != self.data:
            model = self.model
            name = db.session.scalar(
                db.select(model.name).where(model.id == self.data, model.deleted_at.is_(None))
            )
            self._picked = (self.data, name)
        return self._picked[1]

    @property
    def record(self):
        return db.session.get(self.model, self.data) if self.data is not None else None


def _live(model):
    return db.select(model.id, model.name).where(model.deleted_at.is_(None))


def record_options(model, limit: int | None = None) -> list[tuple[int, str]]:
    rows = db.session.execute(_live(model).order_by(model.name).limit(limit))
    return [tuple(row) for row in rows]


def fill_record_choices(form, fields=None) -> None:
    """Give every record select of the form (or of `fields`) its options, or make it a picker
    (one query per model, not per field); find the records named instead of given by id (one
    per name). A picker reads its record's name when it is checked or shown."""
    cache: dict[type, list | None] = {}
    fields = [
        field
        for field in (form if fields is None else fields)
        if isinstance(field, RecordSelectField)
    ]
    for field in fields:
        if field.model not in cache:
            options = record_options(field.model, limit=PICKER_ABOVE + 1)
            cache[field.model] = options if len(options) <= PICKER_ABOVE else None
        field.options = cache[field.model] or []
        field.picker = cache[field.model] is None
        if field.typed is not None:
            _find_named(field)
    _read_picked_names(fields)


def _read_picked_names(fields: list[RecordSelectField]) -> None:
    """The names of the records the pickers hold, one query per model (a form's rows would
    otherwise read one each)."""
    picked: dict[type, list[RecordSelectField]] = {}
    for field in fields:
        if field.picker and field.data is not None:
            picked.setdefault(field.model, []).append(field)
    for model, some in picked.items():
        ids = {field.data for field in some}
        names = dict(db.session.execute(_live(model).where(model.id.in_(ids))).all())
        for field in some:
            field._picked = (field.data, names.get(field.data))


def _find_named(field: RecordSelectField) -> None:
    """The one live record whose name is what was typed (letter case aside)."""
    model = field.model
    found = db.session.scalars(
        db.select(model.id)
        .where(model.deleted_at.is_(None), db.func.lower(model.name) == field.typed.lower())
        .limit(2)
    ).all()
    if len(found) == 1:
        field.data, field.typed = found[0], None


__all__ = ["Activity", "Organization", "Person", "Project", "RecordSelectField"]
