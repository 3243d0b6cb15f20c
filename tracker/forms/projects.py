"""Forms of a running project: an approved extension of its end, and a result's outcome.

The rules that need the project (the new end after the current one) live in the operation,
so that the API, an import or a script are held to them too; the form checks what it can
alone (required fields, sane dates, lengths).
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from tracker.forms.common import SaneDateField
from tracker.labels import RESULT_OUTCOME_LABELS


class ExtensionForm(FlaskForm):
    new_end_on = SaneDateField(
        _l("Nuevo fin aprobado"),
        validators=[DataRequired(_l("Indique el nuevo fin aprobado."))],
    )
    reason = TextAreaField(
        _l("Motivo"),
        validators=[DataRequired(_l("Indique el motivo de la prórroga.")), Length(max=2000)],
    )
    approved_on = SaneDateField(
        _l("Fecha de aprobación"),
        validators=[DataRequired(_l("Indique la fecha de aprobación."))],
    )
    approved_by = StringField(
        _l("Aprobada por"),
        validators=[DataRequired(_l("Indique quién la aprobó.")), Length(max=200)],
        description=_l("Una persona, un comité o la nota de la contraparte."),
    )


class OutcomeForm(FlaskForm):
    outcome = SelectField(
        _l("Logro"),
        choices=[
            SelectChoice(outcome.value, label) for outcome, label in RESULT_OUTCOME_LABELS.items()
        ],
    )
