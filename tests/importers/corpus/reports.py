"""Synthetic participation reports: a `Form` to lay out and the `to_json()` it must parse to."""

from random import Random

from tests.importers.corpus import pools
from tests.importers.corpus.forms import SIGNATURES, Field, Form, bulleted
from tests.importers.corpus.phrasing import (
    EMPTY_LIST_MARKERS,
    EMPTY_TEXT_MARKERS,
    NO_COMMITMENTS,
    activity_dates,
    commitment,
    random_style,
    render_label,
)

# key: (Spanish label variants, English label, instruction that may follow in parentheses)
LABELS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "name": (("Nombre", "Nombre completo", "Nombre de la persona participante",
              "Persona participante", "Nombre y apellidos"), "Name", ""),
    "position": (("Cargo", "Puesto", "Cargo que desempeña"), "Position", ""),
    "date": (("Fecha de la actividad", "Fecha", "Fechas", "Fecha del evento",
              "Fechas de realización"), "Date", "dd/mm/aaaa"),
    "activity_name": (("Nombre de la Actividad", "Nombre del evento", "Título de la actividad",
                       "Actividad", "Evento"), "Activity", ""),
    "organizers": (("Organización/es encargadas de la Actividad", "Organizadores",
                    "Organizado por", "Entidades organizadoras", "Institución organizadora"),
                   "Organizers", "indique todas"),
    "kind": (("Tipo de Actividad", "Tipo de evento", "Tipo"), "Type of activity", ""),
    "role": (("Calidad de Participación", "En calidad de", "Rol en la actividad",
              "Papel desempeñado"), "Role", ""),
    "contribution": (("Contribución de la actividad al logro de las metas del INAMU",
                      "Contribución a los objetivos institucionales",
                      "Contribución de la actividad a las metas institucionales"),
                     "Contribution to institutional goals", ""),
    "motive": (("Motivo de la participación: contextualización del evento y objetivos",
                "Motivo de la participación", "Justificación de la participación",
                "Contextualización del evento y objetivos"), "Purpose of participation",
               "máximo una página"),
    "achievements": (("Principales logros obtenidos", "Logros alcanzados",
                      "Resultados obtenidos", "Principales resultados"), "Main achievements",
                     "máximo cinco"),
    "lessons": (("Lecciones Aprendidas", "Lecciones aprendidas y buenas prácticas",
                 "Aprendizajes"), "Lessons learned", "si aplica"),
    "commitments": (("Compromisos adquiridos por parte del INAMU", "Compromisos asumidos",
                     "Compromisos adquiridos", "Compromisos institucionales"), "Commitments",
                    "indique responsable y plazo"),
    "handover_notes": (("Observaciones para la/el próxima/o representante",
                        "Recomendaciones para el siguiente representante",
                        "Notas para la próxima persona representante"),
                       "Notes for the next representative", ""),
    "actions": (("Acciones de seguimiento recomendadas", "Acciones de seguimiento",
                 "Acciones a seguir", "Seguimiento recomendado"), "Follow-up actions",
                "indique plazo"),
    "comments": (("Comentarios adicionales", "Otros comentarios", "Observaciones generales",
                  "Comentarios"), "Additional comments", "opcional"),
}  # fmt: skip
SECTIONS = {
    "name": "DATOS DE LA PERSONA PARTICIPANTE",
    "activity_name": "INFORMACIÓN DE LA ACTIVIDAD",
    "contribution": "RESULTADOS DE LA PARTICIPACIÓN",
    "commitments": "SEGUIMIENTO",
}
TITLES = (
    ["Unidad de Relaciones Internacionales y Cooperación Internacional",
     "Informe de Participación en Actividades Internacionales"],
    ["INFORME DE PARTICIPACIÓN EN ACTIVIDADES INTERNACIONALES"],
    ["Informe de participación"],
    ["Participation Report / Informe de participación en eventos internacionales"],
    ["Dirección de Cooperación Internacional", "Informe de Participación"],
)  # fmt: skip
LINK_COMMENTS = (
    "La documentación del evento está disponible en: {link}",
    "Se adjunta la agenda y la lista de participantes. Materiales en {link}",
    "El informe completo de la reunión se encuentra en {link}",
)
PLAIN_COMMENTS = (
    "La delegación agradece el apoyo logístico de la Embajada",
    "Se adjunta la agenda oficial y la lista de participantes",
)
INTRO = (
    "Este informe será utilizado para registrar las actividades internacionales en que se "
    "participe en representación de la institución, y debe entregarse a la Unidad de "
    "Cooperación en los diez días hábiles siguientes."
)


def _person(rng: Random) -> str:
    first = rng.choice(pools.FIRST_NAMES)
    one, two = rng.sample(pools.SURNAMES, 2)
    return f"{first} {one} {two}"


def _list_value(rng: Random, items: list[str], markers=EMPTY_LIST_MARKERS):
    """(lines, items) for a list field; an empty list is a marker, a blank, or nothing."""
    if items:
        return bulleted(rng, items), items
    choice = rng.random()
    if choice < 0.65:
        return [rng.choice(markers)], None
    return [], None


def generate_report(rng: Random) -> tuple[Form, dict]:
    """One participation report and the to_json() it must parse to."""
    style = random_style(rng)
    date_text, start, end = activity_dates(rng)
    activity, kind_word, kind = rng.choice(pools.ACTIVITIES)
    organizers = rng.sample(pools.ORGANIZERS, rng.choice([1, 2, 2, 3]))
    motive_sentences = rng.sample(pools.MOTIVE_SENTENCES, rng.randint(1, 4))
    motive_sentences = [
        s.format(activity=activity, organizer=organizers[0]) for s in motive_sentences
    ]
    paragraphs = _paragraphs(rng, motive_sentences)
    achievements = rng.sample(pools.ACHIEVEMENTS, rng.randint(0, 5))
    lessons = rng.sample(pools.LESSONS, rng.choice([0, 0, 1, 2, 3]))
    handover = rng.sample(pools.HANDOVER_NOTES, rng.choice([0, 1, 1, 2, 3]))
    tasks = rng.sample(pools.TASKS, rng.randint(0, 10))
    n_commitments = rng.randint(0, min(5, len(tasks)))
    commitments = [commitment(rng, t, end, pools.RESPONSIBLES) for t in tasks[:n_commitments]]
    actions = [commitment(rng, t, end, pools.RESPONSIBLES) for t in tasks[n_commitments:][:5]]
    link = rng.choice(pools.LINKS) if rng.random() < 0.5 else None
    comments = None
    if rng.random() < 0.7:
        if link:
            comments = rng.choice(LINK_COMMENTS).format(link=link)
        else:
            comments = rng.choice(PLAIN_COMMENTS)
    links = [link] if comments and link and link in comments else []

    person, position = _person(rng), rng.choice(pools.POSITIONS)
    role, contribution = rng.choice(pools.ROLES), rng.choice(pools.CONTRIBUTIONS)

    def label(key: str) -> str:
        spanish, english, instruction = LABELS[key]
        return render_label(rng, style, rng.choice(spanish), english, instruction)

    organizer_lines = (
        bulleted(rng, organizers) if rng.random() < 0.25 else [rng.choice([", ", "; "]).join(
            organizers)]
    )  # fmt: skip
    fields = [
        Field("name", label("name"), [person]),
        Field("position", label("position"), [position]),
        Field("date", label("date"), [date_text]),
        Field("activity_name", label("activity_name"), [activity]),
        Field("organizers", label("organizers"), organizer_lines),
        Field("kind", label("kind"), [kind_word]),
        Field("role", label("role"), [role]),
        Field("contribution", label("contribution"), [contribution]),
        Field("motive", label("motive"), paragraphs),
    ]
    lists = {}
    lines, items = _list_value(rng, achievements)
    lists["achievements"] = Field("achievements", label("achievements"), lines, items)
    lines, items = _list_value(rng, lessons)
    lists["lessons"] = Field("lessons", label("lessons"), lines, items)
    lines, items = _list_value(rng, [w for w, _ in commitments], NO_COMMITMENTS)
    lists["commitments"] = Field("commitments", label("commitments"), lines, items)
    lines, items = _list_value(rng, handover)
    lists["handover_notes"] = Field("handover_notes", label("handover_notes"), lines, items)
    lines, items = _list_value(rng, [w for w, _ in actions])
    lists["actions"] = Field("actions", label("actions"), lines, items)
    order = ["achievements", "lessons", "commitments", "handover_notes", "actions"]
    if rng.random() < 0.3:
        order = ["achievements", "lessons", "commitments", "actions", "handover_notes"]
    fields += [lists[key] for key in order]
    comment_lines = [comments] if comments else ([rng.choice(EMPTY_TEXT_MARKERS)] if
                                                  rng.random() < 0.5 else [])  # fmt: skip
    fields.append(Field("comments", label("comments"), comment_lines))
    for item in fields:
        item.section = SECTIONS.get(item.key)
    form = Form(
        kind="participation_report",
        title=list(rng.choice(TITLES)),
        intro=[INTRO] if rng.random() < 0.4 else [],
        fields=fields,
        header_block=rng.random() < 0.35,
        signature=list(rng.choice(SIGNATURES)),
        running_header=rng.choice(pools.RUNNING_HEADERS),
        form_code=rng.choice(pools.FORM_CODES),
    )
    expected = {
        "kind": "participation_report",
        "person": {"name": person, "position": position},
        "activity": {
            "name": activity,
            "kind": kind,
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "organizers": organizers,
        },
        "report": {
            "role": role,
            "contribution": contribution,
            "motive": " ".join(motive_sentences),
            "achievements": achievements,
            "lessons": lessons,
            "comments": comments,
        },
        "commitments": [e for _, e in commitments],
        "actions": [e for _, e in actions],
        "handover_notes": handover,
        "links": links,
    }
    return form, expected


def _paragraphs(rng: Random, sentences: list[str]) -> list[str]:
    """Sentences grouped into one to three paragraphs."""
    if len(sentences) < 2 or rng.random() < 0.4:
        return [" ".join(sentences)]
    cut = rng.randint(1, len(sentences) - 1)
    return [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
