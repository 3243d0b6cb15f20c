"""A digest's size bound: each section lists its most urgent lines up to a cap, then says how
many more there are, with a link to the list in the app that shows them; the unit's digest
opens with counts by owner and by institution.

So a mail stays the same size whatever the outbox holds: 100,000 open follow-ups make a digest
of a few dozen lines, not of megabytes. Every row of the digest is still delivered by it (and
stamped sent); only the lines shown get one-click links, and only they are rendered.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from jobs import rules as R
from jobs.delivery.links import absolute_url
from tracker.extensions import db
from tracker.models import ActionToken, Organization, Person

if TYPE_CHECKING:
    from jobs.delivery.digest import Digest, Line

SECTIONS = ("news", "overdue", "today", "soon", "reports", "projects")


@dataclass(slots=True)
class More:
    """What a section does not list: how many lines, and where the app lists them."""

    count: int
    url: str


@dataclass(slots=True)
class Tally:
    """One row of the unit's summary: an owner or an institution and its number of lines."""

    name: str | None  #: None: no owner / no institution (the template says so)
    count: int
    url: str | None


@dataclass
class Summary:
    """The unit's digest, in numbers: lines by owner and by institution, largest first."""

    owners: list[Tally]
    owners_total: int  #: owners in all (the table lists the first `cap`)
    institutions: list[Tally]
    institutions_total: int


@dataclass
class Bound:
    """A digest's lines ranked per section and what the current cap leaves out."""

    cap: int
    today: date
    ranked: dict[str, list[Line]]
    more: dict[str, More] = field(default_factory=dict)
    summary: Summary | None = None

    def total(self, section: str) -> int:
        return len(self.ranked.get(section, ()))

    @property
    def owners(self) -> list[Tally]:
        return self.summary.owners[: self.cap] if self.summary else []

    @property
    def institutions(self) -> list[Tally]:
        return self.summary.institutions[: self.cap] if self.summary else []

    @property
    def owners_more(self) -> int:
        return self.summary.owners_total - len(self.owners) if self.summary else 0

    @property
    def institutions_more(self) -> int:
        return self.summary.institutions_total - len(self.institutions) if self.summary else 0


def bound_digest(digest: Digest, cap: int, today: date) -> None:
    """Rank the digest's lines and keep the `cap` most urgent of each section (the unit's
    digest also gets its summary)."""
    ranked: dict[str, list[Line]] = {name: [] for name in SECTIONS}
    for line in digest.lines:
        ranked[line.section].append(line)
    for lines in ranked.values():
        lines.sort(key=_urgency)
    digest.bound = Bound(cap=max(0, cap), today=today, ranked=ranked)
    if digest.is_unit:
        digest.bound.summary = _summary(digest.lines, max(0, cap))
    _apply(digest)


def shrink(digest: Digest) -> list[Line] | None:
    """Halve the cap (a message the server would refuse as too large); returns the lines no
    longer shown, or None when nothing is left to drop."""
    bound = digest.bound
    if bound is None or bound.cap == 0:
        return None
    shown = digest.lines
    bound.cap //= 2
    _apply(digest)
    kept = {id(line) for line in digest.lines}
    return [line for line in shown if id(line) not in kept]


def forget_links(digest: Digest, lines: list[Line], now: datetime) -> None:
    """Delete the one-click links issued at `now` for lines a smaller digest no longer shows
    (a link exists only where a mail carries it). The caller commits."""
    ids = sorted({line.item_id for line in lines if line.actions})
    for line in lines:
        line.actions = {}
    for start in range(0, len(ids), 1000):
        db.session.execute(
            delete(ActionToken).where(
                ActionToken.recipient_email == digest.recipient_email,
                ActionToken.followup_id.in_(ids[start : start + 1000]),
                ActionToken.created_at == now,
            )
        )


def _urgency(line: Line) -> tuple:
    # The oldest due date first: the most days overdue, or the nearest deadline. Own items
    # before copies of someone else's on the same day.
    return (line.due_on or date.min, line.is_copy, line.item_id)


def _apply(digest: Digest) -> None:
    bound = digest.bound
    digest.lines = []
    bound.more = {}
    for name in SECTIONS:
        lines = bound.ranked[name]
        digest.lines += lines[: bound.cap]
        hidden = lines[bound.cap :]
        if hidden:
            bound.more[name] = More(len(hidden), _list_url(name, hidden, bound.today))


def _list_url(section: str, hidden: list[Line], today: date) -> str:
    """The app's list, filtered to show (at least) the lines the section leaves out."""
    owners = {line.owner_id for line in hidden}
    owner = owners.pop() if len(owners) == 1 else None
    args: dict[str, Any] = {}
    if section == "news":
        if any(line.item_type == "followup" for line in hidden):
            return absolute_url("notices.index")  # a follow-up's notices: the reader's page
        # Report events and briefings: the reports list has them all.
        return absolute_url("reports.index", **({"person": owner} if owner is not None else {}))
    if section == "reports":
        if all(line.due_on and line.due_on < today for line in hidden):
            args["overdue"] = "1"
        if owner is not None:
            args["person"] = owner
        return absolute_url("reports.index", **args)
    if section == "projects":
        args["status"] = "implementation"
        rules = {rule for line in hidden for rule in (line.rule, *(r for r, _d in line.also))}
        if rules == {R.PROJECT_OVERRUN}:
            args["overrun"] = "1"
        elif rules == {R.PROJECT_SHEET_STALE}:
            args["stale"] = "1"
        return absolute_url("projects.index", **args)
    args["status"] = "pending"
    if section == "overdue":
        args["overdue"] = "1"
    elif section == "today":
        args["due_from"] = args["due_to"] = today.isoformat()
    else:
        args["due_from"] = (today + timedelta(days=1)).isoformat()
        args["due_to"] = max(line.due_on or today for line in hidden).isoformat()
    if owner is not None:
        args["owner"] = owner
    return absolute_url("followups.index", **args)


def _summary(lines: list[Line], cap: int) -> Summary:
    """Counts by owner and by institution; names are read for the first `cap` of each only."""
    owners = Counter(line.owner_id for line in lines)
    institutions = Counter(line.organization_id for line in lines)
    return Summary(
        owners=_tallies(owners, cap, Person, "owner"),
        owners_total=len(owners),
        institutions=_tallies(institutions, cap, Organization, "organization"),
        institutions_total=len(institutions),
    )


def _tallies(counts: Counter, cap: int, model, filter_name: str) -> list[Tally]:
    # Largest first; ties by id, so the same outbox gives the same mail.
    top = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0] is None, pair[0] or 0))
    top = top[:cap]
    ids = [record_id for record_id, _count in top if record_id is not None]
    names = dict(db.session.execute(select(model.id, model.name).where(model.id.in_(ids))).all())
    return [
        Tally(
            name=names.get(record_id) if record_id is not None else None,
            count=count,
            url=absolute_url("followups.index", status="pending", **{filter_name: record_id})
            if record_id is not None
            else None,
        )
        for record_id, count in top
    ]
