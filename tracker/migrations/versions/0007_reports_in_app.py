"""the participation report written in the app: private links, attachment kinds,
follow-ups not to be reminded, notices inside the app

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 08:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

ATTACHMENT_KINDS = ('original_form', 'invitation', 'agenda', 'travel_agreement', 'programme', 'other')


def upgrade():
    op.create_table('report_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_report_links_created_by_id_users')),
    sa.ForeignKeyConstraint(['report_id'], ['participation_reports.id'], name=op.f('fk_report_links_report_id_participation_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_links')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_report_links_token_hash'))
    )
    with op.batch_alter_table('report_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_links_report_id'), ['report_id'], unique=False)

    op.create_table('user_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('item_type', sa.String(length=20), nullable=True),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_user_notices_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_notices_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_notices'))
    )
    with op.batch_alter_table('user_notices', schema=None) as batch_op:
        batch_op.create_index('ix_user_notices_user_read', ['user_id', 'read_at'], unique=False)

    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'kind',
            sa.Enum(*ATTACHMENT_KINDS, name='attachment_kind', native_enum=False,
                    create_constraint=True, length=20),
            nullable=True,
        ))
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('is_muted', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.drop_column('is_muted')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_attachments_attachment_kind'), type_='check')
        batch_op.drop_column('kind')
    op.drop_table('user_notices')
    op.drop_table('report_links')
