"""Which form a text is, and parsing it with the right parser."""

import re
from typing import Literal

from tracker.importers import participation_report, project_sheet
from tracker.importers._label_match import IGNORED, Spec
from tracker.importers._normalize import clean_text, fold
from tracker.importers._segment import segment
from tracker.importers.errors import ImportFormatError
from tracker.importers.participation_report import ParsedReport, parse_participation_report
from tracker.importers.project_sheet import ParsedProject, parse_project_sheet

Kind = Literal["participation_report", "project_sheet"]

_TITLES: dict[Kind, re.Pattern[str]] = {
    "participation_report": re.compile(r"informe de participacion"),
    "project_sheet": re.compile(r"ficha (?:resumen|de(?:l)? proyecto)|proyectos? bilaterales?"),
}
_TITLE_WEIGHT = 2
_MIN_SCORE = 3  # a title and one label, or three labels


def _score(cleaned: str, labels: tuple[Spec, ...], title: re.Pattern[str]) -> int:
    found = sum(1 for key in segment(cleaned, labels) if key != IGNORED)
    return found + (_TITLE_WEIGHT if title.search(fold(cleaned)) else 0)


def detect_kind(text: str) -> Kind | None:
    """The form the text is, by the labels it carries; None when it is neither or unclear."""
    cleaned = clean_text(text)
    report = _score(cleaned, participation_report.LABELS, _TITLES["participation_report"])
    project = _score(cleaned, project_sheet.LABELS, _TITLES["project_sheet"])
    if max(report, project) < _MIN_SCORE or report == project:
        return None
    return "participation_report" if report > project else "project_sheet"


def parse_document(text: str) -> ParsedReport | ParsedProject:
    """Parse a participation report or a project sheet; ImportFormatError if it is neither."""
    kind = detect_kind(text)
    if kind == "participation_report":
        return parse_participation_report(text)
    if kind == "project_sheet":
        return parse_project_sheet(text)
    raise ImportFormatError(
        "No se reconoce el formulario: no parece un informe de participación ni una ficha de "
        "proyecto bilateral."
    )
