"""partial indexes for the dashboard and pending lists; statistics for the planner

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 08:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

OPEN = "status IN ('open', 'in_progress', 'blocked') AND deleted_at IS NULL"
DONE = "status = 'done' AND deleted_at IS NULL"
INDEXES = [
    ("ix_followups_open_owner_due", ["owner_id", "due_on"], OPEN),
    ("ix_followups_open_org_due", ["organization_id", "due_on"], OPEN),
    ("ix_followups_done_completed", ["completed_on", "due_on"], DONE),
    ("ix_followups_live_created", ["created_at"], "deleted_at IS NULL"),
]


def upgrade():
    with op.batch_alter_table('followups', schema=None) as batch_op:
        # (status, due_on) read every row's table entry to check deleted_at; the partial
        # indexes answer the same questions from the index alone.
        batch_op.drop_index('ix_followups_status_due')
        for name, columns, where in INDEXES:
            batch_op.create_index(
                name,
                columns,
                unique=False,
                sqlite_where=sa.text(where),
                postgresql_where=sa.text(where),
            )
    # Statistics, so the planner knows a partial index is the small one.
    op.execute("ANALYZE")


def downgrade():
    with op.batch_alter_table('followups', schema=None) as batch_op:
        for name, _columns, _where in reversed(INDEXES):
            batch_op.drop_index(name)
        batch_op.create_index('ix_followups_status_due', ['status', 'due_on'], unique=False)
