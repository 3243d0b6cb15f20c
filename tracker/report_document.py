"""The participation report as the official document: its sections in the paper form's order
(shared/seeds/informe-participacion-inamu-2021.txt), then written as Word (here) or PDF
(tracker/report_pdf.py) from the same outline, so both say the same thing in the same order."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker import labels
from tracker.extensions import db
from tracker.models import FollowUp, Organization, ParticipationReport
from tracker.models.enums import FollowUpKind
from tracker.operations.report_content import report_observations


@dataclass
class Section:
    """One heading of the form and what goes under it."""

    title: str
    #: "text" (paragraphs), "list" (bullets) or "table" (rows under `columns`).
    kind: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Signature:
    """A signature block: a line, then name, position and unit (and a date for the visto bueno)."""

    label: str
    name: str
    position: str
    unit: str
    when: str = ""


@dataclass
class Outline:
    institution: str
    office: str
    title: str
    intro: str
    #: The person and activity, as the form's label/value table.
    fields: list[tuple[str, str]]
    sections: list[Section]
    author: Signature
    #: None until the report is approved.
    approval: Signature | None


def report_outline(report: ParticipationReport) -> Outline:
    """Everything the document says about `report`, in the form's order."""
    own = db.session.scalar(
        select(Organization)
        .where(Organization.is_own.is_(True), Organization.deleted_at.is_(None))
        .order_by(Organization.id)
        .limit(1)
    )
    institution = own.name if own else ""
    short = (own.acronym or own.name) if own else _("la institución")
    person, activity = report.person, report.activity
    dates = f"{format_date(activity.start_on, 'long')} – {format_date(activity.end_on, 'long')}"
    fields = [
        (_("Nombre"), person.name),
        (_("Cargo"), person.position or "—"),
        (_("Dependencia"), person.unit or "—"),
        (_("Fecha de la actividad"), dates),
        (_("Nombre de la actividad"), activity.name),
        (
            _("Organización/es encargadas de la actividad"),
            ", ".join(o.name for o in activity.organizers) or "—",
        ),
        (_("Tipo de actividad"), str(labels.ACTIVITY_KIND_LABELS[activity.kind])),
        (_("Modalidad"), str(labels.MODALITY_LABELS[activity.modality])),
        (_("Lugar"), activity.place or "—"),
        (_("Calidad de participación"), report.role or "—"),
    ]
    items = _followups(report)
    sections = [
        Section(
            _("Contribución de la actividad al logro de las metas de %(org)s", org=short),
            "text",
            text=report.contribution or "",
        ),
        Section(
            _("Motivo de la participación: contextualización del evento y objetivos"),
            "text",
            text=report.motive or "",
        ),
        Section(_("Principales logros obtenidos"), "list", items=report.achievement_list),
        Section(_("Lecciones aprendidas"), "list", items=report.lesson_list),
        _table(
            _("Compromisos adquiridos por parte de %(org)s", org=short),
            items[FollowUpKind.COMMITMENT],
        ),
        Section(
            _("Observaciones para la/el próxima/o representante"),
            "list",
            items=[note.text for note in report_observations(report)],
        ),
        _table(_("Acciones de seguimiento recomendadas"), items[FollowUpKind.ACTION]),
        Section(_("Comentarios adicionales"), "text", text=report.comments or ""),
        Section(
            _("Documentos adjuntos"),
            "list",
            items=[_attachment_line(a) for a in report.attachments],
        ),
    ]
    return Outline(
        institution=institution,
        office=_("Unidad de Relaciones Internacionales y Cooperación Internacional"),
        title=_("Informe de Participación en Actividades Internacionales"),
        intro=_(
            "Informe de la participación en representación de %(org)s, entregado a la Unidad "
            "de Cooperación y Relaciones Internacionales con copia a la jefatura inmediata.",
            org=short,
        ),
        fields=fields,
        sections=sections,
        author=Signature(
            _("Nombre de la persona funcionaria"),
            person.name,
            person.position or "",
            person.unit or "",
        ),
        approval=_approval(report),
    )


def _followups(report: ParticipationReport) -> dict[FollowUpKind, list[FollowUp]]:
    found = db.session.scalars(
        select(FollowUp)
        .options(joinedload(FollowUp.owner), joinedload(FollowUp.organization))
        .where(
            FollowUp.report_id == report.id,
            FollowUp.deleted_at.is_(None),
            FollowUp.kind.in_((FollowUpKind.COMMITMENT, FollowUpKind.ACTION)),
        )
        .order_by(FollowUp.id)
    )
    items: dict[FollowUpKind, list[FollowUp]] = {
        FollowUpKind.COMMITMENT: [],
        FollowUpKind.ACTION: [],
    }
    for item in found:
        items[item.kind].append(item)
    return items


def _table(title: str, items: list[FollowUp]) -> Section:
    columns = [_("Compromiso o acción"), _("Responsable"), _("Institución"), _("Fecha límite")]
    rows = []
    for item in items:
        due = format_date(item.due_on, "medium") if item.due_on else _("sin fecha")
        if item.due_on and item.is_due_estimated:
            due = _("%(date)s (estimada)", date=due)
        rows.append(
            [
                item.title,
                item.owner.name if item.owner else "—",
                item.organization.name if item.organization else "—",
                due,
            ]
        )
    return Section(title, "table", columns=columns, rows=rows)


def _attachment_line(attachment) -> str:
    from tracker.forms.report_form import ATTACHMENT_KIND_LABELS

    kind = ATTACHMENT_KIND_LABELS.get(attachment.kind) if attachment.kind else None
    return f"{kind}: {attachment.filename}" if kind else attachment.filename


def _approval(report: ParticipationReport) -> Signature | None:
    if report.approved_at is None or report.approved_by is None:
        return None
    approver = report.approved_by.person
    return Signature(
        _("Visto Bueno"),
        approver.name if approver else report.approved_by.email,
        (approver.position or "") if approver else "",
        (approver.unit or "") if approver else "",
        when=format_date(_local_day(report), "long"),
    )


def _local_day(report: ParticipationReport) -> date:
    zone = ZoneInfo(current_app.config["TRACKER_TIMEZONE"])
    return report.approved_at.astimezone(zone).date()


def file_stem(report: ParticipationReport) -> str:
    """The download's name, without extension: ASCII, no spaces."""
    return f"informe-participacion-{report.id}"


# --- Word --------------------------------------------------------------------------------------


def report_docx(report: ParticipationReport) -> bytes:
    """The report as a Word document."""
    outline = report_outline(report)
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    if outline.institution:
        _centered(document, outline.institution, bold=True)
    _centered(document, outline.office)
    document.add_heading(outline.title, level=1)
    document.add_paragraph(outline.intro)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in outline.fields:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    for section in outline.sections:
        document.add_heading(section.title, level=2)
        _docx_section(document, section)
    _docx_signature(document, outline.author)
    if outline.approval is not None:
        _docx_signature(document, outline.approval)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _centered(document, text: str, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold


def _docx_section(document, section: Section) -> None:
    if section.kind == "text":
        for paragraph in (section.text or "—").split("\n\n"):
            document.add_paragraph(paragraph.strip() or "—")
    elif section.kind == "list":
        for item in section.items or ["—"]:
            document.add_paragraph(item, style="List Bullet" if section.items else None)
    else:
        if not section.rows:
            document.add_paragraph("—")
            return
        table = document.add_table(rows=1, cols=len(section.columns))
        table.style = "Table Grid"
        for cell, title in zip(table.rows[0].cells, section.columns, strict=True):
            cell.paragraphs[0].add_run(title).bold = True
        for row in section.rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value


def _docx_signature(document, signature: Signature) -> None:
    document.add_paragraph()
    document.add_paragraph("_" * 32)
    document.add_paragraph().add_run(signature.label).bold = True
    for line in signature_lines(signature):
        document.add_paragraph(line)


def signature_lines(signature: Signature) -> list[str]:
    """Name, position, unit (and date) as the form's signature block lists them."""
    lines = [
        signature.name,
        _("Cargo: %(value)s", value=signature.position or "—"),
        _("Dependencia: %(value)s", value=signature.unit or "—"),
    ]
    if signature.when:
        lines.append(_("Fecha: %(date)s", date=signature.when))
    return lines
