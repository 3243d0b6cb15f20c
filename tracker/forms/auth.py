from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from tracker.labels import ROLE_LABELS, choices


class LoginForm(FlaskForm):
    email = EmailField(_l("Correo"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Contraseña"), validators=[DataRequired(), Length(max=200)])


class UserForm(FlaskForm):
    name = StringField(_l("Nombre"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Correo"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Rol"), choices=choices(ROLE_LABELS), default="member")
    password = PasswordField(_l("Contraseña"), validators=[DataRequired(), Length(min=10, max=200)])


class UserEditForm(FlaskForm):
    role = SelectField(_l("Rol"), choices=choices(ROLE_LABELS))
    is_enabled = SelectField(
        _l("Cuenta"),
        choices=[SelectChoice("1", _l("Activa")), SelectChoice("0", _l("Desactivada"))],
    )
    password = PasswordField(
        _l("Nueva contraseña (opcional)"), validators=[Optional(), Length(min=10, max=200)]
    )


class ProfileForm(FlaskForm):
    language = SelectField(
        _l("Idioma"), choices=[SelectChoice("es", "Español"), SelectChoice("en", "English")]
    )
    wants_due_soon = SelectField(
        _l("Avisos de vencimiento próximo"),
        choices=[SelectChoice("1", _l("Recibirlos")), SelectChoice("0", _l("No recibirlos"))],
    )
    #: Stored on the account (User.notices_by_mail): the daily digest reads it.
    notices_by_mail = BooleanField(_l("Recibir estas novedades también en el correo diario"))


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        _l("Contraseña actual"), validators=[DataRequired(), Length(max=200)]
    )
    new_password = PasswordField(
        _l("Nueva contraseña"), validators=[DataRequired(), Length(min=10, max=200)]
    )
    confirm_password = PasswordField(
        _l("Repita la nueva contraseña"),
        validators=[
            DataRequired(),
            EqualTo("new_password", message=_l("Las dos contraseñas no coinciden.")),
        ],
    )
