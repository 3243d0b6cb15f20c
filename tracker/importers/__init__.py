"""Importing the unit's forms: text extraction, Spanish dates, and the two form parsers.

Pure functions only (no database, no app; messages go through Flask-Babel's gettext, which
works outside a request too): the web layer uploads a file, calls `extract_text` then
`parse_document`, shows the preview (`to_json()`, `warnings`, `missing`), and the operations
layer stores what the user confirms. Reading one file is bounded (`ImportLimits`, `Deadline`:
see limits.py) and what was read is kept as JSON (`to_stored` / `from_stored`). Every
user-facing failure is an `ImportFormatError` whose message is a Spanish sentence.
"""

from tracker.importers.detect import detect_kind, parse_document
from tracker.importers.errors import ImportFormatError
from tracker.importers.limits import DEFAULT_LIMITS, Deadline, ImportLimits
from tracker.importers.participation_report import ParsedReport, parse_participation_report
from tracker.importers.project_sheet import (
    Institution,
    Milestone,
    MilestoneOffsets,
    ParsedProject,
    milestones,
    parse_project_sheet,
)
from tracker.importers.spanish_dates import (
    Duration,
    parse_date,
    parse_date_range,
    parse_duration,
    planned_end,
)
from tracker.importers.stored import from_stored, to_stored


def extract_text(
    data: bytes,
    filename: str,
    limits: ImportLimits = DEFAULT_LIMITS,
    deadline: Deadline | None = None,
) -> str:
    """tracker.importers.text.extract_text, imported on the first file read: python-docx and
    the PDF readers stay out of every process that reads none (the reminder run, `--help`)."""
    from tracker.importers.text import extract_text as extract

    return extract(data, filename, limits, deadline)


__all__ = [
    "DEFAULT_LIMITS",
    "Deadline",
    "Duration",
    "ImportFormatError",
    "ImportLimits",
    "Institution",
    "Milestone",
    "MilestoneOffsets",
    "ParsedProject",
    "ParsedReport",
    "detect_kind",
    "extract_text",
    "from_stored",
    "milestones",
    "parse_date",
    "parse_date_range",
    "parse_document",
    "parse_duration",
    "parse_participation_report",
    "parse_project_sheet",
    "planned_end",
    "to_stored",
]
