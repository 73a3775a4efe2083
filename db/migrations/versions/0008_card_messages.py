"""card messages: which bot messages show which request card (the Mini App edits them);
indexes for a team's and an owner's board

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'card_messages',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column('request_id', sa.BigInteger(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('chat_id', sa.BigInteger(), nullable=False),
        sa.Column('message_id', sa.BigInteger(), nullable=False),
        sa.Column('screen', sa.Enum('pipeline', 'feed', name='card_screen', native_enum=False,
                                    create_constraint=True, length=8), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'),
                  nullable=False),
        sa.ForeignKeyConstraint(['request_id'], ['request_cards.id'], ondelete='CASCADE',
                                name=op.f('fk_card_messages_request_id_request_cards')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE',
                                name=op.f('fk_card_messages_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_card_messages')),
        sa.UniqueConstraint('chat_id', 'message_id', name='uq_card_messages_chat_message'),
    )
    op.create_index('ix_card_messages_request', 'card_messages', ['request_id', 'updated_at'])
    op.create_index('ix_request_cards_team_stage_moved', 'request_cards',
                    ['team_id', 'stage', 'stage_changed_at'])
    op.create_index('ix_request_cards_owner_stage_moved', 'request_cards',
                    ['owner_user_id', 'stage', 'stage_changed_at'])


def downgrade() -> None:
    op.drop_index('ix_request_cards_owner_stage_moved', table_name='request_cards')
    op.drop_index('ix_request_cards_team_stage_moved', table_name='request_cards')
    op.drop_index('ix_card_messages_request', table_name='card_messages')
    op.drop_table('card_messages')
