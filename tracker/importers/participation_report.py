"""The participation report (informe de participación) handed in after an international activity.

`parse_participation_report` reads the text of the form (see text.extract_text) into a
`ParsedReport`: what it could read, plus `warnings` (Spanish, for the user) and `missing` (field
keys, for the preview page to highlight). It never raises on odd text; it reads less.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from tracker.importers._fields import FieldReader, Presence
from tracker.importers._label_match import specs
from tracker.importers._normalize import clean_text, find_links, fingerprint, fold
from tracker.importers._segment import segment
from tracker.importers.deadlines import Commitment, read_commitments
from tracker.importers.labels import REPORT_LABELS
from tracker.importers.organizers import split_organizers
from tracker.importers.spanish_dates import parse_date_range, parse_month

ACTIVITY_KINDS = (
    "forum", "meeting", "conference", "workshop", "mission", "seminar", "training", "other",
)  # fmt: skip

# The form's labels and their variants live in labels.py.
LABELS = specs(REPORT_LABELS)
# The signature block closes the form; its "Nombre" and "Cargo" are not the participant's.
_STOP = re.compile(
    r"^\**\s*favor firmar|^_{4,}|^nombre de la persona funcionaria|^visto bueno|^firma\s*:?$"
)
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("forum", r"foros?|forum"),
    ("meeting", r"reunion(?:es)?|encuentros?|asambleas?|sesion(?:es)?|meeting"),
    ("conference", r"conferencias?|congresos?|cumbres?|conference|summit"),
    ("workshop", r"taller(?:es)?|workshop"),
    ("mission", r"mision(?:es)?|visitas? oficial(?:es)?|mission"),
    ("seminar", r"seminarios?|webinar(?:io)?s?|conversatorios?|simposios?|seminar"),
    ("training", r"capacitacion(?:es)?|cursos?|formacion|diplomados?|training|course"),
)
_KIND_RE = re.compile(r"\b(?:" + "|".join(f"(?P<{k}>{w})" for k, w in _KIND_WORDS) + r")\b")
_SERIES_SEPARATORS = (" – ", " — ", " - ", ": ")

# What each missing field is called in a warning ("No se encontró …").
_DESCRIPTIONS: dict[str, str | None] = {
    "person.name": "el nombre de la persona participante",
    "person.position": "el cargo de la persona participante",
    "activity.name": "el nombre de la actividad",
    "activity.kind": "el tipo de actividad",
    "activity.start_date": "la fecha de la actividad",
    "activity.end_date": None,  # read with the start: one warning for both
    "activity.organizers": "las organizaciones encargadas de la actividad",
    "report.role": "la calidad de participación",
    "report.contribution": "la contribución de la actividad a las metas institucionales",
    "report.motive": "el motivo de la participación",
    "report.achievements": "los principales logros obtenidos",
    "report.lessons": "las lecciones aprendidas",
    "report.comments": "los comentarios adicionales",
    "commitments": "los compromisos adquiridos",
    "actions": "las acciones de seguimiento recomendadas",
    "handover_notes": "las observaciones para la próxima persona representante",
}


@dataclass
class Person:
    name: str | None = None
    position: str | None = None


@dataclass
class ActivityInfo:
    name: str | None = None
    kind: str | None = None  #: one of ACTIVITY_KINDS
    start_date: date | None = None
    end_date: date | None = None
    organizers: list[str] = field(default_factory=list)
    series: str | None = None  #: the recurring forum, guessed from the name
    date_text: str | None = None  #: the date as written, for the preview


@dataclass
class ReportBody:
    # The role is the participant's, not the activity's: it lives with the report, as in the
    # domain model (ParticipationReport.role) and in to_json().
    role: str | None = None
    contribution: str | None = None
    motive: str | None = None
    achievements: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)
    comments: str | None = None


@dataclass
class ParsedReport:
    kind: ClassVar[str] = "participation_report"

    person: Person
    activity: ActivityInfo
    report: ReportBody
    #: Commitment is a str carrying the due date and responsible its text states.
    commitments: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    handover_notes: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  #: Spanish, for the user
    missing: list[str] = field(default_factory=list)  #: keys as in to_json, e.g. "person.name"
    fingerprint: str = ""  #: sha256 of the normalised text

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "person": {"name": self.person.name, "position": self.person.position},
            "activity": {
                "name": self.activity.name,
                "kind": self.activity.kind,
                "start_date": _iso(self.activity.start_date),
                "end_date": _iso(self.activity.end_date),
                "organizers": list(self.activity.organizers),
            },
            "report": {
                "role": self.report.role,
                "contribution": self.report.contribution,
                "motive": self.report.motive,
                "achievements": list(self.report.achievements),
                "lessons": list(self.report.lessons),
                "comments": self.report.comments,
            },
            "commitments": [_item_json(item) for item in self.commitments],
            "actions": [_item_json(item) for item in self.actions],
            "handover_notes": list(self.handover_notes),
            "links": list(self.links),
            "warnings": list(self.warnings),
        }


def _item_json(item: str) -> dict[str, str | None]:
    if isinstance(item, Commitment):
        return item.to_json()
    return {"text": item, "due_date": None, "responsible": None}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def activity_kind(text: str | None) -> str | None:
    """Foro → forum, Reunión → meeting, …; the first kind word in the text wins; else None."""
    if not text:
        return None
    match = _KIND_RE.search(fold(text))
    return match.lastgroup if match else None


def guess_series(activity_name: str | None) -> str | None:
    """The recurring forum an activity belongs to: the name's part before " – ", " - " or ":".

    "Foro Generación Igualdad – Reunión México" → "Foro Generación Igualdad". Without such a
    separator, the name without a trailing year ("Foro Político de Alto Nivel 2023").
    """
    if not activity_name:
        return None
    cuts = [i for sep in _SERIES_SEPARATORS if (i := activity_name.find(sep)) > 0]
    head = activity_name[: min(cuts)] if cuts else activity_name
    head = re.sub(r"[\s,–-]*\b(?:19|20)[0-9]{2}\s*$", "", head).strip(" -–—:,")
    return head or None


def parse_participation_report(text: str) -> ParsedReport:
    """Read a participation report's text; see the module docstring."""
    read = FieldReader(segment(clean_text(text), LABELS, stop=_STOP))
    activity = _activity(read)
    reference = activity.end_date or activity.start_date
    result = ParsedReport(
        person=Person(read.text("name", "person.name"), read.text("position", "person.position")),
        activity=activity,
        report=ReportBody(
            role=read.text("role", "report.role"),
            contribution=read.text("contribution", "report.contribution"),
            motive=read.text("motive", "report.motive"),
            achievements=read.items("achievements", "report.achievements"),
            lessons=read.items("lessons", "report.lessons"),
            comments=read.text("comments", "report.comments"),
        ),
        commitments=read_commitments(read.items("commitments", "commitments"), reference),
        actions=read_commitments(read.items("actions", "actions"), reference),
        handover_notes=read.items("handover_notes", "handover_notes"),
        links=find_links(text),
        fingerprint=fingerprint(text),
    )
    result.missing, result.warnings = read.gaps(_DESCRIPTIONS, "El formulario")
    return result


def _activity(read: FieldReader) -> ActivityInfo:
    activity = ActivityInfo(name=read.text("activity_name", "activity.name"))
    activity.series = guess_series(activity.name)
    organizers = read.fields.get("organizers")
    activity.organizers = split_organizers(organizers.lines) if organizers else []
    read.mark("activity.organizers", activity.organizers, organizers)

    kind_text = read.text("kind", "activity.kind")
    activity.kind = activity_kind(kind_text)
    if kind_text and activity.kind is None:
        activity.kind = "other"
        read.warn(f"No se reconoce el tipo de actividad «{kind_text}»; se registra como otro.")
    elif not kind_text and (guessed := activity_kind(activity.name)):
        activity.kind = guessed
        read.presence["activity.kind"] = Presence.PRESENT
        read.warn("El tipo de actividad no figura en el formulario; se dedujo del nombre.")

    activity.date_text = read.text("date", "activity.start_date")
    dates = parse_date_range(activity.date_text) if activity.date_text else None
    month = parse_month(activity.date_text) if activity.date_text and not dates else None
    if dates:
        activity.start_date, activity.end_date = dates
    elif month:
        activity.start_date, activity.end_date = month
        read.warn(
            f"La fecha de la actividad indica solo el mes («{activity.date_text}»): se registra "
            "el mes completo; corrija las fechas exactas si las conoce."
        )
    elif activity.date_text:
        read.presence["activity.start_date"] = Presence.EMPTY
        read.warn(
            f"No se pudo interpretar la fecha de la actividad: «{activity.date_text}».",
            "activity.start_date",
        )
    read.presence["activity.end_date"] = read.presence["activity.start_date"]
    return activity
