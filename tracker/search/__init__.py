"""Full-text search over follow-ups, projects, activities, reports, people and institutions.

One index table (SQLite FTS5, or PostgreSQL tsvector with GIN indexes) holds a document per live
record. Every flush of a searchable record marks it; the commit rewrites the marked documents
in one batch (tracker.search.index), so the index is current in the same transaction as the data.
"""

from tracker.search.index import rebuild, reindex
from tracker.search.query import KINDS, matching_ids, search

__all__ = ["KINDS", "matching_ids", "rebuild", "reindex", "search"]
