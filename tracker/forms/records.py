"""Forms for organizations, people, activities, participants, reports and projects."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from tracker.forms.common import RecordSelectField, SaneDateField
from tracker.labels import (
    ACTIVITY_KIND_LABELS,
    MODALITY_LABELS,
    ORGANIZATION_KIND_LABELS,
    PROJECT_STATUS_LABELS,
    choices,
)
from tracker.models import Organization, Person

LONG_TEXT = [Optional(), Length(max=20000)]


class OrganizationForm(FlaskForm):
    name = StringField(_l("Nombre"), validators=[DataRequired(), Length(max=200)])
    acronym = StringField(_l("Siglas"), validators=[Optional(), Length(max=30)])
    country = StringField(_l("País"), validators=[Optional(), Length(max=80)])
    kind = SelectField(_l("Tipo"), choices=choices(ORGANIZATION_KIND_LABELS), default="other")


class PersonForm(FlaskForm):
    name = StringField(_l("Nombre"), validators=[DataRequired(), Length(max=200)])
    position = StringField(_l("Cargo"), validators=[Optional(), Length(max=200)])
    unit = StringField(_l("Dependencia"), validators=[Optional(), Length(max=200)])
    email = EmailField(_l("Correo"), validators=[Optional(), Email(), Length(max=254)])
    organization = RecordSelectField(_l("Institución"), model=Organization)
    supervisor = RecordSelectField(_l("Jefatura inmediata"), model=Person)
    language = SelectField(
        _l("Idioma"), choices=[SelectChoice("es", "Español"), SelectChoice("en", "English")]
    )
    wants_due_soon = BooleanField(
        _l("Recibe avisos de vencimiento próximo"),
        default=True,
        description=_l("Los avisos de atraso y las escalaciones siempre se envían."),
    )


class ActivityForm(FlaskForm):
    name = StringField(_l("Nombre de la actividad"), validators=[DataRequired(), Length(max=300)])
    series_name = StringField(
        _l("Serie o foro recurrente"),
        validators=[Optional(), Length(max=200)],
        description=_l("Las observaciones para la próxima representación se guardan aquí."),
    )
    kind = SelectField(_l("Tipo"), choices=choices(ACTIVITY_KIND_LABELS), default="meeting")
    modality = SelectField(_l("Modalidad"), choices=choices(MODALITY_LABELS), default="in_person")
    start_on = SaneDateField(_l("Inicio"), validators=[DataRequired()])
    end_on = SaneDateField(_l("Fin"), validators=[DataRequired()])
    place = StringField(_l("Lugar"), validators=[Optional(), Length(max=200)])
    organizers = SelectMultipleField(_l("Organizadoras"), coerce=int)
    description = TextAreaField(_l("Descripción"), validators=LONG_TEXT)

    def validate_end_on(self, field):
        if field.data and self.start_on.data and field.data < self.start_on.data:
            raise ValidationError(_l("El fin no puede ser anterior al inicio."))


class ParticipantForm(FlaskForm):
    person = RecordSelectField(_l("Persona"), model=Person, required=True)
    role = StringField(_l("Calidad de participación"), validators=[Optional(), Length(max=300)])


class ProjectForm(FlaskForm):
    name = StringField(_l("Nombre del proyecto"), validators=[DataRequired(), Length(max=300)])
    thematic_area = StringField(_l("Área temática"), validators=[Optional(), Length(max=200)])
    sdgs = SelectMultipleField(_l("Objetivos de Desarrollo Sostenible"), coerce=int)
    country = StringField(_l("País"), validators=[Optional(), Length(max=80)])
    city = StringField(_l("Ciudad"), validators=[Optional(), Length(max=120)])
    beneficiaries = TextAreaField(_l("Beneficiarios finales"), validators=LONG_TEXT)
    planned_start_on = SaneDateField(_l("Inicio previsto"), validators=[Optional()])
    duration_months = IntegerField(
        _l("Duración (meses)"), validators=[Optional(), NumberRange(min=1, max=240)]
    )
    actual_end_on = SaneDateField(_l("Fin real"), validators=[Optional()])
    status = SelectField(_l("Estado"), choices=choices(PROJECT_STATUS_LABELS), default="pipeline")
    lead = RecordSelectField(_l("Persona a cargo"), model=Person)
    general_objective = TextAreaField(_l("Objetivo general"), validators=LONG_TEXT)
    specific_objectives = TextAreaField(
        _l("Objetivos específicos (uno por línea)"), validators=LONG_TEXT
    )
    description = TextAreaField(_l("Breve descripción"), validators=LONG_TEXT)
    information_updated_on = SaneDateField(
        _l("Información actualizada el"), validators=[Optional()]
    )
    update_interval_months = IntegerField(
        _l("Actualizar la ficha cada (meses)"),
        default=6,
        validators=[DataRequired(), NumberRange(min=1, max=60)],
    )

    def validate_actual_end_on(self, field):
        if field.data and self.planned_start_on.data and field.data < self.planned_start_on.data:
            raise ValidationError(_l("El fin no puede ser anterior al inicio."))


class InstitutionForm(FlaskForm):
    organization = RecordSelectField(_l("Institución"), model=Organization, required=True)
    role = SelectField(_l("Rol"))
