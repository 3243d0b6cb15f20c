"""The participation report as the paper form has it: sections, commitment and action rows,
observations, attachments; plus the small "Nuevo informe" form."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from sqlalchemy import select
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from tracker.extensions import db
from tracker.forms.common import RecordSelectField, SaneDateField, optional_int
from tracker.labels import ACTIVITY_KIND_LABELS, MODALITY_LABELS, PRIORITY_LABELS, choices
from tracker.models import Activity, Organization, Person
from tracker.models.enums import AttachmentKind, Priority

LONG_TEXT = [Optional(), Length(max=20000)]
LINES = _l("Una por línea.")


#: What a row's tracking state means: still pending, already done (with its date), or kept
#: only as history (never reminded). Stored as status/completed_on and FollowUp.is_muted.
class RowState(StrEnum):
    OPEN = "open"
    DONE = "done"
    MUTED = "muted"


STATE_OPEN, STATE_DONE, STATE_MUTED = RowState.OPEN, RowState.DONE, RowState.MUTED
STATE_LABELS = {
    STATE_OPEN: _l("Pendiente"),
    STATE_DONE: _l("Ya cumplido"),
    STATE_MUTED: _l("No recordar"),
}

ATTACHMENT_KIND_LABELS = {
    AttachmentKind.INVITATION: _l("Carta de invitación"),
    AttachmentKind.AGENDA: _l("Agenda"),
    AttachmentKind.TRAVEL_AGREEMENT: _l("Acuerdo de viaje"),
    AttachmentKind.PROGRAMME: _l("Programa"),
    AttachmentKind.OTHER: _l("Otro"),
    AttachmentKind.ORIGINAL_FORM: _l("Formulario original"),
}
#: Kinds a person picks when attaching (the original form comes from the importer).
UPLOAD_KINDS = [k for k in ATTACHMENT_KIND_LABELS if k != AttachmentKind.ORIGINAL_FORM]


class ItemRowForm(Form):
    """One commitment or recommended action: a row of the form's table."""

    followup_id = HiddenField(filters=[optional_int])
    text = TextAreaField(_l("Texto"), validators=[Optional(), Length(max=2000)])
    owner = RecordSelectField(_l("Responsable"), model=Person)
    organization = RecordSelectField(_l("Institución responsable"), model=Organization)
    due_on = SaneDateField(
        _l("Fecha límite"),
        validators=[Optional()],
        description=_l("Vacía: sin fecha (se estima)."),
    )
    priority = SelectField(_l("Prioridad"), choices=choices(PRIORITY_LABELS), default="normal")
    state = SelectField(_l("Seguimiento"), choices=choices(STATE_LABELS), default=STATE_OPEN.value)
    completed_on = SaneDateField(_l("Cumplido el"), validators=[Optional()])
    remove = BooleanField(_l("Quitar"))

    @property
    def is_blank(self) -> bool:
        """A row nobody wrote in (the spare rows): ignored on save."""
        return not self.followup_id.data and not (self.text.data or "").strip()

    def validate_text(self, field):
        if self.followup_id.data and not self.remove.data and not (field.data or "").strip():
            raise ValidationError(_l("Escriba el texto o marque «Quitar»."))

    def validate_state(self, field):
        # Here, not on completed_on: its Optional() stops the chain when it is empty.
        if self.is_blank or self.remove.data:
            return
        if field.data == STATE_DONE and self.completed_on.data is None:
            raise ValidationError(_l("Indique cuándo se cumplió."))


class AttachmentRowForm(Form):
    """A document already attached: its kind can change, or it can be removed."""

    attachment_id = HiddenField(filters=[optional_int])
    kind = SelectField(_l("Tipo de documento"), choices=choices(ATTACHMENT_KIND_LABELS))
    remove = BooleanField(_l("Quitar"))


class ReportContentForm(FlaskForm):
    """Every section of the participation report, in the paper form's order."""

    # Section 1, coordination only (the view removes these for everyone else).
    person_name = StringField(_l("Nombre"), validators=[DataRequired(), Length(max=200)])
    person_position = StringField(_l("Cargo"), validators=[Optional(), Length(max=200)])
    person_unit = StringField(_l("Dependencia"), validators=[Optional(), Length(max=200)])

    role = StringField(_l("Calidad de participación"), validators=[Optional(), Length(max=300)])
    contribution = TextAreaField(
        _l("Contribución de la actividad al logro de las metas institucionales"),
        validators=LONG_TEXT,
    )
    motive = TextAreaField(
        _l("Motivo de la participación (contexto y objetivos)"), validators=LONG_TEXT
    )
    achievements = TextAreaField(
        _l("Principales logros obtenidos"), description=LINES, validators=LONG_TEXT
    )
    lessons = TextAreaField(_l("Lecciones aprendidas"), description=LINES, validators=LONG_TEXT)
    commitments = FieldList(FormField(ItemRowForm), label=_l("Compromisos adquiridos"))
    actions = FieldList(FormField(ItemRowForm), label=_l("Acciones de seguimiento recomendadas"))
    observations = TextAreaField(
        _l("Observaciones para la/el próxima/o representante"),
        description=LINES,
        validators=LONG_TEXT,
    )
    comments = TextAreaField(_l("Comentarios adicionales"), validators=LONG_TEXT)
    attachments = FieldList(FormField(AttachmentRowForm), label=_l("Documentos adjuntos"))
    new_files = MultipleFileField(
        _l("Adjuntar documentos"),
        description=_l("Acuerdo de viaje, carta de invitación, agenda, programa…"),
    )
    new_kind = SelectField(
        _l("Tipo de los documentos que adjunta"),
        choices=choices({k: ATTACHMENT_KIND_LABELS[k] for k in UPLOAD_KINDS}),
        default=AttachmentKind.AGENDA.value,
    )

    add_commitment = SubmitField(_l("Añadir compromiso"))
    add_action = SubmitField(_l("Añadir acción"))
    save = SubmitField(_l("Guardar"))
    save_and_submit = SubmitField(_l("Guardar y entregar"))

    TEXT_FIELDS = ("role", "contribution", "motive", "achievements", "lessons", "comments")

    @property
    def wants_another_row(self) -> str | None:
        """Which list an "Añadir" button asked to grow (nothing is saved then)."""
        if self.add_commitment.data:
            return "commitments"
        if self.add_action.data:
            return "actions"
        return None


class NewReportForm(FlaskForm):
    """ "Nuevo informe": an activity already registered, or the basic data of a new one."""

    person = RecordSelectField(_l("Participante"), model=Person)
    activity = RecordSelectField(_l("Actividad registrada"), model=Activity)
    name = StringField(_l("Nombre de la actividad nueva"), validators=[Optional(), Length(max=300)])
    kind = SelectField(_l("Tipo"), choices=choices(ACTIVITY_KIND_LABELS), default="meeting")
    modality = SelectField(_l("Modalidad"), choices=choices(MODALITY_LABELS), default="in_person")
    start_on = SaneDateField(_l("Inicio"), validators=[Optional()])
    end_on = SaneDateField(_l("Fin"), validators=[Optional()])
    place = StringField(_l("Lugar"), validators=[Optional(), Length(max=200)])

    def validate_activity(self, field):
        if field.data is None and not (self.name.data or "").strip():
            raise ValidationError(_l("Elija una actividad o escriba el nombre de una nueva."))
        if field.data is not None and (self.name.data or "").strip():
            raise ValidationError(_l("Elija una actividad o cree una nueva, no ambas."))

    def validate_start_on(self, field):
        if (self.name.data or "").strip() and field.data is None:
            raise ValidationError(_l("Indique cuándo empezó la actividad."))

    def validate_end_on(self, field):
        if not (self.name.data or "").strip():
            return
        if field.data is None:
            raise ValidationError(_l("Indique cuándo terminó la actividad."))
        if self.start_on.data and field.data < self.start_on.data:
            raise ValidationError(_l("El fin no puede ser anterior al inicio."))


def nested_record_fields(form):
    """Every RecordSelectField of the form, including those inside row lists."""
    for field in form:
        if isinstance(field, RecordSelectField):
            yield field
        elif isinstance(field, FieldList):
            for entry in field:
                if isinstance(entry, FormField):
                    yield from nested_record_fields(entry.form)


def item_rows(form, lists: dict) -> list:
    """The written rows of the form's lists ({list name: FollowUpKind}) as ItemRows for
    tracker.operations.report_items, every row's owner and institution read in one query per
    model (the form's validation already checked they are listed). A row that names a
    responsible only in words (the import preview) keeps them while nobody is chosen."""
    from tracker.operations.report_items import ItemRow

    entries = [
        (kind, entry.form)
        for name, kind in lists.items()
        for entry in form[name]
        if not entry.form.is_blank
    ]
    people = _by_id(Person, {row.owner.data for _kind, row in entries})
    organizations = _by_id(Organization, {row.organization.data for _kind, row in entries})
    rows = []
    for kind, row in entries:
        stated = getattr(row, "stated_responsible", None)
        rows.append(
            ItemRow(
                kind=kind,
                text=row.text.data or "",
                owner=people.get(row.owner.data),
                organization=organizations.get(row.organization.data),
                due_on=row.due_on.data,
                priority=Priority(row.priority.data),
                state=row.state.data,
                completed_on=row.completed_on.data if row.state.data == STATE_DONE else None,
                followup_id=row.followup_id.data,
                remove=bool(row.remove.data),
                stated_responsible=stated.data if stated and not row.owner.data else None,
            )
        )
    return rows


def _by_id(model, ids: set) -> dict:
    ids = {record_id for record_id in ids if record_id is not None}
    if not ids:
        return {}
    records = db.session.scalars(select(model).where(model.id.in_(ids)))
    return {record.id: record for record in records}
