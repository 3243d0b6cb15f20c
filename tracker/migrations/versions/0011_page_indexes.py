"""partial indexes for pages at a million: open work by due date, open items by kind, results
by outcome

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 20:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

OPEN = "status IN ('open', 'in_progress', 'blocked') AND deleted_at IS NULL"
OPEN_WORK = OPEN + " AND kind IN ('commitment', 'action', 'task')"
INDEXES = [
    # Overdue / due this week / ageing: commitments, actions and tasks only, one range each.
    ("ix_followups_open_work_due", ["due_on"], OPEN_WORK),
    # Lists filtered by kind, milestone tiles: a kind's open items in due order.
    ("ix_followups_open_kind_due", ["kind", "due_on"], OPEN),
    # Results counted by outcome from the index alone.
    ("ix_followups_live_kind_outcome", ["kind", "outcome"], "deleted_at IS NULL"),
]


def upgrade():
    with op.batch_alter_table('followups', schema=None) as batch_op:
        for name, columns, where in INDEXES:
            batch_op.create_index(
                name,
                columns,
                unique=False,
                sqlite_where=sa.text(where),
                postgresql_where=sa.text(where),
            )
    op.execute("ANALYZE")


def downgrade():
    with op.batch_alter_table('followups', schema=None) as batch_op:
        for name, _columns, _where in reversed(INDEXES):
            batch_op.drop_index(name)
