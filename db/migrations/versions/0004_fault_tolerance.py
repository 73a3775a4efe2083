"""fault tolerance: failed posts keep their error and retry count; sends leave a trace;
cards whose every post was deleted are withdrawn

Revision ID: 0004
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('posts', sa.Column('classify_error', sa.Text(), nullable=True))
    op.add_column('posts', sa.Column('classify_attempts', sa.Integer(), server_default='0',
                                     nullable=False))
    op.add_column('posts', sa.Column('classify_failed_at', sa.DateTime(timezone=True),
                                     nullable=True))
    op.add_column('notifications', sa.Column('sending_since', sa.DateTime(timezone=True),
                                             nullable=True))
    op.add_column('notifications', sa.Column('unconfirmed', sa.Integer(), server_default='0',
                                             nullable=False))
    op.add_column('notifications', sa.Column('retries', sa.Integer(), server_default='0',
                                             nullable=False))
    op.add_column('request_cards', sa.Column('withdrawn_at', sa.DateTime(timezone=True),
                                             nullable=True))


def downgrade() -> None:
    op.drop_column('request_cards', 'withdrawn_at')
    op.drop_column('notifications', 'retries')
    op.drop_column('notifications', 'unconfirmed')
    op.drop_column('notifications', 'sending_since')
    op.drop_column('posts', 'classify_failed_at')
    op.drop_column('posts', 'classify_attempts')
    op.drop_column('posts', 'classify_error')
