"""Search over the API: the web's search box (/buscar/) for a program. The full-text index
(tracker.search) answers, for each kind of record, the ids of the newest matches; the program
reads the records it wants through their own endpoints."""

from typing import Any

from tracker.api import answers as a
from tracker.api import bp, responds
from tracker.api import schemas as s
from tracker.search import search

#: The web shows ten per kind, or a hundred for one kind; a program gets the hundred.
LIMIT = 100


@bp.get("/search", tags=["Search"])
@bp.arguments(s.SearchQuerySchema, location="query")
@bp.response(200, a.SearchResultSchema)
@responds(bp, 400, 401)
def search_records(args: dict[str, Any]):
    """Search every kind of record

    All the words must match (accents and case do not matter). For each kind (followup,
    project, activity, report, person, organization), up to 100 ids, newest first, and how many
    matched. Deleted records are not in the index."""
    groups = search(args["q"], limit=LIMIT)
    if args.get("kind"):
        groups = [group for group in groups if group.kind == args["kind"]]
    return {"query": args["q"], "groups": groups}
