"""a project's follow-ups by kind: the timeline's milestones read from the index

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 19:45:00.000000

"""
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    # (project_id, kind) serves every lookup by project that (project_id) served, and a kind
    # within a project without reading the project's other items.
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.create_index('ix_followups_project_kind', ['project_id', 'kind'], unique=False)
        batch_op.drop_index('ix_followups_project_id')
    op.execute("ANALYZE")


def downgrade():
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.create_index('ix_followups_project_id', ['project_id'], unique=False)
        batch_op.drop_index('ix_followups_project_kind')
