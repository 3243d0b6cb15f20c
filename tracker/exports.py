"""Follow-up lists as CSV and XLSX in flat memory, however many rows there are.

Rows are read in batches of BATCH with their last comment (a subquery); a batch costs at most
one more statement, for the SDGs of projects not seen before; never one per row.
"""

import csv
import io
import tempfile
from collections.abc import Iterator
from datetime import date

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from tracker.extensions import db
from tracker.labels import KIND_LABELS, PRIORITY_LABELS, STATUS_LABELS
from tracker.models import (
    Activity,
    FollowUp,
    FollowUpEvent,
    Organization,
    Person,
    Project,
    project_sdgs,
)
from tracker.models.enums import OPEN_STATUSES
from tracker.queries.followups import sorted_by

BATCH = 2000
CHUNK = 64 * 1024
#: A cell starting with one of these is read as a formula by spreadsheet programs (OWASP,
#: "CSV Injection"): a title such as `=HYPERLINK(...)` would run when the file is opened.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Excel's built-in short date (number format 14), shown in the reader's own date order.
DATE_FORMAT = 14
#: The CSV separators offered on the link; by default the one a spreadsheet in the interface's
#: language expects (Spanish locales use the comma as decimal mark, hence ";").
SEPARATORS = (",", ";")


def neutralise_formula(value):
    """A text cell that a spreadsheet would evaluate, prefixed with a quote so it stays text.

    Numbers and dates are ours, never formulas, and keep their type.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_separator(asked: str | None) -> str:
    """The separator asked for on the link, else the list separator of a spreadsheet in the
    interface's language: ";" for Spanish, "," otherwise."""
    if asked in SEPARATORS:
        return asked
    return ";" if str(get_locale() or "es").startswith("es") else ","


def _columns() -> list[tuple[str, str, int]]:
    """(header, kind, XLSX width in characters) in the rows' order; kind: text, number, date."""
    return [
        ("ID", "number", 7),
        (_("Título"), "text", 45),
        (_("Tipo"), "text", 13),
        (_("Estado"), "text", 12),
        (_("Prioridad"), "text", 10),
        (_("Responsable"), "text", 25),
        (_("Correo"), "text", 28),
        (_("Institución responsable"), "text", 30),
        (_("Proyecto"), "text", 30),
        (_("ODS"), "text", 10),
        (_("Actividad"), "text", 30),
        (_("Inicio"), "date", 11),
        (_("Fecha límite"), "date", 12),
        (_("Días de atraso"), "number", 9),
        (_("Fecha límite original"), "date", 12),
        (_("Reprogramaciones"), "number", 9),
        (_("Fecha estimada"), "text", 9),
        (_("Cumplido el"), "date", 11),
        (_("Último comentario"), "text", 45),
        (_("Descripción"), "text", 60),
    ]


def export_rows(filtered: Select, sort: str | None, today: date) -> Iterator[list]:
    """Plain rows for the follow-ups that `filtered` selects, in `_columns()` order.

    Labels are translated before the first row, so the rows themselves need no request (a
    streamed response outlives its view).
    """
    labels = (
        {key: str(label) for key, label in KIND_LABELS.items()},
        {key: str(label) for key, label in STATUS_LABELS.items()},
        {key: str(label) for key, label in PRIORITY_LABELS.items()},
        (_("sí"), _("no")),
    )
    return _rows(filtered, sort, today, labels)


def _rows(filtered, sort, today, labels) -> Iterator[list]:
    kinds, statuses, priorities, (yes, no) = labels
    ids = filtered.with_only_columns(FollowUp.id).order_by(None).subquery()
    owner, org = aliased(Person), aliased(Organization)
    query = (
        select(
            FollowUp.id,
            FollowUp.title,
            FollowUp.kind,
            FollowUp.status,
            FollowUp.priority,
            owner.name.label("owner_name"),
            owner.email.label("owner_email"),
            org.name.label("organization"),
            Project.name.label("project"),
            FollowUp.project_id,
            Activity.name.label("activity"),
            FollowUp.start_on,
            FollowUp.due_on,
            FollowUp.original_due_on,
            FollowUp.reschedule_count,
            FollowUp.is_due_estimated,
            FollowUp.completed_on,
            FollowUp.description,
            _last_comment().label("last_comment"),
        )
        .join(ids, ids.c.id == FollowUp.id)
        .outerjoin(owner, owner.id == FollowUp.owner_id)
        .outerjoin(org, org.id == FollowUp.organization_id)
        .outerjoin(Project, Project.id == FollowUp.project_id)
        .outerjoin(Activity, Activity.id == FollowUp.activity_id)
        .order_by(*(sorted_by(sort) or [FollowUp.due_on.is_(None), FollowUp.due_on, FollowUp.id]))
        .execution_options(yield_per=BATCH)
    )
    sdgs: dict[int, str] = {}  # per project, kept across batches: projects are few
    for batch in db.session.execute(query).partitions():
        sdgs.update(_sdgs({row[9] for row in batch} - sdgs.keys() - {None}))
        for row in batch:
            (id_, title, kind, status, priority, owner_name, email, organization, project) = row[:9]
            (project_id, activity, start_on, due_on, original_due_on, reschedules) = row[9:15]
            estimated, completed_on, description, last_comment = row[15:]
            overdue = None
            if due_on is not None and due_on < today and status in OPEN_STATUSES:
                overdue = (today - due_on).days
            yield [
                id_,
                title,
                kinds[kind],
                statuses[status],
                priorities[priority],
                owner_name,
                email,
                organization,
                project,
                sdgs.get(project_id),
                activity,
                start_on,
                due_on,
                overdue,
                original_due_on,
                reschedules,
                yes if estimated else no,
                completed_on,
                last_comment,
                description,
            ]


def _last_comment():
    """The text of the follow-up's latest comment event, as a correlated subquery: the database
    seeks it on the followup_id index row by row, faster than a second statement per batch."""
    return (
        select(FollowUpEvent.comment)
        .where(FollowUpEvent.followup_id == FollowUp.id, FollowUpEvent.action == "comment")
        .order_by(FollowUpEvent.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _sdgs(project_ids: set[int]) -> dict[int, str]:
    """Each project's SDG numbers as "5, 10" ("" when it has none), in one statement."""
    if not project_ids:
        return {}
    found: dict[int, list[str]] = {project_id: [] for project_id in project_ids}
    query = (
        select(project_sdgs.c.project_id, project_sdgs.c.sdg_number)
        .where(project_sdgs.c.project_id.in_(project_ids))
        .order_by(project_sdgs.c.project_id, project_sdgs.c.sdg_number)
    )
    for project_id, number in db.session.execute(query):
        found[project_id].append(str(number))
    return {project_id: ", ".join(numbers) for project_id, numbers in found.items()}


def csv_stream(
    filtered: Select, sort: str | None, today: date, separator: str = ","
) -> Iterator[str]:
    """CSV text in chunks (UTF-8 with BOM so spreadsheet programs read accents right), in the
    list's order (`sort`, see tracker.queries.followups.SORT_LABELS)."""
    headers = [header for header, _kind, _width in _columns()]
    return _csv_chunks(headers, export_rows(filtered, sort, today), separator)


def _csv_chunks(headers: list[str], rows: Iterator[list], separator: str) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator)
    buffer.write("\ufeff")
    writer.writerow([neutralise_formula(header) for header in headers])
    for n, row in enumerate(rows, start=1):
        writer.writerow(["" if value is None else neutralise_formula(value) for value in row])
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_stream(filtered: Select, sort: str | None, today: date) -> Iterator[bytes]:
    """The same rows as an XLSX workbook: widths, frozen header, filter, real dates and numbers.

    XlsxWriter's constant_memory mode writes each row to a temporary file as it comes and zips
    the workbook on close, so memory stays flat; the bytes are sent once the workbook is whole.
    """
    columns = _columns()
    title = _("Seguimientos")
    rows = export_rows(filtered, sort, today)
    with tempfile.TemporaryFile() as output:
        _write_workbook(output, title, columns, rows)
        output.seek(0)
        while chunk := output.read(CHUNK):
            yield chunk


def _write_workbook(output, title: str, columns: list[tuple[str, str, int]], rows) -> None:
    import xlsxwriter  # here, not at start: only an XLSX export needs it

    workbook = xlsxwriter.Workbook(
        output,
        {
            "constant_memory": True,
            # Our text is text: never read "=…" as a formula, "http…" as a link, "12" as a number.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    header_format = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": DATE_FORMAT})
    sheet = workbook.add_worksheet(title[:31])
    for index, (_header, _kind, width) in enumerate(columns):
        sheet.set_column(index, index, width)
    for index, (header, _kind, _width) in enumerate(columns):
        sheet.write_string(0, index, header, header_format)
    sheet.freeze_panes(1, 0)
    kinds = [kind for _header, kind, _width in columns]
    last = 0
    for last, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            if value is None or value == "":
                continue
            kind = kinds[index]
            if kind == "date":
                sheet.write_datetime(last, index, value, date_format)
            elif kind == "number":
                sheet.write_number(last, index, value)
            else:
                sheet.write_string(last, index, value)
    sheet.autofilter(0, 0, last, len(columns) - 1)
    workbook.close()
