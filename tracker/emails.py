"""Email addresses checked as the web forms check them (WTForms' Email() uses email-validator),
so the CLI and the operations accept exactly what a form would."""

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from tracker.operations.errors import OperationError

#: RFC 5321's limit, and the length of every email column.
MAX_LENGTH = 254


def checked_email(address: str | None, field: str = "email") -> str:
    """The address trimmed and lower-cased, or an OperationError (on `field`) saying why not.

    Same settings as WTForms' Email(): syntax only, no DNS lookup (an offline server, or a
    partner institution's domain without MX records, must not block an account).
    """
    address = (address or "").strip().lower()
    if not address:
        raise OperationError(_("Indique un correo."), field)
    if len(address) > MAX_LENGTH:
        raise OperationError(_("El correo admite hasta %(n)d caracteres.", n=MAX_LENGTH), field)
    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError:
        raise OperationError(
            _("«%(email)s» no es una dirección de correo válida.", email=address), field
        ) from None
    return address
