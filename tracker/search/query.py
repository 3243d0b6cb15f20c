"""Reading the index: a user's words as a query no engine can misread, grouped results."""

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, TextClause, column, false, text

from tracker.extensions import db
from tracker.search.index import CODES, PREFIX_MAX, SHIFT, key_range
from tracker.search.text import light_stem, terms

#: The groups of the results page, in the order they are shown.
KINDS = ("followup", "project", "activity", "report", "person", "organization")
#: Words too common to narrow anything, dropped from SQLite queries unless they are all there
#: is (PostgreSQL's Spanish configuration drops its own).
_STOPWORDS = frozenset(
    [
        "a",
        "al",
        "con",
        "de",
        "del",
        "e",
        "el",
        "en",
        "la",
        "las",
        "lo",
        "los",
        "o",
        "para",
        "por",
        "que",
        "se",
        "su",
        "un",
        "una",
        "y",
    ]
)


@dataclass
class Group:
    kind: str
    ids: list[int] = field(default_factory=list)
    #: Matches read (at most the cap).
    total: int = 0
    #: More matches than the cap: the total shown is a lower bound.
    more: bool = False


def _match(dialect: str, words: list[str]) -> str | None:
    """The engine's query string for these (already punctuation-free) words, all required."""
    if dialect == "postgresql":
        # Stemmed words (the stemmer handles plurals). Only a short last word (an acronym, a
        # word being typed) is a prefix: a stem's prefix reaches far ("género" → gener:* is
        # "general" too), and the planner misjudges how many rows a prefix matches.
        last = len(words) - 1
        return (
            " & ".join(
                f"'{w}':*" if n == last and 1 < len(w) <= PREFIX_MAX else f"'{w}'"
                for n, w in enumerate(words)
            )
            or None
        )
    kept = [w for w in words if w not in _STOPWORDS] or words
    return " AND ".join(_sqlite_word(w) for w in kept) or None


def _sqlite_word(word: str) -> str:
    """One word for FTS5. Up to PREFIX_MAX letters it is a prefix, read from the prefix index;
    a longer prefix would make FTS5 merge every matching doclist (100 ms per kind at 100,000
    follow-ups), so a longer word is matched whole, in its singular and plural forms."""
    if len(word) == 1:
        return f'"{word}"'
    if len(word) <= PREFIX_MAX:
        return f'"{word}"*'
    stem = light_stem(word)
    forms = dict.fromkeys(f"{base}{end}" for base in (word, stem) for end in ("", "s", "es"))
    return "(" + " OR ".join(f'"{form}"' for form in forms) + ")"


def _kind_select(dialect: str, kind: str, param: str) -> str:
    low, high = key_range(kind)
    # Literal bounds: PostgreSQL uses a partial index only when the query's text implies it.
    if dialect == "postgresql":
        return (
            f"SELECT rowid FROM search_index WHERE rowid >= {low} AND rowid < {high} "
            f"AND document @@ to_tsquery('spanish', :{param})"
        )
    return (
        f"SELECT rowid FROM search_index WHERE search_index MATCH :{param} "
        f"AND rowid >= {low} AND rowid < {high}"
    )


def search(query: str | None, limit: int = 10, cap: int = 100) -> list[Group]:
    """Up to `limit` ids per kind, newest first, and whether more than `cap` matched; one
    statement for all kinds. Not by rank: ranking reads every match, which at a million
    follow-ups is what the index is there to avoid."""
    dialect = db.engine.dialect.name
    match = _match(dialect, terms(query))
    if match is None:
        return []
    # FTS5 walks a term's doclist newest first and stops at the limit. A GIN index cannot stop
    # early, and with ORDER BY the planner may walk the key index instead and read the whole
    # table for a rare word; so PostgreSQL takes the first matches it finds, sorted here.
    order = "" if dialect == "postgresql" else " ORDER BY rowid DESC"
    parts = [
        f"SELECT * FROM ({_kind_select(dialect, kind, 'm')}{order} LIMIT {cap + 1}) AS g{n}"
        for n, kind in enumerate(KINDS)
    ]
    keys = db.session.scalars(text(" UNION ALL ".join(parts)), {"m": match}).all()
    keys = sorted(keys, reverse=True)
    groups = {kind: Group(kind) for kind in KINDS}
    by_code = {code: kind for kind, code in CODES.items()}
    for key in keys:
        group = groups[by_code[key >> SHIFT]]
        group.total += 1
        if len(group.ids) < limit:
            group.ids.append(key - (CODES[group.kind] << SHIFT))
    for group in groups.values():
        group.more = group.total > cap
        group.total = min(group.total, cap)
    return [groups[kind] for kind in KINDS]


def matching_ids(kind: str, query: str | None) -> TextClause | None:
    """A subquery of the ids of `kind` whose document matches `query` (None: no usable word)."""
    dialect = db.engine.dialect.name
    match = _match(dialect, terms(query))
    if match is None:
        return None
    param = f"search_{kind}"
    offset = CODES[kind] << SHIFT
    sql = _kind_select(dialect, kind, param).replace(
        "SELECT rowid", f"SELECT rowid - {offset} AS id", 1
    )
    return text(sql).bindparams(**{param: match}).columns(column("id"))


def matches_any(query: str | None, *pairs) -> ColumnElement[bool]:
    """A WHERE clause: any (column, kind) pair whose column holds a matching id of that kind;
    a query without a usable word matches nothing."""
    from sqlalchemy import or_

    clauses = []
    for col, kind in pairs:
        ids = matching_ids(kind, query)
        if ids is None:
            return false()
        clauses.append(col.in_(ids))
    return or_(*clauses)
