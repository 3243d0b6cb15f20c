"""URL converters: an `<int:…>` id in a URL is a 32-bit record id, or the URL matches nothing."""

from werkzeug.routing import Map
from werkzeug.routing.converters import IntegerConverter

#: Record ids are 32-bit integers in the database (PostgreSQL INTEGER); a larger number in a URL
#: or a query can only be a mistake, and handing it to the database would fail with a 500.
MAX_ID = 2**31 - 1


class RecordIdConverter(IntegerConverter):
    """`int`, capped at MAX_ID unless the rule names its own `max`: /seguimientos/2147483648 is
    a 404 like any missing record, instead of an overflow in the database driver."""

    def __init__(self, map: Map, fixed_digits: int = 0, min=None, max=None, signed=False):
        super().__init__(map, fixed_digits, min, MAX_ID if max is None else max, signed)


def install_converters(url_map: Map) -> None:
    """Replace the default `int` converter; call before any route is registered."""
    url_map.converters["int"] = RecordIdConverter
