"""Dates, date ranges and durations written in Spanish prose.

The forms write dates the way people do: "29 al 31 - marzo - 2021", "30 de noviembre al 2 de
diciembre de 2022", "12 meses, desde noviembre de 2023". Every parser here is total: on text it
cannot read it returns None, it never raises.

Ranges are read by turning the text into a string of one-letter tokens (D day, M month, Y year,
F full numeric date, P day/month without a year, r range word, - dash, c comma, x anything
else) and matching a few shapes over that string; this keeps the grammar in one readable table
instead of one regex per phrasing.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.dates import add_months, planned_end
from tracker.importers._normalize import fold

MONTHS: dict[str, int] = {
    "enero": 1, "ene": 1,
    "febrero": 2, "feb": 2,
    "marzo": 3, "mar": 3,
    "abril": 4, "abr": 4,
    "mayo": 5, "may": 5,
    "junio": 6, "jun": 6,
    "julio": 7, "jul": 7,
    "agosto": 8, "ago": 8,
    "septiembre": 9, "setiembre": 9, "sept": 9, "sep": 9, "set": 9,
    "octubre": 10, "oct": 10,
    "noviembre": 11, "nov": 11,
    "diciembre": 12, "dic": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

_MIN_YEAR, _MAX_YEAR = 1900, 2100
_MAX_MONTHS = 1200  # a century: anything longer is a misreading, not a project

_TOKEN = re.compile(
    rf"""
    (?P<iso>\b[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}\b)
    |(?P<num>\b[0-9]{{1,2}}(?P<sep>[/.-])[0-9]{{1,2}}(?P=sep)(?:[0-9]{{4}}|[0-9]{{2}})\b)
    |(?P<dm>\b[0-9]{{1,2}}/[0-9]{{1,2}}\b(?![/.-]?[0-9]))
    |(?P<year>\b[0-9]{{4}}\b)
    |(?P<day>\b[0-9]{{1,2}}(?![0-9]))(?:\s*[°º]|(?:ro|er|o)\b)?
    |(?P<month>\b(?:{_MONTH_ALT})\b)\.?
    |(?P<word>[^\W\d_]+)
    |(?P<dash>[-–—−])
    |(?P<comma>,)
    |(?P<other>[^\s.])
    """,
    re.X,
)
_RANGE_WORDS = {"al", "a", "hasta", "y"}
# Words that sit between the parts of a date without changing its meaning.
_FILLER_WORDS = {
    "de", "del", "el", "la", "los", "las", "desde", "entre", "dia", "dias", "fecha", "fechas",
    "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
}  # fmt: skip


@dataclass(frozen=True)
class _Token:
    kind: str  # one letter, see the module docstring; "_" marks a filler word, dropped
    value: int | date | tuple[int, int] | None = None


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(fold(text)):
        group = match.lastgroup
        if group in ("iso", "num"):
            full = _numeric_date(match.group(group))
            tokens.append(_Token("F", full) if full else _Token("x"))
        elif group == "dm":
            day, month = (int(part) for part in match.group("dm").split("/"))
            valid = 1 <= day <= 31 and 1 <= month <= 12
            tokens.append(_Token("P", (day, month)) if valid else _Token("x"))
        elif group == "year":
            year = int(match.group("year"))
            tokens.append(_Token("Y", year) if _MIN_YEAR <= year <= _MAX_YEAR else _Token("x"))
        elif group == "day":
            day = int(match.group("day"))
            tokens.append(_Token("D", day) if 1 <= day <= 31 else _Token("x"))
        elif group == "month":
            tokens.append(_Token("M", MONTHS[match.group("month")]))
        elif group == "word":
            tokens.append(_word_token(match.group("word")))
        elif group == "dash":
            tokens.append(_Token("-"))
        elif group == "comma":
            tokens.append(_Token("c"))
        else:
            tokens.append(_Token("x"))
    return [token for token in tokens if token.kind != "_"]


def _word_token(word: str) -> _Token:
    if word in _RANGE_WORDS:
        return _Token("r")
    if word in _FILLER_WORDS:
        return _Token("_")
    if word == "primero":
        return _Token("D", 1)
    return _Token("x")


def _numeric_date(text: str) -> date | None:
    """ "2021-03-29", "29/03/2021", "29.03.21", "29-03-2021" (day first, as in Spanish)."""
    first, second, third = (int(part) for part in re.split(r"[/.-]", text))
    if re.match(r"[0-9]{4}-", text):
        return _safe_date(first, second, third)
    year = third + 2000 if third < 100 else third
    return _safe_date(year, second, first)


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# The shapes, longest first: at one position the regex takes the first alternative that fits.
_S = "[-c]?"  # a dash or comma between the parts of one date is only punctuation
_DMY = f"D{_S}M{_S}Y"
# Each shape is (left, right); right is None for a single date. The groups are named L<i>, R<i>.
_SHAPES: list[tuple[str, str | None]] = [
    (_DMY, _DMY),  # 31 de diciembre de 2022 al 2 de enero de 2023
    (f"D{_S}M", _DMY),  # 30 de noviembre al 2 de diciembre de 2022
    ("F", "F"),  # 29/03/2021 al 31/03/2021
    (f"D{_S}M", "F"),  # 30 de abril al 2/05/2024
    ("P", "F"),  # 30/04 al 2/05/2024
    ("P", _DMY),
    ("F", _DMY),
    (_DMY, "F"),
    ("D(?:c?D)*", _DMY),  # del 5 al 7 de junio de 2022; 29 al 31 - marzo - 2021; 3 - 5 octubre 2023
    ("D(?:c?D)*", "F"),  # 8-10/05/2024: the days share the month and year of the last date
    (_DMY, None),  # 15 de septiembre de 2022
    ("F", None),  # 2021-03-29
]
_SHAPE_RE = re.compile(
    "|".join(
        f"(?P<L{i}>{left})" + (f"[r-](?P<R{i}>{right})" if right else "")
        for i, (left, right) in enumerate(_SHAPES)
    )
)


def _scan(text: str) -> tuple[date, date] | None:
    """The first date or range in the text, as (start, end); end may precede start."""
    tokens = _tokenize(text)
    letters = "".join(token.kind for token in tokens)
    match = _SHAPE_RE.search(letters)
    if not match:
        return None
    index = next(i for i in range(len(_SHAPES)) if match.group(f"L{i}") is not None)
    left = tokens[match.start(f"L{index}") : match.end(f"L{index}")]
    if _SHAPES[index][1] is None:
        single = _complete(left)
        return (single, single) if single else None
    right = tokens[match.start(f"R{index}") : match.end(f"R{index}")]
    end = _complete(right)
    if end is None:
        return None
    start = _complete(left, inherit=end)
    return (start, end) if start else None


def _complete(tokens: list[_Token], inherit: date | None = None) -> date | None:
    """Build a date from D/M/Y/F tokens; missing month and year come from the range's end."""
    for token in tokens:
        if token.kind == "F":
            return token.value if isinstance(token.value, date) else None
    day = next((t.value for t in tokens if t.kind == "D"), None)
    month = next((t.value for t in tokens if t.kind == "M"), None)
    partial = next((t.value for t in tokens if t.kind == "P"), None)
    if isinstance(partial, tuple):
        day, month = partial
    year = next((t.value for t in tokens if t.kind == "Y"), None)
    if inherit is not None:
        month = month if isinstance(month, int) else inherit.month
        if year is None:
            # "30 de diciembre al 2 de enero de 2023": the start is in the year before.
            year = inherit.year - 1 if month > inherit.month else inherit.year
    if not (isinstance(day, int) and isinstance(month, int) and isinstance(year, int)):
        return None
    return _safe_date(year, month, day)


def parse_date(text: str) -> date | None:
    """The first date written in the text ("15 de septiembre de 2022", "29/03/2021")."""
    found = _scan(text)
    return found[0] if found else None


def parse_date_range(text: str) -> tuple[date, date] | None:
    """The first date range in the text; a single date gives start == end; end < start → None."""
    found = _scan(text)
    if found is None or found[1] < found[0]:
        return None
    return found


def parse_month(text: str) -> tuple[date, date] | None:
    """A month alone ("agosto 2023", "agosto de 2023") → its first and last day; else None.

    Only when the text names nothing but the month and its year: a day anywhere means a date.
    """
    kinds = [token for token in _tokenize(text) if token.kind not in "-c"]
    if [token.kind for token in kinds] != ["M", "Y"]:
        return None
    month, year = kinds[0].value, kinds[1].value
    if not (isinstance(month, int) and isinstance(year, int)):
        return None
    return date(year, month, 1), _month_end(year, month)


# --- durations -------------------------------------------------------------------------------

_NUMBER_WORDS: dict[str, int] = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintidos": 22, "veintitres": 23,
    "veinticuatro": 24, "treinta": 30, "treinta y seis": 36, "cuarenta y ocho": 48,
}  # fmt: skip
_NUMBER_ALT = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_UNIT_MONTHS = {"mes": 1, "meses": 1, "ano": 12, "anos": 12, "semestre": 6, "semestres": 6,
                "trimestre": 3, "trimestres": 3, "bimestre": 2, "bimestres": 2}  # fmt: skip
_COUNT = re.compile(
    rf"\b(?P<n>[0-9]{{1,4}}|{_NUMBER_ALT})\s*(?:\([^)]{{0,20}}\)\s*)?"
    rf"(?P<unit>{'|'.join(sorted(_UNIT_MONTHS, key=len, reverse=True))})\b"
    r"(?P<half>\s+y\s+medio)?"
)
_MENTION = re.compile(
    rf"""
    (?P<iso>\b[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}\b)
    |(?P<num>\b[0-9]{{1,2}}/[0-9]{{1,2}}/[0-9]{{4}}\b)
    |(?:\b(?P<day>[0-9]{{1,2}})\s*(?:de\s+)?)?
     \b(?P<month>{_MONTH_ALT})\b\.?\s*(?:(?:de|del)\s+|,\s*|-\s*|/\s*)?
     (?P<year>\b(?:19|20)[0-9]{{2}})\b
    |\b(?P<mm>0?[1-9]|1[0-2])/(?P<yy>(?:19|20)[0-9]{{2}})\b
    """,
    re.X,
)
# What stands just before a month-year mention says whether it opens or closes the period.
_START_CUE = re.compile(
    r"\b(?:desde|a\s+partir\s+del?|inici\w*|comenz\w*|empez\w*|arranc\w*)"
    r"(?:\s+(?:el|en|de|del|mes))*\s*$"
)
_END_CUE = re.compile(
    r"(?:\b(?:hasta|al|a|finaliz\w*|termin\w*|conclu\w*|culmin\w*|fin)|[-–])"
    r"(?:\s+(?:el|en|de|del|mes))*\s*$"
)


@dataclass(frozen=True)
class Duration:
    """What a "Duración" cell says: a number of months and/or a start and end (end included)."""

    months: int | None
    start: date | None
    end: date | None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _count_months(folded: str) -> int | None:
    if re.fullmatch(r"\s*[0-9]{1,4}\s*", folded):
        # A bare number in a "Duración (en meses)" cell.
        months = int(folded)
        return months if 1 <= months <= _MAX_MONTHS else None
    match = _COUNT.search(folded)
    if not match:
        # Without a number: "año y medio", "medio año".
        if re.search(r"\bano\s+y\s+medio\b", folded):
            return 18
        return 6 if re.search(r"\bmedio\s+ano\b", folded) else None
    number = match.group("n")
    count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
    months = count * _UNIT_MONTHS[match.group("unit")] + (6 if match.group("half") else 0)
    return months if 1 <= months <= _MAX_MONTHS else None


def _mentions(folded: str) -> tuple[date | None, date | None]:
    """Start and end of the period from the month-year mentions ("desde noviembre de 2023")."""
    start: date | None = None
    end: date | None = None
    for match in _MENTION.finditer(folded):
        first, last = _mention_bounds(match)
        if first is None or last is None:
            continue
        before = folded[max(0, match.start() - 30) : match.start()]
        if _START_CUE.search(before) and start is None:
            start = first
        elif _END_CUE.search(before) and end is None:
            end = last
        elif start is None:
            start = first
        elif end is None:
            end = last
    return start, end


def _mention_bounds(match: re.Match[str]) -> tuple[date | None, date | None]:
    """A mention with a day is that day; "noviembre de 2023" is the whole month."""
    if match.group("iso") or match.group("num"):
        full = _numeric_date(match.group("iso") or match.group("num"))
        return full, full
    if match.group("mm"):
        year, month = int(match.group("yy")), int(match.group("mm"))
        return date(year, month, 1), _month_end(year, month)
    year, month = int(match.group("year")), MONTHS[match.group("month")]
    if match.group("day"):
        exact = _safe_date(year, month, int(match.group("day")))
        return exact, exact
    return date(year, month, 1), _month_end(year, month)


def months_between(start: date, end: date) -> int | None:
    """Whole months from start to end, both included (March 2022 – August 2023 → 18).

    Exact when the end is a period's planned end (15/01/2025 – 14/07/2026 → 18), else rounded.
    """
    if end < start:
        return None
    guess = (end.year - start.year) * 12 + end.month - start.month
    for months in (guess, guess + 1, guess - 1):
        try:
            if 1 <= months <= _MAX_MONTHS and planned_end(start, months) == end:
                return months
        except (ValueError, OverflowError):
            continue
    months = round(((end - start).days + 1) / 30.4375)
    return months if 1 <= months <= _MAX_MONTHS else None


def parse_duration(text: str) -> Duration | None:
    """Read "12 meses, desde noviembre de 2023", "desde marzo de 2022 hasta agosto de 2023"…

    Whatever of (months, start, end) the text leaves out is derived from the other two when it
    can be: the end is the last day of the period (see planned_end).
    """
    folded = fold(text)
    months = _count_months(folded)
    start, end = _mentions(folded)
    if end is not None and start is not None and end < start:
        end = None
    try:
        if months is None and start and end:
            months = months_between(start, end)
        elif months and start and end is None:
            end = planned_end(start, months)
        elif months and end and start is None:
            start = add_months(end + timedelta(days=1), -months)
    except (ValueError, OverflowError):
        # Arithmetic past year 9999 (or before 1): keep what was read, drop what was derived.
        pass
    if months is None and start is None and end is None:
        return None
    return Duration(months=months, start=start, end=end)
