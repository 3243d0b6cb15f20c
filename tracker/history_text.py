"""History entries as people read them: translated field names, enum values by their labels,
dates in the reader's format, Sí/No, people and institutions by name.

Every history in the app (FollowUpEvent and AuditEvent alike) goes through `describe_events`:
the stored {field: [old, new]} strings (see tracker/operations/history.py `as_text`) are kept as
they were written, so old events render too; only the reading changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import format_date, format_datetime, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect, select

from tracker import labels
from tracker.extensions import db
from tracker.forms.report_form import ATTACHMENT_KIND_LABELS
from tracker.labels import RESULT_OUTCOME_LABELS
from tracker.models import Activity, Organization, Person, Project, User
from tracker.models.project import SustainableDevelopmentGoal

#: Actions that describe a record's first state: their values read without an arrow.
FIRST_STATE_ACTIONS = {"created", "imported"}
#: Values longer than this are cut in the history (the record's page has the whole text).
MAX_VALUE_CHARS = 300
#: Fields whose stored value means nothing to a reader (an internal id); the action says it all.
HIDDEN_FIELDS = {"link"}

#: Enum labels by (record table, field); `None` as table applies to any record.
_ENUMS: dict[tuple[str | None, str], dict] = {
    ("followups", "status"): labels.STATUS_LABELS,
    ("followups", "kind"): labels.KIND_LABELS,
    ("followups", "priority"): labels.PRIORITY_LABELS,
    ("participation_reports", "status"): labels.REPORT_STATUS_LABELS,
    ("participation_reports", "attachment_kind"): ATTACHMENT_KIND_LABELS,
    ("projects", "status"): labels.PROJECT_STATUS_LABELS,
    ("followups", "outcome"): RESULT_OUTCOME_LABELS,
    ("activities", "kind"): labels.ACTIVITY_KIND_LABELS,
    ("activities", "modality"): labels.MODALITY_LABELS,
    ("organizations", "kind"): labels.ORGANIZATION_KIND_LABELS,
    ("users", "role"): labels.ROLE_LABELS,
    (None, "priority"): labels.PRIORITY_LABELS,
    (None, "modality"): labels.MODALITY_LABELS,
    (None, "language"): labels.LANGUAGE_LABELS,
}
#: What a running project's history says of its extensions and a result's assessment (beside
#: labels.EVENT_LABELS and labels.FIELD_LABELS, which these extend).
PROJECT_EVENT_LABELS = {
    "extended": _l("Prórroga registrada"),
    "extension_undone": _l("Prórroga deshecha"),
    "outcome": _l("Logro valorado"),
}
PROJECT_FIELD_LABELS = {
    "approved_end_on": _l("Fin aprobado"),
    "extension_count": _l("Prórrogas"),
    "approved_on": _l("Fecha de aprobación"),
    "approved_by": _l("Aprobada por"),
    "outcome": _l("Logro"),
}
#: `<field>_id` values are ids of these records (no operation writes them today; other writers
#: and older rows may have), resolved to names for the whole page at once.
_ID_MODELS: dict[str, type] = {
    "owner_id": Person,
    "person_id": Person,
    "lead_id": Person,
    "supervisor_id": Person,
    "organization_id": Organization,
    "project_id": Project,
    "activity_id": Activity,
}
#: Dates are named *_on, timestamps *_at (house style); a title that looks like a date stays text.
_DATE_SUFFIXES = ("_on", "_at", "_date")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
#: A project institution as set_institution writes it: "Name (role)".
_INSTITUTION = re.compile(r"^(?P<name>.*) \((?P<role>[a-z_]+)\)$", re.DOTALL)
_SDG_LIST = re.compile(r"^\[(?P<numbers>[\d,\s]*)\]$")


@dataclass(frozen=True)
class Change:
    """One field of an entry: its label and the values before and after, as users read them."""

    label: str
    old: str | None
    new: str | None
    #: False for a first state (created, imported): only the new value is shown.
    shows_old: bool = True
    #: The whole values when the shown ones were cut.
    old_full: str | None = None
    new_full: str | None = None


@dataclass(frozen=True)
class Entry:
    """One history entry: when, what happened (in words), who, which fields, and the comment."""

    created_at: datetime
    action: str
    actor: str
    changes: list[Change] = field(default_factory=list)
    comment: str | None = None


@dataclass
class Names:
    """What the page's events refer to by id, read once for all of them."""

    actors: dict[int, str] = field(default_factory=dict)
    records: dict[tuple[type, int], str] = field(default_factory=dict)
    sdgs: dict[int, str] = field(default_factory=dict)


def entity_of(event: Any) -> str:
    """The table of the record an event belongs to (follow-up events carry no entity_type)."""
    return getattr(event, "entity_type", None) or "followups"


def resolve_names(events: list[Any]) -> Names:
    """Read, in one query per model and only where needed, the names the events refer to."""
    names = Names()
    actor_ids = {e.actor_id for e in events if e.actor_id and _loaded_actor(e) is None}
    if actor_ids:
        rows = db.session.execute(
            select(User.id, Person.name).join(User.person).where(User.id.in_(actor_ids))
        )
        names.actors = dict(rows.all())
    wanted: dict[type, set[int]] = {}
    needs_sdgs = False
    for event in events:
        for key, pair in (event.changes or {}).items():
            needs_sdgs = needs_sdgs or key == "sdgs"
            model = _ID_MODELS.get(key)
            if model is not None:
                wanted.setdefault(model, set()).update(
                    int(v) for v in _pair(pair) if v is not None and str(v).isdigit()
                )
    for model, ids in wanted.items():
        if ids:
            rows = db.session.execute(select(model.id, model.name).where(model.id.in_(ids)))
            names.records.update({(model, row_id): name for row_id, name in rows.all()})
    if needs_sdgs:
        language = str(get_locale() or "es")
        goals = db.session.scalars(select(SustainableDevelopmentGoal))
        names.sdgs = {goal.number: goal.name(language) for goal in goals}
    return names


def describe_events(events: list[Any]) -> list[Entry]:
    """Every event of a history as an Entry, with one batch of name look-ups for all of them."""
    events = list(events)
    names = resolve_names(events)
    return [describe_event(event, names) for event in events]


def describe_event(event: Any, names: Names | None = None) -> Entry:
    """One event as an Entry (`names` from resolve_names; without it ids stay as stored)."""
    names = names or Names()
    return Entry(
        created_at=event.created_at,
        action=action_label(event.action),
        actor=_actor_name(event, names),
        changes=describe_changes(event.changes, entity_of(event), event.action, names),
        comment=event.comment,
    )


def describe_changes(
    changes: dict | None, entity: str = "followups", action: str = "", names: Names | None = None
) -> list[Change]:
    """The stored {field: [old, new]} of one event as readable changes, in stored order."""
    names = names or Names()
    first_state = action in FIRST_STATE_ACTIONS
    result = []
    for key, pair in (changes or {}).items():
        if key in HIDDEN_FIELDS:
            continue
        old, new = _pair(pair)
        if key == "password":
            # Never a value: only that it changed (stored as "***" on both sides).
            result.append(Change(field_label(key, entity), None, _("cambiada"), shows_old=False))
            continue
        if key == "institution" and new in labels.INSTITUTION_ROLE_LABELS and old:
            # A role change is stored as ["Name (old role)", "new role"]: keep the name on both.
            match = _INSTITUTION.match(old)
            new = f"{match['name']} ({new})" if match else new
        old_text = format_value(old, key, entity, names)
        new_text = format_value(new, key, entity, names)
        result.append(
            Change(
                label=field_label(key, entity),
                old=_cut(old_text),
                new=_cut(new_text),
                shows_old=not (first_state and old is None),
                old_full=old_text if _cut(old_text) != old_text else None,
                new_full=new_text if _cut(new_text) != new_text else None,
            )
        )
    return result


def action_label(action: str) -> str:
    """What happened, in words ("Editado", "Importado"…); an unknown action humanised."""
    label = labels.EVENT_LABELS.get(action) or PROJECT_EVENT_LABELS.get(action)
    return str(label) if label is not None else humanise(action)


def field_label(key: str, entity: str = "followups") -> str:
    """A field's name as its form shows it; an unknown field humanised, never a column name."""
    base = key[:-3] if key.endswith("_id") else key
    label = (
        labels.ENTITY_FIELD_LABELS.get(entity, {}).get(base)
        or labels.FIELD_LABELS.get(base)
        or PROJECT_FIELD_LABELS.get(base)
    )
    return str(label) if label is not None else humanise(base)


def humanise(name: str) -> str:
    """`planned_start_on` → "Planned start": a readable fallback for what has no label yet."""
    words = [w for w in re.split(r"[_\s]+", name or "") if w]
    if words and words[0] in ("is", "has"):
        words = words[1:]
    if len(words) > 1 and words[-1] in ("on", "at", "id"):
        words = words[:-1]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else "—"


def format_value(raw: Any, key: str, entity: str = "followups", names: Names | None = None):
    """One stored value as users read it; None stays None (the page shows "—")."""
    if raw is None or raw == "":
        return None
    value = str(raw)
    names = names or Names()
    enum_labels = _ENUMS.get((entity, key)) or _ENUMS.get((None, key))
    if enum_labels is not None:
        return str(enum_labels.get(_enum_value(value), value))
    if value in ("True", "False"):
        return _("Sí") if value == "True" else _("No")
    model = _ID_MODELS.get(key)
    if model is not None and value.isdigit():
        return names.records.get((model, int(value)), value)
    if key == "institution":
        return _institution(value)
    if key == "sdgs":
        return _sdgs(value, names)
    if key.endswith(_DATE_SUFFIXES) and _DATE.match(value):
        return _date(value)
    if key.endswith(_DATE_SUFFIXES) and _DATETIME.match(value):
        return _datetime(value)
    return value


def _pair(pair: Any) -> tuple[Any, Any]:
    """Stored pairs are [old, new]; anything else (a hand-written row) reads as a new value."""
    if isinstance(pair, list | tuple) and len(pair) == 2:
        return pair[0], pair[1]
    return None, pair


def _enum_value(value: str) -> str:
    """ "FollowUpStatus.OPEN" (an enum written with str()) → "open"; a plain value unchanged."""
    if "." in value and value.split(".", 1)[0].isidentifier() and value[:1].isupper():
        return value.split(".", 1)[1].lower()
    return value


def _institution(value: str) -> str:
    match = _INSTITUTION.match(value)
    if match and match["role"] in labels.INSTITUTION_ROLE_LABELS:
        return f"{match['name']} ({labels.INSTITUTION_ROLE_LABELS[match['role']]})"
    return value


def _sdgs(value: str, names: Names) -> str | None:
    match = _SDG_LIST.match(value.strip())
    if not match:
        return value
    numbers = [int(n) for n in re.findall(r"\d+", match["numbers"])]
    if not numbers:
        return None
    return ", ".join(
        f"{n}. {names.sdgs[n]}" if n in names.sdgs else _("ODS %(number)s", number=n)
        for n in numbers
    )


def _date(value: str) -> str:
    try:
        return format_date(date.fromisoformat(value), "medium")
    except ValueError:
        return value


def _datetime(value: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(value), "short")
    except ValueError:
        return value


def _cut(text: str | None) -> str | None:
    if text is None or len(text) <= MAX_VALUE_CHARS:
        return text
    return text[: MAX_VALUE_CHARS - 1].rstrip() + "…"


def _loaded_actor(event: Any) -> str | None:
    """The actor's name if the event was loaded with it (no query); None if it must be read."""
    if "actor" in inspect(event).unloaded:
        return None
    actor = event.actor
    if actor is None or "person" in inspect(actor).unloaded:
        return None
    return actor.person.name


def _actor_name(event: Any, names: Names) -> str:
    if not event.actor_id and ("actor" in inspect(event).unloaded or event.actor is None):
        return _("Sistema")
    return _loaded_actor(event) or names.actors.get(event.actor_id) or _("Sistema")
