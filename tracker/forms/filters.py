"""The filters of the list pages: GET forms, so a filtered list is a URL one can share."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import Length, Optional, ValidationError

from tracker.forms.common import RecordSelectField, SaneDateField
from tracker.labels import (
    ACTIVITY_KIND_LABELS,
    KIND_LABELS,
    PROJECT_STATUS_LABELS,
    REPORT_STATUS_LABELS,
    STATUS_LABELS,
    choices,
)
from tracker.models import Activity, Organization, Person, Project
from tracker.queries.followups import SORT_LABELS
from tracker.sdgs import sdg_choices

ANY = [SelectChoice("", _l("Todos"))]


class GetForm(FlaskForm):
    class Meta:
        csrf = False


def sort_choices() -> list[SelectChoice]:
    options = [SelectChoice("", _l("Urgencia"))]
    for key, label in SORT_LABELS.items():
        options += [
            SelectChoice(key, _l("%(label)s ↑", label=label)),
            SelectChoice(f"-{key}", _l("%(label)s ↓", label=label)),
        ]
    return options


class FollowUpFilterForm(GetForm):
    q = StringField(_l("Buscar"), validators=[Optional(), Length(max=200)])
    status = SelectField(
        _l("Estado"),
        choices=[
            SelectChoice("pending", _l("Pendientes")),
            SelectChoice("all", _l("Todos")),
            *choices(STATUS_LABELS),
        ],
        default="pending",
    )
    kind = SelectField(_l("Tipo"), choices=ANY + choices(KIND_LABELS), default="")
    owner = RecordSelectField(_l("Responsable"), model=Person)
    organization = RecordSelectField(_l("Institución"), model=Organization)
    project = RecordSelectField(_l("Proyecto"), model=Project)
    activity = RecordSelectField(_l("Actividad"), model=Activity)
    due_from = SaneDateField(_l("Vence desde"), validators=[Optional()])
    due_to = SaneDateField(_l("Vence hasta"), validators=[Optional()])
    overdue = BooleanField(_l("Solo vencidos"))
    sdg = SelectField(_l("ODS"), choices=sdg_choices, default="")
    completed_from = SaneDateField(_l("Cumplidos desde"), validators=[Optional()])
    outside = BooleanField(_l("A cargo de otras instituciones"))
    #: Column and direction ("-due": latest first); empty: most urgent first.
    sort = SelectField(_l("Ordenar por"), choices=sort_choices, default="")

    def validate_due_to(self, field):
        if field.data and self.due_from.data and field.data < self.due_from.data:
            raise ValidationError(_l("El final del rango es anterior a su inicio."))


class ActivityFilterForm(GetForm):
    q = StringField(_l("Buscar"), validators=[Optional(), Length(max=200)])
    kind = SelectField(_l("Tipo"), choices=ANY + choices(ACTIVITY_KIND_LABELS), default="")
    organization = RecordSelectField(_l("Organizadora"), model=Organization)
    date_from = SaneDateField(_l("Desde"), validators=[Optional()])
    date_to = SaneDateField(_l("Hasta"), validators=[Optional()])


class ReportFilterForm(GetForm):
    q = StringField(_l("Buscar"), validators=[Optional(), Length(max=200)])
    status = SelectField(_l("Estado"), choices=ANY + choices(REPORT_STATUS_LABELS), default="")
    person = RecordSelectField(_l("Persona"), model=Person)
    activity = RecordSelectField(_l("Actividad"), model=Activity)
    overdue = BooleanField(_l("Solo vencidos"))


class ProjectFilterForm(GetForm):
    q = StringField(_l("Buscar"), validators=[Optional(), Length(max=200)])
    status = SelectField(_l("Estado"), choices=ANY + choices(PROJECT_STATUS_LABELS), default="")
    organization = RecordSelectField(_l("Institución"), model=Organization)
    overrun = BooleanField(_l("Pasados de su fin previsto"))
    stale = BooleanField(_l("Ficha sin actualizar"))


class SearchForm(GetForm):
    q = StringField(_l("Buscar"), validators=[Optional(), Length(max=200)])
    organization = RecordSelectField(_l("Institución"), model=Organization)


class DashboardFilterForm(GetForm):
    """The dashboard's filters; they narrow the follow-up tiles, counts and list."""

    owner = RecordSelectField(_l("Responsable"), model=Person)
    organization = RecordSelectField(_l("Institución"), model=Organization)
    project = RecordSelectField(_l("Proyecto"), model=Project)
    activity = RecordSelectField(_l("Actividad"), model=Activity)
    sdg = SelectField(_l("ODS"), choices=sdg_choices, default="")
    kind = SelectField(_l("Tipo"), choices=ANY + choices(KIND_LABELS), default="")
    mine = BooleanField(_l("Mis pendientes"))
