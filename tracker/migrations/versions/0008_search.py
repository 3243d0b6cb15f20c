"""full-text search: one index table (SQLite FTS5, or PostgreSQL tsvector with a GIN index
per kind of record), filled from the existing records

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 14:30:00.000000

"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# Key prefixes of tracker/search/index.py (kind << 40): followup, project, activity, report,
# person, organization. Copied, not imported: a migration must not change when the app does.
SHIFT = 40
KINDS = {'followup': 1, 'project': 2, 'activity': 3, 'report': 4, 'person': 5, 'organization': 6}


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        op.execute(
            'CREATE TABLE search_index (rowid BIGINT PRIMARY KEY, document TSVECTOR NOT NULL)'
        )
        for kind, code in KINDS.items():
            low = code << SHIFT
            op.execute(
                f'CREATE INDEX ix_search_index_{kind} ON search_index USING gin (document) '
                f'WHERE rowid >= {low} AND rowid < {low + (1 << SHIFT)}'
            )
    else:
        # remove_diacritics 2 folds every accent ("acción" = "accion"); the prefix indexes
        # answer prefix queries of 2 to 6 letters without merging every matching term.
        op.execute(
            'CREATE VIRTUAL TABLE search_index USING fts5(title, body, '
            "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6')"
        )
    _fill(bind.dialect.name)


# What each kind's document is made of: (table, title columns, body columns). The app writes the
# same documents from then on (tracker/search/index.py); `tracker search reindex` rewrites all.
DOCUMENTS = {
    'followup': ('followups f', ['f.title'], ['f.description', '{comments}']),
    'project': ('projects f', ['f.name'], [
        'f.thematic_area', 'f.country', 'f.city', 'f.beneficiaries', 'f.general_objective',
        'f.specific_objectives', 'f.description']),
    'activity': ('activities f', ['f.name'], ['f.place', 'f.description']),
    'report': (
        'participation_reports f JOIN people p ON p.id = f.person_id '
        'JOIN activities a ON a.id = f.activity_id',
        ['p.name', 'a.name'],
        ['f.role', 'f.contribution', 'f.motive', 'f.achievements', 'f.lessons', 'f.comments']),
    'person': ('people f', ['f.name'], ['f.position', 'f.unit', 'f.email']),
    'organization': ('organizations f', ['f.name', 'f.acronym'], ['f.country']),
}
ACCENTED = 'áàâäãåéèêëíìîïóòôöõúùûüñçÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇ'
PLAIN = 'aaaaaaeeeeiiiiooooouuuuncaaaaaaeeeeiiiiooooouuuunc'


def _fill(dialect):
    if dialect == 'postgresql':
        comments = ("(SELECT string_agg(e.comment, ' ') FROM followup_events e "
                    'WHERE e.followup_id = f.id)')
    else:
        comments = ("(SELECT group_concat(e.comment, ' ') FROM followup_events e "
                    'WHERE e.followup_id = f.id)')
    for kind, (source, title, body) in DOCUMENTS.items():
        low = KINDS[kind] << SHIFT
        title_sql = _concat(title)
        body_sql = _concat([c.format(comments=comments) for c in body])
        where = 'WHERE f.deleted_at IS NULL'
        if dialect == 'postgresql':
            # The app folds accents in Python; translate() folds the Spanish ones the same way.
            folded = f"translate(lower({title_sql} || ' ' || {body_sql}), '{ACCENTED}', '{PLAIN}')"
            op.execute(
                f'INSERT INTO search_index (rowid, document) SELECT {low} + f.id, '
                f"to_tsvector('spanish', {folded}) FROM {source} {where}"
            )
        else:
            op.execute(
                f'INSERT INTO search_index (rowid, title, body) SELECT {low} + f.id, '
                f'{title_sql}, {body_sql} FROM {source} {where}'
            )


def _concat(columns):
    return " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)


def downgrade():
    op.execute('DROP TABLE search_index')
