"""What users read for each enum value, translatable (Spanish is the source language)."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from tracker.models.enums import (
    ActivityKind,
    FollowUpKind,
    FollowUpStatus,
    InstitutionRole,
    Modality,
    OrganizationKind,
    Priority,
    ProjectStatus,
    ReportStatus,
    ResultOutcome,
    Role,
)

STATUS_LABELS = {
    FollowUpStatus.OPEN: _l("Abierto"),
    FollowUpStatus.IN_PROGRESS: _l("En curso"),
    FollowUpStatus.BLOCKED: _l("Bloqueado"),
    FollowUpStatus.DONE: _l("Cumplido"),
    FollowUpStatus.CANCELLED: _l("Cancelado"),
}
KIND_LABELS = {
    FollowUpKind.COMMITMENT: _l("Compromiso"),
    FollowUpKind.ACTION: _l("Acción"),
    FollowUpKind.RESULT: _l("Resultado"),
    FollowUpKind.MILESTONE: _l("Hito"),
    FollowUpKind.TASK: _l("Tarea"),
}
#: A result's outcome in words, in the order the form offers it.
RESULT_OUTCOME_LABELS = {
    ResultOutcome.NOT_YET: _l("Aún no"),
    ResultOutcome.PARTLY: _l("Parcialmente"),
    ResultOutcome.ACHIEVED: _l("Logrado"),
}
PRIORITY_LABELS = {
    Priority.LOW: _l("Baja"),
    Priority.NORMAL: _l("Normal"),
    Priority.HIGH: _l("Alta"),
}
REPORT_STATUS_LABELS = {
    ReportStatus.PENDING: _l("Pendiente"),
    ReportStatus.SUBMITTED: _l("Entregado"),
    ReportStatus.APPROVED: _l("Aprobado"),
    ReportStatus.RETURNED: _l("Devuelto"),
}
PROJECT_STATUS_LABELS = {
    ProjectStatus.PIPELINE: _l("En formulación"),
    ProjectStatus.IMPLEMENTATION: _l("En ejecución"),
    ProjectStatus.FINALISATION: _l("En cierre"),
    ProjectStatus.CLOSED: _l("Cerrado"),
    ProjectStatus.CANCELLED: _l("Cancelado"),
    ProjectStatus.SUSPENDED: _l("Suspendido"),
}
ACTIVITY_KIND_LABELS = {
    ActivityKind.FORUM: _l("Foro"),
    ActivityKind.MEETING: _l("Reunión"),
    ActivityKind.CONFERENCE: _l("Conferencia"),
    ActivityKind.WORKSHOP: _l("Taller"),
    ActivityKind.MISSION: _l("Misión"),
    ActivityKind.SEMINAR: _l("Seminario"),
    ActivityKind.TRAINING: _l("Capacitación"),
    ActivityKind.OTHER: _l("Otra"),
}
MODALITY_LABELS = {
    Modality.IN_PERSON: _l("Presencial"),
    Modality.VIRTUAL: _l("Virtual"),
    Modality.HYBRID: _l("Híbrida"),
}
ORGANIZATION_KIND_LABELS = {
    OrganizationKind.GOVERNMENT: _l("Gobierno"),
    OrganizationKind.EMBASSY: _l("Embajada"),
    OrganizationKind.UN_AGENCY: _l("Agencia de la ONU"),
    OrganizationKind.MULTILATERAL: _l("Organismo multilateral"),
    OrganizationKind.CIVIL_SOCIETY: _l("Sociedad civil"),
    OrganizationKind.ACADEMIA: _l("Academia"),
    OrganizationKind.PRIVATE: _l("Sector privado"),
    OrganizationKind.OTHER: _l("Otra"),
}
INSTITUTION_ROLE_LABELS = {
    InstitutionRole.LEAD: _l("Líder"),
    InstitutionRole.COUNTERPART: _l("Contraparte"),
    InstitutionRole.PARTICIPANT: _l("Participante"),
    InstitutionRole.FUNDER: _l("Financiador"),
}
ROLE_LABELS = {
    Role.ADMIN: _l("Administración"),
    Role.COORDINATOR: _l("Coordinación"),
    Role.MEMBER: _l("Funcionario/a"),
    Role.VIEWER: _l("Consulta"),
}
EVENT_LABELS = {
    "created": _l("Creado"),
    "updated": _l("Editado"),
    "status": _l("Cambio de estado"),
    "rescheduled": _l("Reprogramado"),
    "comment": _l("Comentario"),
    "deleted": _l("Eliminado"),
    "restored": _l("Restaurado"),
    "submitted": _l("Entregado"),
    "approved": _l("Aprobado"),
    "returned": _l("Devuelto"),
    "imported": _l("Importado"),
    "link_created": _l("Enlace privado creado"),
    "link_revoked": _l("Enlace privado revocado"),
    "revoked": _l("Revocado"),
    "resent": _l("Reenviado"),
}
FIELD_LABELS = {
    "title": _l("Título"),
    "description": _l("Descripción"),
    "kind": _l("Tipo"),
    "status": _l("Estado"),
    "priority": _l("Prioridad"),
    "owner": _l("Responsable"),
    "organization": _l("Institución responsable"),
    "start_on": _l("Inicio"),
    "due_on": _l("Fecha límite"),
    "completed_on": _l("Fecha de cumplimiento"),
    "project": _l("Proyecto"),
    "activity": _l("Actividad"),
    "report": _l("Informe"),
    "is_due_estimated": _l("Fecha estimada"),
    "is_muted": _l("No recordar"),
    "original_due_on": _l("Fecha límite original"),
    "name": _l("Nombre"),
    "acronym": _l("Siglas"),
    "country": _l("País"),
    "city": _l("Ciudad"),
    "is_own": _l("Institución propia"),
    "email": _l("Correo"),
    "role": _l("Rol"),
    "is_enabled": _l("Activa"),
    "password": _l("Contraseña"),
    "position": _l("Cargo"),
    "unit": _l("Dependencia"),
    "supervisor": _l("Jefatura inmediata"),
    "language": _l("Idioma"),
    "wants_due_soon": _l("Avisos de vencimiento próximo"),
    "person": _l("Persona"),
    "lead": _l("Persona a cargo"),
    "thematic_area": _l("Área temática"),
    "beneficiaries": _l("Beneficiarios finales"),
    "planned_start_on": _l("Inicio previsto"),
    "duration_months": _l("Duración (meses)"),
    "planned_end_on": _l("Fin previsto"),
    "actual_end_on": _l("Fin real"),
    "general_objective": _l("Objetivo general"),
    "specific_objectives": _l("Objetivos específicos"),
    "information_updated_on": _l("Información actualizada el"),
    "update_interval_months": _l("Actualizar la ficha cada (meses)"),
    "sdgs": _l("ODS"),
    "institution": _l("Institución"),
    "modality": _l("Modalidad"),
    "place": _l("Lugar"),
    "end_on": _l("Fin"),
    "series": _l("Serie o foro recurrente"),
    "organizers": _l("Organizadoras"),
    "contribution": _l("Contribución a las metas"),
    "motive": _l("Motivo de la participación"),
    "achievements": _l("Principales logros"),
    "lessons": _l("Lecciones aprendidas"),
    "comments": _l("Comentarios adicionales"),
    "observations": _l("Observaciones para la próxima representación"),
    "attachment": _l("Documento adjunto"),
    "attachment_kind": _l("Tipo de documento"),
    "link": _l("Enlace privado"),
}
#: Where a record's own form names a field otherwise (keyed by the record's table).
ENTITY_FIELD_LABELS = {
    "people": {"organization": _l("Institución")},
    "participation_reports": {
        "person": _l("Participante"),
        "role": _l("Calidad de participación"),
        "due_on": _l("Entrega"),
    },
    "projects": {"name": _l("Nombre del proyecto")},
    "activities": {"name": _l("Nombre de la actividad")},
}
#: Interface languages by their own names, as the profile form offers them.
LANGUAGE_LABELS = {"es": "Español", "en": "English"}


def choices(labels: dict) -> list[SelectChoice]:
    """Options for a select field, in the enum's order."""
    return [SelectChoice(key.value, label) for key, label in labels.items()]
