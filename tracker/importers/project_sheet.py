"""The bilateral project sheet (ficha resumen de proyecto bilateral).

`parse_project_sheet` reads the sheet's text into a `ParsedProject`; `milestones` derives the
project's timeline from it. Like the report parser it never raises on odd text: what it cannot
read is left empty and listed in `missing`, with a Spanish sentence in `warnings`.

Institutions and their roles are read by institutions.py.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, ClassVar, NamedTuple

from tracker.dates import add_months, planned_end
from tracker.importers._fields import FieldReader, Presence
from tracker.importers._label_match import specs
from tracker.importers._lists import split_items
from tracker.importers._normalize import clean_text, collapse, fingerprint, fold
from tracker.importers._places import split_place
from tracker.importers._segment import segment
from tracker.importers.institutions import Institution, parse_institutions
from tracker.importers.labels import PROJECT_LABELS
from tracker.importers.spanish_dates import months_between, parse_date, parse_duration

STATUSES = ("pipeline", "implementation", "finalisation", "closed", "cancelled", "suspended")

LABELS = specs(PROJECT_LABELS)
_UPDATED = re.compile(
    r"^\W*(?:(?:informacion|ficha|datos) actualizad[oa]s?|fecha de actualizacion"
    r"|ultima actualizacion)"
)
_STATUS_WORDS: tuple[tuple[str, str], ...] = (
    ("cancelled", r"cancelad[oa]s?|anulad[oa]s?"),
    ("suspended", r"suspendid[oa]s?|en suspenso|en pausa"),
    ("finalisation", r"en (?:proceso |etapa |fase )?(?:de )?(?:cierre|finalizacion|liquidacion)"),
    # Before "closed": "no ha finalizado" is still running.
    ("implementation", r"no (?:se )?ha (?:finalizado|concluido|terminado)|en (?:plena )?ejecucion"
                       r"|en implementacion|en curso|vigente|en marcha|ejecutandose"),
    ("closed", r"(?:finalizad|concluid|terminad|cerrad|completad|culminad)[oa]s?"
               r"|finalizo|concluyo|termino|culmino"),
    ("pipeline", r"en (?:formulacion|negociacion|diseno|preparacion)|por (?:iniciar|comenzar)"
                 r"|no ha (?:iniciado|comenzado)|pendiente de inicio"),
)  # fmt: skip
_STATUS_RE = tuple((code, re.compile(rf"\b(?:{words})\b")) for code, words in _STATUS_WORDS)

_DESCRIPTIONS: dict[str, str | None] = {
    "project.name": "el nombre del proyecto",
    "project.thematic_area": "el área temática",
    "project.sdgs": "los Objetivos de Desarrollo Sostenible",
    "project.institutions": "las instituciones involucradas",
    "project.country": "el país del proyecto",
    "project.beneficiaries": "los beneficiarios",
    "project.start_date": "la fecha de inicio",
    "project.duration_months": "la duración en meses",
    "project.planned_end_date": "el fin previsto",
    "project.status": "el estado del proyecto",
    "project.general_objective": "el objetivo general",
    "project.specific_objectives": "los objetivos específicos",
    "project.description": "la descripción del proyecto",
    "project.information_updated_on": "la fecha de actualización de la ficha",
    "results": "los resultados esperados",
}


class Milestone(NamedTuple):
    name: str
    due_date: date


@dataclass(frozen=True)
class MilestoneOffsets:
    """Where the derived milestones fall (a setting, so a unit can change its practice)."""

    midterm_fraction: float = 0.5  #: of the duration, for the mid-term review
    final_report_days: int = 60  #: after the planned end, for the final report

    def __post_init__(self) -> None:
        if not 0 < self.midterm_fraction < 1:
            raise ValueError("midterm_fraction must be between 0 and 1")
        if self.final_report_days < 0:
            raise ValueError("final_report_days cannot be negative")


@dataclass
class ParsedProject:
    kind: ClassVar[str] = "project_sheet"

    name: str | None = None
    thematic_area: str | None = None
    sdgs: list[int] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    country: str | None = None
    city: str | None = None
    beneficiaries: str | None = None
    start_date: date | None = None
    duration_months: int | None = None
    planned_end_date: date | None = None  #: last day of the planned period
    status: str | None = None  #: one of STATUSES (IATI activity status)
    general_objective: str | None = None
    specific_objectives: list[str] = field(default_factory=list)
    description: str | None = None
    results: list[str] = field(default_factory=list)
    information_updated_on: date | None = None
    duration_text: str | None = None  #: the duration as written, for the preview
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  #: keys as in to_json, "project.name"…
    fingerprint: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "project": {
                "name": self.name,
                "thematic_area": self.thematic_area,
                "sdgs": list(self.sdgs),
                "institutions": [inst._asdict() for inst in self.institutions],
                "country": self.country,
                "city": self.city,
                "beneficiaries": self.beneficiaries,
                "start_date": _iso(self.start_date),
                "duration_months": self.duration_months,
                "planned_end_date": _iso(self.planned_end_date),
                "status": self.status,
                "general_objective": self.general_objective,
                "specific_objectives": list(self.specific_objectives),
                "description": self.description,
                "information_updated_on": _iso(self.information_updated_on),
            },
            "results": list(self.results),
            "milestones": [
                {"name": m.name, "due_date": m.due_date.isoformat()} for m in milestones(self)
            ],
            "warnings": list(self.warnings),
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def milestones(project: ParsedProject, offsets: MilestoneOffsets | None = None) -> list[Milestone]:
    """The timeline a project sheet implies: start, mid-term review, planned end, final report.

    A milestone whose date cannot be derived from the sheet is left out.
    """
    offsets = offsets or MilestoneOffsets()
    start, end, months = project.start_date, project.planned_end_date, project.duration_months
    timeline: list[Milestone] = []
    if start:
        timeline.append(Milestone("Inicio del proyecto", start))
    if start and end and end >= start:
        if months:
            midterm = add_months(start, math.floor(months * offsets.midterm_fraction + 0.5))
        else:
            midterm = start + timedelta(days=round((end - start).days * offsets.midterm_fraction))
        timeline.append(Milestone("Revisión de medio término", midterm))
    if end:
        timeline.append(Milestone("Fin previsto", end))
        timeline.append(Milestone("Informe final", end + timedelta(days=offsets.final_report_days)))
    return timeline


# --- SDGs ----------------------------------------------------------------------------------

_SDG_NAMED = re.compile(
    r"\b(?:objetivos?|ods|sdgs?|goals?)\s*(?:n(?:°|º|o\.?|um\.?|umero)\s*)?#?\s*([0-9]{1,2})\b"
)
_SDG_LISTED = re.compile(r"(?m)^\W*([0-9]{1,2})\s*[.:)\-–]\s*[a-z]")
# "1. Fin de la pobreza 3. Salud y bienestar": a numbered list flattened onto one line.
_SDG_INLINE = re.compile(r"(?:^|(?<=\s))([0-9]{1,2})\s*[.:)\-–]\s+[a-z]")


def parse_sdgs(text: str) -> list[int]:
    """ "Objetivo 5: … Objetivo 10: …", "ODS 5", "5. Igualdad de género" → [5, 10]; 1–17 only."""
    folded = fold(text)
    numbers = [int(m.group(1)) for m in _SDG_NAMED.finditer(folded)]
    if not numbers:
        numbers = [int(m.group(1)) for m in _SDG_LISTED.finditer(folded)]
        if len(numbers) == 1:
            # The first goal starts the line; the others may follow on it.
            numbers = [int(m.group(1)) for m in _SDG_INLINE.finditer(folded)] or numbers
    if not numbers and re.fullmatch(r"[\s0-9,;y]+", folded):
        numbers = [int(n) for n in re.findall(r"[0-9]{1,2}", folded)]
    return list(dict.fromkeys(n for n in numbers if 1 <= n <= 17))


# --- status, objectives, update date -------------------------------------------------------


def detect_status(*texts: str | None) -> str | None:
    """The first IATI status the texts state ("aún se encuentra en ejecución" → implementation)."""
    for text in texts:
        if not text:
            continue
        folded = fold(text)
        for code, pattern in _STATUS_RE:
            if pattern.search(folded):
                return code
    return None


def _project_sentences(text: str) -> str:
    """Sentences that speak of "el proyecto" itself, where a status may be stated."""
    sentences = re.split(r"(?<=[.!?])\s+|\n", text)
    return " ".join(s for s in sentences if re.search(r"\bel proyecto\b", fold(s)))


_GENERAL = re.compile(r"\b(?:objetivo\s+)?general\s*:")
_SPECIFIC = re.compile(r"\b(?:objetivos?\s+)?especificos?\s*:")


def split_objectives(text: str | None) -> tuple[str | None, list[str]]:
    """ "General: … Específicos: 1. … 2. …" → (general, [specific, …])."""
    if not text:
        return None, []
    flat = collapse(text)
    folded = fold(flat)
    general_at = _GENERAL.search(folded)
    specific_at = _SPECIFIC.search(folded)
    if specific_at is None:
        general = flat[general_at.end() :] if general_at else flat
        return general.strip() or None, []
    specifics = split_items([flat[specific_at.end() :]])
    if general_at and general_at.start() < specific_at.start():
        general = flat[general_at.end() : specific_at.start()]
    else:
        general = flat[: specific_at.start()]
    return general.strip() or None, specifics


def _updated_on(cleaned: str) -> date | None:
    for line in cleaned.split("\n"):
        if _UPDATED.search(fold(line.strip())):
            found = parse_date(line)
            if found:
                return found
    return None


# --- the sheet -----------------------------------------------------------------------------


def parse_project_sheet(text: str, *, owner_country: str | None = None) -> ParsedProject:
    """Read a project sheet's text; `owner_country` names the lead country if known."""
    cleaned = clean_text(text)
    read = FieldReader(segment(cleaned, LABELS, separator=_UPDATED))
    project = ParsedProject(
        name=read.text("name", "project.name"),
        thematic_area=read.text("thematic_area", "project.thematic_area"),
        beneficiaries=read.text("beneficiaries", "project.beneficiaries"),
        description=read.text("description", "project.description"),
        results=read.items("results", "results"),
        fingerprint=fingerprint(text),
    )
    institutions = read.text("institutions", "project.institutions")
    found = read.fields.get("institutions")
    if institutions and found:
        project.institutions = parse_institutions(found.lines, owner_country)
    project.country, project.city = split_place(read.text("place", "project.country"))
    _read_sdgs(project, read)
    _read_objectives(project, read)
    _read_timeline(project, read)
    _read_status(project, read, cleaned)
    project.information_updated_on = _updated_on(cleaned)
    read.mark("project.information_updated_on", project.information_updated_on)
    project.missing, project.warnings = read.gaps(_DESCRIPTIONS, "La ficha")
    return project


def _read_status(project: ParsedProject, read: FieldReader, cleaned: str) -> None:
    """The status row when there is one; else what the duration or the prose says.

    A status row that says nothing readable gives None and a warning, never a guess.
    """
    stated = read.text("status")
    if stated:
        project.status = detect_status(stated)
        if project.status is None:
            read.warn(
                f"No se pudo interpretar el estado del proyecto: «{stated}».", "project.status"
            )
    else:
        # The status often closes the duration cell, and a cell that starts "Inicio: …" is read
        # as the start row, so the start and end rows are looked at too.
        project.status = detect_status(
            project.duration_text, read.text("start"), read.text("end"), _project_sentences(cleaned)
        )
    read.mark("project.status", project.status)


def _read_sdgs(project: ParsedProject, read: FieldReader) -> None:
    found = read.fields.get("sdgs")
    text = "\n".join(found.lines) if found else ""
    project.sdgs = parse_sdgs(text)
    read.mark("project.sdgs", project.sdgs, found)
    if text.strip() and not project.sdgs:
        # Text without a goal number is unreadable, not a declared "none".
        read.presence["project.sdgs"] = Presence.EMPTY
        read.warn(f"No se pudieron leer los ODS: «{collapse(text)}».", "project.sdgs")


def _read_objectives(project: ParsedProject, read: FieldReader) -> None:
    general, specifics = split_objectives(read.text("objectives"))
    # Separate "Objetivo general" / "Objetivos específicos" rows win over the combined cell.
    project.general_objective = read.text("general_objective") or general
    project.specific_objectives = read.items("specific_objectives") or specifics
    read.mark("project.general_objective", project.general_objective)
    read.mark("project.specific_objectives", project.specific_objectives)


def _read_timeline(project: ParsedProject, read: FieldReader) -> None:
    """Start, months and planned end, from whichever of them the sheet states.

    A duration cell may carry all three ("24 meses, del 1/11/2023 al 31/10/2025"); a sheet may
    instead give a start and an end ("Inicio: 15/01/2025 – Finalización: 14/07/2026", in one cell
    or two), or months in one row and the start in another. What is missing is derived.
    """
    project.duration_text = read.text("duration")
    duration = parse_duration(project.duration_text) if project.duration_text else None
    if project.duration_text and duration is None:
        read.warn(
            f"No se pudo interpretar la duración: «{project.duration_text}».",
            "project.duration_months",
        )
    start_text, end_text = read.text("start"), read.text("end")
    # A start cell may hold the end as well ("01/02/2022 – Finalización: 31/07/2024").
    started = parse_duration(start_text) if start_text else None
    start = (duration.start if duration else None) or (started.start if started else None)
    end = (
        (duration.end if duration else None)
        or (parse_date(end_text) if end_text else None)
        or (started.end if started else None)
    )
    months = (duration.months if duration else None) or (started.months if started else None)
    if end and start and end < start:
        end = None
    if months is None and start and end:
        months = months_between(start, end)
    if end is None and start and months:
        end = planned_end(start, months)
    project.start_date, project.duration_months, project.planned_end_date = start, months, end
    read.mark("project.start_date", project.start_date)
    read.mark("project.duration_months", project.duration_months)
    read.mark("project.planned_end_date", project.planned_end_date)
