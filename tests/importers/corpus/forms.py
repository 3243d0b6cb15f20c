"""A form before it is laid out: title, labelled fields with their value lines, closing lines.

Generators (reports.py, sheets.py) fill a `Form` and its expected `to_json()`; layouts
(layouts_*.py) turn the same `Form` into a .txt, .docx or .pdf file.
"""

from dataclasses import dataclass, field
from random import Random

from tests.importers.corpus.phrasing import BULLETS


@dataclass
class Field:
    key: str  #: what the field is ("commitments", "duration"…), for layouts that care
    label: str  #: as printed, already styled
    lines: list[str]  #: the value: paragraphs, or list items with their bullets
    items: list[str] | None = None  #: the list items without bullets (Word lists draw their own)
    section: str | None = None  #: heading printed before this field (capitals), in tables


@dataclass
class Form:
    kind: str  # "participation_report" or "project_sheet"
    title: list[str]
    intro: list[str] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    #: report forms print name, position and date as three labels then three values
    header_block: bool = False
    trailer: list[str] = field(default_factory=list)  #: after the table ("Actualizado el…")
    signature: list[str] = field(default_factory=list)
    running_header: str = ""
    form_code: str = ""


def bulleted(rng: Random, items: list[str], bullet: str | None = None) -> list[str]:
    """The items with one bullet style; numbered and lettered bullets count up."""
    bullet = bullet or rng.choice(BULLETS)
    lines = []
    for index, item in enumerate(items):
        if bullet[0] == "1":
            prefix = f"{index + 1}{bullet[1:]}"
        elif bullet == "a) ":
            prefix = f"{'abcdefghij'[index]}) "
        else:
            prefix = bullet
        lines.append(prefix + item)
    return lines


SIGNATURES = (
    [
        "________________________________",
        "Nombre de la persona funcionaria",
        "Cargo",
        "DEPENDENCIA",
        "",
        "Visto Bueno: ________________________",
        "Nombre de la jefatura",
    ],
    ["Firma: ______________________", "Sello de la institución"],
    ["_____________________", "Firma de la persona participante", "", "Vo.Bo. Jefatura inmediata"],
    ["Firma y sello", "__________________"],
    [],
)
