"""The marshmallow fields of the API's input: each one validates a value and, through its
class and metadata, tells apispec how to document it, so the rule and its description are
written once.

The messages are the API's own (Spanish, English with Accept-Language), raised when a request is
validated, not marshmallow's stock English. A field knows whether it reads a query string
(every value is text) or a JSON body (values have JSON types) from the schema it belongs to
(`FROM_QUERY`).
"""

import re
from datetime import date
from enum import StrEnum
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields

from tracker.dates import SANE_MAX, SANE_MIN, is_sane
from tracker.routing import MAX_ID

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_QUERY_INTEGER = re.compile(r"[0-9]{1,12}")
#: Messages marshmallow raises itself (a missing or null value), in the API's words.
_MESSAGES = {
    "required": _l("Este campo es obligatorio."),
    "null": _l("No puede ser null."),
}


def _metadata(kwargs: dict[str, Any], **rules: Any) -> dict[str, Any]:
    """The OpenAPI keywords of a field: its `description` and the rules it enforces."""
    metadata = {**kwargs.pop("metadata", {}), **rules}
    if "description" in kwargs:
        metadata["description"] = kwargs.pop("description")
    return metadata


def _from_query(field: fields.Field) -> bool:
    return bool(getattr(field.root, "FROM_QUERY", False))


def check_text(value: str) -> None:
    """NUL is refused by PostgreSQL and lone surrogates by every encoder: say so, don't crash."""
    if "\x00" in value:
        raise ValidationError(_("Contiene caracteres no permitidos."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(_("Contiene caracteres no permitidos.")) from None


class Text(fields.String):
    """A string. `not_blank`: surrounding blanks are removed and an empty value is refused;
    a nullable text that is only blanks is stored as null."""

    default_error_messages = _MESSAGES

    def __init__(self, *, max_length: int | None = None, not_blank: bool = False, **kwargs):
        metadata = _metadata(kwargs)
        if not_blank:
            metadata["minLength"] = 1
        if max_length is not None:
            metadata["maxLength"] = max_length
        super().__init__(metadata=metadata, **kwargs)
        self.max_length = max_length
        self.not_blank = not_blank

    def _deserialize(self, value: Any, attr, data, **kwargs) -> str | None:
        if not isinstance(value, str):
            raise ValidationError(_("Debe ser un texto."))
        check_text(value)
        text = value.strip() if self.not_blank else value
        if self.not_blank and not text:
            raise ValidationError(_("No puede estar vacío."))
        if self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(_("Admite hasta %(n)d caracteres.", n=self.max_length))
        if self.allow_none and not text.strip():
            return None
        return text


class Choice(fields.String):
    """One of a fixed list of strings (an enum's values, plus any `extra` ones)."""

    default_error_messages = _MESSAGES

    def __init__(self, values: type[StrEnum] | tuple[str, ...], *extra: str, **kwargs):
        self.choices = (*extra, *(getattr(value, "value", value) for value in values))
        super().__init__(metadata=_metadata(kwargs, enum=list(self.choices)), **kwargs)

    def _deserialize(self, value: Any, attr, data, **kwargs) -> str:
        if not isinstance(value, str):
            raise ValidationError(_("Debe ser un texto."))
        check_text(value)
        if value not in self.choices:
            raise ValidationError(
                _("Valor no válido; use uno de: %(values)s.", values=", ".join(self.choices))
            )
        return value


class Integer(fields.Integer):
    """A whole number within `minimum`..`maximum`. JSON `true` is not a number here, and a
    query value must be plain digits."""

    default_error_messages = _MESSAGES

    def __init__(self, *, minimum: int = -MAX_ID, maximum: int = MAX_ID, **kwargs):
        metadata = _metadata(kwargs, minimum=minimum, maximum=maximum)
        super().__init__(metadata=metadata, **kwargs)
        self.minimum, self.maximum = minimum, maximum

    def _deserialize(self, value: Any, attr, data, **kwargs) -> int:
        if _from_query(self):
            if not isinstance(value, str) or not _QUERY_INTEGER.fullmatch(value):
                raise ValidationError(_("Debe ser un número entero."))
            value = int(value)
        # bool is an int in Python but not in JSON.
        elif isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(_("Debe ser un número entero."))
        if not self.minimum <= value <= self.maximum:
            raise ValidationError(
                _(
                    "Debe ser un número entre %(min)d y %(max)d.",
                    min=self.minimum,
                    max=self.maximum,
                )
            )
        return value


def RecordId(**kwargs) -> Integer:
    """The id of a record: 1..MAX_ID, like the 32-bit columns."""
    return Integer(minimum=1, maximum=MAX_ID, **kwargs)


class Boolean(fields.Boolean):
    """JSON true/false, or the words `true`/`false` in a query string."""

    default_error_messages = _MESSAGES

    def __init__(self, **kwargs):
        super().__init__(metadata=_metadata(kwargs), **kwargs)

    def _deserialize(self, value: Any, attr, data, **kwargs) -> bool:
        if _from_query(self) and value in ("true", "false"):
            return value == "true"
        if not _from_query(self) and isinstance(value, bool):
            return value
        raise ValidationError(_("Debe ser true o false."))


class Day(fields.Date):
    """A date written YYYY-MM-DD, within the same sane bounds as the HTML forms."""

    default_error_messages = _MESSAGES

    def __init__(self, **kwargs):
        super().__init__(metadata=_metadata(kwargs), **kwargs)

    def _deserialize(self, value: Any, attr, data, **kwargs) -> date:
        message = _("Debe ser una fecha con el formato AAAA-MM-DD.")
        if not isinstance(value, str):
            raise ValidationError(message)
        check_text(value)
        try:
            day = date.fromisoformat(value) if _DATE.fullmatch(value) else None
        except ValueError:
            day = None
        if day is None:
            raise ValidationError(message)
        # 0001-01-01 is valid ISO but no deadline of this unit.
        if not is_sane(day):
            raise ValidationError(
                _(
                    "Debe ser una fecha entre %(first)s y %(last)s.",
                    first=SANE_MIN.isoformat(),
                    last=SANE_MAX.isoformat(),
                )
            )
        return day


class IdList(fields.List):
    """A JSON array of record ids, each named by its position when wrong."""

    default_error_messages = {**_MESSAGES, "invalid": _l("Debe ser una lista de ids.")}

    def __init__(self, *, max_items: int, **kwargs):
        metadata = _metadata(kwargs, minItems=1, maxItems=max_items)
        super().__init__(RecordId(), metadata=metadata, **kwargs)
        self.max_items = max_items

    def _deserialize(self, value: Any, attr, data, **kwargs) -> list[int]:
        if not isinstance(value, list):
            raise self.make_error("invalid")
        if not value:
            raise ValidationError(_("No puede estar vacío."))
        if len(value) > self.max_items:
            raise ValidationError(
                _("Elija como máximo %(n)d seguimientos a la vez.", n=self.max_items)
            )
        return list(dict.fromkeys(super()._deserialize(value, attr, data, **kwargs)))
