"""Ways real forms lay out labels, lists, dates and durations (issue #12, sections 2 and 3)."""

from datetime import date

import pytest

from tracker.importers import parse_participation_report, parse_project_sheet


def test_a_bold_label_run_into_its_value_without_a_colon() -> None:
    # Word keeps a bold label and its value in one paragraph: the text has only a space.
    parsed = parse_project_sheet(
        "FICHA RESUMEN DE PROYECTO BILATERAL\n"
        "Título del proyecto Observatorio regional de igualdad de género\n"
        "Área Temática Gobernabilidad\n"
        "ODS vinculados ODS 8 – Trabajo decente y crecimiento económico\n"
        "País/ciudad Honduras\n"
        "Período de ejecución 12 meses\n"
        "Inicio del proyecto\n01/12/2021\n"
        "Resumen del proyecto (máximo 300 palabras) El proyecto surge de la demanda.\n"
    )
    assert parsed.name == "Observatorio regional de igualdad de género"
    assert parsed.thematic_area == "Gobernabilidad"
    assert parsed.sdgs == [8]
    assert parsed.country == "Honduras"
    assert (parsed.duration_months, parsed.start_date) == (12, date(2021, 12, 1))
    assert parsed.planned_end_date == date(2022, 11, 30)
    assert parsed.description == "El proyecto surge de la demanda."


def test_prose_that_starts_with_a_label_word_stays_prose() -> None:
    parsed = parse_project_sheet(
        "Nombre del proyecto\nProyecto Mesoamérica sin hambre\n"
        "Descripción\nProyecto de ley y su reglamento, en consulta.\n"
    )
    assert parsed.name == "Proyecto Mesoamérica sin hambre"
    assert parsed.description == "Proyecto de ley y su reglamento, en consulta."


def test_a_label_then_an_instruction_note_then_its_value() -> None:
    parsed = parse_participation_report(
        "Nombre: Ana Pérez\nFecha: 8-10/05/2024\nEvento: Taller regional\n"
        "Motivo de la participación: contextualización del evento y objetivos (máximo una página)"
        " El evento reunió a veinte países.\n"
        "Comentarios (opcional)\tSe adjunta la agenda.\n"
    )
    assert parsed.report.motive == "El evento reunió a veinte países."
    assert parsed.report.comments == "Se adjunta la agenda."


def test_a_bilingual_label_whose_sides_hold_slashes() -> None:
    parsed = parse_project_sheet(
        "Project name / Nombre Proyecto\tRedes de cuidado\nCountry/City / País / Ciudad\tHonduras\n"
    )
    assert (parsed.name, parsed.country) == ("Redes de cuidado", "Honduras")


@pytest.mark.parametrize(
    "cell",
    [
        "a) Presentar la encuesta nacional b) Acordar una agenda conjunta c) Fortalecer la red",
        "– Presentar la encuesta nacional – Acordar una agenda conjunta – Fortalecer la red",
        "* Presentar la encuesta nacional * Acordar una agenda conjunta * Fortalecer la red",
        "1) Presentar la encuesta nacional 2) Acordar una agenda conjunta 3) Fortalecer la red",
    ],
)
def test_a_list_flattened_onto_one_table_row(cell: str) -> None:
    # A Word table saved as text puts a cell's list paragraphs on one line.
    parsed = parse_participation_report(f"Nombre\tAna Pérez\nPrincipales logros\t{cell}\n")
    assert parsed.report.achievements == [
        "Presentar la encuesta nacional",
        "Acordar una agenda conjunta",
        "Fortalecer la red",
    ]


def test_a_dash_inside_an_item_does_not_split_it() -> None:
    parsed = parse_project_sheet("Nombre Proyecto\tX\nResultados\t– Informe anual – 2024\n")
    assert parsed.results == ["Informe anual – 2024"]


def test_a_short_heading_in_capitals_before_a_label_ends_the_value() -> None:
    parsed = parse_project_sheet(
        "Nombre Proyecto\tRedes\nBeneficiarios\tMujeres rurales\nPLAZOS\n"
        "Duración (en meses)\t12 meses a partir del 01/01/2023\n"
        "Instituciones\tPrograma de las Naciones Unidas para el Desarrollo\nPNUD\n"
    )
    assert parsed.beneficiaries == "Mujeres rurales"
    assert parsed.duration_months == 12
    # An acronym alone at the end of a value is not a heading: it stays in the value.
    assert "PNUD" in [institution.name for institution in parsed.institutions]


def test_a_rule_under_the_last_label_is_not_part_of_the_label() -> None:
    parsed = parse_participation_report(
        "Nombre:\tAna Pérez\nComentarios:\tLa delegación agradece el apoyo.\n"
        "_____________________\nFirma de la persona participante\n"
    )
    assert parsed.report.comments == "La delegación agradece el apoyo."


def test_objectives_with_general_and_specific_sub_labels() -> None:
    parsed = parse_project_sheet(
        "Nombre Proyecto\tRedes\n"
        "Objetivos\tGeneral: Promover la autonomía económica.\nEspecíficos:\n"
        "· Diseñar un modelo de atención.\n· Crear una red de intercambio.\n"
    )
    assert parsed.general_objective == "Promover la autonomía económica."
    assert parsed.specific_objectives == [
        "Diseñar un modelo de atención.",
        "Crear una red de intercambio.",
    ]


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("8-10/05/2024", date(2024, 5, 8), date(2024, 5, 10)),
        ("14 y 15 de marzo, 2023", date(2023, 3, 14), date(2023, 3, 15)),
        ("agosto 2023", date(2023, 8, 1), date(2023, 8, 31)),
    ],
)
def test_activity_dates(written: str, start: date, end: date) -> None:
    parsed = parse_participation_report(f"Nombre: Ana Pérez\nFecha de la actividad: {written}\n")
    assert (parsed.activity.start_date, parsed.activity.end_date) == (start, end)


def test_a_month_alone_is_the_whole_month_with_a_warning() -> None:
    parsed = parse_participation_report("Nombre: Ana Pérez\nFecha de la actividad: agosto 2023\n")
    assert any("solo el mes" in warning for warning in parsed.warnings)
    assert "activity.start_date" not in parsed.missing


@pytest.mark.parametrize(
    "rows",
    [
        "Duración del proyecto:\n\nInicio: 15/01/2025 – Finalización: 14/07/2026\n",
        "Duración\tInicio: 15/01/2025 – Finalización: 14/07/2026\n",
        "Fecha de inicio\t15/01/2025\nFecha de finalización\t14 de julio de 2026\n",
        "Duración (en meses)\t18\nFecha de inicio\t15/01/2025\n",
    ],
)
def test_start_and_end_or_months_and_start(rows: str) -> None:
    parsed = parse_project_sheet(f"Nombre Proyecto\tRedes\n{rows}")
    assert (parsed.start_date, parsed.duration_months, parsed.planned_end_date) == (
        date(2025, 1, 15),
        18,
        date(2026, 7, 14),
    )


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Comisión Económica para América Latina y el Caribe (CEPAL), ONU Mujeres",
            ["Comisión Económica para América Latina y el Caribe (CEPAL)", "ONU Mujeres"],
        ),
        (
            "Consejo de Ministras de la Mujer (COMMCA), Foro de Ministras de la Mujer",
            ["Consejo de Ministras de la Mujer (COMMCA)", "Foro de Ministras de la Mujer"],
        ),
        (
            "Ministerio de Relaciones Exteriores, Comercio Internacional y Culto",
            ["Ministerio de Relaciones Exteriores, Comercio Internacional y Culto"],
        ),
        (
            "a) Secretaría General Iberoamericana (SEGIB) b) Ministerio de Relaciones Exteriores,"
            " Comercio Internacional y Culto de Argentina",
            [
                "Secretaría General Iberoamericana (SEGIB)",
                "Ministerio de Relaciones Exteriores, Comercio Internacional y Culto de Argentina",
            ],
        ),
        ("▪ Banco Mundial ▪ Unión Europea", ["Banco Mundial", "Unión Europea"]),
        ("* Agencia de Japón (JICA) * ONU Mujeres", ["Agencia de Japón (JICA)", "ONU Mujeres"]),
    ],
)
def test_organizers_split_at_the_right_commas(cell: str, expected: list[str]) -> None:
    parsed = parse_participation_report(f"Nombre\tAna Pérez\nOrganizadores\t{cell}\n")
    assert parsed.activity.organizers == expected


def test_a_header_row_of_labels_that_lost_its_tabs() -> None:
    # A PDF table read as text: the labels of one row on one line, the values under them.
    parsed = parse_participation_report(
        "Nombre: Ana Pérez\n"
        "Nombre del evento Institución organizadora\n"
        "Congreso Latinoamericano de Políticas de Igualdad\n"
        "Comisión Interamericana de Mujeres (CIM); ONU Mujeres\n"
    )
    assert parsed.activity.name == "Congreso Latinoamericano de Políticas de Igualdad"
    assert parsed.activity.organizers == ["Comisión Interamericana de Mujeres (CIM)", "ONU Mujeres"]


@pytest.mark.parametrize(
    ("duration", "status"),
    [
        ("Inicio: 10/08/2021 – Finalización: 09/08/2022 Finalizado", "closed"),
        ("Inicio: 01/02/2024 – Fin: 30/09/2024\n\nEn proceso\n\nde cierre", "finalisation"),
        ("Inicio: 01/04/2025\nEl proyecto aún se encuentra en\nejecución.", "implementation"),
    ],
)
def test_the_status_closing_a_start_and_end_cell(duration: str, status: str) -> None:
    parsed = parse_project_sheet(f"Nombre Proyecto\tRedes\nPeríodo de ejecución:\n{duration}\n")
    assert parsed.status == status


def test_sdgs_numbered_on_one_line() -> None:
    parsed = parse_project_sheet(
        "Nombre Proyecto\tRedes\nODS vinculados\t13. Acción por el clima 17. Alianzas para "
        "lograr los objetivos\n"
    )
    assert parsed.sdgs == [13, 17]


def test_institution_names_part_after_an_acronym() -> None:
    parsed = parse_project_sheet(
        "Nombre Proyecto\tRedes\nInstituciones involucradas\tOtras Instituciones Participantes: "
        "Ministerio de la Mujer (MIMP), Sistema de la Integración Centroamericana (SICA)\n"
    )
    assert [(i.name, i.acronym) for i in parsed.institutions] == [
        ("Ministerio de la Mujer", "MIMP"),
        ("Sistema de la Integración Centroamericana", "SICA"),
    ]


def test_an_empty_marker_in_lower_case_after_a_label() -> None:
    parsed = parse_project_sheet(
        "Nombre del proyecto Redes de cuidado\nResumen del proyecto La propuesta fue aprobada.\n"
        "Resultados esperados n/a\n"
    )
    assert parsed.description == "La propuesta fue aprobada."
    assert parsed.results == []
    assert "results" not in parsed.missing  # declared empty, not absent


_REPORT_VALUES = {
    "date": ("San José, 5 al 7 de junio de 2024", lambda r: r.activity.end_date, date(2024, 6, 7)),
    "organizers": (
        "CEPAL; ONU Mujeres",
        lambda r: r.activity.organizers,
        ["CEPAL", "ONU Mujeres"],
    ),
    "name": ("Ana Pérez", lambda r: r.person.name, "Ana Pérez"),
    "motive": ("Presentar el informe.", lambda r: r.report.motive, "Presentar el informe."),
    "handover": (
        "Llevar material impreso",
        lambda r: r.handover_notes,
        ["Llevar material impreso"],
    ),
    "comments": ("Todo en orden.", lambda r: r.report.comments, "Todo en orden."),
}


@pytest.mark.parametrize(
    ("label", "path"),
    [
        ("Fecha(s) de la actividad", "date"),
        ("Lugar y fecha", "date"),
        ("Organismo(s) organizador(es)", "organizers"),
        ("Institución(es) organizadora(s)", "organizers"),
        ("Nombre del funcionario(a)", "name"),
        ("Objetivo de la participación", "motive"),
        ("Observaciones / recomendaciones para la próxima persona representante", "handover"),
        ("Comentarios u observaciones", "comments"),
    ],
)
def test_report_label_spellings(label: str, path: str) -> None:
    written, read, expected = _REPORT_VALUES[path]
    parsed = parse_participation_report(f"Cargo\tAsesora\n{label}\t{written}\n")
    assert read(parsed) == expected


@pytest.mark.parametrize(
    ("label", "value", "read"),
    [
        ("Institución(es) participante(s)", "ONU Mujeres, Panamá, socia", "institutions"),
        ("Socios del proyecto", "ONU Mujeres, Panamá, socia", "institutions"),
        ("Objetivo(s) específico(s)", "Crear una red", "specific_objectives"),
        ("ODS a los que contribuye", "ODS 5", "sdgs"),
        ("Duración (meses)", "18", "duration_months"),
        ("Población meta", "Mujeres rurales", "beneficiaries"),
        ("Estado de ejecución", "En ejecución", "status"),
        ("País(es)", "Honduras", "country"),
    ],
)
def test_sheet_label_spellings(label: str, value: str, read: str) -> None:
    parsed = parse_project_sheet(f"Nombre Proyecto\tRedes\n{label}\t{value}\n")
    assert f"project.{read}" not in parsed.missing
    assert getattr(parsed, read)


def test_institutions_with_roles_on_one_line_separated_by_semicolons() -> None:
    parsed = parse_project_sheet(
        "Nombre Proyecto\tRedes\nInstituciones\t"
        "Ejecutora: INAMU, Costa Rica; Financiadora: Unión Europea, Bélgica\n"
    )
    assert [(i.name, i.country, i.role) for i in parsed.institutions] == [
        ("INAMU", "Costa Rica", "lead"),
        ("Unión Europea", "Bélgica", "funder"),
    ]


def test_a_value_that_starts_with_its_own_label_words() -> None:
    parsed = parse_project_sheet(
        "Nombre Proyecto\tRedes\nINSTITUCIONES PARTICIPANTES\t1. Institución ejecutora: "
        "Agencia Española (AECID), España 2. Financiadora: Unión Europea, Bélgica\n"
    )
    assert [(i.name, i.role) for i in parsed.institutions] == [
        ("Agencia Española", "lead"),
        ("Unión Europea", "funder"),
    ]


def test_numbered_section_titles_end_the_field_above() -> None:
    parsed = parse_participation_report(
        "1. Datos de la persona funcionaria\nNombre completo: María Rojas\nPuesto: Coordinadora\n"
        "2. Datos del evento\nRol en la actividad: Jefa de delegación\n3. Resultados\n"
        "Principales logros:\n1. Se aprobó la declaración\n2. Se acordó una agenda\n"
        "Lecciones aprendidas:\n1. Conviene preparar la posición país\nComentarios: Ninguno\n"
    )
    assert parsed.person.position == "Coordinadora"
    assert parsed.report.role == "Jefa de delegación"
    # Items of a numbered list, even the last one before a label, are not titles.
    assert parsed.report.achievements == ["Se aprobó la declaración", "Se acordó una agenda"]
    assert parsed.report.lessons == ["Conviene preparar la posición país"]


def test_a_label_wrapped_after_a_preposition_in_a_narrow_column() -> None:
    parsed = parse_project_sheet(
        "Nombre del proyecto: Redes\nÁrea temática: Educación\n"
        "Sustainable development goals / objetivos de\n"
        "desarrollo sostenible (indique número y nombre)\n"
        "a) ODS 10: Reducción de las desigualdades\n"
    )
    assert (parsed.thematic_area, parsed.sdgs) == ("Educación", [10])


def test_a_stamp_box_after_a_label_is_not_its_value() -> None:
    parsed = parse_participation_report(
        "Full name / Nombre completo: Laura Méndez\n"
        "Comments / Comentarios: Sello de la institución\n"
    )
    assert parsed.person.name == "Laura Méndez"
    assert parsed.report.comments is None
