"""The deadline and the responsible that a commitment or an action states in its own words.

Staff write "Remitir la hoja de ruta a más tardar el 15 de marzo de 2024 (responsable: Despacho
Ministerial)". The date is read in the ways Spanish prose states one:

- a limit date: "a más tardar el 15 de marzo de 2024", "antes del 30/06/2024", "hasta el 15 de
  mayo" (without a year: the first such day after the activity), "fecha límite: …", "plazo: …";
- a period, due at its end: "a fines de marzo de 2025", "en el primer trimestre de 2025",
  "durante el segundo semestre de 2025", "durante 2025", "en marzo de 2025";
- a delay counted from the activity's end: "en un plazo de 30 días", "dentro de los 15 días
  hábiles siguientes", "en los próximos dos meses", "en un plazo máximo de tres semanas".

The responsible is the text after "responsable:", "a cargo de" or "bajo la responsabilidad de",
or a closing parenthesis that names an office ("(Despacho Ministerial)"). Everything is total:
text without a deadline gives `due_date=None`, never an exception.
"""

import calendar
import re
from datetime import date, timedelta

from tracker.dates import add_months
from tracker.importers._normalize import collapse, fold
from tracker.importers.spanish_dates import MONTHS, parse_date

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)[0-9]{2}"
_NUMBER_WORDS = {
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15,
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cuarenta y cinco": 45, "sesenta": 60,
    "noventa": 90, "ciento veinte": 120, "ciento ochenta": 180,
}  # fmt: skip
_NUMBER = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_ORDINALS = {
    "primer": 1, "primero": 1, "1er": 1, "i": 1, "segundo": 2, "2do": 2, "ii": 2,
    "tercer": 3, "tercero": 3, "3er": 3, "iii": 3, "cuarto": 4, "4to": 4, "iv": 4,
}  # fmt: skip
_ORDINAL = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_PERIOD_MONTHS = {"trimestre": 3, "semestre": 6, "cuatrimestre": 4, "bimestre": 2}

# Words that say a date is a limit, not a date in passing ("el taller del 5 de mayo").
_LIMIT_CUE = re.compile(
    r"\b(?:a mas tardar(?: el| en| para el| al)?|antes del?|hasta el|hasta|para el|"
    r"fecha (?:limite|maxima|tope)(?: de (?:entrega|cumplimiento))?\s*:?(?: el)?|"
    r"plazo(?: maximo| limite)?\s*:(?: el)?|vence(?: el)?|vencimiento\s*:?(?: el)?|"
    r"no mas alla del?|como maximo el|a partir de la fecha limite del?)\s+$"
)
_PASSING_CUE = re.compile(
    r"\b(?:desde|del?|entre|a partir del?|iniciad[oa] el|celebrad[oa] el)\s+(?:el\s+|la\s+)?$"
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>[0-9]{{1,2}})\s*(?:de\s+)?(?P<month>{_MONTH_ALT})\b\.?"
    rf"(?:\s*(?:de|del|,|/|-)?\s*(?P<year>{_YEAR})\b)?"
)
_NUMERIC = re.compile(
    r"\b(?P<day>[0-9]{1,2})[/.-](?P<month>[0-9]{1,2})(?:[/.-](?P<year>[0-9]{2,4}))?\b"
)
_END_OF_MONTH = re.compile(
    rf"\b(?:(?:a|al|hacia|para) (?:fin(?:es|ales)?|final|cierre|termino) de"
    rf"|(?:a|antes de|para|en|durante|hasta|a mas tardar en|dentro de)(?: el mes de| el)?"
    rf"|(?:a|hacia|para) (?:mediados|inicios|principios|comienzos) de)"
    rf"\s+(?P<month>{_MONTH_ALT})\b\.?(?:\s*(?:de|del|,)?\s*(?P<year>{_YEAR})\b)?"
)
_PERIOD = re.compile(
    rf"\b(?:en|durante|dentro|para|antes|a mas tardar|hasta)\b[\w\s]{{0,25}}?"
    rf"\b(?P<ordinal>{_ORDINAL})\s+(?P<unit>trimestre|semestre|cuatrimestre|bimestre)"
    rf"(?:\s+(?:de|del)(?: (?:ano|anio))?)?\s*(?P<year>{_YEAR})?\b"
)
_MID_YEAR = re.compile(rf"\b(?:a|hacia|para|antes de) mediados de(?:l ano)?\s+(?P<year>{_YEAR})\b")
# "a finales de año", "antes de fin de año": the year the activity ended in.
_THIS_YEAR_END = re.compile(
    r"\b(?:a|al|hacia|para|antes de(?:l)?)\s+(?:fin(?:es|ales)?|final|cierre|termino) de(?:l)?"
    r"\s+(?:este\s+|presente\s+)?ano\b(?!\s+(?:19|20)[0-9]{2})"
)
_YEAR_ONLY = re.compile(
    rf"\b(?:(?:a|al|hacia|para) (?:fin(?:es|ales)?|final|cierre) (?:de|del)(?: ano)?"
    rf"|durante(?: el(?: ano)?)?|en el (?:transcurso|curso) (?:de|del)(?: ano)?"
    rf"|en(?: el ano)?|para(?: el ano)?|antes de(?: finalizar)?(?: el ano)?"
    rf"|a lo largo de(?:l ano)?)"
    rf"\s+(?P<year>{_YEAR})\b"
)
_DELAY = re.compile(
    rf"\b(?:en|dentro de|durante|plazo\s*:)\s+"
    rf"(?:un|el|los|las)?\s*(?:plazo|periodo|lapso|termino)?\s*"
    rf"(?:(?:maximo|no mayor|no superior|de hasta|maximo de|de)\s+)*(?:a\s+)?"
    rf"(?:los\s+|las\s+)?(?:proxim[oa]s\s+|siguientes\s+)?"
    rf"(?P<n>[0-9]{{1,3}}|{_NUMBER})\s*(?:\([^)]{{0,20}}\)\s*)?"
    rf"(?P<unit>dias?|semanas?|mes(?:es)?|anos?)(?P<business>\s+(?:habiles|laborables))?"
)
_RESPONSIBLE = re.compile(
    r"\b(?:responsables?|a cargo del?|bajo (?:la )?responsabilidad del?|encargad[oa]s?|"
    r"lo (?:realiza|ejecuta|coordina)|le corresponde al?|corresponde al?|liderado por)"
    r"(?![\w])\s*[:\-–]?\s*"
)
# A closing parenthesis without a keyword names the responsible only when it names an office.
_OFFICE = re.compile(
    r"(?:despacho|unidad|direccion|departamento|area|oficina|secretaria|ministerio|ministra|"
    r"ministro|jefatura|coordinacion|gerencia|presidencia|viceministerio|embajada|instituto|"
    r"division|seccion|programa|comision|consejo|asesoria|equipo|punto focal|persona)\b"
)


# Where a deadline begins after a responsible's name: "a cargo de Ana Pérez antes del 5 de mayo".
_DEADLINE_START = (
    r",?\s+(?:a mas tardar|antes del?|hasta (?:el|la|fin)|en un plazo|dentro de|para (?:el|fin)|"
    r"durante|a (?:fin|final|mediados|inicios|principios)|en el (?:primer|segundo|tercer|cuarto)|"
    r"plazo\s*:|fecha limite|en los proximos)\b"
)


class Commitment(str):
    """A commitment or an action: it reads as its text, and carries the deadline and the
    responsible that text states (`due_date` None when it names none).

    A str, so that code which lists or joins commitments keeps working unchanged.
    """

    due_date: date | None
    responsible: str | None
    due_text: str | None  #: the words the date was read from, for the preview

    def __new__(
        cls,
        text: str,
        due_date: date | None = None,
        responsible: str | None = None,
        due_text: str | None = None,
    ) -> "Commitment":
        item = super().__new__(cls, text)
        item.due_date, item.responsible, item.due_text = due_date, responsible, due_text
        return item

    @property
    def text(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Commitment({self.text!r}, {self.due_date!r}, {self.responsible!r})"

    def to_json(self) -> dict[str, str | None]:
        return {
            "text": self.text,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "responsible": self.responsible,
        }


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day) if 1900 <= year <= 2200 else None
    except ValueError:
        return None


def _next_after(reference: date | None, month: int, day: int | None) -> date | None:
    """A day and month without a year: the first one not before the reference."""
    if reference is None:
        return None
    for year in (reference.year, reference.year + 1):
        found = _safe(year, month, day) if day else _month_end(year, month)
        if found and found >= reference:
            return found
    return None


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def _add_business_days(start: date, days: int) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _limit_date(folded: str, reference: date | None) -> tuple[date, str] | None:
    """ "a más tardar el 15 de marzo de 2024", "antes del 30/06", "hasta el 15 de mayo"."""
    candidates: list[tuple[int, date, str]] = []
    for match in _DAY_MONTH.finditer(folded):
        month, day = MONTHS[match.group("month")], int(match.group("day"))
        if match.group("year"):
            found = _safe(int(match.group("year")), month, day)
        else:
            found = _next_after(reference, month, day)
        if found:
            candidates.append((match.start(), found, match.group()))
    for match in _NUMERIC.finditer(folded):
        year_text = match.group("year")
        day, month = int(match.group("day")), int(match.group("month"))
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            found = _safe(year, month, day)
        elif 1 <= month <= 12:
            found = _next_after(reference, month, day)
        else:
            found = None
        if found:
            candidates.append((match.start(), found, match.group()))
    for start, found, words in sorted(candidates, key=lambda item: item[0]):
        # Only a date introduced as a limit; "el taller del 5 de mayo" is a date in passing.
        if _LIMIT_CUE.search(folded[max(0, start - 60) : start]):
            return found, words
    for start, found, words in sorted(candidates, key=lambda item: item[0]):
        # Without a cue, a date is the deadline unless it says when something began or
        # happened ("desde el 5 de mayo", "la reunión del 5 de mayo").
        if not _PASSING_CUE.search(folded[max(0, start - 30) : start]):
            return found, words
    return None


def _period_end(folded: str, reference: date | None) -> tuple[date, str] | None:
    match = _PERIOD.search(folded)
    if match:
        year = int(match.group("year")) if match.group("year") else reference and reference.year
        if year:
            size = _PERIOD_MONTHS[match.group("unit")]
            last_month = min(12, _ORDINALS[match.group("ordinal")] * size)
            return _month_end(year, last_month), match.group()
    match = _END_OF_MONTH.search(folded)
    if match:
        month = MONTHS[match.group("month")]
        if match.group("year"):
            return _month_end(int(match.group("year")), month), match.group()
        found = _next_after(reference, month, None)
        if found:
            return found, match.group()
    match = _MID_YEAR.search(folded)
    if match:
        return date(int(match.group("year")), 6, 30), match.group()
    match = _YEAR_ONLY.search(folded)
    if match:
        return date(int(match.group("year")), 12, 31), match.group()
    match = _THIS_YEAR_END.search(folded)
    if match and reference:
        return date(reference.year, 12, 31), match.group()
    return None


def _delay_end(folded: str, reference: date | None) -> tuple[date, str] | None:
    match = _DELAY.search(folded)
    if not match or reference is None:
        return None
    count, unit = _number(match.group("n")), match.group("unit")
    if not 0 < count <= 3650:
        return None
    if unit.startswith("dia"):
        if match.group("business"):
            return _add_business_days(reference, count), match.group()
        return reference + timedelta(days=count), match.group()
    if unit.startswith("semana"):
        return reference + timedelta(weeks=count), match.group()
    months = count * (12 if unit.startswith("ano") else 1)
    return add_months(reference, months), match.group()


def find_deadline(text: str, reference: date | None = None) -> tuple[date | None, str | None]:
    """(due date, the words it was read from); `reference` is the activity's end."""
    folded = fold(collapse(text))
    for reader in (_limit_date, _period_end, _delay_end):
        found = reader(folded, reference)
        if found:
            return found
    return None, None


def find_responsible(text: str) -> str | None:
    """Who the text names as responsible ("(responsable: Despacho Ministerial)")."""
    flat = collapse(text)
    folded = fold(flat)
    for match in _RESPONSIBLE.finditer(folded):
        # The name runs to the closing parenthesis, the end of the sentence, or a new clause.
        tail = flat[match.end() :]
        inside = folded[: match.start()].count("(") > folded[: match.start()].count(")")
        stop = r"\)|;\s*plazo" if inside else r"[.;)]\s|[.;)]$|\s[–—-]\s"
        end = re.search(f"{stop}|{_DEADLINE_START}", fold(tail))
        name = tail[: end.start()] if end else tail
        name = _clean_name(name)
        if name and not parse_date(name):
            return name
    closing = re.search(r"\(([^()]{3,120})\)\s*\.?\s*$", flat)
    if closing and _OFFICE.match(fold(closing.group(1)).strip()):
        return _clean_name(closing.group(1))
    return None


def _clean_name(name: str) -> str | None:
    # "a cargo de la Dirección…", "a cargo del Despacho…": the article is not the name.
    name = re.sub(r"^(?:(?:de|del|la|el|los|las)\s+)+(?=[A-ZÁÉÍÓÚÑ])", "", name.strip())
    name = name.strip(" .,;:()-–")
    return name if 2 <= len(name) <= 200 and not name.isdigit() else None


# A trailing annotation that only names the responsible: "(responsable: X)", ". Responsable: X".
_RESPONSIBLE_NOTE = re.compile(
    r"(?:\s*\(\s*responsables?\s*[:\-–]?[^()]*\)|(?<=[.;])\s*responsables?\s*[:\-–][^.;()]*)"
    r"\s*[.;]?\s*$"
)


def strip_responsible_note(text: str) -> str:
    """The commitment without a trailing "(responsable: …)" or ". Responsable: …"."""
    match = _RESPONSIBLE_NOTE.search(fold(text))
    return text[: match.start()].rstrip(" .;,") if match and match.start() > 0 else text


def read_commitment(text: str, reference: date | None = None) -> Commitment:
    """A commitment's text with the deadline and responsible it states (see the docstring)."""
    text = collapse(text)
    due, words = find_deadline(text, reference)
    responsible = find_responsible(text)
    return Commitment(strip_responsible_note(text).rstrip(" .;"), due, responsible, words)


def read_commitments(texts: list[str], reference: date | None = None) -> list[Commitment]:
    """Each text read by read_commitment; the reference is the activity's last day."""
    return [read_commitment(text, reference) for text in texts]
