import json
import re
import unicodedata
from datetime import date

import pytest

from tracker.importers.participation_report import (
    activity_kind,
    guess_series,
    parse_participation_report,
    split_organizers,
)

from .expected import ACHIEVEMENTS, REPORT

# The seed's labels exactly as written (each on its own line, after a tab).
SEED_LABELS = [
    "Nombre",
    "Cargo",
    "Fecha de la actividad",
    "Nombre de la Actividad",
    "Organización/es encargadas de la Actividad",
    "Tipo de Actividad",
    "Calidad de Participación",
    "Contribución de la actividad al logro de las metas del INAMU:",
    "Motivo de la participación: contextualización del evento y objetivos",
    "Principales logros obtenidos:",
    "Lecciones Aprendidas:",
    "Compromisos adquiridos por parte del INAMU:",
    "Observaciones para la/el próxima/o representante:",
    "Acciones de seguimiento recomendadas:",
    "Comentarios adicionales:",
]


def _replace_label(text: str, old: str, new: str) -> str:
    """Replace one label line of the seed (labels sit alone on their line, after a tab)."""
    replaced, count = re.subn(rf"(?m)^\t{re.escape(old)}[ \t]*$", f"\t{new}", text)
    assert count == 1, old
    return replaced


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def test_seed_report_reads_every_field(report_text: str) -> None:
    parsed = parse_participation_report(report_text)

    assert parsed.to_json() == REPORT
    assert parsed.person.name == "Marcela Guerrero Campos"
    assert parsed.person.position == "Presidenta Ejecutiva y Ministra de la Condición de la Mujer"
    assert parsed.activity.name == "Foro Generación Igualdad – Reunión México"
    assert parsed.activity.kind == "forum"
    assert parsed.activity.start_date == date(2021, 3, 29)
    assert parsed.activity.end_date == date(2021, 3, 31)
    assert parsed.activity.organizers == [
        "Gobierno de México",
        "Gobierno de Francia",
        "ONU Mujeres",
    ]
    assert parsed.activity.series == "Foro Generación Igualdad"
    assert parsed.activity.date_text == "29 al 31 - marzo - 2021"
    assert parsed.report.role == "Ministra de la Condición de la Mujer de Costa Rica"
    assert len(parsed.report.achievements) == 5
    assert parsed.report.lessons == []
    assert parsed.commitments == [
        "Apoyar la Alianza Regional por la Digitalización de las Mujeres, impulsada por el "
        "Gobierno de Chile"
    ]
    assert parsed.actions == [
        "Fortalecer trabajo dentro de la Coalición de Acción Feminista por la Justicia Climática"
    ]
    assert len(parsed.handover_notes) == 1
    assert parsed.links == ["https://forogeneracionigualdad.mx"]
    assert parsed.report.comments == (
        "La documentación del evento está disponible en: https://forogeneracionigualdad.mx"
    )
    # "Lecciones aprendidas: -" says "nothing" on purpose: not a missing field.
    assert parsed.warnings == []
    assert parsed.missing == []


def test_to_json_is_plain_json(report_text: str) -> None:
    parsed = parse_participation_report(report_text)
    assert json.loads(json.dumps(parsed.to_json())) == REPORT


def test_fingerprint_ignores_layout_but_not_content(report_text: str) -> None:
    parsed = parse_participation_report(report_text)
    assert re.fullmatch(r"[0-9a-f]{64}", parsed.fingerprint)
    relaid = report_text.replace("\n", "\r\n").replace("\t", "    ")
    assert parse_participation_report(relaid).fingerprint == parsed.fingerprint
    changed = report_text.replace("Marcela", "Marcelo")
    assert parse_participation_report(changed).fingerprint != parsed.fingerprint


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda label: label.upper(), id="upper-case"),
        pytest.param(lambda label: _strip_accents(label), id="no-accents"),
        pytest.param(lambda label: _strip_accents(label).lower(), id="lower-no-accents"),
        pytest.param(lambda label: label.rstrip(":"), id="no-colon"),
        pytest.param(lambda label: label if label.endswith(":") else f"{label}:", id="colon"),
    ],
)
def test_labels_match_whatever_their_case_accents_or_colon(report_text: str, transform) -> None:
    text = report_text
    for label in SEED_LABELS:
        text = _replace_label(text, label, transform(label))
    assert parse_participation_report(text).to_json() == REPORT


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Compromisos adquiridos por parte del INAMU:", "Compromisos adquiridos por el INAMU"),
        (
            "Compromisos adquiridos por parte del INAMU:",
            "Compromisos adquiridos por parte de la institución:",
        ),
        ("Compromisos adquiridos por parte del INAMU:", "Compromisos adquiridos"),
        ("Compromisos adquiridos por parte del INAMU:", "COMPROMISOS ADQUIRIDOS POR EL INAMU:"),
        ("Acciones de seguimiento recomendadas:", "Acciones de seguimiento"),
        ("Acciones de seguimiento recomendadas:", "ACCIONES DE SEGUIMIENTO:"),
        (
            "Observaciones para la/el próxima/o representante:",
            "Observaciones para la próxima representante",
        ),
        (
            "Observaciones para la/el próxima/o representante:",
            "Observaciones para el próximo representante:",
        ),
        ("Principales logros obtenidos:", "Logros"),
        ("Principales logros obtenidos:", "Logros obtenidos:"),
        ("Lecciones Aprendidas:", "Lecciones aprendidas"),
        ("Comentarios adicionales:", "Comentarios"),
        ("Organización/es encargadas de la Actividad", "Organizadores"),
        (
            "Organización/es encargadas de la Actividad",
            "Organizaciones encargadas de la actividad:",
        ),
        ("Calidad de Participación", "Rol"),
        ("Calidad de Participación", "Calidad de participación:"),
        ("Tipo de Actividad", "Tipo de actividad:"),
        ("Nombre de la Actividad", "Nombre de la actividad:"),
        (
            "Contribución de la actividad al logro de las metas del INAMU:",
            "Contribución de la actividad",
        ),
        (
            "Contribución de la actividad al logro de las metas del INAMU:",
            "Contribución de la actividad al logro de los objetivos de la institución:",
        ),
        (
            "Motivo de la participación: contextualización del evento y objetivos",
            "Motivo de la participación:",
        ),
        ("Fecha de la actividad", "Fechas"),
    ],
)
def test_label_variants(report_text: str, old: str, new: str) -> None:
    text = _replace_label(report_text, old, new)
    assert parse_participation_report(text).to_json() == REPORT


# --- layouts -------------------------------------------------------------------------------

COLUMN_BLOCK = (
    "\tNombre\n\tCargo\n\tFecha de la actividad\n\n\tMarcela Guerrero Campos\n"
    "\tPresidenta Ejecutiva y Ministra de la Condición de la Mujer\n\t29 al 31 - marzo - 2021\n"
)
SINGLE_VALUES = {
    "Nombre de la Actividad": "Foro Generación Igualdad – Reunión México",
    "Organización/es encargadas de la Actividad": (
        "Gobierno de México, Gobierno de Francia, ONU Mujeres"
    ),
    "Tipo de Actividad": "Foro",
    "Calidad de Participación": "Ministra de la Condición de la Mujer de Costa Rica",
}


def _relayout(text: str, column_block: str, pair: str) -> str:
    """The seed with its column block and its one-value fields laid out differently."""
    assert COLUMN_BLOCK in text
    text = text.replace(COLUMN_BLOCK, column_block)
    for label, value in SINGLE_VALUES.items():
        old = f"\t{label}\n\t{value}\n"
        assert old in text, label
        text = text.replace(old, pair.format(label=label, value=value) + "\n")
    return text


@pytest.mark.parametrize(
    ("column_block", "pair"),
    [
        pytest.param(
            "Nombre\tCargo\tFecha de la actividad\nMarcela Guerrero Campos\t"
            "Presidenta Ejecutiva y Ministra de la Condición de la Mujer\t"
            "29 al 31 - marzo - 2021\n",
            "{label}\t{value}",
            id="table-rows",
        ),
        pytest.param(
            "Nombre: Marcela Guerrero Campos\n"
            "Cargo: Presidenta Ejecutiva y Ministra de la Condición de la Mujer\n"
            "Fecha de la actividad: 29 al 31 - marzo - 2021\n",
            "{label}: {value}",
            id="label-colon-value",
        ),
        pytest.param(
            "Nombre\tMarcela Guerrero Campos\tCargo\t"
            "Presidenta Ejecutiva y Ministra de la Condición de la Mujer\n"
            "Fecha de la actividad\t29 al 31 - marzo - 2021\n",
            "{label}:\n{value}",
            id="label-value-pairs-in-one-row",
        ),
        pytest.param(
            "Nombre\nCargo\nFecha de la actividad\nMarcela Guerrero Campos\n"
            "Presidenta Ejecutiva y Ministra de la Condición de la Mujer\n"
            "29 al 31 - marzo - 2021\n",
            "{label}\n{value}",
            id="column-block-without-blank-lines",
        ),
    ],
)
def test_layouts_give_the_same_report(report_text: str, column_block: str, pair: str) -> None:
    text = _relayout(report_text, column_block, pair)
    assert parse_participation_report(text).to_json() == REPORT


def test_html_wrapping_is_stripped(report_text: str) -> None:
    wrapped = "\n".join(
        f"<p>{line}</p>" if line.strip() else line for line in report_text.split("\n")
    )
    wrapped = wrapped.replace("Gobierno de México", "Gobierno de M&eacute;xico")
    assert parse_participation_report(wrapped).to_json() == REPORT


def test_html_paragraphs_on_one_line_become_items(report_text: str) -> None:
    achievements = "".join(f"<p>· {item}</p>" for item in ACHIEVEMENTS)
    start = report_text.index("\t· Posicionar")
    end = report_text.index("\tLecciones Aprendidas:")
    text = report_text[:start] + achievements + "\n\n" + report_text[end:]
    assert parse_participation_report(text).report.achievements == ACHIEVEMENTS


# --- bullets and lists ---------------------------------------------------------------------


def _with_achievements(report_text: str, lines: list[str]) -> str:
    start = report_text.index("\t· Posicionar")
    end = report_text.index("\tLecciones Aprendidas:")
    return report_text[:start] + "\n".join(lines) + "\n\n" + report_text[end:]


@pytest.mark.parametrize("bullet", ["·", "•", "-", "*", "–", "▪", "➢"])
def test_symbol_bullets(report_text: str, bullet: str) -> None:
    text = _with_achievements(report_text, [f"{bullet} {item}" for item in ACHIEVEMENTS])
    assert parse_participation_report(text).report.achievements == ACHIEVEMENTS


@pytest.mark.parametrize("style", ["{n}.", "{n})", "{n}.-", "({n})"])
def test_numbered_bullets(report_text: str, style: str) -> None:
    lines = [f"{style.format(n=n)} {item}" for n, item in enumerate(ACHIEVEMENTS, start=1)]
    assert parse_participation_report(
        _with_achievements(report_text, lines)
    ).report.achievements == (ACHIEVEMENTS)


def test_letter_bullets(report_text: str) -> None:
    lines = [f"{letter}) {item}" for letter, item in zip("abcde", ACHIEVEMENTS, strict=True)]
    text = _with_achievements(report_text, lines)
    assert parse_participation_report(text).report.achievements == ACHIEVEMENTS


def test_numbered_items_on_one_line(report_text: str) -> None:
    line = " ".join(f"{n}. {item}" for n, item in enumerate(ACHIEVEMENTS, start=1))
    text = _with_achievements(report_text, [line])
    assert parse_participation_report(text).report.achievements == ACHIEVEMENTS


def test_items_without_bullets_one_per_line(report_text: str) -> None:
    text = _with_achievements(report_text, ACHIEVEMENTS)
    assert parse_participation_report(text).report.achievements == ACHIEVEMENTS


def test_wrapped_items_are_joined(report_text: str) -> None:
    # A PDF wraps long items; the continuation line has no bullet of its own.
    lines = [
        "· Posicionar el liderazgo del país en la Coalición de Acción Feminista",
        "por la Justicia Climática.",
        *(f"· {item}" for item in ACHIEVEMENTS[1:]),
    ]
    text = _with_achievements(report_text, lines)
    assert parse_participation_report(text).report.achievements == ACHIEVEMENTS


@pytest.mark.parametrize("nothing", ["-", "–", "N/A", "No aplica", "Ninguno", "ninguna.", "· -"])
def test_nothing_markers_give_an_empty_list_that_is_not_missing(
    report_text: str, nothing: str
) -> None:
    text = report_text.replace("Aprendidas:\n\n\t-\n", f"Aprendidas:\n\n\t{nothing}\n")
    assert nothing == "-" or text != report_text
    parsed = parse_participation_report(text)
    assert parsed.report.lessons == []
    assert "report.lessons" not in parsed.missing


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["Gobierno de México, Gobierno de Francia, ONU Mujeres"],
            ["Gobierno de México", "Gobierno de Francia", "ONU Mujeres"],
        ),
        (
            ["Gobierno de México, Gobierno de Francia y ONU Mujeres"],
            ["Gobierno de México", "Gobierno de Francia", "ONU Mujeres"],
        ),
        (["CEPAL; ONU Mujeres"], ["CEPAL", "ONU Mujeres"]),
        (
            ["Gobierno de México", "Gobierno de Francia"],
            ["Gobierno de México", "Gobierno de Francia"],
        ),
        (["· ONU Mujeres", "· PNUD"], ["ONU Mujeres", "PNUD"]),
        (["ONU Mujeres y Gobierno de Francia"], ["ONU Mujeres", "Gobierno de Francia"]),
        (["Ministerio de Ciencia y Tecnología"], ["Ministerio de Ciencia y Tecnología"]),
        (
            ["Comisión Interamericana de Mujeres (CIM)."],
            ["Comisión Interamericana de Mujeres (CIM)"],
        ),
    ],
)
def test_split_organizers(lines: list[str], expected: list[str]) -> None:
    assert split_organizers(lines) == expected


# --- kinds, series, links ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Foro", "forum"),
        ("FORO", "forum"),
        ("Reunión", "meeting"),
        ("reunion", "meeting"),
        ("Conferencia", "conference"),
        ("Congreso", "conference"),
        ("Taller", "workshop"),
        ("Misión", "mission"),
        ("Mision oficial", "mission"),
        ("Seminario", "seminar"),
        ("Seminario web (webinar)", "seminar"),
        ("Capacitación", "training"),
        ("Curso", "training"),
        ("Foro Generación Igualdad – Reunión México", "forum"),
        ("Hackatón", None),
    ],
)
def test_activity_kind(text: str, kind: str | None) -> None:
    assert activity_kind(text) == kind


def test_unknown_kind_is_other_with_a_warning(report_text: str) -> None:
    text = report_text.replace("\tForo\n", "\tHackatón\n")
    parsed = parse_participation_report(text)
    assert parsed.activity.kind == "other"
    assert parsed.warnings == [
        "No se reconoce el tipo de actividad «Hackatón»; se registra como otro."
    ]
    assert parsed.missing == []


def test_kind_is_guessed_from_the_name_when_the_form_has_no_type(report_text: str) -> None:
    text = report_text.replace("\tTipo de Actividad\n\tForo\n", "")
    assert text != report_text
    parsed = parse_participation_report(text)
    assert parsed.activity.kind == "forum"
    assert parsed.warnings == [
        "El tipo de actividad no figura en el formulario; se dedujo del nombre."
    ]
    assert parsed.missing == []


@pytest.mark.parametrize(
    ("name", "series"),
    [
        ("Foro Generación Igualdad – Reunión México", "Foro Generación Igualdad"),
        ("Foro Generación Igualdad - Reunión París", "Foro Generación Igualdad"),
        ("CSW67: Sesión de la Comisión", "CSW67"),
        ("Foro Político de Alto Nivel 2023", "Foro Político de Alto Nivel"),
        ("Conferencia Regional sobre la Mujer", "Conferencia Regional sobre la Mujer"),
        (None, None),
        ("", None),
    ],
)
def test_guess_series(name: str | None, series: str | None) -> None:
    assert guess_series(name) == series


def test_links_lose_trailing_punctuation_and_repeats() -> None:
    text = (
        "Comentarios: véase https://example.org/a. También (https://example.org/b), "
        'https://example.org/a y <a href="https://example.org/c">aquí</a>; www.inamu.go.cr.'
    )
    parsed = parse_participation_report(text)
    assert parsed.links == [
        "https://example.org/a",
        "https://example.org/b",
        "https://example.org/c",
        "www.inamu.go.cr",
    ]


# --- what is missing -----------------------------------------------------------------------


def test_signature_block_does_not_fill_the_participants_position(report_text: str) -> None:
    # Without its own "Cargo", the report must not take the signature block's "Cargo".
    text = report_text.replace(COLUMN_BLOCK, "\tNombre\n\n\tMarcela Guerrero Campos\n")
    parsed = parse_participation_report(text)
    assert parsed.person.name == "Marcela Guerrero Campos"
    assert parsed.person.position is None
    assert parsed.missing == ["person.position", "activity.start_date", "activity.end_date"]
    assert parsed.warnings == [
        "No se encontró el cargo de la persona participante.",
        "No se encontró la fecha de la actividad.",
    ]


def test_unreadable_date_is_reported_with_its_text(report_text: str) -> None:
    text = report_text.replace("29 al 31 - marzo - 2021", "finales de marzo")
    parsed = parse_participation_report(text)
    assert parsed.activity.date_text == "finales de marzo"
    assert parsed.activity.start_date is None
    assert parsed.activity.end_date is None
    assert parsed.missing == ["activity.start_date", "activity.end_date"]
    assert parsed.warnings == [
        "No se pudo interpretar la fecha de la actividad: «finales de marzo»."
    ]


def test_empty_and_absent_fields() -> None:
    text = "Nombre: Ana Pérez\nCargo:\nCompromisos adquiridos:\n\nComentarios: -\n"
    parsed = parse_participation_report(text)
    assert parsed.person.name == "Ana Pérez"
    assert parsed.report.comments is None
    assert parsed.missing == [
        "person.position",
        "activity.name",
        "activity.kind",
        "activity.start_date",
        "activity.end_date",
        "activity.organizers",
        "report.role",
        "report.contribution",
        "report.motive",
        "report.achievements",
        "report.lessons",
        "commitments",
        "actions",
        "handover_notes",
    ]
    assert "El formulario no indica el cargo de la persona participante (campo vacío)." in (
        parsed.warnings
    )
    assert "No se encontraron los compromisos adquiridos." not in parsed.warnings
    assert "El formulario no indica los compromisos adquiridos (campo vacío)." in parsed.warnings
    assert "No se encontraron las lecciones aprendidas." in parsed.warnings
    # "Comentarios: -" is an answer ("nothing"), not a gap.
    assert "report.comments" not in parsed.missing


def test_a_minimal_report_in_label_colon_value_form() -> None:
    text = """
    Nombre: Ana Pérez Soto
    Cargo: Asesora
    Fecha de la actividad: del 5 al 7 de junio de 2022
    Nombre de la actividad: Taller regional de estadísticas de género
    Organizadores: CEPAL; ONU Mujeres
    Tipo de actividad: Taller
    Rol: Panelista
    Contribución de la actividad: Aporta a la meta de autonomía económica.
    Motivo de la participación: Invitación de la CEPAL.
    Logros:
    - Presentar la encuesta nacional de uso del tiempo
    - Acordar una agenda común
    Lecciones aprendidas: N/A
    Compromisos adquiridos por el INAMU:
    1. Enviar los datos a la CEPAL
    2. Coordinar un segundo taller
    Observaciones para la próxima representante:
    * Llevar los datos actualizados
    Acciones de seguimiento:
    1) Dar seguimiento al envío de datos
    Comentarios: Ninguno
    """
    parsed = parse_participation_report(text)
    assert parsed.to_json() == {
        "kind": "participation_report",
        "person": {"name": "Ana Pérez Soto", "position": "Asesora"},
        "activity": {
            "name": "Taller regional de estadísticas de género",
            "kind": "workshop",
            "start_date": "2022-06-05",
            "end_date": "2022-06-07",
            "organizers": ["CEPAL", "ONU Mujeres"],
        },
        "report": {
            "role": "Panelista",
            "contribution": "Aporta a la meta de autonomía económica.",
            "motive": "Invitación de la CEPAL.",
            "achievements": [
                "Presentar la encuesta nacional de uso del tiempo",
                "Acordar una agenda común",
            ],
            "lessons": [],
            "comments": None,
        },
        "commitments": [
            {"text": "Enviar los datos a la CEPAL", "due_date": None, "responsible": None},
            {"text": "Coordinar un segundo taller", "due_date": None, "responsible": None},
        ],
        "actions": [
            {"text": "Dar seguimiento al envío de datos", "due_date": None, "responsible": None}
        ],
        "handover_notes": ["Llevar los datos actualizados"],
        "links": [],
        "warnings": [],
    }
    assert parsed.activity.series == "Taller regional de estadísticas de género"
    assert parsed.missing == []
    assert parsed.warnings == []


def test_fields_the_parser_does_not_read_keep_their_values_to_themselves(
    report_text: str,
) -> None:
    text = report_text.replace(
        "\tCalidad de Participación\n",
        "\tModalidad\n\tVirtual\n\tLugar: Ciudad de México\n\tCalidad de Participación\n",
    ).replace(
        "\tComentarios adicionales:\n", "\tPresupuesto: ninguno\n\tComentarios adicionales:\n"
    )
    assert parse_participation_report(text).to_json() == REPORT


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Compromisos adquiridos por parte del INAMU:", "Compromisos institucionales:"),
        ("Lecciones Aprendidas:", "Lecciones aprendidas y buenas prácticas:"),
    ],
)
def test_more_label_variants(report_text: str, old: str, new: str) -> None:
    assert parse_participation_report(_replace_label(report_text, old, new)).to_json() == REPORT
