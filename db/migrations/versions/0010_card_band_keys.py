"""card band keys: MinHash band keys on request cards and their GIN index, so a new post finds
its near copies by index lookups instead of a Hamming-distance scan of the window

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Cards stored before this carry no keys: they are still found as exact copies by their
    # fingerprint, and leave the 14-day window soon.
    op.add_column('request_cards', sa.Column(
        'band_keys', postgresql.ARRAY(sa.BigInteger()), server_default='{}', nullable=False))
    op.create_index('ix_request_cards_band_keys', 'request_cards', ['band_keys'],
                    postgresql_using='gin')


def downgrade() -> None:
    op.drop_index('ix_request_cards_band_keys', table_name='request_cards')
    op.drop_column('request_cards', 'band_keys')
