"""Every spelling of every label the two forms use, in one place: adding a spelling is one line.

Patterns are regular expressions over the *folded* label (no accents, lower case) and must match
the whole label (a space matches any run of whitespace). Before matching, the segmenter drops a
section number, a trailing colon, an instruction in parentheses ("(indique fecha y
responsable)") and, for a bilingual label ("Nombre / Name"), tries each language on its own, so
English spellings sit here next to the Spanish ones.

`IGNORED` lists fields a form has but the parser does not read: recognised so that their values
do not end up glued to the field above them.
"""

from tracker.importers._label_match import IGNORED

REPORT_LABELS: dict[str, tuple[str, ...]] = {
    "name": (
        r"nombre(?: completo| y apellidos?)?(?: de la persona (?:participante|representante))?",
        r"persona participante",
        r"participante",
        r"nombre del? (?:la )?(?:participante|funcionari[oa]|representante)",
        r"(?:full )?name(?: of (?:the )?participant)?",
        r"participant(?:'s)? name",
        r"participant",
    ),
    "position": (
        r"cargo(?: que desempena)?",
        r"puesto(?: que ocupa)?",
        r"(?:position|job title|post)",
    ),
    "date": (
        r"fechas?(?: de (?:la |las )?(?:actividad(?:es)?|realizacion|reunion)| del evento)?",
        r"(?:lugar y fechas?|fechas? y lugar)(?: de (?:la )?(?:actividad|realizacion))?",
        r"(?:activity |event )?dates?(?: of (?:the )?(?:activity|event))?",
    ),
    "start_date": (
        r"fecha de inicio(?: de la actividad)?",
        r"inicio",
        r"start(?: date)?",
    ),
    "end_date": (
        r"fecha de (?:fin|finalizacion|termino|cierre|conclusion)(?: de la actividad)?",
        r"(?:fin|finalizacion)",
        r"end(?: date)?",
    ),
    "activity_name": (
        r"nombre (?:de la actividad|del evento|de la reunion)",
        r"titulo de la actividad",
        r"actividad",
        r"evento",
        r"(?:activity|event)(?: name| title)?",
        r"name of (?:the )?(?:activity|event)",
    ),
    "organizers": (
        r"organizacion(?:es|/es|\(es\))?(?: encargadas?| responsables?| organizadoras?)?"
        r"(?: de (?:la )?actividad| del evento)?",
        r"organizadore?s?",
        r"organismos? (?:organizador|convocante)(?:es)?",
        r"organizado por",
        r"entidad(?:es)? organizadoras?",
        r"institucion(?:es)? organizadoras?",
        r"convocantes?",
        r"organi[sz]ers?",
        r"organi[sz]ed by",
        r"organi[sz]ing (?:institutions?|organi[sz]ations?)",
        r"hosts?|hosted by",
    ),
    "kind": (
        r"tipo(?: de (?:la )?(?:actividad|evento))?",
        r"(?:type of (?:the )?(?:activity|event)|(?:activity|event) type)",
    ),
    "role": (
        r"calidad (?:de|en la que) (?:participacion|participa|participo)",
        r"en calidad de",
        r"rol(?: de participacion| desempenado| en la actividad)?",
        r"papel desempenado",
        r"(?:participation )?role|role in (?:the )?(?:activity|event)|capacity",
    ),
    "contribution": (
        r"contribucion(?: de la actividad)?(?: (?:al logro de|a) (?:las |los )?"
        r"(?:metas|objetivos)(?: institucionales)?(?: (?:del|de la|de los) [\w\s]{1,60})?)?",
        r"contribution(?: to (?:the )?(?:institutional )?(?:goals|objectives)[\w\s]{0,40})?",
    ),
    "motive": (
        # The form's label carries its own subtitle after a colon.
        r"motivos? de (?:la )?participacion"
        r"(?:\s*[:\-–]?\s*contextualizacion del evento(?: y (?:sus )?objetivos)?)?",
        r"motivo",
        r"justificacion(?: de la participacion)?",
        r"objetivos? de (?:la )?participacion",
        r"contextualizacion del evento(?: y objetivos)?",
        r"(?:reason|purpose|motive)(?: for| of) (?:the )?participation|background",
    ),
    "achievements": (
        r"(?:principales )?logros(?: obtenidos| alcanzados)?",
        r"resultados obtenidos",
        r"principales resultados",
        r"(?:main )?achievements|(?:main )?results achieved|outcomes",
    ),
    "lessons": (
        r"lecciones(?: aprendidas)?(?: y buenas practicas)?",
        r"aprendizajes",
        r"lessons(?: learn(?:ed|t))?",
    ),
    "commitments": (
        # "… adquiridos por parte del INAMU", "… por el INAMU", "… por la institución".
        r"compromisos(?: adquiridos| asumidos| institucionales)?"
        r"(?: por(?: parte)?(?: de)?(?: el| la| los| las| del)? [\w/\s]{1,40})?",
        r"commitments(?: made| undertaken| acquired| assumed)?(?: by [\w\s]{1,40})?",
    ),
    "handover_notes": (
        # "para la/el próxima/o representante", "para el siguiente representante".
        r"(?:observaciones|recomendaciones|notas|sugerencias)"
        r"(?:\s*(?:/|y|o|u)\s*(?:observaciones|recomendaciones|notas|sugerencias))? (?:para )?"
        r"(?:(?:el|la|los|las)(?:/(?:el|la))? )?"
        r"(?:(?:proxim|siguient)\w*(?:/[oa]s?)? )?(?:persona )?representantes?",
        r"(?:notes|observations|recommendations) for the next representative",
    ),
    "actions": (
        r"acciones(?: de seguimiento)?(?: recomendadas| sugeridas| propuestas)?",
        r"seguimiento recomendado",
        r"acciones a seguir",
        r"proximos pasos",
        r"(?:recommended )?follow[- ]up actions(?: recommended)?|recommended actions|next steps",
    ),
    "comments": (
        r"(?:otros )?comentarios(?: adicionales| generales| finales)?",
        r"(?:otros )?(?:comentarios|observaciones) (?:u|y|o|/) ?(?:comentarios|observaciones)",
        r"observaciones(?: adicionales| generales| finales)?",
        r"(?:additional |other |general )?comments|remarks",
    ),
    IGNORED: (
        r"modalidad(?: de (?:la )?(?:participacion|actividad))?",
        r"lugar(?: de la actividad)?",
        r"sede",
        r"pais(?: sede)?",
        r"dependencia",
        r"unidad",
        r"correo(?: electronico)?",
        r"telefono",
        r"presupuesto",
        r"costo",
        r"financiamiento",
        r"modality|venue|place|location|country|unit|department|e-?mail|phone|budget|cost",
    ),
}

PROJECT_LABELS: dict[str, tuple[str, ...]] = {
    "name": (
        r"nombre (?:del? )?proyecto",
        r"titulo (?:del? )?proyecto",
        r"proyecto",
        r"(?:project )?(?:name|title)(?: of (?:the )?project)?",
        r"project",
    ),
    "thematic_area": (
        r"areas? tematicas?",
        r"tematica",
        r"sector(?: tematico)?",
        r"ambito(?: tematico)?",
        r"eje tematico",
        r"thematic area|theme|sector",
    ),
    "sdgs": (
        r"objetivos? de desarrollo sostenible(?: \(ods\))?"
        r"(?: vinculados| asociados| (?:al|a los) que (?:contribuye|aporta))?",
        r"ods(?: vinculados| asociados| (?:al|a los) que (?:contribuye|aporta))?",
        r"sustainable development goals?(?: \(sdgs?\))?|sdgs?",
    ),
    "institutions": (
        r"instituci(?:on|ones)(?: involucradas?| participantes?| ejecutoras?| socias?"
        r"| vinculadas?)?"
        r"(?: y (?:su |sus )?(?:rol|roles|papel))?",
        r"(?:socios|actores)(?: del proyecto| involucrados)?",
        r"entidades (?:involucradas|participantes)",
        r"contrapartes?",
        r"(?:institutions|partners|organi[sz]ations)(?: involved| participating)?",
        r"(?:participating|implementing) (?:institutions|partners|organi[sz]ations)",
    ),
    "place": (
        r"pais(?:es)?\s*(?:/|y|,)\s*ciudad(?:es)?",
        r"pais",
        r"lugar(?: de ejecucion)?",
        r"ubicacion",
        r"localizacion",
        r"country\s*(?:/|and|,)\s*city|country|location",
    ),
    "beneficiaries": (
        r"beneficiari[oa]s(?: finales| directos)?",
        r"poblacion (?:beneficiaria|objetivo|meta)",
        r"(?:final |direct )?beneficiaries|target (?:population|group)",
    ),
    "duration": (
        r"duracion(?: \(en meses\)| en meses| del proyecto)?(?: estimada| prevista| total)?",
        r"plazo(?: de ejecucion)?",
        r"periodo de ejecucion",
        r"duration(?: \(?in months\)?| of (?:the )?project)?|implementation period",
    ),
    "start": (r"fecha de inicio", r"inicio(?: del proyecto)?", r"start(?: date)?"),
    "end": (
        r"fecha de (?:termino|finalizacion|cierre|fin)(?: prevista)?",
        r"(?:planned )?end(?: date)?",
    ),
    "objectives": (r"objetivos(?: del proyecto)?", r"objectives"),
    "general_objective": (r"objetivo general", r"(?:general|overall) objective"),
    "specific_objectives": (r"objetivos? especificos?", r"specific objectives"),
    "description": (
        r"(?:breve )?descripcion(?: del proyecto)?(?: breve)?",
        r"resumen del proyecto",
        r"(?:brief |short )?(?:project )?description(?: of (?:the )?project)?|summary",
    ),
    "results": (
        r"resultados(?: esperados)?",
        r"(?:expected )?(?:results|outcomes)",
    ),
    "status": (
        r"estado(?: del proyecto| actual| de (?:ejecucion|avance))?",
        r"situacion(?: actual)?",
        r"(?:project |current )?status",
    ),
    IGNORED: (
        r"presupuesto(?: total)?",
        r"monto(?: total)?",
        r"modalidad(?: de (?:la )?cooperacion)?",
        r"tipo de cooperacion",
        r"(?:fuente de )?financiamiento",
        r"aporte(?: de contrapartida)?",
        r"contacto",
        r"punto focal",
        r"responsable(?: del proyecto)?",
        r"codigo(?: del proyecto)?",
        r"budget|amount|funding|contact|focal point|code",
    ),
}
