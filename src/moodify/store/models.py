"""What the store keeps: users, preferences, mood history, playlists shown, feedback, listening.

Plain frozen dataclasses, the same for every backend. Times are timezone-aware UTC.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from moodify.types import EMOTIONS, MODES, MOOD_SOURCES, FeedbackEvent, Mode, MoodSource, Track
from moodify.validation import (
    MAX_ARTIST_LEN,
    MAX_DISPLAY_NAME_LEN,
    MAX_EMAIL_LEN,
    MAX_GENRES,
    MAX_IDEMPOTENCY_KEY_LEN,
    MAX_PROVIDER_LEN,
    MAX_PROVIDERS,
    MAX_TAG_LEN,
    MAX_TAGS,
    MAX_TITLE_LEN,
    MAX_TRACK_KEY_LEN,
    MAX_TRACKS_PER_PLAYLIST,
    check_text,
    check_texts,
)

__all__ = ["MODES", "MOOD_SOURCES", "MoodSource"]  # re-exported: the vocabulary itself lives in moodify.types

# Deliberately loose: one "@", something on each side, no spaces. Deliverability is the mail server's job.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EMAIL_LENGTH = MAX_EMAIL_LEN


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(when: datetime) -> datetime:
    """Naive datetimes are taken as UTC (what SQLite gives back); aware ones are converted."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def normalize_email(email: str) -> str:
    """Trim and lower-case, so ``Ann@X.org `` and ``ann@x.org`` are one account. ValueError if malformed."""
    norm = email.strip().lower()
    check_text(norm, field="email", max_len=MAX_EMAIL_LENGTH)
    if not _EMAIL.match(norm):
        raise ValueError(f"not an email address: {email.strip()[:80]!r}")
    return norm


def new_id() -> str:
    return uuid.uuid4().hex


_USER_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


def check_user_id(user_id: str | None) -> str:
    """A new random id, or a given one (e.g. a Firebase uid) if it is a safe 1..128-character id."""
    if user_id is None:
        return new_id()
    if not _USER_ID.match(user_id):
        raise ValueError(f"not a valid user id: {user_id[:40]!r}")
    return user_id


def idempotency_key(*parts: bytes | str) -> str:
    """A stable key for "the same thing again" (e.g. the same image re-analysed): sha256 of the parts."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


MAX_DISPLAY_NAME = MAX_DISPLAY_NAME_LEN


@dataclass(frozen=True)
class User:
    id: str
    email: str
    display_name: str = ""  # stored verbatim: quotes, SQL, HTML and emoji are just text
    created_at: datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        # NUL is a character PostgreSQL text can't hold; refuse it (and the other controls) on every backend.
        check_text(self.display_name, field="display name", max_len=MAX_DISPLAY_NAME, free_text=True)


@dataclass(frozen=True)
class Preferences:
    """Per-user choices. Photos are kept only when ``store_photos`` is True (off by default)."""

    user_id: str
    default_mode: Mode = "match"
    favourite_genres: tuple[str, ...] = ()
    blocked_genres: tuple[str, ...] = ()
    providers: tuple[str, ...] = ()
    store_photos: bool = False

    def __post_init__(self) -> None:
        if self.default_mode not in MODES:
            raise ValueError(f"unknown mode {self.default_mode!r}; known: {', '.join(MODES)}")


@dataclass(frozen=True)
class MoodEvent:
    """One observed (or stated) mood. ``idempotency_key`` makes a retried write count once."""

    user_id: str
    emotion: str
    probabilities: tuple[float, ...]
    confidence: float
    source: MoodSource
    at: datetime = field(default_factory=utcnow)
    idempotency_key: str = field(default_factory=new_id)
    photo: bytes | None = None  # dropped by the store unless the user opted in
    id: str = ""  # default: derived from (user_id, idempotency_key), so a retry names the stored event

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", idempotency_key(self.user_id, self.idempotency_key)[:32])
        if self.emotion not in EMOTIONS:
            raise ValueError(f"unknown emotion {self.emotion!r}; known: {', '.join(EMOTIONS)}")
        if len(self.probabilities) != len(EMOTIONS):
            raise ValueError(f"need {len(EMOTIONS)} probabilities, got {len(self.probabilities)}")
        if self.source not in MOOD_SOURCES:
            raise ValueError(f"unknown source {self.source!r}; known: {', '.join(MOOD_SOURCES)}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be in [0, 1], got {self.confidence}")
        if not self.idempotency_key:
            raise ValueError("idempotency_key must be 1..128 characters")
        check_text(self.idempotency_key, field="idempotency_key", max_len=MAX_IDEMPOTENCY_KEY_LEN)


@dataclass(frozen=True)
class StoredTrack:
    """A track as it was shown in a playlist: what History, export and feedback need, without asking a provider.

    The stream URL is not kept: some expire (signed previews), and a replay resolves it again.
    """

    key: str
    title: str
    artist: str
    url: str = ""
    tags: tuple[str, ...] = ()
    valence: float = 0.0
    arousal: float = 0.0
    artwork_url: str | None = None
    duration_s: float | None = None
    license: str = ""
    license_url: str | None = None
    reason: str = ""
    genres: tuple[str, ...] = ()  # names from music/genres.py, as ranked and filtered when shown
    preview_s: float | None = None  # the stream was a clip of this length (Deezer: 30 s), not the song

    @property
    def provider(self) -> str:
        return self.key.partition(":")[0]

    def as_track(self) -> Track:
        """Back to a ``Track`` (without a stream: resolve it again to play) for exports and replays."""
        return Track(id=self.key.partition(":")[2], provider=self.provider, title=self.title, artist=self.artist,
                     url=self.url, stream_url=None, tags=self.tags, valence=self.valence, arousal=self.arousal,
                     license=self.license, license_url=self.license_url, artwork_url=self.artwork_url,
                     duration_s=self.duration_s, genres=self.genres, preview_s=self.preview_s)

    @classmethod
    def of(cls, track: Track, reason: str = "") -> StoredTrack:
        return cls(key=track.key, title=track.title, artist=track.artist, url=track.url, tags=track.tags,
                   valence=track.valence, arousal=track.arousal, artwork_url=track.artwork_url,
                   duration_s=track.duration_s, license=track.license, license_url=track.license_url,
                   reason=reason, genres=track.genres, preview_s=track.preview_s)

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "title": self.title, "artist": self.artist, "url": self.url,
                "tags": list(self.tags), "valence": self.valence, "arousal": self.arousal,
                "artwork_url": self.artwork_url, "duration_s": self.duration_s, "license": self.license,
                "license_url": self.license_url, "reason": self.reason, "genres": list(self.genres),
                "preview_s": self.preview_s}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> StoredTrack:
        def text(name: str) -> str:
            value = data.get(name)
            return value if isinstance(value, str) else ""

        def number(name: str) -> float | None:
            value = data.get(name)
            return float(value) if isinstance(value, int | float) else None

        def words(name: str) -> tuple[str, ...]:
            value = data.get(name)
            return tuple(t for t in value if isinstance(t, str)) if isinstance(value, list) else ()

        return cls(key=text("key"), title=text("title"), artist=text("artist"), url=text("url"), tags=words("tags"),
                   valence=number("valence") or 0.0, arousal=number("arousal") or 0.0,
                   artwork_url=text("artwork_url") or None, duration_s=number("duration_s"),
                   license=text("license"), license_url=text("license_url") or None, reason=text("reason"),
                   genres=words("genres"), preview_s=number("preview_s"))


@dataclass(frozen=True)
class PlaylistRecord:
    """A playlist as it was shown: which tracks (with what was shown of them), for which mood and mode."""

    user_id: str
    emotion: str
    mode: Mode
    track_keys: tuple[str, ...]
    at: datetime = field(default_factory=utcnow)
    id: str = field(default_factory=new_id)
    tracks: tuple[StoredTrack, ...] = ()  # empty for playlists saved before tracks were kept
    played_at: datetime | None = None  # when it was last played again from History; None: never

    def track(self, key: str) -> StoredTrack | None:
        return next((t for t in self.tracks if t.key == key), None)

    @property
    def active_at(self) -> datetime:
        """When the person last had it: made or shown (``at``), or played again, whichever is later."""
        return max(self.at, self.played_at) if self.played_at is not None else self.at


@dataclass(frozen=True)
class ListenEvent:
    """A track the user played, and for how long."""

    user_id: str
    track_key: str
    seconds: float
    at: datetime = field(default_factory=utcnow)
    completed: bool = False
    title: str = ""
    artist: str = ""


@dataclass(frozen=True)
class Credentials:
    """Local-auth secrets of one user: argon2id hash and the failed-login throttle."""

    user_id: str
    password_hash: str
    failed_logins: int = 0
    locked_until: datetime | None = None


@dataclass(frozen=True)
class SessionRecord:
    """A signed-in session. Only the sha256 of the token is stored, never the token."""

    token_hash: str
    user_id: str
    expires_at: datetime
    created_at: datetime = field(default_factory=utcnow)


# --- what every backend checks before it writes ---------------------------------------------------
# On write, not in __post_init__: rows stored before these limits existed must still read back (and export).

def check_feedback(event: FeedbackEvent) -> FeedbackEvent:
    """Bounded, no control characters (the type lives in ``types``; the store enforces the limits)."""
    check_text(event.track_key, field="track key", max_len=MAX_TRACK_KEY_LEN)
    check_text(event.artist, field="artist", max_len=MAX_ARTIST_LEN, free_text=True)
    check_texts(event.tags, field="tags", max_len=MAX_TAG_LEN, max_items=MAX_TAGS)
    return event


def check_listen(event: ListenEvent) -> ListenEvent:
    check_text(event.track_key, field="track key", max_len=MAX_TRACK_KEY_LEN)
    check_text(event.title, field="title", max_len=MAX_TITLE_LEN, free_text=True)
    check_text(event.artist, field="artist", max_len=MAX_ARTIST_LEN, free_text=True)
    return event


def check_playlist(record: PlaylistRecord) -> PlaylistRecord:
    check_texts(record.track_keys, field="track keys", max_len=MAX_TRACK_KEY_LEN,
                max_items=MAX_TRACKS_PER_PLAYLIST)
    return record


def check_preferences(prefs: Preferences) -> Preferences:
    check_texts(prefs.favourite_genres, field="favourite genres", max_len=MAX_TAG_LEN, max_items=MAX_GENRES)
    check_texts(prefs.blocked_genres, field="blocked genres", max_len=MAX_TAG_LEN, max_items=MAX_GENRES)
    check_texts(prefs.providers, field="providers", max_len=MAX_PROVIDER_LEN, max_items=MAX_PROVIDERS)
    return prefs


@dataclass(frozen=True)
class CounterHit:
    """One hit on a shared rate counter: the counts of this fixed window and of the one before it."""

    count: int  # hits in the current window, this one included
    previous: int  # hits in the window just before (0 if that window saw none)
    window_start: float  # epoch seconds
    window_s: int

    def estimate(self, now: float) -> float:
        """Sliding-window estimate of hits in the last ``window_s``: the previous window, weighted by how
        much of it still overlaps, plus this one. Avoids the 2x burst a plain fixed window allows at edges."""
        elapsed = min(max(now - self.window_start, 0.0), float(self.window_s))
        return self.previous * (1.0 - elapsed / self.window_s) + self.count


def counter_window(now: float, window_s: int) -> int:
    """Start (epoch seconds) of the fixed window ``now`` falls in."""
    return int(now // window_s) * window_s


def counter_key(key: str, window_s: int) -> str:
    """What the store keeps instead of the key (which may hold an address or an e-mail): a sha256."""
    return hashlib.sha256(f"{window_s}:{key}".encode()).hexdigest()


@dataclass(frozen=True)
class UserExport:
    """Everything the store holds about one user (credentials and sessions excepted)."""

    user: User
    preferences: Preferences
    mood_events: tuple[MoodEvent, ...]
    playlists: tuple[PlaylistRecord, ...]
    feedback: tuple[FeedbackEvent, ...]
    listens: tuple[ListenEvent, ...]
    exported_at: datetime = field(default_factory=utcnow)
