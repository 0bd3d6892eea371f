"""SQLAlchemy 2 table mappings for the SQL store. The schema itself is created by the Alembic migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Always aware UTC in Python; SQLite keeps no zone, so store naive UTC and re-attach it on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _user_fk() -> ForeignKey:
    return ForeignKey("users.id", ondelete="CASCADE")


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PreferencesRow(Base):
    __tablename__ = "preferences"
    user_id: Mapped[str] = mapped_column(String(128), _user_fk(), primary_key=True)
    default_mode: Mapped[str] = mapped_column(String(16))
    favourite_genres: Mapped[list[str]] = mapped_column(JSON)
    blocked_genres: Mapped[list[str]] = mapped_column(JSON)
    providers: Mapped[list[str]] = mapped_column(JSON)
    store_photos: Mapped[bool] = mapped_column(Boolean)


class CredentialsRow(Base):
    __tablename__ = "credentials"
    user_id: Mapped[str] = mapped_column(String(128), _user_fk(), primary_key=True)
    password_hash: Mapped[str] = mapped_column(Text)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SessionRow(Base):
    __tablename__ = "sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(128), _user_fk(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class MoodEventRow(Base):
    __tablename__ = "mood_events"
    __table_args__ = (
        UniqueConstraint("user_id", "idempotency_key", name="uq_mood_events_user_key"),
        Index("ix_mood_events_user_at", "user_id", "at"),
    )
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(128), _user_fk())
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    emotion: Mapped[str] = mapped_column(String(16))
    p_angry: Mapped[float] = mapped_column(Float)
    p_disgust: Mapped[float] = mapped_column(Float)
    p_fear: Mapped[float] = mapped_column(Float)
    p_happy: Mapped[float] = mapped_column(Float)
    p_sad: Mapped[float] = mapped_column(Float)
    p_surprise: Mapped[float] = mapped_column(Float)
    p_neutral: Mapped[float] = mapped_column(Float)
    confidence: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(16))
    idempotency_key: Mapped[str] = mapped_column(String(128))
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class PlaylistRow(Base):
    __tablename__ = "playlists"
    __table_args__ = (Index("ix_playlists_user_at", "user_id", "at"),)
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(128), _user_fk())
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    emotion: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(16))
    track_keys: Mapped[list[str]] = mapped_column(JSON)
    tracks: Mapped[list[dict[str, object]] | None] = mapped_column(JSON, nullable=True)
    played_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # last played again


class FeedbackRow(Base):
    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_user_at", "user_id", "at"),
                      UniqueConstraint("user_id", "idempotency_key", name="uq_feedback_user_key"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(128), _user_fk())
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    track_key: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    artist: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON)
    idempotency_key: Mapped[str | None] = mapped_column(String(128), nullable=True)


class ListenRow(Base):
    __tablename__ = "listens"
    __table_args__ = (Index("ix_listens_user_at", "user_id", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(128), _user_fk())
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    track_key: Mapped[str] = mapped_column(Text)
    seconds: Mapped[float] = mapped_column(Float)
    completed: Mapped[bool] = mapped_column(Boolean)
    title: Mapped[str] = mapped_column(Text, default="")
    artist: Mapped[str] = mapped_column(Text, default="")


class RateCounterRow(Base):
    """One shared rate counter: the current fixed window's count and the previous window's."""

    __tablename__ = "rate_counters"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the limit's key
    window_start: Mapped[int] = mapped_column(BigInteger)  # epoch seconds
    count: Mapped[int] = mapped_column(Integer)
    previous: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)  # epoch s; purged after this


class TrackGenreRow(Base):
    """Genres a provider gave for one track (e.g. Deezer's album genres), shared by every user."""

    __tablename__ = "track_genres"
    track_key: Mapped[str] = mapped_column(String(200), primary_key=True)  # Track.key
    genres: Mapped[str] = mapped_column(String(200), default="")  # comma-separated names from GENRES
