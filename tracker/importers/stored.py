"""A parsed form as a JSON-friendly dict and back, to keep what an upload read.

Unlike `to_json()` (the CLI's public output) this keeps everything the preview needs: warnings,
missing fields, the series, the fingerprint. Dates are ISO strings. Decoding follows the
dataclasses' own type hints, so a field added to a parser later is kept without touching this
module; a key the classes no longer have is ignored, and a dict that no longer fits raises
ValueError (the caller then reads the file again).
"""

import dataclasses
import types
import typing
from datetime import date
from typing import Any

from tracker.importers.deadlines import Commitment
from tracker.importers.participation_report import ParsedReport
from tracker.importers.project_sheet import ParsedProject

FORMAT_VERSION = 1
#: Marks an encoded Commitment (a list of str may hold them; plain str decode as before).
COMMITMENT_KEY = "commitment"
_CLASSES: dict[str, type] = {cls.kind: cls for cls in (ParsedReport, ParsedProject)}


def to_stored(parsed: ParsedReport | ParsedProject) -> dict[str, Any]:
    """The parse result as plain JSON values."""
    return {"version": FORMAT_VERSION, "kind": parsed.kind, "data": _encode(parsed)}


def from_stored(stored: dict[str, Any]) -> ParsedReport | ParsedProject:
    """Rebuild what `to_stored` kept; ValueError when it cannot be rebuilt."""
    try:
        if stored.get("version") != FORMAT_VERSION:
            raise ValueError(f"stored parse format {stored.get('version')!r}")
        return _build(_CLASSES[stored["kind"]], stored["data"])
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"stored parse does not fit: {error}") from error


def _encode(value: Any) -> Any:
    if isinstance(value, Commitment):
        # A str that carries its stated deadline: kept whole, or the preview would lose it.
        extras = _commitment_extras(value)
        return {COMMITMENT_KEY: value.text, **{k: _encode(v) for k, v in extras.items()}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a NamedTuple
        return {key: _encode(item) for key, item in value._asdict().items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    return value


def _build(cls: type, data: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    if dataclasses.is_dataclass(cls):
        names = [f.name for f in dataclasses.fields(cls) if f.init]
        values = {name: _decode(hints[name], data[name]) for name in names if name in data}
        return cls(**values)
    return cls(**{name: _decode(hints[name], data.get(name)) for name in cls._fields})


def _commitment_extras(item: Commitment) -> dict[str, Any]:
    return {"due_date": item.due_date, "responsible": item.responsible, "due_text": item.due_text}


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dict) and COMMITMENT_KEY in value:
        due = value.get("due_date")
        return Commitment(
            value[COMMITMENT_KEY],
            date.fromisoformat(due) if due else None,
            value.get("responsible"),
            value.get("due_text"),
        )
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _decode(hint, value)
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        return [_decode(item_hint, item) for item in value]
    if hint is date:
        return date.fromisoformat(value)
    if isinstance(hint, type) and (dataclasses.is_dataclass(hint) or hasattr(hint, "_fields")):
        return _build(hint, value)
    return value
