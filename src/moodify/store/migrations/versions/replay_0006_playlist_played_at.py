"""Playlists remember when they were last played again (History lists them by their latest activity).

Revision ID: replay_0006
Revises: music_0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "replay_0006"
down_revision = "music_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: every playlist stored before this was never played again.
    with op.batch_alter_table("playlists") as batch:
        batch.add_column(sa.Column("played_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("playlists") as batch:
        batch.drop_column("played_at")
