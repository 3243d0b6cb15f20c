"""Follow-up lists as CSV and XLSX, streamed: memory stays flat however many rows there are."""

import csv
import io
from collections.abc import Iterator

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from tracker.extensions import db
from tracker.labels import KIND_LABELS, PRIORITY_LABELS, STATUS_LABELS
from tracker.models import Activity, FollowUp, Organization, Person, Project
from tracker.queries.followups import sorted_by
from tracker.xlsx import stream_xlsx

BATCH = 2000
#: A cell starting with one of these is read as a formula by spreadsheet programs (OWASP,
#: "CSV Injection"): a title such as `=HYPERLINK(...)` would run when the file is opened.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A text cell that a spreadsheet would evaluate, prefixed with a quote so it stays text.

    Numbers and dates are ours, never formulas, and keep their type.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _headers() -> list[str]:
    return [
        "ID",
        _("Título"),
        _("Tipo"),
        _("Estado"),
        _("Prioridad"),
        _("Responsable"),
        _("Correo"),
        _("Institución responsable"),
        _("Proyecto"),
        _("Actividad"),
        _("Inicio"),
        _("Fecha límite"),
        _("Fecha límite original"),
        _("Reprogramaciones"),
        _("Fecha estimada"),
        _("Cumplido el"),
        _("Descripción"),
    ]


def export_rows(filtered: Select, sort: str | None = None) -> Iterator[list]:
    """Plain rows for the follow-ups that `filtered` selects, fetched in batches.

    Labels are translated before the first row, so the rows themselves need no request (a
    streamed response outlives its view).
    """
    kinds = {key: str(label) for key, label in KIND_LABELS.items()}
    statuses = {key: str(label) for key, label in STATUS_LABELS.items()}
    priorities = {key: str(label) for key, label in PRIORITY_LABELS.items()}
    yes, no = _("sí"), _("no")
    return _rows(filtered, sort, kinds, statuses, priorities, yes, no)


def _rows(filtered, sort, kinds, statuses, priorities, yes, no) -> Iterator[list]:
    ids = filtered.with_only_columns(FollowUp.id).order_by(None).subquery()
    owner, org = aliased(Person), aliased(Organization)
    query = (
        select(
            FollowUp.id,
            FollowUp.title,
            FollowUp.kind,
            FollowUp.status,
            FollowUp.priority,
            owner.name,
            owner.email,
            org.name,
            Project.name,
            Activity.name,
            FollowUp.start_on,
            FollowUp.due_on,
            FollowUp.original_due_on,
            FollowUp.reschedule_count,
            FollowUp.is_due_estimated,
            FollowUp.completed_on,
            FollowUp.description,
        )
        .join(ids, ids.c.id == FollowUp.id)
        .outerjoin(owner, owner.id == FollowUp.owner_id)
        .outerjoin(org, org.id == FollowUp.organization_id)
        .outerjoin(Project, Project.id == FollowUp.project_id)
        .outerjoin(Activity, Activity.id == FollowUp.activity_id)
        .order_by(*(sorted_by(sort) or [FollowUp.due_on.is_(None), FollowUp.due_on, FollowUp.id]))
        .execution_options(yield_per=BATCH)
    )
    for row in db.session.execute(query):
        values = list(row)
        values[2] = kinds[values[2]]
        values[3] = statuses[values[3]]
        values[4] = priorities[values[4]]
        values[14] = yes if values[14] else no
        yield values


def csv_stream(filtered: Select, sort: str | None = None) -> Iterator[str]:
    """CSV text in chunks (UTF-8 with BOM so spreadsheet programs read accents right), in the
    list's order (`sort`, see tracker.queries.followups.SORT_LABELS)."""
    return _csv_chunks(_headers(), export_rows(filtered, sort))


def _csv_chunks(headers: list[str], rows: Iterator[list]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([neutralise_formula(header) for header in headers])
    for n, row in enumerate(rows, start=1):
        writer.writerow(["" if value is None else neutralise_formula(value) for value in row])
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_stream(filtered: Select, sort: str | None = None) -> Iterator[bytes]:
    """The same rows as an XLSX workbook, streamed (see tracker.xlsx)."""
    return stream_xlsx(_("Seguimientos"), _headers(), export_rows(filtered, sort))
