"""What the two seed forms must parse to, field by field (to_json() shape)."""

MOTIVE = (
    "El Foro Generación Igualdad es un encuentro mundial centrado en la sociedad civil y con "
    "múltiples partes interesadas en la igualdad de género, convocado por ONU Mujeres y "
    "coorganizado por los gobiernos de México y Francia, en colaboración con la sociedad civil y "
    "la juventud. A través de la cocreación y de consultas diversas e inclusivas, el Foro reunirá "
    "a defensoras feministas de todo el mundo para fomentar la acción y renovar los movimientos "
    "por la igualdad de género, así como para lanzar un conjunto de Coaliciones de Acción "
    "innovadoras y con múltiples partes interesadas. "
    "El Foro Generación Igualdad comenzará en la Ciudad de México del 29 al 31 de marzo de 2021 y "
    "culminará en París, Francia, en junio de 2021. Como movimiento mundial para la acción urgente "
    "y la rendición de cuentas en materia de igualdad de género, el Foro promueve un cambio "
    "sistémico y transformador que acelere la aplicación de la histórica Declaración y Plataforma "
    "de Acción de Beijing y conduce a la igualdad de género, la resiliencia y la sostenibilidad en "
    "un mundo afectado por la COVID 19. "
    "Con la sociedad civil al centro, el Foro en México será un momento para reforzar el poder y "
    "la voz del feminismo, la juventud y los movimientos de base y para renovar la acción hacia la "
    "aplicación de la Declaración y Plataforma de Acción de Beijing. Como momento crítico para el "
    "cambio, también se abordarán otros asuntos urgentes surgidos en el contexto de la crisis "
    "mundial de la COVID 19 para lograr la igualdad de género y reforzar la idea de que ésta debe "
    "ser un elemento central de todo plan de recuperación. Se pondrá de relieve la necesidad de la "
    "agenda de Generación Igualdad, se hará un llamado mundial a la acción para acelerar la "
    "aplicación de la igualdad de género y se impulsará a la sociedad civil y a los movimientos "
    "feministas en el camino hacia la consecución de los compromisos."
)

ACHIEVEMENTS = [
    "Posicionar el liderazgo del país en la Coalición de Acción Feminista por la Justicia "
    "Climática.",
    "Sensibilizar sobre la necesidad urgente de invertir en igualdad de género y el imperativo de "
    "una agenda de igualdad de género interseccional e intergeneracional.",
    "Coordinar con sociedad civil global y juventudes globales el impulso de los compromisos.",
    "Aportar ideas para reforzar la justicia de género y los movimientos juveniles.",
    "Poner en marcha los proyectos de las Coaliciones de Acción del Foro Generación Igualdad.",
]

REPORT = {
    "kind": "participation_report",
    "person": {
        "name": "Marcela Guerrero Campos",
        "position": "Presidenta Ejecutiva y Ministra de la Condición de la Mujer",
    },
    "activity": {
        "name": "Foro Generación Igualdad – Reunión México",
        "kind": "forum",
        "start_date": "2021-03-29",
        "end_date": "2021-03-31",
        "organizers": ["Gobierno de México", "Gobierno de Francia", "ONU Mujeres"],
    },
    "report": {
        "role": "Ministra de la Condición de la Mujer de Costa Rica",
        "contribution": (
            "Esta reunión se enmarca en las acciones ligadas a Asegurar la participación del "
            "INAMU en espacios internacionales de derechos humanos de las mujeres"
        ),
        "motive": MOTIVE,
        "achievements": ACHIEVEMENTS,
        "lessons": [],
        "comments": (
            "La documentación del evento está disponible en: https://forogeneracionigualdad.mx"
        ),
    },
    # The seed's commitment and action state no deadline and no responsible: the estimate and
    # the participant apply when saving.
    "commitments": [
        {
            "text": "Apoyar la Alianza Regional por la Digitalización de las Mujeres, impulsada "
            "por el Gobierno de Chile",
            "due_date": None,
            "responsible": None,
        }
    ],
    "actions": [
        {
            "text": "Fortalecer trabajo dentro de la Coalición de Acción Feminista por la "
            "Justicia Climática",
            "due_date": None,
            "responsible": None,
        }
    ],
    "handover_notes": [
        "Continuar el posicionamiento de temas de cambio climático y género como asuntos clave "
        "para las mujeres de la región"
    ],
    "links": ["https://forogeneracionigualdad.mx"],
    "warnings": [],
}

GENERAL_OBJECTIVE = (
    "Materializar, tanto en el ámbito de la cooperación internacional para el desarrollo como en "
    "el de la asociación política entre Chile y México, el compromiso del Gobierno de Chile con "
    "la igualdad de género, el que se articula a través de la adopción de una Política Exterior "
    "Feminista que ejecuta el Ministerio de Relaciones Exteriores."
)

DESCRIPTION = (
    "La Mesa de Cooperación Internacional para la Igualdad de Género en México (MCIG) es un "
    "espacio de intercambio y coordinación estratégica entre actores de la comunidad "
    "internacional para el avance de la igualdad de género y el empoderamiento de las mujeres y "
    "las niñas en México. Está conformada por embajadas, agencias de cooperación y organismos "
    "multilaterales que trabajan por la igualdad de género y el avance de los derechos de las "
    "mujeres en México. Es liderada por una presidencia rotativa de dos años, que asume la "
    "embajada de uno de los países miembros, y una secretaría técnica que asume ONU Mujeres. La "
    "MCIG existe desde el año 2018, y está integrada por 24 embajadas. Ha sido presidida por "
    "embajadas de países europeos, y existe consenso entre los integrantes que la presidencia "
    "debiese ser integrada por un país latinoamericano. Es así que la Embajada de Chile en México "
    "se ha propuesto para liderar la MCIG. Lanzada esta iniciativa, la Embajada de Alemania en "
    "México solicitó sumarse a la misma, por lo que se acordó, junto a ONU Mujeres México, que "
    "ambas representaciones diplomáticas se unieran en un proyecto de copresidencia para los años "
    "2023 y 2024, iniciativa aceptada por todos los integrantes de la Mesa."
)

RESULTS = [
    "Ser el primer país latinoamericano que presida esta instancia, aportando, desde un rol de "
    "liderazgo, la visión de nuestra región a la agenda de igualdad de género entre los países "
    "cooperantes en México.",
    "Instalar en este espacio de diálogo y cooperación temas de interés respecto de la agenda de "
    "género desde una perspectiva del sur. Algunas de estas temáticas son la creación de un "
    "sistema nacional o integral de cuidados, Agenda Digital, Violencia de género, participación "
    "de mujeres como negociadoras o mediadoras en situación de conflicto, incorporación de "
    "cláusulas de género en Acuerdos Comerciales, entre otros.",
    "Dinamizar la cooperación sobre género con México y/o identificar temas o espacios para "
    "construir alianzas colaborativas con los otros países integrantes de la mesa.",
]

PROJECT = {
    "kind": "project_sheet",
    "project": {
        "name": (
            "Copresidencia de la mesa de cooperación para la igualdad de género en México (MCIG)"
        ),
        "thematic_area": "Desarrollo social",
        "sdgs": [5, 10],
        "institutions": [
            {
                "name": "Instituto Nacional de las Mujeres",
                "acronym": "INMUJERES",
                "country": "México",
                "role": "counterpart",
            },
            {
                "name": "Embajada de Chile en México",
                "acronym": None,
                "country": "Chile",
                "role": "lead",
            },
            {"name": "ONU Mujeres", "acronym": None, "country": "México", "role": "participant"},
            {
                "name": "Embajada de Alemania en México",
                "acronym": None,
                "country": "México",
                "role": "participant",
            },
        ],
        "country": "México",
        "city": None,
        "beneficiaries": (
            "Beneficiarios directos de cada uno de los proyectos de cooperación de los países que "
            "integran la mesa"
        ),
        "start_date": "2023-11-01",
        "duration_months": 12,
        "planned_end_date": "2024-10-31",
        "status": "implementation",
        "general_objective": GENERAL_OBJECTIVE,
        "specific_objectives": [
            "Liderar una agenda progresista sur-sur para la igualdad de género en México.",
            "Visibilizar en una mesa de cooperantes integrada principalmente de países "
            "desarrollados, temas de interés propios del Sur Global.",
        ],
        "description": DESCRIPTION,
        "information_updated_on": "2025-04-10",
    },
    "results": RESULTS,
    "milestones": [
        {"name": "Inicio del proyecto", "due_date": "2023-11-01"},
        {"name": "Revisión de medio término", "due_date": "2024-05-01"},
        {"name": "Fin previsto", "due_date": "2024-10-31"},
        {"name": "Informe final", "due_date": "2024-12-30"},
    ],
    "warnings": [],
}
