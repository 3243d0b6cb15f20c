"""An imported report's commitments and actions as follow-ups, with what their own text states.

"Remitir la hoja de ruta a más tardar el 15 de marzo de 2024 (responsable: Despacho
Ministerial)" is due on 15 March 2024, not on an estimate: the date the parser read becomes the
due date. The responsible it names is looked up — a person of the directory by her whole name,
or a known institution by name or acronym — and never created from a phrase: a name nobody
knows is kept in the description and reported as a warning, and the participant, who signed the
commitment, answers for it until a coordinator changes the owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.extensions import db
from tracker.importers import ParsedReport
from tracker.importers._normalize import fold
from tracker.models import FollowUp, Organization, ParticipationReport, Person, User
from tracker.operations.report_items import (
    ITEM_LISTS,
    ItemChanges,
    ItemRow,
    save_items,
    title_and_description,
)


def match_key(text: str | None) -> str:
    """A name or title as compared when matching: accents, case and spacing ignored."""
    return " ".join(fold(text or "").split())


@dataclass(frozen=True)
class Responsible:
    """Who a stated responsible turned out to be: a person, an institution, or only words."""

    person: Person | None = None
    organization: Organization | None = None

    @property
    def is_known(self) -> bool:
        return self.person is not None or self.organization is not None


class ResponsibleFinder:
    """Looks up stated responsibles without creating anything (one query per distinct name)."""

    def __init__(self, organizations: dict[str, Organization]):
        #: Folded name or acronym → institution (OrganizationMatcher.by_key).
        self.organizations = organizations
        self._found: dict[str, Responsible] = {}

    def find(self, stated: str | None) -> Responsible:
        key = match_key(stated)
        if not key:
            return Responsible()
        if key not in self._found:
            self._found[key] = Responsible(self._person(stated, key), self.organizations.get(key))
        return self._found[key]

    def _person(self, stated: str, key: str) -> Person | None:
        words = stated.split()
        if len(words) < 2:
            return None  # "Cancillería", "DIPLADE": an office, not a person's whole name
        candidates = db.session.scalars(
            select(Person).where(
                Person.deleted_at.is_(None),
                func.lower(Person.name).contains(words[-1].lower(), autoescape=True),
            )
        )
        matches = [person for person in candidates if match_key(person.name) == key]
        return matches[0] if len(matches) == 1 else None


def rows_from_parsed(parsed: ParsedReport, finder: ResponsibleFinder) -> list[ItemRow]:
    """One row per commitment and action, with its stated date and matched responsible.

    Rows without a known person leave `owner` empty: the participant, once known, fills it.
    """
    rows = []
    for list_name, kind in ITEM_LISTS.items():
        for item in getattr(parsed, list_name):
            stated = getattr(item, "responsible", None)
            found = finder.find(stated)
            rows.append(
                ItemRow(
                    kind=kind,
                    text=str(item),
                    owner=found.person,
                    organization=found.organization,
                    due_on=getattr(item, "due_date", None),
                    stated_responsible=None if found.is_known else stated,
                )
            )
    return rows


def unknown_responsible_warning(text: str, stated: str) -> str:
    return _(
        "«%(text)s»: «%(name)s» no está en el directorio; queda a cargo de la persona "
        "participante hasta que la coordinación elija a alguien.",
        text=text[:60],
        name=stated,
    )


def add_imported_items(
    report: ParticipationReport,
    rows: list[ItemRow],
    actor: User | None,
    today: date,
    existing: list[FollowUp],
) -> tuple[ItemChanges, list[str]]:
    """Create the rows not imported before (same kind and title), owned by the participant
    when they name nobody known; their history says "created" like any other row. Returns
    what was done and a warning per new row whose stated responsible nobody knows."""
    known = {(f.kind, match_key(f.title)) for f in existing}
    new_rows = []
    for row in rows:
        identity = (row.kind, match_key(title_and_description(row.text)[0]))
        if not row.text.strip() or row.remove or identity in known:
            continue
        known.add(identity)
        row.followup_id = None
        if row.owner is None:
            row.owner = report.person
        if row.organization is None:
            row.organization = report.person.organization
        new_rows.append(row)
    warnings = [
        unknown_responsible_warning(row.text, row.stated_responsible)
        for row in new_rows
        if row.stated_responsible
    ]
    return save_items(report, new_rows, actor, today), warnings
