"""Initial schema: users, preferences, credentials, sessions, mood events, playlists, feedback, listens.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _user_id(primary_key: bool = False) -> sa.Column:
    return sa.Column(
        "user_id", sa.String(128), sa.ForeignKey("users.id", ondelete="CASCADE"),
        primary_key=primary_key, nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("display_name", sa.Text, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "preferences",
        _user_id(primary_key=True),
        sa.Column("default_mode", sa.String(16), nullable=False),
        sa.Column("favourite_genres", sa.JSON, nullable=False),
        sa.Column("blocked_genres", sa.JSON, nullable=False),
        sa.Column("providers", sa.JSON, nullable=False),
        sa.Column("store_photos", sa.Boolean, nullable=False),
    )
    op.create_table(
        "credentials",
        _user_id(primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False),
        sa.Column("locked_until", _TS, nullable=True),
    )
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        _user_id(),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_table(
        "mood_events",
        sa.Column("id", sa.String(128), primary_key=True),
        _user_id(),
        sa.Column("at", _TS, nullable=False),
        sa.Column("emotion", sa.String(16), nullable=False),
        *(sa.Column(f"p_{name}", sa.Float, nullable=False)
          for name in ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("idempotency_key", sa.String(128), nullable=False),
        sa.Column("photo", sa.LargeBinary, nullable=True),
        sa.UniqueConstraint("user_id", "idempotency_key", name="uq_mood_events_user_key"),
    )
    op.create_index("ix_mood_events_user_at", "mood_events", ["user_id", "at"])
    op.create_table(
        "playlists",
        sa.Column("id", sa.String(128), primary_key=True),
        _user_id(),
        sa.Column("at", _TS, nullable=False),
        sa.Column("emotion", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("track_keys", sa.JSON, nullable=False),
    )
    op.create_index("ix_playlists_user_at", "playlists", ["user_id", "at"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _user_id(),
        sa.Column("at", _TS, nullable=False),
        sa.Column("track_key", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("artist", sa.Text, nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
    )
    op.create_index("ix_feedback_user_at", "feedback", ["user_id", "at"])
    op.create_table(
        "listens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _user_id(),
        sa.Column("at", _TS, nullable=False),
        sa.Column("track_key", sa.Text, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("completed", sa.Boolean, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("artist", sa.Text, nullable=False),
    )
    op.create_index("ix_listens_user_at", "listens", ["user_id", "at"])


def downgrade() -> None:
    for table in ("listens", "feedback", "playlists", "mood_events", "sessions", "credentials",
                  "preferences", "users"):
        op.drop_table(table)
