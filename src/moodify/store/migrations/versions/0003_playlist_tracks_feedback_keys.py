"""Playlists keep what was shown of each track; feedback gets an idempotency key (a retry counts once).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("playlists") as batch:
        batch.add_column(sa.Column("tracks", sa.JSON, nullable=True))
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("idempotency_key", sa.String(128), nullable=True))
        # NULLs never collide, so feedback without a key (older rows) is unaffected.
        batch.create_unique_constraint("uq_feedback_user_key", ["user_id", "idempotency_key"])


def downgrade() -> None:
    with op.batch_alter_table("feedback") as batch:
        batch.drop_constraint("uq_feedback_user_key", type_="unique")
        batch.drop_column("idempotency_key")
    with op.batch_alter_table("playlists") as batch:
        batch.drop_column("tracks")
