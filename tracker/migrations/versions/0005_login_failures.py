"""login failures, for the login rate limit

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 08:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('ip', sa.String(length=45), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_failures'))
    )
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.create_index('ix_login_failures_email_created', ['email', 'created_at'], unique=False)
        batch_op.create_index('ix_login_failures_ip_created', ['ip', 'created_at'], unique=False)


def downgrade():
    op.drop_table('login_failures')
