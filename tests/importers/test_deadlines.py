"""Deadlines and responsibles read from a commitment's own words (issue #12)."""

from datetime import date

import pytest

from tracker.importers import parse_participation_report
from tracker.importers.deadlines import read_commitment

END = date(2024, 2, 10)  # the activity's last day: the reference of relative deadlines


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Remitir la hoja de ruta a más tardar el 15 de marzo de 2024", date(2024, 3, 15)),
        ("Enviar el informe antes del 30 de junio", date(2024, 6, 30)),
        ("Enviar el informe antes del 5 de enero", date(2025, 1, 5)),  # first after the end
        ("Enviar la lista hasta el 15/03/2024", date(2024, 3, 15)),
        ("Presentar la propuesta a fines de marzo de 2025", date(2025, 3, 31)),
        ("Presentar la propuesta a finales de abril de 2025", date(2025, 4, 30)),
        ("Elaborar el plan en el primer trimestre de 2025", date(2025, 3, 31)),
        ("Evaluar en el segundo semestre de 2024", date(2024, 12, 31)),
        ("Ejecutar la hoja de ruta durante 2025", date(2025, 12, 31)),
        ("Compartir los materiales en un plazo de 30 días", date(2024, 3, 11)),
        ("Compartir los materiales en un plazo de 3 meses", date(2024, 5, 10)),
        ("Responder dentro de los 15 días hábiles siguientes", date(2024, 3, 1)),
        ("Apoyar la Alianza Regional por la Digitalización de las Mujeres", None),
        ("Dar seguimiento a los acuerdos de la reunión del 5 de mayo de 2023", None),
        ("Enviar el informe a más tardar en marzo de 2025", date(2025, 3, 31)),
        ("Enviar datos. Fecha límite: 30/06/2024", date(2024, 6, 30)),
        ("Evaluar en el transcurso del primer semestre", date(2024, 6, 30)),
        ("Compartir la relatoría en los próximos dos meses", date(2024, 4, 10)),
        ("Enviar datos a mediados de 2025", date(2025, 6, 30)),
        ("Enviar datos a finales de año", date(2024, 12, 31)),
        ("Enviar datos – Responsable: Ana Pérez – Plazo: 30 días", date(2024, 3, 11)),
        ("Enviar datos a más tardar el viernes 15 de marzo de 2024", date(2024, 3, 15)),
        ("Enviar datos de forma permanente", None),
    ],
)
def test_the_stated_deadline_is_read(text: str, due: date | None) -> None:
    assert read_commitment(text, END).due_date == due


@pytest.mark.parametrize(
    ("written", "text", "responsible"),
    [
        (
            "Remitir la hoja de ruta (responsable: Despacho Ministerial).",
            "Remitir la hoja de ruta",
            "Despacho Ministerial",
        ),
        ("Enviar datos. Responsable: Ana Pérez Soto", "Enviar datos", "Ana Pérez Soto"),
        (
            "Enviar datos, a cargo de la Dirección de Planificación",
            "Enviar datos, a cargo de la Dirección de Planificación",
            "Dirección de Planificación",
        ),
        (
            "Enviar datos a cargo del Despacho Ministerial",
            "Enviar datos a cargo del Despacho Ministerial",
            "Despacho Ministerial",
        ),
        ("Enviar datos a la CEPAL", "Enviar datos a la CEPAL", None),
        # The name ends where the deadline begins.
        (
            "Enviar datos a cargo de Ana Pérez Soto antes del 5 de mayo",
            "Enviar datos a cargo de Ana Pérez Soto antes del 5 de mayo",
            "Ana Pérez Soto",
        ),
        (
            "Enviar datos (responsable: Unidad de Género; plazo: 30 de junio)",
            "Enviar datos",
            "Unidad de Género",
        ),
        (
            "Enviar datos – Responsable: Ana Pérez – Plazo: 30 días",
            "Enviar datos – Responsable: Ana Pérez – Plazo: 30 días",
            "Ana Pérez",
        ),
        (
            "Enviar datos a cargo del Ministerio de Relaciones Exteriores, Comercio Internacional "
            "y Culto",
            "Enviar datos a cargo del Ministerio de Relaciones Exteriores, Comercio Internacional "
            "y Culto",
            "Ministerio de Relaciones Exteriores, Comercio Internacional y Culto",
        ),
    ],
)
def test_the_responsible_is_read_and_its_note_leaves_the_text(
    written: str, text: str, responsible: str | None
) -> None:
    item = read_commitment(written, END)
    assert (item.text, item.responsible) == (text, responsible)


def test_a_report_states_its_commitment_deadline_relative_to_the_activity_end() -> None:
    parsed = parse_participation_report(
        "Nombre: Ana Pérez\nFecha de la actividad: 8-10/05/2024\n"
        "Nombre de la actividad: Taller regional\n"
        "Compromisos adquiridos:\n"
        "- Remitir la hoja de ruta a la Secretaría Técnica a más tardar el 15 de marzo de 2025 "
        "(responsable: Despacho Ministerial)\n"
        "- Compartir la relatoría en un plazo de 30 días\n"
        "Acciones de seguimiento:\n- No se acordaron acciones de seguimiento.\n"
    )
    assert parsed.to_json()["commitments"] == [
        {
            "text": "Remitir la hoja de ruta a la Secretaría Técnica a más tardar el 15 de marzo "
            "de 2025",
            "due_date": "2025-03-15",
            "responsible": "Despacho Ministerial",
        },
        {
            "text": "Compartir la relatoría en un plazo de 30 días",
            "due_date": "2024-06-09",
            "responsible": None,
        },
    ]
    assert parsed.actions == []
