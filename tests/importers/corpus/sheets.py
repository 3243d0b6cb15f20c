"""Synthetic bilateral project sheets: a `Form` to lay out and the `to_json()` it must parse to."""

from random import Random

from tests.importers.corpus import pools
from tests.importers.corpus.forms import Field, Form, bulleted
from tests.importers.corpus.phrasing import (
    EMPTY_LIST_MARKERS,
    MONTHS,
    project_period,
    random_style,
    render_label,
    spanish_date,
)
from tests.importers.corpus.sheet_values import institutions_value, sdgs_value, status_phrase

LABELS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "name": (("Nombre Proyecto", "Nombre del proyecto", "Título del proyecto"), "Project name",
             ""),
    "thematic_area": (("Área Temática", "Sector", "Eje temático", "Ámbito temático"),
                      "Thematic area", ""),
    "sdgs": (("Objetivos de Desarrollo Sostenible", "ODS vinculados",
              "Objetivos de Desarrollo Sostenible (ODS)"), "Sustainable Development Goals",
             "indique número y nombre"),
    "institutions": (("Instituciones Involucradas", "Instituciones participantes",
                      "Entidades involucradas"), "Institutions involved",
                     "indique país y rol"),
    "place": (("País/ciudad", "País / Ciudad", "Lugar de ejecución", "Ubicación"),
              "Country/City", ""),
    "beneficiaries": (("Beneficiarios Finales", "Población beneficiaria",
                       "Beneficiarios directos", "Población objetivo"), "Beneficiaries", ""),
    "duration": (("Duración (en meses)", "Duración del proyecto", "Plazo de ejecución",
                  "Período de ejecución"), "Duration", ""),
    "start": (("Fecha de inicio", "Inicio del proyecto"), "Start date", "dd/mm/aaaa"),
    "end": (("Fecha de término", "Fecha de finalización prevista", "Fecha de cierre"),
            "End date", "dd/mm/aaaa"),
    "objectives": (("Objetivos", "Objetivos del proyecto"), "Objectives", ""),
    "general_objective": (("Objetivo general",), "General objective", ""),
    "specific_objectives": (("Objetivos específicos",), "Specific objectives", ""),
    "description": (("Breve descripción del proyecto", "Descripción del proyecto",
                     "Resumen del proyecto"), "Project description", "máximo 300 palabras"),
    "results": (("Resultados", "Resultados esperados"), "Expected results", ""),
    "status": (("Estado del proyecto", "Estado actual", "Situación actual"), "Status", ""),
    "budget": (("Presupuesto total", "Modalidad de cooperación"), "Budget", ""),
}  # fmt: skip
SECTIONS = {
    "name": "DATOS GENERALES",
    "institutions": "ACTORES Y UBICACIÓN",
    "duration": "PLAZOS",
    "objectives": "CONTENIDO DEL PROYECTO",
    "general_objective": "CONTENIDO DEL PROYECTO",
}
TITLES = (
    ["**FICHA RESUMEN", "PROYECTOS BILATERALES**"],
    ["FICHA RESUMEN DE PROYECTO BILATERAL"],
    ["Ficha de proyecto"],
    ["Dirección de Cooperación Internacional", "Ficha del proyecto de cooperación bilateral"],
    ["Project sheet / Ficha de proyecto"],
)  # fmt: skip


def _month_year(day) -> str:
    return f"{MONTHS[day.month - 1]} de {day.year}"


def _duration_fields(rng: Random, period: dict, label) -> tuple[list[Field], dict]:
    """The fields that state the period, and the expected start, months and end."""
    start, months, end = period["start"], period["months"], period["end"]
    expected = {"start_date": start, "duration_months": months, "planned_end_date": end}
    form = rng.randrange(9)
    if form == 0 and start.day == 1:
        value = f"{months} meses, desde {_month_year(start)}."
        return [Field("duration", label("duration"), [value])], expected
    if form == 1:
        return [
            Field("duration", label("duration"), [f"{months} meses"]),
            Field("start", label("start"), [spanish_date(start, rng)]),
        ], expected
    if form == 2:
        value = f"Inicio: {start:%d/%m/%Y} – Finalización: {end:%d/%m/%Y}"
        return [Field("duration", label("duration"), [value])], expected
    if form == 3:
        return [
            Field("start", label("start"), [spanish_date(start, rng)]),
            Field("end", label("end"), [spanish_date(end, rng)]),
        ], expected
    if form == 4:
        value = f"{months} meses a partir del {spanish_date(start, rng)}"
        return [Field("duration", label("duration"), [value])], expected
    if form == 5:
        value = f"Del {spanish_date(start, rng)} al {spanish_date(end, rng)} ({months} meses)"
        return [Field("duration", label("duration"), [value])], expected
    if form == 6:
        value = f"Desde el {spanish_date(start, rng)} hasta el {spanish_date(end, rng)}"
        return [Field("duration", label("duration"), [value])], expected
    if form == 7:
        # The months in one row, the start in a row further down the sheet.
        return [
            Field("duration", label("duration"), [f"{months} meses"]),
            Field("end", label("end"), ["Por definir"]),
            Field("start", label("start"), [spanish_date(start, rng)]),
        ], expected
    # A duration alone: no start, so no end either.
    expected = {"start_date": None, "duration_months": months, "planned_end_date": None}
    return [Field("duration", label("duration"), [f"{months} meses"])], expected


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def generate_sheet(rng: Random) -> tuple[Form, dict]:
    """One project sheet and the to_json() it must parse to."""
    style = random_style(rng)

    def label(key: str) -> str:
        spanish, english, instruction = LABELS[key]
        return render_label(rng, style, rng.choice(spanish), english, instruction)

    name = rng.choice(pools.PROJECT_NAMES)
    area = rng.choice(pools.THEMATIC_AREAS)
    sdg_lines, sdgs = sdgs_value(rng)
    inst_lines, institutions = institutions_value(rng)
    country, city = rng.choice(pools.PLACES)
    place = rng.choice([country] + ([f"{country} / {city}", f"{city}, {country}"] if city else []))
    beneficiaries = rng.choice(pools.BENEFICIARIES)
    period = project_period(rng)
    duration_fields, dates = _duration_fields(rng, period, label)
    status_lines, status = status_phrase(rng, period)
    general = rng.choice(pools.GENERAL_OBJECTIVES)
    specific = rng.sample(pools.SPECIFIC_OBJECTIVES, rng.randint(1, 4))
    description = rng.sample(pools.DESCRIPTION_SENTENCES, rng.randint(1, 4))
    results = rng.sample(pools.RESULTS, rng.randint(0, 4))

    fields = [
        Field("name", label("name"), [name]),
        Field("thematic_area", label("thematic_area"), [area]),
        Field("sdgs", label("sdgs"), sdg_lines),
        Field("institutions", label("institutions"), inst_lines),
        Field("place", label("place"), [place]),
        Field("beneficiaries", label("beneficiaries"), [beneficiaries]),
        *duration_fields,
    ]
    if status_lines:
        if rng.random() < 0.4 and fields[-1].key == "duration":
            # The status said in the duration cell, as the seed does, maybe over two lines.
            fields[-1].lines = fields[-1].lines + status_lines
        else:
            fields.append(Field("status", label("status"), status_lines))
    if rng.random() < 0.5:
        specific_lines = bulleted(rng, [s + "." for s in specific])
        fields.append(
            Field("objectives", label("objectives"), [f"General: {general}.", "Específicos:",
                                                      *specific_lines])
        )  # fmt: skip
    else:
        fields.append(Field("general_objective", label("general_objective"), [general + "."]))
        fields.append(
            Field("specific_objectives", label("specific_objectives"), bulleted(rng, specific),
                  specific)
        )  # fmt: skip
    paragraphs = [" ".join(description)]
    if len(description) > 2 and rng.random() < 0.5:
        paragraphs = [" ".join(description[:2]), " ".join(description[2:])]
    fields.append(Field("description", label("description"), paragraphs))
    if rng.random() < 0.3:
        fields.append(Field("budget", label("budget"), ["USD 85.000 (cooperación técnica)"]))
    if results:
        fields.append(Field("results", label("results"), bulleted(rng, results), results))
    elif rng.random() < 0.5:
        fields.append(Field("results", label("results"), [rng.choice(EMPTY_LIST_MARKERS)]))
    for item in fields:
        item.section = SECTIONS.get(item.key)

    updated = None
    trailer: list[str] = []
    if rng.random() < 0.8:
        updated = period["start"].replace(day=rng.randint(1, 28))
        trailer = [
            rng.choice(
                [
                    f"Información Actualizada el {spanish_date(updated, rng)}",
                    f"Fecha de actualización: {updated:%d/%m/%Y}",
                    f"Última actualización: {spanish_date(updated, rng)}",
                ]
            )
        ]
    form = Form(
        kind="project_sheet",
        title=list(rng.choice(TITLES)),
        fields=fields,
        trailer=trailer,
        running_header=rng.choice(pools.RUNNING_HEADERS),
        form_code=rng.choice(pools.FORM_CODES),
    )
    expected = {
        "kind": "project_sheet",
        "project": {
            "name": name,
            "thematic_area": area,
            "sdgs": sdgs,
            "institutions": institutions,
            "country": country,
            "city": city if place != country else None,
            "beneficiaries": beneficiaries,
            "start_date": _iso(dates["start_date"]),
            "duration_months": dates["duration_months"],
            "planned_end_date": _iso(dates["planned_end_date"]),
            "status": status,
            "general_objective": general,
            "specific_objectives": specific,
            "description": " ".join(description),
            "information_updated_on": _iso(updated),
        },
        "results": results,
    }
    return form, expected
