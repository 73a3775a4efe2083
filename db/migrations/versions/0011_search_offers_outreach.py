"""search offers outreach: a saved search can be marked so that its pushes carry a "Reach
out" button (the preview of a follow-up chain, started only when the manager confirms)

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('saved_searches', sa.Column(
        'offer_outreach', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    op.drop_column('saved_searches', 'offer_outreach')
