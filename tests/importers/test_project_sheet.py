import json
import re
from datetime import date

import pytest

from tracker.importers._places import split_place
from tracker.importers.project_sheet import (
    Institution,
    Milestone,
    MilestoneOffsets,
    ParsedProject,
    detect_status,
    milestones,
    parse_institutions,
    parse_project_sheet,
    parse_sdgs,
    split_objectives,
)

from .expected import GENERAL_OBJECTIVE, PROJECT, RESULTS

SEED_INSTITUTIONS = (
    "México: Instituto Nacional de las Mujeres (INMUJERES) Chile: Embajada de Chile en México "
    "Otras Instituciones Participantes: ONU Mujeres -México Embajada de Alemania en México"
)


def _set_row(text: str, label: str, value: str) -> str:
    """The sheet with one "Label<TAB>value" row's value replaced."""
    replaced, count = re.subn(rf"(?m)^{re.escape(label)}\t.*$", f"{label}\t{value}", text)
    assert count == 1, label
    return replaced


def test_seed_sheet_reads_every_field(project_text: str) -> None:
    parsed = parse_project_sheet(project_text)

    assert parsed.to_json() == PROJECT
    assert parsed.name == (
        "Copresidencia de la mesa de cooperación para la igualdad de género en México (MCIG)"
    )
    assert parsed.thematic_area == "Desarrollo social"
    assert parsed.sdgs == [5, 10]
    assert parsed.institutions == [
        Institution("Instituto Nacional de las Mujeres", "INMUJERES", "México", "counterpart"),
        Institution("Embajada de Chile en México", None, "Chile", "lead"),
        Institution("ONU Mujeres", None, "México", "participant"),
        Institution("Embajada de Alemania en México", None, "México", "participant"),
    ]
    assert (parsed.country, parsed.city) == ("México", None)
    assert parsed.start_date == date(2023, 11, 1)
    assert parsed.duration_months == 12
    assert parsed.planned_end_date == date(2024, 10, 31)
    assert parsed.status == "implementation"
    assert parsed.general_objective == GENERAL_OBJECTIVE
    assert len(parsed.specific_objectives) == 2
    assert parsed.results == RESULTS
    assert len(parsed.results) == 3
    assert parsed.results[1].endswith(
        "incorporación de cláusulas de género en Acuerdos Comerciales, entre otros."
    )
    assert parsed.results[2].startswith("Dinamizar la cooperación")
    assert parsed.information_updated_on == date(2025, 4, 10)
    assert parsed.duration_text == (
        "12 meses, desde noviembre de 2023. El proyecto aún se encuentra en ejecución."
    )
    assert parsed.warnings == []
    assert parsed.missing == []
    assert re.fullmatch(r"[0-9a-f]{64}", parsed.fingerprint)


def test_to_json_is_plain_json(project_text: str) -> None:
    assert json.loads(json.dumps(parse_project_sheet(project_text).to_json())) == PROJECT


@pytest.mark.parametrize(
    "layout",
    [
        pytest.param(lambda label, value: f"{label}: {value}", id="label-colon-value"),
        pytest.param(lambda label, value: f"{label}\n{value}", id="label-line-value-line"),
        pytest.param(lambda label, value: f"{label.upper()}\t{value}", id="upper-case-labels"),
    ],
)
def test_layouts_give_the_same_sheet(project_text: str, layout) -> None:
    lines = []
    for line in project_text.split("\n"):
        label, tab, value = line.partition("\t")
        lines.append(layout(label, value) if tab and label.strip("-") else line)
    assert parse_project_sheet("\n".join(lines)).to_json() == PROJECT


def test_results_as_a_bulleted_list(project_text: str) -> None:
    start = project_text.index("Resultados\t")
    end = project_text.index("--\t---")
    bullets = "\n".join(f"• {result}" for result in RESULTS)
    text = project_text[:start] + f"Resultados esperados:\n{bullets}\n" + project_text[end:]
    assert parse_project_sheet(text).results == RESULTS


# --- pieces --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Objetivo 5: Lograr la igualdad… Objetivo 10: Reducir la desigualdad…", [5, 10]),
        ("ODS 5, ODS 10", [5, 10]),
        ("ODS N° 5 y ODS Nº 16", [5, 16]),
        ("5. Igualdad de género\n10. Reducción de las desigualdades", [5, 10]),
        ("5, 10 y 16", [5, 10, 16]),
        ("Objetivo 5. Objetivo 5.", [5]),
        ("Objetivo 18", []),
        ("Igualdad de género", []),
    ],
)
def test_parse_sdgs(text: str, expected: list[int]) -> None:
    assert parse_sdgs(text) == expected


def test_institutions_of_the_seed() -> None:
    assert parse_institutions(SEED_INSTITUTIONS) == [
        Institution("Instituto Nacional de las Mujeres", "INMUJERES", "México", "counterpart"),
        Institution("Embajada de Chile en México", None, "Chile", "lead"),
        Institution("ONU Mujeres", None, "México", "participant"),
        Institution("Embajada de Alemania en México", None, "México", "participant"),
    ]


def test_owner_country_names_the_lead() -> None:
    roles = [(i.country, i.role) for i in parse_institutions(SEED_INSTITUTIONS, "mexico")]
    assert roles[:2] == [("México", "lead"), ("Chile", "counterpart")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Agencia Chilena de Cooperación Internacional para el Desarrollo (AGCID) "
            "Ministerio de la Mujer y la Equidad de Género",
            [
                ("Agencia Chilena de Cooperación Internacional para el Desarrollo", "AGCID"),
                ("Ministerio de la Mujer y la Equidad de Género", None),
            ],
        ),
        (
            "Ministerio de Relaciones Exteriores, Comercio y Culto",
            [("Ministerio de Relaciones Exteriores, Comercio y Culto", None)],
        ),
        ("Oficina del Fondo de Población", [("Oficina del Fondo de Población", None)]),
        ("PNUD; UNICEF", [("PNUD", None), ("UNICEF", None)]),
        (
            "INAMU y Embajada de Chile en Costa Rica",
            [("INAMU", None), ("Embajada de Chile en Costa Rica", None)],
        ),
    ],
)
def test_institution_names_are_split_before_institution_words(
    text: str, names: list[tuple[str, str | None]]
) -> None:
    assert [(i.name, i.acronym) for i in parse_institutions(text)] == names


def test_participants_country_from_a_trailing_country() -> None:
    institutions = parse_institutions(
        "Otras instituciones: ONU Mujeres (México); PNUD - Costa Rica; Embajada de Suecia en Chile"
    )
    assert institutions == [
        Institution("ONU Mujeres", None, "México", "participant"),
        Institution("PNUD", None, "Costa Rica", "participant"),
        Institution("Embajada de Suecia en Chile", None, "Chile", "participant"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("México", ("México", None)),
        ("mexico", ("México", None)),
        ("Chile / Santiago", ("Chile", "Santiago")),
        ("Lima, Perú", ("Perú", "Lima")),
        ("Costa Rica - San José", ("Costa Rica", "San José")),
        ("", (None, None)),
    ],
)
def test_split_place(text: str, expected: tuple[str | None, str | None]) -> None:
    assert split_place(text) == expected


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("El proyecto aún se encuentra en ejecución.", "implementation"),
        ("En ejecución", "implementation"),
        ("EN IMPLEMENTACIÓN", "implementation"),
        ("El proyecto no ha finalizado.", "implementation"),
        ("Finalizado", "closed"),
        ("El proyecto concluyó en 2023; está concluido.", "closed"),
        ("En formulación", "pipeline"),
        ("Por iniciar", "pipeline"),
        ("Suspendido por falta de fondos", "suspended"),
        ("Cancelado", "cancelled"),
        ("En proceso de cierre", "finalisation"),
        ("Sin información", None),
    ],
)
def test_detect_status(text: str, status: str | None) -> None:
    assert detect_status(text) == status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("12 meses, desde noviembre de 2023. El proyecto finalizó.", "closed"),
        ("12 meses, desde noviembre de 2023. Suspendido.", "suspended"),
        ("12 meses, desde noviembre de 2023.", None),
    ],
)
def test_status_is_read_from_the_duration_cell(
    project_text: str, text: str, status: str | None
) -> None:
    parsed = parse_project_sheet(_set_row(project_text, "Duración (en meses)", text))
    assert parsed.status == status
    assert ("project.status" in parsed.missing) is (status is None)


def test_a_status_row_wins(project_text: str) -> None:
    text = project_text.replace("País/ciudad\t", "Estado\tFinalizado\nPaís/ciudad\t")
    assert parse_project_sheet(text).status == "closed"


def test_split_objectives() -> None:
    assert split_objectives("General: Hacer A. Específicos: 1. B. 2. C.") == (
        "Hacer A.",
        ["B.", "C."],
    )
    assert split_objectives("Objetivo general: Hacer A.") == ("Hacer A.", [])
    assert split_objectives("Hacer A.") == ("Hacer A.", [])
    assert split_objectives(None) == (None, [])


def test_separate_objective_rows(project_text: str) -> None:
    start = project_text.index("Objetivos\t")
    end = project_text.index("Breve descripción")
    rows = (
        f"Objetivo general\t{GENERAL_OBJECTIVE}\n"
        "Objetivos específicos\t- Liderar una agenda progresista sur-sur para la igualdad de género"
        " en México.\n"
        "- Visibilizar en una mesa de cooperantes integrada principalmente de países desarrollados,"
        " temas de interés propios del Sur Global.\n"
    )
    assert (
        parse_project_sheet(project_text[:start] + rows + project_text[end:]).to_json() == PROJECT
    )


@pytest.mark.parametrize(
    "line",
    [
        "INFORMACIÓN ACTUALIZADA EL 10 DE ABRIL DE 2025",
        "información actualizada al 10 de abril de 2025",
        "Fecha de actualización: 10/04/2025",
        "Última actualización: 2025-04-10",
    ],
)
def test_information_updated_on(project_text: str, line: str) -> None:
    text = project_text.replace("Información Actualizada el 10 de abril de 2025", line)
    assert parse_project_sheet(text).information_updated_on == date(2025, 4, 10)


def test_start_from_its_own_row(project_text: str) -> None:
    text = _set_row(project_text, "Duración (en meses)", "18")
    text = text.replace("País/ciudad\t", "Fecha de inicio\t1 de marzo de 2024\nPaís/ciudad\t")
    parsed = parse_project_sheet(text)
    assert (parsed.start_date, parsed.duration_months, parsed.planned_end_date) == (
        date(2024, 3, 1),
        18,
        date(2025, 8, 31),
    )


# --- milestones ----------------------------------------------------------------------------


def test_milestones_default_offsets(project_text: str) -> None:
    assert milestones(parse_project_sheet(project_text)) == [
        Milestone("Inicio del proyecto", date(2023, 11, 1)),
        Milestone("Revisión de medio término", date(2024, 5, 1)),
        Milestone("Fin previsto", date(2024, 10, 31)),
        Milestone("Informe final", date(2024, 12, 30)),
    ]


def test_milestones_custom_offsets(project_text: str) -> None:
    offsets = MilestoneOffsets(midterm_fraction=0.25, final_report_days=30)
    assert milestones(parse_project_sheet(project_text), offsets) == [
        Milestone("Inicio del proyecto", date(2023, 11, 1)),
        Milestone("Revisión de medio término", date(2024, 2, 1)),
        Milestone("Fin previsto", date(2024, 10, 31)),
        Milestone("Informe final", date(2024, 11, 30)),
    ]


def test_milestones_leave_out_what_cannot_be_dated() -> None:
    assert milestones(ParsedProject(duration_months=12)) == []
    assert milestones(ParsedProject(start_date=date(2024, 1, 1))) == [
        Milestone("Inicio del proyecto", date(2024, 1, 1))
    ]
    # Start and end without a month count: the review falls at the fraction of the days.
    assert milestones(
        ParsedProject(start_date=date(2024, 1, 1), planned_end_date=date(2024, 1, 31))
    )[1] == Milestone("Revisión de medio término", date(2024, 1, 16))


@pytest.mark.parametrize(
    "values", [{"midterm_fraction": 0}, {"midterm_fraction": 1.5}, {"final_report_days": -1}]
)
def test_milestone_offsets_are_validated(values: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        MilestoneOffsets(**values)  # type: ignore[arg-type]


# --- what is missing -----------------------------------------------------------------------


def test_a_sparse_sheet_lists_what_is_missing() -> None:
    parsed = parse_project_sheet(
        "Nombre del proyecto: Red de cuidados\nDuración: por definir\nObjetivos de Desarrollo "
        "Sostenible: igualdad\nResultados:\n"
    )
    assert parsed.name == "Red de cuidados"
    assert parsed.missing == [
        "project.thematic_area",
        "project.sdgs",
        "project.institutions",
        "project.country",
        "project.beneficiaries",
        "project.start_date",
        "project.duration_months",
        "project.planned_end_date",
        "project.status",
        "project.general_objective",
        "project.specific_objectives",
        "project.description",
        "project.information_updated_on",
        "results",
    ]
    assert parsed.warnings[:2] == [
        "No se pudieron leer los ODS: «igualdad».",
        "No se pudo interpretar la duración: «por definir».",
    ]
    assert "No se encontró el área temática." in parsed.warnings
    assert "La ficha no indica los resultados esperados (campo vacío)." in parsed.warnings
    assert parsed.to_json()["milestones"] == []


def test_rows_the_parser_does_not_read_do_not_leak_into_others(project_text: str) -> None:
    text = project_text.replace(
        "País/ciudad\t",
        "Presupuesto\tUSD 50.000\nModalidad de cooperación\tBilateral\nPaís/ciudad\t",
    )
    assert parse_project_sheet(text).to_json() == PROJECT
