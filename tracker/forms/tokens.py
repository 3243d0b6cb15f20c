from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length

from tracker.operations.tokens import NAME_MAX_LENGTH


class ApiTokenForm(FlaskForm):
    name = StringField(
        _l("Nombre"),
        validators=[DataRequired(), Length(max=NAME_MAX_LENGTH)],
        description=_l("Para reconocerlo después, p. ej. «Integración SIGEF»."),
    )
    #: Days until the token stops working; "" never expires.
    expires_in = SelectField(
        _l("Vence"),
        choices=[
            SelectChoice("", _l("Nunca")),
            SelectChoice("30", _l("En 30 días")),
            SelectChoice("90", _l("En 90 días")),
            SelectChoice("365", _l("En un año")),
        ],
        default="",
    )
