"""The organizers of an activity, as one cell lists them.

People separate organizers with semicolons, bullets, numbers or letters, commas and "y" — but
institutions' own names hold commas and "y" ("Ministerio de Relaciones Exteriores, Comercio
Internacional y Culto"). A comma or "y" therefore splits only before the start of a new name:
a word that begins an institution's name, an acronym in capitals, or after an acronym in
parentheses closed the name before it ("… el Caribe (CEPAL), ONU Mujeres").
"""

import re

from tracker.importers._lists import split_flattened, starts_with_bullet, strip_bullet
from tracker.importers._normalize import fold

_SPLIT_ORGANIZERS = re.compile(r"\s*(?:;|\s·\s|\s•\s)\s*")
_ORGANIZER_START = re.compile(
    r"(?:gobierno|ministerio|embajada|secretari\w*|onu|naciones unidas|organizacion|agencia|banco|"
    r"fondo|programa|instituto|comision|consejo|oficina|fundacion|universidad|union europea|"
    r"mecanismo|red|sistema|centro|alianza|asociacion|entidad|cooperacion|parlamento|corte|"
    r"foro|comite|grupo|mesa|observatorio|camara|direccion|servicio|municipalidad|alcaldia|"
    r"corporacion|delegacion|federacion|confederacion|plataforma|coalicion|facultad|"
    r"cepal|oea|bid|pnud|unicef|unfpa|oit|ops|oms|fao|unesco|segib|sica|commca|cim|giz|aecid|"
    r"jica|usaid|koica)\b"
)
# An acronym alone ("… y CEPAL", "UNICEF (oficina regional)"), in capitals as written.
_ACRONYM_START = re.compile(r"[A-ZÁÉÍÓÚÑ]{2,8}\b(?=\s*$|\s*\()")


def _starts_name(text: str, folded: str, at: int = 0) -> bool:
    return bool(_ORGANIZER_START.match(folded, at) or _ACRONYM_START.match(text, at))


def split_organizers(lines: list[str]) -> list[str]:
    """ "Comisión Económica para América Latina y el Caribe (CEPAL), ONU Mujeres" → two.

    A comma or " y " splits only before a word that starts an institution's name, so
    "Ministerio de Relaciones Exteriores, Comercio Internacional y Culto" stays whole; a line
    that does not start with a bullet or such a word continues the name above (a PDF wrap).
    """
    joined: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        starts_new = starts_with_bullet(line) or _starts_name(line, fold(line))
        if joined and not starts_new and not joined[-1].endswith((",", ";")):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    pieces = [piece for line in joined for piece in split_flattened(line, min_words=1)]
    organizers: list[str] = []
    for line in pieces:
        for piece in _SPLIT_ORGANIZERS.split(strip_bullet(line)):
            for part in _split_before_start(piece, r",\s*"):
                organizers.extend(_split_before_start(part, r"\s+(?:y|e)\s+"))
    cleaned = (strip_bullet(name).strip(" .,") for name in organizers)
    return [name for name in cleaned if name and name not in ("-", "y")]


def _split_before_start(piece: str, separator: str) -> list[str]:
    folded = fold(piece)
    parts: list[str] = []
    start = 0
    for match in re.finditer(separator, folded):
        # A new name starts with an institution word, or after an acronym closes the one
        # before: "… el Caribe (CEPAL), Foro de Ministras …".
        after_acronym = piece[: match.start()].endswith(")") and "," in match.group()
        starts = _starts_name(piece, folded, match.end()) or after_acronym
        if starts and piece[match.end() : match.end() + 1].isupper():
            parts.append(piece[start : match.start()])
            start = match.end()
    parts.append(piece[start:])
    return parts
