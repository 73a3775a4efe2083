"""follow-up chains: outreach templates and their per-segment counts, runs, steps, opt-outs,
paused userbot accounts

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STEP_KINDS = ('telegram', 'email', 'task')


def _choice(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True,
                   length=max(map(len, values)))


def _when() -> sa.Column:
    return sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        'outreach_templates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(64), nullable=False),
        sa.Column('step_kind', _choice('outreach_step_kind', *STEP_KINDS), nullable=False),
        sa.Column('language', sa.String(2), nullable=False),
        sa.Column('subject', sa.String(255), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
        _when(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_templates')),
        sa.UniqueConstraint('key', name=op.f('uq_outreach_templates_key')),
    )
    op.create_table(
        'outreach_template_stats',
        sa.Column('template_id', sa.Integer(), nullable=False),
        sa.Column('segment', sa.String(48), nullable=False),
        sa.Column('sends', sa.Integer(), server_default='0', nullable=False),
        sa.Column('replies', sa.Integer(), server_default='0', nullable=False),
        sa.ForeignKeyConstraint(
            ['template_id'], ['outreach_templates.id'], ondelete='CASCADE',
            name=op.f('fk_outreach_template_stats_template_id_outreach_templates')),
        sa.PrimaryKeyConstraint('template_id', 'segment', name=op.f('pk_outreach_template_stats')),
    )
    op.create_table(
        'outreach_runs',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column('chain', sa.String(64), nullable=False),
        sa.Column('request_id', sa.BigInteger(), nullable=True),
        sa.Column('client_id', sa.Integer(), nullable=True),
        sa.Column('owner_user_id', sa.Integer(), nullable=True),
        sa.Column('started_by', sa.Integer(), nullable=True),
        sa.Column('person_key', sa.String(255), nullable=False),
        sa.Column('tg_user_id', sa.BigInteger(), nullable=True),
        sa.Column('email', sa.String(255), nullable=True),
        sa.Column('segment', sa.String(48), nullable=False),
        sa.Column('language', sa.String(2), nullable=False),
        sa.Column('timezone', sa.String(64), nullable=False),
        sa.Column('stage_at_start', sa.String(16), nullable=True),
        sa.Column('first_text', sa.Text(), nullable=True),
        sa.Column('variables', postgresql.JSONB(astext_type=sa.Text()), server_default='{}',
                  nullable=False),
        sa.Column('status', _choice('outreach_run_status', 'active', 'replied', 'stopped', 'done'),
                  server_default='active', nullable=False),
        sa.Column('stop_reason', sa.String(32), nullable=True),
        sa.Column('reply_text', sa.Text(), nullable=True),
        sa.Column('replied_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('first_sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('started_at', sa.DateTime(timezone=True), server_default=sa.text('now()'),
                  nullable=False),
        sa.ForeignKeyConstraint(['request_id'], ['request_cards.id'], ondelete='SET NULL',
                                name=op.f('fk_outreach_runs_request_id_request_cards')),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], ondelete='SET NULL',
                                name=op.f('fk_outreach_runs_client_id_clients')),
        sa.ForeignKeyConstraint(['owner_user_id'], ['users.id'], ondelete='SET NULL',
                                name=op.f('fk_outreach_runs_owner_user_id_users')),
        sa.ForeignKeyConstraint(['started_by'], ['users.id'], ondelete='SET NULL',
                                name=op.f('fk_outreach_runs_started_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_runs')),
    )
    op.create_index('uq_outreach_runs_active_person', 'outreach_runs', ['person_key'],
                    unique=True, postgresql_where=sa.text("status = 'active'"))
    op.create_index('ix_outreach_runs_tg_user', 'outreach_runs', ['tg_user_id', 'started_at'])
    op.create_index('ix_outreach_runs_request_id', 'outreach_runs', ['request_id'])
    op.create_index('ix_outreach_runs_client_id', 'outreach_runs', ['client_id'])
    op.create_table(
        'outreach_steps',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column('run_id', sa.BigInteger(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(64), nullable=False),
        sa.Column('kind', _choice('outreach_step_kind', *STEP_KINDS), nullable=False),
        sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('status', _choice('outreach_step_status', 'pending', 'done', 'skipped',
                                    'failed', 'cancelled'),
                  server_default='pending', nullable=False),
        sa.Column('sending_since', sa.DateTime(timezone=True), nullable=True),
        sa.Column('unconfirmed', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('template_id', sa.Integer(), nullable=True),
        sa.Column('account', sa.String(64), nullable=True),
        sa.Column('text', sa.Text(), nullable=True),
        sa.Column('error', sa.String(500), nullable=True),
        sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['run_id'], ['outreach_runs.id'], ondelete='CASCADE',
                                name=op.f('fk_outreach_steps_run_id_outreach_runs')),
        sa.ForeignKeyConstraint(['template_id'], ['outreach_templates.id'], ondelete='SET NULL',
                                name=op.f('fk_outreach_steps_template_id_outreach_templates')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_steps')),
        sa.UniqueConstraint('run_id', 'position', name='uq_outreach_steps_run_position'),
    )
    op.create_index('ix_outreach_steps_due', 'outreach_steps', ['due_at'],
                    postgresql_where=sa.text("status = 'pending'"))
    op.create_index('ix_outreach_steps_account_sent', 'outreach_steps', ['account', 'done_at'])
    op.create_table(
        'outreach_optouts',
        sa.Column('person_key', sa.String(255), nullable=False),
        sa.Column('phrase', sa.String(255), nullable=True),
        _when(),
        sa.PrimaryKeyConstraint('person_key', name=op.f('pk_outreach_optouts')),
    )
    op.create_table(
        'outreach_pauses',
        sa.Column('account', sa.String(64), nullable=False),
        sa.Column('paused_until', sa.DateTime(timezone=True), nullable=False),
        sa.Column('reason', sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint('account', name=op.f('pk_outreach_pauses')),
    )


def downgrade() -> None:
    op.drop_table('outreach_pauses')
    op.drop_table('outreach_optouts')
    op.drop_index('ix_outreach_steps_account_sent', table_name='outreach_steps')
    op.drop_index('ix_outreach_steps_due', table_name='outreach_steps')
    op.drop_table('outreach_steps')
    for name in ('ix_outreach_runs_client_id', 'ix_outreach_runs_request_id',
                 'ix_outreach_runs_tg_user', 'uq_outreach_runs_active_person'):
        op.drop_index(name, table_name='outreach_runs')
    op.drop_table('outreach_runs')
    op.drop_table('outreach_template_stats')
    op.drop_table('outreach_templates')
