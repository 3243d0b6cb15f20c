"""project extensions, result outcomes, watchers, scoped feeds

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 19:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('project_extensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('previous_end_on', sa.Date(), nullable=True),
    sa.Column('new_end_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=False),
    sa.Column('approved_by', sa.String(length=200), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_extensions_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_project_extensions_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_extensions'))
    )
    with op.batch_alter_table('project_extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_extensions_project_id'), ['project_id'], unique=False)

    op.create_table('followup_watchers',
    sa.Column('followup_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['followup_id'], ['followups.id'], name=op.f('fk_followup_watchers_followup_id_followups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_followup_watchers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('followup_id', 'user_id', name=op.f('pk_followup_watchers'))
    )
    with op.batch_alter_table('followup_watchers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_followup_watchers_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('access_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feed_scope', sa.Enum('mine', 'unit', 'project', 'organization', 'person', name='feed_scope', native_enum=False, create_constraint=True, length=20), nullable=True))
        batch_op.add_column(sa.Column('feed_target_id', sa.Integer(), nullable=True))

    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outcome', sa.Enum('not_yet', 'partly', 'achieved', name='result_outcome', native_enum=False, create_constraint=True, length=20), nullable=True))

    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approved_end_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('extension_count', sa.SmallInteger(), server_default='0', nullable=False))
        batch_op.create_index(batch_op.f('ix_projects_approved_end_on'), ['approved_end_on'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notices_by_mail', sa.Boolean(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('notices_by_mail')

    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_approved_end_on'))
        batch_op.drop_column('extension_count')
        batch_op.drop_column('approved_end_on')

    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_followups_result_outcome'), type_='check')
        batch_op.drop_column('outcome')

    with op.batch_alter_table('access_tokens', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_access_tokens_feed_scope'), type_='check')
        batch_op.drop_column('feed_target_id')
        batch_op.drop_column('feed_scope')

    with op.batch_alter_table('followup_watchers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_followup_watchers_user_id'))

    op.drop_table('followup_watchers')
    with op.batch_alter_table('project_extensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_extensions_project_id'))

    op.drop_table('project_extensions')
