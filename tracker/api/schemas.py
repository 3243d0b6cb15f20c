"""What the API accepts and what it answers.

Input is described once, as `Field`s: the same description validates a request and writes the
OpenAPI document (tracker.api.openapi), so the two cannot disagree. Output is built by the
`*_json` functions; the document's response schemas are checked against them by the tests.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask import url_for
from flask_babel import gettext as _

from tracker.dates import SANE_MAX, SANE_MIN, is_sane
from tracker.models import (
    Activity,
    FollowUp,
    FollowUpEvent,
    Organization,
    ParticipationReport,
    Person,
    Project,
    User,
)
from tracker.models.enums import (
    FollowUpKind,
    FollowUpStatus,
    Priority,
    ProjectStatus,
    ReportStatus,
)
from tracker.routing import MAX_ID

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ValidationFailed(Exception):
    """Some fields are wrong; `fields` maps each to a translated message."""

    def __init__(self, fields: dict[str, str]):
        super().__init__(fields)
        self.fields = fields


@dataclass(frozen=True)
class Field:
    """One input field: its JSON type and rules. `description` is for the OpenAPI document."""

    type: str  # "string", "integer", "id", "date", "enum", "boolean"
    description: str = ""
    required: bool = False
    nullable: bool = False
    max_length: int | None = None
    #: Strings: surrounding blanks are removed and an empty value is refused.
    not_blank: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None


def _enum(enum_cls: type[StrEnum], *extra: str) -> tuple[str, ...]:
    return (*extra, *(member.value for member in enum_cls))


def _id(description: str, **kwargs) -> Field:
    return Field("id", description, minimum=1, maximum=MAX_ID, **kwargs)


# Request bodies -------------------------------------------------------------------------------

FOLLOWUP_CREATE = {
    "title": Field("string", "What has to be done.", required=True, max_length=300, not_blank=True),
    "kind": Field("enum", "Kind of follow-up.", required=True, choices=_enum(FollowUpKind)),
    "owner_id": _id(
        "Person responsible. A member may only name themself (their own person id).",
        required=True,
    ),
    "description": Field("string", "Details.", nullable=True, max_length=10000),
    "priority": Field("enum", "Defaults to `normal`.", choices=_enum(Priority), default="normal"),
    "organization_id": _id("Institution that must deliver.", nullable=True),
    "project_id": _id("Project it belongs to.", nullable=True),
    "activity_id": _id("Activity it comes from.", nullable=True),
    "start_on": Field("date", "Start date.", nullable=True),
    "due_on": Field("date", "Due date; remembered as the original due date.", nullable=True),
}

FOLLOWUP_UPDATE = {
    "version": Field(
        "integer",
        "The `version` you read. If the follow-up changed since, the answer is 409.",
        required=True,
        minimum=1,
        maximum=MAX_ID,
    ),
    "title": Field("string", "What has to be done.", max_length=300, not_blank=True),
    "kind": Field("enum", "Kind of follow-up.", choices=_enum(FollowUpKind)),
    "owner_id": _id("Person responsible."),
    "description": Field("string", "Details.", nullable=True, max_length=10000),
    "priority": Field("enum", "Priority.", choices=_enum(Priority)),
    "organization_id": _id("Institution that must deliver.", nullable=True),
    "project_id": _id("Project it belongs to.", nullable=True),
    "activity_id": _id("Activity it comes from.", nullable=True),
    "start_on": Field(
        "date", "Start date (the due date moves only by rescheduling).", nullable=True
    ),
}

STATUS_CHANGE = {
    "status": Field("enum", "The new status.", required=True, choices=_enum(FollowUpStatus)),
    "comment": Field("string", "Why; kept in the history.", nullable=True, max_length=5000),
}

RESCHEDULE = {
    "due_on": Field("date", "The new due date.", required=True),
    "reason": Field(
        "string",
        "Why it moves; kept in the history.",
        required=True,
        max_length=2000,
        not_blank=True,
    ),
}

COMMENT = {
    "text": Field("string", "The comment.", required=True, max_length=5000, not_blank=True),
}

# Query strings --------------------------------------------------------------------------------

PAGINATION = {
    "page": Field("integer", "Page number, from 1.", minimum=1, maximum=MAX_ID, default=1),
    "per_page": Field(
        "integer", "Items per page.", minimum=1, maximum=MAX_PER_PAGE, default=DEFAULT_PER_PAGE
    ),
}
SEARCH = {"q": Field("string", "Text to search for.", max_length=200)}

FOLLOWUP_FILTERS = {
    **SEARCH,
    "status": Field(
        "enum",
        "A status, or `pending` for any open one (open, in_progress, blocked).",
        choices=_enum(FollowUpStatus, "pending"),
    ),
    "kind": Field("enum", "Kind of follow-up.", choices=_enum(FollowUpKind)),
    "owner": _id("Person id of the owner."),
    "organization": _id("Organization id of the responsible institution."),
    "project": _id("Project id."),
    "activity": _id("Activity id."),
    "due_from": Field("date", "Due on or after this date."),
    "due_to": Field("date", "Due on or before this date."),
    "overdue": Field(
        "boolean", "`true`: only open follow-ups past their due date; `false`: no filter."
    ),
    **PAGINATION,
}
ACTIVITY_FILTERS = {**SEARCH, **PAGINATION}
REPORT_FILTERS = {
    **SEARCH,
    "status": Field("enum", "Report status.", choices=_enum(ReportStatus)),
    "activity": _id("Activity id."),
    **PAGINATION,
}
PROJECT_FILTERS = {
    **SEARCH,
    "status": Field("enum", "Project status.", choices=_enum(ProjectStatus)),
    **PAGINATION,
}


# Validation -----------------------------------------------------------------------------------


def parse_body(schema: Mapping[str, Field], data: Any) -> dict[str, Any]:
    """The fields of a JSON object, checked and converted; only those present are returned
    (plus required ones, which must be). Raises ValidationFailed with every problem at once."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name in data:
        if name not in schema:
            errors[_field_key(name)] = _("Campo desconocido.")
    for name, field in schema.items():
        if name not in data:
            if field.required:
                errors[name] = _("Este campo es obligatorio.")
            continue
        try:
            values[name] = _convert(field, data[name], from_query=False)
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise ValidationFailed(errors)
    return values


def parse_query(schema: Mapping[str, Field], args) -> dict[str, Any]:
    """The query string (a werkzeug MultiDict) checked against `schema`, defaults filled in."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name in args:
        if name not in schema:
            errors[_field_key(name)] = _("Parámetro desconocido.")
    for name, field in schema.items():
        given = args.getlist(name)
        if not given or given == [""]:
            values[name] = field.default
            continue
        if len(given) > 1:
            errors[name] = _("Indíquelo una sola vez.")
            continue
        try:
            values[name] = _convert(field, given[0], from_query=True)
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise ValidationFailed(errors)
    return values


def _field_key(name: str) -> str:
    # Echo an unknown name back, but never a huge or unprintable one.
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in name[:60])
    return cleaned.encode("utf-8", "replace").decode("utf-8")


def _convert(field: Field, value: Any, *, from_query: bool) -> Any:
    if value is None:
        if field.nullable:
            return None
        raise ValueError(_("No puede ser null."))
    if field.type in ("integer", "id"):
        return _integer(field, value, from_query)
    if field.type == "boolean":
        return _boolean(value, from_query)
    if not isinstance(value, str):
        if field.type == "date":
            raise ValueError(_("Debe ser una fecha con el formato AAAA-MM-DD."))
        raise ValueError(_("Debe ser un texto."))
    _check_text(value)
    if field.type == "date":
        return _date(value)
    if field.type == "enum":
        if value not in field.choices:
            raise ValueError(
                _("Valor no válido; use uno de: %(values)s.", values=", ".join(field.choices))
            )
        return value
    text = value.strip() if field.not_blank else value
    if field.not_blank and not text:
        raise ValueError(_("No puede estar vacío."))
    if field.max_length is not None and len(text) > field.max_length:
        raise ValueError(_("Admite hasta %(n)d caracteres.", n=field.max_length))
    if field.nullable and not text.strip():
        return None
    return text


def _check_text(value: str) -> None:
    # NUL is refused by PostgreSQL and lone surrogates by every encoder: say so, don't crash.
    if "\x00" in value:
        raise ValueError(_("Contiene caracteres no permitidos."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(_("Contiene caracteres no permitidos.")) from None


def _integer(field: Field, value: Any, from_query: bool) -> int:
    if from_query:
        if not re.fullmatch(r"[0-9]{1,12}", value):
            raise ValueError(_("Debe ser un número entero."))
        value = int(value)
    # bool is an int in Python but not in JSON.
    elif isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(_("Debe ser un número entero."))
    low = field.minimum if field.minimum is not None else -MAX_ID
    high = field.maximum if field.maximum is not None else MAX_ID
    if not low <= value <= high:
        raise ValueError(_("Debe ser un número entre %(min)d y %(max)d.", min=low, max=high))
    return value


def _boolean(value: Any, from_query: bool) -> bool:
    if from_query and value in ("true", "false"):
        return value == "true"
    if not from_query and isinstance(value, bool):
        return value
    raise ValueError(_("Debe ser true o false."))


def _date(value: str) -> date:
    try:
        day = date.fromisoformat(value) if _DATE.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError(_("Debe ser una fecha con el formato AAAA-MM-DD."))
    # Same bounds as the HTML forms: 0001-01-01 is valid ISO but no deadline of this unit.
    if not is_sane(day):
        raise ValueError(
            _(
                "Debe ser una fecha entre %(first)s y %(last)s.",
                first=SANE_MIN.isoformat(),
                last=SANE_MAX.isoformat(),
            )
        )
    return day


# Output ---------------------------------------------------------------------------------------


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _instant(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def ref(record: Person | Organization | Activity | None) -> dict | None:
    return {"id": record.id, "name": record.name} if record is not None else None


def user_ref(user: User | None) -> dict | None:
    return {"id": user.id, "name": user.person.name} if user is not None else None


def followup_json(followup: FollowUp) -> dict:
    """A follow-up as lists show it (owner and organization must be loaded with it)."""
    return {
        "id": followup.id,
        "kind": followup.kind.value,
        "title": followup.title,
        "description": followup.description,
        "status": followup.status.value,
        "priority": followup.priority.value,
        "owner": ref(followup.owner),
        "organization": ref(followup.organization),
        "project_id": followup.project_id,
        "activity_id": followup.activity_id,
        "report_id": followup.report_id,
        "start_on": _day(followup.start_on),
        "due_on": _day(followup.due_on),
        "original_due_on": _day(followup.original_due_on),
        "reschedule_count": followup.reschedule_count,
        "is_due_estimated": followup.is_due_estimated,
        "completed_on": _day(followup.completed_on),
        "version": followup.version,
        "created_at": _instant(followup.created_at),
        "updated_at": _instant(followup.updated_at),
        "url": url_for("followups.show", followup_id=followup.id, _external=True),
    }


def event_json(event: FollowUpEvent) -> dict:
    return {
        "id": event.id,
        "action": event.action,
        "actor": user_ref(event.actor),
        "changes": event.changes or {},
        "comment": event.comment,
        "created_at": _instant(event.created_at),
    }


def followup_detail_json(followup: FollowUp) -> dict:
    return {**followup_json(followup), "events": [event_json(e) for e in followup.events]}


def activity_json(activity: Activity) -> dict:
    return {
        "id": activity.id,
        "name": activity.name,
        "kind": activity.kind.value,
        "modality": activity.modality.value,
        "start_on": _day(activity.start_on),
        "end_on": _day(activity.end_on),
        "place": activity.place,
        "description": activity.description,
        "series": ref(activity.series),
        "organizers": [ref(org) for org in activity.organizers],
        "created_at": _instant(activity.created_at),
        "url": url_for("activities.show", activity_id=activity.id, _external=True),
    }


def report_json(report: ParticipationReport) -> dict:
    return {
        "id": report.id,
        "activity": ref(report.activity),
        "person": ref(report.person),
        "role": report.role,
        "status": report.status.value,
        "due_on": _day(report.due_on),
        "contribution": report.contribution,
        "motive": report.motive,
        "achievements": report.achievement_list,
        "lessons": report.lesson_list,
        "comments": report.comments,
        "return_reason": report.return_reason,
        "submitted_at": _instant(report.submitted_at),
        "approved_at": _instant(report.approved_at),
        "approved_by": user_ref(report.approved_by),
        "created_at": _instant(report.created_at),
        "updated_at": _instant(report.updated_at),
        "url": url_for("reports.show", report_id=report.id, _external=True),
    }


def project_json(project: Project) -> dict:
    return {
        "id": project.id,
        "name": project.name,
        "status": project.status.value,
        "thematic_area": project.thematic_area,
        "country": project.country,
        "city": project.city,
        "beneficiaries": project.beneficiaries,
        "planned_start_on": _day(project.planned_start_on),
        "duration_months": project.duration_months,
        "planned_end_on": _day(project.planned_end_on),
        "actual_end_on": _day(project.actual_end_on),
        "general_objective": project.general_objective,
        "specific_objectives": project.specific_objective_list,
        "description": project.description,
        "information_updated_on": _day(project.information_updated_on),
        "update_interval_months": project.update_interval_months,
        "lead": ref(project.lead),
        "sdgs": [goal.number for goal in project.sdgs],
        "institutions": [
            {"organization": ref(inst.organization), "role": inst.role.value}
            for inst in project.institutions
        ],
        "created_at": _instant(project.created_at),
        "updated_at": _instant(project.updated_at),
        "url": url_for("projects.show", project_id=project.id, _external=True),
    }


def page_json(page, serialise) -> dict:
    return {
        "items": [serialise(item) for item in page.items],
        "page": page.page,
        "per_page": page.per_page,
        "total": page.total,
        "pages": page.pages,
    }
