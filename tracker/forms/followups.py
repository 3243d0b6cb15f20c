from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from tracker.forms.common import RecordSelectField, SaneDateField
from tracker.labels import KIND_LABELS, PRIORITY_LABELS, STATUS_LABELS, choices
from tracker.models import Activity, Organization, Person, Project
from tracker.operations.bulk import BulkAction


class FollowUpForm(FlaskForm):
    kind = SelectField(_l("Tipo"), choices=choices(KIND_LABELS), default="task")
    title = StringField(_l("Título"), validators=[DataRequired(), Length(max=300)])
    description = TextAreaField(_l("Descripción"), validators=[Optional(), Length(max=10000)])
    owner = RecordSelectField(_l("Responsable"), model=Person, required=True)
    organization = RecordSelectField(_l("Institución responsable"), model=Organization)
    priority = SelectField(_l("Prioridad"), choices=choices(PRIORITY_LABELS), default="normal")
    start_on = SaneDateField(_l("Inicio"), validators=[Optional()])
    due_on = SaneDateField(_l("Fecha límite"), validators=[Optional()])
    project = RecordSelectField(_l("Proyecto"), model=Project)
    activity = RecordSelectField(_l("Actividad"), model=Activity)
    #: The version the page was loaded with; a stale save is refused.
    version = HiddenField()


class StatusForm(FlaskForm):
    status = SelectField(_l("Nuevo estado"), choices=choices(STATUS_LABELS))
    comment = TextAreaField(_l("Comentario"), validators=[Optional(), Length(max=5000)])


class RescheduleForm(FlaskForm):
    due_on = SaneDateField(_l("Nueva fecha límite"), validators=[DataRequired()])
    reason = TextAreaField(_l("Motivo"), validators=[DataRequired(), Length(max=2000)])


class CommentForm(FlaskForm):
    text = TextAreaField(_l("Comentario"), validators=[DataRequired(), Length(max=5000)])


class ConfirmForm(FlaskForm):
    """A bare form for buttons that change state (CSRF token only)."""

    reason = TextAreaField(_l("Motivo"), validators=[Optional(), Length(max=2000)])


BULK_ACTION_LABELS = {
    BulkAction.STATUS: _l("Cambiar el estado"),
    BulkAction.OWNER: _l("Cambiar la persona responsable"),
    BulkAction.RESCHEDULE: _l("Cambiar la fecha límite"),
    BulkAction.DELETE: _l("Enviar a la papelera"),
}


#: The bulk form's fields are "bulk-action"…: its ids never clash with the list's filters.
BULK_PREFIX = "bulk-"


class BulkForm(FlaskForm):
    """One change for the rows selected on the follow-up list."""

    ids = SelectMultipleField(_l("Seguimientos"), coerce=int, validate_choice=False)
    action = SelectField(_l("Acción"), choices=choices(BULK_ACTION_LABELS))
    status = SelectField(
        _l("Nuevo estado"), choices=[SelectChoice("", "—"), *choices(STATUS_LABELS)], default=""
    )
    owner = RecordSelectField(_l("Nueva persona responsable"), model=Person)
    due_on = SaneDateField(_l("Nueva fecha límite"), validators=[Optional()])
    reason = StringField(_l("Motivo"), validators=[Optional(), Length(max=2000)])
    #: Where to come back to: the list with its filters (a path of this site only).
    back = HiddenField()

    def validate_ids(self, field):
        if not field.data:
            raise ValidationError(_l("Marque al menos un seguimiento."))


class SavedViewForm(FlaskForm):
    """Name the follow-up list's current filters."""

    name = StringField(_l("Nombre de la vista"), validators=[DataRequired(), Length(max=80)])
    #: The list's query string, filled by the page.
    query = HiddenField(validators=[Length(max=4000)])
