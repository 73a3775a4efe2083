"""weekly chart digests: the per-user switch, chart images by hash, analytics indexes

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('users', sa.Column('digest_enabled', sa.Boolean(), server_default=sa.true(),
                                     nullable=False))
    op.create_table(
        'chart_images',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('png', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'),
                  nullable=False),
        sa.PrimaryKeyConstraint('sha256', name=op.f('pk_chart_images')),
    )
    op.create_index('ix_posts_source_posted', 'posts', ['source_id', 'posted_at'])
    op.create_index('ix_request_sources_posted', 'request_sources', ['posted_at'])


def downgrade() -> None:
    op.drop_index('ix_request_sources_posted', table_name='request_sources')
    op.drop_index('ix_posts_source_posted', table_name='posts')
    op.drop_table('chart_images')
    op.drop_column('users', 'digest_enabled')
