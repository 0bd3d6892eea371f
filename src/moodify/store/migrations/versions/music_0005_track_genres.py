"""Track genres looked up online (Deezer album genres), shared by every user.

Revision ID: music_0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "music_0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "track_genres",
        sa.Column("track_key", sa.String(200), primary_key=True),
        sa.Column("genres", sa.String(200), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("track_genres")
