"""The upload form and the editable previews of a parsed form, with their conversion back."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from tracker.dates import planned_end
from tracker.forms.common import RecordSelectField, SaneDateField
from tracker.forms.report_form import STATE_OPEN, ItemRowForm, ReportContentForm, item_rows
from tracker.importers import Institution, ParsedProject, ParsedReport
from tracker.importers.participation_report import ActivityInfo, ReportBody
from tracker.importers.participation_report import Person as ParsedPerson
from tracker.labels import ACTIVITY_KIND_LABELS, PROJECT_STATUS_LABELS, choices
from tracker.models import Person
from tracker.models.enums import FollowUpKind, InstitutionRole, Priority
from tracker.operations.report_items import ITEM_LISTS, ItemRow

LINES = _l("Uno por línea.")
TEXT = [Optional(), Length(max=20000)]


class UploadForm(FlaskForm):
    files = FileField(
        _l("Formularios (.txt, .docx o .pdf)"),
        validators=[FileRequired(_l("Elija al menos un archivo."))],
        render_kw={"multiple": True, "accept": ".txt,.docx,.pdf"},
    )


def _lines(text: str | None) -> list[str]:
    return [line.strip(" \t•·-") for line in (text or "").splitlines() if line.strip(" \t•·-")]


class ImportItemRowForm(ItemRowForm):
    """A commitment or action read from the file, as the report form's row, plus the
    responsible the file names when nobody in the directory matched it."""

    owner = RecordSelectField(
        _l("Responsable"), model=Person, description=_l("Vacío: la persona participante.")
    )
    stated_responsible = StringField(
        _l("Responsable indicado en el archivo"), validators=[Optional(), Length(max=200)]
    )


class ReportPreviewForm(FlaskForm):
    person_name = StringField(_l("Nombre"), validators=[DataRequired(), Length(max=200)])
    person_position = StringField(_l("Cargo"), validators=[Optional(), Length(max=200)])
    activity_name = StringField(
        _l("Nombre de la actividad"), validators=[DataRequired(), Length(max=300)]
    )
    activity_kind = SelectField(_l("Tipo de actividad"), choices=choices(ACTIVITY_KIND_LABELS))
    series = StringField(_l("Serie o foro recurrente"), validators=[Optional(), Length(max=200)])
    start_date = SaneDateField(_l("Inicio de la actividad"), validators=[DataRequired()])
    end_date = SaneDateField(_l("Fin de la actividad"), validators=[DataRequired()])
    organizers = TextAreaField(_l("Organizaciones encargadas"), description=LINES, validators=TEXT)
    role = StringField(_l("Calidad de participación"), validators=[Optional(), Length(max=300)])
    contribution = TextAreaField(_l("Contribución a las metas"), validators=TEXT)
    motive = TextAreaField(_l("Motivo de la participación"), validators=TEXT)
    achievements = TextAreaField(_l("Principales logros"), description=LINES, validators=TEXT)
    lessons = TextAreaField(_l("Lecciones aprendidas"), description=LINES, validators=TEXT)
    commitments = FieldList(FormField(ImportItemRowForm), label=_l("Compromisos adquiridos"))
    actions = FieldList(
        FormField(ImportItemRowForm), label=_l("Acciones de seguimiento recomendadas")
    )
    handover_notes = TextAreaField(
        _l("Observaciones para la próxima representación"), description=LINES, validators=TEXT
    )
    comments = TextAreaField(_l("Comentarios adicionales"), validators=TEXT)
    add_commitment = SubmitField(_l("Añadir compromiso"))
    add_action = SubmitField(_l("Añadir acción"))

    wants_another_row = ReportContentForm.wants_another_row

    #: Parser keys ("person.name") → the field that shows them.
    MISSING_FIELDS = {
        "person.name": "person_name",
        "person.position": "person_position",
        "activity.name": "activity_name",
        "activity.kind": "activity_kind",
        "activity.start_date": "start_date",
        "activity.end_date": "end_date",
        "activity.organizers": "organizers",
        "report.role": "role",
        "report.contribution": "contribution",
        "report.motive": "motive",
        "report.achievements": "achievements",
        "commitments": "commitments",
        "actions": "actions",
        "handover_notes": "handover_notes",
    }

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("El fin no puede ser anterior al inicio."))

    @classmethod
    def initial(cls, parsed: ParsedReport, rows: list[ItemRow] | None = None) -> dict:
        """The form filled from the file; `rows` are its commitments and actions as read
        (tracker.operations.import_followups.rows_from_parsed), one form row each."""
        by_kind: dict[str, list[dict]] = {name: [] for name in ITEM_LISTS}
        for row in rows or []:
            by_kind[_list_of(row.kind)].append(_row_data(row))
        return {
            "person_name": parsed.person.name,
            "person_position": parsed.person.position,
            "activity_name": parsed.activity.name,
            "activity_kind": parsed.activity.kind or "other",
            "series": parsed.activity.series,
            "start_date": parsed.activity.start_date,
            "end_date": parsed.activity.end_date,
            "organizers": "\n".join(parsed.activity.organizers),
            "role": parsed.report.role,
            "contribution": parsed.report.contribution,
            "motive": parsed.report.motive,
            "achievements": "\n".join(parsed.report.achievements),
            "lessons": "\n".join(parsed.report.lessons),
            "commitments": by_kind["commitments"] + [SPARE_ROW],
            "actions": by_kind["actions"] + [SPARE_ROW],
            "handover_notes": "\n".join(parsed.handover_notes),
            "comments": parsed.report.comments,
        }

    def to_parsed(self) -> ParsedReport:
        """The form as the coordinator corrected it, in the shape the import operation takes."""
        return ParsedReport(
            person=ParsedPerson(self.person_name.data, self.person_position.data or None),
            activity=ActivityInfo(
                name=self.activity_name.data,
                kind=self.activity_kind.data,
                start_date=self.start_date.data,
                end_date=self.end_date.data,
                organizers=_lines(self.organizers.data),
                series=self.series.data or None,
            ),
            report=ReportBody(
                role=self.role.data or None,
                contribution=self.contribution.data or None,
                motive=self.motive.data or None,
                achievements=_lines(self.achievements.data),
                lessons=_lines(self.lessons.data),
                comments=self.comments.data or None,
            ),
            handover_notes=_lines(self.handover_notes.data),
        )

    def item_rows(self) -> list[ItemRow]:
        """The commitment and action rows as corrected. An empty owner stands for the
        participant (filled when saving)."""
        return item_rows(self, ITEM_LISTS)


#: The blank row under each list, for one more commitment or action.
SPARE_ROW = {"priority": Priority.NORMAL.value, "state": STATE_OPEN.value}


def _list_of(kind: FollowUpKind) -> str:
    return next(name for name, k in ITEM_LISTS.items() if k == kind)


def _row_data(row: ItemRow) -> dict:
    return {
        **SPARE_ROW,
        "text": row.text,
        "owner": row.owner.id if row.owner else None,
        "organization": row.organization.id if row.organization else None,
        "due_on": row.due_on,
        "stated_responsible": row.stated_responsible,
    }


INSTITUTION_LINE = re.compile(
    r"^(?P<name>[^|]+?)\s*(?:\|\s*(?P<acronym>[^|]*?)\s*)?"
    r"(?:\|\s*(?P<country>[^|]*?)\s*)?(?:\|\s*(?P<role>[^|]*?)\s*)?$"
)


class ProjectPreviewForm(FlaskForm):
    name = StringField(_l("Nombre del proyecto"), validators=[DataRequired(), Length(max=300)])
    thematic_area = StringField(_l("Área temática"), validators=[Optional(), Length(max=200)])
    sdgs = StringField(
        _l("ODS"),
        description=_l("Números separados por comas, p. ej. 5, 10."),
        validators=[Optional(), Length(max=100)],
    )
    institutions = TextAreaField(
        _l("Instituciones involucradas"),
        description=_l(
            "Una por línea: nombre | siglas | país | rol (lead, counterpart, participant)."
        ),
        validators=TEXT,
    )
    country = StringField(_l("País"), validators=[Optional(), Length(max=80)])
    city = StringField(_l("Ciudad"), validators=[Optional(), Length(max=120)])
    beneficiaries = TextAreaField(_l("Beneficiarios finales"), validators=TEXT)
    start_date = SaneDateField(_l("Inicio previsto"), validators=[Optional()])
    duration_months = IntegerField(
        _l("Duración (meses)"), validators=[Optional(), NumberRange(min=1, max=240)]
    )
    status = SelectField(_l("Estado"), choices=choices(PROJECT_STATUS_LABELS))
    lead = RecordSelectField(_l("Persona a cargo"), model=Person)
    general_objective = TextAreaField(_l("Objetivo general"), validators=TEXT)
    specific_objectives = TextAreaField(
        _l("Objetivos específicos"), description=LINES, validators=TEXT
    )
    description = TextAreaField(_l("Breve descripción"), validators=TEXT)
    results = TextAreaField(_l("Resultados esperados"), description=LINES, validators=TEXT)
    information_updated_on = SaneDateField(
        _l("Información actualizada el"), validators=[Optional()]
    )

    MISSING_FIELDS = {
        "project.name": "name",
        "project.thematic_area": "thematic_area",
        "project.sdgs": "sdgs",
        "project.institutions": "institutions",
        "project.country": "country",
        "project.beneficiaries": "beneficiaries",
        "project.start_date": "start_date",
        "project.duration_months": "duration_months",
        "project.status": "status",
        "project.general_objective": "general_objective",
        "project.description": "description",
        "project.information_updated_on": "information_updated_on",
        "results": "results",
    }

    def validate_sdgs(self, field):
        try:
            numbers = self.sdg_numbers()
        except ValueError:
            raise ValidationError(_l("Escriba números del 1 al 17 separados por comas.")) from None
        if any(not 1 <= n <= 17 for n in numbers):
            raise ValidationError(_l("Los ODS van del 1 al 17."))

    def validate_institutions(self, field):
        roles = {role.value for role in InstitutionRole}
        for line in _lines(field.data):
            match = INSTITUTION_LINE.match(line)
            if match and (match["role"] or "participant") not in roles:
                raise ValidationError(
                    _l(
                        "Rol desconocido en «%(line)s»: use lead, counterpart o participant.",
                        line=line,
                    )
                )

    def sdg_numbers(self) -> list[int]:
        return [int(part) for part in re.split(r"[,\s;]+", self.sdgs.data or "") if part]

    @classmethod
    def initial(cls, parsed: ParsedProject) -> dict:
        return {
            "name": parsed.name,
            "thematic_area": parsed.thematic_area,
            "sdgs": ", ".join(str(n) for n in parsed.sdgs),
            "institutions": "\n".join(
                " | ".join([i.name, i.acronym or "", i.country or "", i.role])
                for i in parsed.institutions
            ),
            "country": parsed.country,
            "city": parsed.city,
            "beneficiaries": parsed.beneficiaries,
            "start_date": parsed.start_date,
            "duration_months": parsed.duration_months,
            "status": parsed.status or "pipeline",
            "general_objective": parsed.general_objective,
            "specific_objectives": "\n".join(parsed.specific_objectives),
            "description": parsed.description,
            "results": "\n".join(parsed.results),
            "information_updated_on": parsed.information_updated_on,
        }

    def to_parsed(self) -> ParsedProject:
        institutions = []
        for line in _lines(self.institutions.data):
            match = INSTITUTION_LINE.match(line)
            institutions.append(
                Institution(
                    name=match["name"].strip(),
                    acronym=match["acronym"] or None,
                    country=match["country"] or None,
                    role=match["role"] or "participant",
                )
            )
        start, months = self.start_date.data, self.duration_months.data
        return ParsedProject(
            name=self.name.data,
            thematic_area=self.thematic_area.data or None,
            sdgs=self.sdg_numbers(),
            institutions=institutions,
            country=self.country.data or None,
            city=self.city.data or None,
            beneficiaries=self.beneficiaries.data or None,
            start_date=start,
            duration_months=months,
            planned_end_date=planned_end(start, months) if start and months else None,
            status=self.status.data,
            general_objective=self.general_objective.data or None,
            specific_objectives=_lines(self.specific_objectives.data),
            description=self.description.data or None,
            results=_lines(self.results.data),
            information_updated_on=self.information_updated_on.data,
        )


def preview_form_for(parsed, prefix: str, formdata=None, rows: list[ItemRow] | None = None):
    """The preview form that fits the parsed document, filled from it or from the request.

    Each upload's form has its own prefix, so several previews share a page without clashing.
    """
    form_class = ReportPreviewForm if isinstance(parsed, ParsedReport) else ProjectPreviewForm
    if formdata is None:
        initial = form_class.initial(parsed, *([rows] if rows is not None else []))
        return form_class(formdata=None, data=initial, prefix=prefix)
    return form_class(formdata=formdata, prefix=prefix)
