"""card text search: a generated tsvector of title + text with a GIN index

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 01:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out rather than imported: a migration must not change when the models do.
SEARCH_DOCUMENT = (
    "to_tsvector('russian'::regconfig, coalesce(title, '') || ' ' || coalesce(text, ''))"
)


def upgrade() -> None:
    op.add_column('request_cards', sa.Column(
        'search_tsv', postgresql.TSVECTOR(),
        sa.Computed(SEARCH_DOCUMENT, persisted=True), nullable=True))
    op.create_index('ix_request_cards_search', 'request_cards', ['search_tsv'], unique=False,
                    postgresql_using='gin')


def downgrade() -> None:
    op.drop_index('ix_request_cards_search', table_name='request_cards',
                  postgresql_using='gin')
    op.drop_column('request_cards', 'search_tsv')
