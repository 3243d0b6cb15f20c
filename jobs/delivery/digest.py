"""Digest: one mail per recipient from their live rows — one line per item, in sections
(news, overdue, today, soon, reports, projects), bounded by jobs.delivery.bound.

Only the lines the bound shows get their item link here (and their one-click links later,
jobs.delivery.links.issue_links); the others are counted, never rendered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import select

from jobs import rules as R
from jobs.delivery.bound import SECTIONS, Bound, bound_digest
from jobs.delivery.ids import chunks
from jobs.delivery.links import Links
from jobs.delivery.load import OutboxRow
from jobs.delivery.news import is_news, load_news
from tracker.extensions import db
from tracker.models import ItemType, Person, User

__all__ = ["SECTIONS", "Digest", "Line", "build_digests", "section_rest"]


@dataclass(slots=True)
class Line:
    """One item in a digest (several rows about the same item make one line)."""

    item_type: str
    item_id: int
    rule: str
    section: str
    kind: str
    title: str
    url: str
    note: str
    due_on: date | None
    is_copy: bool = False
    about: str | None = None
    #: The day its row was planned for (a follow-up's notices are those since then).
    slot_on: date | None = None
    #: Whose item it is and the institution responsible (for the unit's summary and links).
    owner_id: int | None = None
    organization_id: int | None = None
    actions: dict[str, str] = field(default_factory=dict)
    #: "Tarea", "Informe de participación", … in the recipient's language (set by `render`).
    kind_label: str = ""
    #: A news line's event data (jobs.delivery.news.News), read when the digest is built.
    news: Any = None
    #: A project's other reason to be here, (rule, due date): past its end and with a stale
    #: sheet is one project, one line that says both.
    also: tuple[tuple[str, date | None], ...] = ()


@dataclass
class Digest:
    recipient_email: str
    language: str
    greeting_name: str
    has_account: bool
    is_unit: bool
    rows: list[int]
    lines: list[Line] = field(default_factory=list)
    subject: str = ""
    #: The rendered bodies (jobs.delivery.render).
    text: str = ""
    html: str = ""
    #: Its size bound: `lines` are the ones shown, the bound knows the rest (jobs.delivery.bound).
    bound: Bound | None = None

    def section(self, name: str) -> list[Line]:
        return [line for line in self.lines if line.section == name]


def section_rest(digest: Digest, name: str) -> tuple[int, Any]:
    """A section's number of lines in all (shown or not), and its More (None: all shown)."""
    if digest.bound is None:
        return len(digest.section(name)), None
    return digest.bound.total(name), digest.bound.more.get(name)


def build_digests(
    groups: list[tuple[str, list[OutboxRow]]], today: date, links: Links | None = None
) -> list[Digest]:
    """One digest per recipient from their live rows (in id order); one line per item (the row
    with the latest slot wins)."""
    links = links or Links()
    people = _people({row.person_id for _email, rows in groups for row in rows} - {None})
    unit_email = current_app.config["TRACKER_UNIT_EMAIL"].strip().lower()
    cap = current_app.config["REMINDER_DIGEST_MAX_LINES"]
    languages = current_app.config["LANGUAGES"]
    digests = []
    for email, group in groups:
        person = next((people[r.person_id] for r in group if r.person_id in people), None)
        # The preference as it is now, not as it was when the row was planned.
        language = person.language if person else group[-1].language
        digest = Digest(
            recipient_email=email,
            language=language if language in languages else languages[0],
            greeting_name=person.name if person else "",
            is_unit=person is None and email == unit_email,
            has_account=bool(person and person.is_enabled),
            rows=[r.id for r in group],
        )
        latest: dict[tuple, OutboxRow] = {}
        reasons: dict[int, dict[str, OutboxRow]] = defaultdict(dict)
        for row in sorted(group, key=lambda r: (r.slot_on, r.id)):
            # A news line (an event) stands beside the item's reminder, never replaces it.
            rule_key = row.rule if is_news(row.rule) else ""
            latest[(row.item_type, row.item_id, rule_key)] = row
            if row.item_type == "project" and not rule_key:
                reasons[row.item_id][row.rule] = row
        digest.lines = [
            _project_line(reasons[row.item_id], today)
            if row.item_type == "project" and not rule_key
            else _line(row, today)
            for (_type, _item, rule_key), row in latest.items()
        ]
        bound_digest(digest, cap, today)  # before any link is built or line rendered
        for line in digest.lines:
            line.url = links.item(line.item_type, line.item_id)
        digests.append(digest)
    load_news(digests)
    return digests


def _people(person_ids: set[int]) -> dict[int, Any]:
    """Name, language and whether they have an enabled account, of the recipients."""
    people = {}
    for chunk in chunks(sorted(person_ids)):
        people.update(
            (person.id, person)
            for person in db.session.execute(
                select(Person.id, Person.name, Person.language, User.is_enabled)
                .outerjoin(User, User.person_id == Person.id)
                .where(Person.id.in_(chunk))
            )
        )
    return people


def _section(item_type: str, due: date | None, today: date) -> str:
    """Where a line goes, from the dates as they are on the day the mail is sent."""
    if item_type == ItemType.REPORT:
        return "reports"
    if item_type == ItemType.PROJECT:
        return "projects"
    if due is None or due < today:
        return "overdue"
    return "today" if due == today else "soon"


def _line(row: OutboxRow, today: date) -> Line:
    return Line(
        item_type=row.item_type,
        item_id=row.item_id,
        rule=row.rule,
        section="news" if is_news(row.rule) else _section(row.item_type, row.due_on, today),
        kind=row.kind,
        title=row.title,
        url="",  # set once the bound has chosen the lines shown
        note="",
        due_on=row.due_on,
        is_copy=bool(row.is_copy),
        about=row.about,
        slot_on=row.slot_on,
        owner_id=row.owner_id,
        organization_id=row.organization_id,
    )


def _project_line(rows: dict[str, OutboxRow], today: date) -> Line:
    """A project's one line: the overrun leads (the larger matter), a stale sheet comes after."""
    order = sorted(rows, key=lambda rule: rule != R.PROJECT_OVERRUN)
    line = _line(rows[order[0]], today)
    line.also = tuple((rule, rows[rule].due_on) for rule in order[1:])
    return line
