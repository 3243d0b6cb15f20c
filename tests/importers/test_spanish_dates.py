from datetime import date

import pytest

from tracker.importers.spanish_dates import (
    Duration,
    parse_date,
    parse_date_range,
    parse_duration,
    parse_month,
    planned_end,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 de septiembre de 2022", date(2022, 9, 15)),
        ("10 de abril de 2025", date(2025, 4, 10)),
        ("29/03/2021", date(2021, 3, 29)),
        ("2021-03-29", date(2021, 3, 29)),
        ("Información Actualizada el 10 de abril de 2025", date(2025, 4, 10)),
        ("INFORMACIÓN ACTUALIZADA EL 10 DE ABRIL DE 2025", date(2025, 4, 10)),
        ("15 de Setiembre de 2022", date(2022, 9, 15)),
        ("1° de marzo de 2024", date(2024, 3, 1)),
        ("lunes 29 de marzo, 2021", date(2021, 3, 29)),
        ("29-03-21", date(2021, 3, 29)),
        ("5 dic. 2023", date(2023, 12, 5)),
        # A range: the first date mentioned.
        ("29 al 31 de marzo de 2021", date(2021, 3, 29)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "sin fecha",
        "marzo de 2021",
        "31 de febrero de 2021",
        "32/01/2021",
        "29 de marzo",
        "2021",
    ],
)
def test_parse_date_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("29 al 31 - marzo - 2021", date(2021, 3, 29), date(2021, 3, 31)),
        ("del 5 al 7 de junio de 2022", date(2022, 6, 5), date(2022, 6, 7)),
        ("30 de noviembre al 2 de diciembre de 2022", date(2022, 11, 30), date(2022, 12, 2)),
        ("15 de septiembre de 2022", date(2022, 9, 15), date(2022, 9, 15)),
        ("3 - 5 octubre 2023", date(2023, 10, 3), date(2023, 10, 5)),
        ("29/03/2021 al 31/03/2021", date(2021, 3, 29), date(2021, 3, 31)),
        ("10 de abril de 2025", date(2025, 4, 10), date(2025, 4, 10)),
        ("31 de diciembre de 2022 al 2 de enero de 2023", date(2022, 12, 31), date(2023, 1, 2)),
        # The start's year is implied by the end's: December comes before January.
        ("30 de diciembre al 2 de enero de 2023", date(2022, 12, 30), date(2023, 1, 2)),
        ("29 AL 31 DE MARZO DE 2021", date(2021, 3, 29), date(2021, 3, 31)),
        ("del 1 al 3 de Setiembre de 2021", date(2021, 9, 1), date(2021, 9, 3)),
        ("29, 30 y 31 de marzo de 2021", date(2021, 3, 29), date(2021, 3, 31)),
        ("del 29 de marzo hasta el 2 de abril de 2021", date(2021, 3, 29), date(2021, 4, 2)),
        ("2021-03-29 - 2021-03-31", date(2021, 3, 29), date(2021, 3, 31)),
        ("Fecha: del 29 al 31 de marzo de 2021 (virtual)", date(2021, 3, 29), date(2021, 3, 31)),
        # Days sharing the month and year of the last date: a range, not its last day.
        ("8-10/05/2024", date(2024, 5, 8), date(2024, 5, 10)),
        ("8 al 10/05/2024", date(2024, 5, 8), date(2024, 5, 10)),
        ("8, 9 y 10/05/2024", date(2024, 5, 8), date(2024, 5, 10)),
        ("14 y 15 de marzo, 2023", date(2023, 3, 14), date(2023, 3, 15)),
        ("30/04 al 2/05/2024", date(2024, 4, 30), date(2024, 5, 2)),
        ("30 de abril al 2/05/2024", date(2024, 4, 30), date(2024, 5, 2)),
        ("30/12 al 2/01/2024", date(2023, 12, 30), date(2024, 1, 2)),
    ],
)
def test_parse_date_range(text: str, start: date, end: date) -> None:
    assert parse_date_range(text) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "próximamente",
        "5 al 3 de junio de 2022",  # ends before it starts
        "31/03/2021 al 29/03/2021",
        "29 al 31 de marzo",  # no year
    ],
)
def test_parse_date_range_none(text: str) -> None:
    assert parse_date_range(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("agosto 2023", (date(2023, 8, 1), date(2023, 8, 31))),
        ("Agosto de 2023", (date(2023, 8, 1), date(2023, 8, 31))),
        ("febrero, 2024", (date(2024, 2, 1), date(2024, 2, 29))),
        ("5 de agosto de 2023", None),  # a day: a date, not the month
        ("agosto", None),
        ("de agosto a septiembre de 2023", None),
    ],
)
def test_parse_month(text: str, expected: tuple[date, date] | None) -> None:
    assert parse_month(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "12 meses, desde noviembre de 2023",
            Duration(12, date(2023, 11, 1), date(2024, 10, 31)),
        ),
        (
            "12 meses, desde noviembre de 2023. El proyecto aún se encuentra en ejecución.",
            Duration(12, date(2023, 11, 1), date(2024, 10, 31)),
        ),
        (
            "24 meses a partir de enero de 2024",
            Duration(24, date(2024, 1, 1), date(2025, 12, 31)),
        ),
        ("18 meses", Duration(18, None, None)),
        (
            "desde marzo de 2022 hasta agosto de 2023",
            Duration(18, date(2022, 3, 1), date(2023, 8, 31)),
        ),
        ("un año", Duration(12, None, None)),
        ("1 año", Duration(12, None, None)),
        ("2 años", Duration(24, None, None)),
        ("un año y medio", Duration(18, None, None)),
        ("doce meses", Duration(12, None, None)),
        ("12", Duration(12, None, None)),
        (
            "Desde 01/11/2023 hasta 31/10/2024",
            Duration(12, date(2023, 11, 1), date(2024, 10, 31)),
        ),
        (
            "6 meses, hasta diciembre de 2024",
            Duration(6, date(2024, 7, 1), date(2024, 12, 31)),
        ),
        # Start and end instead of a duration: the whole months between them.
        (
            "Inicio: 15/01/2025 – Finalización: 14/07/2026",
            Duration(18, date(2025, 1, 15), date(2026, 7, 14)),
        ),
        (
            "Inicio: 01/02/2022 – Finalización: 31/07/2024",
            Duration(30, date(2022, 2, 1), date(2024, 7, 31)),
        ),
    ],
)
def test_parse_duration(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "por definir", "0 meses", "99999 meses"])
def test_parse_duration_none(text: str) -> None:
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2023, 11, 1), 12, date(2024, 10, 31)),
        (date(2024, 1, 1), 1, date(2024, 1, 31)),
        (date(2023, 3, 1), 12, date(2024, 2, 29)),  # ends on a leap day
        (date(2023, 11, 15), 12, date(2024, 11, 14)),
    ],
)
def test_planned_end(start: date, months: int, end: date) -> None:
    assert planned_end(start, months) == end


def test_planned_end_needs_a_positive_duration() -> None:
    with pytest.raises(ValueError):
        planned_end(date(2024, 1, 1), 0)
