"""client intelligence: merge keys with evidence, lifecycle/segment/churn on clients, history

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('clients', sa.Column('name_key', sa.String(length=255), nullable=True))
    op.add_column('clients', sa.Column('merged_into_id', sa.Integer(), nullable=True))
    op.add_column('clients', sa.Column('lifecycle', sa.String(length=16), nullable=True))
    op.add_column('clients', sa.Column('segment', sa.String(length=24), nullable=True))
    op.add_column('clients', sa.Column('at_risk', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('clients', sa.Column('churn_risk', sa.Float(), nullable=True))
    op.add_column('clients', sa.Column('stats', postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column('clients', sa.Column('computed_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f('ix_clients_name_key'), 'clients', ['name_key'], unique=False)
    op.create_index(op.f('ix_clients_lifecycle'), 'clients', ['lifecycle'], unique=False)
    op.create_index(op.f('ix_clients_segment'), 'clients', ['segment'], unique=False)
    op.create_foreign_key(op.f('fk_clients_merged_into_id_clients'), 'clients', 'clients', ['merged_into_id'], ['id'], ondelete='SET NULL')
    op.create_table('client_keys',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('value', sa.String(length=255), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('shared', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_keys_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('kind', 'value', name=op.f('pk_client_keys'))
    )
    op.create_index(op.f('ix_client_keys_client_id'), 'client_keys', ['client_id'], unique=False)
    op.create_table('client_evidence',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.BigInteger(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('value', sa.String(length=255), nullable=False),
    sa.Column('how', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_evidence_client_id_clients'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_client_evidence_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_evidence'))
    )
    op.create_index(op.f('ix_client_evidence_client_id'), 'client_evidence', ['client_id'], unique=False)
    op.create_index(op.f('ix_client_evidence_post_id'), 'client_evidence', ['post_id'], unique=False)
    op.create_table('client_states',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('lifecycle', sa.String(length=16), nullable=False),
    sa.Column('segment', sa.String(length=24), nullable=False),
    sa.Column('at_risk', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('churn_risk', sa.Float(), nullable=True),
    sa.Column('reason', sa.String(length=255), nullable=True),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_states_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_states'))
    )
    op.create_index('ix_client_states_client', 'client_states', ['client_id', 'computed_at'], unique=False)
    op.create_index('ix_request_cards_client_seen', 'request_cards', ['client_id', 'first_seen_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_request_cards_client_seen', table_name='request_cards')
    op.drop_index('ix_client_states_client', table_name='client_states')
    op.drop_table('client_states')
    op.drop_index(op.f('ix_client_evidence_post_id'), table_name='client_evidence')
    op.drop_index(op.f('ix_client_evidence_client_id'), table_name='client_evidence')
    op.drop_table('client_evidence')
    op.drop_index(op.f('ix_client_keys_client_id'), table_name='client_keys')
    op.drop_table('client_keys')
    op.drop_constraint(op.f('fk_clients_merged_into_id_clients'), 'clients', type_='foreignkey')
    op.drop_index(op.f('ix_clients_segment'), table_name='clients')
    op.drop_index(op.f('ix_clients_lifecycle'), table_name='clients')
    op.drop_index(op.f('ix_clients_name_key'), table_name='clients')
    for column in ('computed_at', 'stats', 'churn_risk', 'at_risk', 'segment', 'lifecycle',
                   'merged_into_id', 'name_key'):
        op.drop_column('clients', column)
