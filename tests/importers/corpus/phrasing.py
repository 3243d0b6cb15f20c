"""How the forms write things: labels, dates, deadlines, responsibles, empty markers, bullets.

Every function takes the document's `random.Random` and returns the written text together with
what it means (the expected value), so the generator never has to parse its own output.
"""

import calendar
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from tracker.dates import add_months, planned_end

MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)  # fmt: skip
EMPTY_LIST_MARKERS = ("N/A", "No aplica", "Ninguno", "-", "Ninguna", "—", "No hay", "n/a")
NO_COMMITMENTS = (
    "No se adquirieron compromisos.",
    "No se adquirieron compromisos",
    "No se asumieron compromisos en esta actividad.",
    "Ninguno",
    "N/A",
)
EMPTY_TEXT_MARKERS = ("N/A", "No aplica", "-", "Ninguno", "Sin comentarios", "Sin observaciones")
BULLETS = ("· ", "- ", "• ", "1. ", "a) ", "▪ ", "➢ ", "* ", "1) ", "– ")


@dataclass(frozen=True)
class Style:
    """How one form writes its labels: the same for every label of that form."""

    case: str  # "as_is", "upper", "lower_first"
    colon: bool
    drop_accents: bool
    bilingual: str  # "", "es_en" ("Nombre / Name"), "en_es" ("Name / Nombre")


def random_style(rng: Random) -> Style:
    bilingual = rng.choices(["", "es_en", "en_es"], weights=[17, 2, 1])[0]
    return Style(
        case=rng.choices(["as_is", "upper", "lower_first"], weights=[7, 2, 1])[0],
        colon=rng.random() < 0.5,
        drop_accents=rng.random() < 0.2,
        bilingual=bilingual,
    )


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn" or c == "\u0303")
    return unicodedata.normalize("NFC", kept)  # keeps ñ: people drop accents, not the tilde


def render_label(rng: Random, style: Style, spanish: str, english: str, instruction: str) -> str:
    """One label as the form prints it, with its optional instruction in parentheses."""
    text = strip_accents(spanish) if style.drop_accents else spanish
    if style.bilingual == "es_en":
        text = f"{text} / {english}"
    elif style.bilingual == "en_es":
        text = f"{english} / {text}"
    if style.case == "upper":
        text = text.upper()
    elif style.case == "lower_first":
        text = text[0].upper() + text[1:].lower()
    if instruction and rng.random() < 0.35:
        text = f"{text} ({instruction})"
    return f"{text}:" if style.colon else text


# --- dates ---------------------------------------------------------------------------------


def spanish_date(day: date, rng: Random, with_year: bool = True) -> str:
    month = MONTHS[day.month - 1]
    if not with_year:
        return f"{day.day} de {month}"
    return rng.choice(
        [f"{day.day} de {month} de {day.year}", f"{day.day:02d}/{day.month:02d}/{day.year}"]
    )


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def activity_dates(rng: Random) -> tuple[str, date, date]:
    """The activity's date as written, its first and last day."""
    start = date(rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 25))
    length = rng.choice([0, 1, 2, 2, 3, 4])
    end = start + timedelta(days=length)
    month, year = MONTHS[start.month - 1], start.year
    same_month = end.month == start.month
    forms: list[str] = []
    if length == 0:
        forms += [f"{start.day} de {month} de {year}", f"{start.day:02d}/{start.month:02d}/{year}"]
        if rng.random() < 0.12:  # a month alone: the whole month
            m_end = month_end(start)
            return (
                rng.choice([f"{month} {year}", f"{month} de {year}"]),
                start.replace(day=1),
                m_end,
            )
    elif same_month:
        forms += [
            f"{start.day} al {end.day} - {month} - {year}",
            f"{start.day}-{end.day}/{start.month:02d}/{year}",
            f"del {start.day} al {end.day} de {month} de {year}",
            f"{start.day} al {end.day} de {month} de {year}",
            f"{start.day:02d}/{start.month:02d}/{year} - {end.day:02d}/{end.month:02d}/{year}",
        ]
        if length == 1:
            forms += [f"{start.day} y {end.day} de {month}, {year}", f"{start.day} y {end.day} "
                      f"de {month} de {year}"]  # fmt: skip
        if length == 2:
            middle = start.day + 1
            forms += [f"{start.day}, {middle} y {end.day}/{start.month:02d}/{year}"]
    else:
        end_month = MONTHS[end.month - 1]
        if end.year == start.year:
            forms += [f"del {start.day} de {month} al {end.day} de {end_month} de {year}"]
        else:
            forms += [
                f"del {start.day} de {month} de {year} al {end.day} de {end_month} de {end.year}"
            ]
        forms += [f"{start.day:02d}/{start.month:02d}/{year} al {end.day:02d}/{end.month:02d}/"
                  f"{end.year}"]  # fmt: skip
        if end.year == start.year:
            # The start without its year, as the end carries it.
            forms += [f"{start.day}/{start.month:02d} al {end.day}/{end.month:02d}/{end.year}"]
    return rng.choice(forms), start, end


# --- deadlines and responsibles inside a commitment ----------------------------------------


def _next_on_or_after(anchor: date, month: int, day: int) -> date:
    """A year-less date means its first occurrence on or after the activity's end."""
    candidate = date(anchor.year, month, day)
    return candidate if candidate >= anchor else date(anchor.year + 1, month, day)


def deadline(rng: Random, activity_end: date) -> tuple[str, date | None]:
    """A deadline clause and the ISO due date it states; ("", None) for none."""
    if rng.random() < 0.3:
        return "", None
    target = activity_end + timedelta(days=rng.randint(20, 300))
    month = MONTHS[target.month - 1]
    day = min(target.day, 28)
    exact = target.replace(day=day)
    choice = rng.randrange(15)
    if choice == 0:
        return f"a más tardar el {day} de {month} de {exact.year}", exact
    if choice == 1:
        return f"a más tardar el {day} de {month}", _next_on_or_after(
            activity_end, exact.month, day
        )
    if choice == 2:
        return f"antes del {day} de {month}", _next_on_or_after(activity_end, exact.month, day)
    if choice == 3:
        return f"antes del {day} de {month} de {exact.year}", exact
    if choice == 4:
        return f"hasta el {day:02d}/{exact.month:02d}/{exact.year}", exact
    if choice == 5:
        return f"a fines de {month} de {target.year}", month_end(target)
    if choice == 6:
        quarter = (target.month - 1) // 3
        names = ("primer", "segundo", "tercer", "cuarto")
        end = month_end(date(target.year, quarter * 3 + 3, 1))
        return f"en el {names[quarter]} trimestre de {target.year}", end
    if choice == 7:
        return f"durante {target.year}", date(target.year, 12, 31)
    if choice == 8:
        days = rng.choice([15, 30, 45, 60, 90])
        return f"en un plazo de {days} días", activity_end + timedelta(days=days)
    if choice == 9:
        months = rng.choice([2, 3, 6])
        return f"en un plazo de {months} meses", add_months(activity_end, months)
    if choice == 10:
        half = "primer" if target.month <= 6 else "segundo"
        end = date(target.year, 6, 30) if half == "primer" else date(target.year, 12, 31)
        return f"en el {half} semestre de {target.year}", end
    if choice == 12:
        return f"a más tardar en {month} de {target.year}", month_end(target)
    if choice == 13:
        return f"(fecha límite: {exact:%d/%m/%Y})", exact
    if choice == 14:
        half = "primer" if target.month <= 6 else "segundo"
        end = date(target.year, 6, 30) if half == "primer" else date(target.year, 12, 31)
        return f"en el transcurso del {half} semestre de {target.year}", end
    return f"a finales de {month} de {target.year}", month_end(target)


_MASCULINE = {"Despacho", "Departamento", "Área"}


def a_cargo_de(name: str) -> str:
    """ "a cargo de la Dirección de Planificación", "a cargo del Despacho Ministerial"."""
    first = name.split()[0]
    if first in _MASCULINE:
        return f"a cargo del {name}"
    if first in {"Dirección", "Unidad", "Presidencia", "Secretaría", "Asesoría"}:
        return f"a cargo de la {name}"
    return f"a cargo de {name}"  # a person's name has no article


def commitment(rng: Random, task: str, activity_end: date, responsible_pool: tuple[str, ...]):
    """(written item, expected {"text", "due_date", "responsible"}); see the package docstring."""
    clause, due = deadline(rng, activity_end)
    written = f"{task} {clause}" if clause else task
    responsible = None
    text = written
    if rng.random() < 0.7:
        responsible = rng.choice(responsible_pool)
        form = rng.randrange(4)
        if form == 0:
            written = f"{written} (responsable: {responsible})"
        elif form == 1:
            written = f"{written} (Responsable: {responsible})"
        elif form == 2:  # prose: stays in the text
            text = written = f"{written}, {a_cargo_de(responsible)}"
        else:
            written = f"{written}. Responsable: {responsible}"
    if rng.random() < 0.4 and not written.endswith("."):
        written += "."
    return written, {
        "text": text,
        "due_date": due.isoformat() if due else None,
        "responsible": responsible,
    }


# --- project durations ---------------------------------------------------------------------


def project_period(rng: Random) -> dict:
    """Start, months and end of a project, always consistent (end = planned_end(start, months))."""
    start = date(rng.randint(2021, 2025), rng.randint(1, 12), 1)
    if rng.random() < 0.4:
        start = start.replace(day=rng.choice([5, 10, 15, 20]))
    months = rng.choice([6, 8, 12, 12, 18, 24, 30, 36])
    return {"start": start, "months": months, "end": planned_end(start, months)}
