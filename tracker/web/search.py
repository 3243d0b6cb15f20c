"""Search everywhere: one box, results grouped by kind of record (`tracker search reindex` too)."""

import click
from flask import Blueprint, render_template, request
from flask_login import login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import (
    Activity,
    FollowUp,
    Organization,
    ParticipationReport,
    Person,
    Project,
)
from tracker.search import KINDS, rebuild, search
from tracker.search.text import MAX_QUERY_CHARS

bp = Blueprint("search", __name__, url_prefix="/buscar", cli_group="search")

#: Kind → (model, what a result line shows besides the record itself).
_LOAD = {
    "followup": (FollowUp, (FollowUp.owner, FollowUp.project, FollowUp.activity)),
    "project": (Project, ()),
    "activity": (Activity, ()),
    "report": (ParticipationReport, (ParticipationReport.person, ParticipationReport.activity)),
    "person": (Person, (Person.organization,)),
    "organization": (Organization, ()),
}


@bp.get("/")
@login_required
def index():
    """Follow-ups, projects, activities, reports, people and institutions matching the words."""
    query = request.args.get("q", "")[:MAX_QUERY_CHARS].strip()
    # ?tipo= shows one group with all it read (up to the cap) instead of its first ten.
    kind = request.args.get("tipo") if request.args.get("tipo") in KINDS else None
    groups = search(query, limit=100 if kind else 10) if query else []
    if kind:
        groups = [g for g in groups if g.kind == kind]
    records = _load(groups)
    return render_template(
        "search/results.html",
        query=query,
        kind=kind,
        groups=[(g, records[g.kind]) for g in groups if g.ids],
        searched=bool(query),
    )


def _load(groups) -> dict[str, list]:
    """The records of each group in the index's order: one query per kind that matched."""
    records = {}
    for group in groups:
        if not group.ids:
            records[group.kind] = []
            continue
        model, related = _LOAD[group.kind]
        rows = db.session.scalars(
            select(model)
            .where(model.id.in_(group.ids), model.deleted_at.is_(None))
            .options(*(joinedload(r) for r in related))
        ).all()
        by_id = {row.id: row for row in rows}
        records[group.kind] = [by_id[i] for i in group.ids if i in by_id]
    return records


@bp.cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index from every live record."""
    with db.engine.begin() as connection:
        counts = rebuild(connection)
    click.echo(" ".join(f"{kind}={n}" for kind, n in counts.items()))
