"""What a form holds under each label, and how each field showed up (absent, empty, present).

The segmenter (_segment.py) fills `Field`s; the form parsers read them through a `FieldReader`,
which also remembers, per output key, whether a field was missing, left empty or declared empty
("N/A"), so the preview can say which.
"""

from dataclasses import dataclass, field
from enum import Enum

from tracker.importers._lists import is_empty_marker, split_items
from tracker.importers._normalize import collapse


@dataclass
class Field:
    """What the form holds under one label: the label as written and the lines that follow."""

    key: str
    label: str
    lines: list[str] = field(default_factory=list)


class Presence(Enum):
    """How a field showed up, so that the preview can tell "absent" from "declared empty"."""

    ABSENT = "absent"  # no label for it
    EMPTY = "empty"  # the label, with nothing under it
    NONE_DECLARED = "none_declared"  # "-", "N/A", "Ninguno": nothing, on purpose
    PRESENT = "present"


@dataclass(frozen=True)
class TextValue:
    text: str | None
    presence: Presence


@dataclass(frozen=True)
class ListValue:
    items: list[str]
    presence: Presence


def read_text(fields: dict[str, Field], key: str) -> TextValue:
    """A prose field on one line: layout differs between txt, docx and pdf, so it is reflowed."""
    found = fields.get(key)
    if found is None:
        return TextValue(None, Presence.ABSENT)
    text = collapse(" ".join(found.lines))
    if not text:
        return TextValue(None, Presence.EMPTY)
    if is_empty_marker(text):
        return TextValue(None, Presence.NONE_DECLARED)
    return TextValue(text, Presence.PRESENT)


def read_list(fields: dict[str, Field], key: str) -> ListValue:
    found = fields.get(key)
    if found is None:
        return ListValue([], Presence.ABSENT)
    if not collapse(" ".join(found.lines)):
        return ListValue([], Presence.EMPTY)
    items = split_items(found.lines)
    return ListValue(items, Presence.PRESENT if items else Presence.NONE_DECLARED)


def not_found(description: str) -> str:
    """ "No se encontró la fecha…" / "No se encontraron los compromisos…" (verb agrees)."""
    verb = "encontraron" if description.startswith(("los ", "las ")) else "encontró"
    return f"No se {verb} {description}."


class FieldReader:
    """Reads a form's fields and remembers, per output key ("person.name"), how each showed up."""

    def __init__(self, fields: dict[str, Field]) -> None:
        self.fields = fields
        self.presence: dict[str, Presence] = {}
        self.warnings: list[str] = []
        self.explained: set[str] = set()  # paths whose gap a specific warning already explains

    def text(self, key: str, path: str | None = None) -> str | None:
        value = read_text(self.fields, key)
        if path:
            self.presence[path] = value.presence
        return value.text

    def items(self, key: str, path: str | None = None) -> list[str]:
        value = read_list(self.fields, key)
        if path:
            self.presence[path] = value.presence
        return value.items

    def mark(self, path: str, value: object, found: Field | None = None) -> None:
        """Record a derived value: present if truthy; else declared-empty, empty or absent."""
        if value:
            self.presence[path] = Presence.PRESENT
        elif found is None:
            self.presence[path] = Presence.ABSENT
        elif not collapse(" ".join(found.lines)):
            self.presence[path] = Presence.EMPTY
        else:
            self.presence[path] = Presence.NONE_DECLARED

    def warn(self, message: str, *paths: str) -> None:
        """A specific warning; the generic "not found" is then not repeated for `paths`."""
        self.warnings.append(message)
        self.explained.update(paths)

    def gaps(
        self, descriptions: dict[str, str | None], document: str
    ) -> tuple[list[str], list[str]]:
        """(missing keys, warnings) in the order of `descriptions`, after the specific warnings.

        `document` names the form in "… no indica …" ("El formulario", "La ficha"); a path with
        no description is listed as missing without a warning of its own.
        """
        missing: list[str] = []
        warnings = list(self.warnings)
        for path, description in descriptions.items():
            state = self.presence.get(path, Presence.ABSENT)
            if state in (Presence.PRESENT, Presence.NONE_DECLARED):
                continue
            missing.append(path)
            if description is None or path in self.explained:
                continue
            if state is Presence.ABSENT:
                warnings.append(not_found(description))
            else:
                warnings.append(f"{document} no indica {description} (campo vacío).")
        return missing, warnings
