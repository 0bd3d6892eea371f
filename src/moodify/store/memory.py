"""In-process store: for guest sessions and tests. Thread-safe; gone when the process ends."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from moodify.errors import Conflict, NotFound
from moodify.settings import Settings
from moodify.store.base import STORES
from moodify.store.export import collect_export
from moodify.store.models import (
    CounterHit,
    Credentials,
    ListenEvent,
    MoodEvent,
    PlaylistRecord,
    Preferences,
    SessionRecord,
    User,
    UserExport,
    as_utc,
    check_feedback,
    check_listen,
    check_playlist,
    check_preferences,
    check_user_id,
    counter_key,
    counter_window,
    normalize_email,
)
from moodify.types import FeedbackEvent


@dataclass
class _UserData:
    user: User
    preferences: Preferences
    moods: dict[str, MoodEvent] = field(default_factory=dict)  # idempotency key -> event
    playlists: list[PlaylistRecord] = field(default_factory=list)
    feedback: list[FeedbackEvent] = field(default_factory=list)
    listens: list[ListenEvent] = field(default_factory=list)
    credentials: Credentials | None = None


class MemoryStore:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._users: dict[str, _UserData] = {}
        self._emails: dict[str, str] = {}
        self._sessions: dict[str, SessionRecord] = {}
        self._counters: dict[str, tuple[int, int, int, int]] = {}  # key -> (start, count, previous, window)
        self._track_genres: dict[str, tuple[str, ...]] = {}

    def _data(self, user_id: str) -> _UserData:
        try:
            return self._users[user_id]
        except KeyError:
            raise NotFound(f"no user with id {user_id!r}") from None

    # --- users -----------------------------------------------------------------------------
    def create_user(self, email: str, display_name: str = "", *, user_id: str | None = None) -> User:
        norm = normalize_email(email)
        with self._lock:
            if norm in self._emails:
                raise Conflict(f"an account with email {norm} already exists")
            user = User(id=check_user_id(user_id), email=norm, display_name=display_name)
            if user.id in self._users:
                raise Conflict(f"a user with id {user.id!r} already exists")
            self._users[user.id] = _UserData(user, Preferences(user_id=user.id))
            self._emails[norm] = user.id
            return user

    def get_user(self, user_id: str) -> User:
        with self._lock:
            return self._data(user_id).user

    def find_user(self, email: str) -> User:
        norm = normalize_email(email)
        with self._lock:
            if norm not in self._emails:
                raise NotFound(f"no user with email {norm}")
            return self._users[self._emails[norm]].user

    def delete_user(self, user_id: str) -> None:
        with self._lock:
            data = self._users.pop(user_id, None)
            if data is None:
                raise NotFound(f"no user with id {user_id!r}")
            self._emails.pop(data.user.email, None)
            for token_hash in [h for h, s in self._sessions.items() if s.user_id == user_id]:
                del self._sessions[token_hash]

    # --- preferences -----------------------------------------------------------------------
    def get_preferences(self, user_id: str) -> Preferences:
        with self._lock:
            return self._data(user_id).preferences

    def set_preferences(self, prefs: Preferences) -> None:
        check_preferences(prefs)
        with self._lock:
            self._data(prefs.user_id).preferences = prefs

    # --- mood history ----------------------------------------------------------------------
    def _add_mood(self, event: MoodEvent) -> bool:
        data = self._data(event.user_id)
        if event.idempotency_key in data.moods:
            return False
        keep_photo = data.preferences.store_photos and event.photo is not None
        data.moods[event.idempotency_key] = replace(
            event, at=as_utc(event.at), photo=event.photo if keep_photo else None
        )
        return True

    def add_mood_event(self, event: MoodEvent) -> bool:
        with self._lock:
            return self._add_mood(event)

    def add_mood_events(self, events: Sequence[MoodEvent]) -> int:
        with self._lock:
            for event in events:  # validate first: all or nothing
                self._data(event.user_id)
            return sum(self._add_mood(event) for event in events)

    def get_mood_event(self, user_id: str, event_id: str) -> MoodEvent:
        with self._lock:
            for event in self._data(user_id).moods.values():
                if event.id == event_id:
                    return event
        raise NotFound(f"no mood event {event_id!r} for this user")

    def list_mood_events(
        self, user_id: str, *, since: datetime | None = None, until: datetime | None = None,
        limit: int | None = None,
    ) -> list[MoodEvent]:
        with self._lock:
            events = sorted(self._data(user_id).moods.values(), key=lambda e: (e.at, e.id))
        if since is not None:
            events = [e for e in events if e.at >= as_utc(since)]
        if until is not None:
            events = [e for e in events if e.at < as_utc(until)]
        return events[-limit:] if limit else events

    # --- playlists, feedback, listening -----------------------------------------------------
    def add_playlist(self, record: PlaylistRecord) -> None:
        check_playlist(record)
        with self._lock:
            played = as_utc(record.played_at) if record.played_at is not None else None
            self._data(record.user_id).playlists.append(replace(record, at=as_utc(record.at), played_at=played))

    def list_playlists(self, user_id: str) -> list[PlaylistRecord]:
        with self._lock:
            return sorted(self._data(user_id).playlists, key=lambda p: p.at)

    def get_playlist(self, user_id: str, playlist_id: str) -> PlaylistRecord:
        with self._lock:
            for record in self._data(user_id).playlists:
                if record.id == playlist_id:
                    return record
        raise NotFound(f"no playlist {playlist_id!r} for this user")

    def mark_playlist_played(self, user_id: str, playlist_id: str, at: datetime) -> None:
        with self._lock:
            playlists = self._data(user_id).playlists
            for i, record in enumerate(playlists):
                if record.id == playlist_id:
                    playlists[i] = replace(record, played_at=as_utc(at))
                    return
        raise NotFound(f"no playlist {playlist_id!r} for this user")

    def add_feedback(self, event: FeedbackEvent) -> bool:
        check_feedback(event)
        with self._lock:
            stored = self._data(event.user_id).feedback
            if event.idempotency_key and any(f.idempotency_key == event.idempotency_key for f in stored):
                return False
            stored.append(replace(event, at=as_utc(event.at)))
            return True

    def list_feedback(self, user_id: str) -> list[FeedbackEvent]:
        with self._lock:
            return sorted(self._data(user_id).feedback, key=lambda f: f.at)

    def add_listen(self, event: ListenEvent) -> None:
        check_listen(event)
        with self._lock:
            self._data(event.user_id).listens.append(replace(event, at=as_utc(event.at)))

    def list_listens(self, user_id: str) -> list[ListenEvent]:
        with self._lock:
            return sorted(self._data(user_id).listens, key=lambda e: e.at)

    def export_user(self, user_id: str) -> UserExport:
        with self._lock:
            return collect_export(self, user_id)  # under the lock: one consistent snapshot

    # --- auth data ---------------------------------------------------------------------------
    def get_credentials(self, user_id: str) -> Credentials | None:
        with self._lock:
            return self._data(user_id).credentials

    def save_credentials(self, creds: Credentials) -> None:
        with self._lock:
            self._data(creds.user_id).credentials = creds

    def count_login_failure(self, user_id: str) -> int:
        with self._lock:
            data = self._data(user_id)
            if data.credentials is None:
                raise NotFound(f"user {user_id!r} has no password")
            data.credentials = replace(data.credentials, failed_logins=data.credentials.failed_logins + 1)
            return data.credentials.failed_logins

    def add_session(self, session: SessionRecord) -> None:
        with self._lock:
            self._data(session.user_id)
            self._sessions[session.token_hash] = session

    def get_session(self, token_hash: str) -> SessionRecord | None:
        with self._lock:
            return self._sessions.get(token_hash)

    def delete_session(self, token_hash: str) -> None:
        with self._lock:
            self._sessions.pop(token_hash, None)

    def delete_user_sessions(self, user_id: str, *, keep: str | None = None) -> int:
        with self._lock:
            gone = [h for h, s in self._sessions.items() if s.user_id == user_id and h != keep]
            for token_hash in gone:
                del self._sessions[token_hash]
            return len(gone)

    def purge_sessions(self, expired_before: datetime) -> int:
        with self._lock:
            old = [h for h, s in self._sessions.items() if as_utc(s.expires_at) < as_utc(expired_before)]
            for token_hash in old:
                del self._sessions[token_hash]
            return len(old)

    def hit_counter(self, key: str, window_s: int, *, now: float | None = None) -> CounterHit:
        at = time.time() if now is None else now
        start = counter_window(at, window_s)
        k = counter_key(key, window_s)
        with self._lock:
            old_start, count, previous, _ = self._counters.get(k, (start, 0, 0, window_s))
            if old_start >= start:
                start, count = old_start, count + 1
            else:
                previous = count if old_start == start - window_s else 0
                count = 1
            self._counters[k] = (start, count, previous, window_s)
        return CounterHit(count=count, previous=previous, window_start=start, window_s=window_s)

    def purge_counters(self, before: float) -> int:
        with self._lock:
            # A window's counts matter until the end of the next window (the sliding estimate reads it).
            old = [k for k, (start, _, _, window) in self._counters.items() if start + 2 * window <= before]
            for k in old:
                del self._counters[k]
            return len(old)

    def get_track_genres(self, keys: Sequence[str]) -> dict[str, tuple[str, ...]]:
        with self._lock:
            return {k: self._track_genres[k] for k in keys if k in self._track_genres}

    def put_track_genres(self, genres: Mapping[str, tuple[str, ...]]) -> None:
        with self._lock:
            self._track_genres.update({k: tuple(v) for k, v in genres.items()})

    def close(self) -> None:
        pass


@STORES.register("memory")
def _memory_store(settings: Settings) -> MemoryStore:
    return MemoryStore()
