"""The demo unit's data: its institutions, people, accounts and follow-ups, dated in days
from today (tracker/demo_unit.py loads them through the operations)."""

from tracker.models.enums import FollowUpKind, FollowUpStatus, OrganizationKind, Priority, Role

K, S = FollowUpKind, FollowUpStatus

#: key: (name, acronym, country, kind) — found by name when a seed form already created it.
ORGANIZATIONS = {
    "onu": ("ONU Mujeres", "ONU Mujeres", None, OrganizationKind.UN_AGENCY),
    "aecid": (
        "Agencia Española de Cooperación Internacional para el Desarrollo",
        "AECID",
        "España",
        OrganizationKind.GOVERNMENT,
    ),
    "amexcid": (
        "Agencia Mexicana de Cooperación Internacional para el Desarrollo",
        "AMEXCID",
        "México",
        OrganizationKind.GOVERNMENT,
    ),
    "cepal": (
        "Comisión Económica para América Latina y el Caribe",
        "CEPAL",
        None,
        OrganizationKind.UN_AGENCY,
    ),
    "commca": (
        "Consejo de Ministras de la Mujer de Centroamérica y República Dominicana",
        "COMMCA-SICA",
        None,
        OrganizationKind.MULTILATERAL,
    ),
}

#: key: (name, position, unit, supervisor key, organization key or None for ours, email).
#: Supervisors come before the people they supervise.
PEOPLE = {
    "ana": ("Ana Lucía Mora Solís", "Vicepresidenta de la Junta Directiva",
        "Junta Directiva", None, None, "analucia.mora@seguimiento.demo"),
    "sofia": ("Sofía Araya Jiménez", "Jefa de la Unidad de Cooperación Internacional",
        "Unidad de Cooperación Internacional", "marcela", None, "sofia.araya@seguimiento.demo"),
    "daniel": ("Daniel Quesada Rojas", "Profesional en cooperación internacional",
        "Unidad de Cooperación Internacional", "sofia", None, "daniel.quesada@seguimiento.demo"),
    "carolina": ("Carolina Méndez Chaves", "Directora Técnica",
        "Dirección Técnica", "marcela", None, "carolina.mendez@seguimiento.demo"),
    "hellen": ("Hellen Montero Aguilar", "Profesional en planificación institucional",
        "Unidad de Planificación", "carolina", None, "hellen.montero@seguimiento.demo"),
    "gabriela": ("Gabriela Solano Vargas", "Coordinadora del Área de Violencia de Género",
        "Área de Violencia de Género", "carolina", None, "gabriela.solano@seguimiento.demo"),
    "luis": ("Luis Diego Castro Alfaro", "Profesional del Área de Violencia de Género",
        "Área de Violencia de Género", "gabriela", None, "luisdiego.castro@seguimiento.demo"),
    "rebeca": ("Rebeca Picado Ulate", "Coordinadora del Área de Desarrollo Regional",
        "Área de Desarrollo Regional", "carolina", None, "rebeca.picado@seguimiento.demo"),
    "andres": ("Andrés Villalobos Brenes", "Profesional de la Unidad Regional Brunca",
        "Área de Desarrollo Regional", "rebeca", None, "andres.villalobos@seguimiento.demo"),
    "natalia": ("Natalia Herrera Salas", "Coordinadora del Área de Autonomía Económica",
        "Área de Autonomía Económica", "carolina", None, "natalia.herrera@seguimiento.demo"),
    "josepablo": ("José Pablo Ramírez Mora", "Profesional del Área de Autonomía Económica",
        "Área de Autonomía Económica", "natalia", None, "josepablo.ramirez@seguimiento.demo"),
    # Focal points of other institutions: an address, no account, no supervisor here.
    "patricia": ("Patricia Rendón Salazar", "Oficial de programa",
        None, None, "onu", "patricia.rendon@onumujeres.demo"),
    "javier": ("Javier Ortega Ruiz", "Responsable de programas de género",
        "Oficina Técnica de Cooperación en Costa Rica", None, "aecid", "javier.ortega@aecid.demo"),
    "mariana": ("Mariana López Ibarra", "Directora de cooperación con Centroamérica",
        None, None, "amexcid", "mariana.lopez@amexcid.demo"),
}  # fmt: skip

#: Accounts besides the two of tracker.demo: the member's supervisor (her visto bueno), the
#: head of the unit, and a coordinator of an area who approved her officer's report.
ACCOUNTS = {"ana": Role.MEMBER, "sofia": Role.COORDINATOR, "gabriela": Role.MEMBER}

#: (title, kind, owner, organization or None for ours, source, opened, due, status, done,
#: priority). Days are counted from today; source is an activity or report key, or None.
FOLLOWUPS = (
    # Overdue: last month and this one.
    (
        "Actualizar la matriz de compromisos internacionales del INAMU para MIDEPLAN",
        K.TASK, "hellen", None, None, -80, -38, S.IN_PROGRESS, None, Priority.NORMAL,
    ),
    (
        "Remitir a Cancillería la respuesta al cuestionario del MESECVI sobre Belém do Pará",
        K.ACTION, "gabriela", None, None, -60, -24, S.OPEN, None, Priority.HIGH,
    ),
    (
        "Remitir el acta de la reunión de la Comisión Mixta de Cooperación Costa Rica–México",
        K.COMMITMENT, "mariana", "amexcid", None, -50, -16, S.OPEN, None, Priority.NORMAL,
    ),
    (
        "Enviar a ONU Mujeres los datos de línea base del programa de autonomía económica",
        K.COMMITMENT, "josepablo", None, None, -45, -9, S.OPEN, None, Priority.NORMAL,
    ),
    (
        "Confirmar a ONU Mujeres la delegación para la reunión de las Coaliciones de Acción",
        K.TASK, "sofia", None, "foro", -20, -2, S.OPEN, None, Priority.HIGH,
    ),
    # Due this week.
    (
        "Coordinar con la Unidad Regional Brunca la agenda de la misión de la AECID",
        K.TASK, "andres", None, None, -14, 0, S.IN_PROGRESS, None, Priority.NORMAL,
    ),
    (
        "Enviar a AMEXCID la nota conceptual del proyecto de Centros de Atención Integral",
        K.ACTION, "rebeca", None, None, -30, 3, S.IN_PROGRESS, None, Priority.NORMAL,
    ),
    (
        "Revisar y firmar la carta de intención con la AECID sobre mujeres rurales",
        K.COMMITMENT, "marcela", None, "commca", -3, 5, S.OPEN, None, Priority.HIGH,
    ),
    # Next weeks and next month, some in other institutions' hands.
    (
        "Confirmar el financiamiento del taller de formación de facilitadoras",
        K.COMMITMENT, "javier", "aecid", "commca", -3, 12, S.OPEN, None, Priority.NORMAL,
    ),
    (
        "Enviar la propuesta de asistencia técnica para el Observatorio de Violencia de Género",
        K.COMMITMENT, "patricia", "onu", "cepal_luis", -110, 26, S.OPEN, None, Priority.NORMAL,
    ),
    (
        "Presentar ante el COMMCA el avance de la Política Nacional para la Igualdad (PIEG)",
        K.COMMITMENT, "marcela", None, "commca", -3, 33, S.OPEN, None, Priority.NORMAL,
    ),
    (
        "Preparar los términos de referencia de la consultoría sobre el Sistema de Cuidados",
        K.TASK, "natalia", None, None, -25, 40, S.OPEN, None, Priority.LOW,
    ),
    # Done this month: one on time, one late.
    (
        "Enviar a la Embajada de España la lista de participantes del taller",
        K.TASK, "daniel", None, None, -10, 4, S.DONE, 0, Priority.NORMAL,
    ),
    (
        "Registrar en el sistema de MIDEPLAN los proyectos de cooperación vigentes",
        K.TASK, "hellen", None, None, -40, -6, S.DONE, 0, Priority.NORMAL,
    ),
    # The year behind: done on time and late, for the trends and the on-time rate.
    (
        "Enviar a la CEPAL los datos nacionales de femicidio para el Observatorio de Igualdad",
        K.COMMITMENT, "luis", None, "cepal_luis", -110, -60, S.DONE, -63, Priority.HIGH,
    ),
    (
        "Compartir con las áreas técnicas la guía regional de registros administrativos",
        K.ACTION, "luis", None, "cepal_luis", -110, -90, S.DONE, -81, Priority.NORMAL,
    ),
    (
        "Publicar la memoria del encuentro con AMEXCID en el sitio institucional",
        K.TASK, "rebeca", None, None, -100, -70, S.DONE, -72, Priority.LOW,
    ),
    (
        "Remitir a la AECID el informe técnico del taller de formación de formadoras",
        K.COMMITMENT, "natalia", None, None, -180, -150, S.DONE, -135, Priority.NORMAL,
    ),
    (
        "Enviar a la CEPAL el cuestionario nacional de Beijing+30 actualizado",
        K.ACTION, "gabriela", None, None, -160, -130, S.DONE, -128, Priority.NORMAL,
    ),
    (
        "Tramitar el acuerdo de viaje de la delegación a la reunión de la CEPAL",
        K.TASK, "daniel", None, None, -150, -125, S.DONE, -126, Priority.NORMAL,
    ),
    (
        "Presentar a la Junta Directiva el informe semestral de cooperación",
        K.TASK, "sofia", None, None, -200, -180, S.DONE, -181, Priority.NORMAL,
    ),
    (
        "Sistematizar el intercambio con el Ministerio de la Mujer y la Equidad de Género de Chile",
        K.ACTION, "daniel", None, None, -240, -210, S.DONE, -200, Priority.NORMAL,
    ),
    (
        "Preparar la posición institucional para la Comisión de la Condición Jurídica de la Mujer",
        K.TASK, "sofia", None, None, -290, -250, S.DONE, -252, Priority.HIGH,
    ),
    (
        "Actualizar el directorio de puntos focales de cooperación internacional",
        K.TASK, "daniel", None, None, -300, -270, S.DONE, -262, Priority.LOW,
    ),
    (
        "Entregar a MIDEPLAN el informe anual de cooperación internacional recibida",
        K.TASK, "hellen", None, None, -330, -300, S.DONE, -302, Priority.NORMAL,
    ),
)  # fmt: skip
