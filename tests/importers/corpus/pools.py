"""Invented but realistic Spanish content for the synthetic forms: people, institutions, activities.

Nothing here is copied from the seeds beyond their style; every pool is large enough that two
forms of the corpus rarely share a sentence.
"""

FIRST_NAMES = (
    "Ana Lucía", "María Fernanda", "Carolina", "José Manuel", "Luis Alberto", "Gabriela", "Sofía",
    "Andrea", "Daniela", "Ricardo", "Patricia", "Mónica", "Jorge Eduardo", "Paola", "Verónica",
    "Adriana", "Rodrigo", "Natalia", "Silvia Elena", "Óscar", "Laura", "Marcela", "Ximena",
    "Tatiana", "Esteban", "Rocío", "Alejandra", "Iván", "Lorena", "Ángela",
)  # fmt: skip
SURNAMES = (
    "Rojas", "Vargas", "Solano", "Jiménez", "Quesada", "Mora", "Araya", "Castro", "Chaves",
    "Hernández", "Ramírez", "Núñez", "Villalobos", "Zúñiga", "Gutiérrez", "Alfaro", "Salazar",
    "Méndez", "Cordero", "Sánchez", "Peña", "Ortiz", "Campos", "Brenes", "Montero", "Aguilar",
    "Fonseca", "Ibáñez", "Espinoza", "Quirós",
)  # fmt: skip
POSITIONS = (
    "Coordinadora de la Unidad de Cooperación Internacional",
    "Jefa del Departamento de Violencia de Género",
    "Profesional en Relaciones Internacionales",
    "Directora de Planificación Institucional",
    "Asesora del Despacho Ministerial",
    "Viceministra de Asuntos Multilaterales",
    "Encargado de Proyectos de Cooperación Sur-Sur",
    "Especialista en Autonomía Económica de las Mujeres",
    "Presidenta Ejecutiva",
    "Director General de Política Exterior",
    "Analista de Políticas Públicas",
    "Jefe de la Oficina de Asuntos Internacionales",
)

# (name, acronym or None) — ministries, institutes, embassies, agencies, UN bodies.
INSTITUTIONS = (
    ("Instituto Nacional de las Mujeres", "INAMU"),
    ("Instituto Nacional de las Mujeres", "INMUJERES"),
    ("Ministerio de la Mujer y Equidad de Género", "MMEG"),
    ("Ministerio de la Mujer y Poblaciones Vulnerables", "MIMP"),
    ("Ministerio de Planificación Nacional y Política Económica", "MIDEPLAN"),
    ("Ministerio de Relaciones Exteriores y Culto", None),
    ("Ministerio de Desarrollo Social", "MIDES"),
    ("Secretaría Presidencial de la Mujer", "SEPREM"),
    ("Agencia Española de Cooperación Internacional para el Desarrollo", "AECID"),
    ("Agencia Alemana de Cooperación Internacional", "GIZ"),
    ("Agencia de Cooperación Internacional del Japón", "JICA"),
    ("Agencia Mexicana de Cooperación Internacional para el Desarrollo", "AMEXCID"),
    ("Agencia Chilena de Cooperación Internacional para el Desarrollo", "AGCID"),
    ("Agencia Presidencial de Cooperación Internacional de Colombia", "APC-Colombia"),
    ("Comisión Económica para América Latina y el Caribe", "CEPAL"),
    ("Programa de las Naciones Unidas para el Desarrollo", "PNUD"),
    ("Fondo de Población de las Naciones Unidas", "UNFPA"),
    ("Organización Internacional del Trabajo", "OIT"),
    ("Banco Interamericano de Desarrollo", "BID"),
    ("Comisión Interamericana de Mujeres", "CIM"),
    ("Sistema de la Integración Centroamericana", "SICA"),
    ("ONU Mujeres", None),
    ("Unión Europea", None),
    ("Embajada de España en Costa Rica", None),
    ("Embajada de Chile en México", None),
    ("Embajada de Alemania en Guatemala", None),
    ("Embajada del Japón en Panamá", None),
    ("Embajada de Francia en Colombia", None),
    ("Universidad de Costa Rica", "UCR"),
    ("Fundación Justicia y Género", None),
)
# Each institution's usual country in the sheets (for the "País" beside it).
INSTITUTION_COUNTRY = {
    "INAMU": "Costa Rica", "INMUJERES": "México", "MMEG": "Chile", "MIMP": "Perú",
    "MIDEPLAN": "Costa Rica", "MIDES": "Uruguay", "SEPREM": "Guatemala", "AECID": "España",
    "GIZ": "Alemania", "JICA": "Japón", "AMEXCID": "México", "AGCID": "Chile",
    "APC-Colombia": "Colombia", "CEPAL": "Chile", "PNUD": "Panamá", "UNFPA": "Panamá",
    "OIT": "Costa Rica", "BID": "Estados Unidos", "CIM": "Estados Unidos", "SICA": "El Salvador",
    "UCR": "Costa Rica", "ONU Mujeres": "Panamá", "Unión Europea": "Bélgica",
    "Ministerio de Relaciones Exteriores y Culto": "Costa Rica",
    "Embajada de España en Costa Rica": "España", "Embajada de Chile en México": "Chile",
    "Embajada de Alemania en Guatemala": "Alemania", "Embajada del Japón en Panamá": "Japón",
    "Embajada de Francia en Colombia": "Francia", "Fundación Justicia y Género": "Costa Rica",
}  # fmt: skip

# Organisers of activities, some with commas or "y" inside their own name.
ORGANIZERS = (
    "Comisión Económica para América Latina y el Caribe (CEPAL)",
    "ONU Mujeres",
    "Gobierno de México",
    "Gobierno de Francia",
    "Gobierno de la República Dominicana",
    "Organización de los Estados Americanos (OEA)",
    "Comisión Interamericana de Mujeres (CIM)",
    "Programa de las Naciones Unidas para el Desarrollo (PNUD)",
    "Agencia Española de Cooperación Internacional para el Desarrollo (AECID)",
    "Agencia de Cooperación Internacional del Japón (JICA)",
    "Ministerio de Relaciones Exteriores, Comercio Internacional y Culto de Argentina",
    "Secretaría General Iberoamericana (SEGIB)",
    "Banco Interamericano de Desarrollo (BID)",
    "Fondo de Población de las Naciones Unidas (UNFPA)",
    "Ministerio de la Mujer y Equidad de Género de Chile",
    "Unión Europea",
    "Embajada de Canadá en Costa Rica",
    "Foro de Ministras de la Mujer de América Latina y el Caribe",
    "Mecanismo de Seguimiento de la Convención de Belém do Pará (MESECVI)",
    "Consejo de Ministras de la Mujer de Centroamérica y República Dominicana (COMMCA)",
)

# (activity name, kind word as written in "Tipo de actividad", expected kind code)
ACTIVITIES = (
    ("XV Conferencia Regional sobre la Mujer de América Latina y el Caribe", "Conferencia",
     "conference"),
    ("Foro Político de Alto Nivel sobre el Desarrollo Sostenible 2023", "Foro", "forum"),
    ("Reunión de la Mesa Directiva de la Conferencia Regional sobre la Mujer", "Reunión",
     "meeting"),
    ("Taller regional de estadísticas de género y uso del tiempo", "Taller", "workshop"),
    ("Misión técnica de intercambio sobre sistemas de cuidados", "Misión oficial", "mission"),
    ("Seminario internacional sobre autonomía económica de las mujeres", "Seminario", "seminar"),
    ("Curso virtual sobre presupuestos con perspectiva de género", "Curso", "training"),
    ("Cumbre Iberoamericana de Igualdad de Género", "Cumbre", "conference"),
    ("Encuentro de mecanismos nacionales para el adelanto de las mujeres", "Encuentro",
     "meeting"),
    ("Webinario sobre violencia digital contra las mujeres", "Webinario", "seminar"),
    ("Capacitación en gestión de proyectos de cooperación Sur-Sur", "Capacitación", "training"),
    ("67.º período de sesiones de la Comisión de la Condición Jurídica y Social de la Mujer",
     "Sesión", "meeting"),
    ("Conversatorio sobre mujeres, paz y seguridad", "Conversatorio", "seminar"),
    ("Foro Generación Igualdad – Reunión de seguimiento", "Foro", "forum"),
    ("Diálogo regional sobre economía del cuidado – Sesión de Panamá", "Reunión virtual",
     "meeting"),
    ("Congreso Latinoamericano de Políticas de Igualdad", "Congreso", "conference"),
    ("Visita oficial a la Secretaría de las Mujeres de Bogotá", "Visita oficial", "mission"),
    ("Taller de validación del Plan Regional contra la Trata de Personas", "Taller presencial",
     "workshop"),
)  # fmt: skip
ROLES = (
    "Representante institucional",
    "Jefa de delegación",
    "Ponente en el panel de alto nivel",
    "Delegada oficial del país",
    "Participante",
    "Panelista",
    "Observadora",
    "Ministra de la Condición de la Mujer",
    "Moderadora de la mesa de trabajo",
    "Punto focal nacional",
)
CONTRIBUTIONS = (
    "La actividad contribuye al eje de autonomía económica del Plan Estratégico Institucional",
    "Permite posicionar la agenda nacional de igualdad en los espacios regionales de decisión",
    "Fortalece las capacidades técnicas del equipo en estadísticas de género",
    "Aporta insumos para la Política Nacional de Cuidados y su plan de acción",
    "Se vincula con la meta institucional de ampliar la cooperación técnica Sur-Sur",
    "Contribuye al cumplimiento de los compromisos del país ante la Convención de Belém do Pará",
)
MOTIVE_SENTENCES = (
    "La actividad «{activity}» reúne a las autoridades de los mecanismos nacionales de la "
    "región para examinar los avances de la agenda regional de género.",
    "El encuentro fue convocado por {organizer} con el propósito de intercambiar experiencias "
    "sobre políticas de cuidados y autonomía económica de las mujeres.",
    "La participación del país respondió a la invitación oficial recibida por la vía "
    "diplomática y a la prioridad que el Plan Nacional de Desarrollo asigna a la igualdad.",
    "Durante las sesiones se revisaron los indicadores de seguimiento y se acordó una hoja de "
    "ruta para el próximo bienio.",
    "Se presentaron buenas prácticas de la región en la prevención de la violencia contra las "
    "mujeres y se identificaron oportunidades de cooperación técnica.",
    "La delegación expuso la experiencia nacional en la implementación del sistema de "
    "información sobre uso del tiempo.",
    "El evento se desarrolló en modalidad híbrida, con la participación de veintidós países y "
    "de organizaciones de la sociedad civil.",
    "Los debates se centraron en el financiamiento de las políticas de igualdad en un contexto "
    "de restricción fiscal.",
)
ACHIEVEMENTS = (
    "Posicionar la experiencia nacional en la agenda regional de cuidados",
    "Establecer contactos con las agencias de cooperación presentes",
    "Incorporar la perspectiva centroamericana en la declaración final",
    "Identificar fuentes de financiamiento para el programa de autonomía económica",
    "Intercambiar metodologías de medición del trabajo no remunerado",
    "Acordar una agenda de trabajo conjunta con el mecanismo de la mujer de Panamá",
    "Presentar los resultados de la encuesta nacional de uso del tiempo",
    "Fortalecer la articulación con la sociedad civil y las juventudes",
)
LESSONS = (
    "La preparación previa de la posición país facilita la negociación",
    "Es necesario contar con datos desagregados por sexo actualizados",
    "Las reuniones bilaterales al margen del evento resultan muy productivas",
    "Conviene coordinar con la Cancillería la vocería oficial",
    "La traducción simultánea debe solicitarse con antelación",
)
HANDOVER_NOTES = (
    "Revisar los acuerdos de la reunión anterior antes de viajar",
    "Coordinar con la Embajada la agenda de reuniones bilaterales",
    "Dar continuidad a la participación en el grupo de trabajo sobre cuidados",
    "Llevar material impreso sobre la política nacional de igualdad",
    "Mantener el contacto con la Secretaría Técnica para los informes intermedios",
)
# Commitments and actions: a verb phrase; the deadline and the responsible are added apart.
TASKS = (
    "Remitir la hoja de ruta a la Secretaría Técnica",
    "Enviar el informe nacional de avance a la CEPAL",
    "Compartir la metodología de la encuesta de uso del tiempo con el mecanismo de Panamá",
    "Presentar la propuesta de proyecto de cooperación técnica a la AECID",
    "Elaborar una nota conceptual para el programa regional de cuidados",
    "Designar un punto focal para el grupo de trabajo sobre estadísticas de género",
    "Organizar un taller nacional de socialización de los acuerdos",
    "Actualizar la base de datos de contactos de la cooperación internacional",
    "Apoyar la Alianza Regional por la Digitalización de las Mujeres",
    "Coordinar con la Cancillería la firma del memorando de entendimiento",
    "Preparar los insumos para el informe país ante el MESECVI",
    "Difundir la declaración final entre las instituciones del sistema nacional",
)
RESPONSIBLES = (
    "Despacho Ministerial",
    "Dirección de Planificación",
    "Unidad de Cooperación Internacional",
    "Presidencia Ejecutiva",
    "Secretaría Técnica",
    "Área de Violencia de Género",
    "Departamento de Estadística",
    "Dirección General",
    "Asesoría Legal",
)

# Project sheets.
PROJECT_NAMES = (
    "Fortalecimiento del sistema nacional de cuidados",
    "Intercambio de experiencias en prevención de la violencia contra las mujeres",
    "Observatorio regional de igualdad de género",
    "Autonomía económica de mujeres rurales en la zona fronteriza",
    "Copresidencia de la mesa de cooperación para la igualdad de género",
    "Estadísticas de uso del tiempo para políticas públicas",
    "Presupuestos públicos con enfoque de género en gobiernos locales",
    "Mujeres, paz y seguridad: plan de acción nacional",
    "Prevención del embarazo adolescente en comunidades indígenas",
    "Emprendimientos liderados por mujeres en la economía digital",
)
THEMATIC_AREAS = (
    "Desarrollo social", "Igualdad de género", "Gobernabilidad", "Desarrollo económico",
    "Seguridad ciudadana", "Salud", "Educación", "Medio ambiente y cambio climático",
)  # fmt: skip
SDG_TITLES = {
    1: "Fin de la pobreza",
    3: "Salud y bienestar",
    4: "Educación de calidad",
    5: "Igualdad de género",
    8: "Trabajo decente y crecimiento económico",
    10: "Reducción de las desigualdades",
    13: "Acción por el clima",
    16: "Paz, justicia e instituciones sólidas",
    17: "Alianzas para lograr los objetivos",
}
SDG_GOALS = {
    1: "Poner fin a la pobreza en todas sus formas en todo el mundo",
    3: "Garantizar una vida sana y promover el bienestar para todos en todas las edades",
    4: "Garantizar una educación inclusiva, equitativa y de calidad",
    5: "Lograr la igualdad entre los géneros y empoderar a todas las mujeres y las niñas",
    8: "Promover el crecimiento económico inclusivo y el trabajo decente para todos",
    10: "Reducir la desigualdad en y entre los países",
    13: "Adoptar medidas urgentes para combatir el cambio climático y sus efectos",
    16: "Promover sociedades pacíficas e inclusivas para el desarrollo sostenible",
    17: "Fortalecer los medios de implementación y revitalizar la Alianza Mundial",
}
PLACES = (
    ("México", None), ("Costa Rica", "San José"), ("Guatemala", "Ciudad de Guatemala"),
    ("Perú", "Lima"), ("Chile", "Santiago"), ("Panamá", None), ("Colombia", "Bogotá"),
    ("República Dominicana", "Santo Domingo"), ("Uruguay", "Montevideo"), ("Honduras", None),
)  # fmt: skip
BENEFICIARIES = (
    "Mujeres rurales de las regiones fronterizas y sus organizaciones",
    "Personal técnico de los mecanismos nacionales de la mujer",
    "Beneficiarios directos de cada uno de los proyectos de cooperación de los países que "
    "integran la mesa",
    "Gobiernos locales de cinco municipios y sus oficinas de la mujer",
    "Adolescentes y jóvenes de comunidades indígenas",
    "Mujeres emprendedoras inscritas en el registro nacional de pymes",
)
GENERAL_OBJECTIVES = (
    "Contribuir a la reducción de las brechas de género mediante el fortalecimiento de las "
    "capacidades institucionales",
    "Fortalecer la cooperación bilateral en materia de igualdad de género y derechos de las "
    "mujeres",
    "Mejorar la calidad de las estadísticas de género para el diseño de políticas públicas",
    "Promover la autonomía económica de las mujeres en situación de vulnerabilidad",
)
SPECIFIC_OBJECTIVES = (
    "Diseñar un modelo de atención integral adaptado al contexto local",
    "Capacitar a funcionarias y funcionarios en la aplicación del enfoque de género",
    "Sistematizar las buenas prácticas de ambos países",
    "Elaborar una guía metodológica para la medición del trabajo no remunerado",
    "Crear una red de intercambio entre instituciones homólogas",
    "Implementar un plan piloto en tres municipios",
)
DESCRIPTION_SENTENCES = (
    "El proyecto surge de la demanda expresada por la contraparte durante la última comisión "
    "mixta de cooperación.",
    "Se ejecuta mediante misiones técnicas, pasantías y talleres virtuales entre las "
    "instituciones homólogas.",
    "La iniciativa se inscribe en el programa bilateral de cooperación Sur-Sur vigente entre "
    "ambos países.",
    "Las actividades se coordinan con las agencias de cooperación y los organismos "
    "multilaterales presentes en el país.",
    "Al término del proyecto se espera contar con capacidades instaladas y una red de "
    "profesionales especializadas.",
    "La propuesta fue aprobada por el comité técnico en su sesión ordinaria.",
)
RESULTS = (
    "Un modelo de atención validado por las instituciones participantes",
    "Cuarenta funcionarias capacitadas en la metodología de intervención",
    "Una guía metodológica publicada y difundida",
    "Un sistema de información en funcionamiento en las oficinas regionales",
    "Acuerdos de continuidad firmados entre las instituciones socias",
    "Un informe de sistematización de la experiencia",
)
RUNNING_HEADERS = (
    "Instituto Nacional de las Mujeres – Unidad de Relaciones Internacionales",
    "Ministerio de la Mujer y Equidad de Género",
    "Ministerio de Relaciones Exteriores y Culto – Dirección de Cooperación Internacional",
    "Agencia de Cooperación Internacional – Departamento de Proyectos",
)
FORM_CODES = ("FOR-URI-01 v.3", "F-CI-07 Versión 2", "Código: URI-F-003 Rev. 4", "FCI-02 v1.1")
LINKS = (
    "https://forogeneracionigualdad.mx",
    "https://www.cepal.org/es/eventos/xv-conferencia-regional-la-mujer-america-latina-caribe",
    "https://www.unwomen.org/es/noticias/declaracion-final-del-foro-regional-de-cuidados",
    "https://www.aecid.es/es/convocatorias/programa-de-cooperacion-tecnica-2024",
    "https://oig.cepal.org/es/indicadores/tiempo-total-de-trabajo",
)
